// tests/e2e/storage_edge.test.mjs — the storage edge (issue 17 item 5), with IndexedDB made to
// fail as browsers do on disk errors or a full quota (IDBFactory.open, IDBObjectStore.get/getAll/
// put/delete patched before the app's scripts run, for chosen keys):
// - a store that cannot be read starts read-only, says so in Chinese, writes nothing, and the
//   stored data is intact afterwards;
// - a failed request inside a save transaction fails its whole batch: never reported 已保存;
// - a file that cannot be written (quota) does not hold back the saves of the other files, and
//   its failure, naming it, stays until that very file is written;
// - a failed removal is reported and retried.
// Whatever the UI reported as saved is checked after a reload.
// Usage: node storage_edge.test.mjs <site-dir>
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launchPersistent, openPage, waitSaved, screenshot, assert, run, state, dispatch, ok, storeFiles,
         reloadApp, idle } from './harness.mjs';

const site = process.argv[2];
if (!site) throw new Error('usage: node storage_edge.test.mjs <site-dir>');
const server = await serve(site, '/');
const work = await mkdtemp(join(tmpdir(), 'certdesk-edge-'));
const contexts = [];
const launch = async (dir, faults) => {
  const c = await launchPersistent(dir);
  contexts.push(c);
  if (faults) await c.addInitScript(FAULTS, faults);
  return c;
};

// Runs in the page before any of its scripts. `window.__fault` says what fails (the test changes
// it at run time): open — indexedDB.open('/store') throws; read — get/getAll abort their
// transaction; quota — put of a key matching the pattern throws QuotaExceededError; request —
// put of a matching (existing) key fails as a request (ConstraintError), the way a disk error
// fails one request of a transaction; remove — delete of a matching key fails likewise.
// `__writes` counts the puts and deletes made on the store.
function FAULTS(initial) {
  window.__fault = initial || {};
  window.__writes = 0;
  const match = (pattern, key) => !!pattern && new RegExp(pattern).test(String(key));
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (name, version) {
    if (window.__fault.open && name === '/store') throw new DOMException('模拟的打开失败', 'UnknownError');
    return open.apply(this, arguments);
  };
  for (const m of ['get', 'getAll']) {
    const real = IDBObjectStore.prototype[m];
    IDBObjectStore.prototype[m] = function () {
      const req = real.apply(this, arguments);
      if (window.__fault.read) this.transaction.abort();
      return req;
    };
  }
  const put = IDBObjectStore.prototype.put, del = IDBObjectStore.prototype.delete, add = IDBObjectStore.prototype.add;
  IDBObjectStore.prototype.put = function (value, key) {
    window.__writes++;
    if (match(window.__fault.quota, key)) throw new DOMException('模拟的配额已满', 'QuotaExceededError');
    if (match(window.__fault.request, key)) return add.call(this, value, key);  // the key exists: ConstraintError
    return put.call(this, value, key);
  };
  IDBObjectStore.prototype.delete = function (key) {
    window.__writes++;
    if (match(window.__fault.remove, key)) return add.call(this, { timestamp: new Date(), mode: 33206 }, key);
    return del.call(this, key);
  };
}
const setFault = (page, f) => page.evaluate((x) => { window.__fault = x; }, f);

// Save states seen on every animation frame for `ms` milliseconds (and the last shell).
const watchSave = (page, ms) => page.evaluate(async (t) => {
  const seen = new Set();
  const t0 = performance.now();
  while (performance.now() - t0 < t) {
    seen.add(window.certdesk.state().shell.save);
    await new Promise((r) => requestAnimationFrame(r));
  }
  return { seen: [...seen], shell: window.certdesk.state().shell };
}, ms);

// One stored file's JSON (null if absent), read straight from IndexedDB.
const storedJson = (page, path) => page.evaluate((p) => new Promise((resolve, reject) => {
  const req = indexedDB.open('/store');
  req.onerror = () => reject(req.error);
  req.onsuccess = () => {
    const db = req.result;
    const get = db.transaction('FILE_DATA', 'readonly').objectStore('FILE_DATA').get('/store/' + p);
    get.onsuccess = () => {
      db.close();
      resolve(get.result ? JSON.parse(new TextDecoder().decode(get.result.contents)) : null);
    };
    get.onerror = () => { db.close(); reject(get.error); };
  };
}), path);

