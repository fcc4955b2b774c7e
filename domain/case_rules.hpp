// CaseRules: the [setting]s the case aggregate reads (BRIEF marks them), each with its default.
// To be reconciled with domain/settings.hpp: Context carries a CaseRules built from Settings.
#pragma once

#include "domain/enum_table.hpp"

namespace certdesk {

// Where the first surveillance's 12 months start (BRIEF §6.7.1 "anchor date [setting]").
enum class SurveillanceAnchor { Stage2End, DecisionDate };
CERTDESK_ENUM_TABLE(SurveillanceAnchor, {SurveillanceAnchor::Stage2End, "stage2_end", "第二阶段结束日"},
                    {SurveillanceAnchor::DecisionDate, "decision_date", "认证决定日"})

struct CaseRules {
  int supplement_working_days = 10;        // R17 §6.2: days given to supplement material
  int contract_years = 3;                  // R1 §6.3: contract normally valid 3 years
  int nc_months = 6;                       // R2 §6.4.4: corrections verified within 6 months
  int report_working_days = 30;            // R3 §6.4.3
  int certificate_years = 3;               // R4 §6.6
  int register_working_days = 15;          // R5 §6.6 (and never later than register_months)
  int register_months = 1;                 // R5 §6.6
  int surveillance_months = 12;            // R6/R7 §6.7.1
  SurveillanceAnchor anchor = SurveillanceAnchor::Stage2End;  // R6 §6.7.1 [setting]
  int suspension_usual_months = 3;         // R8 §6.7.3.2: default length of a suspension
  int suspension_max_months = 6;           // R8 §6.7.3.2: never over 6
  int revocation_overdue_months = 6;       // R9 §6.7.3.5
  int recert_window_months = 3;            // R10 §6.8
  int retention_years = 3;                 // R11 §7: records kept at least 3 years
  int penalty_lookback_months = 12;        // R12 §6.1.1
  int conflict_lookback_months = 24;       // impartiality: consultancy for the client within 2 years
  int extra_surveillance_working_days = 30;  // §6.7.1 extra surveillance after complaint/change [product decision]
  int due_soon_days = 14;                  // a deadline within 14 calendar days is "due soon"
  bool recert_requires_stage1 = false;     // §6.8: recertification is a full on-site review; stage 1 optional
};

}  // namespace certdesk
