// wasm/js/fonts.js — the first frame and the second font stage. Owns the `ready` and `fontLoaded`
// promises (test_hook.js hands them out as window.certdesk.ready / .fontLoaded) and adds `mark`
// (start-up phases of main() into the shared store.timing) and `firstFrame` (browser.js calls it
// after C++ drew the first frame) to the namespace. After the first frame it runs the other
// modules' shared `firstFrameHooks` (the case files' load, the storage note, the service worker),
// then fetches fonts/cjk.ttf and hands it to C++ (certdesk_font_add / certdesk_font_failed).
(function () {
  'use strict';
  var bridge = Module.certdesk;
  var store = bridge.store;
  var readyResolve;
  bridge.ready = new Promise(function (r) { readyResolve = r; });
  var fontResolve;
  bridge.fontLoaded = new Promise(function (r) { fontResolve = r; });
  // Start-up phases of main() (wasm/main.cpp), for storeTiming().
  bridge.mark = function (name) { store.timing[name] = performance.now(); };
  bridge.firstFrame = function () {
    store.timing.firstFrame = performance.now();
    store.timing.pendingAtFirstFrame = store.notLoaded.size;
    if (Module.onFirstFrame) Module.onFirstFrame();
    readyResolve();
    // The case files (issue 8), the storage note, the service worker: now that the first screen
    // is drawn.
    bridge.firstFrameHooks.forEach(function (hook) { hook(); });
    // Stage two of the font: fetched after the first frame so it never delays it.
    fetch('fonts/cjk.ttf').then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.arrayBuffer();
    }).then(function (buf) {
      var bytes = new Uint8Array(buf);
      var ptr = Module._malloc(bytes.length);
      HEAPU8.set(bytes, ptr);
      Module._certdesk_font_add(ptr, bytes.length);
      fontResolve(true);
    }).catch(function (err) {
      Module.ccall('certdesk_font_failed', null, ['string'], [String(err && err.message || err)]);
      fontResolve(false);
    });
  };
})();
