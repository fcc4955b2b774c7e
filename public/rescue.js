// public/rescue.js — 导出原始数据 (issue 17 item 3): the whole store as a backup archive, in plain
// JavaScript without the wasm, for when the program cannot start or has stopped. Loaded by
// index.html only when its failure page shows (never on the normal path); cached by the service
// worker like the rest of the site, so it works offline too.
//
// Reads Emscripten's IDBFS database '/store' (object store FILE_DATA; keys are absolute paths,
// '/store/profile.json'; values {timestamp, mode, contents}, contents the file's bytes, folders
// without contents) and writes the archive ui/data/backup.hpp defines ("certdesk-backup",
// version 1, scope "store"), exactly as the app's collect_store + backup_canonical would: the
// same files (temporary files of interrupted writes and the derived case summaries left out),
// sorted by path in byte order, and the digest over the canonical content serialised byte for
// byte as nlohmann::json's dump() does (sorted keys, compact, its string escapes). The app's own
// 从备份恢复 checks every hash and the digest, so it accepts the result only if it is exact.
//
// window.certdeskRescue: exportStore() → Promise of {name, files, bytes} (files 0: nothing was
// stored, nothing downloaded); for tests, archive(files, createdAt) → Promise of {canonical,
// digest, files, parts} and quote(s), a string as nlohmann writes it.
(function () {
  'use strict';

  var DB = '/store', OBJECTS = 'FILE_DATA', PREFIX = '/store/';
  var S_IFMT = 61440, S_IFREG = 32768;  // 0o170000, 0o100000

  // The store's files as IndexedDB holds them: [{path (relative to /store), bytes}], unsorted.
  // The database is opened without a version and never created: a browser without one has no
  // data (the open is undone), and one of a later version is still read.
  function readStore() {
    return new Promise(function (resolve, reject) {
      var req;
      try { req = indexedDB.open(DB); } catch (e) { reject(e); return; }
      var created = false;
      req.onupgradeneeded = function () { created = true; req.transaction.abort(); };
      req.onerror = function (e) {
        if (e && e.preventDefault) e.preventDefault();
        if (created) resolve([]); else reject(req.error || new Error('IndexedDB'));
      };
      req.onblocked = function () { reject(new Error('数据库被其他页面占用')); };
      req.onsuccess = function () {
        var db = req.result;
        if (!db.objectStoreNames.contains(OBJECTS)) { db.close(); resolve([]); return; }
        var tx = db.transaction([OBJECTS], 'readonly'), os = tx.objectStore(OBJECTS);
        var keys = os.getAllKeys(), values = os.getAll();
        tx.oncomplete = function () {
          db.close();
          var out = [];
          for (var i = 0; i < keys.result.length; i++) {
            var key = keys.result[i], v = values.result[i];
            if (typeof key !== 'string' || key.indexOf(PREFIX) !== 0 || !v || v.contents == null) continue;
            if (typeof v.mode === 'number' && (v.mode & S_IFMT) !== S_IFREG) continue;  // a folder
            var c = v.contents;
            var bytes = c instanceof Uint8Array ? c
                      : ArrayBuffer.isView(c) ? new Uint8Array(c.buffer, c.byteOffset, c.byteLength)
                      : new Uint8Array(c);  // an ArrayBuffer or a plain array
            out.push({ path: key.slice(PREFIX.length), bytes: bytes });
          }
          resolve(out);
        };
        tx.onabort = tx.onerror = function (e) {
          if (e && e.preventDefault) e.preventDefault();
          db.close();
          reject(tx.error || new Error('IndexedDB'));
        };
      };
    });
  }

  // collect_store's rules (ui/data/backup.cpp): no temporary file of an interrupted write, no case
  // summary (derived from the cases, rebuilt after a restore).
  function kept(path) {
    if (path.length > 4 && path.slice(-4) === '.tmp') return false;
    return path.indexOf('summaries/') !== 0;
  }

  // std::string's order: UTF-8 bytes, which is code point order (UTF-16 code units differ from it
  // for characters above U+FFFF against U+E000–U+FFFF).
  function byteOrder(a, b) {
    var i = 0, j = 0;
    while (i < a.length && j < b.length) {
      var x = a.codePointAt(i), y = b.codePointAt(j);
      if (x !== y) return x < y ? -1 : 1;
      i += x > 0xffff ? 2 : 1;
      j += y > 0xffff ? 2 : 1;
    }
    return i < a.length ? 1 : j < b.length ? -1 : 0;  // the shorter one, a prefix, first
  }

  // A string as nlohmann::json's dump() writes it (ensure_ascii false): '"' and '\' escaped, the
  // control characters U+0000–U+001F as \b \t \n \f \r or \u00xx (lower-case hex), everything
  // else — '/', U+007F, every non-ASCII character — as it is.
  function quote(s) {
    var out = '"', start = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i), esc = null;
      if (c === 0x22) esc = '\\"';
      else if (c === 0x5c) esc = '\\\\';
      else if (c < 0x20) {
        esc = c === 0x08 ? '\\b' : c === 0x09 ? '\\t' : c === 0x0a ? '\\n' : c === 0x0c ? '\\f' : c === 0x0d ? '\\r'
            : '\\u00' + (c < 0x10 ? '0' : '') + c.toString(16);
      }
      if (esc) { out += s.slice(start, i) + esc; start = i + 1; }
    }
    return out + s.slice(start) + '"';
  }

  var utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });  // a BOM stays content
  function asText(bytes) {
    try { return utf8.decode(bytes); } catch (e) { return null; }
  }
  function base64(bytes) {
    var out = [], CHUNK = 3 * 8192;  // whole groups of three bytes per btoa
    for (var i = 0; i < bytes.length; i += CHUNK) {
      var part = bytes.subarray(i, i + CHUNK), bin = '';
      for (var k = 0; k < part.length; k += 4096) bin += String.fromCharCode.apply(null, part.subarray(k, k + 4096));
      out.push(btoa(bin));
    }
    return out.join('');
  }
  function hex(buffer) {
    var b = new Uint8Array(buffer), s = '';
    for (var i = 0; i < b.length; i++) s += (b[i] < 16 ? '0' : '') + b[i].toString(16);
    return s;
  }
  function sha256(bytes) {
    if (!(window.crypto && crypto.subtle)) return Promise.reject(new Error('浏览器不提供 SHA-256（WebCrypto 仅在 https 或本机地址下可用）'));
    return crypto.subtle.digest('SHA-256', bytes).then(hex);
  }

  // The archive of `files` ([{path, bytes}]): {parts (for a Blob: the canonical content without its
  // closing brace, then the digest), digest, canonical bytes, files}. backup_canonical's object,
  // keys in nlohmann's (sorted) order: created_at, files, format, format_version, scope; each
  // file: content, encoding, path, sha256, size. backup_archive then appends "digest" last.
  function archive(files, createdAt) {
    files = files.filter(function (f) { return kept(f.path); });
    files.sort(function (a, b) { return byteOrder(a.path, b.path); });
    return Promise.all(files.map(function (f) { return sha256(f.bytes); })).then(function (hashes) {
      var parts = ['{"created_at":' + quote(createdAt) + ',"files":['];
      files.forEach(function (f, i) {
        var text = asText(f.bytes);
        parts.push((i ? ',' : '') + '{"content":' + quote(text !== null ? text : base64(f.bytes)) +
                   ',"encoding":"' + (text !== null ? 'text' : 'base64') + '","path":' + quote(f.path) +
                   ',"sha256":"' + hashes[i] + '","size":' + f.bytes.length + '}');
      });
      parts.push('],"format":"certdesk-backup","format_version":1,"scope":"store"}');
      var canonical = new TextEncoder().encode(parts.join(''));
      return sha256(canonical).then(function (digest) {
        return { canonical: canonical, digest: digest, files: files.length,
                 parts: [canonical.subarray(0, canonical.length - 1), ',"digest":"' + digest + '"}'] };
      });
    });
  }

  function pad(n) { return (n < 10 ? '0' : '') + n; }
  // Local time with its offset, as the app's now_iso(): 2026-12-06T17:40:12+08:00.
  function nowIso(d) {
    var off = -d.getTimezoneOffset(), a = Math.abs(off);
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':' +
           pad(d.getMinutes()) + ':' + pad(d.getSeconds()) + (off < 0 ? '-' : '+') + pad(Math.floor(a / 60)) + ':' + pad(a % 60);
  }

  function download(parts, name) {
    var blob = new Blob(parts, { type: 'application/json' });
    var url = URL.createObjectURL(blob);
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    return blob.size;
  }

  // Reads the store and downloads it as "certdesk-备份-<date>-原始数据.json" (the app's backup
  // name, marked as made without the program).
  function exportStore() {
    return readStore().then(function (files) {
      var now = new Date(), created = nowIso(now);
      if (!files.some(function (f) { return kept(f.path); })) return { name: '', files: 0, bytes: 0 };
      return archive(files, created).then(function (a) {
        var name = 'certdesk-备份-' + created.slice(0, 10) + '-原始数据.json';
        return { name: name, files: a.files, bytes: download(a.parts, name) };
      });
    });
  }

  window.certdeskRescue = { exportStore: exportStore, archive: archive, quote: quote, readStore: readStore };
})();
