// Deadlines: each obligation's due date on the working-day calendar, its status and consequence.
#include "case_fixture.hpp"

using namespace certdesk;
using namespace certdesk::testing;

TEST_CASE("R17 supplement deadline: due soon, then overdue with withdrawal as consequence") {
  CaseFixture f;
  f.ok(applicant(), "2026-01-05", SubmitApplication{"C1", standard_application()});
  f.ok(quality(), "2026-02-10", RequestSupplement{{"营业执照"}});
  const Obligation* o = f.find("2026-02-11", ObligationKind::Supplement);
  REQUIRE(o);
  CHECK(o->rule == "R17");
  CHECK(o->due == d("2026-03-02"));
  CHECK(o->status == DueStatus::Upcoming);  // 19 days ahead, due_soon from 14 days before
  CHECK(o->consequence_zh.find("撤回") != std::string::npos);
  CHECK(f.find("2026-02-20", ObligationKind::Supplement)->status == DueStatus::DueSoon);
  CHECK(f.find("2026-03-03", ObligationKind::Supplement)->status == DueStatus::Overdue);
  f.ok(applicant(), "2026-02-12", AnswerSupplement{{"x"}});
  CHECK_FALSE(f.find("2026-03-03", ObligationKind::Supplement));
}

TEST_CASE("R2 NC verification due 6 months after stage 2; the audit fails if missed") {
  CaseFixture f;
  f.to_stage2();
  f.ok(leader(), "2026-02-03", RaiseNonconformity{"NC-1", "", "5.2", "缺少记录", false});
  const Obligation* o = f.find("2026-08-04", ObligationKind::NcVerification);
  REQUIRE(o);
  CHECK(o->due == d("2026-08-03"));
  CHECK(o->subject == "NC-1");
  CHECK(o->status == DueStatus::Overdue);
  CHECK(o->consequence_zh.find("审核不通过") != std::string::npos);
}

TEST_CASE("R3 report delivery 30 working days and R5 register report after the decision") {
  CaseFixture f;
  f.to_certificate();  // decision Fri 2026-02-06
  const Obligation* r3 = f.find("2026-02-10", ObligationKind::ReportDelivery);
  REQUIRE(r3);
  // 9–13 (5), Sat 14 (6), [15–23], 24–27 (10), Sat 28 (11), 3-02…06 (16), 9…13 (21), 16…20 (26), 23…26 (30)
  CHECK(r3->due == d("2026-03-26"));
  CHECK_FALSE(r3->estimated);
  const Obligation* r5 = f.find("2026-02-10", ObligationKind::RegisterReport);
  REQUIRE(r5);
  // 15 working days: …24–27 (10), Sat 28 (11), 3-02…05 (15) — earlier than one month (3-06)
  CHECK(r5->due == d("2026-03-05"));
  f.ok(quality(), "2026-03-05", ReportToRegister{"CNCA-1"});
  f.ok(marketing(), "2026-03-05", DeliverReport{"EMS 1234"});
  CHECK_FALSE(f.find("2026-03-06", ObligationKind::RegisterReport));
  CHECK_FALSE(f.find("2026-03-06", ObligationKind::ReportDelivery));
}

TEST_CASE("R5 takes one calendar month when that comes first") {
  // A calendar with a 3-week shutdown makes 15 working days longer than a month.
  auto cal = WorkCalendar::from_json(nlohmann::json::parse(R"({"years":{"2026":{"days_off":[
    "2026-03-02","2026-03-03","2026-03-04","2026-03-05","2026-03-06","2026-03-09","2026-03-10","2026-03-11",
    "2026-03-12","2026-03-13","2026-03-16","2026-03-17","2026-03-18","2026-03-19","2026-03-20"],"workdays":[]}}})"));
  REQUIRE(cal.ok());
  CaseRules r;
  CHECK(register_due(d("2026-02-27"), cal.value(), r).date == d("2026-03-27"));
  CHECK(register_due(d("2026-02-06"), shipped_calendar(), r).date == d("2026-03-05"));
}

TEST_CASE("R6 first surveillance 12 months after stage 2, R7 12 months after the last, R9 6 months later") {
  CaseFixture f;
  f.to_certificate();
  const Obligation* o = f.find("2027-01-25", ObligationKind::Surveillance);
  REQUIRE(o);
  CHECK(o->rule == "R6");
  CHECK(o->due == d("2027-02-03"));
  CHECK(o->status == DueStatus::DueSoon);
  CHECK_FALSE(f.find("2027-01-25", ObligationKind::RevocationThreshold));
  o = f.find("2027-02-04", ObligationKind::Surveillance);
  CHECK(o->status == DueStatus::Overdue);
  CHECK(o->consequence_zh.find("暂停") != std::string::npos);
  const Obligation* r9 = f.find("2027-02-04", ObligationKind::RevocationThreshold);
  REQUIRE(r9);
  CHECK(r9->due == d("2027-08-03"));
  CHECK(r9->consequence_zh.find("撤销") != std::string::npos);
  f.ok(leader(), "2027-01-20", ConductSurveillance{d("2027-01-19"), d("2027-01-20"), standard_team(), true, ""});
  o = f.find("2027-01-21", ObligationKind::Surveillance);
  CHECK(o->rule == "R7");
  CHECK(o->due == d("2028-01-20"));
  // the third would fall after the recertification window opens (2028-11-08): none is owed
  f.ok(leader(), "2028-01-10", ConductSurveillance{d("2028-01-10"), d("2028-01-10"), standard_team(), true, ""});
  CHECK_FALSE(f.find("2028-01-11", ObligationKind::Surveillance));
}

