// Case aggregate: each step's preconditions and each numbered rule refuses with its id.
#include "case_fixture.hpp"

using namespace certdesk;
using namespace certdesk::testing;

TEST_CASE("the happy path issues a certificate valid 3 years (R4) and records the forms") {
  CaseFixture f;
  f.to_certificate();
  REQUIRE(f.state.certificate);
  CHECK(f.state.id == "C1");
  CHECK(f.state.status() == CertStatus::Valid);
  CHECK(f.state.certificate->issued_on == d("2026-02-09"));
  CHECK(f.state.certificate->expires_on == d("2029-02-08"));
  CHECK(f.state.surveillance_anchor == d("2026-02-03"));
  CHECK(f.state.cycle()->phase == CyclePhase::Closed);
  CHECK(f.state.cycle()->contract->valid_until == d("2029-01-07"));  // R1: 3 years from 2026-01-08
  CHECK(f.state == fold(f.history));
  auto has_form = [&](const char* code) {
    for (const FormRecord& r : f.state.forms)
      if (r.code == code) return true;
    return false;
  };
  for (const char* code : {"QP-21-01", "QP-21-02", "QP-21-03", "QP-21-04", "QP-21-05A", "QP-21-05B", "QP-21-07",
                           "QP-21-09", "QP-21-11", "QP-21-14", "QP-21-15", "QP-21-17"})
    CHECK_MESSAGE(has_form(code), code);
}

TEST_CASE("every event carries who and when") {
  CaseFixture f;
  f.to_stage1();
  CHECK(f.history.front().meta.actor == "app");
  CHECK(f.history.front().meta.on == d("2026-01-05"));
  CHECK(event_type(f.history.back()) == "AuditPlanned");
}

TEST_CASE("P-ROLE and P-STEP refuse commands out of role or out of order") {
  CaseFixture f;
  CHECK(f.refused(quality(), "2026-01-05", SubmitApplication{"C1", standard_application()}) == "P-ROLE");
  CHECK(f.refused(quality(), "2026-01-05", AcceptApplication{4, 1, 3, ""}) == "P-STEP");
  f.ok(applicant(), "2026-01-05", SubmitApplication{"C1", standard_application()});
  CHECK(f.refused(applicant(), "2026-01-06", SubmitApplication{"C1", standard_application()}) == "P-STEP");
  CHECK(f.refused(marketing(), "2026-01-06", SignContract{"HT", std::nullopt, 1}) == "P-STEP");
  f.ok(quality(), "2026-01-06", AcceptApplication{4, 1, 3, ""});
  CHECK(f.refused(marketing(), "2026-01-07", SignContract{"HT", std::nullopt, 1}) == "P-STEP");  // review not approved
}

TEST_CASE("INPUT names the missing application field") {
  CaseFixture f;
  Application a = standard_application();
  a.organisation.credit_code = "123";
  auto r = f.run(applicant(), "2026-01-05", SubmitApplication{"C1", a});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().rule == "INPUT");
  CHECK(r.error().field == "application.organisation.credit_code");
}

TEST_CASE("the credit code's check character and, with a catalogue, the requested scope are checked") {
  CaseFixture f;
  Application a = standard_application();
  a.organisation.credit_code = "91110000MA0123456Q";  // wrong check character (P)
  auto r = f.run(applicant(), "2026-01-05", SubmitApplication{"C1", a});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().field == "application.organisation.credit_code");

  std::ifstream in(std::string(CERTDESK_SOURCE_DIR) + "/domain/data/catalogue-example.json");
  std::stringstream buf;
  buf << in.rdbuf();
  auto cat = load_catalogue(nlohmann::json::parse(buf.str()));
  REQUIRE(cat.ok());
  f.catalogue = &cat.value();
  a = standard_application();
  a.scope = {{"XX", "一级"}};
  CHECK(f.refused(applicant(), "2026-01-05", SubmitApplication{"C1", a}) == "INPUT");
  a.scope = {{"RA", "一级"}};
  a.catalogue_version = "1999";
  CHECK(f.refused(applicant(), "2026-01-05", SubmitApplication{"C1", a}) == "INPUT");
  f.ok(applicant(), "2026-01-05", SubmitApplication{"C1", standard_application()});
}

