// decide() handlers of the certificate's life and around it: surveillance, change, suspension,
// restoration, cancellation, revocation, expiry, recertification, extension, special audits,
// complaints, surveys and other forms (BRIEF §6.7–§9).
#include <algorithm>
#include <set>

#include "domain/decide_detail.hpp"

namespace certdesk::detail {

namespace {
const std::set<std::string>& known_forms();

Result<const Certificate*> need_certificate(const CaseState& s, bool allow_suspended) {
  if (!s.certificate) return step_error("本案件尚未颁发证书");
  CertStatus st = s.certificate->history.back().status;
  if (in_force(st) || (allow_suspended && st == CertStatus::Suspended)) return &*s.certificate;
  return step_error(allow_suspended ? "证书已失效（注销、撤销或过期）" : "证书不在有效状态");
}

const SpecialAudit* find_special(const CaseState& s, const std::string& id) {
  for (const SpecialAudit& a : s.special_audits)
    if (a.id == id) return &a;
  return nullptr;
}

// Changes awaiting an audit (address, scope, other) become certificate changes once one passes.
std::vector<EventBody> pending_changes_confirmed(const CaseState& s) {
  std::vector<EventBody> out;
  for (const ChangeRequest& r : s.changes)
    if (!r.completed_on && r.kind != ChangeKind::Name)
      out.push_back(CertificateChanged{r.kind == ChangeKind::Address ? StatusGround::AddressChange
                                       : r.kind == ChangeKind::Scope ? StatusGround::ScopeChange
                                                                     : StatusGround::Other,
                                       r.new_value});
  return out;
}

Result<void> check_audit_team(const Context& ctx, const std::vector<TeamMember>& team) {
  CERTDESK_TRY(check_team_composition(team));
  CERTDESK_TRY(check_declared_conflicts(team, ctx.today, ctx.rules));
  return need_leader(ctx, team);
}

Result<void> check_dates(Date start, Date end, Date today) {
  if (end < start) return input_error("end", "结束日期早于开始日期");
  if (end > today) return input_error("end", "审核结束日期不能晚于今天");
  return ok_void();
}
}  // namespace

// §6.7.1: a surveillance audit; a pass confirms changes waiting for an audit (§6.7.3.1).
Bodies handle(const CaseState& s, const ConductSurveillance& c, const Context& ctx) {
  auto cert = need_certificate(s, true);
  if (!cert.ok()) return cert.error();
  CERTDESK_TRY(check_audit_team(ctx, c.team));
  CERTDESK_TRY(check_dates(c.start, c.end, ctx.today));
  std::vector<EventBody> out{SurveillanceConducted{"SV" + std::to_string(s.surveillances.size() + 1), c.start,
                                                   c.end, c.team, c.passed, c.conclusion}};
  if (c.passed && in_force(cert.value()->history.back().status))
    for (EventBody& b : pending_changes_confirmed(s)) out.push_back(std::move(b));
  return out;
}

// §6.7.3.1: change application (26). A name change with proof changes the certificate at once.
Bodies handle(const CaseState& s, const ApplyChange& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Applicant}));
  auto cert = need_certificate(s, false);
  if (!cert.ok()) return cert.error();
  if (c.new_value.empty()) return input_error("new_value", "缺少变更后的内容");
  std::vector<EventBody> out{ChangeApplied{c.kind, c.new_value, c.proof_ref, c.major}};
  if (c.kind == ChangeKind::Name) {
    if (c.proof_ref.empty()) return input_error("proof_ref", "名称变更须提供工商登记变更证明");
    out.push_back(CertificateChanged{StatusGround::NameChange, c.new_value});
  }
  return out;
}

// §6.7.3.2 / R8: suspension (20), usually 3 months and never over 6.
Bodies handle(const CaseState& s, const Suspend& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Division}));
  auto cert = need_certificate(s, false);
  if (!cert.ok()) return cert.error();
  auto months = suspension_months(c.months, ctx.rules);
  if (!months.ok()) return months.error();
  if (c.ground == StatusGround::SurveillanceOverdue) CERTDESK_TRY(check_surveillance_overdue(s, ctx.today, ctx.rules));
  return emit({CertificateSuspended{c.ground, ctx.today.add_months(months.value()), c.note}});
}

