// wasm/pre.js — the browser edge that must exist before the runtime starts (--pre-js):
// the IME / clipboard bridge (a hidden textarea that follows ImGui's caret), the second font
// stage, and the test hook `window.certdesk`. See wasm/README.md.
(function () {
  'use strict';
  var bridge = {};
  Module.certdesk = bridge;
  var canvas = Module.canvas || document.getElementById('canvas');
  var area = document.createElement('textarea');
  area.id = 'certdesk-ime';
  area.setAttribute('autocomplete', 'off');
  area.setAttribute('autocorrect', 'off');
  area.setAttribute('autocapitalize', 'off');
  area.setAttribute('spellcheck', 'false');
  area.setAttribute('aria-hidden', 'true');
  area.tabIndex = -1;
  // Transparent, caret-sized, on top of the canvas at ImGui's caret: the browser draws the
  // composition (preedit) text there and places the IME's candidate window next to it.
  area.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;padding:0;margin:0;' +
    'border:0;outline:0;resize:none;overflow:hidden;white-space:nowrap;background:transparent;' +
    'color:#222;caret-color:transparent;opacity:1;z-index:2;font:16px sans-serif;line-height:1;';
  document.body.appendChild(area);

  var composing = false;
  var wantText = false;
  var pasteByKey = false;  // Ctrl/Cmd+V: ImGui runs its own paste and asks for the text

  function commit(text) {
    if (!text || !Module._certdesk_ime_commit) return;
    Module.ccall('certdesk_ime_commit', null, ['string'], [text]);
  }

  // Capture listeners on window run before Emscripten's GLFW ones (registered later, also in
  // the capture phase on window), so keys that belong to the IME never reach ImGui.
  window.addEventListener('keydown', function (e) {
    if (e.target !== area) return;
    if (e.isComposing || e.keyCode === 229) { e.stopImmediatePropagation(); return; }
    var mod = e.ctrlKey || e.metaKey;
    // Ctrl/Cmd+V reaches ImGui as a shortcut; the DOM paste event that follows in the same
    // task hands over the text before ImGui's next frame asks for it.
    pasteByKey = mod && (e.key === 'v' || e.key === 'V');
    if (e.key === 'Enter' || e.key === 'Tab') e.preventDefault(); // ImGui handles them; keep the textarea empty
  }, true);
  window.addEventListener('keyup', function (e) {
    if (e.target === area && (e.isComposing || e.keyCode === 229)) e.stopImmediatePropagation();
  }, true);

  area.addEventListener('compositionstart', function () {
    composing = true;
    area.style.width = '40em';
    area.style.background = '#fff';  // the preedit covers the text after the caret while it lasts
  });
  area.addEventListener('compositionend', function (e) {
    composing = false;
    commit(e.data || area.value);
    area.value = '';
    area.style.width = '1px';
    area.style.background = 'transparent';
  });
  area.addEventListener('input', function (e) {
    if (composing || e.isComposing) return;
    var text = area.value;
    area.value = '';
    commit(text);
  });
  area.addEventListener('paste', function (e) {
    e.preventDefault();
    var text = (e.clipboardData || window.clipboardData).getData('text').replace(/\r\n?/g, '\n');
    if (pasteByKey) {
      Module.ccall('certdesk_paste_text', null, ['string'], [text]);
    } else {
      commit(text);  // paste from the browser's context menu: no shortcut, typed as text
    }
    pasteByKey = false;
  });

  bridge.copyText = function (text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).catch(function () { legacyCopy(text); });
    } else {
      legacyCopy(text);
    }
  };
  function legacyCopy(text) {
    var had = document.activeElement;
    area.value = text;
    area.select();
    try { document.execCommand('copy'); } catch (err) { /* nothing else to try */ }
    area.value = '';
    if (had && had.focus) had.focus({ preventScroll: true });
  }

  bridge.imeState = function (want, x, y, lineHeight) {
    var dpr = window.devicePixelRatio || 1;
    var rect = canvas.getBoundingClientRect();
    area.style.left = (rect.left + x / dpr) + 'px';
    area.style.top = (rect.top + y / dpr) + 'px';
    area.style.height = Math.max(1, lineHeight / dpr) + 'px';
    area.style.fontSize = Math.max(8, lineHeight / dpr * 0.9) + 'px';
    if (want !== wantText) {
      wantText = want;
      if (!want && document.activeElement === area && !composing) canvas.focus({ preventScroll: true });
    }
    if (want && document.activeElement !== area) area.focus({ preventScroll: true });
  };

  // ---------------------------------------------------------------- first frame and fonts
  var readyResolve;
  var ready = new Promise(function (r) { readyResolve = r; });
  var fontResolve;
  var fontDone = new Promise(function (r) { fontResolve = r; });
  bridge.firstFrame = function () {
    if (Module.onFirstFrame) Module.onFirstFrame();
    readyResolve();
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

  // ---------------------------------------------------------------- test hook
  // window.certdesk: read the app state and issue the same commands the UI issues. It grants
  // nothing the UI does not: every command goes through the app's one command path.
  window.certdesk = {
    ready: ready,
    fontLoaded: fontDone,
    state: function () {
      return JSON.parse(Module.ccall('certdesk_test_state', 'string', [], []));
    },
    dispatch: function (command) {
      return JSON.parse(Module.ccall('certdesk_test_dispatch', 'string', ['string'], [JSON.stringify(command)]));
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
    frames: function (n) {
      return new Promise(function (resolve) {
        var left = n || 2;
        (function tick() { if (--left <= 0) resolve(); else requestAnimationFrame(tick); })();
      });
    },
  };
})();
