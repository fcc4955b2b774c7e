// tests/e2e/shell.test.mjs — the site loads, draws Chinese text, renders every GB2312 hanzi,
// follows resizes and HiDPI, takes pinyin input through the IME bridge, copies and pastes,
// and explains itself when WebGL 2 is missing or lost (with 导出原始数据, issue 17).
// Usage: node shell.test.mjs <site-dir>
import { serve, launch, openApp, screenshot, clickWidget, assert, run } from './harness.mjs';

const site = process.argv[2];
if (!site) throw new Error('usage: node shell.test.mjs <site-dir>');

// Pixel statistics of the canvas, not a single pixel: distinct colours and the share of
// pixels that differ from the background.
async function canvasStats(page) {
  const png = await page.screenshot();
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const c = new OffscreenCanvas(img.width, img.height);
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, img.width, img.height).data;
    const counts = new Map();
    for (let i = 0; i < d.length; i += 4) {
      const k = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
      counts.set(k, (counts.get(k) || 0) + 1);
    }
    // Background: the most common colour; ink: pixels clearly darker than it (text, lines).
    let bg = 0, best = 0;
    for (const [k, n] of counts) if (n > best) { best = n; bg = k; }
    const lum = (k) => ((k >> 16) & 255) * 0.3 + ((k >> 8) & 255) * 0.59 + (k & 255) * 0.11;
    let ink = 0;
    for (const [k, n] of counts) if (lum(bg) - lum(k) > 60) ink += n;
    return { colours: counts.size, inkShare: ink / (d.length / 4), width: img.width, height: img.height };
  }, png.toString('base64'));
}

const server = await serve(site, '/certdesk/');  // a sub-path, as on a shared static host
const browser = await launch();
// A start-up file served as `reply`: index.html's message names it (`names`), no frame is drawn,
// and (`quiet`) the page itself does not fail.
async function startStops(pattern, reply, shot, names, quiet = false) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route(pattern, (route) => route.fulfill(reply));
  await page.goto(server.url);
  await page.locator('#error').waitFor({ state: 'visible' });
  const text = await page.locator('#error').innerText();
  assert(/启动数据/.test(text) && names(text), `message: ${text}`);
  assert(await page.evaluate(() => !document.getElementById('overlay').classList.contains('done')),
         'the first frame must not have been drawn');
  if (quiet) assert(errors.length === 0, `the page failed: ${errors.join('; ')}`);
  await screenshot(page, shot);
  await context.close();
}

