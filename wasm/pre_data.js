// pre_data.js — the start-up data (boot font, GB2312 list, default catalogue, holidays,
// person-day table) as files of the site instead of bytes embedded in the wasm. index.html
// starts their downloads next to the wasm's (Module.dataFiles: site path → fetch promise); before
// main() each is written to the in-memory file system at '/' + its site path, where main.cpp
// reads it. A file that does not arrive stops the start with a message naming it.
(function () {
  'use strict';
  Module.preRun = [].concat(Module.preRun || [], [function () {
    var files = Module.dataFiles || {};
    addRunDependency('certdesk-data');
    Promise.all(Object.keys(files).map(function (path) {
      return Promise.resolve(files[path]).then(function (res) {
        if (!res || !res.ok) throw new Error(path + '：HTTP ' + (res ? res.status : '无响应'));
        return res.arrayBuffer();
      }, function () {
        throw new Error(path + '：网络错误');
      }).then(function (buf) {
        var slash = path.lastIndexOf('/');
        if (slash > 0) FS.mkdirTree('/' + path.slice(0, slash));
        FS.writeFile('/' + path, new Uint8Array(buf));
      });
    })).then(function () {
      removeRunDependency('certdesk-data');
    }, function (err) {
      if (Module.dataFailed) Module.dataFailed(err.message);
    });
  }]);
})();
