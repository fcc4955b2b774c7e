// decide() handlers of one certification cycle: application → review → contract → audits →
// findings → report → decision → certificate (BRIEF §6.1–§6.6).
#include "domain/decide_detail.hpp"

namespace certdesk::detail {

namespace {
const std::string& nonempty_or(const std::string& a, const std::string& b) { return a.empty() ? b : a; }
}  // namespace

// §6.1: a new case starts with QP-21-01 and both self-assessments.
Bodies handle(const CaseState& s, const SubmitApplication& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Applicant, Role::Marketing}));
  if (!s.cycles.empty()) return step_error("本案件已有申请；再认证或扩项请使用相应操作");
  if (c.case_id.empty()) return input_error("case_id", "缺少案件编号");
  CERTDESK_TRY(check_new_application(ctx, c.application));
  return emit({CycleOpened{c.case_id, CycleKind::Initial, c.application}});
}

// §6.2 / R17: incomplete material → supplement by a deadline in working days.
Bodies handle(const CaseState& s, const RequestSupplement& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Quality, Role::Marketing}));
  CERTDESK_TRY(need_phase(s, {CyclePhase::Applied}));
  if (c.items.empty()) return input_error("items", "须列明需补充的材料");
  CalendarDate due = ctx.calendar->add_working_days(ctx.today, ctx.rules.supplement_working_days);
  return emit({SupplementRequested{c.items, due.date, due.estimated}});
}

Bodies handle(const CaseState& s, const AnswerSupplement& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Applicant}));
  auto cycle = need_phase(s, {CyclePhase::Applied});
  if (!cycle.ok()) return cycle.error();
  for (const SupplementRequest& q : cycle.value()->supplements)
    if (!q.answered_on) {
      CERTDESK_TRY(check_supplement_in_time(q, ctx.today));
      return emit({SupplementAnswered{c.documents}});
    }
  return step_error("没有待答复的补充材料要求");
}

// §6.2: QP-21-02 with the person-days of 附录A; only once the material is complete.
Bodies handle(const CaseState& s, const AcceptApplication& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Quality}));
  auto cycle = need_phase(s, {CyclePhase::Applied});
  if (!cycle.ok()) return cycle.error();
  for (const SupplementRequest& q : cycle.value()->supplements)
    if (!q.answered_on) return step_error("尚有未答复的补充材料要求（期限 " + q.deadline.iso() + "）");
  if (c.person_days <= 0) return input_error("person_days", "审核人日数应大于 0（附录A）");
  return emit({ApplicationAccepted{c.person_days, c.stage1_days, c.stage2_days, c.justification}});
}

// §6.2: the division approves QP-21-02, then the quote is confirmed.
Bodies handle(const CaseState& s, const ApproveReview& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Division}));
  auto cycle = need_phase(s, {CyclePhase::Accepted});
  if (!cycle.ok()) return cycle.error();
  if (cycle.value()->review && cycle.value()->review->approved_on) return step_error("申请评审已批准");
  if (c.quote < 0) return input_error("quote", "报价不能为负");
  return emit({ReviewApproved{c.quote}});
}

// §6.2: ineligible → rejection with reasons.
Bodies handle(const CaseState& s, const RejectApplication& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Quality}));
  CERTDESK_TRY(need_phase(s, {CyclePhase::Applied}));
  if (c.reasons.empty()) return input_error("reasons", "不予受理须说明理由");
  return emit({ApplicationRejected{c.reasons}});
}

// §6.2: quality control checks each self-assessment requirement (claim, description, evidence)
// while the application is under review; a requirement marked as needing a supplement names what
// is missing, which the supplement request (R17) then lists. Later marks replace earlier ones.
Bodies handle(const CaseState& s, const NoteApplicationReview& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Quality}));
  auto cycle = need_phase(s, {CyclePhase::Applied});
  if (!cycle.ok()) return cycle.error();
  const Application& a = cycle.value()->application;
  auto has = [&](const std::vector<Answer>& list) {
    for (const Answer& x : list)
      if (x.requirement_id == c.requirement_id) return true;
    return false;
  };
  if (!has(a.management_self_assessment) && !has(a.capability_self_assessment))
    return input_error("requirement_id", "申请的自评中没有要求“" + c.requirement_id + "”");
  if (c.status == ReviewMark::NeedsSupplement && c.note.find_first_not_of(" \t\r\n") == std::string::npos)
    return input_error("note", "请写明需补充的内容");
  return emit({ApplicationReviewNoted{c.requirement_id, c.status, c.note}});
}

