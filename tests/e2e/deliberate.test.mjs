// tests/e2e/deliberate.test.mjs — issue 15 item 4, consequential acts are deliberate, through real
// input at 1024×700 and device pixel ratio 2: the applicant deletes an attachment cited by many
// requirements, is told how many links go with it, and undoes it (file, bytes and every link back);
// a contact row likewise. At the body, a quote of 0 元 warns beside the field and in the
// confirmation (Esc returns, the quote is typed, Enter confirms); the certification decision starts
// with nothing chosen and its button disabled, is chosen with a click, its reason typed, confirmed
// with a summary: 返回修改 records nothing, 确认办理 records it. In a case form, a team member and a
// scope row typed and removed by click say what goes with them, and 撤销 puts each back with its
// values. The hook only sets up (filling the application, the steps between) and reads state().
// Usage: node deliberate.test.mjs <site-dir>
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, openApp, waitSaved, screenshot, clickWidget, clickAt, typeKeys, press, assert, run, state, ok,
         frames, idle, storeFiles, widgetRect, wheelOver, actAs as as, caseStep as step } from './harness.mjs';
import { fillApplication, answerAll } from './applicant_fill.mjs';

const site = process.argv[2];
if (!site) throw new Error('usage: node deliberate.test.mjs <site-dir>');
const server = await serve(site, '/');
const work = await mkdtemp(join(tmpdir(), 'certdesk-deliberate-'));
const browser = await launch();
const VIEW = { viewport: { width: 1024, height: 700 }, deviceScaleFactor: 2, acceptDownloads: true };
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
const ORG = '莆田安衡网络技术有限公司';
let pkgPath = null;

async function chooseFile(page, widget, file) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }), clickWidget(page, widget)]);
  await chooser.setFiles(file);
}
// Commits text as a Chinese input method does, into the focused field.
async function commitText(page, text) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.insertText', { text });
  await frames(page, 3);
}
// Clicks into a field and types `text` (hanzi through the input method path).
async function typeInto(page, id, text) {
  await clickAt(page, id, { x: 0.3, y: 0.5 });
  await press(page, 'Control+a');
  if (/[^\x00-\x7f]/.test(text)) await commitText(page, text);
  else await typeKeys(page, text);
}
// Turns the wheel over the work area until the widget is wholly on screen (700 px high).
async function scrollTo(page, id) {
  for (let i = 0; i < 12; i++) {
    const r = await page.evaluate((w) => window.certdesk.widget(w), id);
    if (r && r.y >= 40 && r.y + r.height <= 640) return r;
    await wheelOver(page, { x: 500, y: 350 }, r && r.y < 40 ? -150 : 150);
  }
  return widgetRect(page, id);
}
// Every requirement citing `att`, as "<list>:<requirement>@<place>".
function links(s, att) {
  const out = [];
  for (const list of ['management_self_assessment', 'capability_self_assessment'])
    for (const e of s.model.applicant.content[list])
      e.evidence.forEach((id, i) => { if (id === att) out.push(`${list}:${e.requirement_id}@${i}`); });
  return out;
}

