// wasm/browser.js — the C++ side's calls into the page (an Emscripten --js-library).
// Everything here talks to Module.certdesk, set up by the modules of wasm/js/ (wasm/README.md has the map).
mergeInto(LibraryManager.library, {
  certdesk_js_set_clipboard: function (ptr) {
    Module.certdesk.copyText(UTF8ToString(ptr));
  },
  certdesk_js_ime: function (want, x, y, lineHeight) {
    Module.certdesk.imeState(!!want, x, y, lineHeight);
  },
  certdesk_js_sync: function (seq, path, removed) {
    Module.certdesk.sync(seq, UTF8ToString(path), !!removed);
  },
  certdesk_js_store_pending: function (path) {
    return Module.certdesk.storePending(UTF8ToString(path)) ? 1 : 0;
  },
  certdesk_js_load_case: function (id) {
    Module.certdesk.loadCase(UTF8ToString(id));
  },
  certdesk_js_store_read_only: function () {
    return Module.certdesk.store.readOnly ? 1 : 0;
  },
  // Hands C++ why the store could not be loaded (certdesk_storage_load_failed), if it could not.
  certdesk_js_store_load_error: function () {
    var why = Module.certdesk.store.loadError;
    if (why) Module.ccall('certdesk_storage_load_failed', null, ['string'], [why]);
  },
  certdesk_js_apply_update: function () {
    Module.certdesk.applyUpdate();
  },
  certdesk_js_mark: function (name) {
    Module.certdesk.mark(UTF8ToString(name));
  },
  certdesk_js_frame_done: function () {
    Module.certdesk.firstFrame();
  },
  certdesk_js_sha256: function (job, ptrs, lens, count) {
    Module.certdesk.sha256(job, ptrs, lens, count);
  },
  certdesk_js_download: function (name, type, data, len) {
    Module.certdesk.download(UTF8ToString(name), UTF8ToString(type), data, len);
  },
  certdesk_js_open_print: function (title, data, len) {
    return Module.certdesk.openPrint(UTF8ToString(title), data, len) ? 1 : 0;
  },
  certdesk_js_pick_files: function (purpose, accept) {
    Module.certdesk.pickFile(UTF8ToString(purpose), UTF8ToString(accept));
  },
  certdesk_js_loop_start: function () {
    Module.certdesk.loop.start();
  },
  certdesk_js_sleep: function () {
    Module.certdesk.loop.sleep();
  },
  certdesk_js_resume: function () {
    Module.certdesk.loop.resume();
  },
  certdesk_js_data_failed: function (what) {
    if (Module.dataFailed) Module.dataFailed(UTF8ToString(what));
  },
  certdesk_js_tz_offset_minutes: function () {
    return -new Date().getTimezoneOffset();
  },
});
