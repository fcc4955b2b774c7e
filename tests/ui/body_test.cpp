// The body's workspace (issue 6): a case from the imported application to the issued certificate
// and through its life, driven by the forms exactly as the workspace fills them (prefill, a few
// edits, the domain's reader); where the case stands at each step; the list's rows, filter and
// sort; the due list and chart; configuration parts validated all or nothing.
#include <doctest/doctest.h>

#include "domain/calendar.hpp"
#include "domain/case_json.hpp"
#include "tests/domain/package_fixture.hpp"
#include "tests/ui/memory_store.hpp"
#include "ui/settings/body_config.hpp"
#include "ui/cases/case_actions.hpp"
#include "ui/cases/case_board.hpp"
#include "ui/cases/cases.hpp"
#include "ui/shell/commands.hpp"

using namespace certdesk;
using namespace certdesk::ui;
using nlohmann::json;

namespace {

struct Desk {
  Catalogue catalogue = pkgtest::example_catalogue();
  WorkCalendar calendar;
  Settings settings;
  PersonDaysTable table;
  MemoryStore store;
  Workspace w;
  Date today{2026, 3, 2};

  Desk() {
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
  }

  Context ctx(const char* name, std::vector<std::string> roles) const {
    return Context{actor_from_profile(Profile{name, std::move(roles), ""}), today, &calendar, case_rules_from(settings),
                   &catalogue};
  }

  std::string import_one() {
    auto sample = pkgtest::complete_sample(catalogue);
    auto text = package::export_package(pkgtest::header(), sample.draft, sample.data, catalogue, pkgtest::kFake);
    REQUIRE(text.ok());
    auto imported = package::import_package(text.value(), {catalogue}, pkgtest::kFake);
    REQUIRE(imported.ok());
    auto id = w.import_application(imported.value(), ctx("周敏", {"marketing"}), store.io());
    REQUIRE(id.ok());
    return id.value();
  }

  const CaseState& state(const std::string& id) const { return w.find(id)->state; }

  json form(const std::string& id, const char* type, const json& patch = json::object()) const {
    const ActionSpec* a = find_action(type);
    REQUIRE(a != nullptr);
    json f = prefill(*a, state(id), PrefillContext{&settings, &table, &catalogue, &w, today});
    f.merge_patch(patch);
    return f;
  }

  // Runs an action's form as the named person; the violation's rule, or "" when accepted.
  std::string run(const std::string& id, const char* who, std::vector<std::string> roles, const char* type,
                  const json& patch = json::object()) {
    auto cmd = form_command(form(id, type, patch));
    if (!cmd) return "FORM:" + cmd.error().field + ":" + cmd.error().message_zh;
    Context c = ctx(who, std::move(roles));
    c.actor = acting_actor(*find_action(type), c.actor, state(id));
    auto r = w.execute(id, cmd.value(), c, store.io());
    return r.ok() ? "" : r.error().rule + ":" + r.error().message_zh;
  }
};

json team() {
  return json::array({{{"user_id", "张组长"}, {"name", "张组长"}, {"role", "leader"}, {"registration_no", "REG-1"}},
                      {{"user_id", "李审核"}, {"name", "李审核"}, {"role", "auditor"}, {"registration_no", "REG-2"}}});
}

}  // namespace

