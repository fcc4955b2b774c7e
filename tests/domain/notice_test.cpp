// Notice and response packages (issue 7): built from the case, round trip, digest and
// attachment tampering, a corpus of malformed packages each with its field-path message, and the
// body's reading of a response into the domain commands (unknown case / notice, answered notice).
#include <doctest/doctest.h>

#include "domain/base64.hpp"
#include "domain/notice.hpp"
#include "tests/domain/case_fixture.hpp"
#include "tests/domain/package_fixture.hpp"

using namespace certdesk;
using namespace certdesk::notice;
using certdesk::testing::CaseFixture;
using certdesk::testing::d;
using pkgtest::dump;
using pkgtest::has;
using pkgtest::kFake;

namespace {

// A case at stage 2 with two NCs (one major) and an observation.
CaseFixture case_with_ncs() {
  CaseFixture f;
  f.to_stage2();
  f.ok(certdesk::testing::leader(), "2026-02-03", RaiseNonconformity{"NC-1", "S2", "6.2", "应急预案未演练", false});
  f.ok(certdesk::testing::leader(), "2026-02-03", RaiseNonconformity{"NC-2", "S2", "7.1", "人员资质记录缺失", true});
  f.ok(certdesk::testing::leader(), "2026-02-03", RecordObservation{"OB-1", "S2", "8.3", "备份策略可改进"});
  return f;
}

NoticeSource source(const char* id = "n-0001") {
  return NoticeSource{id, "2026-02-04T10:00:00+08:00", "网安联认证中心", "pkg-1", CaseRules{}};
}

Notice nc_notice(const CaseState& s) {
  auto n = build_notice(s, NoticeKind::Nonconformity, source());
  REQUIRE(n.ok());
  return n.value();
}

Response corrective_response(const Notice& n, const std::string& evidence) {
  Response r;
  r.response_id = "r-0001";
  r.created_at = "2026-02-20T09:00:00+08:00";
  r.notice_id = n.notice_id;
  r.notice_kind = n.kind;
  r.case_id = n.case_id;
  r.organisation = n.organisation;
  r.audit_id = n.audit_id;
  r.answer = answer_for(n);
  r.answer.respondent = "吴静";
  for (CorrectiveAnswer& c : r.answer.corrective_actions) {
    c.cause = "计划缺失";
    c.correction = "补做";
    c.corrective_action = "修订制度";
    c.evidence = {"att-1"};
  }
  r.attachments = {pkgtest::meta("att-1", "演练记录.pdf", evidence)};
  return r;
}

SentNotice sent_of(const Notice& n) {
  return SentNotice{n.notice_id, n.case_id, n.kind, n.created_at, n.audit_id, n.items, "", ""};
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("notices: what the case supports follows its state") {
  CaseFixture f;
  f.to_stage1();
  auto kinds = available_notices(f.state);
  CHECK(kinds == std::vector<NoticeKind>{NoticeKind::Acceptance, NoticeKind::AuditPlan, NoticeKind::Stage1Report});
  auto refused = build_notice(f.state, NoticeKind::Nonconformity, source());
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().rule == "STEP");
  CHECK(refused.error().message_zh.find("不符合项报告") != std::string::npos);

  CaseFixture g = case_with_ncs();
  kinds = available_notices(g.state);
  CHECK(std::count(kinds.begin(), kinds.end(), NoticeKind::Nonconformity) == 1);
  CHECK(std::count(kinds.begin(), kinds.end(), NoticeKind::Observation) == 1);
}

TEST_CASE("notices: the nonconformity report lists each NC with grade and its R2 deadline") {
  CaseFixture f = case_with_ncs();
  const Notice n = nc_notice(f.state);
  CHECK(n.case_id == "C1");
  CHECK(n.application_package_id == "pkg-1");
  CHECK(n.organisation == "北京示例网络安全有限公司");
  REQUIRE(n.items.size() == 2);
  CHECK(n.items[0].id == "NC-1");
  CHECK(n.items[0].clause == "6.2");
  CHECK(n.items[0].grade == "一般");
  CHECK(n.items[1].grade == "严重");
  // R2: six months after stage 2 ended (2026-02-03).
  CHECK(n.items[0].deadline == d("2026-08-03"));
  CHECK(n.deadline == d("2026-08-03"));
  CHECK(n.audit_id == "S2");
  CHECK(notice_file_name(n) == "北京示例网络安全有限公司-不符合项报告-2026-02-04.json");
  CHECK(answers_to(n.kind).front() == ResponseKind::CorrectiveActions);
}

TEST_CASE("notices: export and import round trip; digest tampering is detected") {
  CaseFixture f = case_with_ncs();
  const Notice n = nc_notice(f.state);
  auto text = export_notice(n, kFake);
  REQUIRE_MESSAGE(text.ok(), pkgtest::report(text));
  CHECK(text.value().find("\"format\":\"certdesk.notice-package\"") != std::string::npos);
  auto back = import_notice(text.value(), kFake);
  REQUIRE_MESSAGE(back.ok(), pkgtest::report(back));
  CHECK(back.value().value == n);

  auto tampered = import_notice(replace(text.value(), "应急预案未演练", "应急预案已演练"), kFake);
  REQUIRE_FALSE(tampered.ok());
  CHECK(has(tampered.error(), "INTEGRITY", "digest.value", "通知包在导出后被修改"));
}

TEST_CASE("notices: a malformed notice package reports each problem by its field path") {
  CaseFixture f = case_with_ncs();
  const std::string good = export_notice(nc_notice(f.state), kFake).value();
  struct Bad {
    std::string text;
    const char* rule;
    const char* field;
    const char* message;
  };
  const std::vector<Bad> corpus = {
      {"", "INPUT", "", "文件为空，不是通知包"},
      {good.substr(0, good.size() / 2), "INPUT", "", "截断"},
      {"[1]", "INPUT", "", "通知包应为 JSON 对象"},
      {replace(good, "certdesk.notice-package", "certdesk.application-package"), "FORMAT", "format", "不是 CertDesk 通知包"},
      {replace(good, "\"format_version\":1", "\"format_version\":2"), "FORMAT", "format_version", "不支持的格式版本"},
      {replace(good, "\"kind\":\"nonconformity_report\"", "\"kind\":\"memo\""), "INPUT", "kind", "未知的通知类型"},
      {replace(good, "\"case_id\":\"C1\"", "\"case_id\":7"), "INPUT", "case_id", "应为字符串"},
      {replace(good, "\"issued_on\":\"", "\"issued_on\":\"x"), "INPUT", "content.issued_on", "应为日期"},
      {replace(good, "\"deadline\":\"2026-08-03\"", "\"deadline\":\"2026-02-30\""), "INPUT", "content.deadline", "应为日期"},
      {replace(good, "\"id\":\"NC-1\"", "\"id\":\"\""), "INPUT", "content.items[0].id", "编号不能为空"},
      {replace(good, "\"notice_id\":\"n-0001\"", "\"notice_id\":\"含空格 的编号\""), "INPUT", "notice_id", "应为 1–64"},
      {replace(good, "\"created_at\":\"2026-02-04T10:00:00+08:00\"", "\"created_at\":\"昨天\""), "INPUT", "created_at", "ISO 8601"},
      {replace(good, "\"organisation\":", "\"colour\":\"red\",\"organisation\":"), "INPUT", "colour", "未知字段"},
      {replace(good, "\"attachments\":[]", "\"attachments\":{}"), "INPUT", "attachments", "应为数组"},
      {replace(good, "\"algorithm\":\"SHA-256\"", "\"algorithm\":\"MD5\""), "INPUT", "digest.algorithm", "SHA-256"},
  };
  for (const Bad& b : corpus) {
    auto r = import_notice(b.text, kFake);
    INFO(b.field << " → " << (r.ok() ? std::string("accepted") : dump(r.error())));
    REQUIRE_FALSE(r.ok());
    CHECK(has(r.error(), b.rule, b.field, b.message));
    for (const Problem& p : r.error())
      if (!p.field.empty()) CHECK(p.message_zh.rfind(p.field, 0) == 0);  // the message starts with its path
  }
}

TEST_CASE("responses: corrective actions with evidence round trip, attachment tampering is detected") {
  CaseFixture f = case_with_ncs();
  const Notice n = nc_notice(f.state);
  const std::string evidence = "演练记录 2026-02-15";
  const Response r = corrective_response(n, evidence);
  auto text = export_response(r, n, {evidence}, kFake);
  REQUIRE_MESSAGE(text.ok(), pkgtest::report(text));
  auto back = import_response(text.value(), kFake);
  REQUIRE_MESSAGE(back.ok(), pkgtest::report(back));
  CHECK(back.value().value == r);
  CHECK(back.value().data == AttachmentData{evidence});

  const std::string b64 = certdesk::base64::encode(evidence);
  const std::string other = certdesk::base64::encode("演练记录 2026-02-16");
  auto swapped = import_response(replace(text.value(), b64, other), kFake);
  REQUIRE_FALSE(swapped.ok());
  CHECK(has(swapped.error(), "INTEGRITY", "attachments[0].sha256", "演练记录.pdf"));
}

TEST_CASE("responses: the answer is checked against the notice before export") {
  CaseFixture f = case_with_ncs();
  const Notice n = nc_notice(f.state);
  Response r = corrective_response(n, "x");
  r.answer.corrective_actions.pop_back();  // NC-2 unanswered
  r.answer.corrective_actions[0].cause = "";
  r.answer.corrective_actions[0].evidence = {"att-9"};
  r.answer.respondent = "";
  auto p = prepare_response_export(r, n, {"x"});
  REQUIRE_FALSE(p.ok());
  const Problems& list = p.error();
  CHECK(has(list, "INPUT", "content.corrective_actions", "NC-2 尚未答复"));
  CHECK(has(list, "INPUT", "content.corrective_actions[0].cause", "原因分析"));
  CHECK(has(list, "INTEGRITY", "content.corrective_actions[0].evidence[0]", "att-9"));
  CHECK(has(list, "INPUT", "content.respondent", "答复人"));

  Response survey = corrective_response(n, "x");
  survey.answer.kind = ResponseKind::Survey;
  survey.answer.score = 9;
  CHECK(has(prepare_response_export(survey, n, {"x"}).error(), "INPUT", "content.score", "1 至 5"));
  survey.answer.kind = ResponseKind::RestorationApplication;
  survey.answer.text = "理由";
  CHECK(has(prepare_response_export(survey, n, {"x"}).error(), "INPUT", "content.kind", "不接受"));
}

TEST_CASE("responses: a malformed response package reports each problem by its field path") {
  CaseFixture f = case_with_ncs();
  const Notice n = nc_notice(f.state);
  const std::string good = export_response(corrective_response(n, "证据"), n, {"证据"}, kFake).value();
  struct Bad {
    std::string text;
    const char* rule;
    const char* field;
    const char* message;
  };
  const std::vector<Bad> corpus = {
      {replace(good, "certdesk.response-package", "certdesk.notice-package"), "FORMAT", "format", "不是 CertDesk 答复包"},
      {replace(good, "\"kind\":\"corrective_actions\"", "\"kind\":\"praise\""), "INPUT", "content.kind", "未知的答复类型"},
      {replace(good, "\"score\":0", "\"score\":\"5\""), "INPUT", "content.score", "应为整数"},
      {replace(good, "\"evidence\":[\"att-1\"]", "\"evidence\":\"att-1\""), "INPUT", "content.corrective_actions[0].evidence", "应为数组"},
      {replace(good, "\"evidence\":[\"att-1\"]", "\"evidence\":[\"att-7\"]"), "INTEGRITY", "content.corrective_actions[0].evidence[0]", "不在附件列表中"},
      {replace(good, "\"major\":false", "\"major\":null"), "INPUT", "content.change.major", "true 或 false"},
      {replace(good, "\"size\":6", "\"size\":-6"), "INPUT", "attachments[0].size", "非负整数"},
      {replace(good, "\"notice_kind\":\"nonconformity_report\"", "\"notice_kind\":\"decision\""), "INPUT", "content.kind", "不接受"},
      {replace(good, "\"respondent\":\"吴静\"", "\"respondent\":\" \""), "INPUT", "content.respondent", "答复人"},
  };
  for (const Bad& b : corpus) {
    auto r = import_response(b.text, kFake);
    INFO(b.field << " → " << (r.ok() ? std::string("accepted") : dump(r.error())));
    REQUIRE_FALSE(r.ok());
    CHECK(has(r.error(), b.rule, b.field, b.message));
  }
}

TEST_CASE("responses: the body turns a response into the commands its forms would run") {
  CaseFixture f = case_with_ncs();
  const Notice n = nc_notice(f.state);
  const Response r = corrective_response(n, "x");
  std::vector<SentNotice> sent{sent_of(n)};
  auto planned = response_commands(r, f.state, sent, {"r-0001-att-1"});
  REQUIRE_MESSAGE(planned.ok(), dump(planned.error()));
  REQUIRE(planned.value().size() == 2);
  const auto* first = std::get_if<RecordCorrectiveAction>(&planned.value()[0].command);
  REQUIRE(first);
  CHECK(first->id == "NC-1");
  CHECK(first->evidence_refs == std::vector<std::string>{"r-0001-att-1"});
  CHECK(planned.value()[0].by_applicant);
  // The domain accepts them as the applicant (its rules still apply: R2 deadline, roles).
  for (const PlannedCommand& c : planned.value()) f.ok(certdesk::testing::applicant(), "2026-02-20", c.command);
  CHECK(f.state.findings[0].corrective_action == "修订制度");
  CHECK(f.state.findings[0].evidence_refs == std::vector<std::string>{"r-0001-att-1"});
  // …and past the R2 deadline the domain refuses, with its rule id.
  CaseFixture late = case_with_ncs();
  auto again = response_commands(r, late.state, sent, {"a"});
  REQUIRE(again.ok());
  CHECK(late.refused(certdesk::testing::applicant(), "2026-08-10", again.value()[0].command) == "R2");
}

TEST_CASE("responses: unknown case, unknown notice and an answered notice are refused") {
  CaseFixture f = case_with_ncs();
  const Notice n = nc_notice(f.state);
  Response r = corrective_response(n, "x");
  SentNotice s = sent_of(n);

  Response other_case = r;
  other_case.case_id = "C9";
  CHECK(has(response_commands(other_case, f.state, {s}, {"a"}).error(), "UNKNOWN", "case_id", "C9"));
  CHECK(has(response_commands(r, f.state, {}, {"a"}).error(), "UNKNOWN", "notice_id", "没有向案件 C1 发出过"));
  s.answered_by = "r-0000";
  s.answered_on = "2026-02-18T10:00:00+08:00";
  CHECK(has(response_commands(r, f.state, {s}, {"a"}).error(), "DUPLICATE", "notice_id", "已于 2026-02-18 由答复包 r-0000 答复"));
}

TEST_CASE("responses: each kind of answer becomes its command") {
  CaseFixture f;
  f.to_certificate();
  f.ok(certdesk::testing::division(), "2026-03-02", Suspend{StatusGround::ClientRequest, 0, "应组织要求"});
  auto n = build_notice(f.state, NoticeKind::Suspension, source("n-s"));
  REQUIRE(n.ok());
  CHECK(n.value().certificate_number == "CD-2026-001");
  CHECK(n.value().deadline.has_value());  // R8: suspended until
  const SentNotice sent = sent_of(n.value());
  Response r;
  r.response_id = "r-s";
  r.created_at = "2026-03-10T09:00:00+08:00";
  r.notice_id = "n-s";
  r.notice_kind = NoticeKind::Suspension;
  r.case_id = "C1";
  r.organisation = "北京示例网络安全有限公司";
  r.answer.respondent = "吴静";
  r.answer.kind = ResponseKind::RestorationApplication;
  r.answer.text = "问题已整改";
  auto restore = response_commands(r, f.state, {sent}, {});
  REQUIRE(restore.ok());
  const auto* form = std::get_if<RecordForm>(&restore.value()[0].command);
  REQUIRE(form);
  CHECK(form->code == "QP-21-24");
  CHECK(form->fields["reason"] == "问题已整改");

  r.answer.kind = ResponseKind::Appeal;
  r.answer.text = "不同意暂停";
  auto appeal = response_commands(r, f.state, {sent}, {});
  REQUIRE(appeal.ok());
  const auto* reg = std::get_if<RegisterComplaint>(&appeal.value()[0].command);
  REQUIRE(reg);
  CHECK(reg->kind == ComplaintKind::Appeal);
  CHECK(reg->id == "CP-1");
  CHECK_FALSE(appeal.value()[0].by_applicant);  // §8: the body registers it
}