TEST_CASE("R12: an administrative penalty in the last year bars the application") {
  CaseFixture f;
  Application a = standard_application();
  a.last_administrative_penalty = d("2025-03-01");
  CHECK(f.refused(applicant(), "2026-01-05", SubmitApplication{"C1", a}) == "R12");
  a.last_administrative_penalty = d("2025-01-04");
  f.ok(applicant(), "2026-01-05", SubmitApplication{"C1", a});
}

TEST_CASE("R17: supplement deadline in working days across the Spring Festival") {
  CaseFixture f;
  f.ok(applicant(), "2026-01-05", SubmitApplication{"C1", standard_application()});
  f.ok(quality(), "2026-02-10", RequestSupplement{{"营业执照副本"}});
  // 10 working days from Tue 2026-02-10: 11,12,13, Sat 14 (make-up), [15–23 off], 24,25,26,27, Sat 28 (make-up), Mon 3-02.
  CHECK(f.state.cycle()->supplements.back().deadline == d("2026-03-02"));
  CHECK(f.refused(quality(), "2026-02-11", AcceptApplication{4, 1, 3, ""}) == "P-STEP");
  CHECK(f.refused(quality(), "2026-03-02", WithdrawApplication{true, "逾期"}) == "R17");
  CHECK(f.refused(applicant(), "2026-03-03", AnswerSupplement{{"营业执照"}}) == "R17");
  f.ok(quality(), "2026-03-03", WithdrawApplication{true, "逾期未补充"});
  CHECK(f.state.cycle()->phase == CyclePhase::Withdrawn);
}

TEST_CASE("a supplement answered in time lets the review go on") {
  CaseFixture f;
  f.ok(applicant(), "2026-01-05", SubmitApplication{"C1", standard_application()});
  f.ok(quality(), "2026-01-06", RequestSupplement{{"组织机构图"}});
  f.ok(applicant(), "2026-01-10", AnswerSupplement{{"组织机构图.pdf"}});
  f.ok(quality(), "2026-01-12", AcceptApplication{4, 1, 3, ""});
  CHECK(f.state.cycle()->application.documents.back() == "组织机构图.pdf");
}

TEST_CASE("R1: a contract longer than 3 years is refused") {
  CaseFixture f;
  f.ok(applicant(), "2026-01-05", SubmitApplication{"C1", standard_application()});
  f.ok(quality(), "2026-01-06", AcceptApplication{4, 1, 3, ""});
  f.ok(division(), "2026-01-07", ApproveReview{1});
  CHECK(f.refused(marketing(), "2026-01-08", SignContract{"HT", d("2029-01-08"), 1}) == "R1");
  f.ok(marketing(), "2026-01-08", SignContract{"HT", d("2029-01-07"), 1});
}

TEST_CASE("R13: stage 2 needs a stage 1 concluded ready") {
  CaseFixture f;
  f.to_stage1();
  // redo stage 1 as not ready
  f.ok(leader(), "2026-01-22", ConcludeStage1{d("2026-01-22"), d("2026-01-22"), false, {"缺少风险评估程序"}});
  CHECK(f.refused(leader(), "2026-02-03", ConductStage2{d("2026-02-02"), d("2026-02-03"), false, {"L1", "A1"}}) == "R13");
}

TEST_CASE("R14: remote stage 2 needs cause, approval and agreement") {
  CaseFixture f;
  f.to_stage1();
  ConductStage2 remote{d("2026-02-02"), d("2026-02-03"), true, {"L1", "A1"}};
  CHECK(f.refused(leader(), "2026-02-03", remote) == "R14");
  CHECK(f.refused(division(), "2026-01-25", ApproveRemoteAudit{RemoteCause::None, true}) == "R14");
  f.ok(division(), "2026-01-25", ApproveRemoteAudit{RemoteCause::HealthEvent, false});
  CHECK(f.refused(leader(), "2026-02-03", remote) == "R14");
  f.ok(division(), "2026-01-26", ApproveRemoteAudit{RemoteCause::HealthEvent, true});
  f.ok(leader(), "2026-02-03", remote);
  CHECK(f.state.cycle()->stage2->remote);
}