TEST_CASE("every action's form is a command the domain reads, and every field names a key of it") {
  Desk d;
  const std::string id = d.import_one();
  for (const ActionSpec& a : action_specs()) {
    CAPTURE(a.type);
    const json f = d.form(id, a.type);
    CHECK(f.at("type") == a.type);
    for (const FieldSpec& fs : a.fields) {
      CAPTURE(fs.key);
      CHECK(f.contains(json::json_pointer(fs.key)));
    }
    // Issue 15: decisions start unchosen and are refused so, by the prompt, before the reader.
    const FieldSpec* first_decision = nullptr;
    for (const FieldSpec& fs : a.fields)
      if (fs.decision) {
        CHECK(f[json::json_pointer(fs.key)].is_null());
        if (!first_decision) first_decision = &fs;
      }
    if (first_decision) {
      auto unchosen = form_command(f);
      REQUIRE_FALSE(unchosen.ok());
      CHECK(unchosen.error().message_zh == std::string(first_decision->prompt_zh));
      CHECK(unchosen.error().field == first_decision->key.substr(1));
    }
    auto cmd = form_command(dry_run_form(a, f));
    REQUIRE_MESSAGE(cmd.ok(), cmd.error().field, " ", cmd.error().message_zh);
    CHECK(command_type(cmd.value()) == a.type);
  }
  // An empty optional date is left out (SignContract: R1's three years apply), a bad one is refused by path.
  auto c = form_command(d.form(id, "SignContract", {{"valid_until", ""}}));
  REQUIRE(c.ok());
  CHECK_FALSE(std::get<SignContract>(c.value()).valid_until.has_value());
  auto bad = form_command(d.form(id, "PlanAudit", {{"planned_start", "2026-02-30"}}));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().field == "planned_start");
}

