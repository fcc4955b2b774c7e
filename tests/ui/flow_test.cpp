// What comes next and who must do it (issue 15, items 8 and 9): the workspace's 下一步 from the
// case's position and the domain's dry run, the actions offered in the step where the user looks
// for them, 今日待办's pending list per role, the application per requirement as the acceptance
// review reads it, and the review's marks prefilling the supplement request.
#include <doctest/doctest.h>

#include <algorithm>

#include "domain/calendar.hpp"
#include "domain/case_json.hpp"
#include "tests/domain/package_fixture.hpp"
#include "tests/ui/memory_store.hpp"
#include "ui/settings/body_config.hpp"
#include "ui/cases/case_actions.hpp"
#include "ui/cases/case_board.hpp"
#include "ui/cases/case_flow.hpp"
#include "ui/cases/cases.hpp"

using namespace certdesk;
using namespace certdesk::ui;
using nlohmann::json;

namespace {

struct Desk {
  Catalogue catalogue = pkgtest::example_catalogue();
  WorkCalendar calendar;
  Settings settings;
  MemoryStore store;
  Workspace w;
  Date today{2026, 3, 2};

  Context ctx(const char* name, std::vector<std::string> roles) const {
    return Context{actor_from_profile(Profile{name, std::move(roles), ""}), today, &calendar, case_rules_from(settings),
                   &catalogue};
  }
  PrefillContext pc() const { return PrefillContext{&settings, nullptr, &catalogue, nullptr, today}; }

  // n: a different package id and organisation per case (the same package twice is a duplicate).
  std::string import_one(int n = 0) {
    auto sample = pkgtest::complete_sample(catalogue);
    auto h = pkgtest::header();
    if (n > 0) {
      sample.draft.organisation.name = "上海测试信息安全有限公司" + std::to_string(n);
      h.package_id = "0b0e2f3a-1111-4222-8333-44445555666" + std::to_string(n);
    }
    auto text = package::export_package(h, sample.draft, sample.data, catalogue, pkgtest::kFake);
    REQUIRE(text.ok());
    auto imported = package::import_package(text.value(), {catalogue}, pkgtest::kFake);
    REQUIRE(imported.ok());
    auto id = w.import_application(imported.value(), ctx("周敏", {"marketing"}), store.io());
    REQUIRE(id.ok());
    return id.value();
  }
  const CaseState& state(const std::string& id) const { return w.find(id)->state; }

  // Runs a command (JSON, as the hook and the forms send it) as the named person; "" or the rule.
  std::string run(const std::string& id, const char* who, std::vector<std::string> roles, const json& command) {
    auto cmd = form_command(command);
    if (!cmd) return "FORM:" + cmd.error().field;
    Context c = ctx(who, std::move(roles));
    if (const ActionSpec* a = find_action(command.value("type", ""))) c.actor = acting_actor(*a, c.actor, state(id));
    auto r = w.execute(id, cmd.value(), c, store.io());
    return r.ok() ? "" : r.error().rule + ":" + r.error().message_zh;
  }
  // Runs an action's prefilled form with a few fields changed.
  std::string form(const std::string& id, const char* who, std::vector<std::string> roles, const char* type,
                   const json& patch = json::object()) {
    json f = prefill(*find_action(type), state(id), pc());
    f.merge_patch(patch);
    return run(id, who, std::move(roles), f);
  }
  std::vector<NextAction> next(const std::string& id, const char* who, std::vector<std::string> roles) const {
    return next_actions(state(id), ctx(who, std::move(roles)), pc());
  }
};

json team() {
  return json::array({{{"user_id", "张组长"}, {"name", "张组长"}, {"role", "leader"}, {"registration_no", "REG-1"}},
                      {{"user_id", "李审核"}, {"name", "李审核"}, {"role", "auditor"}, {"registration_no", "REG-2"}}});
}

const NextAction* find(const std::vector<NextAction>& list, const char* type) {
  for (const NextAction& n : list)
    if (n.expected.action->type == std::string(type)) return &n;
  return nullptr;
}

bool offered(Step step, const char* type) {
  const auto list = actions_of(step);
  return std::any_of(list.begin(), list.end(), [&](const ActionSpec* a) { return a->type == std::string(type); });
}

// Brings a freshly imported case to a concluded, ready stage 1.
void to_stage1_done(Desk& d, const std::string& id) {
  REQUIRE(d.form(id, "钱质控", {"quality_control"}, "AcceptApplication", {{"person_days", 4}, {"stage1_days", 1}, {"stage2_days", 3}}) == "");
  REQUIRE(d.form(id, "赵事业部", {"division"}, "ApproveReview", {{"quote", 30000}}) == "");
  REQUIRE(d.form(id, "周敏", {"marketing"}, "SignContract", {{"valid_until", ""}}) == "");
  REQUIRE(d.form(id, "孙项目", {"project_manager"}, "AssignTeam", {{"members", team()}}) == "");
  REQUIRE(d.form(id, "张组长", {"team_leader"}, "PlanAudit", {{"stage", "stage1"}}) == "");
  d.today = d.today.add_days(1);
  REQUIRE(d.form(id, "张组长", {"team_leader"}, "ConcludeStage1", {{"end", d.today.iso()}, {"ready", true}}) == "");
}

}  // namespace

