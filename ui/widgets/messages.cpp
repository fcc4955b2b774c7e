// ui/widgets/messages.cpp — refusals in the user's words, and typed dates and numbers understood.
#include "ui/widgets/messages.hpp"

#include <cstdlib>
#include <map>

#include "domain/date.hpp"

namespace certdesk::ui {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }

// A path as the domain's readers write it: letters, digits, "_", ".", "[n]".
bool looks_like_path(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
          c == '[' || c == ']' || c == '/'))
      return false;
  return true;
}

// "members[0].user_id" → "/members/0/user_id".
std::string to_pointer(std::string_view path) {
  std::string out = "/";
  for (char c : path) {
    if (c == '.' || c == '[') {
      if (out.back() != '/') out += '/';
    } else if (c != ']') {
      out += c;
    }
  }
  if (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

// Labels of the parts of a row, as the form's columns name them.
const char* member_label_zh(std::string_view key) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"user_id", "用户名"},          {"name", "姓名"},
      {"role", "组内角色"},           {"registration_no", "注册号"},
      {"last_consulted_client", "最近为该组织提供咨询"},
      {"category", "服务类别"},       {"level", "级别"}};
  for (const auto& [k, v] : kNames)
    if (key == k) return v;
  return nullptr;
}

}  // namespace

std::string plain_text(std::string_view message, std::string_view rule) {
  std::string_view m = message;
  // Every leading "path: " (the readers may prefix twice).
  for (;;) {
    const std::size_t colon = m.find(": ");
    if (colon == std::string_view::npos || !looks_like_path(m.substr(0, colon))) break;
    m.remove_prefix(colon + 2);
  }
  std::string out(m);
  if (!rule.empty() && rule != "INPUT") {
    // Built by append: g++ 12 warns falsely (-Wrestrict) on "(" + std::string(…) at -O2.
    std::string wide = "（", narrow = "(";
    wide.append(rule).append("）");
    narrow.append(rule).append(")");
    for (const std::string& mention : {wide, narrow})
      for (std::size_t at = out.find(mention); at != std::string::npos; at = out.find(mention)) out.erase(at, mention.size());
  }
  return out;
}

SplitMessage split_rule_codes(std::string_view message) {
  SplitMessage out;
  const auto is_code = [](std::string_view c) {
    if (c.empty() || c.size() > 24 || c[0] < 'A' || c[0] > 'Z') return false;
    for (char ch : c)
      if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-')) return false;
    return !is_public_form_code(c);
  };
  std::size_t i = 0;
  while (i < message.size()) {
    // "（" is U+FF08 (EF BC 88), "）" U+FF09 (EF BC 89).
    const bool wide = message.compare(i, 3, "\xEF\xBC\x88") == 0;
    if (wide || message[i] == '(') {
      const std::size_t open = wide ? 3 : 1;
      const std::size_t close = wide ? message.find("\xEF\xBC\x89", i + open) : message.find(')', i + open);
      if (close != std::string_view::npos && is_code(message.substr(i + open, close - i - open))) {
        if (!out.rules.empty()) out.rules += "、";
        out.rules += message.substr(i + open, close - i - open);
        i = close + (wide ? 3 : 1);
        continue;
      }
    }
    // A reader's "path: " where a sentence or a line of a list starts: the user reads the rest.
    const bool line_start = i == 0 || message.substr(0, i).ends_with("：") || message.substr(0, i).ends_with("\n") ||
                            message.substr(0, i).ends_with("· ");
    if (line_start) {
      const std::size_t colon = message.find(": ", i);
      if (colon != std::string_view::npos && colon > i && looks_like_path(message.substr(i, colon - i))) {
        i = colon + 2;
        continue;
      }
    }
    out.text += message[i++];
  }
  return out;
}

std::string rule_tooltip_zh(std::string_view rule) {
  if (rule.empty() || rule == "INPUT") return "";
  return "规则编号：" + std::string(rule);
}

