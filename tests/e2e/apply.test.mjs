// tests/e2e/apply.test.mjs — issue 5 end to end: an applicant fills the wizard (Chinese typed
// through the input method path), attaches files through the browser's file chooser, reloads
// mid-way without losing anything, exports the package; the certification body (another browser
// profile) imports it and sees the case; a tampered copy and a second import are refused; the
// applicant re-opens the package on another computer. Screenshots of every page.
// Usage: node apply.test.mjs <site-dir>
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launchPersistent, openPage, waitSaved, screenshot, clickWidget, assert, run, state, dispatch, ok } from './harness.mjs';

const site = process.argv[2];
if (!site) throw new Error('usage: node apply.test.mjs <site-dir>');
const server = await serve(site, '/');
const work = await mkdtemp(join(tmpdir(), 'certdesk-apply-'));
const artifacts = process.env.CERTDESK_ARTIFACTS || 'artifacts';

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');
async function idle(page) {
  await page.waitForFunction(() => window.certdesk.state().busy === '', null, { timeout: 60000 });
  await page.evaluate(() => window.certdesk.frames(3));
}
// Clicks a button that opens the file chooser and hands it `file` ({name, mimeType, buffer}).
async function chooseFile(page, widget, file) {
  const chooser = page.waitForEvent('filechooser', { timeout: 10000 });
  await clickWidget(page, widget);
  await (await chooser).setFiles(file);
  await page.waitForFunction(() => window.certdesk.state().busy !== '' || window.certdesk.state().info !== '' ||
                                   window.certdesk.state().lastError !== '', null, { timeout: 30000 });
  await idle(page);
}
// Types through the IME path: composition events, then the committed text.
async function typeChinese(page, context, widget, pinyin, text) {
  await clickWidget(page, widget);
  const cdp = await context.newCDPSession(page);
  for (let i = 1; i <= pinyin.length; i++)
    await cdp.send('Input.imeSetComposition', { text: pinyin.slice(0, i), selectionStart: i, selectionEnd: i });
  await cdp.send('Input.insertText', { text });
  await page.evaluate(() => window.certdesk.frames(3));
  await cdp.detach();
}
async function page_(page, id) {
  await clickWidget(page, `apply.page.${id}`);
  assert((await state(page)).model.applicant.page === id, `page ${id} not shown`);
}

const ORG = '福州网安科技有限公司';
const files = {
  licence: { name: '营业执照.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 营业执照 扫描件 '.repeat(500)) },
  chart: { name: '组织机构图.png', mimeType: 'image/png', buffer: Buffer.alloc(64 * 1024, 7) },
  evidence: { name: '管理体系文件.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
              buffer: Buffer.from('质量手册、程序文件与记录 '.repeat(2000)) },
};
let finalPath = null, draftPath = null;

