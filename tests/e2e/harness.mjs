// tests/e2e/harness.mjs — shared end-to-end plumbing: a static server for the built site (on a
// loopback port the kernel picks, optionally under a sub-path), Debian's Chromium driven by
// playwright-core, console-error capture, screenshots kept as artifacts, and a tiny runner
// that prints "N passed, M failed".
import { createServer } from 'node:http';
import { readFile, stat, mkdir } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const modules = process.env.CERTDESK_NODE_MODULES;
if (!modules) throw new Error('CERTDESK_NODE_MODULES is not set: run emsdk-env/bootstrap.sh');
const { chromium } = require(join(modules, 'playwright-core'));

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ttf': 'font/ttf', '.css': 'text/css; charset=utf-8',
};

// Serves `root` at http://127.0.0.1:<port><prefix>. Returns {url, close}.
export async function serve(root, prefix = '/') {
  const server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (!path.startsWith(prefix)) { res.writeHead(404).end(); return; }
      path = normalize(path.slice(prefix.length)).replace(/^(\.\.[/\\])+/, '');
      let file = join(root, path);
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': MIME[extname(file)] || 'application/octet-stream',
                           'Content-Length': body.length, 'Cache-Control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((r) => server.close(r)) };
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

export async function launch(options = {}) {
  return chromium.launch({
    executablePath: process.env.CERTDESK_CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS.concat(options.args || []),
    headless: true,
  });
}

// A browser with a profile on disk, so IndexedDB survives reloads and restarts.
// `serviceWorkers: 'block'` bypasses the site's service worker (so page.route sees every request).
export async function launchPersistent(userDataDir, options = {}) {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CERTDESK_CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS.concat(options.args || []),
    headless: true,
    viewport: { width: 1280, height: 800 },
    screen: { width: 1920, height: 1080 },
    ...(options.serviceWorkers ? { serviceWorkers: options.serviceWorkers } : {}),
  });
}

// Opens the app in a new page of an existing context, recording errors like openApp. Both wait
// for the first frame and then for the whole store (case files arrive after the first frame).
export async function openPage(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(url);
  await page.waitForFunction(() => window.certdesk !== undefined, null, { timeout: 60000 });
  await page.evaluate(() => window.certdesk.ready.then(() => window.certdesk.storeLoaded));
  return { page, errors };
}

// Resolves once every change the page made is reported as saved (in IndexedDB).
export async function waitSaved(page) {
  await page.waitForFunction(() => window.certdesk.state().shell.save === 'saved', null, { timeout: 20000 });
}

// A page that records console errors and page errors; `errors` must stay empty.
export async function openApp(browser, url, contextOptions = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 }, screen: { width: 1920, height: 1080 }, ...contextOptions,
  });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
  await page.goto(url);
  await page.waitForFunction(() => window.certdesk !== undefined, null, { timeout: 60000 });
  await page.evaluate(() => window.certdesk.ready.then(() => window.certdesk.storeLoaded));
  return { context, page, errors };
}

