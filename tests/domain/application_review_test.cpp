// The acceptance review's marks on self-assessment requirements (§6.2, issue 15 item 9):
// NoteApplicationReview decided, applied, kept in JSON, and histories without it still load.
#include "case_fixture.hpp"
#include "domain/case_json.hpp"

using namespace certdesk;
using namespace certdesk::testing;
using nlohmann::json;

namespace {

Application reviewed_application() {
  Application a = standard_application();
  a.management_self_assessment = {{"MR-01", "符合：营业执照在有效期内", {"att-1"}}, {"MR-02", "符合：无处罚", {}}};
  a.capability_self_assessment = {{"CR-RA-01", "部分符合：方法待完善", {"att-2"}}};
  return a;
}

CaseFixture applied() {
  CaseFixture f;
  f.ok(applicant(), "2026-01-05", SubmitApplication{"C1", reviewed_application()});
  return f;
}

const RequirementCheck* check_of(const CaseState& s, const std::string& id) {
  for (const RequirementCheck& k : s.cycle()->application_checks)
    if (k.requirement_id == id) return &k;
  return nullptr;
}

}  // namespace

TEST_CASE("quality control marks requirements during the acceptance review; a later mark replaces the earlier one") {
  CaseFixture f = applied();
  f.ok(quality(), "2026-01-06", NoteApplicationReview{"MR-01", ReviewMark::Verified, ""});
  f.ok(quality(), "2026-01-06", NoteApplicationReview{"CR-RA-01", ReviewMark::NeedsSupplement, "缺少风险评估报告样本"});
  REQUIRE(f.state.cycle()->application_checks.size() == 2);
  const RequirementCheck* k = check_of(f.state, "CR-RA-01");
  REQUIRE(k);
  CHECK(k->status == ReviewMark::NeedsSupplement);
  CHECK(k->note == "缺少风险评估报告样本");
  CHECK(k->by == "qc");
  CHECK(k->on == d("2026-01-06"));
  f.ok(quality(), "2026-01-07", NoteApplicationReview{"CR-RA-01", ReviewMark::Verified, "已补充"});
  CHECK(f.state.cycle()->application_checks.size() == 2);
  CHECK(check_of(f.state, "CR-RA-01")->status == ReviewMark::Verified);
  CHECK(check_of(f.state, "CR-RA-01")->on == d("2026-01-07"));
  // Unchecked removes the mark.
  f.ok(quality(), "2026-01-07", NoteApplicationReview{"MR-01", ReviewMark::Unchecked, ""});
  CHECK(check_of(f.state, "MR-01") == nullptr);
  CHECK(f.state == fold(f.history));
  CHECK(event_type(f.history.back()) == "ApplicationReviewNoted");
  // Not a form of its own: the review's record is QP-21-02.
  CHECK_FALSE(form_for_event(f.history.back()));
}

TEST_CASE("the review mark is refused out of role (P-ROLE), out of the review (P-STEP) and without what is missing (INPUT)") {
  CaseFixture f;
  CHECK(f.refused(quality(), "2026-01-05", NoteApplicationReview{"MR-01", ReviewMark::Verified, ""}) == "P-STEP");  // no application
  f = applied();
  CHECK(f.refused(marketing(), "2026-01-06", NoteApplicationReview{"MR-01", ReviewMark::Verified, ""}) == "P-ROLE");
  CHECK(f.refused(leader(), "2026-01-06", NoteApplicationReview{"MR-01", ReviewMark::Verified, ""}) == "P-ROLE");
  auto unknown = f.run(quality(), "2026-01-06", NoteApplicationReview{"MR-99", ReviewMark::Verified, ""});
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().rule == "INPUT");
  CHECK(unknown.error().field == "requirement_id");
  auto blank = f.run(quality(), "2026-01-06", NoteApplicationReview{"MR-02", ReviewMark::NeedsSupplement, "  \n"});
  REQUIRE_FALSE(blank.ok());
  CHECK(blank.error().rule == "INPUT");
  CHECK(blank.error().field == "note");
  // Once accepted, the review is over.
  f.ok(quality(), "2026-01-06", AcceptApplication{4, 1, 3, "附录A"});
  CHECK(f.refused(quality(), "2026-01-07", NoteApplicationReview{"MR-01", ReviewMark::Verified, ""}) == "P-STEP");
  // Marks may be made while a supplement request waits (the reviewer checks what arrives).
  CaseFixture g = applied();
  g.ok(quality(), "2026-01-06", RequestSupplement{{"风险评估报告样本"}});
  g.ok(quality(), "2026-01-06", NoteApplicationReview{"CR-RA-01", ReviewMark::NeedsSupplement, "风险评估报告样本"});
}

TEST_CASE("the command and the event round-trip through JSON; the mark is part of the case state's JSON") {
  NoteApplicationReview c{"CR-RA-01", ReviewMark::NeedsSupplement, "缺少样本"};
  const json j = command_to_json(c);
  CHECK(j == json{{"type", "NoteApplicationReview"}, {"requirement_id", "CR-RA-01"}, {"status", "needs_supplement"},
                  {"note", "缺少样本"}});
  auto back = command_from_json(j);
  REQUIRE(back.ok());
  CHECK(std::get<NoteApplicationReview>(back.value()).status == ReviewMark::NeedsSupplement);
  json bad = j;
  bad["status"] = "maybe";
  auto refused = command_from_json(bad);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().field == "status");

  CaseFixture f = applied();
  f.ok(quality(), "2026-01-06", NoteApplicationReview{"CR-RA-01", ReviewMark::NeedsSupplement, "缺少样本"});
  const json h = history_to_json(f.history);
  CHECK(h["events"][1]["type"] == "ApplicationReviewNoted");
  CHECK(h["events"][1]["status"] == "needs_supplement");
  auto events = history_from_json(json::parse(h.dump()));
  REQUIRE(events.ok());
  CHECK(events.value() == f.history);
  auto state = case_from_json(json::parse(case_to_json(f.state).dump()));
  REQUIRE(state.ok());
  CHECK(state.value() == f.state);
  CHECK(case_to_json(f.state)["case"]["cycles"][0]["application_checks"][0]["note"] == "缺少样本");
}

TEST_CASE("a history and a case state written before the review marks existed still load") {
  CaseFixture f = applied();
  f.ok(quality(), "2026-01-06", AcceptApplication{4, 1, 3, "附录A"});
  // The previous version's JSON: no ApplicationReviewNoted event, no application_checks in a cycle.
  json state = case_to_json(f.state);
  state["case"]["cycles"][0].erase("application_checks");
  auto s = case_from_json(json::parse(state.dump()));
  REQUIRE(s.ok());
  CHECK(s.value().cycle()->application_checks.empty());
  CHECK(s.value() == f.state);
  const std::string old_history =
      R"({"schema":1,"events":[{"type":"CycleOpened","actor":"app","on":"2026-01-05","case_id":"C1","kind":"initial",)"
      R"("application":{"organisation":{"name":"甲"},"scope":[{"category":"RA","level":"一级"}]}}]})";
  auto h = history_from_json(json::parse(old_history));
  REQUIRE(h.ok());
  CHECK(fold(h.value()).cycle()->application_checks.empty());
}