TEST_CASE("P-PLAN and IMP-COMMIT: plan 07 before stage 2, every member signs 09") {
  CaseFixture f;
  f.to_stage1();
  CHECK(f.refused(leader(), "2026-02-03", ConductStage2{d("2026-01-20"), d("2026-01-21"), false, {"L1", "A1"}}) == "P-PLAN");
  CHECK(f.refused(leader(), "2026-02-03", ConductStage2{d("2026-02-02"), d("2026-02-03"), false, {"L1"}}) == "IMP-COMMIT");
  CHECK(f.refused(reviewer(), "2026-02-03", ConductStage2{d("2026-02-02"), d("2026-02-03"), false, {"L1", "A1"}}) == "P-ROLE");
}

TEST_CASE("R16: the reviewer may not be the team leader; R15: the decision maker may not sit on the team") {
  CaseFixture f;
  f.to_stage2();
  f.ok(leader(), "2026-02-04", SubmitReport{Recommendation::Grant, "推荐"});
  Actor leader_as_reviewer{"L1", "组长", {Role::Reviewer}};
  CHECK(f.refused(leader_as_reviewer, "2026-02-05", ReviewReport{true, ""}) == "R16");
  Actor auditor_as_reviewer{"A1", "审核员", {Role::Reviewer}};
  f.ok(auditor_as_reviewer, "2026-02-05", ReviewReport{true, ""});  // R16 concerns the leader only
  f.ok(leader(), "2026-02-05", ConfirmCertificateInfo{"名称", "注册地址", "办公地址", {{"RA", "一级"}}, 40});
  Actor auditor_as_decider{"A1", "审核员", {Role::DecisionMaker}};
  CHECK(f.refused(auditor_as_decider, "2026-02-06", DecideCertification{true, ""}) == "R15");
  f.ok(decider(), "2026-02-06", DecideCertification{true, ""});
}

TEST_CASE("the decision needs a reviewed report and confirmed certificate data") {
  CaseFixture f;
  f.to_stage2();
  CHECK(f.refused(decider(), "2026-02-06", DecideCertification{true, ""}) == "P-STEP");
  f.ok(leader(), "2026-02-04", SubmitReport{Recommendation::Grant, "推荐"});
  f.ok(reviewer(), "2026-02-05", ReviewReport{false, "补充证据"});
  CHECK(f.refused(decider(), "2026-02-06", DecideCertification{true, ""}) == "P-STEP");
  f.ok(leader(), "2026-02-06", SubmitReport{Recommendation::Grant, "推荐（修订）"});
  f.ok(reviewer(), "2026-02-07", ReviewReport{true, ""});
  CHECK(f.refused(decider(), "2026-02-09", DecideCertification{true, ""}) == "P-STEP");  // no 14 yet
  CHECK(f.refused(decider(), "2026-02-09", DecideCertification{false, ""}) == "INPUT");   // refusal needs reasons
  f.ok(decider(), "2026-02-09", DecideCertification{false, "不符合要求"});
  CHECK(f.state.cycle()->closed_on == d("2026-02-09"));
  CHECK_FALSE(f.state.certificate);
}

TEST_CASE("R2: nonconformities are corrected and verified within 6 months of stage 2") {
  CaseFixture f;
  f.to_stage2();
  f.ok(leader(), "2026-02-03", RaiseNonconformity{"NC-1", "", "5.2", "缺少记录", false});
  CHECK(f.state.findings.back().audit_id == "S2");
  f.ok(leader(), "2026-02-04", SubmitReport{Recommendation::Grant, "推荐"});
  f.ok(reviewer(), "2026-02-05", ReviewReport{true, ""});
  f.ok(leader(), "2026-02-05", ConfirmCertificateInfo{"名称", "注册地址", "办公地址", {{"RA", "一级"}}, 40});
  CHECK(f.refused(decider(), "2026-02-06", DecideCertification{true, ""}) == "R2");
  CHECK(f.refused(leader(), "2026-02-20", VerifyNonconformity{"NC-1", true, ""}) == "P-STEP");  // no action yet
  CHECK(f.refused(division(), "2026-08-03", DeclareAuditFailed{""}) == "R2");                  // deadline not passed
  CHECK(f.refused(applicant(), "2026-08-04", RecordCorrectiveAction{"NC-1", "原因", "纠正", "措施", {}}) == "R2");
  f.ok(division(), "2026-08-04", DeclareAuditFailed{""});
  CHECK(f.state.cycle()->phase == CyclePhase::Failed);
}