TEST_CASE("R8 end of suspension proposes revocation") {
  CaseFixture f;
  f.to_certificate();
  f.ok(division(), "2026-06-01", Suspend{StatusGround::ClientRequest, 0, ""});
  const Obligation* o = f.find("2026-09-02", ObligationKind::SuspensionEnd);
  REQUIRE(o);
  CHECK(o->rule == "R8");
  CHECK(o->due == d("2026-09-01"));
  CHECK(o->status == DueStatus::Overdue);
}

TEST_CASE("R10 recertification window is due soon from 3 months before expiry; R4 expiry") {
  CaseFixture f;
  f.to_certificate();
  const Obligation* o = f.find("2028-11-07", ObligationKind::RecertificationWindow);
  REQUIRE(o);
  CHECK(o->due == d("2029-02-08"));
  CHECK(o->opens == d("2028-11-08"));
  CHECK(o->status == DueStatus::Upcoming);
  CHECK(f.find("2028-11-08", ObligationKind::RecertificationWindow)->status == DueStatus::DueSoon);
  CHECK(f.find("2029-02-09", ObligationKind::CertificateExpiry)->status == DueStatus::Overdue);
  f.ok(applicant(), "2028-11-08", OpenRecertification{standard_application()});
  CHECK_FALSE(f.find("2028-11-09", ObligationKind::RecertificationWindow));
}

TEST_CASE("R11 retention end of a closed case; extra surveillance after a complaint") {
  CaseFixture f;
  f.ok(applicant(), "2026-01-05", SubmitApplication{"C1", standard_application()});
  f.ok(quality(), "2026-01-06", RejectApplication{"不具备资格"});
  const Obligation* o = f.find("2026-01-07", ObligationKind::RetentionEnd);
  REQUIRE(o);
  CHECK(o->due == d("2029-01-06"));
  CHECK(o->rule == "R11");

  CaseFixture g;
  g.to_certificate();
  g.ok(quality(), "2026-09-01", RegisterComplaint{"CP-1", ComplaintKind::Complaint, "甲", "服务"});
  g.ok(division(), "2026-09-18", ResolveComplaint{"CP-1", "属实", true, true});
  // 30 working days from Fri 9-18: Sun 9-20 (make-up) … across Mid-Autumn 9-25 and National Day 10-1…7, Sat 10-10 (make-up)
  const Obligation* x = g.find("2026-09-19", ObligationKind::ExtraSurveillance);
  REQUIRE(x);
  CHECK(x->due == d("2026-11-05"));
}

TEST_CASE("the due list spans cases and holds only due-soon and overdue items, sorted") {
  CaseFixture a, b;
  a.to_certificate();
  b.ok(applicant(), "2026-01-05", SubmitApplication{"C2", standard_application()});
  b.ok(quality(), "2026-02-10", RequestSupplement{{"x"}});
  auto list = due_list({a.state, b.state}, d("2026-03-03"), a.cal, a.rules);
  REQUIRE(list.size() == 2);
  for (std::size_t i = 1; i < list.size(); ++i) CHECK(list[i - 1].due <= list[i].due);
  for (const Obligation& o : list) CHECK(o.status != DueStatus::Upcoming);
  bool supplement = false, register_report = false;
  for (const Obligation& o : list) {
    supplement |= o.case_id == "C2" && o.kind == ObligationKind::Supplement && o.status == DueStatus::Overdue;
    register_report |= o.case_id == "C1" && o.kind == ObligationKind::RegisterReport && o.status == DueStatus::DueSoon;
  }
  CHECK(supplement);
  CHECK(register_report);
}

TEST_CASE("dates past the holiday data are flagged estimated") {
  CaseFixture f;
  f.ok(applicant(), "2026-01-05", SubmitApplication{"C1", standard_application()});
  f.ok(quality(), "2026-12-28", RequestSupplement{{"x"}});
  const Obligation* o = f.find("2026-12-28", ObligationKind::Supplement);
  REQUIRE(o);
  CHECK(o->estimated);
  CHECK(o->due == d("2027-01-11"));
}