try {
  await run([
    ['the applicant fills every page, reloads mid-way and exports a complete package', async () => {
      const context = await launchPersistent(join(work, 'applicant'), { acceptDownloads: true });
      const { page, errors } = await openPage(context, server.url);
      let s = await state(page);
      assert(s.model.view === 'start' && s.model.mode === '', `first start should ask who is using it: ${s.model.view}`);
      await screenshot(page, 'apply-0-start');
      await clickWidget(page, 'start.applicant');
      s = await state(page);
      assert(s.model.mode === 'applicant' && s.model.view === 'apply', `mode ${s.model.mode} view ${s.model.view}`);
      assert(s.model.applicant.package_id.length === 36, `package id ${s.model.applicant.package_id}`);

      // Eligibility: a penalty within the year is explained (R12) and blocks the export.
      await clickWidget(page, 'apply.eligibility.legal_entity.yes');
      await clickWidget(page, 'apply.eligibility.licences_complete.yes');
      await clickWidget(page, 'apply.eligibility.penalty_in_last_year.yes');
      s = await state(page);
      const r12 = s.review.find((i) => i.field === 'eligibility.penalty_in_last_year');
      assert(r12 && /R12/.test(r12.message) && /一年/.test(r12.message), `R12 not explained: ${JSON.stringify(r12)}`);
      await screenshot(page, 'apply-1-eligibility-penalty');
      await clickWidget(page, 'apply.eligibility.penalty_in_last_year.no');
      assert(!(await state(page)).review.some((i) => i.page === 'eligibility'), 'eligibility still open');
      await screenshot(page, 'apply-1-eligibility');

      // Organisation: the name through the input method, the rest through the hook.
      await clickWidget(page, 'apply.next');
      await typeChinese(page, context, 'apply.application.organisation.name', 'fuzhou', ORG);
      s = await state(page);
      assert(s.model.applicant.content.application.organisation.name === ORG,
             `typed name: ${s.model.applicant.content.application.organisation.name}`);
      const bad = await dispatch(page, { type: 'SetDraftField', field: 'application.founded_on', value: '2019-13-40' });
      assert(!bad.ok && bad.field === 'application.founded_on' && /日期/.test(bad.message), JSON.stringify(bad));
      await ok(page, { type: 'SetDraftField', field: 'application.organisation.credit_code', value: '91350100m000100y43' });
      s = await state(page);
      assert(s.model.applicant.content.application.organisation.credit_code === '91350100M000100Y43', 'credit code not upper-cased');
      await ok(page, { type: 'SetDraftField', field: 'application.organisation.registered_address', value: '福建省福州市鼓楼区软件大道 89 号' });
      await ok(page, { type: 'SetDraftField', field: 'application.organisation.office_address', value: '福建省福州市鼓楼区软件大道 89 号 A 座' });
      await ok(page, { type: 'SetDraftField', field: 'application.organisation.legal_representative', value: '陈明' });
      await ok(page, { type: 'SetDraftField', field: 'application.organisation.business_scope', value: '网络安全集成、运维与风险评估服务' });
      await ok(page, { type: 'SetDraftField', field: 'application.founded_on', value: '2015-06-01' });
      await ok(page, { type: 'SetDraftField', field: 'application.headcount_in_scope', value: '86' });
      await clickWidget(page, 'apply.contacts.add');
      await ok(page, { type: 'SetDraftField', field: 'application.organisation.contacts[0].name', value: '林晓' });
      await ok(page, { type: 'SetDraftField', field: 'application.organisation.contacts[0].phone', value: '123' });
      await ok(page, { type: 'SetDraftField', field: 'application.organisation.contacts[0].email', value: 'linxiao@example.cn' });
      s = await state(page);
      const phone = s.review.find((i) => i.field === 'application.organisation.contacts[0].phone');
      assert(phone && /电话号码格式不正确/.test(phone.message), `bad phone not reported: ${JSON.stringify(phone)}`);
      await page.evaluate(() => window.certdesk.frames(3));
      await screenshot(page, 'apply-2-organisation-bad-phone');
      await ok(page, { type: 'SetDraftField', field: 'application.organisation.contacts[0].phone', value: '0591-87654321' });
      await ok(page, { type: 'AddDraftRow', list: 'sites' });
      await ok(page, { type: 'SetDraftField', field: 'application.sites[0].name', value: '总部' });
      await ok(page, { type: 'SetDraftField', field: 'application.sites[0].address', value: '福建省福州市鼓楼区软件大道 89 号 A 座' });

      // Reload mid-way: everything reported saved is there, on the same page.
      await waitSaved(page);
      await page.reload();
      await page.evaluate(() => window.certdesk.ready.then(() => window.certdesk.storeLoaded));
      s = await state(page);
      const org = s.model.applicant.content.application.organisation;
      assert(org.name === ORG && org.contacts[0].phone === '0591-87654321' && s.model.applicant.page === 'organisation',
             `after reload: ${JSON.stringify(org)} page ${s.model.applicant.page}`);
      assert(!s.review.some((i) => i.page === 'organisation'), `organisation still open: ${JSON.stringify(s.review.filter((i) => i.page === 'organisation'))}`);
      await screenshot(page, 'apply-2-organisation');

      // Scope: one category by clicking, its level and a second one through the hook.
      await page_(page, 'scope');
      await clickWidget(page, 'apply.scope.SI');
      await clickWidget(page, 'apply.scope.SI.二级');
      await ok(page, { type: 'SetScopeLevel', category: 'RA', level: '三级' });
      s = await state(page);
      assert(JSON.stringify(s.model.applicant.content.application.scope) ===
             JSON.stringify([{ category: 'SI', level: '二级' }, { category: 'RA', level: '三级' }]),
             JSON.stringify(s.model.applicant.content.application.scope));
      await screenshot(page, 'apply-3-scope');

      // Attachments through the file chooser, hashed by WebCrypto.
      await page_(page, 'attachments');
      await chooseFile(page, 'apply.application.business_licence.upload', files.licence);
      await chooseFile(page, 'apply.application.org_chart.upload', files.chart);
      await chooseFile(page, 'apply.attach', files.evidence);
      s = await state(page);
      const atts = s.model.applicant.attachments;
      assert(atts.length === 3, `attachments: ${JSON.stringify(atts)}`);
      for (const [i, f] of [files.licence, files.chart, files.evidence].entries()) {
        assert(atts[i].name === f.name && atts[i].size === f.buffer.length && atts[i].sha256 === sha256(f.buffer),
               `attachment ${i}: ${JSON.stringify(atts[i])}`);
      }
      assert(s.model.applicant.content.application.business_licence === atts[0].id, 'licence role not set');
      assert(s.model.applicant.content.application.org_chart === atts[1].id, 'org chart role not set');
      await screenshot(page, 'apply-6-attachments');

      // Self-assessments: the first requirement through the page (IME + evidence upload), the rest by the hook.
      await page_(page, 'management');
      s = await state(page);
      const firstClaim = s.review.find((i) => i.page === 'management' && i.field.endsWith('.claim'));
      assert(firstClaim, 'no management requirement open');
      const req = firstClaim.field.split('.')[1];
      await clickWidget(page, `apply.management_self_assessment.${req}.claim.conforms`);
      await typeChinese(page, context, `apply.management_self_assessment.${req}.description`, 'yi', '已建立信息安全管理体系并有效运行');
      await chooseFile(page, `apply.management_self_assessment.${req}.upload`,
                       { name: '管理评审记录.pdf', mimeType: 'application/pdf', buffer: Buffer.from('管理评审 '.repeat(100)) });
      s = await state(page);
      const entry = s.model.applicant.content.management_self_assessment.find((e) => e.requirement_id === req);
      assert(entry && entry.claim === 'conforms' && entry.description === '已建立信息安全管理体系并有效运行' && entry.evidence.length === 1,
             `requirement ${req}: ${JSON.stringify(entry)}`);
      await screenshot(page, 'apply-4-management');
      for (let guard = 0; guard < 200; guard++) {
        s = await state(page);
        const open = s.review.find((i) => i.page === 'management' || i.page === 'capability');
        if (!open) break;
        const [list, id, member] = open.field.split('.');
        const assessment = list.startsWith('management') ? 'management' : 'capability';
        if (member === 'claim') await ok(page, { type: 'SetDraftField', field: open.field, value: 'conforms' });
        else if (member === 'description') await ok(page, { type: 'SetDraftField', field: open.field, value: `${id} 的实施情况：制度、记录与人员齐备。` });
        else if (member && member.startsWith('evidence')) await ok(page, { type: 'LinkEvidence', assessment, requirement: id, attachment: atts[2].id, on: true });
        else throw new Error(`unexpected review item ${JSON.stringify(open)}`);
      }
      await page_(page, 'capability');
      await screenshot(page, 'apply-5-capability');

      // Review: complete; export the package and a draft.
      await page_(page, 'review');
      s = await state(page);
      assert(s.review.length === 0, `still open: ${JSON.stringify(s.review)}`);
      await screenshot(page, 'apply-7-review');
      for (const [widget, kind] of [['apply.export.final', 'final'], ['apply.export.draft', 'draft']]) {
        const download = page.waitForEvent('download', { timeout: 30000 });
        await clickWidget(page, widget);
        const d = await download;
        const today = (await state(page)).model.applicant.last_export;
        const name = d.suggestedFilename();
        assert(name.startsWith(`${ORG}-${kind === 'final' ? '申请' : '申请草稿'}-`) && name.endsWith('.json'), `file name ${name}`);
        const path = join(artifacts, `exported-${kind}.json`);
        await d.saveAs(path);
        if (kind === 'final') finalPath = path; else draftPath = path;
        const pkg = JSON.parse(await readFile(path, 'utf8'));
        assert(pkg.format === 'certdesk.application-package' && pkg.kind === kind && pkg.attachments.length === 4 &&
               /^[0-9a-f]{64}$/.test(pkg.digest.value), `package: ${JSON.stringify({ ...pkg, attachments: pkg.attachments.length, content: '…' })}`);
        assert(pkg.package_id === s.model.applicant.package_id, 'package id is the application\'s');
        assert(Buffer.from(pkg.attachments[0].data_base64, 'base64').equals(files.licence.buffer), 'attachment bytes differ');
        assert(today.includes(name), `last export not noted: ${today}`);
        await idle(page);
      }
      await screenshot(page, 'apply-7-exported');
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
    }],
    ['the body imports the package into a new case; a copy and a tampered package are refused', async () => {
      assert(finalPath, 'no package exported');
      const context = await launchPersistent(join(work, 'body'));
      const { page, errors } = await openPage(context, server.url);
      await clickWidget(page, 'start.body');
      let s = await state(page);
      assert(s.model.mode === 'body' && s.model.view === 'cases', `body mode: ${s.model.view}`);
      const buffer = await readFile(finalPath);
      const file = { name: 'package.json', mimeType: 'application/json', buffer };
      // Receiving applications is the marketing & operations department's job (§6.1).
      await chooseFile(page, 'cases.import', file);
      s = await state(page);
      assert(s.cases.length === 0 && /R|角色|市场/.test(s.lastError), `import without the role: ${s.lastError}`);
      await ok(page, { type: 'SetProfileName', name: '周敏' });
      await ok(page, { type: 'SetProfileRole', role: 'marketing', held: true });
      await clickWidget(page, 'nav.cases');
      await chooseFile(page, 'cases.import', file);
      s = await state(page);
      assert(s.cases.length === 1 && s.cases[0].organisation === ORG && s.cases[0].phase === '已收到申请' &&
             s.cases[0].attachments === 4, `cases: ${JSON.stringify(s.cases)} ${s.lastError}`);
      assert(/已导入/.test(s.info), s.info);
      await screenshot(page, 'cases-imported');
      await chooseFile(page, 'cases.import', file);
      s = await state(page);
      assert(s.cases.length === 1 && /已导入过/.test(s.lastError), `second import: ${s.lastError}`);
      const text = buffer.toString('utf8').replace(ORG, '福州网安科技有限公寺');
      await chooseFile(page, 'cases.import', { ...file, buffer: Buffer.from(text) });
      s = await state(page);
      assert(s.cases.length === 1 && /摘要不符/.test(s.lastError) && /INTEGRITY/.test(s.lastError), `tampered: ${s.lastError}`);
      await screenshot(page, 'cases-tampered-refused');
      await waitSaved(page);
      await page.reload();
      await page.evaluate(() => window.certdesk.ready.then(() => window.certdesk.storeLoaded));
      s = await state(page);
      assert(s.cases.length === 1 && s.cases[0].events >= 1, `after reload: ${JSON.stringify(s.cases)}`);
      assert(errors.filter((e) => !/filechooser/.test(e)).length === 0, errors.join('\n'));
      await context.close();
    }],
    ['the applicant re-opens the exported draft on another computer', async () => {
      assert(draftPath, 'no draft exported');
      const context = await launchPersistent(join(work, 'laptop'));
      const { page, errors } = await openPage(context, server.url);
      await clickWidget(page, 'start.applicant');
      await page_(page, 'review');
      await chooseFile(page, 'apply.reopen', { name: 'draft.json', mimeType: 'application/json', buffer: await readFile(draftPath) });
      const s = await state(page);
      const pkg = JSON.parse(await readFile(draftPath, 'utf8'));
      assert(s.model.applicant.package_id === pkg.package_id, 'package id not kept');
      assert(s.model.applicant.content.application.organisation.name === ORG, 'content not loaded');
      assert(s.model.applicant.attachments.length === 4 && s.review.length === 0, `attachments ${s.model.applicant.attachments.length}, open ${s.review.length}`);
      await screenshot(page, 'apply-reopened');
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
    }],
  ]);
} finally {
  await server.close();
  await rm(work, { recursive: true, force: true });
}