TEST_CASE("an ineffective correction reopens the nonconformity until a new action is verified") {
  CaseFixture f;
  f.to_stage2();
  f.ok(leader(), "2026-02-03", RaiseNonconformity{"NC-1", "S2", "5.2", "缺少记录", true});
  f.ok(applicant(), "2026-02-10", RecordCorrectiveAction{"NC-1", "原因", "纠正", "措施", {"E1"}});
  f.ok(leader(), "2026-02-12", VerifyNonconformity{"NC-1", false, "无效"});
  CHECK(f.refused(leader(), "2026-02-13", VerifyNonconformity{"NC-1", true, ""}) == "P-STEP");
  f.ok(applicant(), "2026-03-10", RecordCorrectiveAction{"NC-1", "原因", "纠正", "新措施", {"E2"}});
  f.ok(leader(), "2026-03-12", VerifyNonconformity{"NC-1", true, "有效"});
  CHECK(f.state.findings.back().verified_on == d("2026-03-12"));
  CHECK(f.refused(applicant(), "2026-03-13", RecordCorrectiveAction{"NC-1", "a", "b", "c", {}}) == "P-STEP");
}

TEST_CASE("IMP-CONFLICT: a member who consulted for the client within the look-back period is refused") {
  CaseFixture f;
  f.ok(applicant(), "2026-01-05", SubmitApplication{"C1", standard_application()});
  f.ok(quality(), "2026-01-06", AcceptApplication{4, 1, 3, ""});
  f.ok(division(), "2026-01-07", ApproveReview{1});
  f.ok(marketing(), "2026-01-08", SignContract{"HT", std::nullopt, 1});
  auto team = standard_team();
  team[1].last_consulted_client = d("2024-06-01");  // within 24 months of 2026-01-09
  auto r = f.run(manager(), "2026-01-09", AssignTeam{team});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().rule == "IMP-CONFLICT");
  CHECK(r.error().field == "members[1].last_consulted_client");
  team[1].last_consulted_client = d("2023-12-01");
  f.ok(manager(), "2026-01-09", AssignTeam{team});
  team.push_back({"L2", "第二组长", TeamRole::Leader, "", std::nullopt});
  CHECK(f.refused(manager(), "2026-01-10", AssignTeam{team}) == "P-TEAM");
}

TEST_CASE("R8: suspension up to 6 months, restoration only within it, revocation after it") {
  CaseFixture f;
  f.to_certificate();
  CHECK(f.refused(division(), "2026-06-01", Suspend{StatusGround::ClientRequest, 7, ""}) == "R8");
  f.ok(division(), "2026-06-01", Suspend{StatusGround::ClientRequest, 0, "申请暂停"});
  CHECK(f.state.status() == CertStatus::Suspended);
  CHECK(f.state.certificate->suspended_until == d("2026-09-01"));
  CHECK(f.refused(division(), "2026-09-01", Revoke{StatusGround::SuspensionNotResolved, ""}) == "R8");
  CHECK(f.refused(division(), "2026-09-02", Restore{"QP-21-24", "QP-21-23"}) == "R8");
  f.ok(division(), "2026-09-02", Revoke{StatusGround::SuspensionNotResolved, "未整改"});
  CHECK(f.state.status() == CertStatus::Revoked);
}

TEST_CASE("restoration within the suspension needs 24 and 23") {
  CaseFixture f;
  f.to_certificate();
  f.ok(division(), "2026-06-01", Suspend{StatusGround::MisuseNoHarm, 3, ""});
  CHECK(f.refused(division(), "2026-07-01", Restore{"", "核查"}) == "INPUT");
  f.ok(division(), "2026-07-01", Restore{"恢复申请", "信息核查"});
  CHECK(f.state.status() == CertStatus::Restored);
  CHECK_FALSE(f.state.certificate->suspended_until);
}