std::string labelled(std::string_view label, std::string_view advice) {
  if (label.empty()) return std::string(advice);
  if (advice == "请填写") return "请填写" + std::string(label);
  // "请填写成立日期…" names the field already; our own advice never does, even where a short label
  // ("日期") happens to occur in it.
  const bool generic = advice == kDateAdviceZh || advice == kHeadcountAdviceZh || advice == kIntegerAdviceZh ||
                       advice == kNumberAdviceZh;
  if (!generic && contains(advice, label)) return std::string(advice);
  return std::string(label) + "：" + std::string(advice);
}

std::string input_advice(std::string_view message, FieldKind kind) {
  const std::string m = plain_text(message);
  if (m == "不能为空" || m == "缺少字段" || m == "应为非空字符串" || m == "至少应有一项") return "请填写";
  if (kind == FieldKind::Date || contains(m, "日期")) return kDateAdviceZh;
  if (kind == FieldKind::Integer || starts_with(m, "应为整数") || starts_with(m, "应为非负整数")) {
    if (starts_with(m, "应在 ")) return "请填写" + m.substr(3);
    return kIntegerAdviceZh;
  }
  if (kind == FieldKind::Number && !starts_with(m, "应在 ")) return kNumberAdviceZh;
  if (starts_with(m, "应在 ")) return "请填写" + m.substr(3);  // "应在 1 到 5 之间" → "请填写 1 到 5 之间…"
  return m;
}

FieldRef case_field(const ActionSpec& a, std::string_view domain_path) {
  FieldRef out;
  if (domain_path.empty()) return out;
  const std::string p = to_pointer(domain_path);
  for (const FieldSpec& fs : a.fields) {
    const bool same = p == fs.key;
    const bool inside = p.size() > fs.key.size() && p.compare(0, fs.key.size(), fs.key) == 0 && p[fs.key.size()] == '/';
    if ((same || inside) && (!out.spec || fs.key.size() > out.spec->key.size())) out.spec = &fs;
  }
  if (!out.spec) return out;
  out.label = out.spec->label_zh;
  if (p.size() > out.spec->key.size()) {
    // "/members/0/user_id" → "审核组第 1 行 · 用户名".
    std::string rest = p.substr(out.spec->key.size() + 1);
    const std::size_t slash = rest.find('/');
    const std::string index = rest.substr(0, slash);
    const bool numeric = !index.empty() && index.find_first_not_of("0123456789") == std::string::npos && index.size() < 6;
    if (numeric) {
      out.label += "第 " + std::to_string(std::atoi(index.c_str()) + 1) + " 行";
      if (slash != std::string::npos)
        if (const char* m = member_label_zh(rest.substr(slash + 1))) out.label += std::string(" · ") + m;
    }
  }
  return out;
}

UserMessage case_form_message(const ActionSpec& a, const RuleViolation& e) {
  UserMessage out;
  const FieldRef ref = case_field(a, e.field);
  if (ref.spec) out.field = ref.spec->key;
  out.input = e.rule == "INPUT" || e.rule.empty();
  out.rule = out.input ? "" : e.rule;
  if (out.input && ref.spec) {
    std::string advice = input_advice(e.message_zh, ref.spec->kind);
    // A headcount is a number of people: say so in the example (issue 15: "八十").
    if (advice == kIntegerAdviceZh && contains(ref.label, "人数")) advice = kHeadcountAdviceZh;
    out.text = labelled(ref.label, advice);
  } else {
    out.text = plain_text(e.message_zh, e.rule);
  }
  return out;
}

