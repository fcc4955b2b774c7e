// wasm/js/ime.js — Chinese input, the clipboard and the keyboard's focus (wasm/README.md, "Chinese
// input and the clipboard"). Owns the hidden textarea #certdesk-ime that follows ImGui's caret, the
// focus guards of issue 15 and the scroll keys outside text fields. Adds `copyText` and `imeState`
// to the namespace (called by browser.js); uses the shared `canvas`. Talks to C++ through
// certdesk_ime_commit, certdesk_paste_text and certdesk_scroll_key.
(function () {
  'use strict';
  var bridge = Module.certdesk;
  var canvas = bridge.canvas;
  var area = document.createElement('textarea');
  area.id = 'certdesk-ime';
  area.setAttribute('autocomplete', 'off');
  area.setAttribute('autocorrect', 'off');
  area.setAttribute('autocapitalize', 'off');
  area.setAttribute('spellcheck', 'false');
  area.setAttribute('aria-hidden', 'true');
  area.tabIndex = -1;
  // Transparent, caret-sized, on top of the canvas at ImGui's caret: the browser draws the
  // composition (preedit) text there and places the IME's candidate window next to it. The mouse
  // goes through it to the canvas: a click into a text field puts the caret, and so this textarea,
  // right under the pointer about one time in seven, and the release then landed on the textarea,
  // which GLFW does not listen to; ImGui kept the button held, and the next click into another
  // field became a drag selection in this one, where the typing then went (issue 15).
  area.style.cssText = 'pointer-events:none;position:fixed;left:0;top:0;width:1px;height:1px;padding:0;margin:0;' +
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

  // Issue 15: keystrokes must never be lost. ImGui reports where it wants text only when that
  // changes, so a click into the text field that already has focus (same field, same caret) used
  // to move the browser's focus from the textarea to the page without a word from ImGui, and
  // every key after it went nowhere. Three guards keep the textarea focused while ImGui wants text:
  // a press on the canvas does not take the focus away from it (the canvas needs none: GLFW
  // listens on the window), the release puts it back if anything else took it, and a key typed
  // with the focus elsewhere moves it there before the browser delivers the character.
  function refocus() {
    if (wantText && document.activeElement !== area && !composing) area.focus({ preventScroll: true });
  }
  // PageUp / PageDown / Home / End, when no text is being edited, scroll the region under the
  // pointer (issue 15): taken here, before GLFW, so ImGui's own keyboard navigation does not also
  // act on them; in a text field they stay ImGui's (caret to line start / end).
  var scrollKeys = { PageUp: 1, PageDown: 2, Home: 3, End: 4 };
  window.addEventListener('keydown', function (e) {
    if (wantText || composing || !scrollKeys[e.key] || e.ctrlKey || e.metaKey || e.altKey) return;
    if (!Module._certdesk_scroll_key) return;
    e.stopImmediatePropagation();
    e.preventDefault();
    Module._certdesk_scroll_key(scrollKeys[e.key]);
  }, true);
  canvas.addEventListener('mousedown', function (e) {
    if (wantText && document.activeElement === area) e.preventDefault();
  });
  // A release anywhere but on the canvas (another element, outside the window) never reaches GLFW,
  // which listens on the canvas only: ImGui is told here, or it keeps the button held.
  window.addEventListener('mouseup', function (e) {
    if (e.target !== canvas && Module._certdesk_mouse_release) Module._certdesk_mouse_release(e.button);
    setTimeout(refocus, 0);
  }, true);
  window.addEventListener('keydown', refocus, true);

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
})();
