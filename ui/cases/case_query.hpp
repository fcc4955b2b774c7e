// ui/cases/case_query.hpp — the steps of the flow and the case list's query: plain values shared by
// the app model (the list's filter is view state the test hook can set) and the case board.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace certdesk::ui {

// The flow of the brief as the workspace shows it (BRIEF "Initial certification, step by step"
// and "The certificate's life"). Steps are ordered; Life is everything after the certificate.
enum class Step {
  Application,  // §6.1 received, supplements (R17)
  Review,       // §6.2 acceptance review, person-days, approval and quote
  Contract,     // §6.3
  Preparation,  // §6.4.1 team, assignment, stage-1 plan
  Stage1,       // §6.4.2.1
  Stage2,       // §6.4.2.2 (remote only with cause, approval, agreement: R14)
  Findings,     // §6.4.4 nonconformities and observations
  Report,       // §6.4.3 report and its review
  Decision,     // §6.4.5 certificate data, §6.5 decision
  Certificate,  // §6.6 issue, register (R5), report delivery (R3)
  Life,         // §6.7–§6.10 surveillance, change, suspension…, recertification
  Ended         // rejected, withdrawn, failed, or certificate cancelled / revoked / expired
};
inline constexpr int kStepCount = 12;
const char* step_label_zh(Step s);
const char* step_id(Step s);  // "review", "stage2"… (test hook)
std::optional<Step> step_from_id(std::string_view id);


// Defined in case_board.cpp.
enum class SortKey { Id, Organisation, Scope, Step, Status, NextDue };
enum class StatusFilter { Any, NoCertificate, InForce, Suspended, Ended };

struct CaseQuery {
  std::string text;                 // matched in id, organisation, scope, certificate number
  std::optional<Step> step;         // nullopt: every step
  StatusFilter status = StatusFilter::Any;
  bool overdue_only = false;
  SortKey sort = SortKey::NextDue;
  bool ascending = true;
  bool operator==(const CaseQuery&) const = default;
};

}  // namespace certdesk::ui