const char* config_key_label_zh(std::string_view key) {
  static const std::map<std::string, const char*, std::less<>> labels = {
      {"schema_version", "格式版本"}, {"id", "标识"}, {"version", "版本"}, {"label", "名称"}, {"note", "说明"},
      {"body", "认证机构"}, {"application", "申请受理"}, {"surveillance", "监督审核"}, {"suspension", "暂停"},
      {"impartiality", "公正性"}, {"certificate", "证书"}, {"register_report", "上报认证信息"},
      {"records", "记录保存"}, {"due_list", "待办提醒"},
      {"bands", "人数档（有效人数 → 审核人日）"}, {"min_personnel", "最少人数"}, {"max_personnel", "最多人数"},
      {"days", "人日"}, {"beyond_last_band", "超出最后一档"}, {"step_personnel", "每增加人数"},
      {"step_days", "增加人日"}, {"level_factors", "级别系数"}, {"level", "级别"}, {"factor", "系数"},
      {"category_count_factors", "服务类别数系数"}, {"min_categories", "类别数（起）"},
      {"max_total_reduction_percent", "减少上限（%）"}, {"stage1_share", "第一阶段占比"},
      {"min_onsite_share", "现场审核最低占比"}, {"minimum_days", "最少人日"}, {"kind_factors", "审核类型系数"},
      {"initial", "初次认证"}, {"recertification", "再认证"}, {"extension", "扩大范围"},
      {"adjustment_presets", "常用调整"}, {"adjustment", "调整"}, {"reason_zh", "理由"}, {"percent", "百分比"},
      {"levels", "级别"}, {"categories", "服务类别"}, {"code", "代码"}, {"name_zh", "名称"},
      {"description_zh", "说明"}, {"management_requirements", "管理能力要求"},
      {"capability_requirements", "专业能力要求"}, {"clause", "条款"}, {"text_zh", "要求"},
      {"evidence_hint_zh", "证据提示"}, {"years", "年份"}, {"days_off", "放假日期（每行一个）"},
      {"workdays", "调休上班日期（每行一个）"}, {"source", "来源"}};
  auto it = labels.find(key);
  return it == labels.end() ? nullptr : it->second;
}

std::string config_path_label_zh(std::string_view path, const std::map<std::string, std::string>& setting_labels) {
  if (auto it = setting_labels.find(std::string(path)); it != setting_labels.end()) return it->second;
  // "bands[2].days" → "人数档（…） · 第 3 项 · 人日"; unknown keys are left out rather than shown raw.
  std::string out;
  const auto add = [&](const std::string& part) { out += (out.empty() ? "" : " · ") + part; };
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '.') { ++i; continue; }
    if (path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string_view::npos) break;
      add("第 " + std::to_string(std::atoi(std::string(path.substr(i + 1, close - i - 1)).c_str()) + 1) + " 项");
      i = close + 1;
      continue;
    }
    std::size_t end = path.find_first_of(".[", i);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view key = path.substr(i, end - i);
    // A year of the calendar ("years.2027.days_off") is named as such, and then "年份" says nothing more.
    const auto is_year = [](std::string_view k) {
      return k.size() == 4 && k.find_first_not_of("0123456789") == std::string_view::npos;
    };
    const std::size_t next_end = end < path.size() ? path.find_first_of(".[", end + 1) : std::string_view::npos;
    const std::string_view next = end < path.size() && path[end] == '.'
                                      ? path.substr(end + 1, (next_end == std::string_view::npos ? path.size() : next_end) - end - 1)
                                      : std::string_view();
    if (is_year(key)) add(std::string(key) + " 年");
    else if (key == "years" && is_year(next)) {}
    else if (const char* l = config_key_label_zh(key)) add(l);
    i = end;
  }
  return out;
}

