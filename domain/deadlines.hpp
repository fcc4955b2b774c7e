// Deadlines: every open obligation of a case with its due date, rule, status as of a date and
// what follows when it is missed; and the due list across all cases (BRIEF "Rules with numbers").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/case_model.hpp"
#include "domain/case_rules.hpp"
#include "domain/enum_table.hpp"

namespace certdesk {

enum class ObligationKind {
  Supplement,            // R17
  NcVerification,        // R2
  ReportDelivery,        // R3
  RegisterReport,        // R5
  Surveillance,          // R6 / R7
  ExtraSurveillance,     // §6.7.1 after a complaint or a major change
  RevocationThreshold,   // R9
  SuspensionEnd,         // R8
  RecertificationWindow, // R10
  CertificateExpiry,     // R4
  RetentionEnd           // R11
};

enum class DueStatus { Upcoming, DueSoon, Overdue };

CERTDESK_ENUM_TABLE(ObligationKind, {ObligationKind::Supplement, "supplement", "补充材料期限"},
    {ObligationKind::NcVerification, "nc_verification", "不符合项验证"},
    {ObligationKind::ReportDelivery, "report_delivery", "审核报告送达"},
    {ObligationKind::RegisterReport, "register_report", "上报认证信息"},
    {ObligationKind::Surveillance, "surveillance", "监督审核"},
    {ObligationKind::ExtraSurveillance, "extra_surveillance", "增加监督审核"},
    {ObligationKind::RevocationThreshold, "revocation_threshold", "监督超期撤销"},
    {ObligationKind::SuspensionEnd, "suspension_end", "暂停期满"},
    {ObligationKind::RecertificationWindow, "recertification_window", "再认证"},
    {ObligationKind::CertificateExpiry, "certificate_expiry", "证书到期"},
    {ObligationKind::RetentionEnd, "retention_end", "记录保存期满"})
CERTDESK_ENUM_TABLE(DueStatus, {DueStatus::Upcoming, "upcoming", "未到期"}, {DueStatus::DueSoon, "due_soon", "即将到期"},
    {DueStatus::Overdue, "overdue", "已逾期"})

struct Obligation {
  std::string case_id;
  ObligationKind kind = ObligationKind::Supplement;
  std::string rule;        // "R17", "R2"…
  std::string subject;     // what it is about: "NC-1", "证书颁发"…
  Date due;                // last day to act
  std::optional<Date> opens;  // when the window opens (R10); DueSoon from then on
  bool estimated = false;  // the calendar ran past its holiday data
  DueStatus status = DueStatus::Upcoming;
  std::string consequence_zh;  // what follows when it is missed
  std::optional<Date> after;   // open only once the date is past (R9: the missed surveillance's due date)
  bool operator==(const Obligation&) const = default;
};


// Every open obligation of one case, whatever its status, sorted by due date.
std::vector<Obligation> obligations(const CaseState& s, Date as_of, const WorkCalendar& cal, const CaseRules& r);
// The same in two steps, so that the date-independent part can be kept (the case list's stored
// summaries, ui/cases/case_summary.hpp): every obligation the case can have on any date, with status
// Upcoming and `after` where it opens only later; then the ones open as of a date, with their status.
// obligations(s, d, cal, r) == obligations_as_of(open_obligations(s, cal, r), d, r).
std::vector<Obligation> open_obligations(const CaseState& s, const WorkCalendar& cal, const CaseRules& r);
std::vector<Obligation> obligations_as_of(std::vector<Obligation> open, Date as_of, const CaseRules& r);
// "What is due or overdue as of date D across all cases": DueSoon and Overdue, sorted by due date.
std::vector<Obligation> due_list(const std::vector<CaseState>& cases, Date as_of, const WorkCalendar& cal,
                                 const CaseRules& r);

}  // namespace certdesk
