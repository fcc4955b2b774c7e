// Deadlines of a case, derived from its state by the rule functions of procedure_rules.hpp.
#include "domain/deadlines.hpp"

#include <algorithm>

#include "domain/procedure_rules.hpp"

namespace certdesk {

namespace {

// Collects a case's obligations independently of the date: statuses are set by obligations_as_of.
struct Collector {
  const CaseState& s;
  const CaseRules& r;
  std::vector<Obligation> out;

  void add(ObligationKind kind, const char* rule, std::string subject, CalendarDate due, std::string consequence,
           std::optional<Date> opens = std::nullopt, std::optional<Date> after = std::nullopt) {
    out.push_back(Obligation{s.id, kind, rule, std::move(subject), due.date, opens, due.estimated, DueStatus::Upcoming,
                             std::move(consequence), after});
  }
};

void cycle_obligations(Collector& c, const WorkCalendar& cal) {
  const CaseState& s = c.s;
  const Cycle* cy = s.cycle();
  if (!cy) return;
  if (!cy->closed_on && cy->phase == CyclePhase::Applied)
    for (const SupplementRequest& q : cy->supplements)
      if (!q.answered_on)
        c.add(ObligationKind::Supplement, "R17", "补充材料", CalendarDate{q.deadline, q.deadline_estimated},
              "逾期未补充且未说明理由，视为撤回申请（§6.2）");
  for (const Cycle& each : s.cycles)
    if (each.decision && each.report && !each.report->delivered_on)
      c.add(ObligationKind::ReportDelivery, "R3", "审核报告递交", report_delivery_due(each.decision->decided_on, cal, c.r),
            "超过认证决定后 30 个工作日未递交审核报告（§6.4.3）");
}

void finding_obligations(Collector& c) {
  const CaseState& s = c.s;
  const Cycle* cy = s.cycle();
  for (const Finding& f : s.findings) {
    if (f.kind != FindingKind::Nonconformity || f.verified_on) continue;
    const Audit* a = find_audit(s, f.audit_id);
    if (!a || !a->end) continue;
    bool stage = a->kind == AuditKind::Stage1 || a->kind == AuditKind::Stage2;
    if (stage && !(cy && !cy->closed_on && cy->stage2 && cy->stage2->id == f.audit_id)) continue;
    if (!stage && !certificate_active(s)) continue;
    c.add(ObligationKind::NcVerification, "R2", f.id, CalendarDate{nc_deadline(*a->end, c.r), false},
          stage ? "第二阶段结束后 6 个月内未验证不符合项，审核不通过（§6.4.4）"
                : "不符合项未在 6 个月内验证关闭，建议暂停证书（§6.7.3.2）");
  }
}

void certificate_obligations(Collector& c) {
  const CaseState& s = c.s;
  if (!s.certificate) return;
  const Certificate& cert = *s.certificate;
  CertStatus st = cert.history.back().status;
  if (auto due = surveillance_due(s, c.r)) {
    c.add(ObligationKind::Surveillance, due->rule, "监督审核", CalendarDate{due->due, false},
          "监督审核逾期，建议暂停证书（§6.7.3.2）");
    // R9: open once the surveillance is overdue.
    c.add(ObligationKind::RevocationThreshold, "R9", "监督审核逾期 6 个月",
          CalendarDate{revocation_threshold(due->due, c.r), false}, "监督审核逾期 6 个月，建议撤销证书（§6.7.3.5）",
          std::nullopt, due->due);
  }
  if (st == CertStatus::Suspended && cert.suspended_until)
    c.add(ObligationKind::SuspensionEnd, "R8", "暂停期满", CalendarDate{*cert.suspended_until, false},
          "暂停期满未完成整改并通过验证，建议撤销证书（§6.7.3.5）");
  if (in_force(st) || st == CertStatus::Suspended) {
    const Cycle* cy = s.cycle();
    bool recert_open = cy && !cy->closed_on && cy->kind == CycleKind::Recertification;
    if (!recert_open)
      c.add(ObligationKind::RecertificationWindow, "R10", "再认证申请", CalendarDate{cert.expires_on, false},
            "未在证书到期前完成再认证，证书到期失效（§6.8）", recert_window_opens(cert.expires_on, c.r));
    c.add(ObligationKind::CertificateExpiry, "R4", cert.number, CalendarDate{cert.expires_on, false},
          "证书到期，未获再认证则注销（§6.7.3.4）");
  }
}

void register_obligations(Collector& c, const WorkCalendar& cal) {
  for (const RegisterItem& item : c.s.register_pending)
    c.add(ObligationKind::RegisterReport, "R5", item.subject, register_due(item.cause_on, cal, c.r),
          "超过 15 个工作日（最迟一个月）未上报国家认证认可信息平台（§6.6）");
}

void extra_surveillance_obligation(Collector& c, const WorkCalendar& cal) {
  if (c.s.extra_surveillance_from && certificate_active(c.s))
    c.add(ObligationKind::ExtraSurveillance, "S6.7.1", "追加监督审核",
          cal.add_working_days(*c.s.extra_surveillance_from, c.r.extra_surveillance_working_days),
          "投诉或重大变更后未及时安排追加监督审核（§6.7.1）");
}

// R11 §7: a closed case (no open cycle, no certificate in force or suspended) keeps its records 3 years.
void retention_obligation(Collector& c) {
  const std::optional<Date> ends = case_retention_end(c.s, c.r);
  if (!ends) return;
  c.add(ObligationKind::RetentionEnd, "R11", "档案保存期", CalendarDate{*ends, false},
        "档案保存期满（至少 3 年），可按程序处置（§7）");
}

}  // namespace

std::vector<Obligation> obligations(const CaseState& s, Date as_of, const WorkCalendar& cal, const CaseRules& r) {
  return obligations_as_of(open_obligations(s, cal, r), as_of, r);
}

std::vector<Obligation> obligations_as_of(std::vector<Obligation> open, Date as_of, const CaseRules& r) {
  std::vector<Obligation> out;
  out.reserve(open.size());
  for (Obligation& o : open) {
    if (o.after && !(as_of > *o.after)) continue;
    const Date soon_from = o.opens ? *o.opens : o.due.add_days(-r.due_soon_days);
    o.status = as_of > o.due ? DueStatus::Overdue : as_of >= soon_from ? DueStatus::DueSoon : DueStatus::Upcoming;
    out.push_back(std::move(o));
  }
  return out;
}

std::vector<Obligation> open_obligations(const CaseState& s, const WorkCalendar& cal, const CaseRules& r) {
  Collector c{s, r, {}};
  cycle_obligations(c, cal);
  finding_obligations(c);
  certificate_obligations(c);
  register_obligations(c, cal);
  extra_surveillance_obligation(c, cal);
  retention_obligation(c);
  std::stable_sort(c.out.begin(), c.out.end(), [](const Obligation& a, const Obligation& b) { return a.due < b.due; });
  return std::move(c.out);
}

std::vector<Obligation> due_list(const std::vector<CaseState>& cases, Date as_of, const WorkCalendar& cal,
                                 const CaseRules& r) {
  std::vector<Obligation> out;
  for (const CaseState& s : cases)
    for (Obligation& o : obligations(s, as_of, cal, r))
      if (o.status != DueStatus::Upcoming) out.push_back(std::move(o));
  std::stable_sort(out.begin(), out.end(), [](const Obligation& a, const Obligation& b) { return a.due < b.due; });
  return out;
}

}  // namespace certdesk