export async function screenshot(page, name) {
  const dir = process.env.CERTDESK_ARTIFACTS || 'artifacts';
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

// A widget's rectangle as the last drawn frame placed it, waiting up to `timeout` ms (a few
// frames) for it to appear: the app draws a change at its next frame, and on a loaded machine
// that frame may come after the test's next question.
async function findWidget(page, id, timeout = 5000) {
  const t0 = Date.now();
  for (;;) {
    const r = await page.evaluate((wid) => window.certdesk.widget(wid), id);
    if (r || Date.now() - t0 > timeout) return r;
    await page.evaluate(() => window.certdesk.frames(2));
  }
}

// Clicks the centre of a widget the app registered under `id` (see wasm/README.md).
export async function clickWidget(page, id) {
  const r = await findWidget(page, id);
  if (!r) throw new Error(`widget ${id} is not on screen`);
  await apart(page, r.x + r.width / 2, r.y + r.height / 2);
  await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
  await page.evaluate(() => window.certdesk.frames(3));
}

// Two presses on the same spot within ImGui's double-click time (0.30 s) and distance are a
// double-click, which selects a word in a text field, as in any browser. A test that means two
// single clicks waits until the second one cannot pair with the first (how fast the machine
// runs must not decide which of the two the user did); doubleClickAt means a double-click.
const lastPress = new WeakMap();
const DOUBLE_CLICK_MS = 300, DOUBLE_CLICK_CSS_PX = 8, APART_MS = DOUBLE_CLICK_MS + 150;
async function apart(page, x, y) {
  const last = lastPress.get(page);
  if (last && Math.hypot(x - last.x, y - last.y) <= DOUBLE_CLICK_CSS_PX) {
    const wait = APART_MS - (Date.now() - last.t);
    if (wait > 0) await new Promise((done) => setTimeout(done, wait));
  }
  lastPress.set(page, { x, y, t: Date.now() });
}

// Real input (issue 15): what a person's mouse, keyboard and wheel produce, through Chromium's
// input pipeline to the canvas and the IME textarea — never the test hook. `at` is where in the
// widget to click, as fractions of its width and height (default: the centre).
export async function widgetRect(page, id) {
  const r = await findWidget(page, id);
  if (!r) throw new Error(`widget ${id} is not on screen`);
  return r;
}
// The press is held over a couple of frames, as a hand does (some ImGui widgets act on a press
// they see in a frame).
// The pointer moved over a point of the widget, rested there a couple of frames, and far enough in
// time from the last press there; returns the widget's rectangle and the point.
async function pointAt(page, id, at) {
  const r = await widgetRect(page, id);
  const x = r.x + r.width * at.x, y = r.y + r.height * at.y;
  await page.mouse.move(x, y);
  await frames(page, 2);
  await apart(page, x, y);
  return { r, x, y };
}
export async function clickAt(page, id, at = { x: 0.5, y: 0.5 }) {
  const { r } = await pointAt(page, id, at);
  await page.mouse.down();
  await frames(page, 2);
  await page.mouse.up();
  await frames(page, 3);
  return r;
}
// A double-click, both presses well inside the double-click time.
export async function doubleClickAt(page, id, at = { x: 0.5, y: 0.5 }) {
  const { r, x, y } = await pointAt(page, id, at);
  await page.mouse.dblclick(x, y);  // two presses and releases, the second with detail 2
  lastPress.set(page, { x, y, t: Date.now() });
  await frames(page, 3);
  return r;
}
// Types text key by key (each character a keydown/keypress/input/keyup) into whatever has focus.
export async function typeKeys(page, text, delay = 0) {
  await page.keyboard.type(text, { delay });
  await frames(page, 3);
}
export async function press(page, key) {
  await page.keyboard.press(key);
  await frames(page, 3);
}
// Turns the mouse wheel over a widget (or a point {x, y} in CSS pixels): positive dy scrolls down.
export async function wheelOver(page, where, dy, dx = 0) {
  const r = typeof where === 'string' ? await widgetRect(page, where) : { x: where.x, y: where.y, width: 0, height: 0 };
  await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
  await page.mouse.wheel(dx, dy);
  await frames(page, 4);
}

// The test hook (wasm/js/test_hook.js): the app state, a command, and a command that must be accepted.
export const state = (page) => page.evaluate(() => window.certdesk.state());
export const dispatch = (page, c) => page.evaluate((cmd) => window.certdesk.dispatch(cmd), c);
export async function ok(page, c) {
  const r = await dispatch(page, c);
  if (!r.ok) throw new Error(`${JSON.stringify(c)} refused: ${JSON.stringify(r)}`);
  return r;
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

// Resolves after `n` animation frames; waits until no operation is running.
export const frames = (page, n = 3) => page.evaluate((k) => window.certdesk.frames(k), n);
export const idle = (page) => page.waitForFunction(() => window.certdesk.state().busy === '', null, { timeout: 60000 });

// The body's staff roles (profile.json), and the local user made `name` holding exactly `roles`
// (the profile the domain's checks read).
export const ROLES = ['quality_control', 'marketing', 'division', 'project_manager', 'team_leader', 'auditor',
                      'technical_expert', 'reviewer', 'decision_maker', 'management_rep'];
export async function actAs(page, name, roles) {
  await ok(page, { type: 'SetProfileName', name });
  for (const r of ROLES) await ok(page, { type: 'SetProfileRole', role: r, held: roles.includes(r) });
}
// One case command as the current user: the hook's answer; or one that must be accepted and saved.
export const caseCommand = (page, id, cmd) => dispatch(page, { type: 'CaseCommand', case_id: id, command: cmd });
export async function caseStep(page, id, cmd) {
  const r = await caseCommand(page, id, cmd);
  assert(r.ok, `${cmd.type} refused: ${JSON.stringify(r)}`);
  await waitSaved(page);
}
// Reloads the page and waits for the app, its store and its case files.
export async function reloadApp(page) {
  await page.reload();
  await page.waitForFunction(() => window.certdesk !== undefined, null, { timeout: 60000 });
  await page.evaluate(() => window.certdesk.ready.then(() => window.certdesk.storeLoaded));
  await frames(page);
}

// Restores a backup archive of `n` scripted body cases written by tests/bench/make_store (through
// the 从备份恢复 file chooser) and waits until every case is in and saved.
export async function restoreScripted(page, maker, n, archive) {
  const { execFileSync } = await import('node:child_process');
  console.log('  ' + execFileSync(maker, [String(n), archive]).toString().trim());
  const chooser = page.waitForEvent('filechooser');
  await ok(page, { type: 'Restore' });
  await (await chooser).setFiles({ name: 'store.json', mimeType: 'application/json', buffer: await readFile(archive) });
  await page.waitForFunction((k) => { const s = window.certdesk.state(); return s.busy === '' && s.cases.length === k; },
                             n, { timeout: 120000 });
  await waitSaved(page);
}

// Every file of the store as IndexedDB holds it (IDBFS's database '/store': one entry per path,
// files with their bytes in `contents`) with the SHA-256 of its bytes.
export const storeFiles = (page) => page.evaluate(async () => {
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open('/store');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const entries = await new Promise((resolve, reject) => {
    const os = db.transaction(['FILE_DATA'], 'readonly').objectStore('FILE_DATA');
    const keys = os.getAllKeys(), values = os.getAll();
    values.onsuccess = () => resolve(keys.result.map((k, i) => [k, values.result[i]]));
    values.onerror = () => reject(values.error);
  });
  db.close();
  const out = {};
  for (const [path, entry] of entries) {
    if (!entry.contents) continue;  // a folder
    const d = new Uint8Array(await crypto.subtle.digest('SHA-256', entry.contents));
    out[path.slice('/store/'.length)] = Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
});
// Runs named async tests in order; prints one line each and "N passed, M failed" last.
// CERTDESK_E2E_ONLY=<regex> runs only the tests whose name matches (while developing one).
export async function run(tests) {
  let passed = 0, failed = 0;
  const only = process.env.CERTDESK_E2E_ONLY ? new RegExp(process.env.CERTDESK_E2E_ONLY) : null;
  for (const [name, fn] of tests) {
    if (only && !only.test(name)) continue;
    const t0 = Date.now();
    try {
      await fn();
      passed++;
      console.log(`ok   ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${name}: ${e && e.stack || e}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}
