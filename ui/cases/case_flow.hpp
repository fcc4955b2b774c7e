// ui/cases/case_flow.hpp — what comes next in a case and who must do it (issue 15, items 8 and 9): the
// actions the procedure expects at the case's position, checked by the domain's dry run for the
// local user (the workspace's 下一步) and for every role (今日待办's 待办事项); and the
// application as the acceptance review reads it (§6.2): per requirement the catalogue's text, the
// applicant's claim, description and evidence, and the review's mark, which prefills the
// supplement request (R17). Pure C++, tested natively.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "domain/case_decide.hpp"
#include "domain/catalogue.hpp"
#include "ui/cases/case_actions.hpp"

namespace certdesk::ui {

// One action the procedure expects now. `primary`: the way forward; otherwise an alternative
// (a supplement request instead of acceptance, a nonconformity before the report…).
struct ExpectedAction {
  const ActionSpec* action = nullptr;
  Step step = Step::Application;  // where the workspace offers it
  bool primary = true;
};
// In the procedure's order, the primary ones first. Empty when the case has ended, or when its
// certificate only waits for its deadlines (see the 期限 tab and 今日待办's deadlines).
std::vector<ExpectedAction> expected_actions(const CaseState& s);

// Who does it, with the name where the case knows it: "审核组长（张组长）".
std::string action_who_zh(const ActionSpec& a, const CaseState& s);

// The workspace's 下一步: each expected action with the dry run's verdict for the local user.
enum class NextVerdict {
  Can,        // the local user can do it now (the form may still need filling)
  OtherRole,  // someone else must (the rule P-ROLE)
  Blocked     // the procedure does not allow it yet (the reason says why)
};
struct NextAction {
  ExpectedAction expected;
  std::string who_zh;
  NextVerdict verdict = NextVerdict::Can;
  std::string why_zh;  // the domain's message (with its rule id) unless Can
};
// ctx: the local user, today, calendar, rules; pc: what the forms are prefilled from.
std::vector<NextAction> next_actions(const CaseState& s, const Context& ctx, const PrefillContext& pc);

// 今日待办's 待办事项 (PendingAction, ui/cases/case_board.hpp): the primary expected actions of a case with
// who may do them, independent of the local user; computed once per change of the case.
// ctx supplies today, calendar, rules and catalogue (its actor is ignored).
std::vector<PendingAction> pending_actions(const CaseState& s, const Context& ctx);

// ---- the application as the acceptance review reads it (§6.2) ----
struct RequirementView {
  std::string id;
  std::string clause;     // from the catalogue ("" when the catalogue does not know the id)
  std::string text_zh;
  std::string evidence_hint_zh;
  std::string claim_zh;   // 符合 / 部分符合 / 不符合 / 不适用 / 未填写 ("" when not recognised)
  std::string description;
  std::vector<std::string> evidence;  // attachment ids
  ReviewMark mark = ReviewMark::Unchecked;
  std::string note;  // what is missing, for needs_supplement
  std::string marked_by;
};
// The self-assessment answers of one kind in the application's order, with the catalogue's text
// and the current cycle's review marks.
std::vector<RequirementView> requirement_views(const CaseState& s, const Catalogue& cat, AssessmentKind kind);
// "符合：已建立…" → {"符合", "已建立…"}: the package stores claim and description as one answer.
std::pair<std::string, std::string> split_answer(const std::string& answer);
// The supplement request's items from the review: one per requirement marked needs_supplement,
// "MR-01：<what is missing>", in the application's order (management, then capability).
std::vector<std::string> supplement_items(const CaseState& s);

}  // namespace certdesk::ui
