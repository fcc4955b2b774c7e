// wasm/js/store_load.js — the durable store's load (wasm/README.md, "The store's load"). Owns the
// IDBFS mount /store, the writer lock (one tab writes; another is read-only until it takes over),
// the two-stage load — before main() what the first screen needs, after the first frame the case
// files in slices, a case on demand first — and the set of keys not loaded yet (the shared
// `store.notLoaded`, which save_pump.js checks before it writes). Adds `storePending`, `loadCase`
// and the `storeLoaded` promise to the namespace; sets the shared `store.readOnly`,
// `store.loadError` (the store could not be read: nothing may be written) and `store.timing`; tells C++ through certdesk_store_arrived and certdesk_storage_takeover.
(function () {
  'use strict';
  var bridge = Module.certdesk;
  // /store is an IDBFS mount, loaded from IndexedDB before main() runs. One tab writes (it
  // holds the Web Lock 'certdesk-store-writer'); any other tab is read-only, because an IDBFS
  // sync from a stale tab would delete what the writer saved. When the writer closes, the
  // next tab reloads the store from IndexedDB and takes over.
  var store = bridge.store;

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
  var notLoaded = store.notLoaded;  // keys in IndexedDB whose entry is not in the file system yet
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
  // the case index, after the cases folder) and the keys of the rest. A read that fails (the
  // database does not open, a request fails, the transaction aborts) is tried once more on a new
  // connection; if that fails too, done(err): the app starts without the store and writes
  // nothing (store.loadError), so nothing overwrites what could not be read. (FS.syncfs(true) is
  // no fallback: Emscripten 3.1.6's IDBFS reports some request errors as success and never
  // answers when its transaction aborts.)
  function loadStoreFast(done) {
    var finished = false;
    var finish = function (err) { if (!finished) { finished = true; done(err); } };
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
      finish(failed);
    }
    function read(attempt) {
      var failedOnce = false;  // a request that throws and the abort that follows are one failure
      var again = function (err) {
        if (finished || failedOnce) return;
        failedOnce = true;
        console.warn('certdesk: reading the store failed' + (attempt ? '' : ', trying again'), err);
        if (IDBFS.dbs['/store']) { try { IDBFS.dbs['/store'].close(); } catch (e) { /* closed */ } delete IDBFS.dbs['/store']; }
        if (attempt) finish(err || new Error('IndexedDB 无法打开'));
        else read(1);
      };
      IDBFS.getDB('/store', function (err, db) {
        if (err || !db) return again(err);
        try {
          var tx = db.transaction([IDBFS.DB_STORE_NAME], 'readonly');
          var os = tx.objectStore(IDBFS.DB_STORE_NAME);
          var ranges = [IDBKeyRange.upperBound(CASES, true), IDBKeyRange.only(CASE_INDEX), IDBKeyRange.lowerBound(CASES_END)];
          var reads = ranges.map(function (r) { return [os.getAllKeys(r), os.getAll(r)]; });
          var later = os.getAllKeys(IDBKeyRange.bound(CASES, CASES_END, false, true));
          var failedRead = null;
          tx.onerror = function (e) {
            failedRead = failedRead || (e.target && e.target.error) || new Error('IndexedDB request failed');
            if (e && e.preventDefault) e.preventDefault();
            try { tx.abort(); } catch (ignored) { /* aborting */ }
          };
          tx.onabort = function () { again(failedRead || tx.error || new Error('IndexedDB transaction aborted')); };
          tx.oncomplete = function () {
            if (failedRead) return again(failedRead);
            consume(reads.map(function (kv) { return [kv[0].result, kv[1].result]; }), later.result);
          };
        } catch (e) {
          again(e);
        }
      });
    }
    // index.html read the same ranges once this tab held the writer lock, while the program
    // downloaded (the same transaction as below, only earlier).
    var firstRead = boot.firstRead || Promise.resolve(null);
    boot.firstRead = null;  // once: a later load reads afresh
    firstRead.then(function (early) {
      if (early) consume(early.reads, early.later);
      else read(0);
    });
  }

  // Why the store could not be read, for the user (C++ shows it; nothing is written then).
  function loadFailed(err) {
    var name = err && err.name && err.name !== 'Error' ? err.name : String(err && err.message || err || '未知错误');
    store.loadError = '浏览器中保存的数据无法读取（' + name + '）。为免覆盖这些数据，本页不会保存任何修改。请刷新页面重试；如仍无法读取，请勿清除浏览器数据，并联系管理员。';
    clearPending();
    loadedResolve(false);
  }

  var loadedResolve;
  bridge.storeLoaded = new Promise(function (r) { loadedResolve = r; });
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
    if (slicesRunning || store.loadError) return;
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
    var adopted = (boot.db || Promise.resolve(null)).then(function (db) {
      if (!db) return;
      // Only a database exactly as this build's IDBFS would open it; otherwise IDBFS opens its own.
      if (db.version === IDBFS.DB_VERSION && db.objectStoreNames.contains(IDBFS.DB_STORE_NAME) && !IDBFS.dbs['/store']) {
        IDBFS.dbs['/store'] = db;
      } else {
        db.close();
      }
    });
    // A new database is empty: the start does not wait for its creation to finish; IDBFS takes
    // the connection when it is there, or opens its own at the first save.
    return boot.fresh ? boot.fresh.then(function (created) { return created ? null : adopted; }) : adopted;
  }

  Module.preRun = [].concat(Module.preRun || [], [function () {
    store.timing.start = performance.now();
    FS.mkdir('/store');
    FS.mount(IDBFS, {}, '/store');
    addRunDependency('certdesk-store');
    var finish = function () {
      loadStoreFast(function (err) {
        if (err) loadFailed(err);
        store.timing.loaded = performance.now();
        removeRunDependency('certdesk-store');
      });
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
          if (err) loadFailed(err);  // nothing is written: what it did not load is not overwritten
          else { clearPending(); arrived(); }
          store.readOnly = false;
          if (Module._certdesk_storage_takeover) Module._certdesk_storage_takeover();
        });
        return holdForever();
      });
    });
  }]);

  bridge.firstFrameHooks.push(loadSlices);  // the case files, once the first screen is drawn
})();
