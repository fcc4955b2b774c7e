// wasm/js/test_hook.js — the test hook `window.certdesk` (wasm/README.md, "Test hook"): read the
// app state and issue the same commands the UI issues. It grants nothing the UI does not: every
// command goes through the app's one command path. Owns nothing of its own; hands out the other
// modules' promises (ready, fontLoaded: fonts.js; storeLoaded: store_load.js), the shared `canvas`,
// `store.timing` and `store.notLoaded`, and the loop's switch (loop.js) and frame count (C++).
(function () {
  'use strict';
  var bridge = Module.certdesk;
  var canvas = bridge.canvas;
  var store = bridge.store;
  window.certdesk = {
    ready: bridge.ready,
    // Resolves once every entry of the store is in the file system (the case files arrive after
    // the first frame, issue 8).
    storeLoaded: bridge.storeLoaded,
    fontLoaded: bridge.fontLoaded,
    state: function () {
      return JSON.parse(Module.ccall('certdesk_test_state', 'string', [], []));
    },
    // 'idle' | 'saving' | 'saved' | 'failed', without building the whole state (benchmarks poll it).
    saveState: function () {
      return ['idle', 'saving', 'saved', 'failed'][Module._certdesk_test_save_state()];
    },
    dispatch: function (command) {
      // Through malloc'ed memory, not ccall's 'string' (the 1 MB wasm stack, at up to 4 bytes
      // per character): a form full of 10,000-character lines is a command of several 100 KB.
      var text = new TextEncoder().encode(JSON.stringify(command) + '\0');
      var ptr = Module._malloc(text.length);
      HEAPU8.set(text, ptr);
      try {
        return JSON.parse(Module.ccall('certdesk_test_dispatch', 'string', ['number'], [ptr]));
      } finally {
        Module._free(ptr);
      }
    },
    // A named widget's rectangle in CSS pixels relative to the page, for real mouse clicks.
    widget: function (id) {
      var s = window.certdesk.state();
      var r = s.widgets[id];
      if (!r) return null;
      var dpr = window.devicePixelRatio || 1;
      var c = canvas.getBoundingClientRect();
      return { x: c.left + r[0] / dpr, y: c.top + r[1] / dpr, width: r[2] / dpr, height: r[3] / dpr };
    },
    // Resolves when a service worker controls the page (offline-ready after one visit).
    offlineReady: function () { return bridge.offlineReady(); },
    // Asks the browser to look for a new deployment now (as it does every 30 minutes).
    checkForUpdate: function () { return bridge.checkForUpdate(); },
    // Benchmarks: CPU time of each frame since the last call, in ms, as [whole frame, ImGui
    // NewFrame → Render] pairs (then forgotten); and a
    // switch drawing an empty ImGui frame instead of the app (the baseline; changes no data).
    frameTimes: function () {
      return JSON.parse(Module.ccall('certdesk_frame_times', 'string', [], []));
    },
    emptyFrames: function (on) { Module.ccall('certdesk_empty_frames', null, ['number'], [on ? 1 : 0]); },
    // Benchmarks: when the store's load began, was read from IndexedDB, and was in the file system
    // (performance.now() ms), with the number of entries; and when the first frame was drawn.
    storeTiming: function () { return Object.assign({}, store.timing); },
    // How many case histories are not read yet (they are read after the first frame).
    unreadHistories: function () { return Module._certdesk_test_unread(); },
    // How many store entries (case files, attachments, folders) are not loaded from IndexedDB yet.
    pendingEntries: function () { return store.notLoaded.size; },
    // Size of the wasm memory in bytes (it only grows, so this is the peak so far).
    memoryBytes: function () { return HEAPU8.length; },
    // Frames the app has drawn since it started (drawing on demand: an idle page draws none).
    framesDrawn: function () { return Module._certdesk_frames_drawn(); },
    // Benchmarks of frame times: draw every animation frame while on (js/loop.js).
    drawEveryFrame: function (on) { bridge.loop.drawEveryFrame(on); },
    // Resolves after n animation frames. It wakes nothing: the app draws them only if something
    // changed (an input, a dispatch, a result), so tests exercise the wake-ups themselves.
    frames: function (n) {
      return new Promise(function (resolve) {
        var left = n || 2;
        (function tick() { if (--left <= 0) resolve(); else requestAnimationFrame(tick); })();
      });
    },
  };
})();
