// The numbered rules of BRIEF.md (R1–R14, R17) as functions: each rule lives here once and is
// called by decide() and by the deadline list. Impartiality (R15, R16) is in impartiality.hpp.
#pragma once

#include <optional>

#include "domain/calendar.hpp"
#include "domain/case_model.hpp"
#include "domain/case_rules.hpp"
#include "domain/result.hpp"

namespace certdesk {

Date contract_valid_until(Date signed_on, const CaseRules& r);                             // R1
Result<void> check_contract_validity(Date signed_on, Date valid_until, const CaseRules& r);  // R1
Date nc_deadline(Date audit_end, const CaseRules& r);                                      // R2
Result<void> check_nc_deadline(Date audit_end, Date today, const CaseRules& r);            // R2
Result<void> check_ncs_verified(const CaseState& s, const std::string& audit_id);          // R2
CalendarDate report_delivery_due(Date decided_on, const WorkCalendar& cal, const CaseRules& r);  // R3
Date certificate_expiry(Date issued_on, const CaseRules& r);                               // R4
CalendarDate register_due(Date cause_on, const WorkCalendar& cal, const CaseRules& r);      // R5

// R6/R7: the next surveillance's due date and which rule sets it; nullopt when none is owed
// (no certificate in force or suspended, or the recertification audit falls due first).
struct SurveillanceDue {
  Date due;
  const char* rule;  // "R6" for the first after the anchor, "R7" later
};
std::optional<SurveillanceDue> surveillance_due(const CaseState& s, const CaseRules& r);
Result<void> check_surveillance_overdue(const CaseState& s, Date today, const CaseRules& r);  // R6/R7

Result<int> suspension_months(int requested, const CaseRules& r);  // R8
Result<void> check_restoration_in_time(const Certificate& c, Date today);  // R8
Result<void> check_suspension_expired(const Certificate& c, Date today);   // R8 → revocation
Date revocation_threshold(Date surveillance_due, const CaseRules& r);      // R9
Result<void> check_revocation_overdue(const CaseState& s, Date today, const CaseRules& r);  // R9
Date recert_window_opens(Date expires_on, const CaseRules& r);             // R10
Result<void> check_recert_window(const Certificate& c, Date today, const CaseRules& r);  // R10
Date retention_end(Date closed_on, const CaseRules& r);                    // R11
// R11: when the case's records may be disposed of — retention_end of its last event once no cycle
// is open and no certificate lives; nullopt while the case is open.
std::optional<Date> case_retention_end(const CaseState& s, const CaseRules& r);
Result<void> check_no_recent_penalty(const Application& a, Date today, const CaseRules& r);  // R12
Result<void> check_stage1_ready(const Cycle& c, const CaseRules& r);       // R13
Result<void> check_remote_stage2(const Cycle& c, bool remote);             // R14
Result<void> check_supplement_expired(const Cycle& c, Date today);         // R17
Result<void> check_supplement_in_time(const SupplementRequest& q, Date today);  // R17

}  // namespace certdesk
