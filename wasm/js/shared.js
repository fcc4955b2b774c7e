// wasm/js/shared.js — first of the --pre-js modules (order in wasm/CMakeLists.txt): creates the
// one namespace object the modules share, `Module.certdesk` (browser.js reaches the modules
// through it too). Each module adds its own members; what is shared is created here so every
// module finds it whatever its place in the order:
//   canvas            the #canvas element (ime.js, test_hook.js)
//   store             the durable store's shared facts: readOnly and loadError (why the store
//                     could not be read; store_load.js sets both, save_pump.js reads them), locks
//                     (Web Locks available), timing (storeTiming(): written by fonts.js and
//                     store_load.js), notLoaded (the store keys still only
//                     in IndexedDB: store_load.js owns it, save_pump.js and test_hook.js read it)
//   firstFrameHooks   what other modules start once the first frame is drawn (fonts.js runs them)
(function () {
  'use strict';
  Module.certdesk = {
    canvas: Module.canvas || document.getElementById('canvas'),
    store: { readOnly: false, loadError: '', locks: !!(navigator.locks && navigator.locks.request), timing: {}, notLoaded: new Set() },
    firstFrameHooks: [],
  };
})();
