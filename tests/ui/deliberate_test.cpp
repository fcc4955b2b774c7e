// Issue 15, deliberate acts: decisions start unchosen and never reach the domain's reader as null;
// the reasons the procedure asks for are required by the label of their field; implausible values
// warn (a quote of 0 元, person-days far from 附录A, dates far from today); the confirmation's
// summary reads as a person reads it; which acts ask for confirmation.
#include <doctest/doctest.h>

#include "domain/calendar.hpp"
#include "tests/domain/package_fixture.hpp"
#include "tests/ui/memory_store.hpp"
#include "ui/cases/case_actions.hpp"
#include "ui/cases/cases.hpp"
#include "ui/shell/commands.hpp"

using namespace certdesk;
using namespace certdesk::ui;
using nlohmann::json;

namespace {

struct Bench {
  Catalogue catalogue = pkgtest::example_catalogue();
  WorkCalendar calendar;
  Settings settings;
  PersonDaysTable table;
  MemoryStore store;
  Workspace w;
  Date today{2026, 3, 2};
  std::string id;

  Bench() {
    auto t = load_person_days_table(json::parse(R"({
      "schema_version": 1, "id": "t", "version": "1", "label": "示例", "note": "",
      "bands": [{"min_personnel": 1, "max_personnel": 50, "days": 4}, {"min_personnel": 51, "max_personnel": 100, "days": 6}],
      "beyond_last_band": {"step_personnel": 50, "step_days": 1},
      "level_factors": [{"level": "一级", "factor": 1.2}, {"level": "二级", "factor": 1.0}, {"level": "三级", "factor": 0.8}],
      "category_count_factors": [{"min_categories": 1, "factor": 1.0}],
      "max_total_reduction_percent": 30, "stage1_share": 0.2, "min_onsite_share": 0.8, "minimum_days": 1,
      "kind_factors": {"initial": 1, "surveillance": 0.3333, "recertification": 0.6667, "extension": 1},
      "adjustment_presets": []})"));
    REQUIRE(t.ok());
    table = t.value();
    auto sample = pkgtest::complete_sample(catalogue);
    auto text = package::export_package(pkgtest::header(), sample.draft, sample.data, catalogue, pkgtest::kFake);
    REQUIRE(text.ok());
    auto imported = package::import_package(text.value(), {catalogue}, pkgtest::kFake);
    REQUIRE(imported.ok());
    Context ctx{actor_from_profile(Profile{"周敏", {"marketing"}, ""}), today, &calendar, case_rules_from(settings), &catalogue};
    auto made = w.import_application(imported.value(), ctx, store.io());
    REQUIRE(made.ok());
    id = made.value();
  }
  PrefillContext pctx() const { return PrefillContext{&settings, &table, &catalogue, &w, today}; }
  const CaseState& state() const { return w.find(id)->state; }
  json form(const char* type, const json& patch = json::object()) const {
    const ActionSpec* a = find_action(type);
    REQUIRE(a != nullptr);
    json f = prefill(*a, state(), pctx());
    f.merge_patch(patch);
    return f;
  }
  FormIssues issues(const char* type, const json& patch = json::object()) const {
    return form_issues(*find_action(type), form(type, patch), state(), pctx());
  }
};

std::string error_at(const FormIssues& i, const char* key) {
  const FormIssue* e = i.error_for(key);
  return e ? e->message_zh : "";
}
std::string warning_at(const FormIssues& i, const char* key) {
  const FormIssue* e = i.warning_for(key);
  return e ? e->message_zh : "";
}

}  // namespace

TEST_CASE("a decision starts unchosen, is asked for by its prompt, and null never reaches the reader") {
  Bench b;
  const json f = b.form("DecideCertification");
  CHECK(f["grant"].is_null());
  // The reader is not asked: the prompt comes back, naming the field.
  auto cmd = form_command(f);
  REQUIRE_FALSE(cmd.ok());
  CHECK(cmd.error().field == "grant");
  CHECK(cmd.error().message_zh == "请选择是否批准认证");
  const FormIssues i = b.issues("DecideCertification");
  CHECK(error_at(i, "/grant") == "请选择是否批准认证");
  // Chosen: the decision is the user's, 否 as much as 是.
  CHECK(error_at(b.issues("DecideCertification", {{"grant", false}}), "/grant").empty());
  auto refused = form_command(b.form("DecideCertification", {{"grant", false}, {"reasons", "严重不符合未关闭"}}));
  REQUIRE(refused.ok());
  CHECK_FALSE(std::get<DecideCertification>(refused.value()).grant);
  // Every consequential field of the brief starts unchosen.
  for (const auto& [type, key] : std::vector<std::pair<const char*, const char*>>{
           {"ReviewReport", "/approved"}, {"ConcludeStage1", "/ready"}, {"ConductSurveillance", "/passed"},
           {"ConductSpecialAudit", "/passed"}, {"VerifyNonconformity", "/effective"}, {"SubmitReport", "/recommendation"},
           {"ResolveComplaint", "/verified"}, {"Suspend", "/ground"}, {"Cancel", "/ground"}, {"Revoke", "/ground"}}) {
    CAPTURE(type);
    CHECK(b.form(type)[json::json_pointer(key)].is_null());
    CHECK_FALSE(error_at(b.issues(type), key).empty());
  }
  // The dry run sees a value of each kind (so R15/R16 refusals show first); a choice made stays.
  const json dry = dry_run_form(*find_action("DecideCertification"), f);
  CHECK(dry["grant"] == true);
  CHECK(dry_run_form(*find_action("DecideCertification"), b.form("DecideCertification", {{"grant", false}}))["grant"] == false);
  CHECK(dry_run_form(*find_action("Suspend"), b.form("Suspend"))["ground"] == "persistent_failure");
}

