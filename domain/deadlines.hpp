// Deadlines: every open obligation of a case with its due date, rule, status as of a date and
// what follows when it is missed; and the due list across all cases (BRIEF "Rules with numbers").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/case_model.hpp"
#include "domain/case_rules.hpp"

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

std::string_view obligation_kind_name(ObligationKind k);  // "surveillance"…
std::string_view due_status_name(DueStatus s);            // "upcoming" | "due_soon" | "overdue"

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
