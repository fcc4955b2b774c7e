// The app core's notice flows, natively, through two fake edges (issue 16, issue 7): the body asks
// for a supplement (R17) and exports the notice; the applicant imports it through the picker,
// answers it with a document and exports the response; the body imports the response into the
// case. A tampered notice or response is refused and leaves the store as it was.
#include <algorithm>

#include "tests/app_core/fake_edge.hpp"

using namespace coretest;

namespace {

const char* const kOrg = "北京安信网络科技有限公司";
const std::string kDocument = std::string("营业执照副本（加盖公章）。") + std::string(200, 'x') + std::string("\x00\xff", 2);

// The body's side up to the exported notice: a case with an open supplement request (R17).
struct BodyWithNotice {
  FakeEdge body;
  std::string case_id;
  std::string notice;  // the notice package's text, as downloaded

  BodyWithNotice() {
    case_id = body_with_case(body, {"quality_control", "marketing"});
    body.step(case_id, {{"type", "RequestSupplement"}, {"items", {"营业执照副本（加盖公章）"}}});
    body.ok({{"type", "ExportNotice"}, {"case", case_id}, {"kind", "supplement_request"}});
    notice = body.last_download().bytes;
  }
};

// An applicant who imported `notice` through the picker: its notice id.
std::string import_notice(FakeEdge& applicant, const std::string& notice) {
  applicant.ok({{"type", "SetMode"}, {"mode", "applicant"}});
  applicant.ok({{"type", "SetProfileName"}, {"name", "吴静"}});
  applicant.ok({{"type", "ImportNotice"}});
  applicant.pick("notice", "通知.json", "application/json", notice);
  INFO(applicant.error());
  const json inbox = applicant.state()["notices"]["inbox"];
  REQUIRE(inbox.size() == 1);
  return inbox[0]["notice_id"].get<std::string>();
}

// The applicant's answer with one document and a note, exported: the response package's text.
std::string answer_and_export(FakeEdge& applicant, const std::string& id) {
  applicant.ok({{"type", "AttachToAnswer"}, {"notice", id}});
  applicant.pick("answer:" + id + ":", "营业执照副本.pdf", "application/pdf", kDocument);
  INFO(applicant.error());
  json answer = applicant.state()["notices"]["inbox"][0]["answer"];
  answer["text"] = "副本已加盖公章";
  applicant.ok({{"type", "AnswerNotice"}, {"notice", id}, {"answer", answer}});
  applicant.ok({{"type", "ExportResponse"}, {"notice", id}});
  return applicant.last_download().bytes;
}

// The text with its first `from` replaced by `to` (the digest is left as it was).
std::string tampered(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("notices: a supplement request goes to the applicant, is answered with a document and comes back into the case") {
  BodyWithNotice b;
  FakeEdge& body = b.body;
  // The notice as downloaded: named for the organisation, recorded as sent and not answered.
  const OfferDownload& sent = body.last_download();
  CHECK(sent.name == std::string(kOrg) + "-补充材料通知-2026-03-02.json");
  CHECK(sent.media_type == "application/json");
  const json pkg = json::parse(b.notice);
  CHECK(pkg["format"] == "certdesk.notice-package");
  CHECK(pkg["case_id"] == b.case_id);
  REQUIRE(pkg["content"]["items"].size() == 1);
  CHECK(pkg["content"]["items"][0]["description"] == "营业执照副本（加盖公章）");
  CHECK(body.info().find("补充材料通知已导出为“" + sent.name + "”") != std::string::npos);
  json s = body.state();
  REQUIRE(s["notices"]["sent"].size() == 1);
  CHECK(s["notices"]["sent"][0]["answered_by"] == "");
  CHECK(body.store.files.count("records/notices.json") == 1);

  // A kind the case's step has nothing to say about is refused with the reason, nothing sent.
  const std::size_t downloads = body.downloads.size();
  const json early = body.dispatch({{"type", "ExportNotice"}, {"case", b.case_id}, {"kind", "decision"}});
  CHECK_FALSE(early.value("ok", true));
  CHECK(body.error().find("没有可发出的认证决定通知") != std::string::npos);
  CHECK(body.downloads.size() == downloads);
  CHECK(body.state()["notices"]["sent"].size() == 1);

  // The applicant imports it through the picker.
  FakeEdge applicant;
  const std::string id = import_notice(applicant, b.notice);
  CHECK(applicant.picks.back().accept == ".json,application/json");
  CHECK(applicant.info().find("已导入补充材料通知") != std::string::npos);
  CHECK(applicant.info().find("案件 " + b.case_id) != std::string::npos);
  CHECK(applicant.info().find("答复期限 ") != std::string::npos);
  json n = applicant.state()["notices"]["inbox"][0];
  CHECK(n["kind"] == "supplement_request");
  CHECK(n["answer"]["kind"] == "supplement");
  CHECK(n["answer"]["respondent"] == "吴静");
  CHECK(applicant.store.files.count("applicant/notices.json") == 1);

  // The same notice again is recognised and changes nothing.
  const auto inbox_before = applicant.store.files;
  applicant.ok({{"type", "ImportNotice"}});
  applicant.pick("notice", "通知.json", "application/json", b.notice);
  CHECK(applicant.error().find("已收到过此通知") != std::string::npos);
  CHECK(applicant.state()["notices"]["inbox"].size() == 1);
  CHECK(applicant.store.files == inbox_before);

  // A supplement without a document cannot be exported yet: the field is named, nothing downloaded.
  const json bare = applicant.dispatch({{"type", "ExportResponse"}, {"notice", id}});
  CHECK_FALSE(bare.value("ok", true));
  CHECK(applicant.error().find("答复尚不能导出") != std::string::npos);
  CHECK(applicant.error().find("须至少附一份补充材料") != std::string::npos);
  CHECK(applicant.downloads.empty());

  // Answered with a document (through the picker) and a note, then exported.
  const std::string response = answer_and_export(applicant, id);
  n = applicant.state()["notices"]["inbox"][0];
  REQUIRE(n["attachments"].size() == 1);
  CHECK(n["attachments"][0]["name"] == "营业执照副本.pdf");
  CHECK(n["answer"]["documents"] == json::array({"att-1"}));
  CHECK(applicant.store.files.at("applicant/notice-att/" + id + "/att-1") == kDocument);
  const OfferDownload& out = applicant.last_download();
  CHECK(out.name == std::string(kOrg) + "-补充材料通知答复-2026-03-02.json");
  CHECK(applicant.info() == "答复包已导出为“" + out.name + "”，请发送给认证机构。");
  CHECK(n["exported"].get<std::string>().rfind(out.name, 0) == 0);
  const json rp = json::parse(response);
  CHECK(rp["format"] == "certdesk.response-package");
  CHECK(rp["notice_id"] == id);
  CHECK(rp["case_id"] == b.case_id);

  // The body imports the response: the supplement is answered in the case with the document.
  const json before = body.state()["cases"][0];
  body.ok({{"type", "ImportResponse"}});
  body.pick("response", "答复.json", "application/json", response);
  INFO(body.error());
  CHECK(body.info() == std::string("已导入") + kOrg + "的答复（补充材料）到案件 " + b.case_id + "：办理 1 项，附件 1 份。");
  s = body.state();
  CHECK(s["cases"][0]["attachments"] == before["attachments"].get<int>() + 1);
  CHECK(s["cases"][0]["events"] == before["events"].get<int>() + 1);
  CHECK(s["notices"]["sent"][0]["answered_by"] == rp["response_id"]);
  body.ok({{"type", "OpenCase"}, {"case_id", b.case_id}});
  const json c = body.state()["board"]["open"]["case"];
  INFO(c.dump());
  const json cycle = c["cycles"].back();
  REQUIRE(cycle["supplements"].size() == 1);
  CHECK(cycle["supplements"][0]["answered_on"] == "2026-03-02");
  const json docs = cycle["application"]["documents"];
  REQUIRE(docs.size() >= 2);
  CHECK(docs[docs.size() - 1] == "说明：副本已加盖公章");
  // The document is kept with the case byte for byte (downloaded as the workspace does).
  const std::string att = docs[docs.size() - 2].get<std::string>();
  body.ok({{"type", "DownloadAttachment"}, {"case_id", b.case_id}, {"attachment_id", att}});
  CHECK(body.last_download().name == "营业执照副本.pdf");
  CHECK(body.last_download().bytes == kDocument);

  // A second import of the same response is refused: the notice is answered; nothing changes.
  const auto files = body.store.files;
  body.ok({{"type", "ImportResponse"}});
  body.pick("response", "答复.json", "application/json", response);
  CHECK(body.error().find("答复包未导入") != std::string::npos);
  CHECK(body.error().find("DUPLICATE") != std::string::npos);
  CHECK(body.store.files == files);
}

TEST_CASE("notices: a tampered notice or response is refused in Chinese and the store is unchanged") {
  BodyWithNotice b;
  FakeEdge applicant;
  applicant.ok({{"type", "SetMode"}, {"mode", "applicant"}});
  applicant.ok({{"type", "SetProfileName"}, {"name", "吴静"}});

  // The notice's item changed after it was sealed: its digest no longer matches.
  const auto applicant_files = applicant.store.files;
  applicant.ok({{"type", "ImportNotice"}});
  applicant.pick("notice", "通知.json", "application/json", tampered(b.notice, "营业执照副本（加盖公章）", "营业执照正本（加盖公章）"));
  CHECK(applicant.error().find("通知未导入") != std::string::npos);
  CHECK(applicant.error().find("内容摘要不符，通知包在导出后被修改或已损坏") != std::string::npos);
  CHECK(applicant.error().find("INTEGRITY") != std::string::npos);
  CHECK(applicant.info().empty());
  CHECK(applicant.state()["notices"]["inbox"].empty());
  CHECK(applicant.store.files == applicant_files);
  CHECK(!applicant.core.busy());

  // The genuine notice is answered; the response's note is changed on the way back.
  const std::string id = import_notice(applicant, b.notice);
  const std::string response = answer_and_export(applicant, id);
  const auto body_files = b.body.store.files;
  const json before = b.body.state()["cases"];
  b.body.ok({{"type", "ImportResponse"}});
  b.body.pick("response", "答复.json", "application/json", tampered(response, "副本已加盖公章", "副本未加盖公章"));
  CHECK(b.body.error().find("答复包未导入") != std::string::npos);
  CHECK(b.body.error().find("内容摘要不符") != std::string::npos);
  CHECK(b.body.error().find("INTEGRITY") != std::string::npos);
  CHECK(b.body.info().empty());
  CHECK(b.body.state()["cases"] == before);
  CHECK(b.body.state()["notices"]["sent"][0]["answered_by"] == "");
  CHECK(b.body.store.files == body_files);
  CHECK(!b.body.core.busy());

  // The same answer, untouched, is then accepted (the refusal left nothing behind).
  b.body.ok({{"type", "ImportResponse"}});
  b.body.pick("response", "答复.json", "application/json", response);
  CHECK(b.body.info().find("已导入") != std::string::npos);
  CHECK(b.body.error().empty());
}

namespace {

// The hook's actAs (tests/e2e/harness.mjs): the profile's name, and exactly these roles.
void act_as(FakeEdge& e, const char* name, std::initializer_list<std::string> roles) {
  e.ok({{"type", "SetProfileName"}, {"name", name}});
  for (const char* r : {"quality_control", "marketing", "division", "project_manager", "team_leader", "auditor",
                        "technical_expert", "reviewer", "decision_maker", "management_rep"})
    e.ok({{"type", "SetProfileRole"}, {"role", r}, {"held", std::find(roles.begin(), roles.end(), r) != roles.end()}});
}

// The edge's day `offset` days from kNow (2026-03-02).
std::string day(int offset) { return Date{2026, 3, 2}.add_days(offset).iso(); }

}  // namespace

TEST_CASE("notices: a nonconformity report is answered with a corrective action and its evidence, recorded in the case") {
  // The steps of tests/e2e/notices.test.mjs: the case taken to stage 2 with one NC.
  FakeEdge body;
  const std::string case_id = body_with_case(body, {"marketing"});
  act_as(body, "钱质控", {"quality_control"});
  body.step(case_id, {{"type", "AcceptApplication"}, {"person_days", 5}, {"stage1_days", 1}, {"stage2_days", 4},
                      {"justification", "120 人：5 人日"}});
  act_as(body, "赵事业部", {"division"});
  body.step(case_id, {{"type", "ApproveReview"}, {"quote", 36000}});
  act_as(body, "周敏", {"marketing"});
  body.step(case_id, {{"type", "SignContract"}, {"number", "HT-2026-031"}, {"price", 36000}});
  act_as(body, "孙项目", {"project_manager"});
  body.step(case_id, {{"type", "AssignTeam"},
                      {"members", {{{"user_id", "张组长"}, {"name", "张组长"}, {"role", "leader"}, {"registration_no", "REG-1"}},
                                   {{"user_id", "李审核"}, {"name", "李审核"}, {"role", "auditor"}, {"registration_no", "REG-2"}}}}});
  act_as(body, "张组长", {"team_leader", "auditor"});
  body.step(case_id, {{"type", "PlanAudit"}, {"stage", "stage1"}, {"planned_start", day(-20)}, {"plan_sent_on", day(-25)}});
  body.step(case_id, {{"type", "ConcludeStage1"}, {"start", day(-20)}, {"end", day(-19)}, {"ready", true}});
  body.step(case_id, {{"type", "PlanAudit"}, {"stage", "stage2"}, {"planned_start", day(-10)}, {"plan_sent_on", day(-15)}});
  body.step(case_id, {{"type", "ConductStage2"}, {"start", day(-10)}, {"end", day(-9)}, {"commitments", {"张组长", "李审核"}}});
  body.step(case_id, {{"type", "RaiseNonconformity"}, {"id", "NC-1"}, {"audit_id", "S2"}, {"clause", "6.2"},
                      {"description", "应急预案未按年度计划演练"}, {"major", false}});

  body.ok({{"type", "ExportNotice"}, {"case", case_id}, {"kind", "nonconformity_report"}});
  CHECK(body.last_download().name == std::string(kOrg) + "-不符合项报告-2026-03-02.json");
  const json pkg = json::parse(body.last_download().bytes);
  REQUIRE(pkg["content"]["items"].size() == 1);
  CHECK(pkg["content"]["items"][0]["id"] == "NC-1");
  CHECK(pkg["content"]["items"][0]["grade"] == "一般");
  CHECK(pkg["content"]["items"][0]["deadline"] == Date{2026, 3, 2}.add_days(-9).add_months(6).iso());  // R2: from the end of stage 2

  FakeEdge applicant;
  const std::string id = import_notice(applicant, body.last_download().bytes);
  json n = applicant.state()["notices"]["inbox"][0];
  CHECK(n["kind"] == "nonconformity_report");
  CHECK(n["answer"]["kind"] == "corrective_actions");
  CHECK(n["overdue"] == false);
  // Not answered yet: the export names the missing cause by its path.
  CHECK_FALSE(applicant.dispatch({{"type", "ExportResponse"}, {"notice", id}}).value("ok", true));
  CHECK(applicant.error().find("corrective_actions[0].cause") != std::string::npos);

  json answer = n["answer"];
  answer["corrective_actions"] = {{{"nc_id", "NC-1"}, {"cause", "年度演练计划未落实到责任人"}, {"correction", "已于本月补做应急演练"},
                                   {"corrective_action", "修订年度演练计划，明确责任人并纳入考核"}, {"evidence", json::array()}}};
  applicant.ok({{"type", "AnswerNotice"}, {"notice", id}, {"answer", answer}});
  applicant.ok({{"type", "AttachToAnswer"}, {"notice", id}, {"nc", "NC-1"}});
  const std::string evidence = "2026 年应急演练记录：演练方案、签到表、总结报告。";
  applicant.pick("answer:" + id + ":NC-1", "应急演练记录.pdf", "application/pdf", evidence);
  CHECK(applicant.info() == "已添加不符合项 NC-1 的证据“应急演练记录.pdf”（" + std::to_string(evidence.size()) + " 字节）。");
  n = applicant.state()["notices"]["inbox"][0];
  CHECK(n["answer"]["corrective_actions"][0]["evidence"] == json::array({"att-1"}));
  applicant.ok({{"type", "ExportResponse"}, {"notice", id}});
  CHECK(applicant.last_download().name == std::string(kOrg) + "-不符合项报告答复-2026-03-02.json");

  act_as(body, "周敏", {"marketing"});
  body.ok({{"type", "ImportResponse"}});
  body.pick("response", "答复.json", "application/json", applicant.last_download().bytes);
  INFO(body.error());
  CHECK(body.info() == std::string("已导入") + kOrg + "的答复（纠正措施）到案件 " + case_id + "：办理 1 项，附件 1 份。");
  body.ok({{"type", "OpenCase"}, {"case_id", case_id}});
  const json findings = body.state()["board"]["open"]["case"]["findings"];
  REQUIRE(findings.size() == 1);
  CHECK(findings[0]["corrective_action"] == "修订年度演练计划，明确责任人并纳入考核");
  REQUIRE(findings[0]["evidence_refs"].size() == 1);
  body.ok({{"type", "DownloadAttachment"}, {"case_id", case_id}, {"attachment_id", findings[0]["evidence_refs"][0]}});
  CHECK(body.last_download().bytes == evidence);
}

