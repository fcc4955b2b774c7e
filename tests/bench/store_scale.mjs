// tests/bench/store_scale.mjs — the issue 8 figures for a store with many cases (a benchmark
// that prints figures, not a test). make_store writes backup archives with 1 and N cases
// (histories of 20–60 events, two attachments each); each is restored into a fresh persistent
// Chromium profile through the app's own 从备份恢复 path. Then, per store (empty, 1 case, N cases):
//   (a) cold start: navigation → window.certdesk.ready (first frame drawn, state() usable),
//       measured as performance.now() when `ready` resolves, over `runs` page loads;
//   (b) one save: dispatch(SetProfileNote) → saveState() === 'saved', over 20 saves;
//   (c) restore (file handed to the chooser → busy over and saved) and backup (dispatch →
//       download received and busy over).
// Usage: node tests/bench/store_scale.mjs <site-dir> <make_store binary> [cases=2000] [runs=7]
// (or: cmake --build build --target bench_store_scale). Environment as for durability.mjs;
// CERTDESK_ARTIFACTS (optional) receives store-scale-bench.json.
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launchPersistent, openPage } from '../e2e/harness.mjs';

const [site, maker] = process.argv.slice(2, 4);
if (!site || !maker) throw new Error('usage: node store_scale.mjs <site-dir> <make_store> [cases] [runs]');
const CASES = Number(process.argv[4] || 2000);
const RUNS = Number(process.argv[5] || 7);
const SAVES = Number(process.env.CERTDESK_BENCH_SAVES || 20);

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const summary = (xs) => ({ runs: xs.length, median: quantile(xs, 0.5), p95: quantile(xs, 0.95), min: Math.min(...xs) });
const f1 = (x) => x.toFixed(1).padStart(8);

const server = await serve(site, '/');
const work = await mkdtemp(join(tmpdir(), 'certdesk-scale-'));
const out = { cases: CASES, runs: RUNS, saves: SAVES, stores: {} };

async function until(page, fn, timeout = 600000) {
  await page.waitForFunction(fn, null, { timeout, polling: 50 });
}

