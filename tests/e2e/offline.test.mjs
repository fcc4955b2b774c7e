// tests/e2e/offline.test.mjs — after one visit the app loads and works with the network off;
// a new deployment is offered (新版本可用) and applied on the user's click.
// Usage: node offline.test.mjs <site-dir>
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launchPersistent, openPage, waitSaved, screenshot, clickWidget, assert, run, state } from './harness.mjs';

const site = process.argv[2];
if (!site) throw new Error('usage: node offline.test.mjs <site-dir>');
const work = await mkdtemp(join(tmpdir(), 'certdesk-offline-'));
const siteCopy = join(work, 'site');
await cp(site, siteCopy, { recursive: true });
const server = await serve(siteCopy, '/app/');

async function controlled(page) {
  await page.evaluate(() => window.certdesk.offlineReady());
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    await page.reload();
    await page.evaluate(() => window.certdesk.ready.then(() => window.certdesk.storeLoaded));
  }
  assert(await page.evaluate(() => !!navigator.serviceWorker.controller), 'no service worker controls the page');
}

try {
  await run([
    ['loads and saves with the network off after one visit', async () => {
      const context = await launchPersistent(join(work, 'profile-offline'));
      const { page, errors } = await openPage(context, server.url);
      await controlled(page);
      await context.setOffline(true);
      await page.reload();
      await page.evaluate(() => window.certdesk.ready.then(() => window.certdesk.storeLoaded));
      assert((await page.evaluate(() => window.certdesk.fontLoaded)) === true, 'complete font not served offline');
      assert((await page.evaluate(() => window.certdesk.dispatch({ type: 'SetProfileName', name: '离线审核员' }))).ok, 'refused');
      await waitSaved(page);
      await page.reload();
      await page.evaluate(() => window.certdesk.ready.then(() => window.certdesk.storeLoaded));
      assert((await state(page)).model.profile.name === '离线审核员', 'offline save lost');
      await page.evaluate(() => window.certdesk.frames(3));
      await screenshot(page, 'offline-working');
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
    }],
    ['a new deployment is offered and applied on the user\'s click', async () => {
      const context = await launchPersistent(join(work, 'profile-update'));
      const { page, errors } = await openPage(context, server.url);
      await controlled(page);
      assert((await state(page)).shell.updateAvailable === false, 'update offered without a new deployment');
      // Deploy a "new version": a changed page and a service worker with a new version.
      const index = join(siteCopy, 'index.html');
      await writeFile(index, (await readFile(index, 'utf8')).replace('</body>', '<!-- deployment 2 --></body>'));
      const sw = join(siteCopy, 'sw.js');
      await writeFile(sw, (await readFile(sw, 'utf8')).replace(/const VERSION = '([^']*)'/, "const VERSION = '$1-2'"));
      await page.evaluate(() => window.certdesk.checkForUpdate());
      await page.waitForFunction(() => window.certdesk.state().shell.updateAvailable, null, { timeout: 30000 });
      await page.evaluate(() => window.certdesk.frames(3));
      await screenshot(page, 'offline-update-offered');
      assert(!(await page.content()).includes('deployment 2'), 'the new version was applied without asking');
      await Promise.all([page.waitForEvent('load', { timeout: 30000 }), clickWidget(page, 'banner.update')]);
      await page.evaluate(() => window.certdesk.ready.then(() => window.certdesk.storeLoaded));
      assert((await page.content()).includes('deployment 2'), 'the new version did not load after the click');
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
    }],
  ]);
} finally {
  await server.close();
  await rm(work, { recursive: true, force: true });
}
