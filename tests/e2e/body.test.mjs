// tests/e2e/body.test.mjs — issue 6 end to end: the certification body takes one organisation
// from the imported application to the issued certificate (acceptance with the person-day
// calculation, contract, team, stage 1, stage 2 with one nonconformity closed in time, report,
// decision, certificate), then a surveillance, a suspension and a restoration — through the test
// hook's CaseCommand (the command the workspace's buttons issue), as the person each step needs,
// with a reload between steps to prove persistence. A refused command shows its rule id; the
// workspace's button for it is disabled with the reason. Screenshots of the list, 今日待办, the
// workspace and the settings.
// Usage: node body.test.mjs <site-dir>
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launchPersistent, openPage, waitSaved, screenshot, clickWidget, assert, run, state, dispatch, ok, frames, idle,
         actAs as as, caseCommand as command, caseStep as step, reloadApp as reload } from './harness.mjs';
import { fillApplication, answerAll } from './applicant_fill.mjs';

const site = process.argv[2];
if (!site) throw new Error('usage: node body.test.mjs <site-dir>');
const server = await serve(site, '/');
const work = await mkdtemp(join(tmpdir(), 'certdesk-body-'));

// Clicks a button that opens the file chooser and hands it `file`.
async function chooseFile(page, widget, file) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }), clickWidget(page, widget)]);
  await chooser.setFiles(file);
}
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
// The case's row in the list (the open case is view state and is not kept across reloads).
const row = async (page, id) => (await state(page)).board.rows.find((r) => r.id === id);

const ORG = '泉州网盾安全技术有限公司';
let pkgPath = null;