try {
  await run([
    ['applicant: deleting an attachment says how many links go with it; 撤销 restores the file and every link', async () => {
      const { context, page, errors } = await openApp(browser, server.url, VIEW);
      try {
        await page.evaluate(() => window.certdesk.fontLoaded);
        await ok(page, { type: 'SetMode', mode: 'applicant' });
        await fillApplication(page, ORG);
        await ok(page, { type: 'ShowApplyPage', page: 'attachments' });
        await frames(page);
        const names = ['组织机构图.png', '营业执照.pdf', '管理手册.pdf'];
        for (const [i, name] of names.entries()) {
          await chooseFile(page, 'apply.attach', { name, mimeType: 'application/pdf', buffer: Buffer.from(`${name} `.repeat(300)) });
          await page.waitForFunction((n) => window.certdesk.state().model.applicant.attachments.length === n &&
                                            window.certdesk.state().busy === '', i + 1);
        }
        await ok(page, { type: 'SetDraftField', field: 'application.org_chart', value: 'att-1' });
        await ok(page, { type: 'SetDraftField', field: 'application.business_licence', value: 'att-2' });
        assert((await answerAll(page, 'att-3')).length === 0, 'complete application');
        await waitSaved(page);
        const before = await state(page);
        const cited = links(before, 'att-3');
        assert(cited.length >= 5, `att-3 cited by ${cited.length} requirements`);
        const bytesBefore = (await storeFiles(page))['applicant/att/att-3'];
        assert(bytesBefore, 'the bytes are stored');

        // The click on 删除: the file goes, with its links; the message says how many.
        await clickAt(page, 'apply.attachment.remove.att-3');
        await waitSaved(page);
        let s = await state(page);
        assert(s.model.applicant.attachments.length === 2 && links(s, 'att-3').length === 0, 'removed with its links');
        assert(s.undo === `已删除附件“管理手册.pdf”，同时移除 ${cited.length} 项要求的证据链接。`, `message: ${s.undo}`);
        assert(!(await storeFiles(page))['applicant/att/att-3'], 'its bytes left the store');
        await screenshot(page, 'deliberate-1-attachment-removed');

        // 撤销: everything back, saved like any edit.
        await clickAt(page, 'banner.undo');
        await waitSaved(page);
        s = await state(page);
        assert(JSON.stringify(s.model.applicant.attachments) === JSON.stringify(before.model.applicant.attachments),
               `attachments: ${JSON.stringify(s.model.applicant.attachments)}`);
        assert(JSON.stringify(s.model.applicant.content) === JSON.stringify(before.model.applicant.content), 'content restored exactly');
        assert(links(s, 'att-3').join() === cited.join(), 'every link at its place');
        assert(s.undo === '' && /已恢复附件“管理手册.pdf”及其 \d+ 项要求的证据链接/.test(s.info), `info: ${s.info}`);
        assert((await storeFiles(page))['applicant/att/att-3'] === bytesBefore, 'the same bytes are stored again');
        await screenshot(page, 'deliberate-2-attachment-restored');

        // The named licence goes too, and says so.
        await clickAt(page, 'apply.attachment.remove.att-2');
        s = await state(page);
        assert(/“营业执照”/.test(s.undo) && s.model.applicant.content.application.business_licence === '', `licence: ${s.undo}`);
        await clickAt(page, 'banner.undo');
        s = await state(page);
        assert(s.model.applicant.content.application.business_licence === 'att-2', 'named again');

        // A contact row: removed, said, restored at its place.
        await ok(page, { type: 'ShowApplyPage', page: 'organisation' });
        await frames(page);
        const contacts = JSON.stringify(s.model.applicant.content.application.organisation.contacts);
        await clickAt(page, 'apply.contacts.remove.0');
        s = await state(page);
        assert(s.model.applicant.content.application.organisation.contacts.length === 0 && s.undo === '已删除联系人 1（吴静）。',
               `contact: ${s.undo}`);
        await clickAt(page, 'banner.undo');
        await waitSaved(page);
        s = await state(page);
        assert(JSON.stringify(s.model.applicant.content.application.organisation.contacts) === contacts, 'contact restored');

        // The restored application exports whole (every attachment's bytes are there).
        assert(s.review.length === 0, `open items: ${JSON.stringify(s.review)}`);
        const download = page.waitForEvent('download');
        await ok(page, { type: 'Export', kind: 'final' });
        pkgPath = join(work, 'package.json');
        await (await download).saveAs(pkgPath);
        await idle(page);
        assert(errors.length === 0, errors.join('\n'));
      } finally {
        await context.close();
      }
    }],

    ['body: a quote of 0 元 warns; the decision starts unchosen, needs its reason and a confirmation', async () => {
      const { context, page, errors } = await openApp(browser, server.url, VIEW);
      try {
        await page.evaluate(() => window.certdesk.fontLoaded);
        await ok(page, { type: 'SetMode', mode: 'body' });
        await as(page, '周敏', ['marketing']);
        await chooseFile(page, 'cases.import', pkgPath);
        await page.waitForFunction(() => window.certdesk.state().cases.length === 1 || window.certdesk.state().lastError !== '');
        await idle(page);
        let s = await state(page);
        assert(s.cases.length === 1, `import: ${s.lastError}`);
        const id = s.cases[0].id;
        const events = async () => (await state(page)).cases.find((c) => c.id === id).events;
        await as(page, '钱质控', ['quality_control']);
        await step(page, id, { type: 'AcceptApplication', person_days: 5, stage1_days: 1, stage2_days: 4, justification: '120 人：5 人日' });

        // 批准评审并确认报价: the prefilled quote is 0 元 — a warning beside the field, not a block.
        await as(page, '赵事业部', ['division']);
        await ok(page, { type: 'OpenCase', case_id: id });
        await clickAt(page, 'case.action.ApproveReview');
        s = await state(page);
        assert(s.caseForm.open.form === `${id}/ApproveReview` && s.caseForm.open.errors.length === 0, JSON.stringify(s.caseForm));
        assert(s.caseForm.open.warnings.includes('报价（元）为 0 元，请核对'), `warnings: ${JSON.stringify(s.caseForm.open.warnings)}`);
        await screenshot(page, 'deliberate-3-quote-zero');
        const n0 = await events();
        await clickAt(page, 'case.run.ApproveReview');
        s = await state(page);
        assert(s.caseForm.confirming === `${id}/ApproveReview` && s.widgets['case.confirm'], 'the confirmation is shown');
        await screenshot(page, 'deliberate-4-quote-confirm');
        await press(page, 'Escape');  // 返回修改
        s = await state(page);
        assert(s.caseForm.confirming === '' && (await events()) === n0, 'Esc returns, nothing recorded');
        // The quote typed with the keyboard; the warning goes; Enter confirms.
        await clickAt(page, 'case.field.ApproveReview.quote');
        await press(page, 'Control+A');
        await typeKeys(page, '36000');
        s = await state(page);
        assert(s.caseForm.open.warnings.length === 0, `after typing: ${JSON.stringify(s.caseForm.open)}`);
        await clickAt(page, 'case.run.ApproveReview');
        assert((await state(page)).caseForm.confirming === `${id}/ApproveReview`, 'confirmation again');
        await press(page, 'Enter');
        await waitSaved(page);
        s = await state(page);
        const review = s.board.open.case.cycles[0].review;
        assert(review.quote === 36000 && review.approved_on, `review: ${JSON.stringify(review)}`);

        // Set-up: the steps up to the decision, through the hook.
        await as(page, '周敏', ['marketing']);
        await step(page, id, { type: 'SignContract', number: 'HT-2026-041', price: 36000 });
        await as(page, '孙项目', ['project_manager']);
        await step(page, id, { type: 'AssignTeam', members: [
          { user_id: '张组长', name: '张组长', role: 'leader', registration_no: 'REG-1' },
          { user_id: '李审核', name: '李审核', role: 'auditor', registration_no: 'REG-2' }] });
        await as(page, '张组长', ['team_leader', 'auditor']);
        await step(page, id, { type: 'PlanAudit', stage: 'stage1', planned_start: day(-20), plan_sent_on: day(-25) });
        await step(page, id, { type: 'ConcludeStage1', start: day(-20), end: day(-19), ready: true });
        await step(page, id, { type: 'PlanAudit', stage: 'stage2', planned_start: day(-10), plan_sent_on: day(-15) });
        await step(page, id, { type: 'ConductStage2', start: day(-10), end: day(-9), commitments: ['张组长', '李审核'] });
        await step(page, id, { type: 'SubmitReport', recommendation: 'grant', conclusion: '符合要求，推荐认证' });
        await as(page, '吴复核', ['reviewer']);
        await step(page, id, { type: 'ReviewReport', approved: true, note: '同意' });
        await as(page, '张组长', ['team_leader']);
        await step(page, id, { type: 'ConfirmCertificateInfo', name: ORG, registered_address: '福建省厦门市思明区软件园二期 1 号',
                               office_address: '福建省厦门市思明区软件园二期 1 号', scope: [{ category: 'SO', level: '二级' }], headcount: 120 });

        // 作出认证决定: nothing chosen, the button disabled with what to do.
        await as(page, '郑决定', ['decision_maker']);
        await ok(page, { type: 'OpenCase', case_id: id });
        await frames(page);
        await clickAt(page, 'case.action.DecideCertification');
        s = await state(page);
        assert(s.board.open.step === 'decision', `step: ${s.board.open.step}`);
        assert(JSON.stringify(s.caseForm.open.errors) === JSON.stringify(['请选择是否批准认证', '认证决定须说明理由（§6.5，QP-21-15）：请填写“决定理由”']),
               `errors: ${JSON.stringify(s.caseForm.open.errors)}`);
        assert(s.widgets['case.choice.DecideCertification.grant.yes'] && s.widgets['case.choice.DecideCertification.grant.no'],
               '是 / 否 are radio buttons');
        await screenshot(page, 'deliberate-5-decision-unchosen');
        const n1 = await events();
        await clickAt(page, 'case.run.DecideCertification');  // disabled: nothing happens
        s = await state(page);
        assert(s.caseForm.confirming === '' && (await events()) === n1, 'a disabled button does nothing');

        await clickAt(page, 'case.choice.DecideCertification.grant.yes');
        s = await state(page);
        assert(JSON.stringify(s.caseForm.open.errors) === JSON.stringify(['认证决定须说明理由（§6.5，QP-21-15）：请填写“决定理由”']),
               `after 是: ${JSON.stringify(s.caseForm.open.errors)}`);
        await clickAt(page, 'case.field.DecideCertification.reasons');
        await typeKeys(page, '审核结论支持，同意认证');
        s = await state(page);
        assert(s.caseForm.open.errors.length === 0, `after the reason: ${JSON.stringify(s.caseForm.open.errors)}`);

        await clickAt(page, 'case.run.DecideCertification');
        s = await state(page);
        assert(s.caseForm.confirming === `${id}/DecideCertification`, 'confirmation shown');
        await screenshot(page, 'deliberate-6-decision-confirm');
        await clickAt(page, 'case.confirm.back');
        s = await state(page);
        assert(s.caseForm.confirming === '' && (await events()) === n1 && s.board.open.step === 'decision', '返回修改 records nothing');

        await clickAt(page, 'case.run.DecideCertification');
        await clickAt(page, 'case.confirm.ok');
        await waitSaved(page);
        s = await state(page);
        assert((await events()) === n1 + 1 && s.board.open.step === 'certificate', `after 确认办理: ${s.board.open.step} ${s.lastError}`);
        const decided = s.board.open.case.cycles[0];
        assert(JSON.stringify(decided).includes('审核结论支持，同意认证'), 'the typed reason is recorded');
        await screenshot(page, 'deliberate-7-decided');
        assert(errors.length === 0, errors.join('\n'));
      } finally {
        await context.close();
      }
    }],

    ['body: a team member and a scope row removed by click say what goes with them; 撤销 puts each back', async () => {
      const { context, page, errors } = await openApp(browser, server.url, VIEW);
      try {
        await page.evaluate(() => window.certdesk.fontLoaded);
        await ok(page, { type: 'SetMode', mode: 'body' });
        await as(page, '周敏', ['marketing']);
        await chooseFile(page, 'cases.import', pkgPath);
        await page.waitForFunction(() => window.certdesk.state().cases.length === 1 || window.certdesk.state().lastError !== '');
        await idle(page);
        let s = await state(page);
        assert(s.cases.length === 1, `import: ${s.lastError}`);
        const id = s.cases[0].id;
        // Set-up through the hook: accepted, quoted, contracted.
        await as(page, '钱质控', ['quality_control']);
        await step(page, id, { type: 'AcceptApplication', person_days: 5, stage1_days: 1, stage2_days: 4, justification: '120 人：5 人日' });
        await as(page, '赵事业部', ['division']);
        await step(page, id, { type: 'ApproveReview', quote: 36000 });
        await as(page, '周敏', ['marketing']);
        await step(page, id, { type: 'SignContract', number: 'HT-2026-042', price: 36000 });

        // 组建审核组: two members typed in by hand.
        await as(page, '孙项目', ['project_manager']);
        await ok(page, { type: 'OpenCase', case_id: id });
        await frames(page);
        await clickAt(page, 'case.action.AssignTeam');
        const typed = [['张组长', '张组长', 'REG-1'], ['李审核', '李审核', 'REG-2']];
        for (const [i, [user, name, reg]] of typed.entries()) {
          await clickAt(page, 'case.team.add');
          await typeInto(page, `case.team.${i}.user_id`, user);
          await typeInto(page, `case.team.${i}.name`, name);
          await typeInto(page, `case.team.${i}.registration_no`, reg);
        }
        await press(page, 'Tab');  // leaves the last field
        s = await state(page);
        const members = s.caseForms.AssignTeam.members;
        assert(members.length === 2 && members[0].user_id === '张组长' && members[0].role === 'leader' &&
               members[0].registration_no === 'REG-1' && members[1].name === '李审核' && members[1].role === 'auditor',
               `typed team: ${JSON.stringify(members)}`);

        // 删除 on the leader's row: the message says what goes with him; the row is gone.
        await clickAt(page, 'case.team.0.remove');
        s = await state(page);
        assert(s.caseForm.rowUndo ===
               '已删除审核组成员“张组长”，其组内角色（审核组长）和注册号（REG-1）一并移除；审核组现在没有组长。尚未办理，可撤销。',
               `team removal: ${s.caseForm.rowUndo}`);
        assert(s.caseForms.AssignTeam.members.length === 1 && s.caseForms.AssignTeam.members[0].user_id === '李审核',
               `after 删除: ${JSON.stringify(s.caseForms.AssignTeam.members)}`);
        assert(s.widgets['case.undo.AssignTeam.members'], '撤销 is offered beside the table');
        await screenshot(page, 'deliberate-8-team-member-removed');
        // 撤销: back at its place with every value.
        await clickAt(page, 'case.undo.AssignTeam.members');
        s = await state(page);
        assert(JSON.stringify(s.caseForms.AssignTeam.members) === JSON.stringify(members),
               `after 撤销: ${JSON.stringify(s.caseForms.AssignTeam.members)}`);
        assert(s.caseForm.rowUndo === '' && !s.widgets['case.undo.AssignTeam.members'], 'the offer is gone');
        await screenshot(page, 'deliberate-9-team-member-restored');
        // The restored team is what is recorded (run by click; confirmed if asked).
        await clickAt(page, 'case.run.AssignTeam');
        if ((await state(page)).caseForm.confirming) await clickAt(page, 'case.confirm.ok');
        await waitSaved(page);
        s = await state(page);
        const recorded = JSON.stringify(s.board.open.case);
        assert(recorded.includes('REG-1') && recorded.includes('REG-2'), `recorded team: ${s.lastError} ${recorded.slice(0, 300)}`);

        // The steps up to 确认证书信息, through the hook.
        await as(page, '张组长', ['team_leader', 'auditor']);
        await step(page, id, { type: 'PlanAudit', stage: 'stage1', planned_start: day(-20), plan_sent_on: day(-25) });
        await step(page, id, { type: 'ConcludeStage1', start: day(-20), end: day(-19), ready: true });
        await step(page, id, { type: 'PlanAudit', stage: 'stage2', planned_start: day(-10), plan_sent_on: day(-15) });
        await step(page, id, { type: 'ConductStage2', start: day(-10), end: day(-9), commitments: ['张组长', '李审核'] });
        await step(page, id, { type: 'SubmitReport', recommendation: 'grant', conclusion: '符合要求，推荐认证' });
        await as(page, '吴复核', ['reviewer']);
        await step(page, id, { type: 'ReviewReport', approved: true, note: '同意' });

        // 确认证书信息: the scope row prefilled from the application, removed and put back.
        await as(page, '张组长', ['team_leader']);
        await ok(page, { type: 'OpenCase', case_id: id });
        await frames(page);
        await clickAt(page, 'case.action.ConfirmCertificateInfo');
        s = await state(page);
        const scope = s.caseForms.ConfirmCertificateInfo.scope;
        assert(scope.length >= 1 && scope[0].category && scope[0].level, `prefilled scope: ${JSON.stringify(scope)}`);
        await scrollTo(page, 'case.scope.0.remove');
        await clickAt(page, 'case.scope.0.remove');
        s = await state(page);
        assert(s.caseForms.ConfirmCertificateInfo.scope.length === scope.length - 1, 'the row is gone');
        assert(new RegExp(`^已删除认证范围与级别中的“.+ ${scope[0].level}”，该服务类别及其级别不再列入范围(；范围现为空)?。尚未办理，可撤销。$`)
                 .test(s.caseForm.rowUndo), `scope removal: ${s.caseForm.rowUndo}`);
        assert(!s.caseForm.rowUndo.includes(`“${scope[0].category} `), `named by its code: ${s.caseForm.rowUndo}`);
        await scrollTo(page, 'case.undo.ConfirmCertificateInfo.scope');
        await screenshot(page, 'deliberate-10-scope-row-removed');
        await clickAt(page, 'case.undo.ConfirmCertificateInfo.scope');
        s = await state(page);
        assert(JSON.stringify(s.caseForms.ConfirmCertificateInfo.scope) === JSON.stringify(scope),
               `scope after 撤销: ${JSON.stringify(s.caseForms.ConfirmCertificateInfo.scope)}`);
        assert(s.caseForm.rowUndo === '', 'the offer is gone');
        await screenshot(page, 'deliberate-11-scope-row-restored');
        assert(errors.length === 0, errors.join('\n'));
      } finally {
        await context.close();
      }
    }],
  ]);
} finally {
  await browser.close();
  await server.close();
  await rm(work, { recursive: true, force: true });
}
