// Settings: one table of fields drives reading, validation, JSON and the explanations shown in
// the UI, so a new setting is added in one place (plus its struct member).
#include "domain/settings.hpp"

#include <cstdio>

#include "domain/json_read.hpp"

namespace certdesk {
namespace {

using nlohmann::json;
namespace jr = json_read;

struct IntField {
  const char* section;
  const char* key;
  int* value;
  int min, max;
  const char* label_zh;
  const char* why_zh;
  const char* ref;
};

struct TextField {
  const char* section;
  const char* key;
  std::string* value;
  bool required;
  const char* label_zh;
  const char* why_zh;
  const char* ref;
};

std::vector<IntField> int_fields(Settings& s) {
  return {
      {"application", "supplement_deadline_working_days", &s.application.supplement_deadline_working_days, 1, 60,
       "补充材料期限（工作日）", "原文只写“规定时限”；10 个工作日约两周，足够准备材料", "R17 §6.2"},
      {"surveillance", "extra_surveillance_working_days", &s.surveillance.extra_surveillance_working_days, 1, 250,
       "增加监督的期限（工作日）", "原文未规定期限；30 个工作日约六周，可安排审核组", "§6.7.1"},
      {"suspension", "default_months", &s.suspension.default_months, 1, 6, "暂停默认期限（月）",
       "原文“一般为 3 个月”", "R8 §6.7.3.2"},
      {"suspension", "max_months", &s.suspension.max_months, 1, 6, "暂停最长期限（月）",
       "原文“最长不超过 6 个月”，只可调低", "R8 §6.7.3.2"},
      {"impartiality", "conflict_lookback_months", &s.impartiality.conflict_lookback_months, 0, 120,
       "利益冲突回溯期（月）", "GB/T 27065 未规定期限；两年内为该客户提供过咨询的人员不得参加审核是认证机构通行做法",
       "公正性 §6.5"},
      {"register_report", "working_days", &s.register_report.working_days, 1, 15, "证书信息上报期限（工作日）",
       "原文“15 个工作日内”，可设更严格的内部期限", "R5 §6.6"},
      {"register_report", "max_months", &s.register_report.max_months, 1, 1, "证书信息上报最迟期限（月）",
       "原文“最迟不超过一个月”，与工作日期限取较早者", "R5 §6.6"},
      {"records", "retention_years", &s.records.retention_years, 3, 100, "记录保存年限",
       "原文“至少保存 3 年”，只可调高", "R11 §7"},
      {"due_list", "due_soon_days", &s.due_list.due_soon_days, 0, 365, "到期提醒提前天数（日历日）",
       "与案件规则一致：到期前 14 天显示为“即将到期”", "产品决定"},
  };
}

std::vector<TextField> text_fields(Settings& s) {
  return {
      {"body", "name_zh", &s.body.name_zh, true, "认证机构名称", "原文机构名称", "附件1"},
      {"body", "header_zh", &s.body.header_zh, true, "打印页眉", "每份打印表单的页眉", "附件1"},
      {"body", "form_prefix", &s.body.form_prefix, false, "表单编号前缀", "原文表单编号均以 WAL- 开头", "附件1"},
      {"body", "address_zh", &s.body.address_zh, false, "机构地址", "打印在页眉下方，可为空", "附件1"},
      {"body", "phone", &s.body.phone, false, "联系电话", "打印在页眉下方，可为空", "附件1"},
      {"certificate", "number_pattern", &s.certificate.number_pattern, true, "证书编号格式",
       "{year} 为决定年份，{seq:04} 为当年流水号（补零至 4 位）", "§6.6"},
  };
}

constexpr const char* kSections[] = {"body", "application", "surveillance", "suspension", "impartiality",
                                     "certificate", "register_report", "records", "due_list"};

Result<SurveillanceAnchor> parse_anchor(const std::string& s) {
  if (auto a = enum_from_id<SurveillanceAnchor>(s)) return *a;
  return input_error("surveillance.anchor", "应为 \"stage2_end\"（第二阶段结束日）或 \"decision_date\"（认证决定日），实际为 \"" + s + "\"");
}

}  // namespace


CaseRules case_rules_from(const Settings& s) {
  CaseRules r;
  r.supplement_working_days = s.application.supplement_deadline_working_days;
  r.register_working_days = s.register_report.working_days;
  r.register_months = s.register_report.max_months;
  r.anchor = s.surveillance.anchor;
  r.extra_surveillance_working_days = s.surveillance.extra_surveillance_working_days;
  r.suspension_usual_months = s.suspension.default_months;
  r.suspension_max_months = s.suspension.max_months;
  r.retention_years = s.records.retention_years;
  r.conflict_lookback_months = s.impartiality.conflict_lookback_months;
  r.due_soon_days = s.due_list.due_soon_days;
  return r;
}

Result<std::string> format_certificate_number(const std::string& pattern, int year, int seq) {
  const std::string field = "certificate.number_pattern";
  std::string out;
  bool has_seq = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '}') return input_error(field, "多余的 \"}\"");
    if (pattern[i] != '{') {
      out += pattern[i];
      continue;
    }
    const std::size_t close = pattern.find('}', i);
    if (close == std::string::npos) return input_error(field, "\"{\" 没有对应的 \"}\"");
    const std::string name = pattern.substr(i + 1, close - i - 1);
    char buf[32];
    if (name == "year") {
      std::snprintf(buf, sizeof buf, "%04d", year);
    } else if (name == "seq") {
      std::snprintf(buf, sizeof buf, "%d", seq);
      has_seq = true;
    } else if (name.size() == 6 && name.compare(0, 5, "seq:0") == 0 && name[5] >= '1' && name[5] <= '9') {
      std::snprintf(buf, sizeof buf, "%0*d", name[5] - '0', seq);
      has_seq = true;
    } else {
      return input_error(field, "未知占位符 \"{" + name + "}\"（可用：{year}、{seq}、{seq:0N}）");
    }
    out += buf;
    i = close;
  }
  if (!has_seq) return input_error(field, "必须包含流水号占位符 {seq} 或 {seq:0N}，否则证书编号会重复");
  if (seq < 1) return input_error("seq", "流水号应从 1 开始");
  return out;
}