TEST_CASE("a case from the application to the certificate through the forms; the step follows; only its file is written") {
  Desk d;
  const std::string id = d.import_one();
  CHECK(current_step(d.state(id)) == Step::Review);

  // Acceptance: the person-day calculation and its justification prefill the review (附录A).
  const json accept = d.form(id, "AcceptApplication");
  CHECK(accept["person_days"].get<double>() > 0);
  CHECK(accept["justification"].get<std::string>().find("人日") != std::string::npos);
  // Refused for the wrong role: the rule says who may, nothing is written.
  const auto files_before = d.store.files;
  CHECK(d.run(id, "王五", {"auditor"}, "AcceptApplication").rfind("P-ROLE", 0) == 0);
  CHECK(d.store.files == files_before);

  CHECK(d.run(id, "钱质控", {"quality_control"}, "AcceptApplication") == "");
  CHECK(current_step(d.state(id)) == Step::Review);
  CHECK(d.run(id, "赵事业部", {"division"}, "ApproveReview", {{"quote", 30000}}) == "");
  CHECK(current_step(d.state(id)) == Step::Contract);
  // Only this case's file changed (the index did not).
  auto before = d.store.files;
  CHECK(d.run(id, "周敏", {"marketing"}, "SignContract", {{"valid_until", ""}}) == "");
  for (const auto& [path, text] : d.store.files)
    if (path != case_file(id)) CHECK_MESSAGE(before.at(path) == text, path);
  CHECK(current_step(d.state(id)) == Step::Preparation);
  CHECK(d.run(id, "孙项目", {"project_manager"}, "AssignTeam", {{"members", team()}}) == "");
  CHECK(d.run(id, "张组长", {"team_leader"}, "PlanAudit", {{"stage", "stage1"}}) == "");
  CHECK(current_step(d.state(id)) == Step::Stage1);
  d.today = d.today.add_days(1);
  CHECK(d.run(id, "张组长", {"team_leader"}, "ConcludeStage1", {{"end", d.today.iso()}, {"ready", true}}) == "");
  CHECK(current_step(d.state(id)) == Step::Stage2);
  // R14: a remote stage 2 without approval is refused with its rule.
  d.today = d.today.add_days(7);
  CHECK(d.run(id, "张组长", {"team_leader"}, "PlanAudit", {{"stage", "stage2"}, {"plan_sent_on", d.today.add_days(-5).iso()}}) == "");
  CHECK(d.run(id, "张组长", {"team_leader"}, "ConductStage2", {{"start", d.today.iso()}, {"end", d.today.iso()}, {"remote", true}})
            .rfind("R14", 0) == 0);
  CHECK(d.run(id, "张组长", {"team_leader"}, "ConductStage2", {{"start", d.today.iso()}, {"end", d.today.iso()}}) == "");
  // One nonconformity, closed in time.
  CHECK(d.run(id, "张组长", {"team_leader"}, "RaiseNonconformity", {{"clause", "5.1"}, {"description", "记录不全"}, {"major", false}}) == "");
  CHECK(current_step(d.state(id)) == Step::Findings);
  CHECK(d.form(id, "RecordCorrectiveAction")["id"] == "NC-1");
  // The applicant's corrective action, recorded by the body from what it sent.
  CHECK(d.run(id, "周敏", {"marketing"}, "RecordCorrectiveAction",
              {{"cause", "制度缺失"}, {"correction", "补记录"}, {"corrective_action", "修订制度"}}) == "");
  CHECK(d.w.find(id)->history.back().meta.actor.find("周敏 登记") != std::string::npos);
  d.today = d.today.add_days(10);
  CHECK(d.run(id, "张组长", {"team_leader"}, "VerifyNonconformity", {{"verification", "已验证"}, {"effective", true}}) == "");
  CHECK(current_step(d.state(id)) == Step::Report);
  CHECK(d.run(id, "张组长", {"team_leader"}, "SubmitReport", {{"conclusion", "推荐认证"}, {"recommendation", "grant"}}) == "");
  // R16: the leader cannot review their own report.
  CHECK(d.run(id, "张组长", {"reviewer"}, "ReviewReport", {{"approved", true}}).rfind("R16", 0) == 0);
  CHECK(d.run(id, "吴复核", {"reviewer"}, "ReviewReport", {{"approved", true}}) == "");
  CHECK(current_step(d.state(id)) == Step::Decision);
  CHECK(d.form(id, "ConfirmCertificateInfo")["scope"].size() == d.state(id).cycle()->application.scope.size());
  CHECK(d.run(id, "张组长", {"team_leader"}, "ConfirmCertificateInfo") == "");
  // R15: a team member cannot decide.
  CHECK(d.run(id, "李审核", {"decision_maker"}, "DecideCertification", {{"grant", true}}).rfind("R15", 0) == 0);
  CHECK(d.run(id, "郑决定", {"decision_maker"}, "DecideCertification", {{"grant", true}, {"reasons", "审核结论支持"}}) == "");
  CHECK(current_step(d.state(id)) == Step::Certificate);
  // The number follows the settings' pattern.
  CHECK(d.form(id, "IssueCertificate")["number"] == "WAL-2026-0001");
  CHECK(d.run(id, "钱质控", {"quality_control"}, "IssueCertificate") == "");
  REQUIRE(d.state(id).certificate.has_value());
  CHECK(d.state(id).certificate->number == "WAL-2026-0001");
  CHECK(current_step(d.state(id)) == Step::Certificate);  // register and delivery still owed
  CHECK(d.run(id, "钱质控", {"quality_control"}, "ReportToRegister", {{"reference", "CNCA-1"}}) == "");
  CHECK(d.run(id, "周敏", {"marketing"}, "DeliverReport", {{"proof", "EMS 1"}}) == "");
  CHECK(current_step(d.state(id)) == Step::Life);

  // Its life: surveillance, suspension, restoration.
  d.today = d.today.add_months(6);
  CHECK(d.run(id, "张组长", {"team_leader"}, "ConductSurveillance",
              {{"start", d.today.iso()}, {"end", d.today.iso()}, {"conclusion", "持续符合"}, {"passed", true}}) == "");
  CHECK(d.run(id, "赵事业部", {"division"}, "Suspend", {{"ground", "client_request"}, {"note", "组织申请"}}) == "");
  CHECK(d.state(id).status() == CertStatus::Suspended);
  CHECK(d.run(id, "赵事业部", {"division"}, "Restore", {{"application_ref", "QP-21-24 第1号"}}).rfind("INPUT", 0) == 0);
  CHECK(d.run(id, "赵事业部", {"division"}, "Restore", {{"application_ref", "QP-21-24 第1号"}, {"info_check", "核查通过"}}) == "");
  CHECK(d.state(id).status() == CertStatus::Restored);
  // The restoration is owed to the register (R5), as part of the certificate's life.
  CHECK_FALSE(d.state(id).register_pending.empty());
  CHECK(current_step(d.state(id)) == Step::Life);
  CHECK(actions_of(Step::Life).front()->type == std::string("ReportToRegister"));
  // A sign-in sheet kept with the case (QP-21-08), with the team prefilled as attendees.
  const json sheet = d.form(id, "RecordForm", {{"code", "QP-21-08"}, {"fields", {{"content", "首次会议"}}}});
  CHECK(sheet["fields"]["attendees"].size() == 2);
  CHECK(d.run(id, "张组长", {"team_leader"}, "RecordForm", {{"code", "QP-21-08"}, {"fields", {{"content", "首次会议"}}}}) == "");
  CHECK(d.state(id).forms.back().code == "QP-21-08");
  CHECK(d.run(id, "张组长", {"team_leader"}, "RecordForm", {{"code", "QP-99"}}).rfind("INPUT", 0) == 0);

  // Everything survives a reload of the store, event for event.
  Workspace again;
  REQUIRE(again.load(d.store.io()).ok());
  CHECK(again.find(id)->history == d.w.find(id)->history);
  CHECK(again.find(id)->state == d.state(id));
}

