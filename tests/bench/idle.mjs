// tests/bench/idle.mjs — issue 16's idle figures (a benchmark that prints figures, not a test): the
// share of wall time the page's main thread is busy over idle windows, and the frames drawn in
// them, for the start screen, the case list with N cases and 今日待办; and dispatch → 已保存 from an
// idle page. Busy time is Chromium's own: CDP Performance.getMetrics `TaskDuration` (seconds of
// tasks on the renderer's main thread) over the window's `Timestamp` span; frames are the main
// loop's frame records (window.certdesk.frameTimes(), one per frame drawn), so the figure is the
// same for builds before drawing on demand. Nothing touches the page during a window.
// Usage: node tests/bench/idle.mjs <site-dir> <make_store binary> [cases=2000] [runs=9] [seconds=5]
// (environment as for tests/e2e; CERTDESK_ARTIFACTS, if set, receives idle-bench.json).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, openApp, ok, restoreScripted, screenshot } from '../e2e/harness.mjs';

const [site, maker] = process.argv.slice(2, 4);
if (!site || !maker) throw new Error('usage: node idle.mjs <site-dir> <make_store> [cases] [runs] [seconds]');
const CASES = Number(process.argv[4] || 2000);
const RUNS = Number(process.argv[5] || 9);
const SECONDS = Number(process.argv[6] || 5);
const SETTLE_MS = 2500;  // after a change: the app's frames after an input (1 s) and then some

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const summary = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor((s.length - 1) / 2)] / 2 + s[Math.ceil((s.length - 1) / 2)] / 2, min: s[0], max: s[s.length - 1], n: s.length };
};
const fmt = (x, unit, digits = 1) => `median ${x.median.toFixed(digits)}${unit} (min ${x.min.toFixed(digits)}, max ${x.max.toFixed(digits)}, n=${x.n})`;

async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}
// One idle window: main-thread busy share (%) and frames drawn.
async function idleWindow(page, cdp) {
  await sleep(SETTLE_MS);
  await page.evaluate(() => window.certdesk.frameTimes());  // forget the frames before the window
  const a = await metrics(cdp);
  await sleep(SECONDS * 1000);
  const b = await metrics(cdp);
  const frames = (await page.evaluate(() => window.certdesk.frameTimes())).length;
  return { busy: 100 * (b.TaskDuration - a.TaskDuration) / (b.Timestamp - a.Timestamp), frames };
}
async function settleStore(page) {
  await page.evaluate(async () => {
    await window.certdesk.storeLoaded;
    while (window.certdesk.unreadHistories() > 0 || window.certdesk.state().busy !== '') await new Promise((r) => setTimeout(r, 100));
  });
}

const server = await serve(site, '/');
const browser = await launch();
const work = await mkdtemp(join(tmpdir(), 'certdesk-idle-'));
const out = { cases: CASES, runs: RUNS, seconds: SECONDS, loadBefore: load(), views: {} };
console.log(`idle bench: ${RUNS} windows of ${SECONDS} s per view; load average before: ${out.loadBefore}`);
const record = (view, samples) => {
  out.views[view] = { busyPercent: summary(samples.map((s) => s.busy)), frames: summary(samples.map((s) => s.frames)) };
  console.log(`  ${view}: main thread busy ${fmt(out.views[view].busyPercent, ' %', 2)}; frames drawn ${fmt(out.views[view].frames, '', 0)}`);
};
try {
  // The start screen of a new browser profile.
  {
    const { context, page } = await openApp(browser, server.url);
    await page.evaluate(() => window.certdesk.fontLoaded);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const samples = [];
    for (let i = 0; i < RUNS; i++) samples.push(await idleWindow(page, cdp));
    record('start screen', samples);
    // dispatch → 已保存 from an idle page (the save's IndexedDB callbacks no longer wait behind frames).
    await ok(page, { type: 'SetMode', mode: 'body' });
    const saves = [];
    for (let i = 0; i < RUNS + 2; i++) {
      await sleep(SETTLE_MS);
      const ms = await page.evaluate(async (k) => {
        const channel = new MessageChannel();
        const tick = () => new Promise((res) => { channel.port1.onmessage = res; channel.port2.postMessage(0); });
        const t0 = performance.now();
        const res = window.certdesk.dispatch({ type: 'SetProfileNote', note: `备注 #${k}` });
        if (!res.ok) throw new Error(res.message);
        while (window.certdesk.saveState() !== 'saved') await tick();
        return performance.now() - t0;
      }, i);
      if (i >= 2) saves.push(ms);
    }
    out.saveFromIdleMs = summary(saves);
    console.log(`  dispatch → 已保存 from idle: ${fmt(out.saveFromIdleMs, ' ms')}`);
    await context.close();
  }
  // The case list and 今日待办 with CASES cases, interleaved.
  {
    const { context, page } = await openApp(browser, server.url);
    await page.evaluate(() => window.certdesk.fontLoaded);
    await restoreScripted(page, maker, CASES, join(work, 'store.json'));
    await settleStore(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const samples = { cases: [], today: [] };
    for (let i = 0; i < RUNS; i++) {
      for (const view of ['cases', 'today']) {
        await ok(page, { type: 'ShowView', view });
        samples[view].push(await idleWindow(page, cdp));
      }
    }
    record(`case list, ${CASES} cases`, samples.cases);
    record(`今日待办, ${CASES} cases`, samples.today);
    await screenshot(page, `idle-bench-today-${CASES}`);
    await context.close();
  }
  out.loadAfter = load();
  console.log(`load average after: ${out.loadAfter}`);
  if (process.env.CERTDESK_ARTIFACTS) await writeFile(join(process.env.CERTDESK_ARTIFACTS, 'idle-bench.json'), JSON.stringify(out, null, 2));
} finally {
  await browser.close();
  await server.close();
  await rm(work, { recursive: true, force: true });
}
