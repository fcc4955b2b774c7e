// tests/e2e/storage.test.mjs — what the UI calls saved survives reloads and a browser restart;
// a second tab is read-only and takes over, with the first tab's data, once the first closes;
// a store of many cases starts before its case files are loaded (issue 8, cold start): the list
// comes from the summaries, a case opened early shows 正在载入案件数据… until its history arrives,
// a backup asked for meanwhile waits for every file, and IndexedDB keeps every byte.
// Usage: node storage.test.mjs <site-dir> <make_store binary>
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launchPersistent, openPage, waitSaved, screenshot, clickWidget, assert, run, state, dispatch, ok, storeFiles } from './harness.mjs';

const site = process.argv[2];
const maker = process.argv[3];
if (!site || !maker) throw new Error('usage: node storage.test.mjs <site-dir> <make_store>');
const server = await serve(site, '/');
const profileDir = await mkdtemp(join(tmpdir(), 'certdesk-e2e-'));
const work = await mkdtemp(join(tmpdir(), 'certdesk-e2e-many-'));

// A reload that returns as soon as the first frame is drawn (not waiting for the case files).
async function coldReload(page) {
  await page.reload();
  await page.waitForFunction(() => window.certdesk !== undefined, null, { timeout: 60000 });
  await page.evaluate(() => window.certdesk.ready);
}
const CASES = 300;