// §6.2 / R17: the applicant withdraws, or the body deems it withdrawn after an unanswered deadline.
Bodies handle(const CaseState& s, const WithdrawApplication& c, const Context& ctx) {
  auto cycle = need_phase(s, {CyclePhase::Applied, CyclePhase::Accepted, CyclePhase::Contracted, CyclePhase::Audited});
  if (!cycle.ok()) return cycle.error();
  if (c.deemed) {
    CERTDESK_TRY(need_role(ctx, {Role::Quality, Role::Marketing}));
    CERTDESK_TRY(check_supplement_expired(*cycle.value(), ctx.today));
  } else {
    CERTDESK_TRY(need_role(ctx, {Role::Applicant}));
  }
  return emit({ApplicationWithdrawn{c.deemed, c.reason}});
}

// §6.3 / R1: QP-21-03 after the approved review.
Bodies handle(const CaseState& s, const SignContract& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Marketing}));
  auto cycle = need_phase(s, {CyclePhase::Accepted});
  if (!cycle.ok()) return cycle.error();
  if (!cycle.value()->review || !cycle.value()->review->approved_on)
    return step_error("申请评审表（QP-21-02）尚未经认证事业部批准，报价未确认");
  if (c.number.empty()) return input_error("number", "缺少合同编号");
  Date until = c.valid_until ? *c.valid_until : contract_valid_until(ctx.today, ctx.rules);
  CERTDESK_TRY(check_contract_validity(ctx.today, until, ctx.rules));
  return emit({ContractSigned{c.number, until, c.price}});
}

// §6.4.1: the project manager forms the team (QP-21-04); impartiality is checked per member.
Bodies handle(const CaseState& s, const AssignTeam& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::ProjectManager}));
  CERTDESK_TRY(need_phase(s, {CyclePhase::Contracted}));
  CERTDESK_TRY(check_team_composition(c.members));
  CERTDESK_TRY(check_declared_conflicts(c.members, ctx.today, ctx.rules));
  return emit({TeamAssigned{c.members}});
}

// §6.4.1: the leader's document-review plan (05A) or on-site plan (07).
Bodies handle(const CaseState& s, const PlanAudit& c, const Context& ctx) {
  auto cycle = need_phase(s, {CyclePhase::Contracted});
  if (!cycle.ok()) return cycle.error();
  CERTDESK_TRY(need_leader(ctx, cycle.value()->team));
  if (c.stage != AuditKind::Stage1 && c.stage != AuditKind::Stage2)
    return input_error("stage", "只能计划第一阶段或第二阶段审核");
  return emit({AuditPlanned{c.stage, c.planned_start, c.plan_sent_on}});
}

// §6.4.2.1: stage 1 concludes ready or not ready (05B).
Bodies handle(const CaseState& s, const ConcludeStage1& c, const Context& ctx) {
  auto cycle = need_phase(s, {CyclePhase::Contracted});
  if (!cycle.ok()) return cycle.error();
  CERTDESK_TRY(need_leader(ctx, cycle.value()->team));
  if (c.end < c.start) return input_error("end", "结束日期早于开始日期");
  if (c.end > ctx.today) return input_error("end", "审核结束日期不能晚于今天");
  return emit({Stage1Concluded{c.start, c.end, c.ready, c.likely_ncs}});
}

// §6.4.2.2 / R14: the body approves a remote stage 2 for a stated cause.
Bodies handle(const CaseState& s, const ApproveRemoteAudit& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Division, Role::Management}));
  CERTDESK_TRY(need_phase(s, {CyclePhase::Contracted}));
  if (c.cause == RemoteCause::None)
    return RuleViolation{"R14", "远程审核须说明特殊原因（极端天气、卫生事件、安全事件）", "cause"};
  return emit({RemoteAuditApproved{c.cause, c.agreement_signed}});
}

// §6.4.2.2: stage 2 on site (R13, R14), plan 07 delivered first, every member signed 09.
Bodies handle(const CaseState& s, const ConductStage2& c, const Context& ctx) {
  auto cycle = need_phase(s, {CyclePhase::Contracted});
  if (!cycle.ok()) return cycle.error();
  const Cycle& cy = *cycle.value();
  CERTDESK_TRY(need_leader(ctx, cy.team));
  CERTDESK_TRY(check_stage1_ready(cy, ctx.rules));
  CERTDESK_TRY(check_remote_stage2(cy, c.remote));
  if (!cy.stage2 || !cy.stage2->plan_sent_on || *cy.stage2->plan_sent_on > c.start)
    return RuleViolation{"P-PLAN", "现场审核计划（QP-21-07）须在审核前送达申请组织", "start"};
  if (c.end < c.start) return input_error("end", "结束日期早于开始日期");
  if (c.end > ctx.today) return input_error("end", "审核结束日期不能晚于今天");
  CERTDESK_TRY(check_declared_conflicts(cy.team, ctx.today, ctx.rules));
  CERTDESK_TRY(check_commitments(cy.team, c.commitments));
  return emit({Stage2Conducted{c.start, c.end, c.remote, c.commitments}});
}

