// wasm/js/save_pump.js — saves: the files C++ wrote or removed go to IndexedDB, each task's
// changes in one transaction, durably ('strict'). Owns the pending changes, the pump and its
// retry, the strict-durability override of IDBDatabase.transaction, the beforeunload guard and
// the storage note (persistence, quota). Adds `sync` to the namespace (browser.js calls it after
// each write); reads the shared `store.readOnly`, `store.loadError` (store_load.js: the store could
// not be read, nothing is written) and `store.notLoaded` (an entry not loaded yet is never put or
// deleted); answers C++ through certdesk_storage_synced (with the files whose own save failed) and
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
  // with its folders.
  // Failures (issue 17): a request that fails aborts its whole transaction (nothing of the batch
  // is reported saved). A batch that failed is then tried in halves down to single files, so a
  // file that cannot be written (a large attachment over the quota) does not hold back the others:
  // they are saved in transactions of their own, and the file is kept in `failed`, named to the
  // C++ side, and retried alone until it is written; only then does its failure go.
  var syncing = false, wanted = 0, done = 0, blocked = null;
  var pending = new Map();  // '/store/<path>' → true if removed, false if written
  var failed = new Map();   // '/store/<path>' → {removed, why}: its own save failed; retried alone
  var stuckTimer = null, stuckDue = false;
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
  function isQuota(err) {
    return !!err && (err.name === 'QuotaExceededError' || /quota/i.test(String(err.message)));
  }
  function reason(err) {
    return isQuota(err) ? '浏览器存储空间已满，请清理空间' : '浏览器存储出错：' + String(err && (err.name || err.message) || err);
  }
  // callback(err, whole): whole = the database or the transaction could not be opened at all
  // (nothing to do with the files of the batch).
  function storeChanges(batch, callback) {
    IDBFS.getDB('/store', function (err, db) {
      if (err) return callback(err, true);
      var tx, finished = false, requestError = null;
      var finish = function (e, whole) { if (!finished) { finished = true; callback(e, whole); } };
      try {
        tx = db.transaction([IDBFS.DB_STORE_NAME], 'readwrite');
      } catch (e) {
        if (e && e.name === 'InvalidStateError') delete IDBFS.dbs['/store'];  // a closed connection: reopen next time
        return finish(e, true);
      }
      var os = tx.objectStore(IDBFS.DB_STORE_NAME);
      tx.oncomplete = function () { finish(requestError); };
      // A failed request fails the whole batch: the transaction is aborted, none of it is kept.
      tx.onerror = function (e) {
        if (!requestError) requestError = (e.target && e.target.error) || new Error('IndexedDB request failed');
        e.preventDefault();
        try { tx.abort(); } catch (ignored) { /* already aborting */ }
      };
      tx.onabort = function () { finish(requestError || tx.error || new Error('IndexedDB transaction aborted')); };
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
        requestError = requestError || e;
        try { tx.abort(); } catch (ignored) { /* already finished */ }
        finish(e);
      }
    });
  }
  // Stores `batch`; a failed batch is tried again in halves, down to single files, whose
  // failures go into `failures` (path → {removed, why}). callback(err) only when the database
  // itself failed (then nothing of the batch is known to be stored).
  function storeSplitting(batch, failures, callback) {
    if (!batch.size) return callback(null);
    storeChanges(batch, function (err, whole) {
      if (!err) return callback(null);
      if (whole) return callback(err);
      if (batch.size === 1) {
        batch.forEach(function (removed, path) {
          failures.set(path, { removed: removed, why: (removed ? '未能删除：' : '未能保存：') + reason(err) });
        });
        return callback(null);
      }
      var entries = Array.from(batch.entries()), half = Math.ceil(entries.length / 2);
      storeSplitting(new Map(entries.slice(0, half)), failures, function (e1) {
        if (e1) return callback(e1);
        storeSplitting(new Map(entries.slice(half)), failures, callback);
      });
    });
  }
  // The files whose own save failed, for the C++ side: "<path>\t<why>" lines.
  function failedList() {
    var lines = [];
    failed.forEach(function (f, path) { lines.push(path.slice('/store/'.length) + '\t' + f.why); });
    return lines.join('\n');
  }
  function report(seq, error) {
    Module.ccall('certdesk_storage_synced', null, ['number', 'string', 'string'], [seq, error, failedList()]);
  }
  function pump() {
    if (syncing || blocked || store.readOnly || store.loadError) return;
    // A file whose save failed is retried alone (stuckDue); a newer change of it waits for that.
    var fresh = new Map(), stuck = new Map();
    pending.forEach(function (removed, path) {
      if (failed.has(path)) failed.get(path).removed = removed;
      else fresh.set(path, removed);
    });
    pending = new Map();
    if (stuckDue) {
      stuckDue = false;
      failed.forEach(function (f, path) { stuck.set(path, f.removed); });
    }
    if (!fresh.size && !stuck.size && wanted <= done) return;
    var target = wanted;  // every write up to here is already in the in-memory file system
    var failures = new Map();
    syncing = true;
    var fail = function (err) {  // the database failed: everything is tried again in 2 s
      syncing = false;
      fresh.forEach(function (removed, path) { if (!pending.has(path)) pending.set(path, removed); });
      if (stuck.size) stuckDue = true;
      var why = isQuota(err) ? '浏览器存储空间已满，请清理空间；修改仍在内存中'
                             : '浏览器存储写入失败（' + String(err && (err.name || err.message) || err) + '），修改仍在内存中';
      report(target, why);
      blocked = setTimeout(function () { blocked = null; pump(); }, 2000);
    };
    storeSplitting(fresh, failures, function (err) {
      if (err) return fail(err);
      storeSplitting(stuck, failures, function (err2) {
        if (err2) return fail(err2);
        syncing = false;
        fresh.forEach(function (removed, path) { if (failures.has(path)) failed.set(path, failures.get(path)); });
        // A failure goes only once this very file is stored (a newer change of it made meanwhile
        // waits in `pending` and is stored as any other).
        stuck.forEach(function (removed, path) {
          if (failures.has(path)) failed.get(path).why = failures.get(path).why;
          else failed.delete(path);
        });
        done = target;
        report(target, '');
        if (failed.size && !stuckTimer)
          stuckTimer = setTimeout(function () { stuckTimer = null; stuckDue = true; pump(); }, 2000);
        pump();
      });
    });
  }
  window.addEventListener('beforeunload', function (e) {
    if (wanted > done || failed.size) { e.preventDefault(); e.returnValue = ''; }  // unsynced changes: ask first
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
