// The app core's package flows, natively, through the fake edge (issue 16): an applicant re-opens
// a package and exports the final one; the body imports it as a case. Every hash goes out as an
// effect and comes back as a result; every file the user would choose comes through the picker.
#include "tests/app_core/fake_edge.hpp"

using namespace coretest;

TEST_CASE("applicant: a package re-opened through the picker, then exported as the final package") {
  FakeEdge applicant;
  applicant.ok({{"type", "SetMode"}, {"mode", "applicant"}});
  applicant.ok({{"type", "Reopen"}});
  REQUIRE(applicant.picks.size() == 1);
  CHECK(applicant.picks[0].accept == ".json,application/json");
  applicant.pick("reopen", "申请包.json", "application/json", package_text());
  INFO(applicant.error());
  CHECK(applicant.info().find("已打开申请包") != std::string::npos);
  CHECK(applicant.hashed_blobs >= 3);  // the canonical content and both attachments
  // The attachments' bytes are in the store, the draft refers to them.
  const json draft = applicant.state()["model"]["applicant"]["content"];
  CHECK(draft["application"]["organisation"]["name"] == "北京安信网络科技有限公司");
  CHECK(applicant.store.files.count("applicant/att/att-1") == 1);

  applicant.ok({{"type", "Export"}, {"kind", "final"}});
  const OfferDownload& out = applicant.last_download();
  CHECK(out.media_type == "application/json");
  CHECK(out.name.find(".json") != std::string::npos);
  CHECK(applicant.info().find("申请包已导出") != std::string::npos);
  CHECK(!applicant.core.busy());
  // The package verifies: the domain's import accepts it with its own hashes.
  CHECK(package_verifies(out.bytes));
}

TEST_CASE("applicant: a final export of an incomplete application is refused and nothing is downloaded") {
  FakeEdge applicant;
  applicant.ok({{"type", "SetMode"}, {"mode", "applicant"}});
  applicant.dispatch({{"type", "Export"}, {"kind", "final"}});
  CHECK(applicant.downloads.empty());
  CHECK(applicant.error().find("申请尚不完整") != std::string::npos);
  // A draft can always be exported.
  applicant.ok({{"type", "Export"}, {"kind", "draft"}});
  CHECK(applicant.downloads.size() == 1);
}

TEST_CASE("body: an application package imported through the picker becomes a case; a damaged one changes nothing") {
  FakeEdge body;
  as_body_staff(body, {"quality_control", "marketing"});
  body.ok({{"type", "ImportPackage"}});
  body.pick("import", "申请包.json", "application/json", package_text());
  INFO(body.error());
  CHECK(body.info().find("已导入申请包：新建案件") != std::string::npos);
  REQUIRE(body.state()["cases"].size() == 1);
  const std::size_t files = body.store.files.size();

  // The same bytes with one character of an attachment changed: refused with the reason, no case.
  std::string damaged = package_text("6a1d7b5f-3c2e-4d9f-8b80-4f3e2d1c0b99");
  const std::size_t at = damaged.find("\"data_base64\": \"") != std::string::npos ? damaged.find("\"data_base64\": \"") + 17
                                                                                   : damaged.find("\"data_base64\":\"") + 16;
  damaged[at] = damaged[at] == 'A' ? 'B' : 'A';
  body.ok({{"type", "ImportPackage"}});
  body.pick("import", "坏的申请包.json", "application/json", damaged);
  CHECK(body.error().find("申请包未导入") != std::string::npos);
  CHECK(body.state()["cases"].size() == 1);
  CHECK(body.store.files.size() == files);
  CHECK(!body.core.busy());
}

TEST_CASE("the picker's failure is reported and the app is not left busy") {
  FakeEdge body;
  as_body_staff(body, {"quality_control"});
  body.ok({{"type", "ImportPackage"}});
  body.core.on(FilePickFailed{"import", "文件过大"});
  body.settle();
  CHECK(body.error() == "无法读取所选文件：文件过大");
  CHECK(!body.core.busy());
}

TEST_CASE("a result for an op the core does not know (from before a reload) is ignored") {
  FakeEdge body;
  body.core.on(HashesDone{4711, {std::string(64, 'a')}, ""});
  body.core.on(PrintOpened{4711, true});
  body.settle();
  CHECK(body.info().empty());
  CHECK(body.error().empty());
}