try {
  await run([
    ['an applicant exports a complete package (setup)', async () => {
      const context = await launchPersistent(join(work, 'applicant'), { acceptDownloads: true });
      const { page, errors } = await openPage(context, server.url);
      await ok(page, { type: 'SetMode', mode: 'applicant' });
      await fillApplication(page, ORG);
      await ok(page, { type: 'ShowApplyPage', page: 'attachments' });
      await frames(page);
      for (const name of ['组织机构图.png', '营业执照.pdf', '管理手册.pdf']) {
        await chooseFile(page, 'apply.attach', { name, mimeType: 'application/pdf', buffer: Buffer.from(`${name} `.repeat(300)) });
        await page.waitForFunction((n) => window.certdesk.state().model.applicant.attachments.length === n &&
                                          window.certdesk.state().busy === '', ['组织机构图.png', '营业执照.pdf', '管理手册.pdf'].indexOf(name) + 1);
      }
      await ok(page, { type: 'SetDraftField', field: 'application.org_chart', value: 'att-1' });
      await ok(page, { type: 'SetDraftField', field: 'application.business_licence', value: 'att-2' });
      const open = await answerAll(page, 'att-3');
      assert(open.length === 0, `incomplete application: ${JSON.stringify(open)}`);
      const download = page.waitForEvent('download');
      await ok(page, { type: 'Export', kind: 'final' });
      pkgPath = join(work, 'package.json');
      await (await download).saveAs(pkgPath);
      await idle(page);
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
    }],

    ['the body takes the case from application to certificate, reloading between steps', async () => {
      const context = await launchPersistent(join(work, 'body'), { acceptDownloads: true });
      try {
      const { page, errors } = await openPage(context, server.url);
      await ok(page, { type: 'SetMode', mode: 'body' });
      await as(page, '周敏', ['marketing']);
      await chooseFile(page, 'cases.import', pkgPath);
      await page.waitForFunction(() => window.certdesk.state().cases.length === 1 || window.certdesk.state().lastError !== '');
      await idle(page);
      let s = await state(page);
      assert(s.cases.length === 1, `import: ${s.lastError}`);
      const id = s.cases[0].id;
      assert(s.board.rows[0].step === 'review', `new case step ${s.board.rows[0].step}`);

      // The applicant's documents can be downloaded from the case, byte for byte.
      const [download] = await Promise.all([page.waitForEvent('download'),
                                            dispatch(page, { type: 'DownloadAttachment', case_id: id, attachment_id: 'att-2' })]);
      const got = await readFile(await download.path(), 'utf8');
      assert(download.suggestedFilename() === '营业执照.pdf' && got === '营业执照.pdf '.repeat(300), `download: ${download.suggestedFilename()}`);

      // Acceptance review: the workspace prefills the person-days from the table (附录A).
      await as(page, '钱质控', ['quality_control']);
      await ok(page, { type: 'OpenCase', case_id: id });
      await clickWidget(page, 'case.action.AcceptApplication');
      await frames(page);
      await screenshot(page, 'body-1-review');
      await clickWidget(page, 'case.run.AcceptApplication');  // the button itself, with the prefilled form
      await clickWidget(page, 'case.confirm.ok');  // issue 15: an acceptance is confirmed with a summary
      await waitSaved(page);
      s = await state(page);
      const review = s.board.open.case.cycles[0].review;
      assert(review && review.person_days > 0 && /人日/.test(review.justification), `review: ${JSON.stringify(review)}`);
      await reload(page);
      assert((await row(page, id)).step === 'review', 'after reload the case waits for the approval');

      await as(page, '赵事业部', ['division']);
      await step(page, id, { type: 'ApproveReview', quote: 36000 });
      await as(page, '周敏', ['marketing']);
      await step(page, id, { type: 'SignContract', number: 'HT-2026-018', price: 36000 });
      await reload(page);
      assert((await row(page, id)).step === 'preparation', `after the contract: ${(await row(page, id)).step}`);

      await as(page, '孙项目', ['project_manager']);
      await step(page, id, { type: 'AssignTeam', members: [
        { user_id: '张组长', name: '张组长', role: 'leader', registration_no: 'REG-1' },
        { user_id: '李审核', name: '李审核', role: 'auditor', registration_no: 'REG-2' }] });
      // The team form opens with the team as it stands (prefilled members, their unset dates null).
      await ok(page, { type: 'OpenCase', case_id: id });
      await clickWidget(page, 'case.action.AssignTeam');
      await frames(page);
      await screenshot(page, 'body-team-form');
      assert(errors.length === 0, `team form: ${errors.join('\n')}`);
      await as(page, '张组长', ['team_leader', 'auditor']);
      await step(page, id, { type: 'PlanAudit', stage: 'stage1', planned_start: day(-20), plan_sent_on: day(-25) });
      await step(page, id, { type: 'ConcludeStage1', start: day(-20), end: day(-19), ready: true });
      await step(page, id, { type: 'PlanAudit', stage: 'stage2', planned_start: day(-10), plan_sent_on: day(-15) });
      // R14: remote without approval is refused, the rule id in the answer and on screen.
      const remote = await command(page, id, { type: 'ConductStage2', start: day(-10), end: day(-9), remote: true,
                                               commitments: ['张组长', '李审核'] });
      assert(!remote.ok && remote.rule === 'R14', `remote stage 2: ${JSON.stringify(remote)}`);
      s = await state(page);
      assert(/R14/.test(s.lastError), `banner: ${s.lastError}`);
      await frames(page);
      await screenshot(page, 'body-2-refused-R14');
      await step(page, id, { type: 'ConductStage2', start: day(-10), end: day(-9), commitments: ['张组长', '李审核'] });
      await reload(page);
      assert((await row(page, id)).step === 'report', `after stage 2: ${(await row(page, id)).step}`);

      // One nonconformity, its corrective action recorded from the applicant's answer, verified in time.
      await step(page, id, { type: 'RaiseNonconformity', id: 'NC-1', audit_id: 'S2', clause: '6.2', description: '应急预案未演练' });
      assert((await row(page, id)).step === 'findings', 'an open NC is the current step');
      await as(page, '周敏', ['marketing']);
      await step(page, id, { type: 'RecordCorrectiveAction', id: 'NC-1', cause: '计划缺失', correction: '补做演练',
                             corrective_action: '修订年度演练计划', evidence_refs: ['演练记录.pdf'] });
      await as(page, '张组长', ['team_leader', 'auditor']);
      await step(page, id, { type: 'VerifyNonconformity', id: 'NC-1', effective: true, verification: '记录齐全' });
      await step(page, id, { type: 'SubmitReport', recommendation: 'grant', conclusion: '符合要求，推荐认证' });
      await reload(page);
      // R16: the leader may not review the report; in the workspace the button is disabled with the reason.
      await as(page, '张组长', ['team_leader', 'reviewer']);
      const selfReview = await command(page, id, { type: 'ReviewReport', approved: true });
      assert(!selfReview.ok && selfReview.rule === 'R16', `self review: ${JSON.stringify(selfReview)}`);
      await ok(page, { type: 'OpenCase', case_id: id, step: 'report' });
      await clickWidget(page, 'case.action.ReviewReport');
      await frames(page);
      await screenshot(page, 'body-3-disabled-R16');
      await as(page, '吴复核', ['reviewer']);
      await step(page, id, { type: 'ReviewReport', approved: true, note: '同意' });
      await as(page, '张组长', ['team_leader']);
      await step(page, id, { type: 'ConfirmCertificateInfo', name: ORG, registered_address: '福建省厦门市思明区软件园二期 1 号',
                             office_address: '福建省厦门市思明区软件园二期 1 号', scope: [{ category: 'SO', level: '二级' }], headcount: 120 });
      await as(page, '郑决定', ['decision_maker']);
      await step(page, id, { type: 'DecideCertification', grant: true, reasons: '审核结论支持' });
      await reload(page);
      await as(page, '钱质控', ['quality_control']);
      await ok(page, { type: 'OpenCase', case_id: id });
      await clickWidget(page, 'case.action.IssueCertificate');
      await clickWidget(page, 'case.run.IssueCertificate');  // the number from the settings' pattern
      await clickWidget(page, 'case.confirm.ok');  // issue 15: issuing is confirmed with a summary
      await waitSaved(page);
      s = await state(page);
      const cert = s.board.open.case.certificate;
      assert(cert && /^WAL-\d{4}-0001$/.test(cert.number), `certificate: ${JSON.stringify(cert)}`);
      assert(s.board.open.step === 'certificate', `register and delivery still owed: ${s.board.open.step}`);
      await screenshot(page, 'body-4-workspace-certificate');

      // The list and 今日待办 show what is owed now: with reminders 30 days ahead (a setting), the
      // register report (R5, 15 working days) is due soon; the chart shows the first surveillance (R6).
      await ok(page, { type: 'SaveConfig', part: 'settings', data: { schema_version: 1, due_list: { due_soon_days: 30 } } });
      await ok(page, { type: 'ShowView', view: 'today' });
      await frames(page);
      s = await state(page);
      assert(s.board.due.some((o) => o.case_id === id && o.rule === 'R5' && o.status === 'due_soon'),
             `today: ${JSON.stringify(s.board.due)}`);
      assert(s.board.chart.reduce((n, b) => n + b.surveillance, 0) === 1, `chart: ${JSON.stringify(s.board.chart)}`);
      await screenshot(page, 'body-5-today');
      await ok(page, { type: 'ShowView', view: 'cases' });
      await frames(page);
      await screenshot(page, 'body-6-list');
      await step(page, id, { type: 'ReportToRegister', reference: 'CNCA-2026-0451' });
      await as(page, '周敏', ['marketing']);
      await step(page, id, { type: 'DeliverReport', proof: 'EMS 回执 9921' });
      s = await state(page);
      assert(s.board.rows[0].step === 'life' && s.board.rows[0].status === 'valid', `row: ${JSON.stringify(s.board.rows[0])}`);

      // Its life: a surveillance, a suspension and a restoration, with reloads.
      await as(page, '张组长', ['team_leader']);
      await step(page, id, { type: 'ConductSurveillance', start: day(0), end: day(0), passed: true, conclusion: '持续符合',
                             team: [{ user_id: '张组长', name: '张组长', role: 'leader', registration_no: 'REG-1' }] });
      await reload(page);
      await as(page, '赵事业部', ['division']);
      await step(page, id, { type: 'Suspend', ground: 'client_request', months: 0, note: '获证组织申请暂停；提交恢复申请并经核查后恢复' });
      await reload(page);
      s = await state(page);
      assert(s.board.rows[0].status === 'suspended', `suspended: ${JSON.stringify(s.board.rows[0])}`);
      const early = await command(page, id, { type: 'Restore', application_ref: 'QP-21-24 第 3 号', info_check: '' });
      assert(!early.ok && early.field === 'info_check', `restore without the check: ${JSON.stringify(early)}`);
      await step(page, id, { type: 'Restore', application_ref: 'QP-21-24 第 3 号', info_check: '核查通过，整改完成' });
      await reload(page);
      s = await state(page);
      assert(s.board.rows[0].status === 'restored' && s.board.rows[0].step === 'life', `restored: ${JSON.stringify(s.board.rows[0])}`);
      await ok(page, { type: 'OpenCase', case_id: id, step: 'life' });
      await frames(page);
      await screenshot(page, 'body-7-workspace-life');
      assert(errors.length === 0, errors.join('\n'));
      } finally {
        await context.close();
      }
    }],

    ['settings: a bad value is refused by name, a good one is saved and survives a reload', async () => {
      const context = await launchPersistent(join(work, 'body'));
      try {
      const { page, errors } = await openPage(context, server.url);
      await ok(page, { type: 'ShowView', view: 'settings' });
      await frames(page);
      await screenshot(page, 'body-8-settings');
      const bad = await dispatch(page, { type: 'SaveConfig', part: 'settings', data: { schema_version: 1, suspension: { max_months: 9 } } });
      // Issue 15: named by the editor's label, the path only in the record's field.
      assert(!bad.ok && bad.field === 'suspension.max_months' && /暂停最长期限/.test(bad.message) &&
             !/suspension/.test(bad.message), `bad setting: ${JSON.stringify(bad)}`);
      await ok(page, { type: 'SaveConfig', part: 'settings', data: { schema_version: 1, certificate: { number_pattern: 'CD-{year}-{seq:03}' } } });
      await waitSaved(page);
      await reload(page);
      const s = await state(page);
      assert(s.config.settings.certificate.number_pattern === 'CD-{year}-{seq:03}',
             `pattern after reload: ${JSON.stringify(s.config.settings.certificate)}`);
      // A holiday file for a further year is validated and merged.
      const badYear = join(work, 'holidays-bad.json');
      await writeFile(badYear, JSON.stringify({ years: { 2027: { days_off: ['2027-02-30'] } } }));
      await ok(page, { type: 'ShowView', view: 'settings' });
      await frames(page);
      await clickWidget(page, 'settings.tab.calendar');
      await frames(page);
      await screenshot(page, 'body-9-calendar-tab');
      await chooseFile(page, 'settings.import.calendar', badYear);
      await page.waitForFunction(() => window.certdesk.state().lastError !== '');
      const refused = (await state(page)).lastError;
      assert(/未导入/.test(refused) && /2027/.test(refused), `bad holidays: ${refused}`);
      assert(!(await state(page)).config.calendarYears.includes(2027), 'the bad year was not merged');
      const goodYear = join(work, 'holidays-2027.json');
      await writeFile(goodYear, JSON.stringify({ years: { 2027: { days_off: ['2027-01-01'], workdays: [] } } }));
      await ok(page, { type: 'ShowView', view: 'settings' });  // dismisses nothing; the banner stays until the next command
      await frames(page);
      await chooseFile(page, 'settings.import.calendar', goodYear);
      await page.waitForFunction(() => window.certdesk.state().config.calendarYears.includes(2027));
      await waitSaved(page);
      await reload(page);
      assert((await state(page)).config.calendarYears.includes(2027), 'the imported year survives a reload');
      await frames(page);
      await screenshot(page, 'body-9-calendar');
      assert(errors.length === 0, errors.join('\n'));
      } finally {
        await context.close();
      }
    }],
  ]);
} finally {
  await server.close();
  await rm(work, { recursive: true, force: true });
}