try {
  const archives = {};
  for (const n of [1, CASES]) {
    const path = join(work, `store-${n}.json`);
    console.log(execFileSync(maker, [String(n), path]).toString().trim());
    archives[n] = { path, bytes: (await stat(path)).size };
  }

  for (const [label, n] of [['empty', 0], ['1 case', 1], [`${CASES} cases`, CASES]]) {
    const r = { label };
    const context = await launchPersistent(join(work, `profile-${n}`), { acceptDownloads: true });
    let { page } = await openPage(context, server.url);
    await page.evaluate(() => window.certdesk.fontLoaded);
    if (n > 0) {
      // (c) restore through the file chooser, as a user would.
      const buffer = await readFile(archives[n].path);
      const chooser = page.waitForEvent('filechooser');
      await page.evaluate(() => window.certdesk.dispatch({ type: 'Restore' }));
      const fc = await chooser;
      const t0 = Date.now();
      await fc.setFiles({ name: 'store.json', mimeType: 'application/json', buffer }, { timeout: 600000 });
      await until(page, () => { const s = window.certdesk.state(); return s.busy === '' && (s.info !== '' || s.lastError !== ''); });
      await until(page, () => window.certdesk.saveState() === 'saved');
      r.restoreMs = Date.now() - t0;
      console.log(`  ${label}: restored in ${r.restoreMs} ms`);
      const s = await page.evaluate(() => window.certdesk.state());
      if (s.cases.length !== n) throw new Error(`restore: ${s.cases.length} cases, ${s.lastError}`);
      r.archiveBytes = archives[n].bytes;
    }
    // (a) cold start, `runs` page loads (the first one is not counted: it warms the HTTP cache).
    const starts = [], historiesRead = [], casesLoaded = [], phases = { idbRead: [], storeLoaded: [], appToFirstFrame: [] };
    for (let i = 0; i <= RUNS; i++) {
      await page.close();
      page = await context.newPage();
      if (i === RUNS) page.on('console', (m) => { if (m.text().startsWith('slices:')) console.log(`  ${label}: ${m.text()}`); });
      await page.goto(server.url);
      await page.waitForFunction(() => window.certdesk !== undefined, null, { timeout: 60000 });
      const t = await page.evaluate(() => window.certdesk.ready.then(() => performance.now()));
      const tm = await page.evaluate(() => window.certdesk.storeTiming());
      if (i > 0) {
        starts.push(t);
        // Where a start goes: IndexedDB read of the first stage (getAll of everything but the case
        // files, getAllKeys of those) from the store's mount, its entries into the in-memory file
        // system, then main() (the app loads the store) to the first frame.
        if (tm.read !== undefined) phases.idbRead.push(tm.read - tm.start);
        if (tm.loaded !== undefined) phases.storeLoaded.push(tm.loaded - tm.start);
        if (tm.firstFrame !== undefined && tm.loaded !== undefined) phases.appToFirstFrame.push(tm.firstFrame - tm.loaded);
      }
      if (i === RUNS) {
        // The case files arrive after the first frame, in slices (ms after the first frame).
        casesLoaded.push(await page.evaluate(async () => {
          await window.certdesk.storeLoaded;
          const t = window.certdesk.storeTiming();
          console.log(`slices: ${t.slices || 0}, longest ${(t.sliceMaxMs || 0).toFixed(1)} ms on the main thread`);
          return (t.casesLoaded || t.firstFrame) - t.firstFrame;
        }));
        // The histories not read at the start are read after the first frame, a slice per frame:
        // when the last one is read (ms after the first frame, polled every 50 ms; last load only).
        historiesRead.push(await page.evaluate(async () => {
          while (window.certdesk.unreadHistories() > 0) await new Promise((res) => setTimeout(res, 50));
          return performance.now() - window.certdesk.storeTiming().firstFrame;
        }));
      }
      const cases = await page.evaluate(() => window.certdesk.state().cases.length);
      if (cases !== n) throw new Error(`after start: ${cases} cases`);
      await page.waitForTimeout(1000);  // renderer and font settle before the next load
    }
    r.coldStart = summary(starts);
    r.coldStartPhases = Object.fromEntries(Object.entries(phases).filter(([, v]) => v.length).map(([k, v]) => [k, summary(v)]));
    r.historiesRead = summary(historiesRead);
    r.casesLoaded = summary(casesLoaded);
    console.log(`  ${label}: cold start ${JSON.stringify({ coldStart: r.coldStart, phases: r.coldStartPhases, casesLoaded: r.casesLoaded, historiesRead: r.historiesRead })}`);
    // The page closed last may still hold the writer lock for a moment (its renderer busy): this
    // one takes over once it is released (wasm/js/store_load.js); saves are measured from then on.
    await until(page, () => !window.certdesk.state().shell.readOnly);
    // (b) saves.
    await page.evaluate(() => window.certdesk.fontLoaded);
    await until(page, () => window.certdesk.saveState() !== 'saving');
    const saves = await page.evaluate(async ({ saves }) => {
      const channel = new MessageChannel();
      const tick = () => new Promise((res) => { channel.port1.onmessage = res; channel.port2.postMessage(0); });
      const t = [];
      for (let i = 0; i < saves + 3; i++) {
        const t0 = performance.now();
        const res = window.certdesk.dispatch({ type: 'SetProfileNote', note: `备注 #${i}` });
        if (!res.ok) throw new Error(res.message);
        while (window.certdesk.saveState() !== 'saved') await tick();
        if (i >= 3) t.push(performance.now() - t0);
        await new Promise((res) => setTimeout(res, 50));
      }
      return t;
    }, { saves: SAVES });
    r.save = summary(saves);
    // (c) backup.
    if (n > 0) {
      const download = page.waitForEvent('download', { timeout: 600000 });
      const t0 = Date.now();
      await page.evaluate(() => window.certdesk.dispatch({ type: 'Backup' }));
      const d = await download;
      await until(page, () => window.certdesk.state().busy === '');
      r.backupMs = Date.now() - t0;
      const saved = join(work, `backup-${n}.json`);
      await d.saveAs(saved);
      r.backupBytes = (await stat(saved)).size;
    }
    r.memoryBytes = await page.evaluate(() => window.certdesk.memoryBytes());
    out.stores[label] = r;
    console.log(`  ${label}: ${JSON.stringify(r)}`);
    await context.close();
  }

  const empty = out.stores.empty, one = out.stores['1 case'], many = out.stores[`${CASES} cases`];
  console.log(`store scale bench: headless Chromium, persistent profile; ${RUNS} cold starts, ${SAVES} saves (ms)`);
  console.log('store          cold start median    p95    min   save median    p95   restore   backup   wasm memory');
  for (const r of Object.values(out.stores))
    console.log(`${r.label.padEnd(14)} ${f1(r.coldStart.median)} ${f1(r.coldStart.p95)} ${f1(r.coldStart.min)}  ${f1(r.save.median)} ${f1(r.save.p95)}` +
                `  ${r.restoreMs === undefined ? '       -' : String(r.restoreMs).padStart(8)} ${r.backupMs === undefined ? '       -' : String(r.backupMs).padStart(8)}` +
                `   ${(r.memoryBytes / 1048576).toFixed(0)} MB`);
  out.ratios = {
    coldStart: many.coldStart.median / empty.coldStart.median,
    save: many.save.median / one.save.median,
  };
  for (const r of Object.values(out.stores))
    console.log(`${r.label.padEnd(14)} start phases (median ms): ` +
                Object.entries(r.coldStartPhases).map(([k, v]) => `${k} ${v.median.toFixed(1)}`).join(', ') +
                `; every history read ${r.historiesRead.median.toFixed(0)} ms after the first frame`);
  console.log(`cold start ${CASES} cases / empty: ${out.ratios.coldStart.toFixed(2)}x (target <= 2)`);
  console.log(`save ${CASES} cases / 1 case: ${out.ratios.save.toFixed(2)}x (target <= 1.5)`);
  console.log(`archive of ${CASES} cases: ${(many.archiveBytes / 1048576).toFixed(1)} MB in, ${(many.backupBytes / 1048576).toFixed(1)} MB out`);
  if (process.env.CERTDESK_ARTIFACTS) {
    await mkdir(process.env.CERTDESK_ARTIFACTS, { recursive: true });
    await writeFile(join(process.env.CERTDESK_ARTIFACTS, 'store-scale-bench.json'), JSON.stringify(out, null, 2));
  }
} finally {
  await server.close();
  await rm(work, { recursive: true, force: true });
}