namespace {
// The audit a finding belongs to: the given id, or the current cycle's stage 2.
Result<std::string> finding_audit(const CaseState& s, const std::string& given) {
  std::string id = given.empty() ? stage_audit_id(s.cycles.size(), AuditKind::Stage2) : given;
  const Audit* a = find_audit(s, id);
  if (!a || !a->end) return step_error("审核 " + id + " 尚未实施，不能记录审核发现", "audit_id");
  return id;
}
}  // namespace

// §6.4.4: a nonconformity (13) raised by the leader of the audit.
Bodies handle(const CaseState& s, const RaiseNonconformity& c, const Context& ctx) {
  auto audit = finding_audit(s, c.audit_id);
  if (!audit.ok()) return audit.error();
  CERTDESK_TRY(need_leader(ctx, *audit_team(s, audit.value())));
  if (c.id.empty() || find_finding(s, c.id)) return input_error("id", "不符合项编号为空或重复");
  if (c.description.empty()) return input_error("description", "缺少不符合项描述");
  return emit({NonconformityRaised{c.id, audit.value(), c.clause, c.description, c.major}});
}

// §6.4.4 / R2: the client's cause analysis, correction and corrective action.
Bodies handle(const CaseState& s, const RecordCorrectiveAction& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Applicant}));
  const Finding* f = find_finding(s, c.id);
  if (!f || f->kind != FindingKind::Nonconformity) return input_error("id", "不存在此不符合项");
  if (f->verified_on) return step_error("该不符合项已验证关闭");
  if (c.cause.empty() || c.corrective_action.empty()) return input_error("corrective_action", "须填写原因分析和纠正措施");
  CERTDESK_TRY(check_nc_deadline(*find_audit(s, f->audit_id)->end, ctx.today, ctx.rules));
  return emit({CorrectiveActionRecorded{c.id, c.cause, c.correction, c.corrective_action, c.evidence_refs}});
}

// §6.4.4 / R2: the leader verifies effectiveness within 6 months after the audit.
Bodies handle(const CaseState& s, const VerifyNonconformity& c, const Context& ctx) {
  const Finding* f = find_finding(s, c.id);
  if (!f || f->kind != FindingKind::Nonconformity) return input_error("id", "不存在此不符合项");
  CERTDESK_TRY(need_leader(ctx, *audit_team(s, f->audit_id)));
  if (f->verified_on) return step_error("该不符合项已验证关闭");
  if (!f->action_on) return step_error("申请组织尚未提交纠正措施");
  CERTDESK_TRY(check_nc_deadline(*find_audit(s, f->audit_id)->end, ctx.today, ctx.rules));
  return emit({NonconformityVerified{c.id, c.effective, c.verification}});
}

// §6.4.4: an observation (12), checked at the next audit.
Bodies handle(const CaseState& s, const RecordObservation& c, const Context& ctx) {
  auto audit = finding_audit(s, c.audit_id);
  if (!audit.ok()) return audit.error();
  CERTDESK_TRY(need_leader(ctx, *audit_team(s, audit.value())));
  if (c.id.empty() || find_finding(s, c.id)) return input_error("id", "观察项编号为空或重复");
  return emit({ObservationRecorded{c.id, audit.value(), c.clause, c.description}});
}

// R2 §6.4.4: not verified within 6 months after stage 2 → the audit fails.
Bodies handle(const CaseState& s, const DeclareAuditFailed& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Division}));
  auto cycle = need_phase(s, {CyclePhase::Audited});
  if (!cycle.ok()) return cycle.error();
  std::string id = stage_audit_id(s.cycles.size(), AuditKind::Stage2);
  if (check_ncs_verified(s, id).ok()) return RuleViolation{"R2", "所有不符合项均已验证，审核不能判为不通过", ""};
  if (check_nc_deadline(*cycle.value()->stage2->end, ctx.today, ctx.rules).ok())
    return RuleViolation{"R2", "不符合项验证期限（" + nc_deadline(*cycle.value()->stage2->end, ctx.rules).iso() + "）尚未届满", ""};
  return emit({AuditFailed{nonempty_or(c.reason, "不符合项未在第二阶段结束后 6 个月内验证")}});
}