try {
  await run([
    ['first frame draws the Chinese interface, no console errors', async () => {
      const { context, page, errors } = await openApp(browser, server.url);
      await page.evaluate(() => window.certdesk.frames(5));
      const stats = await canvasStats(page);
      assert(stats.colours > 50, `canvas looks blank: ${stats.colours} colours`);
      assert(stats.inkShare > 0.005 && stats.inkShare < 0.5, `ink share ${stats.inkShare}`);
      const overlayHidden = await page.evaluate(() => document.getElementById('overlay').classList.contains('done'));
      assert(overlayHidden, 'loading overlay still shown after the first frame');
      await screenshot(page, 'shell-home');
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
    }],
    ['every GB2312 hanzi is in the loaded font once the complete font arrives', async () => {
      const { context, page, errors } = await openApp(browser, server.url);
      const before = await page.evaluate(() => window.certdesk.state().gb2312);
      assert(before.total === 7445, `GB2312 list has ${before.total} characters`);
      const loaded = await page.evaluate(() => window.certdesk.fontLoaded);
      assert(loaded === true, 'complete font failed to load');
      await page.evaluate(() => window.certdesk.frames(3));
      const after = await page.evaluate(() => window.certdesk.state());
      assert(after.shell.fullFontLoaded, 'app did not merge the complete font');
      assert(after.gb2312.hanzi === 6763, `GB2312 hanzi: ${after.gb2312.hanzi}`);
      assert(after.gb2312.hanziInFont === 6763, `hanzi missing from the font: ${6763 - after.gb2312.hanziInFont}`);
      assert(after.gb2312.inFont === after.gb2312.total, `missing glyphs: ${after.gb2312.total - after.gb2312.inFont}`);
      await clickWidget(page, 'nav.charset');
      await page.evaluate(() => window.certdesk.frames(5));
      await screenshot(page, 'shell-charset');
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
    }],
    ['pinyin composition through the IME bridge types Chinese into a field', async () => {
      const { context, page, errors } = await openApp(browser, server.url);
      await clickWidget(page, 'nav.profile');
      await clickWidget(page, 'profile.name');
      const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
      assert(focused === 'certdesk-ime', `IME bridge not focused (active: ${focused})`);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Input.imeSetComposition', { text: 'zhang', selectionStart: 5, selectionEnd: 5 });
      await cdp.send('Input.imeSetComposition', { text: 'zhangsan', selectionStart: 8, selectionEnd: 8 });
      // While composing, nothing reaches the field yet, and the preedit sits at the caret.
      const mid = await page.evaluate(() => window.certdesk.state().model.profile.name);
      assert(mid === '', `field changed during composition: ${mid}`);
      const caret = await page.evaluate(() => {
        const a = document.getElementById('certdesk-ime').getBoundingClientRect();
        return { x: a.left, y: a.top };
      });
      const field = await page.evaluate(() => window.certdesk.widget('profile.name'));
      assert(caret.x >= field.x && caret.x <= field.x + field.width && caret.y >= field.y - 2 &&
             caret.y <= field.y + field.height, `IME window not at the caret: ${JSON.stringify({ caret, field })}`);
      await screenshot(page, 'shell-ime-composing');
      await cdp.send('Input.insertText', { text: '张三' });
      await page.evaluate(() => window.certdesk.frames(3));
      // Plain typing goes through the same bridge, once per character.
      await page.keyboard.type('ab');
      await page.evaluate(() => window.certdesk.frames(3));
      const name = await page.evaluate(() => window.certdesk.state().model.profile.name);
      assert(name === '张三ab', `name is ${JSON.stringify(name)}`);
      await page.keyboard.press('Backspace');
      await page.evaluate(() => window.certdesk.frames(3));
      const trimmed = await page.evaluate(() => window.certdesk.state().model.profile.name);
      assert(trimmed === '张三a', `after Backspace: ${JSON.stringify(trimmed)}`);
      await screenshot(page, 'shell-ime-committed');
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
    }],
    ['paste from and copy/cut to other programs', async () => {
      const { context, page, errors } = await openApp(browser, server.url);
      const origin = new URL(server.url).origin;
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
      await clickWidget(page, 'nav.profile');
      await clickWidget(page, 'profile.name');
      await page.evaluate(() => navigator.clipboard.writeText('网安联认证中心'));
      await page.keyboard.press('Control+V');
      await page.evaluate(() => window.certdesk.frames(3));
      let name = await page.evaluate(() => window.certdesk.state().model.profile.name);
      assert(name === '网安联认证中心', `after paste: ${JSON.stringify(name)}`);
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Control+C');
      await page.evaluate(() => window.certdesk.frames(3));
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert(copied === '网安联认证中心', `clipboard holds ${JSON.stringify(copied)}`);
      await page.evaluate(() => navigator.clipboard.writeText(''));
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Control+X');
      await page.evaluate(() => window.certdesk.frames(3));
      const cut = await page.evaluate(() => navigator.clipboard.readText());
      name = await page.evaluate(() => window.certdesk.state().model.profile.name);
      assert(cut === '网安联认证中心' && name === '', `cut: clipboard ${JSON.stringify(cut)}, field ${JSON.stringify(name)}`);
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
    }],
    ['test hook issues the UI commands and refuses bad ones with a Chinese message', async () => {
      const { context, page, errors } = await openApp(browser, server.url);
      const ok = await page.evaluate(() => window.certdesk.dispatch({ type: 'SetProfileRole', role: 'auditor', held: true }));
      assert(ok.ok === true, JSON.stringify(ok));
      const bad = await page.evaluate(() => window.certdesk.dispatch({ type: 'SetProfileRole', role: 'king', held: true }));
      assert(!bad.ok && bad.rule === 'INPUT' && bad.field === 'role' && /未知角色/.test(bad.message), JSON.stringify(bad));
      const unknown = await page.evaluate(() => window.certdesk.dispatch({ type: 'GrantEverything' }));
      assert(!unknown.ok && unknown.field === 'type', JSON.stringify(unknown));
      const s = await page.evaluate(() => window.certdesk.state());
      assert(JSON.stringify(s.model.profile.roles) === '["auditor"]', JSON.stringify(s.model.profile));
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
    }],
    ['canvas follows resizes and is crisp on HiDPI screens', async () => {
      const { context, page, errors } = await openApp(browser, server.url, { deviceScaleFactor: 2 });
      await page.evaluate(() => window.certdesk.frames(3));
      let size = await page.evaluate(() => ({ w: canvas.width, h: canvas.height, dpr: window.certdesk.state().shell.dpr }));
      assert(size.w === 2560 && size.h === 1600 && size.dpr === 2, `HiDPI canvas ${JSON.stringify(size)}`);
      await page.setViewportSize({ width: 900, height: 640 });
      await page.evaluate(() => window.certdesk.frames(4));
      size = await page.evaluate(() => ({ w: canvas.width, h: canvas.height }));
      assert(size.w === 1800 && size.h === 1280, `after resize ${JSON.stringify(size)}`);
      await screenshot(page, 'shell-hidpi-resized');
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
    }],
    ['without WebGL 2 the page says so in Chinese', async () => {
      const b = await launch({ args: ['--disable-webgl'] });
      try {
        const page = await b.newPage();
        await page.goto(server.url);
        const text = await page.locator('#error').innerText();
        assert(/WebGL 2/.test(text) && /浏览器/.test(text), `message: ${text}`);
        // 导出原始数据 is offered here too; a browser that never saved anything has nothing to export.
        await page.locator('#rescue').click();
        await page.waitForFunction(() => document.getElementById('rescue-status').textContent !== '' &&
                                         !/正在读取/.test(document.getElementById('rescue-status').textContent));
        const said = await page.locator('#rescue-status').innerText();
        assert(/没有保存任何数据/.test(said), `rescue: ${said}`);
        await screenshot(page, 'shell-no-webgl');
      } finally {
        await b.close();
      }
    }],
    ['a lost WebGL context stops the app with a message and 导出原始数据', async () => {
      const { context, page, errors } = await openApp(browser, server.url);
      await page.evaluate(() => document.getElementById('canvas').getContext('webgl2').getExtension('WEBGL_lose_context').loseContext());
      await page.locator('#error').waitFor({ state: 'visible' });
      const text = await page.locator('#error').innerText();
      assert(/图形环境已丢失/.test(text) && /显卡驱动/.test(text) && /时间：\d{4}-/.test(text) && /导出原始数据/.test(text), `message: ${text}`);
      assert(await page.locator('#rescue').isVisible(), 'no 导出原始数据 button');
      await page.waitForTimeout(300);  // the overlay's fade-in (0.2 s)
      await screenshot(page, 'shell-context-lost');
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
    }],
    ['a start-up data file that does not arrive is named, the program does not start', async () => {
      await startStops('**/data/catalogue.json', { status: 404, body: 'gone' }, 'shell-missing-data',
                       (text) => text.includes('data/catalogue.json') && text.includes('404'));
    }],
    ['a damaged boot font stops the start with its name (ImGui’s built-in font is not in the build)', async () => {
      await startStops('**/fonts/boot.ttf', { status: 200, body: 'not a font'.repeat(50) }, 'shell-damaged-font',
                       (text) => text.includes('fonts/boot.ttf') && text.includes('损坏'), true);
    }],
  ]);
} finally {
  await browser.close();
  await server.close();
}
