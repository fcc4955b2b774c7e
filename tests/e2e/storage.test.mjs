// tests/e2e/storage.test.mjs — what the UI calls saved survives reloads and a browser restart;
// a second tab is read-only and takes over, with the first tab's data, once the first closes.
// Usage: node storage.test.mjs <site-dir>
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launchPersistent, openPage, waitSaved, screenshot, clickWidget, assert, run, state, dispatch } from './harness.mjs';

const site = process.argv[2];
if (!site) throw new Error('usage: node storage.test.mjs <site-dir>');
const server = await serve(site, '/');
const profileDir = await mkdtemp(join(tmpdir(), 'certdesk-e2e-'));


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
        await page.evaluate(() => window.certdesk.ready);
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
      await second.page.evaluate(() => window.certdesk.ready);
      assert((await state(second.page)).model.profile.name === '钱七', 'new writer\'s save lost');
      assert(first.errors.length === 0 && second.errors.length === 0, first.errors.concat(second.errors).join('\n'));
      await context.close();
    }],
  ]);
} finally {
  await server.close();
  await rm(profileDir, { recursive: true, force: true });
}
