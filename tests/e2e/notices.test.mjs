// tests/e2e/notices.test.mjs — issue 7, items 2, 3 and 5 end to end: the body takes a case to
// stage 2 with a nonconformity and exports the nonconformity report (QP-21-13) as a notice
// package; the applicant, in a second browser profile, imports it, sees the NC and its R2
// deadline, answers with a corrective action and an evidence file, reloads (kept), and exports
// the response package; the body imports it — the corrective action and the evidence are in the
// case, recorded as coming from the applicant's package — and verifies the NC. A second import
// says the notice is already answered; a body without the case says it has no such case.
// Screenshots of each side.  Usage: node notices.test.mjs <site-dir>
import { mkdtemp, readFile, rm, copyFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launchPersistent, openPage, waitSaved, screenshot, clickWidget, assert, run, state, dispatch, ok, frames, idle,
         actAs as as, caseStep as step, reloadApp as reload } from './harness.mjs';
import { fillApplication, answerAll } from './applicant_fill.mjs';

const site = process.argv[2];
if (!site) throw new Error('usage: node notices.test.mjs <site-dir>');
const server = await serve(site, '/');
const work = await mkdtemp(join(tmpdir(), 'certdesk-notices-'));
const artifacts = process.env.CERTDESK_ARTIFACTS || 'artifacts';