try {
  await run([
    ['a saved profile survives reloads and a browser restart', async () => {
      let context = await launchPersistent(profileDir);
      let { page, errors } = await openPage(context, server.url);
      assert((await state(page)).shell.readOnly === false, 'the only tab must be the writer');
      assert((await dispatch(page, { type: 'SetProfileName', name: '李四' })).ok, 'name refused');
      assert((await dispatch(page, { type: 'SetProfileRole', role: 'team_leader', held: true })).ok, 'role refused');
      await waitSaved(page);
      await clickWidget(page, 'nav.profile');
      await screenshot(page, 'storage-saved');
      for (let i = 0; i < 2; i++) {
        await page.reload();
        await page.evaluate(() => window.certdesk.ready.then(() => window.certdesk.storeLoaded));
        const s = await state(page);
        assert(s.model.profile.name === '李四', `after reload ${i + 1}: ${JSON.stringify(s.model.profile)}`);
        assert(JSON.stringify(s.model.profile.roles) === '["team_leader"]', JSON.stringify(s.model.profile.roles));
      }
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
      context = await launchPersistent(profileDir);
      ({ page, errors } = await openPage(context, server.url));
      const s = await state(page);
      assert(s.model.profile.name === '李四', `after restart: ${JSON.stringify(s.model.profile)}`);
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
    }],
    ['a second tab is read-only, then takes over with the first tab\'s data', async () => {
      const context = await launchPersistent(profileDir);
      const first = await openPage(context, server.url);
      const second = await openPage(context, server.url);
      assert((await state(second.page)).shell.readOnly === true, 'second tab must be read-only');
      const refused = await dispatch(second.page, { type: 'SetProfileName', name: '王五' });
      assert(!refused.ok && refused.rule === 'STORE-READONLY' && /只读/.test(refused.message), JSON.stringify(refused));
      await second.page.evaluate(() => window.certdesk.frames(3));
      await screenshot(second.page, 'storage-second-tab-read-only');
      assert((await dispatch(first.page, { type: 'SetProfileName', name: '赵六' })).ok, 'writer refused');
      await waitSaved(first.page);
      await first.page.close();
      await second.page.waitForFunction(() => !window.certdesk.state().shell.readOnly, null, { timeout: 20000 });
      const s = await state(second.page);
      assert(s.model.profile.name === '赵六', `took over with ${JSON.stringify(s.model.profile.name)}`);
      assert((await dispatch(second.page, { type: 'SetProfileName', name: '钱七' })).ok, 'new writer refused');
      await waitSaved(second.page);
      await second.page.reload();
      await second.page.evaluate(() => window.certdesk.ready.then(() => window.certdesk.storeLoaded));
      assert((await state(second.page)).model.profile.name === '钱七', 'new writer\'s save lost');
      assert(first.errors.length === 0 && second.errors.length === 0, first.errors.concat(second.errors).join('\n'));
      await context.close();
    }],
    ['300 cases: listed from summaries at once, a case opened early arrives, a backup waits, nothing lost', async () => {
      const archive = join(work, 'store.json');
      console.log('  ' + execFileSync(maker, [String(CASES), archive]).toString().trim());
      const context = await launchPersistent(join(work, 'profile'), { acceptDownloads: true });
      const { page, errors } = await openPage(context, server.url);
      const chooser = page.waitForEvent('filechooser');
      await ok(page, { type: 'Restore' });
      await (await chooser).setFiles({ name: 'store.json', mimeType: 'application/json', buffer: await readFile(archive) });
      await page.waitForFunction((n) => { const s = window.certdesk.state(); return s.busy === '' && s.cases.length === n; },
                                 CASES, { timeout: 180000 });
      await page.evaluate(() => window.certdesk.frames(3));  // the summaries are written after the first frame
      await waitSaved(page);
      const before = await storeFiles(page);
      const caseFiles = Object.keys(before).filter((p) => p.startsWith('cases/') && p !== 'cases/index.json');
      assert(caseFiles.length === CASES * 3, `case files in IndexedDB: ${caseFiles.length}`);
      assert(Object.keys(before).filter((p) => p.startsWith('summaries/')).length === CASES, 'a summary per case');

      // Cold start: the first frame comes before the case files; the list is complete, from summaries.
      await coldReload(page);
      const first = await page.evaluate(() => ({ timing: window.certdesk.storeTiming(), board: window.certdesk.state().board }));
      assert(first.timing.deferred >= CASES * 3 && first.timing.pendingAtFirstFrame >= CASES * 3,
             `case files loaded before the first frame: ${JSON.stringify(first.timing)}`);
      assert(first.board.total === CASES && first.board.rows.length > 0, `board: ${first.board.total}`);
      assert(first.board.rows.every((r) => !r.loading && r.scope !== '' && r.step !== ''), 'rows not from summaries');

      // The last case (loaded last by the slices) opened at once: 正在载入案件数据…, then its history.
      const last = `C2025-${String(CASES).padStart(4, '0')}`;
      const opened = await page.evaluate((id) => {
        const pending = window.certdesk.state().cases.find((c) => c.id === id).pending;
        const r = window.certdesk.dispatch({ type: 'OpenCase', case_id: id });
        return { pending, r, open: window.certdesk.state().board.open };
      }, last);
      assert(opened.pending === true, 'the case was loaded before it was opened');
      assert(opened.r.ok && opened.open === null, `opened: ${JSON.stringify(opened)}`);
      await page.evaluate(() => window.certdesk.frames(2));
      const loading = await state(page);
      assert(loading.board.open !== null || loading.widgets['case.loading'], 'no 正在载入案件数据… while the case loads');
      await page.waitForFunction((id) => window.certdesk.state().board.open?.id === id, last, { timeout: 60000 });
      let s = await state(page);
      const row = s.cases.find((c) => c.id === last);
      assert(s.board.open.timeline.length > 0 && row.events >= 20 && !row.pending, JSON.stringify(row));
      assert(s.lastError === '', s.lastError);

      // A backup asked for right after a start waits for every case file and holds them all.
      await coldReload(page);
      const pendingThen = await page.evaluate(() => window.certdesk.pendingEntries());
      const download = page.waitForEvent('download', { timeout: 120000 });
      await ok(page, { type: 'Backup' });
      const waiting = (await state(page)).busy;
      assert(pendingThen === 0 || /正在载入案件数据/.test(waiting), `busy while loading: ${waiting}`);
      const path = join(work, 'backup.json');
      await (await download).saveAs(path);
      const j = JSON.parse(await readFile(path, 'utf8'));
      const expected = Object.keys(before).filter((p) => !p.startsWith('summaries/')).sort();
      assert(JSON.stringify(j.files.map((f) => f.path).sort()) === JSON.stringify(expected),
             `backup holds ${j.files.length} files, the store ${expected.length}`);
      for (const f of j.files) assert(f.sha256 === before[f.path], `backup: ${f.path} differs`);

      // After all that and one more reload, IndexedDB holds every file exactly as before.
      await coldReload(page);
      await page.evaluate(() => window.certdesk.storeLoaded);
      s = await state(page);
      assert(s.cases.length === CASES && s.cases.every((c) => !c.pending), 'cases still pending after the load');
      const after = await storeFiles(page);
      for (const p of Object.keys(before)) assert(after[p] === before[p], `${p} changed or lost`);
      assert(Object.keys(after).length === Object.keys(before).length,
             `entries ${Object.keys(before).length} → ${Object.keys(after).length}`);
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
    }],
  ]);
} finally {
  await server.close();
  await rm(profileDir, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
}
