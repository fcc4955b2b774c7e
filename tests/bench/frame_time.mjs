// tests/bench/frame_time.mjs — issue 6's figures (a benchmark that prints figures, not a test):
// the CPU time of a frame of the case list and of 今日待办 with N cases stored, as a ratio to an
// empty Dear ImGui frame of the same app in the same run (window.certdesk.emptyFrames). The
// store comes from make_store's backup archive, restored through the app's own 从备份恢复 path.
// Two frame times (wasm/main.cpp): the whole main-loop callback, from its start to the end of the
// draw calls, and the ImGui part (NewFrame → Render: the app's panels, without the GL submission,
// which under software GL mostly waits for the rasteriser and is the same for every view).
// Rounds interleave empty / list / list while scrolling / Today, so load drifts hit all alike.
// Usage: node tests/bench/frame_time.mjs <site-dir> <make_store binary> [cases=2000] [frames=120] [rounds=3]
// (environment as for tests/e2e; CERTDESK_ARTIFACTS, if set, receives frame-time-bench.json).
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launchPersistent, openPage, screenshot, dispatch, ok } from '../e2e/harness.mjs';

const [site, maker] = process.argv.slice(2, 4);
if (!site || !maker) throw new Error('usage: node frame_time.mjs <site-dir> <make_store> [cases] [frames] [rounds]');
const CASES = Number(process.argv[4] || 2000);
const FRAMES = Number(process.argv[5] || 120);
const ROUNDS = Number(process.argv[6] || 3);

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const server = await serve(site, '/');
const work = await mkdtemp(join(tmpdir(), 'certdesk-frames-'));
const frames = (page, n) => page.evaluate((k) => window.certdesk.frames(k), n);

try {
  const archive = join(work, 'store.json');
  console.log(execFileSync(maker, [String(CASES), archive]).toString().trim());
  const context = await launchPersistent(join(work, 'profile'), { acceptDownloads: true });
  const { page } = await openPage(context, server.url);
  await page.evaluate(() => window.certdesk.fontLoaded);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'),
                                       page.evaluate(() => window.certdesk.dispatch({ type: 'Restore' }))]);
  await chooser.setFiles({ name: 'store.json', mimeType: 'application/json', buffer: await readFile(archive) });
  await page.waitForFunction(() => { const s = window.certdesk.state(); return s.busy === '' && (s.info !== '' || s.lastError !== ''); },
                             null, { timeout: 600000, polling: 100 });
  let s = await page.evaluate(() => window.certdesk.state());
  if (s.cases.length !== CASES) throw new Error(`restore: ${s.cases.length} cases, ${s.lastError}`);
  if (s.model.mode !== 'body') await ok(page, { type: 'SetMode', mode: 'body' });
  await ok(page, { type: 'ShowView', view: 'cases' });
  await frames(page, 10);
  s = await page.evaluate(() => window.certdesk.state());
  console.log(`store: ${s.board.total} cases, ${s.board.dueTotal} due or overdue`);

  // Frames are drawn only when something changed (issue 16); a still view's frame time needs
  // frames, so every animation frame draws one during the measurement.
  await page.evaluate(() => window.certdesk.drawEveryFrame(true));
  const samples = { empty: [], list: [], scroll: [], today: [] };
  const uiSamples = { empty: [], list: [], scroll: [], today: [] };
  async function measure(kind) {
    await page.evaluate((k) => window.certdesk.emptyFrames(k === 'empty'), kind);
    if (kind === 'list' || kind === 'scroll') await ok(page, { type: 'ShowView', view: 'cases' });
    if (kind === 'today') await ok(page, { type: 'ShowView', view: 'today' });
    await frames(page, 10);
    await page.evaluate(() => window.certdesk.frameTimes());  // forget the switch-over frames
    if (kind === 'scroll') {
      // Wheel over the table every frame: the clipper shows other rows each time.
      const box = await page.evaluate(() => window.certdesk.widget('cases.row0'));
      await page.mouse.move(box.x + box.width * 4, box.y + 200);
      for (let i = 0; i < FRAMES; i++) {
        await page.mouse.wheel(0, i % 40 < 20 ? 240 : -240);
        await frames(page, 1);
      }
    } else {
      await frames(page, FRAMES);
    }
    for (const [whole, ui] of await page.evaluate(() => window.certdesk.frameTimes())) {
      samples[kind].push(whole);
      uiSamples[kind].push(ui);
    }
  }
  for (let r = 0; r < ROUNDS; r++)
    for (const kind of ['empty', 'list', 'scroll', 'today']) await measure(kind);
  await page.evaluate(() => window.certdesk.emptyFrames(false));
  await ok(page, { type: 'ShowView', view: 'cases' });
  await frames(page, 5);
  await screenshot(page, `frame-bench-list-${CASES}`);
  await ok(page, { type: 'ShowView', view: 'today' });
  await frames(page, 5);
  await screenshot(page, `frame-bench-today-${CASES}`);

  const out = { cases: CASES, framesPerRound: FRAMES, rounds: ROUNDS, whole: {}, imgui: {} };
  for (const [title, key, set] of [['whole frame', 'whole', samples], ['ImGui NewFrame → Render', 'imgui', uiSamples]]) {
    const base = { median: quantile(set.empty, 0.5), p95: quantile(set.empty, 0.95) };
    console.log(`${title}, ms (${ROUNDS} rounds × ${FRAMES} frames; ratios to the empty ImGui frame)`);
    console.log('view              median      p95   median/empty   p95/empty p95');
    for (const [kind, xs] of Object.entries(set)) {
      const m = quantile(xs, 0.5), p = quantile(xs, 0.95);
      out[key][kind] = { frames: xs.length, median: m, p95: p, ratioMedian: m / base.median, ratioP95: p / base.p95 };
      console.log(`${kind.padEnd(14)} ${m.toFixed(2).padStart(8)} ${p.toFixed(2).padStart(8)} ${(m / base.median).toFixed(2).padStart(12)} ${(p / base.p95).toFixed(2).padStart(14)}`);
    }
  }
  if (process.env.CERTDESK_ARTIFACTS)
    await writeFile(join(process.env.CERTDESK_ARTIFACTS, 'frame-time-bench.json'), JSON.stringify(out, null, 1));
  await context.close();
} finally {
  await server.close();
  await rm(work, { recursive: true, force: true });
}