async function attach(page, file) {
  const chooser = page.waitForEvent('filechooser', { timeout: 10000 });
  await ok(page, { type: 'Attach' });
  await (await chooser).setFiles(file);
  await page.waitForFunction(() => window.certdesk.state().busy !== '' || window.certdesk.state().info !== '' ||
                                   window.certdesk.state().lastError !== '', null, { timeout: 30000 });
  await idle(page);
}

// An applicant's browser with a profile and a draft saved.
async function applicant(dir, faults) {
  const context = await launch(dir, faults || {});
  const { page, errors } = await openPage(context, server.url);
  await ok(page, { type: 'SetMode', mode: 'applicant' });
  await ok(page, { type: 'SetProfileName', name: '林晓' });
  await ok(page, { type: 'SetDraftField', field: 'application.organisation.name', value: '福州网安科技有限公司' });
  await waitSaved(page);
  return { context, page, errors };
}

try {
  await run([
    ['a store that cannot be read: read-only, said in Chinese, nothing written, the data intact', async () => {
      const dir = join(work, 'load');
      let context = await launch(dir);
      let { page } = await openPage(context, server.url);
      await ok(page, { type: 'SetMode', mode: 'body' });
      await ok(page, { type: 'SetProfileName', name: '张三' });
      await waitSaved(page);
      const before = await storeFiles(page);
      await context.close();
      for (const [how, fault] of [['open', { open: true }], ['read', { read: true }]]) {
        context = await launch(dir, fault);
        ({ page } = await openPage(context, server.url));
        await page.evaluate(() => window.certdesk.frames(3));
        let s = await state(page);
        assert(/无法读取/.test(s.shell.loadError) && /不会保存/.test(s.shell.loadError),
               `${how}: no load error: ${JSON.stringify(s.shell)}`);
        assert(s.shell.readOnly === true, `${how}: not read-only`);
        const refused = await dispatch(page, { type: 'SetProfileName', name: '李四' });
        assert(!refused.ok && /无法读取/.test(refused.message), `${how}: change accepted: ${JSON.stringify(refused)}`);
        const mode = await dispatch(page, { type: 'SetMode', mode: 'applicant' });
        assert(!mode.ok, `${how}: mode change accepted`);
        await page.evaluate(() => new Promise((r) => setTimeout(r, 1500)));
        s = await state(page);
        assert(s.widgets['banner.load_error'], `${how}: the message is not on screen`);
        const writes = await page.evaluate(() => window.__writes);
        assert(writes === 0, `${how}: ${writes} puts or deletes on the store`);
        await screenshot(page, `storage-edge-load-failed-${how}`);
        await context.close();
        context = await launch(dir);
        ({ page } = await openPage(context, server.url));
        s = await state(page);
        assert(s.shell.loadError === '' && s.shell.readOnly === false, JSON.stringify(s.shell));
        assert(s.model.profile.name === '张三' && s.model.mode === 'body', `${how}: after: ${JSON.stringify(s.model.profile)}`);
        const after = await storeFiles(page);
        for (const p of Object.keys(before)) assert(after[p] === before[p], `${how}: ${p} changed or lost`);
        await context.close();
      }
    }],
    ['a failed request fails its whole batch; the other file is saved alone; saved after the retry', async () => {
      const { context, page, errors } = await applicant(join(work, 'request'));
      await setFault(page, { request: 'applicant/draft\\.json$' });
      // One task, two files (profile.json and applicant/draft.json): one save batch.
      await page.evaluate(() => {
        window.certdesk.dispatch({ type: 'SetProfileName', name: '王五' });
        window.certdesk.dispatch({ type: 'SetDraftField', field: 'application.organisation.legal_representative', value: '陈明' });
      });
      const w = await watchSave(page, 3000);
      assert(!w.seen.includes('saved'), `reported saved with a failed request: ${JSON.stringify(w)}`);
      assert(w.shell.save === 'failed' && /申请填写内容/.test(w.shell.saveError) && /applicant\/draft\.json/.test(w.shell.saveError) &&
             /未能保存/.test(w.shell.saveError), JSON.stringify(w.shell));
      assert(!/我的资料/.test(w.shell.saveError), `profile.json still failing: ${w.shell.saveError}`);
      assert((await storedJson(page, 'profile.json')).name === '王五', 'profile.json not saved on its own');
      const draft = await storedJson(page, 'applicant/draft.json');
      assert(!JSON.stringify(draft).includes('陈明'), 'the failed request was written');
      await screenshot(page, 'storage-edge-request-failed');
      await setFault(page, {});
      await waitSaved(page);
      assert(JSON.stringify(await storedJson(page, 'applicant/draft.json')).includes('陈明'), 'the draft not saved after the retry');
      await reloadApp(page);
      const s = await state(page);
      assert(s.model.profile.name === '王五' && s.model.applicant.content.application.organisation.legal_representative === '陈明',
             `after reload: ${JSON.stringify(s.model.profile)}`);
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
    }],
    ['a file over the quota holds back no other save; its failure stays until it is written; a failed removal is reported', async () => {
      const { context, page, errors } = await applicant(join(work, 'quota'));
      const big = { name: '大附件.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(3 * 1024 * 1024, 42) };
      await setFault(page, { quota: 'applicant/att/' });
      await attach(page, big);
      let s = await state(page);
      const att = s.model.applicant.attachments.find((a) => a.name === '大附件.pdf');
      assert(att, `not attached: ${s.lastError}`);
      let w = await watchSave(page, 2500);
      assert(!w.seen.includes('saved'), `reported saved: ${JSON.stringify(w)}`);
      assert(w.shell.save === 'failed' && /大附件\.pdf/.test(w.shell.saveError) && /存储空间已满/.test(w.shell.saveError),
             JSON.stringify(w.shell));
      // The draft that refers to it was saved in its own transaction.
      assert(JSON.stringify(await storedJson(page, 'applicant/draft.json')).includes('大附件.pdf'), 'the draft held back');
      // An unrelated save succeeds, and the attachment's failure stays.
      await ok(page, { type: 'SetProfileName', name: '赵六' });
      await page.waitForFunction(() => window.certdesk.state().shell.saveError !== '', null, { timeout: 5000 });
      for (let i = 0; i < 50 && (await storedJson(page, 'profile.json')).name !== '赵六'; i++)
        await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
      assert((await storedJson(page, 'profile.json')).name === '赵六', 'the profile was held back by the attachment');
      w = await watchSave(page, 2500);
      assert(!w.seen.includes('saved') && w.shell.save === 'failed' && /大附件\.pdf/.test(w.shell.saveError),
             `the failure went with an unrelated save: ${JSON.stringify(w)}`);
      s = await state(page);
      assert(s.widgets['banner.save_error'], 'the failure is not on screen');
      await screenshot(page, 'storage-edge-quota');
      // Space again: the attachment is written by the retry, and only then is all saved.
      await setFault(page, {});
      await waitSaved(page);
      let files = await storeFiles(page);
      assert(files[`applicant/att/${att.id}`] === att.sha256, `attachment in IndexedDB: ${files[`applicant/att/${att.id}`]}`);
      await reloadApp(page);
      s = await state(page);
      assert(s.model.profile.name === '赵六' && s.model.applicant.attachments.some((a) => a.id === att.id),
             `after reload: ${JSON.stringify(s.model.profile)}`);

      // Its removal fails: reported, naming the file; the draft without it is saved; then retried.
      await setFault(page, { remove: 'applicant/att/' });
      await ok(page, { type: 'RemoveAttachment', id: att.id });
      w = await watchSave(page, 2500);
      assert(!w.seen.includes('saved') && w.shell.save === 'failed' && /未能删除/.test(w.shell.saveError) &&
             w.shell.saveError.includes(`applicant/att/${att.id}`) && /大附件\.pdf/.test(w.shell.saveError),
             `removal failure: ${JSON.stringify(w)}`);
      assert(!JSON.stringify(await storedJson(page, 'applicant/draft.json')).includes('大附件.pdf'), 'the draft held back');
      await screenshot(page, 'storage-edge-remove-failed');
      await setFault(page, {});
      await waitSaved(page);
      files = await storeFiles(page);
      assert(!(`applicant/att/${att.id}` in files), 'the attachment is still in IndexedDB');
      await reloadApp(page);
      s = await state(page);
      assert(!s.model.applicant.attachments.some((a) => a.id === att.id), 'the attachment came back');
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
    }],
  ]);
} finally {
  for (const c of contexts) await c.close().catch(() => {});
  await server.close();
  await rm(work, { recursive: true, force: true, maxRetries: 5 });
}