TEST_CASE("R6/R9: suspension and revocation for overdue surveillance only once overdue") {
  CaseFixture f;
  f.to_certificate();  // anchor 2026-02-03 → first surveillance due 2027-02-03
  CHECK(f.refused(division(), "2027-02-03", Suspend{StatusGround::SurveillanceOverdue, 0, ""}) == "R6");
  CHECK(f.refused(division(), "2027-08-03", Revoke{StatusGround::SurveillanceOverdue, ""}) == "R9");
  f.ok(division(), "2027-02-04", Suspend{StatusGround::SurveillanceOverdue, 6, ""});
  f.ok(division(), "2027-08-04", Revoke{StatusGround::SurveillanceOverdue, "逾期 6 个月"});
  CHECK(f.state.status() == CertStatus::Revoked);
}

TEST_CASE("name change with proof changes the certificate at once") {
  CaseFixture f;
  f.to_certificate();
  CHECK(f.refused(applicant(), "2026-05-01", ApplyChange{ChangeKind::Name, "新名称公司", "", false}) == "INPUT");
  f.ok(applicant(), "2026-05-01", ApplyChange{ChangeKind::Name, "新名称公司", "工商变更通知书", false});
  CHECK(f.state.certificate->name == "新名称公司");
  CHECK(f.state.status() == CertStatus::Changed);
}

TEST_CASE("an address change waits for a passed surveillance audit") {
  CaseFixture f;
  f.to_certificate();
  f.ok(applicant(), "2026-05-01", ApplyChange{ChangeKind::Address, "上海市新地址", "租赁合同", true});
  CHECK(f.state.status() == CertStatus::Valid);
  CHECK(f.state.extra_surveillance_from == d("2026-05-01"));
  f.ok(leader(), "2026-06-10", ConductSurveillance{d("2026-06-09"), d("2026-06-10"), standard_team(), true, "通过"});
  CHECK(f.state.status() == CertStatus::Changed);
  CHECK(f.state.certificate->office_address == "上海市新地址");
  CHECK_FALSE(f.state.extra_surveillance_from);
}

TEST_CASE("cancellation on request, expiry, and cancellation after expiry") {
  CaseFixture f;
  f.to_certificate();
  CHECK(f.refused(quality(), "2029-02-08", Expire{}) == "R4");
  CHECK(f.refused(division(), "2029-02-09", Cancel{StatusGround::ExpiredWithoutRenewal, ""}) == "P-STEP");
  f.ok(quality(), "2029-02-09", Expire{});
  CHECK(f.state.status() == CertStatus::Expired);
  f.ok(division(), "2029-02-10", Cancel{StatusGround::ExpiredWithoutRenewal, ""});
  CHECK(f.state.status() == CertStatus::Cancelled);
  CHECK(f.refused(division(), "2029-02-11", Suspend{StatusGround::Other, 0, ""}) == "P-STEP");
}

TEST_CASE("R10: recertification opens 3 months before expiry and replaces the certificate") {
  CaseFixture f;
  f.to_certificate();  // expires 2029-02-08 → window opens 2028-11-08
  CHECK(f.refused(applicant(), "2028-11-07", OpenRecertification{standard_application()}) == "R10");
  f.ok(applicant(), "2028-11-08", OpenRecertification{standard_application()});
  CHECK(f.state.cycle()->kind == CycleKind::Recertification);
  f.ok(quality(), "2028-11-09", AcceptApplication{3, 0, 3, "再认证 2/3"});
  f.ok(division(), "2028-11-10", ApproveReview{20000});
  f.ok(marketing(), "2028-11-13", SignContract{"HT-2", std::nullopt, 20000});
  f.ok(manager(), "2028-11-14", AssignTeam{standard_team()});
  f.ok(leader(), "2028-11-15", PlanAudit{AuditKind::Stage2, d("2028-12-04"), d("2028-11-15")});
  f.ok(leader(), "2028-12-05", ConductStage2{d("2028-12-04"), d("2028-12-05"), false, {"L1", "A1"}});  // no stage 1 needed
  CHECK(f.state.cycle()->stage2->id == "C2-S2");
  f.ok(leader(), "2028-12-06", SubmitReport{Recommendation::Grant, "推荐"});
  f.ok(reviewer(), "2028-12-07", ReviewReport{true, ""});
  f.ok(leader(), "2028-12-07", ConfirmCertificateInfo{"名称", "注册地址", "办公地址", {{"RA", "一级"}}, 40});
  f.ok(decider(), "2028-12-08", DecideCertification{true, ""});
  f.ok(quality(), "2028-12-11", IssueCertificate{"CD-2028-009"});
  CHECK(f.state.certificate->number == "CD-2028-009");
  CHECK(f.state.certificate->expires_on == d("2031-12-10"));
  REQUIRE(f.state.previous_certificates.size() == 1);
  CHECK(f.state.previous_certificates[0].history.back().status == CertStatus::Cancelled);
  CHECK(f.state.surveillance_anchor == d("2028-12-05"));
}