// §6.7.3.3 / R8: restoration (24 → 23 → 25) within the suspension period.
Bodies handle(const CaseState& s, const Restore& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Division}));
  if (!s.certificate || s.certificate->history.back().status != CertStatus::Suspended)
    return step_error("证书未处于暂停状态");
  CERTDESK_TRY(check_restoration_in_time(*s.certificate, ctx.today));
  if (c.application_ref.empty()) return input_error("application_ref", "缺少恢复申请书（QP-21-24）");
  if (c.info_check.empty()) return input_error("info_check", "缺少暂停期间信息核查报告（QP-21-23）");
  return emit({CertificateRestored{c.application_ref, c.info_check}});
}

// §6.7.3.4: cancellation (19 → 21).
Bodies handle(const CaseState& s, const Cancel& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Division, Role::Quality}));
  if (!s.certificate) return step_error("本案件尚未颁发证书");
  CertStatus st = s.certificate->history.back().status;
  if (c.ground == StatusGround::ExpiredWithoutRenewal) {
    if (st != CertStatus::Expired) return step_error("证书尚未过期");
  } else if (!in_force(st) && st != CertStatus::Suspended) {
    return step_error("证书已失效（注销、撤销或过期）");
  }
  return emit({CertificateCancelled{c.ground, c.note}});
}

// §6.7.3.5 / R8 / R9: revocation (22).
Bodies handle(const CaseState& s, const Revoke& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Division}));
  auto cert = need_certificate(s, true);
  if (!cert.ok()) return cert.error();
  if (c.ground == StatusGround::SurveillanceOverdue) CERTDESK_TRY(check_revocation_overdue(s, ctx.today, ctx.rules));
  if (c.ground == StatusGround::SuspensionNotResolved) CERTDESK_TRY(check_suspension_expired(*cert.value(), ctx.today));
  return emit({CertificateRevoked{c.ground, c.note}});
}

// R4 §6.6: the certificate expires after its 3 years.
Bodies handle(const CaseState& s, const Expire&, const Context& ctx) {
  auto cert = need_certificate(s, true);
  if (!cert.ok()) return cert.error();
  if (ctx.today <= cert.value()->expires_on)
    return RuleViolation{"R4", "证书有效期至 " + cert.value()->expires_on.iso() + "，尚未到期", ""};
  return emit({CertificateExpired{}});
}

// §6.8 / R10: recertification from 3 months before expiry; full on-site review.
Bodies handle(const CaseState& s, const OpenRecertification& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Applicant, Role::Marketing}));
  auto cert = need_certificate(s, false);
  if (!cert.ok()) return cert.error();
  if (open_cycle(s)) return step_error("已有进行中的认证申请");
  CERTDESK_TRY(check_recert_window(*cert.value(), ctx.today, ctx.rules));
  CERTDESK_TRY(check_new_application(ctx, c.application));
  return emit({CycleOpened{s.id, CycleKind::Recertification, c.application}});
}

// §6.9: scope extension, handled as an initial certification.
Bodies handle(const CaseState& s, const OpenScopeExtension& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Applicant, Role::Marketing}));
  auto cert = need_certificate(s, false);
  if (!cert.ok()) return cert.error();
  if (open_cycle(s)) return step_error("已有进行中的认证申请");
  CERTDESK_TRY(check_new_application(ctx, c.application));
  return emit({CycleOpened{s.id, CycleKind::ScopeExtension, c.application}});
}

// §6.10: a special audit at short notice.
Bodies handle(const CaseState& s, const ScheduleSpecialAudit& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Division}));
  auto cert = need_certificate(s, true);
  if (!cert.ok()) return cert.error();
  if (c.id.empty() || find_special(s, c.id)) return input_error("id", "特殊审核编号为空或重复");
  return emit({SpecialAuditScheduled{c.id, c.reason}});
}

// §6.10: a refused special audit leads to suspension (R8 usual length).
Bodies handle(const CaseState& s, const RefuseSpecialAudit& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Applicant, Role::Division}));
  const SpecialAudit* a = find_special(s, c.id);
  if (!a || a->refused_on || a->audit) return step_error("没有待实施的特殊审核 " + c.id, "id");
  std::vector<EventBody> out{SpecialAuditRefused{c.id}};
  if (s.certificate && in_force(s.certificate->history.back().status))
    out.push_back(CertificateSuspended{StatusGround::SpecialAuditRefused,
                                       ctx.today.add_months(suspension_months(0, ctx.rules).value()),
                                       "拒绝接受特殊审核（§6.10）"});
  return out;
}

