// tests/bench/package_browser.mjs — issue 5's figures in headless Chromium: export and import of
// an application package carrying 50 MB of attachments (incompressible), timed from the click
// (export) or the file's hand-over (import) until the app is idle again, with the wasm memory
// before and after (it only grows, so "after" is the peak). A benchmark: prints figures, asserts
// only that the operations succeeded.
// Usage: node package_browser.mjs <site-dir> [runs=1]   (env as for tests/e2e)
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launchPersistent, openPage, clickWidget, state, ok } from '../e2e/harness.mjs';
import { fillApplication, answerAll } from '../e2e/applicant_fill.mjs';

const [site, runsArg = '1'] = process.argv.slice(2);
if (!site) throw new Error('usage: node package_browser.mjs <site-dir> [runs]');
const server = await serve(site, '/');
const work = await mkdtemp(join(tmpdir(), 'certdesk-bench-'));
const MB = 1048576;

const idle = (page) => page.waitForFunction(() => window.certdesk.state().busy === '', null, { timeout: 120000, polling: 20 });
const memory = (page) => page.evaluate(() => window.certdesk.memoryBytes());

const results = [];
try {
  const sizes = [20 * MB, 20 * MB, 10 * MB];
  const paths = [];
  for (const [i, n] of sizes.entries()) {
    const p = join(work, `附件${i + 1}.bin`);
    await writeFile(p, randomBytes(n));
    paths.push(p);
  }
  for (let run = 0; run < Number(runsArg); run++) {
    // Applicant: fill, attach 50 MB, export.
    let context = await launchPersistent(join(work, `applicant-${run}`));
    let { page } = await openPage(context, server.url);
    await ok(page, { type: 'SetMode', mode: 'applicant' });
    await fillApplication(page);
    await ok(page, { type: 'ShowApplyPage', page: 'attachments' });
    await page.evaluate(() => window.certdesk.frames(3));
    for (const p of paths) {
      const chooser = page.waitForEvent('filechooser');
      await clickWidget(page, 'apply.attach');
      await (await chooser).setFiles(p);
      await page.waitForFunction((n) => window.certdesk.state().model.applicant.attachments.length === n && window.certdesk.state().busy === '',
                                 paths.indexOf(p) + 1, { timeout: 120000 });
    }
    await ok(page, { type: 'SetDraftField', field: 'application.org_chart', value: 'att-1' });
    await ok(page, { type: 'SetDraftField', field: 'application.business_licence', value: 'att-2' });
    const open = await answerAll(page, 'att-3');
    if (open.length) throw new Error(`incomplete: ${JSON.stringify(open)}`);
    await ok(page, { type: 'ShowApplyPage', page: 'review' });
    await page.evaluate(() => window.certdesk.frames(3));
    const exportMemBefore = await memory(page);
    const download = page.waitForEvent('download', { timeout: 120000 });
    const t0 = Date.now();
    await ok(page, { type: 'Export', kind: 'final' });
    const d = await download;
    await idle(page);
    const exportMs = Date.now() - t0;
    const exportMemAfter = await memory(page);
    const pkgPath = join(work, `package-${run}.json`);
    await d.saveAs(pkgPath);
    const pkgBytes = (await stat(pkgPath)).size;
    await context.close();

    // Body: import it.
    context = await launchPersistent(join(work, `body-${run}`));
    // The page's own clock from the file input's `change` event (the moment a user's browser
    // has the file; playwright's hand-over before it is the harness's, not the app's).
    await context.addInitScript(() => {
      document.addEventListener('change', () => { window.__certdeskChangeAt = performance.now(); }, true);
    });
    ({ page } = await openPage(context, server.url));
    await ok(page, { type: 'SetMode', mode: 'body' });
    await ok(page, { type: 'SetProfileName', name: '测试' });
    await ok(page, { type: 'SetProfileRole', role: 'marketing', held: true });
    await page.evaluate(() => window.certdesk.frames(3));
    const importMemBefore = await memory(page);
    const chooser = page.waitForEvent('filechooser');
    await clickWidget(page, 'cases.import');
    let t1 = 0;
    const fc = await chooser;
    t1 = Date.now();
    await fc.setFiles(pkgPath);
    await page.waitForFunction(() => window.certdesk.state().cases.length === 1 || window.certdesk.state().lastError !== '', null, { timeout: 120000, polling: 20 });
    await idle(page);
    const importMs = Date.now() - t1;
    const importFromChangeMs = Math.round(await page.evaluate(() => performance.now() - window.__certdeskChangeAt));
    const s = await state(page);
    if (s.cases.length !== 1) throw new Error(`import failed: ${s.lastError}`);
    const importMemAfter = await memory(page);
    await context.close();
    const r = { run, attachments_mb: 50, package_mb: +(pkgBytes / MB).toFixed(1), export_ms: exportMs, import_ms: importMs, import_from_change_ms: importFromChangeMs,
                export_wasm_mb: [+(exportMemBefore / MB).toFixed(0), +(exportMemAfter / MB).toFixed(0)],
                import_wasm_mb: [+(importMemBefore / MB).toFixed(0), +(importMemAfter / MB).toFixed(0)],
                export_peak_per_package: +(exportMemAfter / pkgBytes).toFixed(2),
                import_peak_per_package: +(importMemAfter / pkgBytes).toFixed(2) };
    results.push(r);
    console.log(JSON.stringify(r));
  }
} finally {
  await server.close();
  await rm(work, { recursive: true, force: true });
}
const med = (k) => results.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(results.length / 2)];
console.log(`export_ms=${med('export_ms')} import_ms=${med('import_ms')} import_from_change_ms=${med('import_from_change_ms')} export_peak_per_package=${med('export_peak_per_package')} import_peak_per_package=${med('import_peak_per_package')}`);