TEST_CASE("下一步 in the acceptance review: what comes next, who must do it, whether the local user can") {
  Desk d;
  const std::string id = d.import_one();
  auto qc = d.next(id, "钱质控", {"quality_control"});
  REQUIRE_FALSE(qc.empty());
  CHECK(qc.front().expected.action->type == std::string("AcceptApplication"));
  CHECK(qc.front().expected.primary);
  CHECK(qc.front().expected.step == Step::Review);
  CHECK(qc.front().who_zh == "质控部");
  CHECK(qc.front().verdict == NextVerdict::Can);
  // Alternatives of the review: a supplement request (offered in the review step too) and a rejection.
  const NextAction* sup = find(qc, "RequestSupplement");
  REQUIRE(sup);
  CHECK_FALSE(sup->expected.primary);
  CHECK(offered(Step::Review, "RequestSupplement"));
  CHECK(find(qc, "RejectApplication"));
  // Someone in marketing sees who must accept, and that they cannot; they may ask for a supplement.
  auto mkt = d.next(id, "周敏", {"marketing"});
  CHECK(find(mkt, "AcceptApplication")->verdict == NextVerdict::OtherRole);
  CHECK(find(mkt, "AcceptApplication")->why_zh.find("质控部") != std::string::npos);
  CHECK(find(mkt, "RequestSupplement")->verdict == NextVerdict::Can);
  // Accepted: the division approves next.
  REQUIRE(d.form(id, "钱质控", {"quality_control"}, "AcceptApplication", {{"person_days", 4}}) == "");
  auto after = d.next(id, "钱质控", {"quality_control"});
  REQUIRE(after.size() == 1);
  CHECK(after.front().expected.action->type == std::string("ApproveReview"));
  CHECK(after.front().who_zh == "认证事业部");
  CHECK(after.front().verdict == NextVerdict::OtherRole);
}

