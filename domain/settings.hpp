// Settings for every point the procedure leaves open (BRIEF [setting]s and their neighbours):
// a plain struct of sub-structs, each field with its default and why (hello_imgui RunnerParams
// style). Defaults and reasons are also listed in domain/README.md and by describe_settings().
#pragma once

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/case_rules.hpp"
#include "domain/result.hpp"

namespace certdesk {

// The certification body as printed on every form (附件1: codes carry the prefix "WAL-").
struct BodySettings {
  std::string name_zh = "网安联认证中心";  // full name on forms and notices (§1 of the original)
  std::string header_zh = "网安联认证中心 网络空间安全服务资质认证";  // A4 print header
  std::string form_prefix = "WAL-";       // prefix of form codes, e.g. "WAL-QP-21-01"
  std::string address_zh;                 // printed under the header when not empty
  std::string phone;                      // printed under the header when not empty
};

// §6.2 acceptance review.
struct ApplicationSettings {
  // R17: working days the applicant has to supplement missing material; silence past it =
  // application withdrawn. The original says only "规定时限"; 10 working days = two weeks.
  int supplement_deadline_working_days = 10;
};

// SurveillanceAnchor (Stage2End / DecisionDate) is declared in case_rules.hpp, shared with the
// case aggregate. Stage2End: the last day of the initial stage-2 audit — R6 says "初次审核后 12 个月内",
// the audit itself, and it is the earlier, safer date. DecisionDate: the certification decision.
struct SurveillanceSettings {
  SurveillanceAnchor anchor = SurveillanceAnchor::Stage2End;  // [setting] R6 §6.7.1
  // Extra surveillance after a major change, complaint or incident (§6.7.1) is due within this
  // many working days of the trigger; the original gives no period (product decision).
  int extra_surveillance_working_days = 30;
};

// R8 §6.7.3.2: suspension "usually 3 months, never over 6".
struct SuspensionSettings {
  int default_months = 3;  // proposed length of a new suspension
  int max_months = 6;      // hard limit; may be set lower, never above 6
};

// Declared-conflict check (GB/T 27065 impartiality, beside R15/R16).
struct ImpartialitySettings {
  // A team member who consulted for the client within this many months is refused. GB/T 27065
  // names no period; 2 years is the usual practice of certification bodies (cf. ISO/IEC 17021-1 5.2).
  int conflict_lookback_months = 24;
};

// §6.6 certificate.
struct CertificateSettings {
  // Number pattern: {year} = year of the decision, {seq} or {seq:0N} = sequence in that year,
  // zero-padded to N digits. Must contain {seq}.
  std::string number_pattern = "WAL-{year}-{seq:04}";
};

// R5 §6.6: register report "within 15 working days after the decision, never later than one
// month": due on the earlier of both. A body may set a stricter internal target, never looser.
struct RegisterReportSettings {
  int working_days = 15;  // 1–15
  int max_months = 1;     // 1 (kept as a field so the rule is visible, cannot be raised)
};

// R11 §7: records kept at least 3 years.
struct RecordsSettings {
  int retention_years = 3;  // ≥ 3
};

// The "what is due" list.
struct DueListSettings {
  int due_soon_days = 14;  // calendar days before a due date when an obligation shows as "due soon"
};

struct Settings {
  int schema_version = 1;
  BodySettings body;
  ApplicationSettings application;
  SurveillanceSettings surveillance;
  SuspensionSettings suspension;
  ImpartialitySettings impartiality;
  CertificateSettings certificate;
  RegisterReportSettings register_report;
  RecordsSettings records;
  DueListSettings due_list;
};

// One setting explained for the UI and docs: where it lives, its value, default and why.
struct SettingInfo {
  std::string field;       // "application.supplement_deadline_working_days"
  std::string label_zh;
  std::string value;       // current value, as text
  std::string default_value;
  std::string why_zh;
  std::string brief_ref;   // rule / § of the brief
};


// The rules the case aggregate reads, built from the settings (fixed rules keep CaseRules' values).
CaseRules case_rules_from(const Settings& s);

// Range checks (rule "INPUT", Chinese message naming the field).
Result<void> validate_settings(const Settings& s);
// Reads settings JSON: schema_version (1) is required; other missing fields keep their defaults; unknown fields and invalid values are
// errors naming the field (e.g. "suspension.max_months: 应在 1 到 6 之间，实际为 9").
Result<Settings> settings_from_json(const nlohmann::json& j);
nlohmann::json settings_to_json(const Settings& s);
void to_json(nlohmann::json& j, const Settings& s);
void from_json(const nlohmann::json& j, Settings& s);  // throws on bad data; prefer settings_from_json

// Certificate number from the pattern: ("WAL-{year}-{seq:04}", 2026, 7) → "WAL-2026-0007".
Result<std::string> format_certificate_number(const std::string& pattern, int year, int seq);

// The first number of the pattern in `year` (sequence 1, 2, …) that is not taken yet.
Result<std::string> next_certificate_number(const std::string& pattern, int year, const std::set<std::string>& taken);

std::vector<SettingInfo> describe_settings(const Settings& s);

}  // namespace certdesk
