// JSON of the case aggregate: round trips of every command, event and state; bad input → INPUT with its path.
#include <utility>

#include "case_fixture.hpp"
#include "domain/case_json.hpp"

using namespace certdesk;
using namespace certdesk::testing;
using nlohmann::json;

namespace {

// A history that touches most event types.
CaseFixture rich_case() {
  CaseFixture f;
  f.ok(applicant(), "2026-01-05", SubmitApplication{"C1", standard_application()});
  f.ok(quality(), "2026-01-05", RequestSupplement{{"组织机构图"}});
  f.ok(applicant(), "2026-01-05", AnswerSupplement{{"图.pdf"}});
  f.run(quality(), "2026-01-06", AcceptApplication{4.5, 1, 3.5, "附录A"});
  f.run(division(), "2026-01-07", ApproveReview{30000.5});
  f.run(marketing(), "2026-01-08", SignContract{"HT-1", std::nullopt, 30000});
  auto team = standard_team();
  team[1].last_consulted_client = d("2020-01-01");
  f.run(manager(), "2026-01-09", AssignTeam{team});
  f.run(leader(), "2026-01-12", PlanAudit{AuditKind::Stage1, d("2026-01-19"), d("2026-01-12")});
  f.run(leader(), "2026-01-20", ConcludeStage1{d("2026-01-19"), d("2026-01-20"), true, {"可能的问题"}});
  f.run(division(), "2026-01-21", ApproveRemoteAudit{RemoteCause::SecurityEvent, true});
  f.run(leader(), "2026-01-21", PlanAudit{AuditKind::Stage2, d("2026-02-02"), d("2026-01-21")});
  f.ok(leader(), "2026-02-03", ConductStage2{d("2026-02-02"), d("2026-02-03"), true, {"L1", "A1"}});
  f.ok(leader(), "2026-02-03", RaiseNonconformity{"NC-1", "S2", "5.1", "描述", true});
  f.ok(leader(), "2026-02-03", RecordObservation{"OB-1", "S2", "7.1", "观察"});
  f.ok(applicant(), "2026-02-03", RecordCorrectiveAction{"NC-1", "原因", "纠正", "措施", {"E1", "E2"}});
  f.ok(leader(), "2026-02-03", VerifyNonconformity{"NC-1", true, "有效"});
  f.ok(leader(), "2026-02-04", SubmitReport{Recommendation::Grant, "推荐"});
  f.ok(reviewer(), "2026-02-05", ReviewReport{true, "好"});
  f.ok(leader(), "2026-02-05", ConfirmCertificateInfo{"名称", "注册", "办公", {{"RA", "一级"}}, 40});
  f.ok(decider(), "2026-02-06", DecideCertification{true, ""});
  f.ok(quality(), "2026-02-09", IssueCertificate{"CD-1"});
  f.ok(quality(), "2026-02-10", ReportToRegister{"REF"});
  f.ok(marketing(), "2026-02-10", DeliverReport{"EMS"});
  f.ok(applicant(), "2026-03-01", ApplyChange{ChangeKind::Address, "新址", "证明", true});
  f.ok(quality(), "2026-03-02", RegisterComplaint{"CP-1", ComplaintKind::Appeal, "甲", "申诉"});
  f.ok(division(), "2026-03-03", ResolveComplaint{"CP-1", "驳回", false, true});
  f.ok(leader(), "2026-03-10", ConductSurveillance{d("2026-03-09"), d("2026-03-10"), standard_team(), true, "通过"});
  f.ok(applicant(), "2026-03-11", RecordSurvey{"SV1", 4, "较满意"});
  f.ok(quality(), "2026-03-11", RecordForm{"QP-21-18", {{"n", 3}}});
  f.ok(division(), "2026-04-01", ScheduleSpecialAudit{"SP1", SpecialReason::FailedSpotCheck});
  f.ok(leader(), "2026-04-02", ConductSpecialAudit{"SP1", d("2026-04-02"), d("2026-04-02"), standard_team(), true, ""});
  f.ok(division(), "2026-05-01", Suspend{StatusGround::MisuseNoHarm, 2, "误用"});
  f.ok(division(), "2026-05-20", Restore{"24", "23"});
  f.ok(division(), "2026-06-01", Cancel{StatusGround::ClientRequest, "申请注销"});
  return f;
}

template <std::size_t... I>
void each_command_round_trips(std::index_sequence<I...>) {
  (
      [] {
        Command c{std::in_place_index<I>};
        json j = command_to_json(c);
        CHECK(j["type"] == std::string(command_type(c)));
        auto back = command_from_json(j);
        REQUIRE(back.ok());
        CHECK(back.value().index() == I);
        CHECK(command_to_json(back.value()) == j);
      }(),
      ...);
}

}  // namespace

TEST_CASE("every command type round-trips through JSON") {
  each_command_round_trips(std::make_index_sequence<std::variant_size_v<Command>>{});
}

TEST_CASE("a command with fields round-trips, including nested team members and dates") {
  AssignTeam c{standard_team()};
  c.members[1].last_consulted_client = d("2021-05-06");
  json j = command_to_json(c);
  CHECK(j["members"][1]["role"] == "auditor");
  CHECK(j["members"][1]["last_consulted_client"] == "2021-05-06");
  auto back = command_from_json(j);
  REQUIRE(back.ok());
  CHECK(std::get<AssignTeam>(back.value()).members == c.members);
}

