// wasm/js/loop.js — the main loop's pauses. Owns the count of holds: while at least one is held
// (files.js reading a file) no frame is drawn. Adds `loop.hold(on)` to the namespace.
(function () {
  'use strict';
  var bridge = Module.certdesk;
  var loop = bridge.loop = {};
  var holds = 0;
  loop.hold = function (on) {
    if (on && holds++ === 0 && Module.pauseMainLoop) Module.pauseMainLoop();
    if (!on && --holds === 0 && Module.resumeMainLoop) Module.resumeMainLoop();
  };
})();