// Brings a widget of a scrolling panel on screen (mouse wheel over it), then clicks it.
async function clickScrolled(page, id) {
  for (let i = 0; i < 30; i++) {
    const r = await page.evaluate((w) => window.certdesk.widget(w), id);
    if (r && r.y > 60 && r.y + r.height < 760) return clickWidget(page, id);
    await page.mouse.move(800, 500);
    await page.mouse.wheel(0, r && r.y < 60 ? -150 : 150);
    await frames(page);
  }
  throw new Error(`widget ${id} never came on screen`);
}
// Clicks a button that opens the file chooser and hands it `file`; waits for the operation.
async function chooseFile(page, widget, file, scrolled = false) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }),
                                       scrolled ? clickScrolled(page, widget) : clickWidget(page, widget)])
    .catch(async (e) => {
      await screenshot(page, `notices-failed-${widget}`);
      throw new Error(`${e.message}\nstate: ${JSON.stringify((await state(page)).lastError)} rect ${
        JSON.stringify(await page.evaluate((w) => window.certdesk.widget(w), widget))}`);
    });
  await chooser.setFiles(file);
  await page.waitForFunction(() => window.certdesk.state().busy !== '' || window.certdesk.state().info !== '' ||
                                   window.certdesk.state().lastError !== '', null, { timeout: 30000 });
  await idle(page);
}
// Runs `action` and saves the download it starts to `path`.
async function download(page, action, path) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), action()]);
  await d.saveAs(path);
  await idle(page);
  await mkdir(artifacts, { recursive: true });
  await copyFile(path, join(artifacts, `notices-${d.suggestedFilename().replace(/[^\w.-]/g, '_')}`));
  return d.suggestedFilename();
}
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
// The domain's add_months: the same day n months later, clamped to the month's end.
function addMonths(iso, n) {
  const [y, m, d] = iso.split('-').map(Number);
  const t = (m - 1) + n, year = y + Math.floor(t / 12), month = (t % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const ORG = '漳州安信网络技术有限公司';
let pkgPath = null, noticePath = null, responsePath = null, caseId = null;
const evidenceText = '2026 年应急演练记录：演练方案、签到表、总结报告。'.repeat(40);

try {
  await run([
    ['setup: the applicant exports an application, the body takes it to stage 2 with an NC', async () => {
      const app = await launchPersistent(join(work, 'applicant'), { acceptDownloads: true });
      try {
        const { page, errors } = await openPage(app, server.url);
        await ok(page, { type: 'SetMode', mode: 'applicant' });
        await ok(page, { type: 'SetProfileName', name: '吴静' });
        await fillApplication(page, ORG);
        await ok(page, { type: 'ShowApplyPage', page: 'attachments' });
        await frames(page);
        for (const [i, name] of ['组织机构图.png', '营业执照.pdf', '管理手册.pdf'].entries()) {
          await chooseFile(page, 'apply.attach', { name, mimeType: 'application/pdf', buffer: Buffer.from(`${name} `.repeat(300)) });
          assert((await state(page)).model.applicant.attachments.length === i + 1, `attachment ${name}`);
        }
        await ok(page, { type: 'SetDraftField', field: 'application.org_chart', value: 'att-1' });
        await ok(page, { type: 'SetDraftField', field: 'application.business_licence', value: 'att-2' });
        assert((await answerAll(page, 'att-3')).length === 0, 'complete application');
        pkgPath = join(work, 'package.json');
        await download(page, () => ok(page, { type: 'Export', kind: 'final' }), pkgPath);
        assert(errors.length === 0, errors.join('\n'));
      } finally {
        await app.close();
      }

      const body = await launchPersistent(join(work, 'body'), { acceptDownloads: true });
      try {
        const { page, errors } = await openPage(body, server.url);
        await ok(page, { type: 'SetMode', mode: 'body' });
        await as(page, '周敏', ['marketing']);
        await chooseFile(page, 'cases.import', pkgPath);
        const s = await state(page);
        assert(s.cases.length === 1, `import: ${s.lastError}`);
        caseId = s.cases[0].id;
        await as(page, '钱质控', ['quality_control']);
        await step(page, caseId, { type: 'AcceptApplication', person_days: 5, stage1_days: 1, stage2_days: 4, justification: '120 人：5 人日' });
        await as(page, '赵事业部', ['division']);
        await step(page, caseId, { type: 'ApproveReview', quote: 36000 });
        await as(page, '周敏', ['marketing']);
        await step(page, caseId, { type: 'SignContract', number: 'HT-2026-031', price: 36000 });
        await as(page, '孙项目', ['project_manager']);
        await step(page, caseId, { type: 'AssignTeam', members: [
          { user_id: '张组长', name: '张组长', role: 'leader', registration_no: 'REG-1' },
          { user_id: '李审核', name: '李审核', role: 'auditor', registration_no: 'REG-2' }] });
        await as(page, '张组长', ['team_leader', 'auditor']);
        await step(page, caseId, { type: 'PlanAudit', stage: 'stage1', planned_start: day(-20), plan_sent_on: day(-25) });
        await step(page, caseId, { type: 'ConcludeStage1', start: day(-20), end: day(-19), ready: true });
        await step(page, caseId, { type: 'PlanAudit', stage: 'stage2', planned_start: day(-10), plan_sent_on: day(-15) });
        await step(page, caseId, { type: 'ConductStage2', start: day(-10), end: day(-9), commitments: ['张组长', '李审核'] });
        await step(page, caseId, { type: 'RaiseNonconformity', id: 'NC-1', audit_id: 'S2', clause: '6.2', description: '应急预案未按年度计划演练', major: false });
        assert(errors.length === 0, errors.join('\n'));
      } finally {
        await body.close();
      }
    }],

    ['the body exports the nonconformity report (QP-21-13) as a notice package', async () => {
      const body = await launchPersistent(join(work, 'body'), { acceptDownloads: true });
      try {
        const { page, errors } = await openPage(body, server.url);
        await ok(page, { type: 'OpenCase', case_id: caseId });
        // A notice the case's step does not support is refused with the reason.
        const early = await dispatch(page, { type: 'ExportNotice', case: caseId, kind: 'decision' });
        assert(!early.ok && /没有可发出的认证决定通知/.test(early.message), `decision notice: ${JSON.stringify(early)}`);
        noticePath = join(work, 'notice.json');
        const name = await download(page, () => ok(page, { type: 'ExportNotice', case: caseId, kind: 'nonconformity_report' }), noticePath);
        assert(name === `${ORG}-不符合项报告-${day(0)}.json`, `file name ${name}`);
        const pkg = JSON.parse(await readFile(noticePath, 'utf8'));
        assert(pkg.format === 'certdesk.notice-package' && pkg.format_version === 1 && pkg.case_id === caseId &&
               /^[0-9a-f]{64}$/.test(pkg.digest.value), `notice: ${JSON.stringify(pkg).slice(0, 300)}`);
        assert(pkg.content.items.length === 1 && pkg.content.items[0].id === 'NC-1' && pkg.content.items[0].grade === '一般' &&
               pkg.content.items[0].deadline === addMonths(day(-9), 6), `items: ${JSON.stringify(pkg.content.items)}`);
        const s = await state(page);
        assert(s.notices.sent.length === 1 && s.notices.sent[0].answered_by === '', `sent: ${JSON.stringify(s.notices.sent)}`);
        await waitSaved(page);
        await frames(page);
        await screenshot(page, 'notices-1-body-exported');
        assert(errors.length === 0, errors.join('\n'));
      } finally {
        await body.close();
      }
    }],

    ['the applicant imports the notice, answers with a corrective action and evidence, reloads, exports the response', async () => {
      const app = await launchPersistent(join(work, 'applicant'), { acceptDownloads: true });
      try {
        const { page, errors } = await openPage(app, server.url);
        await ok(page, { type: 'ShowView', view: 'notices' });
        await frames(page);
        await chooseFile(page, 'notices.import', noticePath);
        let s = await state(page);
        assert(s.notices.inbox.length === 1, `inbox: ${s.lastError}`);
        const n = s.notices.inbox[0];
        assert(n.kind === 'nonconformity_report' && n.items[0].id === 'NC-1' && n.deadline === addMonths(day(-9), 6) &&
               !n.overdue && n.answer.kind === 'corrective_actions' && n.answer.respondent === '吴静',
               `notice: ${JSON.stringify(n)}`);
        await frames(page);
        await screenshot(page, 'notices-2-applicant-received');
        // The same notice again is recognised and changes nothing.
        await chooseFile(page, 'notices.import', noticePath);
        s = await state(page);
        assert(/已收到过此通知/.test(s.lastError) && s.notices.inbox.length === 1, `again: ${s.lastError}`);

        // Exporting before answering lists what is missing, by field path.
        const early = await dispatch(page, { type: 'ExportResponse', notice: n.notice_id });
        assert(!early.ok && /content\.corrective_actions\[0\]\.cause/.test(early.message), `early export: ${JSON.stringify(early)}`);

        const answer = { ...n.answer, corrective_actions: [{ nc_id: 'NC-1', cause: '年度演练计划未落实到责任人',
          correction: '已于本月补做应急演练', corrective_action: '修订年度演练计划，明确责任人并纳入考核', evidence: [] }] };
        await ok(page, { type: 'AnswerNotice', notice: n.notice_id, answer });
        await frames(page);
        await chooseFile(page, 'notice.evidence.NC-1', { name: '应急演练记录.pdf', mimeType: 'application/pdf',
                                                         buffer: Buffer.from(evidenceText) }, true);
        s = await state(page);
        assert(s.notices.inbox[0].attachments.length === 1 &&
               JSON.stringify(s.notices.inbox[0].answer.corrective_actions[0].evidence) === '["att-1"]',
               `evidence: ${s.lastError} ${JSON.stringify(s.notices.inbox[0])}`);
        await waitSaved(page);
        await reload(page);
        s = await state(page);
        const kept = s.notices.inbox[0];
        assert(kept && kept.answer.corrective_actions[0].corrective_action === answer.corrective_actions[0].corrective_action &&
               kept.attachments[0].name === '应急演练记录.pdf', `after reload: ${JSON.stringify(kept)}`);
        await ok(page, { type: 'OpenNotice', notice: n.notice_id });
        await frames(page);
        await screenshot(page, 'notices-3-applicant-answered');
        responsePath = join(work, 'response.json');
        const name = await download(page, () => ok(page, { type: 'ExportResponse', notice: n.notice_id }), responsePath);
        assert(name === `${ORG}-不符合项报告答复-${day(0)}.json`, `response file ${name}`);
        const pkg = JSON.parse(await readFile(responsePath, 'utf8'));
        assert(pkg.format === 'certdesk.response-package' && pkg.notice_id === n.notice_id && pkg.case_id === caseId &&
               pkg.attachments.length === 1 && Buffer.from(pkg.attachments[0].data_base64, 'base64').toString() === evidenceText,
               `response: ${JSON.stringify(pkg).slice(0, 300)}`);
        await waitSaved(page);
        await frames(page);
        s = await state(page);
        assert(s.notices.inbox[0].exported.startsWith(name), `exported: ${JSON.stringify(s.notices.inbox[0])}`);
        await screenshot(page, 'notices-4-applicant-exported');
        assert(errors.filter((e) => !/filechooser/.test(e)).length === 0, errors.join('\n'));
      } finally {
        await app.close();
      }
    }],

    ['the body imports the response into the case and verifies the NC; a second import is refused', async () => {
      const body = await launchPersistent(join(work, 'body'), { acceptDownloads: true });
      try {
        const { page, errors } = await openPage(body, server.url);
        await as(page, '周敏', ['marketing']);
        await ok(page, { type: 'ShowView', view: 'notices' });
        await frames(page);
        await chooseFile(page, 'notices.import.response', responsePath);
        let s = await state(page);
        assert(/已导入/.test(s.info), `import: ${s.lastError}`);
        // The message belongs to the page it was raised on (issue 15): gone in the case.
        await ok(page, { type: 'OpenCase', case_id: caseId });
        await frames(page);
        s = await state(page);
        assert(s.info === '', `the import's message followed into the case: ${s.info}`);
        const nc = s.board.open.case.findings.find((f) => f.id === 'NC-1');
        assert(nc && nc.corrective_action === '修订年度演练计划，明确责任人并纳入考核' && nc.evidence_refs.length === 1,
               `finding: ${JSON.stringify(nc)}`);
        assert(s.cases[0].attachments === 4, `case attachments: ${JSON.stringify(s.cases[0])}`);
        // The evidence is kept with the case, byte for byte.
        const [d] = await Promise.all([page.waitForEvent('download'),
                                       dispatch(page, { type: 'DownloadAttachment', case_id: caseId, attachment_id: nc.evidence_refs[0] })]);
        assert(await readFile(await d.path(), 'utf8') === evidenceText, 'evidence bytes');
        // The record shows it came from the applicant's package.
        const sent = s.notices.sent[0];
        assert(sent.answered_by !== '', `answered: ${JSON.stringify(sent)}`);
        await waitSaved(page);
        await frames(page);
        await screenshot(page, 'notices-5-body-imported');

        await ok(page, { type: 'ShowView', view: 'notices' });
        await frames(page);
        const again = await (async () => { await chooseFile(page, 'notices.import.response', responsePath); return state(page); })();
        await screenshot(page, 'notices-6-body-reimport-refused');
        await ok(page, { type: 'OpenCase', case_id: caseId });
        assert(/已于 .* 答复/.test(again.lastError) && /DUPLICATE/.test(again.lastError), `re-import: ${again.lastError}`);
        s = await state(page);
        assert(s.board.open.case.findings[0].evidence_refs.length === 1, 'nothing changed by the refused import');

        await as(page, '张组长', ['team_leader', 'auditor']);
        await step(page, caseId, { type: 'VerifyNonconformity', id: 'NC-1', effective: true, verification: '演练记录齐全，计划已修订' });
        await reload(page);
        s = await state(page);
        const row = s.board.rows.find((r) => r.id === caseId);
        assert(row.step === 'report', `after verification: ${row.step}`);
        await ok(page, { type: 'OpenCase', case_id: caseId, step: 'findings' });
        await frames(page);
        await screenshot(page, 'notices-7-body-verified');
        assert(errors.filter((e) => !/filechooser/.test(e)).length === 0, errors.join('\n'));
      } finally {
        await body.close();
      }
    }],

    ['a body without the case says so and changes nothing', async () => {
      const other = await launchPersistent(join(work, 'other-body'), { acceptDownloads: true });
      try {
        const { page, errors } = await openPage(other, server.url);
        await ok(page, { type: 'SetMode', mode: 'body' });
        await as(page, '周敏', ['marketing']);
        await ok(page, { type: 'ShowView', view: 'notices' });
        await frames(page);
        await chooseFile(page, 'notices.import.response', responsePath);
        const s = await state(page);
        assert(new RegExp(`本机构没有案件 ${caseId}`).test(s.lastError) && s.cases.length === 0, `unknown case: ${s.lastError}`);
        await frames(page);
        await screenshot(page, 'notices-8-other-body-refused');
        assert(errors.filter((e) => !/filechooser/.test(e)).length === 0, errors.join('\n'));
      } finally {
        await other.close();
      }
    }],
  ]);
} finally {
  await server.close();
  await rm(work, { recursive: true, force: true });
}
