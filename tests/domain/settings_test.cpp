// Settings: documented defaults, JSON round-trip, Chinese errors naming the field, certificate
// numbers, and the CaseRules the case aggregate reads.
#include <doctest/doctest.h>

#include "domain/settings.hpp"

using namespace certdesk;
using nlohmann::json;

TEST_CASE("defaults are the documented decisions") {
  const Settings s;
  CHECK(s.application.supplement_deadline_working_days == 10);
  CHECK(s.surveillance.anchor == SurveillanceAnchor::Stage2End);
  CHECK(s.suspension.default_months == 3);
  CHECK(s.suspension.max_months == 6);
  CHECK(s.impartiality.conflict_lookback_months == 24);
  CHECK(s.certificate.number_pattern == "WAL-{year}-{seq:04}");
  CHECK(s.register_report.working_days == 15);
  CHECK(s.register_report.max_months == 1);
  CHECK(s.records.retention_years == 3);
  CHECK(s.body.form_prefix == "WAL-");
  CHECK(validate_settings(s).ok());
}

TEST_CASE("settings round-trip through JSON with their schema version") {
  Settings s;
  s.application.supplement_deadline_working_days = 15;
  s.surveillance.anchor = SurveillanceAnchor::DecisionDate;
  s.suspension.default_months = 2;
  s.impartiality.conflict_lookback_months = 36;
  s.certificate.number_pattern = "CSC{year}-{seq:05}";
  s.body.address_zh = "北京市海淀区示例路 1 号";
  const json j = settings_to_json(s);
  CHECK(j["schema_version"] == 1);
  CHECK(j["surveillance"]["anchor"] == "decision_date");
  auto again = settings_from_json(j);
  REQUIRE(again.ok());
  CHECK(settings_to_json(again.value()) == j);
  CHECK(again.value().surveillance.anchor == SurveillanceAnchor::DecisionDate);
  CHECK(again.value().body.address_zh == "北京市海淀区示例路 1 号");
  CHECK(json(s).get<Settings>().certificate.number_pattern == "CSC{year}-{seq:05}");
}

TEST_CASE("missing fields keep their defaults") {
  auto s = settings_from_json(json{{"schema_version", 1}, {"suspension", {{"default_months", 4}}}});
  REQUIRE(s.ok());
  CHECK(s.value().suspension.default_months == 4);
  CHECK(s.value().suspension.max_months == 6);
  CHECK(s.value().application.supplement_deadline_working_days == 10);
  CHECK(settings_from_json(json{{"schema_version", 1}}).ok());
  CHECK(settings_from_json(json::object()).error().message_zh == "schema_version: 缺少字段");
}

TEST_CASE("unknown and invalid values are refused with the field named in Chinese") {
  auto error_of = [](json j) {
    if (j.is_object() && !j.contains("schema_version")) j["schema_version"] = 1;
    return settings_from_json(j).error();
  };
  CHECK(error_of(json{{"suspension", {{"max_months", 9}}}}).message_zh == "suspension.max_months: 应在 1 到 6 之间，实际为 9");
  CHECK(error_of(json{{"suspension", {{"default_months", 5}, {"max_months", 4}}}}).field == "suspension.default_months");
  CHECK(error_of(json{{"surveilance", json::object()}}).message_zh == "surveilance: 未知字段");
  CHECK(error_of(json{{"application", {{"supplement_days", 5}}}}).field == "application.supplement_days");
  CHECK(error_of(json{{"application", {{"supplement_deadline_working_days", "10"}}}}).message_zh ==
        "application.supplement_deadline_working_days: 应为整数");
  const auto anchor = error_of(json{{"surveillance", {{"anchor", "contract"}}}});
  CHECK(anchor.field == "surveillance.anchor");
  CHECK(anchor.message_zh.find("stage2_end") != std::string::npos);
  CHECK(error_of(json{{"register_report", {{"working_days", 20}}}}).field == "register_report.working_days");
  CHECK(error_of(json{{"records", {{"retention_years", 2}}}}).field == "records.retention_years");
  CHECK(error_of(json{{"certificate", {{"number_pattern", "WAL-{year}"}}}}).field == "certificate.number_pattern");
  CHECK(error_of(json{{"body", {{"name_zh", ""}}}}).message_zh == "body.name_zh: 不能为空");
  CHECK(error_of(json{{"schema_version", 2}}).field == "schema_version");
  CHECK(error_of(json{{"suspension", {{"max_months", 9}}}}).rule == "INPUT");
  CHECK(error_of(json::array()).rule == "INPUT");
}

TEST_CASE("certificate numbers follow the pattern") {
  CHECK(format_certificate_number("WAL-{year}-{seq:04}", 2026, 7).value() == "WAL-2026-0007");
  CHECK(format_certificate_number("WAL-{year}-{seq:04}", 2026, 12345).value() == "WAL-2026-12345");
  CHECK(format_certificate_number("{seq}/{year}", 2027, 3).value() == "3/2027");
  CHECK(format_certificate_number("WAL-{year}", 2026, 1).error().message_zh.find("{seq}") != std::string::npos);
  CHECK(format_certificate_number("WAL-{yr}-{seq}", 2026, 1).error().message_zh.find("未知占位符 \"{yr}\"") !=
        std::string::npos);
  CHECK_FALSE(format_certificate_number("WAL-{year-{seq}", 2026, 1).ok());
  CHECK_FALSE(format_certificate_number("WAL-{seq}}", 2026, 1).ok());
  CHECK_FALSE(format_certificate_number("WAL-{seq}", 2026, 0).ok());
}

TEST_CASE("the case aggregate's rules come from the settings") {
  Settings s;
  s.application.supplement_deadline_working_days = 7;
  s.surveillance.anchor = SurveillanceAnchor::DecisionDate;
  s.suspension.max_months = 5;
  s.impartiality.conflict_lookback_months = 36;
  const CaseRules r = case_rules_from(s);
  CHECK(r.supplement_working_days == 7);
  CHECK(r.anchor == SurveillanceAnchor::DecisionDate);
  CHECK(r.suspension_max_months == 5);
  CHECK(r.conflict_lookback_months == 36);
  CHECK(r.certificate_years == 3);  // fixed rule R4, not a setting
  const CaseRules defaults = case_rules_from(Settings{});
  CHECK(defaults.supplement_working_days == CaseRules{}.supplement_working_days);
  CHECK(defaults.due_soon_days == CaseRules{}.due_soon_days);
}

TEST_CASE("every setting is explained with its default and the rule it serves") {
  Settings s;
  s.suspension.default_months = 2;
  const auto info = describe_settings(s);
  CHECK(info.size() == 16);
  bool found = false;
  for (const SettingInfo& i : info) {
    CHECK_FALSE(i.label_zh.empty());
    CHECK_FALSE(i.why_zh.empty());
    CHECK_FALSE(i.brief_ref.empty());
    if (i.field == "suspension.default_months") {
      found = true;
      CHECK(i.value == "2");
      CHECK(i.default_value == "3");
    }
  }
  CHECK(found);
}