TEST_CASE("after stage 1 the stage-2 plan is offered in the stage-2 step; after stage 2 the findings are, in the same step") {
  Desk d;
  const std::string id = d.import_one();
  to_stage1_done(d, id);
  REQUIRE(current_step(d.state(id)) == Step::Stage2);
  CHECK(offered(Step::Stage2, "PlanAudit"));
  auto next = d.next(id, "张组长", {"team_leader"});
  REQUIRE_FALSE(next.empty());
  CHECK(next.front().expected.action->type == std::string("PlanAudit"));
  CHECK(next.front().expected.step == Step::Stage2);
  CHECK(next.front().who_zh == "审核组长（张组长）");
  CHECK(next.front().verdict == NextVerdict::Can);
  CHECK(prefill(*find_action("PlanAudit"), d.state(id), d.pc())["stage"] == "stage2");
  // Another auditor is told the leader must do it.
  CHECK(d.next(id, "李审核", {"auditor"}).front().verdict == NextVerdict::OtherRole);

  REQUIRE(d.form(id, "张组长", {"team_leader"}, "PlanAudit", {{"plan_sent_on", d.today.iso()}, {"planned_start", d.today.add_days(7).iso()}}) == "");
  d.today = d.today.add_days(8);
  CHECK(d.next(id, "张组长", {"team_leader"}).front().expected.action->type == std::string("ConductStage2"));
  REQUIRE(d.form(id, "张组长", {"team_leader"}, "ConductStage2", {{"end", d.today.iso()}}) == "");
  // Stage 2 done without findings: the report is next; the findings stay offered where the audit is.
  REQUIRE(current_step(d.state(id)) == Step::Report);
  CHECK(offered(Step::Stage2, "RaiseNonconformity"));
  CHECK(offered(Step::Stage2, "RecordObservation"));
  CHECK(offered(Step::Report, "RaiseNonconformity"));
  auto report = d.next(id, "张组长", {"team_leader"});
  CHECK(report.front().expected.action->type == std::string("SubmitReport"));
  const NextAction* nc = find(report, "RaiseNonconformity");
  REQUIRE(nc);
  CHECK_FALSE(nc->expected.primary);
  CHECK(nc->expected.step == Step::Stage2);
  CHECK(nc->verdict == NextVerdict::Can);
  // An open NC: the applicant's corrective action, recorded by any staff member.
  REQUIRE(d.form(id, "张组长", {"team_leader"}, "RaiseNonconformity", {{"description", "记录不全"}, {"major", false}}) == "");
  auto findings = d.next(id, "周敏", {"marketing"});
  CHECK(findings.front().expected.action->type == std::string("RecordCorrectiveAction"));
  CHECK(findings.front().verdict == NextVerdict::Can);
}

TEST_CASE("an ended case and a certificate waiting only for its deadlines have no next action") {
  Desk d;
  const std::string id = d.import_one();
  REQUIRE(d.form(id, "钱质控", {"quality_control"}, "RejectApplication", {{"reasons", "不具备资格"}}) == "");
  CHECK(current_step(d.state(id)) == Step::Ended);
  CHECK(expected_actions(d.state(id)).empty());
}

TEST_CASE("今日待办's pending list: per case the next action and who may do it, filtered to the local user, cached") {
  Desk d;
  const std::string a = d.import_one();
  const std::string b = d.import_one(1);
  REQUIRE(d.form(b, "钱质控", {"quality_control"}, "AcceptApplication", {{"person_days", 4}}) == "");
  CaseBoard board;
  board.refresh(d.w, d.today, d.calendar, case_rules_from(d.settings), d.catalogue, 1);
  REQUIRE(board.rows().size() == 2);
  const CaseRow* ra = board.row(a);
  const CaseRow* rb = board.row(b);
  REQUIRE(ra->pending_known);
  REQUIRE(ra->pending.size() == 1);  // primary actions only
  CHECK(ra->pending.front().type == "AcceptApplication");
  CHECK(ra->pending.front().who_zh == "质控部");
  CHECK(ra->pending.front().roles == std::vector<Role>{Role::Quality});
  CHECK(rb->pending.front().type == "ApproveReview");
  CHECK(rb->pending.front().roles == std::vector<Role>{Role::Division});
  CHECK(board.pending_unknown() == 0);

  const Actor qc = d.ctx("钱质控", {"quality_control"}).actor;
  const Actor div = d.ctx("赵事业部", {"division"}).actor;
  const Actor aud = d.ctx("李审核", {"auditor"}).actor;
  CHECK(board.pending_rows(false, qc).size() == 2);
  const auto& mine = board.pending_rows(true, qc);
  REQUIRE(mine.size() == 1);
  CHECK(board.rows()[static_cast<std::size_t>(mine[0])].id == a);
  CHECK(board.pending_rows(true, div).size() == 1);
  CHECK(board.pending_rows(true, aud).empty());
  // A change of the case changes its row's pending action (recomputed with the row, not per frame).
  REQUIRE(d.form(b, "赵事业部", {"division"}, "ApproveReview", {{"quote", 1}}) == "");
  board.refresh(d.w, d.today, d.calendar, case_rules_from(d.settings), d.catalogue, 1);
  CHECK(board.row(b)->pending.front().type == "SignContract");
  CHECK(board.pending_rows(true, div).empty());

  // The leader's acts name the leader, not a role.
  Desk e;
  const std::string c = e.import_one();
  to_stage1_done(e, c);
  const auto pending = pending_actions(e.state(c), e.ctx("x", {}));
  REQUIRE(pending.size() == 1);
  CHECK(pending.front().type == "PlanAudit");
  CHECK(pending.front().step == Step::Stage2);
  CHECK(pending.front().user_id == "张组长");
  CHECK(can_do(pending.front(), e.ctx("张组长", {"team_leader"}).actor));
  CHECK_FALSE(can_do(pending.front(), e.ctx("李审核", {"team_leader"}).actor));
}

