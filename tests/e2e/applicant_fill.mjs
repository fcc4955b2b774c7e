// tests/e2e/applicant_fill.mjs — fills a complete application through the test hook (the same
// commands the wizard issues): used by end-to-end tests and benchmarks that need a package.
import { state, ok } from './harness.mjs';

// Eligibility, organisation, one contact, one site and one scope line (SO 二级).
export async function fillApplication(page, org = '厦门数安信息技术有限公司') {
  const set = (field, value) => ok(page, { type: 'SetDraftField', field, value });
  for (const k of ['legal_entity', 'licences_complete']) await set(`eligibility.${k}`, 'yes');
  await set('eligibility.penalty_in_last_year', 'no');
  await set('application.organisation.name', org);
  await set('application.organisation.credit_code', '91350100M000100Y43');
  await set('application.organisation.registered_address', '福建省厦门市思明区软件园二期 1 号');
  await set('application.organisation.office_address', '福建省厦门市思明区软件园二期 1 号');
  await set('application.organisation.legal_representative', '黄强');
  await set('application.organisation.business_scope', '网络安全服务');
  await set('application.founded_on', '2012-05-01');
  await set('application.headcount_in_scope', '120');
  await ok(page, { type: 'AddDraftRow', list: 'contacts' });
  await set('application.organisation.contacts[0].name', '吴静');
  await set('application.organisation.contacts[0].phone', '13912345678');
  await set('application.organisation.contacts[0].email', 'wujing@example.cn');
  await ok(page, { type: 'AddDraftRow', list: 'sites' });
  await set('application.sites[0].name', '总部');
  await set('application.sites[0].address', '福建省厦门市思明区软件园二期 1 号');
  await ok(page, { type: 'SetScopeLevel', category: 'SO', level: '二级' });
}

// Answers every open self-assessment item (claim, description, evidence `evidence`); returns
// the review list left (empty when the application is complete).
export async function answerAll(page, evidence) {
  for (let guard = 0; guard < 300; guard++) {
    const s = await state(page);
    const open = s.review.find((i) => i.page === 'management' || i.page === 'capability');
    if (!open) return s.review;
    const [list, id, member] = open.field.split('.');
    if (member === 'claim') await ok(page, { type: 'SetDraftField', field: open.field, value: 'conforms' });
    else if (member === 'description') await ok(page, { type: 'SetDraftField', field: open.field, value: '已实施' });
    else await ok(page, { type: 'LinkEvidence', assessment: list.split('_')[0], requirement: id, attachment: evidence, on: true });
  }
  throw new Error('review did not converge');
}