TEST_CASE("the board: rows, filter and sort, due list grouped, chart; recomputed only for changed cases") {
  Desk d;
  const std::string a = d.import_one();
  // A second, different organisation.
  auto sample = pkgtest::complete_sample(d.catalogue);
  sample.draft.organisation.name = "上海测试信息安全有限公司";
  auto h = pkgtest::header();
  h.package_id = "0b0e2f3a-1111-4222-8333-444455556666";
  auto text = package::export_package(h, sample.draft, sample.data, d.catalogue, pkgtest::kFake);
  REQUIRE(text.ok());
  auto imported = package::import_package(text.value(), {d.catalogue}, pkgtest::kFake);
  REQUIRE(imported.ok());
  auto b = d.w.import_application(imported.value(), d.ctx("周敏", {"marketing"}), d.store.io());
  REQUIRE(b.ok());
  // b gets a supplement request due in 10 working days.
  CHECK(d.run(b.value(), "周敏", {"marketing"}, "RequestSupplement", {{"items", {"营业执照"}}}) == "");

  CaseBoard board;
  board.refresh(d.w, d.today, d.calendar, case_rules_from(d.settings), d.catalogue, 1);
  REQUIRE(board.rows().size() == 2);
  const long gen = board.generation();
  board.refresh(d.w, d.today, d.calendar, case_rules_from(d.settings), d.catalogue, 1);
  CHECK(board.generation() == gen);  // nothing changed: nothing recomputed

  CaseQuery q;
  q.text = "上海";
  REQUIRE(board.visible(q).size() == 1);
  CHECK(board.rows()[static_cast<std::size_t>(board.visible(q)[0])].id == b.value());
  q = CaseQuery{};
  q.step = Step::Application;  // waiting for the supplement
  REQUIRE(board.visible(q).size() == 1);
  q = CaseQuery{};
  q.sort = SortKey::Organisation;
  q.ascending = false;
  auto order = board.visible(q);
  REQUIRE(order.size() == 2);
  CHECK(board.rows()[static_cast<std::size_t>(order[0])].organisation >= board.rows()[static_cast<std::size_t>(order[1])].organisation);
  q.sort = SortKey::NextDue;  // the case with a due date first, whatever else
  q.ascending = true;
  CHECK(board.rows()[static_cast<std::size_t>(board.visible(q)[0])].id == b.value());

  // Nine days later the supplement is due soon; after its deadline it is overdue (R17).
  board.refresh(d.w, d.today.add_days(9), d.calendar, case_rules_from(d.settings), d.catalogue, 1);
  REQUIRE(board.due().size() == 1);
  CHECK(board.due()[0].rule == "R17");
  CHECK(board.due()[0].status == DueStatus::DueSoon);
  CHECK(board.overdue_count() == 0);
  board.refresh(d.w, d.today.add_days(30), d.calendar, case_rules_from(d.settings), d.catalogue, 1);
  REQUIRE(board.due().size() == 1);
  CHECK(board.overdue_count() == 1);
  CHECK(board.rows()[static_cast<std::size_t>(board.due_rows()[0])].id == b.value());
  q = CaseQuery{};
  q.overdue_only = true;
  CHECK(board.visible(q).size() == 1);

  // Only the changed case's row is recomputed; the chart counts twelve months.
  CHECK(board.chart().size() == static_cast<std::size_t>(kChartMonths));
  const long g2 = board.generation();
  CHECK(d.run(a, "钱质控", {"quality_control"}, "AcceptApplication") == "");
  board.refresh(d.w, d.today.add_days(30), d.calendar, case_rules_from(d.settings), d.catalogue, 1);
  CHECK(board.generation() == g2 + 1);
}

