// tests/e2e/quarantine.test.mjs — issue 17 items 1 and 2 in the browser: a store whose files are
// damaged in IndexedDB (a record file with a number where text is expected — the reported case
// that stopped the app at every start — and a case history cut in half) still starts. The
// damaged files are moved aside byte for byte, a banner names them, 数据与备份 lists them and
// downloads them as they were (real clicks), the damaged case is listed as such and the other
// cases work; the next start finds nothing new and keeps the quarantine.
// Usage: node quarantine.test.mjs <site-dir> <make_store>
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, screenshot, assert, run, state, ok, frames, waitSaved, clickAt, restoreScripted, storeFiles,
         actAs } from './harness.mjs';

const [site, maker] = process.argv.slice(2);
if (!site || !maker) throw new Error('usage: node quarantine.test.mjs <site-dir> <make_store>');
const server = await serve(site, '/');
const work = await mkdtemp(join(tmpdir(), 'certdesk-quarantine-'));
const browser = await launch();

async function openPage(context) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(server.url);
  await page.waitForFunction(() => window.certdesk !== undefined, null, { timeout: 60000 });
  await page.evaluate(() => window.certdesk.ready.then(() => window.certdesk.storeLoaded));
  return { page, errors };
}

// Writes files straight into IndexedDB (as a damaged disk, another program or a foreign backup
// could leave them), from a page of the same origin without the app.
async function damage(context, files) {
  const page = await context.newPage();
  await page.goto(server.url + 'icon.svg');
  await page.evaluate(async (entries) => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open('/store');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise((resolve, reject) => {
      const tx = db.transaction(['FILE_DATA'], 'readwrite');
      const os = tx.objectStore('FILE_DATA');
      for (const [path, text] of entries)
        os.put({ timestamp: new Date(), mode: 33206, contents: new TextEncoder().encode(text) }, '/store/' + path);
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, Object.entries(files));
  await page.close();
}

try {
  await run([
    ['damaged files are set aside, named, listed and downloadable; the app starts and the other cases work', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      let { page, errors } = await openPage(context);
      await actAs(page, '王质控', ['quality_control', 'marketing']);
      await ok(page, { type: 'SetMode', mode: 'body' });
      await restoreScripted(page, maker, 3, join(work, 'store.json'));
      const ids = (await state(page)).cases.map((c) => c.id);
      await waitSaved(page);
      await page.close();

      const records = '{"archives":[{"case_id":5,"file":"x.json"}]}';
      const history = (await (async () => {
        const p = await context.newPage();
        await p.goto(server.url + 'icon.svg');
        const t = await p.evaluate(async (path) => {
          const db = await new Promise((r) => { const q = indexedDB.open('/store'); q.onsuccess = () => r(q.result); });
          const v = await new Promise((r) => {
            const g = db.transaction(['FILE_DATA']).objectStore('FILE_DATA').get(path);
            g.onsuccess = () => r(g.result);
          });
          db.close();
          return new TextDecoder().decode(v.contents);
        }, `/store/cases/${ids[1]}.json`);
        await p.close();
        return t;
      })());
      const cut = history.slice(0, Math.floor(history.length / 2));
      // One of each kind of damage, in several kinds of file at once (each kind × each damage is
      // in app_core_tests' quarantine_test.cpp, through the same core).
      const damaged = {
        'records/archives.json': records,                                      // wrong type
        [`cases/${ids[1]}.json`]: cut,                                         // truncated
        'records/removals.json': 'null',                                       // null
        'records/notices.json': '{"version":7,"sent":[]}',                     // unknown version
        'settings/settings.json': '{"application":{"supplement_deadline_working_days":"八十"}}',  // wrong type
        'meta.json': '{"format":7}',                                           // not the store's mark
      };
      await damage(context, damaged);

      ({ page, errors } = await openPage(context));
      // The case file arrives after the first frame and is read a slice per frame: set aside then.
      const n = Object.keys(damaged).length;
      await page.waitForFunction((k) => window.certdesk.state().shell.setAside.length === k, n, { timeout: 30000 });
      let s = await state(page);
      assert(s.shell.storeError === '', `the store refused: ${s.shell.storeError}`);
      const aside = Object.fromEntries(s.shell.setAside.map((a) => [a.path, a.reason]));
      assert(aside['records/archives.json'] === 'archives[0].case_id: 应为字符串', JSON.stringify(aside));
      assert((aside[`cases/${ids[1]}.json`] || '').startsWith(`cases/${ids[1]}.json`), JSON.stringify(aside));
      assert(/版本 7/.test(aside['records/notices.json'] || ''), JSON.stringify(aside));
      assert(Object.keys(damaged).every((p) => aside[p]), JSON.stringify(aside));
      assert(s.model.profile.name === '王质控' && s.cases.length === 3, 'the profile or the cases did not load');
      await frames(page, 4);
      await screenshot(page, 'quarantine-banner');

      // The banner's 查看隔离区, clicked: 数据与备份 with the quarantine's list.
      await clickAt(page, 'banner.set_aside');
      s = await state(page);
      assert(s.model.view === 'data', `view after 查看隔离区: ${s.model.view}`);
      assert(s.data.quarantine.length === n, JSON.stringify(s.data.quarantine));
      await screenshot(page, 'quarantine-data-panel');
      // 下载, clicked: the file as it was.
      const download = page.waitForEvent('download');
      await clickAt(page, 'data.quarantine.records/archives.json');
      const got = await readFile(await (await download).path(), 'utf8');
      assert(got === records, `downloaded "${got}"`);

      // The damaged case is listed as such; the others open and work.
      await clickAt(page, 'nav.cases');
      const rows = (await state(page)).board.rows;
      const bad = rows.find((r) => r.id === ids[1]);
      assert(bad && bad.problem.startsWith(`cases/${ids[1]}.json`), JSON.stringify(bad));
      await screenshot(page, 'quarantine-case-list');
      await ok(page, { type: 'OpenCase', case_id: ids[0] });
      await frames(page, 3);
      assert((await state(page)).model.openCase === ids[0], 'the other case did not open');
      await ok(page, { type: 'OpenCase', case_id: ids[1] });
      await frames(page, 4);
      await screenshot(page, 'quarantine-case-set-aside');
      await waitSaved(page);

      // In IndexedDB: the originals gone, the copies there byte for byte.
      const stored = await storeFiles(page);
      const copies = Object.keys(stored).filter((p) => p.startsWith('quarantine/') && !p.endsWith('.reason.txt'));
      assert(copies.length === n, JSON.stringify(copies));
      assert(!('records/archives.json' in stored) && !(`cases/${ids[1]}.json` in stored), 'originals still in place');
      const sha = async (t) => Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(t))),
                                          (b) => b.toString(16).padStart(2, '0')).join('');
      assert(stored[copies.find((p) => p.endsWith('records/archives.json'))] === await sha(records), 'record copy differs');
      assert(stored[copies.find((p) => p.endsWith(`cases/${ids[1]}.json`))] === await sha(cut), 'case copy differs');

      // The next start: nothing new to set aside, the quarantine kept.
      await page.reload();
      await page.evaluate(() => window.certdesk.ready.then(() => window.certdesk.storeLoaded));
      await frames(page, 6);
      s = await state(page);
      assert(s.shell.setAside.length === 0 && s.data.quarantine.length === n && s.shell.storeError === '',
             JSON.stringify({ setAside: s.shell.setAside, quarantine: s.data.quarantine.length }));
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
    }],
  ]);
} finally {
  await browser.close();
  await server.close();
  await rm(work, { recursive: true, force: true });
}
