// The app core's printing, natively, through the fake edge (issue 16, issue 7 items 1 and 4): a
// case's form goes to a print window (OpenPrintWindow), or, when the browser blocks the window,
// is downloaded as the same HTML document; the public register downloads as JSON and HTML.
#include "tests/app_core/fake_edge.hpp"
// The case script leaves Context's last member to its default (-Wextra would say so here).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#include "tests/ui/scripted_store.hpp"
#pragma GCC diagnostic pop

using namespace coretest;

TEST_CASE("print: a case's form opens in a print window; a blocked window downloads the same document") {
  FakeEdge body;
  const std::string case_id = body_with_case(body, {"marketing"});
  body.ok({{"type", "OpenCase"}, {"case_id", case_id}});
  const json forms = body.state()["print"]["forms"];
  REQUIRE(!forms.empty());
  const std::string code = forms[0]["code"];
  CHECK(code == "QP-21-01");  // a new case starts with the application form (§6.1)

  body.ok({{"type", "PrintForm"}, {"case", case_id}, {"index", 0}});
  REQUIRE(body.prints.size() == 1);
  const OpenPrintWindow& w = body.prints[0];
  CHECK(w.title.rfind("WAL-QP-21-01 ", 0) == 0);
  CHECK(w.html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(w.html.find("案件：<bdi>" + case_id + "</bdi>") != std::string::npos);
  CHECK(w.html.find("北京安信网络科技有限公司") != std::string::npos);  // filled from the case
  CHECK(body.info() == "已在新窗口中打开“" + w.title + "”，可在那里打印或另存为 PDF。");
  CHECK(body.downloads.empty());
  const json last = body.state()["print"]["last"];
  CHECK(last["code"] == code);
  CHECK(last["title"] == w.title);
  CHECK(last["bytes"] == w.html.size());

  // The browser blocks the window: the same document is offered as a file, and the message says so.
  body.block_print_windows = true;
  body.ok({{"type", "PrintForm"}, {"case", case_id}, {"index", 0}});
  REQUIRE(body.prints.size() == 2);
  REQUIRE(body.downloads.size() == 1);
  const OfferDownload& d = body.downloads[0];
  CHECK(d.name == case_id + "-QP-21-01.html");
  CHECK(d.media_type == "text/html;charset=utf-8");
  CHECK(d.bytes == body.prints[1].html);
  CHECK(d.bytes == w.html);
  CHECK(body.info() == "浏览器阻止了打印窗口，已改为下载“" + d.name + "”，用浏览器打开后即可打印。");
}

TEST_CASE("print: a form being edited prints its own fields, escaped; bad requests are refused by name") {
  FakeEdge body;
  const std::string case_id = body_with_case(body, {"marketing"});
  body.ok({{"type", "PrintForm"}, {"case", case_id}, {"code", "QP-21-13"},
           {"fields", {{"organisation", "<script>alert(1)</script>安信"}}}});
  REQUIRE(body.prints.size() == 1);
  const std::string& html = body.prints[0].html;
  CHECK(body.prints[0].title.rfind("WAL-QP-21-13 ", 0) == 0);
  CHECK(html.find("<script>alert(1)</script>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;安信") != std::string::npos);

  const auto refused = [&](const json& command, const std::string& message) {
    const std::size_t prints = body.prints.size();
    const json r = body.dispatch(command);
    CHECK_FALSE(r.value("ok", true));
    CHECK(body.error() == message);
    CHECK(body.prints.size() == prints);
    CHECK(body.downloads.empty());
  };
  refused({{"type", "PrintForm"}, {"case", case_id}, {"index", 40}}, "index：案件 " + case_id + " 没有第 41 份表单");
  refused({{"type", "PrintForm"}, {"case", case_id}, {"code", "QP-99-99"}}, "code：未知的表单编号 QP-99-99");
  refused({{"type", "PrintForm"}, {"case", "C2099-999"}, {"index", 0}}, "没有编号为“C2099-999”的案件");
  body.ok({{"type", "SetMode"}, {"mode", "applicant"}});
  refused({{"type", "PrintForm"}, {"case", case_id}, {"index", 0}}, "只有认证机构可以打印案件表单");
  refused({{"type", "ExportRegister"}}, "只有认证机构可以导出证书公示");
}

TEST_CASE("print: the public register downloads as two files, JSON and HTML, with every certificate") {
  // A body's store of scripted cases, some of which hold certificates (tests/ui/scripted_store.hpp).
  MemoryStore scripted;
  auto cal = WorkCalendar::from_json(read_data_json("domain/data/holidays-cn.json"));
  REQUIRE(cal.ok());
  certdesk::testing::write_scripted_cases(scripted, cal.value(), 6);
  FakeEdge body(scripted.files);
  as_body_staff(body, {"division"});  // the division suspends (§6.7.3.2; others are refused, P-ROLE)
  REQUIRE(body.state()["cases"].size() == 6);
  // A suspension made today is public at once (§6.7.3, R8: 3 months).
  body.step("C2025-0002", {{"type", "Suspend"}, {"ground", "client_request"}, {"months", 3}, {"note", "获证组织申请"}});

  body.ok({{"type", "ExportRegister"}});
  REQUIRE(body.downloads.size() == 2);
  const OfferDownload& j = body.downloads[0];
  const OfferDownload& h = body.downloads[1];
  CHECK(j.name == "certificate-register-2026-03-02.json");
  CHECK(j.media_type == "application/json");
  CHECK(h.name == "certificate-register-2026-03-02.html");
  CHECK(h.media_type == "text/html;charset=utf-8");
  const json reg = json::parse(j.bytes);
  CHECK(reg["format"] == "certdesk.certificate-register");
  const json certs = reg["certificates"];
  REQUIRE(certs.size() > 0);
  CHECK(certs.size() <= 6);
  for (const json& c : certs) {
    INFO(c.dump());
    CHECK(h.bytes.find(c["certificate_no"].get<std::string>()) != std::string::npos);  // the page lists each one
  }
  std::vector<json> suspended;
  for (const json& c : certs)
    if (c["status"] == "suspended") suspended.push_back(c);
  REQUIRE(suspended.size() == 1);
  CHECK(suspended[0]["status_changed_on"] == "2026-03-02");
  CHECK(body.info() == "已导出证书公示（" + std::to_string(certs.size()) + " 张证书）：“" + j.name + "”和“" + h.name +
                           "”，可直接发布到机构的静态网站。");
}