Result<void> validate_settings(const Settings& input) {
  Settings s = input;  // the field tables point into a mutable object
  if (s.schema_version != 1)
    return input_error("schema_version", "不支持的设置格式版本 " + std::to_string(s.schema_version) + "（支持 1）");
  for (const IntField& f : int_fields(s))
    if (*f.value < f.min || *f.value > f.max)
      return input_error(std::string(f.section) + "." + f.key, "应在 " + std::to_string(f.min) + " 到 " +
                                                                   std::to_string(f.max) + " 之间，实际为 " +
                                                                   std::to_string(*f.value));
  if (s.suspension.default_months > s.suspension.max_months)
    return input_error("suspension.default_months", "不能超过暂停最长期限 " + std::to_string(s.suspension.max_months) + " 个月");
  for (const TextField& f : text_fields(s))
    if (f.required && f.value->empty()) return input_error(std::string(f.section) + "." + f.key, "不能为空");
  if (auto n = format_certificate_number(s.certificate.number_pattern, 2026, 1); !n) return n.error();
  return ok_void();
}

Result<Settings> settings_from_json(const json& j) {
  CERTDESK_TRY_READ(jr::require_object(j, ""));
  Settings s;
  CERTDESK_TRY_READ(jr::reject_unknown_keys(j, "", {"schema_version", "body", "application", "surveillance", "suspension",
                                               "impartiality", "certificate", "register_report", "records",
                                               "due_list"}));
  CERTDESK_TRY_READ(jr::read_int(j, "schema_version", "", s.schema_version, 1, 1));
  auto ints = int_fields(s);
  auto texts = text_fields(s);
  for (const char* section : kSections) {
    if (!j.contains(section)) continue;
    const json& o = j[section];
    CERTDESK_TRY_READ(jr::require_object(o, section));
    for (const auto& item : o.items()) {  // unknown keys: a typo must not silently keep a default
      bool known = std::string(section) == "surveillance" && item.key() == "anchor";
      for (const IntField& f : ints) known = known || (f.section == std::string(section) && item.key() == f.key);
      for (const TextField& f : texts) known = known || (f.section == std::string(section) && item.key() == f.key);
      if (!known) return input_error(jr::path(section, item.key()), "未知字段");
    }
    for (const IntField& f : ints)
      if (f.section == std::string(section)) CERTDESK_TRY_READ(jr::read_int(o, f.key, section, *f.value, f.min, f.max, false));
    for (const TextField& f : texts)
      if (f.section == std::string(section))
        CERTDESK_TRY_READ(jr::read_string(o, f.key, section, *f.value, false, f.required));
  }
  if (j.contains("surveillance") && j["surveillance"].contains("anchor")) {
    std::string anchor;
    CERTDESK_TRY_READ(jr::read_string(j["surveillance"], "anchor", "surveillance", anchor));
    auto a = parse_anchor(anchor);
    if (!a) return a.error();
    s.surveillance.anchor = a.value();
  }
  if (auto valid = validate_settings(s); !valid) return valid.error();
  return s;
}

json settings_to_json(const Settings& input) {
  Settings s = input;
  json j = {{"schema_version", s.schema_version}};
  for (const char* section : kSections) j[section] = json::object();
  for (const IntField& f : int_fields(s)) j[f.section][f.key] = *f.value;
  for (const TextField& f : text_fields(s)) j[f.section][f.key] = *f.value;
  j["surveillance"]["anchor"] = std::string(enum_id(s.surveillance.anchor));
  return j;
}

void to_json(json& j, const Settings& s) { j = settings_to_json(s); }

void from_json(const json& j, Settings& s) {
  auto r = settings_from_json(j);
  if (!r) json_read::fail_from_json(504, r.error().message_zh, j);
  s = std::move(r.value());
}

Result<std::string> next_certificate_number(const std::string& pattern, int year, const std::set<std::string>& taken) {
  for (int seq = 1;; ++seq) {
    auto n = format_certificate_number(pattern, year, seq);
    if (!n || !taken.count(n.value())) return n;
  }
}

std::vector<SettingInfo> describe_settings(const Settings& input) {
  Settings s = input;
  Settings d;
  std::vector<SettingInfo> out;
  const auto ints = int_fields(s);
  const auto int_defaults = int_fields(d);
  const auto texts = text_fields(s);
  const auto text_defaults = text_fields(d);
  for (std::size_t i = 0; i < texts.size(); ++i)
    out.push_back({std::string(texts[i].section) + "." + texts[i].key, texts[i].label_zh, *texts[i].value,
                   *text_defaults[i].value, texts[i].why_zh, texts[i].ref});
  out.push_back({"surveillance.anchor", "首次监督起算日", std::string(enum_id(s.surveillance.anchor)),
                 std::string(enum_id(d.surveillance.anchor)),
                 "原文“初次审核后 12 个月内”：默认取第二阶段审核结束日（审核本身，日期较早，更稳妥）；可改为认证决定日",
                 "R6 §6.7.1 [setting]"});
  for (std::size_t i = 0; i < ints.size(); ++i)
    out.push_back({std::string(ints[i].section) + "." + ints[i].key, ints[i].label_zh, std::to_string(*ints[i].value),
                   std::to_string(*int_defaults[i].value), ints[i].why_zh, ints[i].ref});
  return out;
}

}  // namespace certdesk