TEST_CASE("a refused special audit suspends the certificate") {
  CaseFixture f;
  f.to_certificate();
  f.ok(division(), "2026-04-01", ScheduleSpecialAudit{"SP1", SpecialReason::Complaint});
  CHECK(f.refused(division(), "2026-04-01", ScheduleSpecialAudit{"SP1", SpecialReason::Incident}) == "INPUT");
  f.ok(applicant(), "2026-04-03", RefuseSpecialAudit{"SP1"});
  CHECK(f.state.status() == CertStatus::Suspended);
  CHECK(f.state.certificate->history.back().ground == StatusGround::SpecialAuditRefused);
  CHECK(f.state.certificate->suspended_until == d("2026-07-03"));
}

TEST_CASE("a verified complaint calls for extra surveillance; surveys need a conducted audit") {
  CaseFixture f;
  f.to_certificate();
  f.ok(quality(), "2026-03-02", RegisterComplaint{"CP-1", ComplaintKind::Complaint, "客户甲", "服务质量"});
  f.ok(division(), "2026-03-10", ResolveComplaint{"CP-1", "投诉属实", true, true});
  CHECK(f.state.extra_surveillance_from == d("2026-03-10"));
  CHECK(f.refused(applicant(), "2026-03-11", RecordSurvey{"SV1", 5, ""}) == "P-STEP");
  CHECK(f.refused(applicant(), "2026-03-11", RecordSurvey{"S2", 9, ""}) == "INPUT");
  f.ok(applicant(), "2026-03-11", RecordSurvey{"S2", 5, "满意"});
  CHECK(f.refused(quality(), "2026-03-11", RecordForm{"QP-99", {}}) == "INPUT");
  f.ok(quality(), "2026-03-11", RecordForm{"QP-21-18", {{"documents", 12}}});
  CHECK(f.state.forms.back().code == "QP-21-18");
}

TEST_CASE("scope extension revises the certificate and keeps its expiry") {
  CaseFixture f;
  f.to_certificate();
  Application ext = standard_application();
  ext.scope.push_back({"SO", "二级"});
  f.ok(applicant(), "2026-06-01", OpenScopeExtension{ext});
  CHECK(f.refused(applicant(), "2026-06-02", OpenScopeExtension{ext}) == "P-STEP");
  f.ok(quality(), "2026-06-02", AcceptApplication{2, 0.5, 1.5, ""});
  f.ok(division(), "2026-06-03", ApproveReview{1});
  f.ok(marketing(), "2026-06-04", SignContract{"HT-3", std::nullopt, 1});
  f.ok(manager(), "2026-06-05", AssignTeam{standard_team()});
  f.ok(leader(), "2026-06-08", ConcludeStage1{d("2026-06-08"), d("2026-06-08"), true, {}});
  f.ok(leader(), "2026-06-08", PlanAudit{AuditKind::Stage2, d("2026-06-15"), d("2026-06-08")});
  f.ok(leader(), "2026-06-16", ConductStage2{d("2026-06-15"), d("2026-06-16"), false, {"L1", "A1"}});
  f.ok(leader(), "2026-06-17", SubmitReport{Recommendation::Grant, "推荐"});
  f.ok(reviewer(), "2026-06-17", ReviewReport{true, ""});
  f.ok(leader(), "2026-06-17", ConfirmCertificateInfo{"名称", "注册地址", "办公地址", ext.scope, 40});
  f.ok(decider(), "2026-06-18", DecideCertification{true, ""});
  f.ok(quality(), "2026-06-19", IssueCertificate{"CD-2026-001-A"});
  CHECK(f.state.certificate->scope.size() == 2);
  CHECK(f.state.certificate->expires_on == d("2029-02-08"));
  CHECK(f.state.status() == CertStatus::Changed);
}
