// tests/bench/input.mjs — benchmark, not a test (issue 15's figures): prints
// 1. keystrokes typed vs kept over a scripted session of 2,000 keys across the applicant's text
//    fields, with clicks between them (into another field, or again into the one that has focus),
//    typed through Chromium's keyboard (real key events into the IME textarea);
// 2. the time from a wheel event to the frame that shows the page scrolled, median and spread of
//    N runs, side by side with the baseline in the same run: the time from the same event to the
//    next animation frame (what no scroll handler can beat). Real input: Chromium's keyboard,
//    mouse and wheel, as in the end-to-end tests.
// Usage: node input.mjs <site-dir> [runs=15]
import { serve, launch, openApp, state, ok, frames, clickAt, press, widgetRect, waitSaved } from '../e2e/harness.mjs';

const [site, runsArg] = process.argv.slice(2);
if (!site) throw new Error('usage: node input.mjs <site-dir> [runs]');
const runs = Number(runsArg || 15);
const server = await serve(site, '/');
const browser = await launch();
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return 'no samples';
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(1)} ms (min ${s[0].toFixed(1)}, max ${s[s.length - 1].toFixed(1)}, n=${s.length})`;
};

try {
  // 1. Keystrokes.
  {
    const { context, page } = await openApp(browser, server.url);
    await ok(page, { type: 'SetMode', mode: 'applicant' });
    await ok(page, { type: 'ShowApplyPage', page: 'organisation' });
    await frames(page, 3);
    // Each field within what it accepts (longer text is refused with a message beside the field,
    // and kept there: not a lost keystroke, but not this benchmark's subject either).
    const capacity = { name: 400, registered_address: 1000, office_address: 1000, legal_representative: 200,
                       credit_code: 64, business_scope: 100000 };
    const fields = Object.keys(capacity);
    const expected = Object.fromEntries(fields.map((f) => [f, '']));
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789 -';
    let seed = 7;
    const rand = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    let typed = 0, clicks = 0, field = fields[0];
    while (typed < 2000) {
      // Another field, or (one time in three) the field that already has focus, clicked again.
      if (rand(3) !== 0) field = fields[rand(fields.length)];
      if (expected[field].length + 25 > capacity[field]) continue;
      await clickAt(page, `apply.application.organisation.${field}`, { x: 0.1 + rand(80) / 100, y: 0.1 + rand(80) / 100 });
      clicks++;
      await page.keyboard.press('Control+End');  // the caret to the end, wherever the click put it
      typed++;
      let chunk = '';
      for (let i = 0, n = 5 + rand(20); i < n && typed < 2000; i++, typed++) chunk += alphabet[rand(alphabet.length)];
      await page.keyboard.type(chunk);
      // The credit code is kept in upper case (GB 32100-2015).
      expected[field] += field === 'credit_code' ? chunk.toUpperCase() : chunk;
    }
    await frames(page, 4);
    await waitSaved(page);
    const org = (await state(page)).model.applicant.content.application.organisation;
    let kept = 0, printable = 0;
    for (const f of fields) {
      printable += expected[f].length;
      // Characters kept: the longest common prefix (a lost key shifts everything after it).
      let k = 0;
      while (k < expected[f].length && org[f][k] === expected[f][k]) k++;
      kept += org[f] === expected[f] ? expected[f].length : k;
    }
    console.log(`keystrokes: ${typed} typed (${printable} characters, ${typed - printable} Ctrl+End keys) with ${clicks} clicks; ` +
                `${kept} of ${printable} characters kept${kept === printable ? ' (all)' : ''}`);
    await context.close();
  }

  // 2. Wheel → scrolled frame.
  {
    const { context, page } = await openApp(browser, server.url, { viewport: { width: 1024, height: 700 } });
    await ok(page, { type: 'SetMode', mode: 'applicant' });
    for (const category of ['RA', 'SO', 'ER']) await ok(page, { type: 'SetScopeLevel', category, level: '一级' });
    await ok(page, { type: 'ShowApplyPage', page: 'management' });
    await frames(page, 5);
    const footer = await widgetRect(page, 'apply.next');
    const at = { x: 500, y: footer.y - 200 };
    await page.mouse.move(at.x, at.y);  // the wheel scrolls what is under the pointer
    await frames(page, 3);
    const wheel = [], baseline = [];
    for (let i = 0; i < runs; i++) {
      // Chromium's own wheel event (page.mouse.wheel, as a hand produces): a probe, armed first, takes
      // the event's time in a capture listener and watches each animation frame after it for the
      // page's widgets to have moved.
      await page.evaluate(() => {
        const pick = () => JSON.stringify(Object.values(window.certdesk.state().widgets).map((v) => v[1]).slice(0, 40));
        const before = pick();
        window.__wheelProbe = new Promise((resolve) => {
          window.addEventListener('wheel', () => {
            const t0 = performance.now();
            let firstFrame = null;
            const tick = () => {
              const t = performance.now();
              if (firstFrame === null) firstFrame = t - t0;
              if (pick() !== before) resolve({ scrolled: t - t0, frame: firstFrame });
              else if (t - t0 > 2000) resolve({ scrolled: NaN, frame: firstFrame });
              else requestAnimationFrame(tick);
            };
            requestAnimationFrame(tick);
          }, { capture: true, once: true });
        });
      });
      await page.mouse.wheel(0, i % 2 ? -120 : 120);
      const r = await page.evaluate(() => window.__wheelProbe);
      wheel.push(r.scrolled);
      baseline.push(r.frame);
      await frames(page, 3);
    }
    console.log(`wheel event → scrolled frame: ${stats(wheel.filter((x) => !Number.isNaN(x)))}` +
                `${wheel.some(Number.isNaN) ? ` (${wheel.filter(Number.isNaN).length} never scrolled)` : ''}`);
    console.log(`baseline, same events → next animation frame: ${stats(baseline)}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