namespace {

// "不是有效日期 \"2027-02-30\"" → the quoted value "2027-02-30" (or "" when there is none).
std::string quoted_value(std::string_view m) {
  const std::size_t a = m.find('"');
  const std::size_t b = a == std::string_view::npos ? a : m.find('"', a + 1);
  return b == std::string_view::npos ? std::string() : std::string(m.substr(a + 1, b - a - 1));
}

// What to do about a configuration value the domain's loaders refused.
std::string config_advice(std::string_view message) {
  const std::string m = plain_text(message);
  if (m == "不能为空" || m == "缺少字段" || m == "应为非空字符串" || m == "至少应有一项") return "请填写";
  if (m == "应为整数" || m == "应为非负整数") return kIntegerAdviceZh;
  if (m == "应为数字") return kNumberAdviceZh;
  if (starts_with(m, "应在 ")) {
    // "应在 1 到 6 之间，实际为 9" → "请填写 1 到 6 之间的数（现为 9）".
    const std::string rest = m.substr(std::string_view("应在 ").size());
    const std::size_t comma = rest.find("，实际为 ");
    if (comma == std::string::npos) return "请填写 " + rest + "的数";
    return "请填写 " + rest.substr(0, comma) + "的数（现为 " + rest.substr(comma + std::string_view("，实际为 ").size()) + "）";
  }
  const std::string v = quoted_value(m);
  if (starts_with(m, "应为 \"YYYY-MM-DD\"")) return kDateAdviceZh;
  if (starts_with(m, "不是有效日期")) return "“" + v + "”不是有效日期。" + kDateAdviceZh;
  if (starts_with(m, "日期 ") && contains(m, "不属于 ")) {
    const std::size_t at = m.find("不属于 ") + std::string_view("不属于 ").size();
    const std::string year = m.substr(at, m.find(' ', at) - at);
    return "“" + v + "”不在 " + year + " 年内，请只填写 " + year + " 年的日期";
  }
  if (starts_with(m, "调休上班日 ")) return "“" + v + "”不是周六或周日，调休上班日只能是周末";
  if (starts_with(m, "日期 ") && contains(m, "同时列为")) return "“" + v + "”不能既放假又调休上班，请从其中一处删去";
  // Other refusals ("应大于 0"…) say what is expected already; their quotes as the user reads them.
  std::string out;
  bool open = true;
  for (char c : m) {
    if (c == '"') {
      out += open ? "“" : "”";
      open = !open;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

UserMessage config_field_message(const RuleViolation& e, const std::map<std::string, std::string>& setting_labels) {
  UserMessage out;
  out.field = e.field;
  out.input = e.rule == "INPUT" || e.rule.empty();
  out.rule = out.input ? "" : e.rule;
  out.text = labelled(config_path_label_zh(e.field, setting_labels), config_advice(e.message_zh));
  return out;
}

bool is_public_form_code(std::string_view code) { return starts_with(code, "QP-") || starts_with(code, "IP-"); }

std::string form_code_note_zh(std::string_view code) {
  return is_public_form_code(code) ? "（" + std::string(code) + "）" : "";
}

std::optional<long long> parse_integer_loose(std::string_view text) {
  const std::string s = ascii_width(trim_spaces(text));
  if (s.empty() || s.size() > 15) return std::nullopt;
  std::size_t i = s[0] == '-' || s[0] == '+' ? 1 : 0;
  if (i == s.size()) return std::nullopt;
  for (std::size_t k = i; k < s.size(); ++k)
    if (s[k] < '0' || s[k] > '9') return std::nullopt;
  return std::strtoll(s.c_str(), nullptr, 10);
}

std::optional<double> parse_number_loose(std::string_view text) {
  const std::string s = ascii_width(trim_spaces(text));
  if (s.empty() || s.size() > 20) return std::nullopt;
  std::size_t i = s[0] == '-' || s[0] == '+' ? 1 : 0;
  int digits = 0, dots = 0;
  for (std::size_t k = i; k < s.size(); ++k) {
    if (s[k] == '.') ++dots;
    else if (s[k] >= '0' && s[k] <= '9') ++digits;
    else return std::nullopt;
  }
  if (digits == 0 || dots > 1) return std::nullopt;
  return std::strtod(s.c_str(), nullptr);
}

}  // namespace certdesk::ui
