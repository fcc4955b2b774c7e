// tests/e2e/durability.test.mjs — "已保存" means the change is in IndexedDB: whenever
// certdesk.state() reports shell.save === 'saved', the store's IndexedDB record of profile.json
// (read directly, through a second connection) holds exactly the model's profile.
// Usage: node durability.test.mjs <site-dir>
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launchPersistent, openPage, waitSaved, assert, run } from './harness.mjs';

const site = process.argv[2];
if (!site) throw new Error('usage: node durability.test.mjs <site-dir>');
const server = await serve(site, '/');
const work = await mkdtemp(join(tmpdir(), 'certdesk-durability-'));
const contexts = [];  // closed at the end even when a test fails, before the profiles are removed
const launch = async (dir) => { const c = await launchPersistent(dir); contexts.push(c); return c; };

// In the page: helpers that read what IDBFS stored for /store/profile.json, and wait without
// the 4 ms clamp of nested timers.
const PAGE_HELPERS = () => {
  window.__storedProfile = () => new Promise((resolve, reject) => {
    const req = indexedDB.open('/store');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const get = db.transaction('FILE_DATA', 'readonly').objectStore('FILE_DATA').get('/store/profile.json');
      get.onerror = () => { db.close(); reject(get.error); };
      get.onsuccess = () => {
        db.close();
        const e = get.result;
        resolve(e ? JSON.parse(new TextDecoder().decode(e.contents)) : null);
      };
    };
  });
  const channel = new MessageChannel();
  window.__tick = () => new Promise((r) => { channel.port1.onmessage = r; channel.port2.postMessage(0); });
  window.__untilSaved = async () => {
    const t0 = performance.now();
    while (window.certdesk.state().shell.save !== 'saved') {
      if (performance.now() - t0 > 20000) throw new Error(`not saved: ${JSON.stringify(window.certdesk.state().shell)}`);
      await window.__tick();
    }
  };
};

try {
  await run([
    ['state() reports a change as saved only once IndexedDB holds it', async () => {
      const context = await launch(join(work, 'saved'));
      const { page, errors } = await openPage(context, server.url);
      await page.setViewportSize({ width: 640, height: 400 });  // faster frames under SwiftShader
      await page.evaluate(PAGE_HELPERS);
      await waitSaved(page);  // the first start writes meta.json
      const report = await page.evaluate(async () => {
        const out = [];
        for (let i = 0; i < 30; i++) {
          const note = `第${i}次保存 ` + 'x'.repeat((i * 997) % 19000);
          const r = window.certdesk.dispatch({ type: 'SetProfileNote', note });
          // Read in the same task as the dispatch: no sync can have finished yet.
          const right = window.certdesk.state().shell.save;
          await window.__untilSaved();
          const stored = await window.__storedProfile();
          out.push({ ok: r.ok, right, stored: stored && stored.note === note, model: window.certdesk.state().model.profile.note === note });
        }
        return out;
      });
      report.forEach((r, i) => {
        assert(r.ok && r.model, `save ${i} refused`);
        assert(r.right === 'saving', `save ${i}: right after the change state() said '${r.right}', not 'saving'`);
        assert(r.stored, `save ${i}: reported saved, but IndexedDB holds another note`);
      });
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
    }],
    ['two changes within one clock millisecond are both saved', async () => {
      // IDBFS copies a file to IndexedDB only when its mtime differs from the stored one, and
      // MEMFS stamps files with Date.now() (1 ms). A change made while a sync is storing the
      // previous version, within the same millisecond, used to be skipped by the next sync and
      // still reported as saved. The clock is held for the two writes so the timing is exact;
      // the second change arrives while IDBFS is storing the first (hooked IDBObjectStore.put).
      const profile = join(work, 'same-ms');
      let context = await launch(profile);
      let { page, errors } = await openPage(context, server.url);
      await page.evaluate(PAGE_HELPERS);
      await waitSaved(page);
      const result = await page.evaluate(async () => {
        const put = IDBObjectStore.prototype.put;
        let during = null;
        IDBObjectStore.prototype.put = function (value, key) {
          const req = put.call(this, value, key);
          if (key === '/store/profile.json' && during) { const f = during; during = null; f(); }
          return req;
        };
        const realNow = Date.now;
        const frozen = realNow();
        Date.now = () => frozen;
        try {
          let second = null;
          during = () => { second = window.certdesk.dispatch({ type: 'SetProfileNote', note: '第二次' }); };
          const first = window.certdesk.dispatch({ type: 'SetProfileNote', note: '第一次' });
          const t0 = performance.now();
          while (!second && performance.now() - t0 < 10000) await window.__tick();
          Date.now = realNow;
          await window.__untilSaved();
          const stored = await window.__storedProfile();
          return { first: first.ok, second: second && second.ok, stored: stored && stored.note,
                   model: window.certdesk.state().model.profile.note };
        } finally {
          Date.now = realNow;
          IDBObjectStore.prototype.put = put;
        }
      });
      assert(result.first && result.second, `changes refused or the second never ran: ${JSON.stringify(result)}`);
      assert(result.model === '第二次', JSON.stringify(result));
      assert(result.stored === '第二次', `reported saved, but IndexedDB holds ${JSON.stringify(result.stored)}`);
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
      context = await launch(profile);
      ({ page, errors } = await openPage(context, server.url));
      const note = (await page.evaluate(() => window.certdesk.state())).model.profile.note;
      assert(note === '第二次', `after a restart the note is ${JSON.stringify(note)}`);
      await context.close();
    }],
  ]);
} finally {
  for (const c of contexts) await c.close().catch(() => {});
  await server.close();
  await rm(work, { recursive: true, force: true, maxRetries: 5 });
}