Bodies handle(const CaseState& s, const ConductSpecialAudit& c, const Context& ctx) {
  const SpecialAudit* a = find_special(s, c.id);
  if (!a || a->refused_on || a->audit) return step_error("没有待实施的特殊审核 " + c.id, "id");
  CERTDESK_TRY(check_audit_team(ctx, c.team));
  CERTDESK_TRY(check_dates(c.start, c.end, ctx.today));
  std::vector<EventBody> out{SpecialAuditConducted{c.id, c.start, c.end, c.team, c.passed, c.conclusion}};
  if (c.passed && s.certificate && in_force(s.certificate->history.back().status))
    for (EventBody& b : pending_changes_confirmed(s)) out.push_back(std::move(b));
  return out;
}

// §8: complaint or appeal registered (IP-11-01).
Bodies handle(const CaseState& s, const RegisterComplaint& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Quality, Role::Division, Role::Management}));
  if (c.id.empty() || std::any_of(s.complaints.begin(), s.complaints.end(), [&](const Complaint& x) { return x.id == c.id; }))
    return input_error("id", "投诉编号为空或重复");
  if (c.subject.empty()) return input_error("subject", "缺少投诉内容");
  return emit({ComplaintRegistered{c.id, c.kind, c.complainant, c.subject}});
}

// §8 / §6.7.1: handled (IP-11-02) and notified (IP-11-03); may call for extra surveillance.
Bodies handle(const CaseState& s, const ResolveComplaint& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Division, Role::Management}));
  auto it = std::find_if(s.complaints.begin(), s.complaints.end(), [&](const Complaint& x) { return x.id == c.id; });
  if (it == s.complaints.end() || it->resolved_on) return step_error("没有待处理的投诉 " + c.id, "id");
  if (c.outcome.empty()) return input_error("outcome", "缺少处理结果");
  if (c.extra_surveillance && !need_certificate(s, false).ok()) return step_error("证书不在有效状态，不能安排追加监督");
  return emit({ComplaintResolved{c.id, c.outcome, c.verified, c.extra_surveillance}});
}

// §9: satisfaction survey (16) after an audit.
Bodies handle(const CaseState& s, const RecordSurvey& c, const Context& ctx) {
  CERTDESK_TRY(need_role(ctx, {Role::Applicant, Role::Marketing}));
  const Audit* a = find_audit(s, c.audit_id);
  if (!a || !a->end) return step_error("审核 " + c.audit_id + " 尚未实施", "audit_id");
  if (c.score < 1 || c.score > 5) return input_error("score", "满意度评分应为 1 至 5");
  return emit({SurveyRecorded{c.audit_id, c.score, c.comments}});
}

// §7 / 附件1: any other form of the table kept with the case (05A, 06, 08, 10, 18…).
Bodies handle(const CaseState&, const RecordForm& c, const Context&) {
  if (!known_forms().count(c.code)) return input_error("code", "未知的表单编号 " + c.code);
  if (!c.fields.is_object()) return input_error("fields", "表单内容应为对象");
  return emit({FormRecorded{c.code, c.fields}});
}

namespace {
const std::set<std::string>& known_forms() {
  static const std::set<std::string> codes = {
      "QP-21-01", "QP-21-02", "ACCEPTANCE-NOTICE", "QP-21-03", "QP-21-04", "QP-21-05A", "QP-21-05B",
      "QP-21-06", "QP-21-07", "QP-21-08", "QP-21-09", "QP-21-10", "QP-21-11", "QP-21-12", "QP-21-13",
      "QP-21-14", "QP-21-15", "QP-21-16", "QP-21-17", "QP-21-18", "QP-21-19", "QP-21-20", "QP-21-21",
      "QP-21-22", "QP-21-23", "QP-21-24", "QP-21-25", "QP-21-26", "IP-11-01", "IP-11-02", "IP-11-03",
      "REMOTE-AGREEMENT"};
  return codes;
}
}  // namespace

}  // namespace certdesk::detail
