// Form catalogue, prefill and the printed HTML (issue 7 item 1).
#include <doctest/doctest.h>

#include <set>

#include "domain/forms.hpp"
#include "case_fixture.hpp"
#include "tests/support/case_script.hpp"

using namespace certdesk;
using namespace certdesk::forms;
using certdesk::testing::d;
using nlohmann::json;

namespace {

const WorkCalendar& calendar() {
  static const WorkCalendar cal = certdesk::testing::shipped_calendar();
  return cal;
}

CaseState scripted(std::size_t events, bool extras = true) {
  return fold(script::scripted_case(calendar(), 7, "C2026-007", events, extras));
}

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("the catalogue holds every form of the brief's table, each known to RecordForm") {
  const std::set<std::string> table = {
      "QP-21-01", "QP-21-02", "ACCEPTANCE-NOTICE", "QP-21-03", "QP-21-04", "QP-21-05A", "QP-21-05B", "QP-21-06",
      "QP-21-07", "QP-21-08", "QP-21-09", "QP-21-10", "QP-21-11", "QP-21-12", "QP-21-13", "QP-21-14", "QP-21-15",
      "QP-21-16", "QP-21-17", "QP-21-18", "QP-21-19", "QP-21-20", "QP-21-21", "QP-21-22", "QP-21-23", "QP-21-24",
      "QP-21-25", "QP-21-26", "IP-11-01", "IP-11-02", "IP-11-03", "REMOTE-AGREEMENT"};
  std::set<std::string> seen;
  CaseState s = scripted(20);
  for (const FormSpec& f : form_catalogue()) {
    INFO(f.code);
    CHECK(seen.insert(f.code).second);
    CHECK_FALSE(f.fields.empty());
    CHECK_FALSE(f.signatures.empty());
    std::set<std::string> keys;
    for (const FieldSpec& fs : f.fields) {
      CHECK(keys.insert(fs.key).second);
      CHECK((fs.kind == FieldKind::Rows) == !fs.columns.empty());
    }
    // The domain keeps any of them with the case.
    CHECK(decide(s, RecordForm{f.code, prefill(f, s, {nullptr, d("2026-05-01")})},
                 Context{{"qc", "质控", {Role::Quality}}, d("2026-05-01"), &calendar(), {}})
              .ok());
  }
  CHECK(seen == table);
  CHECK(find_form("QP-99") == nullptr);
}

TEST_CASE("prefill starts every field from what the case knows") {
  const CaseState s = scripted(60);
  const PrefillInput in{nullptr, d("2026-05-01")};
  for (const FormSpec& f : form_catalogue()) {
    const json v = prefill(f, s, in);
    INFO(f.code);
    CHECK(v.size() == f.fields.size());
    CHECK(validate_fields(f, v).ok());
  }
  const json app = prefill(*find_form("QP-21-01"), s, in);
  CHECK(app["organisation"] == "测试组织7网络科技有限公司");
  CHECK(app["credit_code"] == "91110000MA0123456P");
  CHECK(app["scope"] == json::array({json::array({"RA", "一级"})}));
  CHECK(app["sites"][0][1] == "北京市海淀区办公地址");
  const json review = prefill(*find_form("QP-21-02"), s, in);
  CHECK(review["person_days"] == "4");
  CHECK(review["justification"] == "附录A");
  const json nc = prefill(*find_form("QP-21-13"), s, in);  // the latest NC, closed in time
  CHECK(nc["nc_id"] == "NC-2");
  CHECK(nc["cause"] == "原因");
  CHECK(nc["evidence"] == "E");
  CHECK(nc["verification"] == "有效");
  CHECK_FALSE(nc["verified_on"].get<std::string>().empty());
  const json cert = prefill(*find_form("QP-21-17"), s, in);
  CHECK(cert["certificate_no"] == "CD-7");
  CHECK(cert["organisation"] == "新名称7");  // the name change (26) replaced the certificate's name
  const json team = prefill(*find_form("QP-21-04"), s, in);
  CHECK(team["team"][0] == json::array({"组长", "审核组长", ""}));
  const json complaint = prefill(*find_form("IP-11-02"), s, in);
  CHECK(complaint["complaint_id"] == "CP-1");
  CHECK(complaint["outcome"] == "处理");
  // An early case knows less: the fields are there, empty.
  const json early = prefill(*find_form("QP-21-17"), scripted(1), in);
  CHECK(early["certificate_no"] == "");
  CHECK(early["organisation"] == "测试组织7网络科技有限公司");
}

TEST_CASE("validate_fields names the field of a bad value") {
  const FormSpec& f = *find_form("QP-21-08");
  CHECK(validate_fields(f, json::array()).error().field == "fields");
  CHECK(validate_fields(f, {{"nope", "x"}}).error().field == "fields.nope");
  CHECK(validate_fields(f, {{"organisation", 3}}).error().field == "fields.organisation");
  CHECK(validate_fields(f, {{"attendees", "x"}}).error().field == "fields.attendees");
  CHECK(validate_fields(f, {{"attendees", json::array({json::array({"a", 1})})}}).error().field == "fields.attendees[0][1]");
  CHECK(validate_fields(f, {{"attendees", json::array({json::array({"a", "b", "c", "d", "e"})})}}).error().field == "fields.attendees[0]");
  CHECK(validate_fields(f, {{"attendees", json::array({json::array({"张三", "甲公司"})})}, {"organisation", "甲"}}).ok());
}

TEST_CASE("every form renders a complete A4 document with the header, code, fields and signatures") {
  BodySettings body;
  body.address_zh = "北京市西城区示例街 9 号";
  body.phone = "010-88888888";
  const CaseState s = scripted(60);
  for (const FormSpec& f : form_catalogue()) {
    INFO(f.code);
    const std::string html = render_html(f, prefill(f, s, {nullptr, d("2026-05-01")}), body, {"C2026-007", d("2026-05-02")});
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(html.find("default-src 'none'; style-src 'unsafe-inline'; img-src data:") != std::string::npos);
    CHECK(html.find("size: A4") != std::string::npos);
    CHECK(html.find("counter(pages)") != std::string::npos);
    CHECK(html.find("overflow-wrap: anywhere") != std::string::npos);
    CHECK(html.find(body.header_zh) != std::string::npos);
    CHECK(html.find("北京市西城区示例街 9 号") != std::string::npos);
    CHECK(html.find(f.title_zh) != std::string::npos);
    CHECK(html.find("2026-05-02") != std::string::npos);
    if (f.code.rfind("QP-", 0) == 0 || f.code.rfind("IP-", 0) == 0) CHECK(html.find("WAL-" + f.code) != std::string::npos);
    for (const FieldSpec& fs : f.fields) CHECK(html.find(std::string(fs.label_zh)) != std::string::npos);
    CHECK(count(html, "class=\"sign\"") == f.signatures.size());
    CHECK(html.find("<script") == std::string::npos);
    for (const char* fetch : {"http:", "https:", "url(", "@import", "src="}) CHECK(html.find(fetch) == std::string::npos);  // nothing is fetched
  }
  body.form_prefix = "ABC-";
  CHECK(render_html(*find_form("QP-21-13"), json::object(), body, {}).find("ABC-QP-21-13") != std::string::npos);
  CHECK(printed_code(*find_form("REMOTE-AGREEMENT"), body) == "—");
}

TEST_CASE("user text is escaped and isolated; a stored value of the wrong type still prints") {
  CHECK(html_escape("<a href='x'>\"&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;");
  CHECK(html_escape(std::string("a\0b\x1b" "c\n\td", 8)) == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\n\td");
  CHECK(html_text("\u202Eabc") == "<bdi>\u202Eabc</bdi>");
  const std::string hostile = "<script>alert(1)</script><img src=x onerror=alert(1)>\"'javascript:alert(1)";
  const FormSpec& f = *find_form("QP-21-08");
  BodySettings body;
  body.header_zh = "<b>机构</b>";
  const std::string html = render_html(f, {{"organisation", hostile}, {"attendees", json::array({json::array({hostile, hostile})})}}, body, {hostile, d("2026-05-02")});
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<b>机构") == std::string::npos);
  CHECK(count(html, "&lt;script&gt;alert(1)&lt;/script&gt;") == 4);  // field, two cells, case id
  CHECK(count(html, "<bdi>") >= 5);
  const std::string odd = render_html(f, {{"organisation", 42}, {"attendees", "一行文字"}, {"meeting_place", json{{"a", 1}}}}, body, {});
  CHECK(odd.find(">42<") != std::string::npos);
  CHECK(odd.find("一行文字") != std::string::npos);
  CHECK(odd.find("{&quot;a&quot;:1}") != std::string::npos);
}
