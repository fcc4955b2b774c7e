// The app core's notice flows, natively, through two fake edges (issue 16, issue 7): the body asks
// for a supplement (R17) and exports the notice; the applicant imports it through the picker,
// answers it with a document and exports the response; the body imports the response into the
// case. A tampered notice or response is refused and leaves the store as it was.
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
