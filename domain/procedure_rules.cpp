// The numbered rules of BRIEF.md: due dates and the checks decide() runs (one function per rule).
#include "domain/procedure_rules.hpp"

#include <algorithm>

namespace certdesk {

namespace {
RuleViolation violation(const char* rule, std::string message_zh, std::string field = {}) {
  return RuleViolation{rule, std::move(message_zh), std::move(field)};
}
}  // namespace

// R1 §6.3: the contract is normally valid 3 years.
Date contract_valid_until(Date signed_on, const CaseRules& r) {
  return signed_on.add_years(r.contract_years).add_days(-1);
}

// R1 §6.3: a contract ends after it is signed and not later than the normal 3 years.
Result<void> check_contract_validity(Date signed_on, Date valid_until, const CaseRules& r) {
  if (valid_until < signed_on)
    return violation("R1", "合同有效期截止日早于签订日期", "valid_until");
  if (valid_until > contract_valid_until(signed_on, r))
    return violation("R1", "合同有效期超过 " + std::to_string(r.contract_years) + " 年（§6.3）", "valid_until");
  return ok_void();
}

// R2 §6.4.4: corrections verified within 6 months after the audit (stage 2) ended.
Date nc_deadline(Date audit_end, const CaseRules& r) { return audit_end.add_months(r.nc_months); }

// R2 §6.4.4: past the 6 months, corrective actions can no longer be recorded or verified.
Result<void> check_nc_deadline(Date audit_end, Date today, const CaseRules& r) {
  if (today > nc_deadline(audit_end, r))
    return violation("R2", "已超过审核结束后 " + std::to_string(r.nc_months) +
                               " 个月的不符合项验证期限（" + nc_deadline(audit_end, r).iso() +
                               "），审核视为不通过");
  return ok_void();
}

// R2 §6.4.4: every nonconformity of the audit is verified before the decision.
Result<void> check_ncs_verified(const CaseState& s, const std::string& audit_id) {
  for (const Finding& f : s.findings)
    if (f.audit_id == audit_id && f.kind == FindingKind::Nonconformity && !f.verified_on)
      return violation("R2", "不符合项 " + f.id + " 的纠正措施尚未验证有效", "findings");
  return ok_void();
}

// R3 §6.4.3: report delivered within 30 working days after the decision.
CalendarDate report_delivery_due(Date decided_on, const WorkCalendar& cal, const CaseRules& r) {
  return cal.add_working_days(decided_on, r.report_working_days);
}

// R4 §6.6: the certificate is valid 3 years (inclusive: it expires the day before the anniversary).
Date certificate_expiry(Date issued_on, const CaseRules& r) {
  return issued_on.add_years(r.certificate_years).add_days(-1);
}

// R5 §6.6: reported within 15 working days after the decision and never later than one month.
CalendarDate register_due(Date cause_on, const WorkCalendar& cal, const CaseRules& r) {
  CalendarDate by_days = cal.add_working_days(cause_on, r.register_working_days);
  Date by_month = cause_on.add_months(r.register_months);
  if (by_month < by_days.date) return CalendarDate{by_month, false};
  return by_days;
}

// R6/R7 §6.7.1: first surveillance within 12 months after the anchor, then at most 12 months
// between audits. None is owed when it would fall inside the recertification window (R10):
// the recertification audit takes its place [product decision].
std::optional<SurveillanceDue> surveillance_due(const CaseState& s, const CaseRules& r) {
  if (!s.certificate || !s.surveillance_anchor) return std::nullopt;
  CertStatus st = s.certificate->history.back().status;
  if (!in_force(st) && st != CertStatus::Suspended) return std::nullopt;
  Date last = *s.surveillance_anchor;
  bool any = false;
  for (const Audit& a : s.surveillances)
    if (a.end && *a.end >= last) { last = *a.end; any = true; }
  Date due = last.add_months(r.surveillance_months);
  if (due > recert_window_opens(s.certificate->expires_on, r)) return std::nullopt;
  return SurveillanceDue{due, any ? "R7" : "R6"};
}

// R6/R7 §6.7.1: a suspension on the ground "surveillance overdue" needs an overdue surveillance.
Result<void> check_surveillance_overdue(const CaseState& s, Date today, const CaseRules& r) {
  auto due = surveillance_due(s, r);
  if (!due || today <= due->due)
    return violation(due ? due->rule : "R7", "监督审核尚未逾期，不能以此为由暂停证书", "ground");
  return ok_void();
}

// R8 §6.7.3.2: a suspension usually lasts 3 months and never over 6.
Result<int> suspension_months(int requested, const CaseRules& r) {
  if (requested == 0) return r.suspension_usual_months;
  if (requested < 0 || requested > r.suspension_max_months)
    return violation("R8", "暂停期限须为 1 至 " + std::to_string(r.suspension_max_months) + " 个月", "months");
  return requested;
}

// R8 §6.7.3.2: restoration only within the suspension period.
Result<void> check_restoration_in_time(const Certificate& c, Date today) {
  if (c.suspended_until && today > *c.suspended_until)
    return violation("R8", "暂停期已于 " + c.suspended_until->iso() + " 届满，不能恢复，应撤销证书");
  return ok_void();
}

// R8 §6.7.3.5: revocation for an unresolved suspension only after the period ended.
Result<void> check_suspension_expired(const Certificate& c, Date today) {
  if (c.history.back().status != CertStatus::Suspended)
    return violation("R8", "证书未处于暂停状态", "ground");
  if (c.suspended_until && today <= *c.suspended_until)
    return violation("R8", "暂停期至 " + c.suspended_until->iso() + " 尚未届满", "ground");
  return ok_void();
}

// R9 §6.7.3.5: surveillance overdue by 6 months → revocation.
Date revocation_threshold(Date surveillance_due, const CaseRules& r) {
  return surveillance_due.add_months(r.revocation_overdue_months);
}

// R9 §6.7.3.5: revocation on this ground only once the 6 months have passed.
Result<void> check_revocation_overdue(const CaseState& s, Date today, const CaseRules& r) {
  auto due = surveillance_due(s, r);
  if (!due || today <= revocation_threshold(due->due, r))
    return violation("R9", "监督审核逾期未满 " + std::to_string(r.revocation_overdue_months) + " 个月，不能以此为由撤销", "ground");
  return ok_void();
}

// R10 §6.8: recertification may be applied for from 3 months before expiry.
Date recert_window_opens(Date expires_on, const CaseRules& r) {
  return expires_on.add_months(-r.recert_window_months);
}

// R10 §6.8: the application lies between the window's opening and the expiry.
Result<void> check_recert_window(const Certificate& c, Date today, const CaseRules& r) {
  Date opens = recert_window_opens(c.expires_on, r);
  if (today < opens)
    return violation("R10", "再认证申请自证书到期前 " + std::to_string(r.recert_window_months) +
                                " 个月（" + opens.iso() + "）起方可提交");
  if (today > c.expires_on) return violation("R10", "证书已于 " + c.expires_on.iso() + " 到期，应重新申请初次认证");
  return ok_void();
}

// R11 §7: records kept at least 3 years.
Date retention_end(Date closed_on, const CaseRules& r) { return closed_on.add_years(r.retention_years); }

std::optional<Date> case_retention_end(const CaseState& s, const CaseRules& r) {
  if (!s.last_event_on || certificate_active(s)) return std::nullopt;
  if (const Cycle* cy = s.cycle(); cy && !cy->closed_on) return std::nullopt;
  return retention_end(*s.last_event_on, r);
}

// R12 §6.1.1: no administrative penalty in the year before applying.
Result<void> check_no_recent_penalty(const Application& a, Date today, const CaseRules& r) {
  if (a.last_administrative_penalty && *a.last_administrative_penalty > today.add_months(-r.penalty_lookback_months))
    return violation("R12", "申请组织近一年内受到过行政处罚（" + a.last_administrative_penalty->iso() + "），不符合申请条件",
                     "application.last_administrative_penalty");
  return ok_void();
}

// R13 §6.4.2.1: stage 2 only after a stage 1 concluded "ready" (optional for recertification).
Result<void> check_stage1_ready(const Cycle& c, const CaseRules& r) {
  if (c.kind == CycleKind::Recertification && !r.recert_requires_stage1) return ok_void();
  if (!c.stage1 || !c.stage1->end) return violation("R13", "第一阶段审核尚未完成，不能进行第二阶段审核");
  if (!c.stage1_ready) return violation("R13", "第一阶段审核结论为“不具备条件”，不能进行第二阶段审核");
  return ok_void();
}

// R14 §6.4.2.2: remote stage 2 only with a stated cause, the body's approval and a signed agreement.
Result<void> check_remote_stage2(const Cycle& c, bool remote) {
  if (!remote) return ok_void();
  if (!c.remote || c.remote->cause == RemoteCause::None)
    return violation("R14", "远程审核须有特殊原因（极端天气、卫生事件、安全事件）并经认证中心审批", "remote");
  if (!c.remote->agreement_signed) return violation("R14", "远程审核须双方签订《远程审核协议》", "remote");
  return ok_void();
}

namespace {
const SupplementRequest* open_supplement(const Cycle& c) {
  for (const SupplementRequest& q : c.supplements)
    if (!q.answered_on) return &q;
  return nullptr;
}
}  // namespace

// R17 §6.2: the body deems the application withdrawn only after a supplement deadline passed unanswered.
Result<void> check_supplement_expired(const Cycle& c, Date today) {
  const SupplementRequest* q = open_supplement(c);
  if (!q) return violation("R17", "没有未答复的补充材料要求，不能视为撤回");
  if (today <= q->deadline) return violation("R17", "补充材料期限 " + q->deadline.iso() + " 尚未届满");
  return ok_void();
}

// R17 §6.2: an answer after the deadline comes too late — the application counts as withdrawn.
Result<void> check_supplement_in_time(const SupplementRequest& q, Date today) {
  if (today > q.deadline)
    return violation("R17", "补充材料期限 " + q.deadline.iso() + " 已过，申请视为撤回");
  return ok_void();
}

}  // namespace certdesk
