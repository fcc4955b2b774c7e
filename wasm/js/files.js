// wasm/js/files.js — files in and out of the page: SHA-256 by WebCrypto, downloads, print windows
// and the file picker (wasm/README.md, "Files, hashes and downloads" and "Print windows"). Adds
// `sha256`, `download`, `openPrint` and `pickFile` to the namespace (called by browser.js);
// answers C++ through certdesk_sha256_done, certdesk_file_buffer / certdesk_file_picked and
// certdesk_file_failed. While a file is read it holds the main loop (the shared `loop.hold`,
// loop.js).
(function () {
  'use strict';
  var bridge = Module.certdesk;

  // SHA-256 by WebCrypto over views of the wasm memory (digest() copies its input at the call,
  // so a later memory growth cannot change what is hashed).
  bridge.sha256 = function (job, ptrs, lens, count) {
    // The digests go through malloc'ed memory: ccall copies 'string' arguments onto the wasm
    // stack (1 MB, at up to 4 bytes per character), which thousands of digests overflow.
    var reply = function (hex, error) {
      var text = new TextEncoder().encode(hex + '\0' + error + '\0');
      var ptr = Module._malloc(text.length);
      HEAPU8.set(text, ptr);
      try {
        Module._certdesk_sha256_done(job, ptr, ptr + text.indexOf(0) + 1);
      } finally {
        Module._free(ptr);
      }
    };
    if (!(window.crypto && crypto.subtle && crypto.subtle.digest)) {
      reply('', '浏览器未提供 WebCrypto（须通过 https 或本机地址打开本页）');
      return;
    }
    var work = [];
    try {
      for (var i = 0; i < count; i++) {
        var p = HEAPU32[(ptrs >> 2) + i], n = HEAPU32[(lens >> 2) + i];
        work.push(crypto.subtle.digest('SHA-256', HEAPU8.subarray(p, p + n)));
      }
    } catch (err) {
      reply('', 'SHA-256 计算失败（' + String(err && err.message || err) + '）');
      return;
    }
    Promise.all(work).then(function (digests) {
      reply(digests.map(function (d) {
        return Array.prototype.map.call(new Uint8Array(d), function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
      }).join(','), '');
    }).catch(function (err) { reply('', 'SHA-256 计算失败（' + String(err && err.message || err) + '）'); });
  };

  bridge.download = function (name, type, ptr, len) {
    var blob = new Blob([HEAPU8.slice(ptr, ptr + len)], { type: type || 'application/octet-stream' });
    var url = URL.createObjectURL(blob);
    var link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 120000);
  };

  // A printed form (a complete HTML document without script, domain/forms_html.cpp) in a new
  // window for print or save-as-PDF. The window gets no handle back to this page; false when the
  // browser blocked it (the app then downloads the document instead).
  bridge.openPrint = function (title, ptr, len) {
    var blob = new Blob([HEAPU8.slice(ptr, ptr + len)], { type: 'text/html;charset=utf-8' });
    var url = URL.createObjectURL(blob);
    var w = null;
    try { w = window.open(url, '_blank'); } catch (e) { w = null; }
    if (!w) { URL.revokeObjectURL(url); return false; }
    try { w.opener = null; } catch (e) { /* already isolated */ }
    setTimeout(function () { URL.revokeObjectURL(url); }, 600000);
    return true;
  };

  // No frames while at least one file is being read (loop.js counts the holds).
  var holdFrames = function (on) { bridge.loop.hold(on); };

  // The largest file the app reads (an application package: 140 MiB, see domain/package.hpp).
  var MAX_PICK_BYTES = 140 * 1048576;
  bridge.pickFile = function (purpose, accept) {
    var input = document.createElement('input');
    input.type = 'file';
    if (accept) input.accept = accept;
    input.style.display = 'none';
    input.id = 'certdesk-file';
    document.body.appendChild(input);
    var failed = function (why) {
      Module.ccall('certdesk_file_failed', null, ['string', 'string'], [purpose, why]);
    };
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      input.remove();
      if (!file) return;
      if (file.size > MAX_PICK_BYTES) {
        failed('“' + file.name + '”有 ' + Math.round(file.size / 1048576) + ' MB，超过上限 140 MB');
        return;
      }
      // The browser delivers the file's bytes in tasks on this thread, between frames: with frames
      // drawn in software (SwiftShader) a 67 MB package took 1.06 s to read instead of 0.34 s with
      // the main loop paused. So no frames while reading (the canvas stays as it is meanwhile).
      var held = true;
      var release = function () { if (held) { held = false; holdFrames(false); } };
      holdFrames(true);
      file.arrayBuffer().then(function (buf) {
        var bytes = new Uint8Array(buf);
        var ptr = Module._certdesk_file_buffer(bytes.length);  // may grow the memory: HEAPU8 after it
        HEAPU8.set(bytes, ptr);
        bytes = buf = null;
        release();  // the hand-over is synchronous: the next frame comes after it
        Module.ccall('certdesk_file_picked', null, ['string', 'string', 'string'], [purpose, file.name, file.type || '']);
      }).catch(function (err) {
        release();
        failed(String(err && err.message || err));
      });
    });
    input.addEventListener('cancel', function () { input.remove(); });
    input.click();
  };
})();
