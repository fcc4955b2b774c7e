// tests/e2e/idle.test.mjs — drawing on demand (issue 16): an idle page stops drawing, and a real
// mouse click, key press or wheel turn after idling is drawn at once (the next animation frames),
// through Chromium's input pipeline — never the test hook, whose frames(n) wakes nothing.
// Usage: node idle.test.mjs <site-dir>
import { serve, launch, openApp, screenshot, assert, run, ok, state, widgetRect, clickAt } from './harness.mjs';

const site = process.argv[2];
if (!site) throw new Error('usage: node idle.test.mjs <site-dir>');

const drawn = (page) => page.evaluate(() => window.certdesk.framesDrawn());
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Two animation frames of the page, waited for without the test hook: a frame the app asked for
// after an event in this task runs in the first of them.
const nextFrames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

// Waits until the app has drawn nothing for `quietMs`, then checks it stays so for `watchMs`.
async function expectIdle(page, what, quietMs = 1200, watchMs = 2000) {
  const t0 = Date.now();
  let last = await drawn(page), since = Date.now();
  while (Date.now() - since < quietMs) {
    assert(Date.now() - t0 < 20000, `${what}: still drawing after 20 s (${last} frames)`);
    await sleep(200);
    const n = await drawn(page);
    if (n !== last) { last = n; since = Date.now(); }
  }
  await sleep(watchMs);
  const n = await drawn(page);
  // A heartbeat (one per minute, two frames) may fall into the window; a running loop draws ~100.
  assert(n - last <= 2, `${what}: ${n - last} frames drawn in ${watchMs} ms while idle`);
  return n;
}

// After `act` (a real input), the app draws in the next animation frames.
async function expectDrawnAtOnce(page, what, before) {
  await nextFrames(page);
  const n = await drawn(page);
  assert(n > before, `${what}: no frame drawn after the input (${before} → ${n})`);
}

const server = await serve(site, '/');
const browser = await launch();
try {
  await run([
    ['an idle start screen stops drawing; a real click after idling is drawn at once', async () => {
      const { context, page, errors } = await openApp(browser, server.url);
      assert((await state(page)).model.view === 'start', 'not on the start screen');
      const n0 = await expectIdle(page, 'start screen');
      const r = await widgetRect(page, 'start.body');
      await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
      await expectDrawnAtOnce(page, 'mouse move', n0);
      await expectIdle(page, 'start screen, pointer resting');
      const n1 = await drawn(page);
      await page.mouse.down();
      await expectDrawnAtOnce(page, 'mouse press', n1);
      await page.mouse.up();
      await nextFrames(page);
      await nextFrames(page);
      const s = await state(page);
      assert(s.model.mode === 'body' && s.model.view !== 'start', `the click did nothing: mode ${s.model.mode}, view ${s.model.view}`);
      await screenshot(page, 'idle-after-click');
      await expectIdle(page, 'after the click');
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
    }],
    ['a key press after idling is typed and drawn at once', async () => {
      const { context, page, errors } = await openApp(browser, server.url);
      await ok(page, { type: 'SetMode', mode: 'body' });
      await ok(page, { type: 'ShowView', view: 'profile' });
      await expectIdle(page, 'profile page');
      await clickAt(page, 'profile.name');
      // A text field being edited sleeps too (with its caret shown).
      const n0 = await expectIdle(page, 'profile page, name field active');
      await page.keyboard.press('K');
      await expectDrawnAtOnce(page, 'key press', n0);
      await nextFrames(page);
      const name = (await state(page)).model.profile.name;
      assert(name === 'K', `typed "K", the field has ${JSON.stringify(name)}`);
      await screenshot(page, 'idle-after-key');
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
    }],
    ['a wheel turn after idling scrolls at once', async () => {
      const { context, page, errors } = await openApp(browser, server.url, { viewport: { width: 1024, height: 700 } });
      await ok(page, { type: 'SetMode', mode: 'applicant' });
      for (const category of ['RA', 'SO', 'ER']) await ok(page, { type: 'SetScopeLevel', category, level: '一级' });
      await ok(page, { type: 'ShowApplyPage', page: 'management' });
      const n0 = await expectIdle(page, 'a long applicant page');
      const first = Object.keys((await state(page)).widgets).find((id) => id.startsWith('apply.management_self_assessment.'));
      assert(first, 'no self-assessment widget on the page');
      const r0 = await widgetRect(page, first);
      await page.mouse.move(r0.x + r0.width / 2, r0.y + r0.height / 2);
      await page.mouse.wheel(0, 300);
      await expectDrawnAtOnce(page, 'wheel', n0);
      await nextFrames(page);
      const r1 = await widgetRect(page, first);
      assert(r0.y - r1.y > 100, `the wheel scrolled ${r0.y - r1.y} px`);
      await screenshot(page, 'idle-after-wheel');
      await expectIdle(page, 'after the wheel');
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
    }],
  ]);
} finally {
  await browser.close();
  await server.close();
}