TEST_CASE("reasons where the procedure asks for them, named by the field's label") {
  Bench b;
  // A decision is always reasoned; blanks (full-width too) are no reason.
  CHECK(error_at(b.issues("DecideCertification", {{"grant", true}}), "/reasons").find("“决定理由”") != std::string::npos);
  CHECK_FALSE(error_at(b.issues("DecideCertification", {{"grant", true}, {"reasons", " \u3000\n"}}), "/reasons").empty());
  CHECK(b.issues("DecideCertification", {{"grant", true}, {"reasons", "审核结论支持"}}).errors.empty());
  CHECK(error_at(b.issues("RejectApplication"), "/reasons").find("不予受理的理由") != std::string::npos);
  // A review that does not approve says why; one that approves need not.
  CHECK(error_at(b.issues("ReviewReport", {{"approved", false}}), "/note").find("“复核意见”") != std::string::npos);
  CHECK(b.issues("ReviewReport", {{"approved", true}}).errors.empty());
  CHECK_FALSE(error_at(b.issues("DeclareAuditFailed"), "/reason").empty());
  CHECK_FALSE(error_at(b.issues("VerifyNonconformity", {{"effective", false}}), "/verification").empty());
  CHECK(error_at(b.issues("VerifyNonconformity", {{"effective", true}}), "/verification").empty());
  CHECK_FALSE(error_at(b.issues("ConductSurveillance", {{"passed", false}}), "/conclusion").empty());
  // Grounds "other" need a note; a named ground of cancellation does not.
  CHECK(error_at(b.issues("Cancel", {{"ground", "other"}}), "/note").find("其他") != std::string::npos);
  CHECK(b.issues("Cancel", {{"ground", "client_request"}}).errors.empty());
  CHECK_FALSE(error_at(b.issues("Suspend", {{"ground", "client_request"}}), "/note").empty());  // what lifts it
  CHECK(b.issues("Suspend", {{"ground", "client_request"}, {"note", "提交恢复申请并经核查"}}).errors.empty());
  // A withdrawal deemed under R17 is its own reason.
  CHECK(b.issues("WithdrawApplication", {{"deemed", true}}).errors.empty());
  CHECK_FALSE(error_at(b.issues("WithdrawApplication", {{"deemed", false}}), "/reason").empty());
}

TEST_CASE("implausible values warn but do not block") {
  Bench b;
  // The quote prefilled before approval is 0 元.
  CHECK(b.form("ApproveReview")["quote"] == 0.0);
  const FormIssues zero = b.issues("ApproveReview");
  CHECK(zero.errors.empty());
  CHECK(warning_at(zero, "/quote") == "报价（元）为 0 元，请核对");
  CHECK(warning_at(b.issues("ApproveReview", {{"quote", -5.0}}), "/quote").find("负数") != std::string::npos);
  CHECK(b.issues("ApproveReview", {{"quote", 36000.0}}).warnings.empty());
  // Person-days: as calculated, no warning; far from 附录A, one that names the calculation.
  const json accept = b.form("AcceptApplication");
  const double calc = accept["person_days"].get<double>();
  REQUIRE(calc > 0);
  CHECK(b.issues("AcceptApplication").warnings.empty());
  const std::string far = warning_at(b.issues("AcceptApplication", {{"person_days", calc * 2}}), "/person_days");
  CHECK(far.find("附录A") != std::string::npos);
  CHECK(far.find("100%") != std::string::npos);
  CHECK_FALSE(warning_at(b.issues("AcceptApplication", {{"person_days", 0.0}}), "/person_days").empty());
  // Dates: within a year is normal, a contract's end three years ahead too; beyond that, a warning.
  CHECK(b.issues("PlanAudit", {{"planned_start", "2026-04-01"}}).warnings.empty());
  CHECK(warning_at(b.issues("PlanAudit", {{"planned_start", "2024-04-01"}}), "/planned_start").find("早于一年前") !=
        std::string::npos);
  CHECK(warning_at(b.issues("PlanAudit", {{"planned_start", "2028-04-01"}}), "/planned_start").find("晚于一年后") !=
        std::string::npos);
  CHECK(warning_at(b.issues("SignContract", {{"valid_until", "2029-03-01"}, {"price", 1.0}}), "/valid_until").empty());
  CHECK_FALSE(warning_at(b.issues("SignContract", {{"valid_until", "2031-03-01"}}), "/valid_until").empty());
  CHECK_FALSE(warning_at(b.issues("RecordSurvey", {{"score", 9}}), "/score").empty());
}

