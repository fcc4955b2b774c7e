// wasm/js/loop.js — when frames are drawn (issue 16: draw only when something changed). Owns the
// main loop's pauses: C++ (wasm/main.cpp, should_draw) decides each frame whether anything may
// have changed and, if nothing has, puts the loop to sleep (`loop.sleep`); it sleeps until a wake —
// any input event (listened to here, on window in the capture phase, before GLFW's listeners and
// before any module can stop an event), a timer (the date changes at midnight; a heartbeat), or an
// entry point of C++ that changed state (it resumes the loop through `loop.resume`). A file being
// read holds the loop paused (`loop.hold`, files.js) whatever wakes it meanwhile.
// Adds `loop` {start, sleep, resume, hold, wake, drawEveryFrame} to the namespace (browser.js, files.js,
// test_hook.js); calls C++'s certdesk_wake.
(function () {
  'use strict';
  var bridge = Module.certdesk;
  var loop = bridge.loop = {};
  var holds = 0;         // file reads in progress: no frames meanwhile
  var sleeping = false;  // paused because nothing changed
  var live = false;      // main() started the loop: C++ can be woken
  var timer = null;
  // Even with nothing to do, a frame now and then: a wake missed by a bug costs at most this.
  var HEARTBEAT_MS = 60000;

  function wake(input, frames) {
    if (live && Module._certdesk_wake) Module._certdesk_wake(input ? 1 : 0, frames || 0);
  }
  loop.wake = wake;
  loop.start = function () { live = true; };
  loop.resume = function () {
    if (timer !== null) { clearTimeout(timer); timer = null; }
    if (!sleeping || holds > 0) return;
    sleeping = false;
    Module.resumeMainLoop();
  };
  loop.sleep = function () {
    if (sleeping) return;
    sleeping = true;
    Module.pauseMainLoop();
    var now = new Date();
    var midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 0, 1) - now;
    timer = setTimeout(function () { timer = null; wake(false, 2); }, Math.max(0, Math.min(midnight, HEARTBEAT_MS)));
    watchSize();
  };
  // While asleep, the pixel ratio and the canvas's CSS size are compared a few times a second: a
  // changed ratio (zoom, another screen, DevTools' emulation) may fire no event at all, and a
  // missed wake-up is a frozen screen. A comparison of three numbers costs nothing measurable.
  var sizeTimer = null;
  function sizeKey() {
    var c = bridge.canvas || document.getElementById('canvas');
    return (window.devicePixelRatio || 1) + 'x' + (c ? c.clientWidth + 'x' + c.clientHeight : '');
  }
  function watchSize() {
    if (sizeTimer !== null) clearInterval(sizeTimer);
    var key = sizeKey();
    sizeTimer = setInterval(function () {
      if (!sleeping) { clearInterval(sizeTimer); sizeTimer = null; return; }
      if (sizeKey() !== key) { key = sizeKey(); onInput(); }
    }, 200);
  }
  // Benchmarks of frame times (tests/bench/frame_time.mjs): a frame every animation frame, as
  // before drawing on demand, while on.
  var everyFrame = false;
  loop.drawEveryFrame = function (on) {
    var start = on && !everyFrame;
    everyFrame = !!on;
    if (start) (function tick() { if (everyFrame) { wake(false, 2); requestAnimationFrame(tick); } })();
  };
  loop.hold = function (on) {
    if (on && holds++ === 0 && Module.pauseMainLoop) Module.pauseMainLoop();
    if (!on && --holds === 0) {
      if (timer !== null) { clearTimeout(timer); timer = null; }
      sleeping = false;
      if (Module.resumeMainLoop) Module.resumeMainLoop();
    }
  };

  // Input: every event GLFW, ImGui's wheel callback or the IME bridge acts on, and what changes
  // the canvas (size, pixel ratio, focus, visibility).
  var onInput = function () { wake(true, 0); };
  var opts = { capture: true, passive: true };
  ['mousedown', 'mouseup', 'mousemove', 'mouseover', 'mouseout', 'mouseleave', 'mouseenter', 'wheel',
   'pointerdown', 'pointerup', 'pointermove', 'pointercancel', 'touchstart', 'touchmove', 'touchend',
   'touchcancel', 'keydown', 'keyup', 'keypress', 'compositionstart', 'compositionupdate',
   'compositionend', 'input', 'paste', 'copy', 'cut', 'contextmenu', 'dragover', 'drop', 'focus',
   'blur', 'resize', 'pageshow'].forEach(function (type) { window.addEventListener(type, onInput, opts); });
  document.addEventListener('visibilitychange', onInput, opts);
  if (bridge.canvas) bridge.canvas.addEventListener('webglcontextrestored', onInput, opts);
  // The canvas's size in device pixels: a changed pixel ratio (zoom, another screen, DevTools'
  // emulation) fires no resize event. Reported in the frame's rendering steps, so the app draws in
  // the next frame.
  if (window.ResizeObserver && bridge.canvas) {
    var observer = new ResizeObserver(onInput);
    try {
      observer.observe(bridge.canvas, { box: 'device-pixel-content-box' });
    } catch (e) {
      observer.observe(bridge.canvas);
    }
  }
  // The same through a media query, where device-pixel-content-box is not supported.
  (function watchRatio() {
    if (!window.matchMedia) return;
    var query = window.matchMedia('(resolution: ' + (window.devicePixelRatio || 1) + 'dppx)');
    if (!query.addEventListener) return;
    query.addEventListener('change', function () { onInput(); watchRatio(); }, { once: true });
  })();
})();