TEST_CASE("configuration parts: validated all or nothing, stored in their own file, loaded back") {
  MemoryStore s;
  BodyConfig cfg;
  json settings = settings_to_json(cfg.settings);
  settings["suspension"]["max_months"] = 9;
  auto r = set_config(cfg, ConfigPart::Settings, settings, nullptr);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().field == "suspension.max_months");
  CHECK(cfg.settings.suspension.max_months == 6);

  settings["suspension"]["max_months"] = 5;
  settings["certificate"]["number_pattern"] = "CD-{year}-{seq:03}";
  auto io = s.io();
  REQUIRE(set_config(cfg, ConfigPart::Settings, settings, &io).ok());
  CHECK(s.files.count(config_file(ConfigPart::Settings)) == 1);
  // A further year of holidays merges into the calendar.
  REQUIRE(set_config(cfg, ConfigPart::Calendar, json::parse(R"({"years":{"2027":{"days_off":["2027-01-01"],"workdays":[]}}})"), &io).ok());
  CHECK(cfg.calendar.has_year(2027));
  CHECK_FALSE(cfg.calendar.is_working_day(Date{2027, 1, 1}));
  auto bad_cal = set_config(cfg, ConfigPart::Calendar, json::parse(R"({"years":{"2028":{"days_off":["2028-02-30"]}}})"), &io);
  CHECK_FALSE(bad_cal.ok());
  CHECK_FALSE(cfg.calendar.has_year(2028));

  BodyConfig loaded;
  REQUIRE(load_config(s.io(), loaded).ok());
  CHECK(loaded.settings.certificate.number_pattern == "CD-{year}-{seq:03}");
  CHECK(loaded.calendar.has_year(2027));
  s.files[config_file(ConfigPart::Catalogue)] = "{\"schema_version\":1}";
  BodyConfig broken;
  auto lr = load_config(s.io(), broken);
  REQUIRE_FALSE(lr.ok());
  CHECK(lr.error().field.rfind(config_file(ConfigPart::Catalogue), 0) == 0);
}

TEST_CASE("case-list queries and case commands from the hook's JSON") {
  auto q = ui::command_from_json(json{{"type", "SetCaseQuery"}, {"text", "北京"}, {"step", "review"}, {"status", "in_force"},
                                  {"sort", "organisation"}, {"ascending", false}, {"overdue_only", true}});
  REQUIRE(q.ok());
  const CaseQuery& cq = std::get<SetCaseQuery>(q.value()).query;
  CHECK(cq.text == "北京");
  CHECK(cq.step == Step::Review);
  CHECK(cq.status == StatusFilter::InForce);
  CHECK(cq.sort == SortKey::Organisation);
  CHECK_FALSE(cq.ascending);
  CHECK(cq.overdue_only);
  auto bad = ui::command_from_json(json{{"type", "SetCaseQuery"}, {"sort", "colour"}});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().field == "sort");
  auto run = ui::command_from_json(json{{"type", "CaseCommand"}, {"case_id", "C2026-001"}, {"command", {{"type", "Expire"}}}});
  REQUIRE(run.ok());
  CHECK(std::get<RunCaseCommand>(run.value()).case_id == "C2026-001");
  auto nocmd = ui::command_from_json(json{{"type", "CaseCommand"}, {"case_id", "C2026-001"}});
  REQUIRE_FALSE(nocmd.ok());
  CHECK(nocmd.error().field == "command");
}