TEST_CASE("the confirmation's summary reads as a person reads it; which acts ask") {
  Bench b;
  const ActionSpec& decide = *find_action("DecideCertification");
  auto lines = form_summary(decide, b.form("DecideCertification", {{"grant", false}, {"reasons", "不符合项未关闭"}}), &b.catalogue);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].label_zh == "批准认证");
  CHECK(lines[0].value_zh == "否");
  CHECK(lines[1].value_zh == "不符合项未关闭");
  CHECK(form_summary(decide, b.form("DecideCertification"), &b.catalogue)[0].value_zh == "（未选择）");
  auto suspend = form_summary(*find_action("Suspend"), b.form("Suspend", {{"ground", "client_request"}}), &b.catalogue);
  CHECK(suspend[0].value_zh == "获证组织主动申请暂停");
  CHECK(form_summary(*find_action("ApproveReview"), b.form("ApproveReview", {{"quote", 36000.0}}), &b.catalogue)[0].value_zh ==
        "36000 元");
  const json team = json::array({{{"user_id", "张组长"}, {"name", "张组长"}, {"role", "leader"}, {"registration_no", "R1"}}});
  auto surv = form_summary(*find_action("ConductSurveillance"), b.form("ConductSurveillance", {{"team", team}}), &b.catalogue);
  CHECK(surv[2].value_zh == "张组长（审核组长）");
  CHECK(form_summary(*find_action("SignContract"), b.form("SignContract", {{"valid_until", ""}}), &b.catalogue)[1].value_zh.find(
            "留空") == 0);

  for (const char* t : {"DecideCertification", "ReviewReport", "ConcludeStage1", "ApproveReview", "IssueCertificate",
                        "Suspend", "Restore", "Cancel", "Revoke", "Expire", "RejectApplication", "WithdrawApplication"})
    CHECK_MESSAGE(needs_confirmation(*find_action(t)), t);
  for (const char* t : {"RecordForm", "RecordObservation", "PlanAudit", "ReportToRegister"})
    CHECK_FALSE_MESSAGE(needs_confirmation(*find_action(t)), t);
}

TEST_CASE("a row removed from a form's table says what goes with it") {
  Bench b;
  const ActionSpec& team_action = *find_action("AssignTeam");
  const FieldSpec& team = team_action.fields[0];
  const json members = json::array({{{"user_id", "张组长"}, {"name", "张组长"}, {"role", "leader"}, {"registration_no", "REG-1"}},
                                    {{"user_id", "李审核"}, {"name", "李审核"}, {"role", "auditor"}, {"registration_no", ""}}});
  CHECK(row_removal_text_zh(team, members, 0, &b.catalogue) ==
        "已删除审核组成员“张组长”，其组内角色（审核组长）和注册号（REG-1）一并移除；审核组现在没有组长。尚未办理，可撤销。");
  CHECK(row_removal_text_zh(team, members, 1, &b.catalogue) == "已删除审核组成员“李审核”，其组内角色（审核员）一并移除。尚未办理，可撤销。");
  CHECK(row_removal_text_zh(team, json::array({members[1]}), 0, &b.catalogue).find("；审核组现在没有成员。") != std::string::npos);
  CHECK(row_removal_text_zh(team, members, 2, &b.catalogue).empty());

  const ActionSpec& confirm = *find_action("ConfirmCertificateInfo");
  const FieldSpec* scope = nullptr;
  for (const FieldSpec& fs : confirm.fields)
    if (fs.kind == FieldKind::Scope) scope = &fs;
  REQUIRE(scope);
  REQUIRE(!b.catalogue.categories.empty());
  const ServiceCategory& c = b.catalogue.categories.front();
  const json rows = json::array({{{"category", c.code}, {"level", "二级"}}, {{"category", c.code}, {"level", "三级"}}});
  CHECK(row_removal_text_zh(*scope, rows, 0, &b.catalogue) ==
        "已删除认证范围与级别中的“" + c.name_zh + " 二级”，该服务类别及其级别不再列入范围。尚未办理，可撤销。");
  CHECK(row_removal_text_zh(*scope, json::array({rows[0]}), 0, &b.catalogue).find("；范围现为空。") != std::string::npos);
}