TEST_CASE("a history and a case state round-trip under the schema version") {
  CaseFixture f = rich_case();
  REQUIRE(f.history.size() > 30);
  json h = history_to_json(f.history);
  CHECK(h["schema"] == kCaseSchemaVersion);
  auto back = history_from_json(json::parse(h.dump()));
  REQUIRE(back.ok());
  CHECK(back.value() == f.history);
  for (const Event& e : f.history) {
    auto one = event_from_json(event_to_json(e));
    REQUIRE(one.ok());
    CHECK(one.value() == e);
  }
  json s = case_to_json(f.state);
  auto state = case_from_json(json::parse(s.dump()));
  REQUIRE(state.ok());
  CHECK(state.value() == f.state);
  CHECK(fold(back.value()) == f.state);
}

TEST_CASE("bad command JSON is an INPUT violation naming the field path") {
  auto check_input = [](const char* text, const char* field) {
    auto r = command_from_json(json::parse(text));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().rule == "INPUT");
    CHECK(r.error().field == field);
    CHECK_FALSE(r.error().message_zh.empty());
  };
  check_input(R"({"type":"AssignTeam","members":[{"user_id":"L1","role":"boss"}]})", "members[0].role");
  check_input(R"({"type":"ConcludeStage1","end":"2026-01-20","ready":true})", "start");
  check_input(R"({"type":"ConcludeStage1","start":"2026-02-30","end":"2026-01-20"})", "start");
  check_input(R"({"type":"AcceptApplication","person_days":"four"})", "person_days");
  check_input(R"({"type":"SubmitApplication","application":{"headcount_in_scope":1.5}})", "application.headcount_in_scope");
  check_input(R"({"type":"Teleport"})", "type");
  check_input(R"({"items":[]})", "type");
  check_input(R"([1,2])", "");
  check_input(R"({"type":"Expire","schema":99})", "schema");
}

TEST_CASE("bad history JSON names the event index") {
  auto r = history_from_json(json::parse(R"({"schema":1,"events":[{"type":"CertificateExpired","actor":"x","on":"2026-01-01"},
                                                                   {"type":"CertificateExpired","actor":"x"}]})"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().field == "events[1].on");
}

// Found by reader_fuzz (issue 17 item 7): a history read from a store file or a backup whose event
// needs a subject that no earlier event made (no application, no certificate, no such NC) made
// fold() dereference nothing (case_apply.cpp cy(), a disengaged optional). It is refused by name.
TEST_CASE("a history whose event does not fit those before it is refused, naming the event") {
  auto check = [](const char* events, const char* field, const char* words) {
    auto r = history_from_json(json::parse(std::string(R"({"schema":1,"events":)") + events + "}"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().rule == "INPUT");
    CHECK(r.error().field == field);
    CHECK(r.error().message_zh.find(words) != std::string::npos);
  };
  check(R"([{"type":"ReviewApproved","actor":"div","on":"2025-01-09","quote":30000.0}])", "events[0]", "此前没有申请");
  check(R"([{"type":"RegisterReported","actor":"x","on":"2026-01-01","reference":"R"},
            {"type":"CertificateExpired","actor":"x","on":"2026-01-01"}])",
        "events[1]", "此前没有颁发证书");
  check(R"([{"type":"NonconformityVerified","actor":"x","on":"2026-01-01","id":"NC-9","effective":true,"verification":"v"}])",
        "events[0]", "不符合项");
  check(R"([{"type":"SpecialAuditRefused","actor":"x","on":"2026-01-01","id":"SA-1"}])", "events[0]", "特殊审核");

  // Every history decide() produced still reads, whole and cut anywhere.
  CaseFixture f;
  f.to_certificate();
  for (std::size_t n = 0; n <= f.history.size(); ++n) {
    const std::vector<Event> prefix(f.history.begin(), f.history.begin() + static_cast<long>(n));
    auto back = history_from_json(history_to_json(prefix));
    REQUIRE(back.ok());
    CHECK(back.value().size() == n);
  }
}

TEST_CASE("obligations serialise with kind, rule, dates and status names") {
  CaseFixture f;
  f.to_certificate();
  json j = obligation_to_json(f.due("2026-02-20").front());
  CHECK(j["case_id"] == "C1");
  CHECK(j.contains("consequence_zh"));
  CHECK((j["status"] == "upcoming" || j["status"] == "due_soon" || j["status"] == "overdue"));
}

TEST_CASE("events carry their time of day; histories written before it still load (issue 15)") {
  // A history of the previous format: events with a date and no time.
  const char* before = R"({"schema":1,"events":[{"type":"RegisterReported","actor":"x","on":"2026-01-01","reference":"R"}]})";
  auto old = history_from_json(json::parse(before));
  REQUIRE(old.ok());
  CHECK(old.value().at(0).meta.at.empty());
  CHECK_FALSE(event_to_json(old.value().at(0)).contains("at"));  // written back as it was

  // decide() stamps the context's time of day on every event it makes.
  CaseFixture f;
  Context ctx = f.ctx(applicant(), d("2026-01-05"));
  ctx.time_of_day = "09:41:07";
  auto events = decide(f.state, SubmitApplication{"C1", standard_application()}, ctx);
  REQUIRE(events.ok());
  REQUIRE_FALSE(events.value().empty());
  CHECK(events.value().front().meta.at == "09:41:07");
  json j = event_to_json(events.value().front());
  CHECK(j["at"] == "09:41:07");
  auto back = event_from_json(j);
  REQUIRE(back.ok());
  CHECK(back.value() == events.value().front());

  // A stored time that is not one is refused with its path, like any other field.
  for (json bad : {json(941), json("25:00:00"), json("9:41"), json("09:41:60"), json(nullptr)}) {
    json e = j;
    e["at"] = bad;
    auto r = event_from_json(e);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().field == "at");
  }
  json hhmm = j;
  hhmm["at"] = "09:41";
  CHECK(event_from_json(hhmm).ok());
}