// §6.4.3: the leader's on-site report (11); resubmitted after a rejected review.
Bodies handle(const CaseState& s, const SubmitReport& c, const Context& ctx) {
  auto cycle = need_phase(s, {CyclePhase::Audited});
  if (!cycle.ok()) return cycle.error();
  CERTDESK_TRY(need_leader(ctx, cycle.value()->team));
  const auto& r = cycle.value()->report;
  if (r && (!r->reviewed_on || r->approved)) return step_error("审核报告已提交");
  if (c.conclusion.empty()) return input_error("conclusion", "缺少审核结论");
  return emit({ReportSubmitted{stage_audit_id(s.cycles.size(), AuditKind::Stage2), c.recommendation, c.conclusion}});
}

// §6.4.3 / R16: the reviewer checks the report.
Bodies handle(const CaseState& s, const ReviewReport& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Reviewer}));
  auto cycle = need_phase(s, {CyclePhase::Audited});
  if (!cycle.ok()) return cycle.error();
  const auto& r = cycle.value()->report;
  if (!r || r->reviewed_on) return step_error("没有待复核的审核报告");
  CERTDESK_TRY(check_reviewer(cycle.value()->team, ctx.actor.user_id));
  return emit({ReportReviewed{c.approved, c.note}});
}

// §6.4.5: certificate data confirmed with the client (14).
Bodies handle(const CaseState& s, const ConfirmCertificateInfo& c, const Context& ctx) {
  auto cycle = need_phase(s, {CyclePhase::Audited});
  if (!cycle.ok()) return cycle.error();
  CERTDESK_TRY(need_leader(ctx, cycle.value()->team));
  if (c.name.empty()) return input_error("name", "缺少证书上的组织名称");
  if (c.registered_address.empty()) return input_error("registered_address", "缺少注册地址");
  if (c.scope.empty()) return input_error("scope", "缺少认证范围和级别");
  return emit({CertificateInfoConfirmed{c.name, c.registered_address, c.office_address, c.scope, c.headcount}});
}

// §6.5 / R15 / R2: the decision (15) on a reviewed report, with every NC verified for a grant.
Bodies handle(const CaseState& s, const DecideCertification& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::DecisionMaker}));
  auto cycle = need_phase(s, {CyclePhase::Audited});
  if (!cycle.ok()) return cycle.error();
  const Cycle& cy = *cycle.value();
  CERTDESK_TRY(check_decision_maker(cy.team, ctx.actor.user_id));
  if (!cy.report || !cy.report->reviewed_on || !cy.report->approved)
    return step_error("审核报告（QP-21-11）尚未通过复核");
  if (c.grant) {
    if (!cy.info) return step_error("证书信息确认表（QP-21-14）尚未完成");
    CERTDESK_TRY(check_ncs_verified(s, stage_audit_id(s.cycles.size(), AuditKind::Stage2)));
  } else if (c.reasons.empty()) {
    return input_error("reasons", "不予认证须说明理由");
  }
  return emit({CertificationDecided{c.grant, c.reasons}});
}

// §6.6 / R4: quality control issues the certificate after a grant (from 14 and 17).
Bodies handle(const CaseState& s, const IssueCertificate& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Quality}));
  auto cycle = need_phase(s, {CyclePhase::Decided});
  if (!cycle.ok()) return cycle.error();
  const Cycle& cy = *cycle.value();
  if (!cy.decision || !cy.decision->granted) return step_error("未作出授予认证的决定");
  if (c.number.empty()) return input_error("number", "缺少证书编号");
  if (cy.kind == CycleKind::ScopeExtension && s.certificate)  // extension: revised certificate, same expiry
    return emit({CertificateIssued{c.number, s.certificate->expires_on, std::nullopt}});
  Date anchor = ctx.rules.anchor == SurveillanceAnchor::Stage2End ? *cy.stage2->end : cy.decision->decided_on;
  return emit({CertificateIssued{c.number, certificate_expiry(ctx.today, ctx.rules), anchor}});
}

// R5 §6.6: quality control reports what is pending to the national register.
Bodies handle(const CaseState& s, const ReportToRegister& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Quality}));
  if (s.register_pending.empty()) return step_error("没有待上报国家认证信息平台的事项");
  return emit({RegisterReported{c.reference}});
}

// R3 §6.4.3: the report is delivered with proof of delivery.
Bodies handle(const CaseState& s, const DeliverReport& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Marketing, Role::Quality}));
  // The oldest decided cycle whose report is still undelivered (a new cycle may have opened since).
  for (const Cycle& cy : s.cycles)
    if (cy.decision && cy.report && !cy.report->delivered_on) {
      if (c.proof.empty()) return input_error("proof", "须保留审核报告的递交证据");
      return emit({ReportDelivered{c.proof}});
    }
  return step_error("没有待递交的审核报告（须在认证决定之后）");
}

}  // namespace certdesk::detail
