// wasm/js/save_pump.js — saves: the files C++ wrote or removed go to IndexedDB, each task's
// changes in one transaction, durably ('strict'). Owns the pending changes, the pump and its
// retry, the strict-durability override of IDBDatabase.transaction, the beforeunload guard and
// the storage note (persistence, quota). Adds `sync` to the namespace (browser.js calls it after
// each write); reads the shared `store.readOnly` and `store.notLoaded` (store_load.js: an entry
// not loaded yet is never put or deleted); answers C++ through certdesk_storage_synced and
// certdesk_storage_note.
(function () {
  'use strict';
  var bridge = Module.certdesk;
  var store = bridge.store;
  var notLoaded = store.notLoaded;

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


  bridge.firstFrameHooks.push(reportStorage);
})();