TEST_CASE("申请信息 per requirement: the catalogue's clause and text, the claim, the description, the evidence") {
  Desk d;
  const std::string id = d.import_one();
  const auto mgmt = requirement_views(d.state(id), d.catalogue, AssessmentKind::management);
  const auto cap = requirement_views(d.state(id), d.catalogue, AssessmentKind::capability);
  REQUIRE_FALSE(mgmt.empty());
  REQUIRE_FALSE(cap.empty());
  const RequirementView& r = mgmt.front();
  CHECK(r.id == "MR-01");
  CHECK(r.clause == "4.1");
  CHECK(r.text_zh.find("依法登记") != std::string::npos);
  CHECK(r.claim_zh == "符合");
  CHECK(r.description.rfind("已建立并实施：", 0) == 0);
  CHECK(r.evidence == std::vector<std::string>{"att-2"});
  CHECK(r.mark == ReviewMark::Unchecked);
  CHECK(split_answer("部分符合：尚缺演练记录") == std::pair<std::string, std::string>{"部分符合", "尚缺演练记录"});
  CHECK(split_answer("不适用") == std::pair<std::string, std::string>{"不适用", ""});
  CHECK(split_answer("自由文字") == std::pair<std::string, std::string>{"", "自由文字"});
}

TEST_CASE("the review's marks prefill the supplement request, one item per requirement needing a supplement") {
  Desk d;
  const std::string id = d.import_one();
  const auto mgmt = requirement_views(d.state(id), d.catalogue, AssessmentKind::management);
  const auto cap = requirement_views(d.state(id), d.catalogue, AssessmentKind::capability);
  const json mark = {{"type", "NoteApplicationReview"}, {"requirement_id", cap.front().id}, {"status", "needs_supplement"},
                     {"note", "缺少项目案例\n及验收报告"}};
  CHECK(d.run(id, "周敏", {"marketing"}, mark).rfind("P-ROLE", 0) == 0);
  CHECK(d.run(id, "钱质控", {"quality_control"}, mark) == "");
  CHECK(d.run(id, "钱质控", {"quality_control"}, {{"type", "NoteApplicationReview"}, {"requirement_id", mgmt[1].id},
                                                   {"status", "needs_supplement"}, {"note", "处罚记录查询截图"}}) == "");
  CHECK(d.run(id, "钱质控", {"quality_control"}, {{"type", "NoteApplicationReview"}, {"requirement_id", mgmt[0].id},
                                                   {"status", "verified"}, {"note", ""}}) == "");
  const auto after = requirement_views(d.state(id), d.catalogue, AssessmentKind::management);
  CHECK(after[0].mark == ReviewMark::Verified);
  CHECK(after[1].mark == ReviewMark::NeedsSupplement);
  CHECK(after[1].marked_by == "钱质控");
  // Application order (management first), a note of several lines kept as one item.
  const json form = prefill(*find_action("RequestSupplement"), d.state(id), d.pc());
  CHECK(form["items"] == json::array({mgmt[1].id + "：处罚记录查询截图", cap.front().id + "：缺少项目案例；及验收报告"}));
  CHECK(d.run(id, "钱质控", {"quality_control"}, form) == "");
  CHECK(d.state(id).cycle()->supplements.back().items.size() == 2);
  // The marks are in the case's file: a reload keeps them.
  Workspace again;
  REQUIRE(again.load(d.store.io()).ok());
  REQUIRE(again.find(id));
  CHECK(again.find(id)->state.cycle()->application_checks == d.state(id).cycle()->application_checks);
  CHECK(std::string(event_label_zh("ApplicationReviewNoted")) == "核实申请材料");
}
