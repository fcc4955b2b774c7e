// The public certificate register (issue 7 item 4, §6.7.3).
#include <doctest/doctest.h>

#include "case_fixture.hpp"
#include "domain/register.hpp"

using namespace certdesk;
using certdesk::testing::d;
using nlohmann::json;

namespace {

Certificate cert(const char* no, const char* name, std::vector<StatusChange> later = {}) {
  Certificate c;
  c.number = no;
  c.name = name;
  c.issued_on = d("2025-03-01");
  c.expires_on = d("2028-02-29");
  c.scope = {{"RA", "一级"}, {"SI", "二级"}};
  c.history = {{CertStatus::Valid, d("2025-03-01"), StatusGround::Issued, "", "qc"}};
  for (auto& s : later) c.history.push_back(s);
  return c;
}

CaseState with(Certificate c) {
  CaseState s;
  s.certificate = std::move(c);
  return s;
}

}  // namespace

TEST_CASE("public status: suspensions, cancellations, revocations as recorded; past expiry is expired (R4)") {
  const Date today = d("2026-06-01");
  CHECK(reg::public_status(cert("A", "甲"), today) == reg::PublicStatus::Valid);
  CHECK(reg::public_status(cert("A", "甲", {{CertStatus::Suspended, d("2026-01-05"), StatusGround::ClientRequest, "", ""}}), today) ==
        reg::PublicStatus::Suspended);
  CHECK(reg::public_status(cert("A", "甲", {{CertStatus::Suspended, d("2026-01-05")}, {CertStatus::Restored, d("2026-02-05")}}), today) ==
        reg::PublicStatus::Valid);
  CHECK(reg::public_status(cert("A", "甲", {{CertStatus::Revoked, d("2026-01-05")}}), today) == reg::PublicStatus::Revoked);
  CHECK(reg::public_status(cert("A", "甲", {{CertStatus::Cancelled, d("2026-01-05")}}), today) == reg::PublicStatus::Cancelled);
  CHECK(reg::public_status(cert("A", "甲", {{CertStatus::Changed, d("2026-01-05")}}), today) == reg::PublicStatus::Valid);
  CHECK(reg::public_status(cert("A", "甲"), d("2028-02-29")) == reg::PublicStatus::Valid);
  CHECK(reg::public_status(cert("A", "甲"), d("2028-03-01")) == reg::PublicStatus::Expired);
  CHECK(reg::public_status(cert("A", "甲", {{CertStatus::Revoked, d("2026-01-05")}}), d("2029-01-01")) == reg::PublicStatus::Revoked);
}

TEST_CASE("the register lists every certificate of every case, sorted, with scope, status and dates") {
  Catalogue cat;
  cat.categories = {{"RA", "风险评估", {"一级"}}};
  CaseState replaced = with(cert("WAL-2025-0002", "乙公司", {{CertStatus::Suspended, d("2026-04-01"), StatusGround::ClientRequest}}));
  replaced.certificate->suspended_until = d("2026-07-01");
  replaced.previous_certificates.push_back(cert("WAL-2022-0009", "乙公司", {{CertStatus::Cancelled, d("2025-03-01"), StatusGround::Replaced}}));
  const CaseState none;  // no certificate yet: not listed
  const CaseState first = with(cert("WAL-2025-0001", "甲公司"));
  const auto entries = reg::build({&replaced, &none, &first}, &cat, d("2026-06-01"));
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].certificate_no == "WAL-2022-0009");
  CHECK(entries[0].status == reg::PublicStatus::Cancelled);
  CHECK(entries[1].certificate_no == "WAL-2025-0001");
  CHECK_FALSE(entries[1].status_changed_on);
  CHECK(entries[2].status == reg::PublicStatus::Suspended);
  CHECK(entries[2].status_changed_on == d("2026-04-01"));
  CHECK(entries[2].suspended_until == d("2026-07-01"));
  CHECK(entries[1].scope[0].category_zh == "风险评估");
  CHECK(entries[1].scope[1].category_zh == "SI");  // unknown to the catalogue: its code

  const json j = reg::to_json(entries, BodySettings{}, d("2026-06-01"));
  CHECK(j["format"] == reg::kFormat);
  CHECK(j["format_version"] == 1);
  CHECK(j["generated_on"] == "2026-06-01");
  CHECK(j["certificates"].size() == 3);
  CHECK(j["certificates"][2]["status"] == "suspended");
  CHECK(j["certificates"][2]["status_zh"] == "暂停");
  CHECK(j["certificates"][2]["suspended_until"] == "2026-07-01");
  CHECK(j["certificates"][1]["status_changed_on"].is_null());
  CHECK(j["certificates"][1]["scope"][0] == json{{"category", "RA"}, {"category_zh", "风险评估"}, {"level", "一级"}});

  const std::string html = reg::to_html(entries, BodySettings{}, d("2026-06-01"));
  CHECK(html.find("default-src 'none'") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("共 3 张证书") != std::string::npos);
  CHECK(html.find("暂停（至 2026-07-01）") != std::string::npos);
  CHECK(html.find("注销 1 张") != std::string::npos);
  CHECK(reg::file_stem(d("2026-06-01")) == "certificate-register-2026-06-01");
}

TEST_CASE("register text is escaped and isolated") {
  const CaseState hostile = with(cert("<script>alert(1)</script>", "<img src=x onerror=alert(1)>\u202E'\""));
  const std::string html = reg::to_html(reg::build({&hostile}, nullptr, d("2026-06-01")), BodySettings{}, d("2026-06-01"));
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(html.find("<bdi>&lt;img src=x onerror=alert(1)&gt;\u202E&#39;&quot;</bdi>") != std::string::npos);
}
