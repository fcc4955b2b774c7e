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
  window.addEventListener('mouseup', function () { setTimeout(refocus, 0); });
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

  // ---------------------------------------------------------------- first frame and fonts
  var readyResolve;
  var ready = new Promise(function (r) { readyResolve = r; });
  var fontResolve;
  var fontDone = new Promise(function (r) { fontResolve = r; });
  // Start-up phases of main() (wasm/main.cpp), for storeTiming().
  bridge.mark = function (name) { store.timing[name] = performance.now(); };
  bridge.firstFrame = function () {
    store.timing.firstFrame = performance.now();
    store.timing.pendingAtFirstFrame = notLoaded.size;
    if (Module.onFirstFrame) Module.onFirstFrame();
    readyResolve();
    loadSlices();  // the case files, now that the first screen is drawn (issue 8)
    reportStorage();
    registerServiceWorker();
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

  // ---------------------------------------------------------------- files and hashes
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

  // Pauses the main loop while at least one file is being read.
  var reading = 0;
  var holdFrames = function (on) {
    if (on && reading++ === 0 && Module.pauseMainLoop) Module.pauseMainLoop();
    if (!on && --reading === 0 && Module.resumeMainLoop) Module.resumeMainLoop();
  };

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

  // ---------------------------------------------------------------- durable store
  // /store is an IDBFS mount, loaded from IndexedDB before main() runs. One tab writes (it
  // holds the Web Lock 'certdesk-store-writer'); any other tab is read-only, because an IDBFS
  // sync from a stale tab would delete what the writer saved. When the writer closes, the
  // next tab reloads the store from IndexedDB and takes over.
  var store = { readOnly: false, locks: !!(navigator.locks && navigator.locks.request), timing: {} };
  bridge.store = store;

  // "已保存" must mean on disk: IDBFS opens its transactions without a durability option,
  // and Chrome's default ('relaxed') completes once the OS buffer has the data.
  if (window.IDBDatabase && !IDBDatabase.prototype.__certdeskStrict) {
    var openTransaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (names, mode, options) {
      if (mode === 'readwrite' && !options) options = { durability: 'strict' };
      return options ? openTransaction.call(this, names, mode, options) : openTransaction.call(this, names, mode);
    };
    IDBDatabase.prototype.__certdeskStrict = true;
  }

  function holdForever() { return new Promise(function () {}); }

  function loadStore(done) {
    FS.syncfs(true, function (err) {
      if (err) console.warn('certdesk: loading the store failed', err);
      done(err);
    });
  }

  // ------------------------------------------------ the store's load in two stages (issue 8)
  // IDBFS keys each entry by its absolute path, folders included ('/store/cases',
  // '/store/cases/C2026-001', '/store/cases/C2026-001.json', '/store/cases/C2026-001/att/att-1'),
  // in string order. Before main() only what the first screen needs is read: every entry outside
  // '/store/cases/' (meta, profile, settings, records, the case summaries) and cases/index.json.
  // The case histories and attachments (most of the store) are only listed (their keys), then
  // read after the first frame, a slice per IndexedDB request, a case on demand first
  // (bridge.loadCase); the C++ side is told as they arrive (certdesk_store_arrived) and asks
  // bridge.storePending before it reads, writes or removes one (wasm/storage.cpp: the invariant).
  var CASES = '/store/cases/', CASES_END = '/store/cases0', CASE_INDEX = '/store/cases/index.json';  // '0' follows '/'
  var notLoaded = new Set();     // keys in IndexedDB whose entry is not in the file system yet
  var pendingUnder = new Map();  // folder → how many of those lie under it
  var laterKeys = [], laterNext = 0;  // the deferred keys in order; where the slices stand
  var loadGeneration = 0;        // a full reload (takeover) drops what slices read before it
  function parentOf(path) { return path.slice(0, path.lastIndexOf('/')); }
  function markPending(key) {
    notLoaded.add(key);
    for (var d = parentOf(key); d.length > '/store'.length; d = parentOf(d)) pendingUnder.set(d, (pendingUnder.get(d) || 0) + 1);
  }
  function markLoaded(key) {
    if (!notLoaded.delete(key)) return;
    for (var d = parentOf(key); d.length > '/store'.length; d = parentOf(d)) {
      var n = (pendingUnder.get(d) || 1) - 1;
      if (n > 0) pendingUnder.set(d, n); else pendingUnder.delete(d);
    }
  }
  function clearPending() {
    notLoaded.clear();
    pendingUnder.clear();
    laterKeys = [];
    laterNext = 0;
  }
  // A store path ('cases/C2026-001.json'; ending in '/': anything under that folder) that is in
  // IndexedDB but not yet in the file system.
  bridge.storePending = function (rel) {
    if (!notLoaded.size) return false;
    var full = '/store/' + rel;
    return full.charAt(full.length - 1) === '/' ? pendingUnder.has(full.slice(0, -1)) : notLoaded.has(full);
  };

  // Entries ({timestamp, mode, contents}, as IDBFS stores them) become MEMFS nodes directly:
  // IDBFS.storeLocalEntry resolves the path three times per entry (writeFile, chmod, utime) and
  // copies nothing less. Folders are found once and kept. The node gets the stored timestamp, as
  // storeLocalEntry gives it (FS.syncfs(true) at a takeover compares them; storage.cpp stamps the
  // next version of a file after it). A node the file system already has is kept: this tab
  // wrote it, so it is at least as new as the stored entry.
  var folderNodes = new Map();
  function folderNode(path) {
    var node = folderNodes.get(path);
    if (!node) {
      try { node = FS.lookupPath(path).node; } catch (e) { FS.mkdirTree(path); node = FS.lookupPath(path).node; }
      folderNodes.set(path, node);
    }
    return node;
  }
  function createEntry(path, entry) {
    var slash = path.lastIndexOf('/');
    var parent = folderNode(path.slice(0, slash)), name = path.slice(slash + 1);
    var mode = entry['mode'], stamp = entry['timestamp'];
    stamp = stamp && stamp.getTime ? stamp.getTime() : Number(stamp) || Date.now();
    var node = parent.contents[name];
    if (node) {
      if (FS.isDir(node.mode)) folderNodes.set(path, node);
      return;
    }
    if (FS.isDir(mode)) {
      node = MEMFS.createNode(parent, name, mode, 0);
      folderNodes.set(path, node);
    } else if (FS.isFile(mode)) {
      var data = entry['contents'];
      if (!(data instanceof Uint8Array)) data = new Uint8Array(data || []);
      node = MEMFS.createNode(parent, name, mode, 0);
      node.contents = data;  // IndexedDB handed over a copy: owned, as writeFile's canOwn
      node.usedBytes = data.length;
    } else {
      throw new Error('node type not supported: ' + path);
    }
    node.timestamp = stamp;
  }

  // Stage one, before main(): one transaction, three ranges of entries (before '/store/cases/',
  // the case index, after the cases folder) and the keys of the rest.
  function loadStoreFast(done) {
    // Entries (key and value lists per range) into the file system, and the deferred keys.
    function consume(reads, later) {
      store.timing.read = performance.now();
      var failed = null, entries = 0;
      try {
        reads.forEach(function (kv) {
          var keys = kv[0], values = kv[1];
          entries += keys.length;
          for (var i = 0; i < keys.length; i++) createEntry(keys[i], values[i]);
        });
        laterKeys = later.filter(function (k) { return k !== CASE_INDEX; });
        laterNext = 0;
        laterKeys.forEach(markPending);
      } catch (e) {
        failed = e;
      }
      store.timing.entries = entries;
      store.timing.deferred = laterKeys.length;
      store.timing.stored = performance.now();
      if (failed) console.warn('certdesk: loading the store failed', failed);
      done(failed);
    }
    // index.html read the same ranges once this tab held the writer lock, while the program
    // downloaded (the same transaction as below, only earlier).
    var firstRead = boot.firstRead || Promise.resolve(null);
    boot.firstRead = null;  // once: a later load reads afresh
    firstRead.then(function (early) {
      if (early) { consume(early.reads, early.later); return; }
      IDBFS.getDB('/store', function (err, db) {
        if (err) return loadStore(done);
        try {
          var tx = db.transaction([IDBFS.DB_STORE_NAME], 'readonly');
          var os = tx.objectStore(IDBFS.DB_STORE_NAME);
          var ranges = [IDBKeyRange.upperBound(CASES, true), IDBKeyRange.only(CASE_INDEX), IDBKeyRange.lowerBound(CASES_END)];
          var reads = ranges.map(function (r) { return [os.getAllKeys(r), os.getAll(r)]; });
          var later = os.getAllKeys(IDBKeyRange.bound(CASES, CASES_END, false, true));
          tx.onabort = tx.onerror = function (e) { if (e && e.preventDefault) e.preventDefault(); loadStore(done); };
          tx.oncomplete = function () {
            consume(reads.map(function (kv) { return [kv[0].result, kv[1].result]; }), later.result);
          };
        } catch (e) {
          loadStore(done);
        }
      });
    });
  }

  var loadedResolve;
  var storeLoaded = new Promise(function (r) { loadedResolve = r; });
  function arrived() {
    if (!notLoaded.size) {
      if (!store.timing.casesLoaded) store.timing.casesLoaded = performance.now();
      loadedResolve(true);
    }
    if (Module._certdesk_store_arrived) Module._certdesk_store_arrived();
  }
  // Creates the fetched entries still pending (a key not pending was loaded meanwhile, or is
  // this tab's own new file) and marks them loaded.
  // `expected`: the pending keys asked for; one IndexedDB no longer has (another tab removed it
  // while this one was read-only) is no longer pending either.
  function createPending(keys, values, expected) {
    for (var i = 0; i < keys.length; i++) {
      if (!notLoaded.has(keys[i])) continue;
      if (values[i]) createEntry(keys[i], values[i]);
      markLoaded(keys[i]);
    }
    expected.forEach(markLoaded);
  }

  // Stage two, after the first frame: the deferred keys in slices of kSlice entries, one
  // IndexedDB request each (getAll over the slice's key range), the main loop running between.
  // 1,000 entries (about 3.5 MB of cases): 2,000 cases in 10 requests, each holding the main
  // thread under 40 ms here; 300 took twice as long in all (tests/bench/README.md).
  var kSlice = 1000;
  var slicesRunning = false;
  function loadSlices() {
    if (slicesRunning) return;
    slicesRunning = true;
    var generation = loadGeneration;
    var step = function () {
      if (generation !== loadGeneration) { slicesRunning = false; return; }
      var first = null, last = null, batch = [];
      while (laterNext < laterKeys.length && batch.length < kSlice) {
        var k = laterKeys[laterNext++];
        if (!notLoaded.has(k)) continue;
        if (first === null) first = k;
        last = k;
        batch.push(k);
      }
      if (first === null) { slicesRunning = false; arrived(); return; }
      IDBFS.getDB('/store', function (err, db) {
        if (err) { console.warn('certdesk: loading cases failed', err); laterNext = 0; setTimeout(step, 1000); return; }
        try {
          var tx = db.transaction([IDBFS.DB_STORE_NAME], 'readonly');
          var os = tx.objectStore(IDBFS.DB_STORE_NAME);
          var range = IDBKeyRange.bound(first, last);
          var keysReq = os.getAllKeys(range), valuesReq = os.getAll(range);
          tx.onabort = tx.onerror = function (e) {
            if (e && e.preventDefault) e.preventDefault();
            console.warn('certdesk: loading cases failed, retrying');
            laterNext = 0;  // what is still pending is fetched again
            setTimeout(step, 1000);
          };
          tx.oncomplete = function () {
            if (generation !== loadGeneration) { slicesRunning = false; return; }
            var t0 = performance.now();
            try {
              createPending(keysReq.result, valuesReq.result, batch);
            } catch (e) {
              console.warn('certdesk: loading cases failed', e);  // a damaged entry: its case stays pending
            }
            arrived();
            // Benchmarks: how long a slice holds the main thread (its entries into MEMFS, C++ told).
            var ms = performance.now() - t0;
            store.timing.slices = (store.timing.slices || 0) + 1;
            store.timing.sliceMaxMs = Math.max(store.timing.sliceMaxMs || 0, ms);
            setTimeout(step, 0);
          };
        } catch (e) {
          console.warn('certdesk: loading cases failed', e);
          laterNext = 0;
          setTimeout(step, 1000);
        }
      });
    };
    step();
  }

  // One case's entries ahead of the slices (it was opened, or an operation needs it).
  var caseRequests = new Set();
  bridge.loadCase = function (id) {
    if (!id || caseRequests.has(id)) return;
    var base = CASES + id;
    var keys = [];
    notLoaded.forEach(function (k) {
      if (k === base || k.indexOf(base + '.json') === 0 || k.indexOf(base + '/') === 0) keys.push(k);
    });
    if (!keys.length) return;
    keys.sort();
    caseRequests.add(id);
    var generation = loadGeneration;
    IDBFS.getDB('/store', function (err, db) {
      if (err) { caseRequests.delete(id); return; }
      try {
        var tx = db.transaction([IDBFS.DB_STORE_NAME], 'readonly');
        var os = tx.objectStore(IDBFS.DB_STORE_NAME);
        var gets = keys.map(function (key) { return os.get(key); });
        tx.onabort = tx.onerror = function (e) { if (e && e.preventDefault) e.preventDefault(); caseRequests.delete(id); };
        tx.oncomplete = function () {
          caseRequests.delete(id);
          if (generation !== loadGeneration) return;
          try {
            createPending(keys, gets.map(function (g) { return g.result; }), keys);
          } catch (e) {
            console.warn('certdesk: loading case ' + id + ' failed', e);
          }
          arrived();
        };
      } catch (e) {
        caseRequests.delete(id);
      }
    });
  };

  // index.html asked for the writer lock and opened the database while the program downloaded.
  var boot = window.certdeskBoot || {};
  function writerLock() {
    if (boot.writer) return boot.writer;
    if (!store.locks) return Promise.resolve(null);
    return new Promise(function (resolve) {
      navigator.locks.request('certdesk-store-writer', { ifAvailable: true }, function (lock) {
        resolve(!!lock);
        return lock ? holdForever() : undefined;
      });
    });
  }
  function adoptDatabase() {
    return (boot.db || Promise.resolve(null)).then(function (db) {
      if (!db) return;
      // Only a database exactly as this build's IDBFS would open it; otherwise IDBFS opens its own.
      if (db.version === IDBFS.DB_VERSION && db.objectStoreNames.contains(IDBFS.DB_STORE_NAME) && !IDBFS.dbs['/store']) {
        IDBFS.dbs['/store'] = db;
      } else {
        db.close();
      }
    });
  }

  Module.preRun = [].concat(Module.preRun || [], [function () {
    store.timing.start = performance.now();
    FS.mkdir('/store');
    FS.mount(IDBFS, {}, '/store');
    addRunDependency('certdesk-store');
    var finish = function () {
      loadStoreFast(function () { store.timing.loaded = performance.now(); removeRunDependency('certdesk-store'); });
    };
    Promise.all([writerLock(), adoptDatabase()]).then(function (r) {
      var held = r[0];
      if (held !== false) { finish(); return; }  // writer, or no Web Locks (insecure origin): one tab
      store.readOnly = true;
      finish();
      // Wait for the writer to go, then reload what it saved and take over. FS.syncfs(true)
      // loads every entry (it only reads IndexedDB); slices read before it are dropped.
      navigator.locks.request('certdesk-store-writer', function () {
        loadGeneration++;
        folderNodes.clear();  // FS.syncfs may remove folders
        loadStore(function (err) {
          if (err) loadSlices();  // what it did not load is fetched again
          else { clearPending(); arrived(); }
          store.readOnly = false;
          if (Module._certdesk_storage_takeover) Module._certdesk_storage_takeover();
        });
        return holdForever();
      });
    });
  }]);

  // A save stores only the files it changed. FS.syncfs(false) would stat every file, read every
  // stored timestamp (one cursor step each) and compare: its cost grows with the store. Here
  // the C++ side names each file it writes or removes; the pending ones go to IndexedDB in one
  // transaction, as the entries IDBFS itself writes (so FS.syncfs(true) still loads them), each
  // with its folders. A failed transaction puts its files back into the pending set.
  var syncing = false, wanted = 0, done = 0, retry = null;
  var pending = new Map();  // '/store/<path>' → true if removed, false if written
  // The writes of one task (a case and its summary, an import's attachments, case and index) go
  // to IndexedDB in one transaction: the pump starts once the task is over.
  var pumpQueued = false;
  bridge.sync = function (seq, path, removed) {
    wanted = Math.max(wanted, seq);
    if (path) pending.set('/store/' + path, !!removed);
    if (!pumpQueued) {
      pumpQueued = true;
      Promise.resolve().then(function () { pumpQueued = false; pump(); });
    }
  };
  function storeChanges(batch, callback) {
    IDBFS.getDB('/store', function (err, db) {
      if (err) return callback(err);
      var tx, finished = false;
      var finish = function (e) { if (!finished) { finished = true; callback(e); } };
      try {
        tx = db.transaction([IDBFS.DB_STORE_NAME], 'readwrite');
      } catch (e) {
        return finish(e);
      }
      var os = tx.objectStore(IDBFS.DB_STORE_NAME);
      tx.oncomplete = function () { finish(null); };
      tx.onerror = function (e) { e.preventDefault(); };
      tx.onabort = function () { finish(tx.error || new Error('IndexedDB transaction aborted')); };
      try {
        var folders = new Set();
        batch.forEach(function (removed, path) {
          // The invariant (wasm/storage.cpp): an entry not loaded yet is never put or deleted.
          if (notLoaded.has(path)) { console.warn('certdesk: not stored, not loaded yet: ' + path); return; }
          var entry = null;
          if (!removed) IDBFS.loadLocalEntry(path, function (e, loaded) { entry = e ? null : loaded; });
          if (!entry) { os.delete(path); return; }  // removed, or gone again since it was written
          for (var d = path.slice(0, path.lastIndexOf('/')); d.length > '/store'.length; d = d.slice(0, d.lastIndexOf('/')))
            folders.add(d);
          os.put(entry, path);
        });
        folders.forEach(function (d) {
          if (notLoaded.has(d)) return;
          IDBFS.loadLocalEntry(d, function (e, entry) { if (!e) os.put(entry, d); });
        });
      } catch (e) {
        try { tx.abort(); } catch (ignored) { /* already finished */ }
        finish(e);
      }
    });
  }
  function pump() {
    if (syncing || retry || store.readOnly || wanted <= done) return;
    var target = wanted;  // every write up to here is already in the in-memory file system
    var batch = pending;
    pending = new Map();
    syncing = true;
    storeChanges(batch, function (err) {
      syncing = false;
      if (err) {
        batch.forEach(function (removed, path) { if (!pending.has(path)) pending.set(path, removed); });
        var why = (err && (err.name === 'QuotaExceededError' || /quota/i.test(String(err.message))))
          ? '浏览器存储空间已满，请清理空间；修改仍在内存中'
          : '浏览器存储写入失败（' + String(err && (err.name || err.message) || err) + '），修改仍在内存中';
        Module.ccall('certdesk_storage_synced', null, ['number', 'string'], [target, why]);
        retry = setTimeout(function () { retry = null; pump(); }, 2000);
        return;
      }
      done = target;
      Module.ccall('certdesk_storage_synced', null, ['number', 'string'], [target, '']);
      pump();
    });
  }
  window.addEventListener('beforeunload', function (e) {
    if (wanted > done) { e.preventDefault(); e.returnValue = ''; }  // unsynced changes: ask first
  });

  function reportStorage() {
    if (!navigator.storage) return;
    var persisted = navigator.storage.persist ? navigator.storage.persist() : Promise.resolve(false);
    Promise.all([persisted, navigator.storage.estimate ? navigator.storage.estimate() : Promise.resolve({})])
      .then(function (r) {
        var mb = function (n) { return (n / 1048576).toFixed(n < 10485760 ? 1 : 0); };
        var text = r[0] ? '持久存储：已获准' : '持久存储：未获准（请定期备份）';
        if (r[1] && r[1].quota) text += '｜已用 ' + mb(r[1].usage || 0) + ' MB / 可用 ' + mb(r[1].quota) + ' MB';
        Module.ccall('certdesk_storage_note', null, ['string'], [text]);
      }).catch(function () { /* the note stays empty */ });
  }

  // ---------------------------------------------------------------- offline and updates
  // sw.js precaches the site. A new deployment installs in the background and waits; the app
  // shows 新版本可用 and applies it only on the user's click with nothing unsaved.
  var waitingWorker = null, applying = false;
  function offerUpdate(worker) {
    waitingWorker = worker;
    if (Module._certdesk_update_available) Module._certdesk_update_available();
  }
  function registerServiceWorker() {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
    navigator.serviceWorker.register('sw.js').then(function (reg) {
      if (reg.waiting && navigator.serviceWorker.controller) offerUpdate(reg.waiting);
      reg.addEventListener('updatefound', function () {
        var w = reg.installing;
        if (!w) return;
        w.addEventListener('statechange', function () {
          if (w.state === 'installed' && navigator.serviceWorker.controller) offerUpdate(w);
        });
      });
      var check = function () { reg.update().catch(function () { /* offline: try later */ }); };
      setInterval(check, 30 * 60 * 1000);
      document.addEventListener('visibilitychange', function () { if (!document.hidden) check(); });
    }).catch(function (err) { console.warn('certdesk: service worker not registered', err); });
    navigator.serviceWorker.addEventListener('controllerchange', function () {
      if (applying) location.reload();
    });
  }
  bridge.applyUpdate = function () {
    if (!waitingWorker) return;
    applying = true;
    waitingWorker.postMessage('certdesk-apply-update');
  };

  // ---------------------------------------------------------------- test hook
  // window.certdesk: read the app state and issue the same commands the UI issues. It grants
  // nothing the UI does not: every command goes through the app's one command path.
  window.certdesk = {
    ready: ready,
    // Resolves once every entry of the store is in the file system (the case files arrive after
    // the first frame, issue 8).
    storeLoaded: storeLoaded,
    fontLoaded: fontDone,
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
    offlineReady: function () {
      if (!('serviceWorker' in navigator)) return Promise.resolve(false);
      return navigator.serviceWorker.ready.then(function () { return true; });
    },
    // Asks the browser to look for a new deployment now (as it does every 30 minutes).
    checkForUpdate: function () {
      if (!('serviceWorker' in navigator)) return Promise.resolve();
      return navigator.serviceWorker.getRegistration().then(function (reg) { return reg && reg.update(); });
    },
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
    pendingEntries: function () { return notLoaded.size; },
    // Size of the wasm memory in bytes (it only grows, so this is the peak so far).
    memoryBytes: function () { return HEAPU8.length; },
    frames: function (n) {
      return new Promise(function (resolve) {
        var left = n || 2;
        (function tick() { if (--left <= 0) resolve(); else requestAnimationFrame(tick); })();
      });
    },
  };
})();
