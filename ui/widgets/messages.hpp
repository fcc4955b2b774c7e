// ui/widgets/messages.hpp — what users read when their input or an action is refused (issue 15 items 6, 7):
// the field named by its label once, what to do, no internal paths or codes (the rule id is kept
// apart, for a tooltip and the record); and how typed dates and numbers are understood.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "domain/result.hpp"
#include "ui/cases/case_actions.hpp"

namespace certdesk::ui {

// A refusal as the user reads it.
struct UserMessage {
  std::string field;  // the form field it concerns (a case form's JSON pointer "/valid_until"), "" if none
  std::string text;   // Chinese: label once, what to do; no path, no rule id
  std::string rule;   // "R16", "P-ROLE" … for the tooltip; "" for plain input errors
  bool input = false; // the user's input is wrong (shown once the form is touched), not the procedure
  bool empty() const { return text.empty(); }
};

// Drops the "path: " prefixes the domain's readers put before a message ("valid_until: valid_until:
// 不是有效日期…" → "不是有效日期…"), and a mention of the rule id "（R12）" / "(R12)".
std::string plain_text(std::string_view message, std::string_view rule = {});

// A banner's text as shown: rule ids and internal codes in brackets ("（R14）", "(P-ROLE)",
// "（DUPLICATE）") taken out of the sentence and returned apart, joined by "、", for the tooltip.
// Public form codes ("（QP-21-09）") stay.
struct SplitMessage {
  std::string text;
  std::string rules;
};
SplitMessage split_rule_codes(std::string_view message);

// "规则编号：R16" — the tooltip on a message that has a rule id ("" when there is none).
std::string rule_tooltip_zh(std::string_view rule);

// What to do when a typed value is not understood.
inline constexpr const char* kDateAdviceZh = "请按“年-月-日”填写日期，如 2025-03-05（也可写 2025/3/5）";
inline constexpr const char* kHeadcountAdviceZh = "请用阿拉伯数字填写人数，如 80";
inline constexpr const char* kIntegerAdviceZh = "请用阿拉伯数字填写整数，如 80";
inline constexpr const char* kNumberAdviceZh = "请用阿拉伯数字填写数值，如 12.5";

// "<label>：<advice>", or "请填写<label>" when the advice is just to fill it in; the label is not
// repeated when the advice already names it.
std::string labelled(std::string_view label, std::string_view advice);

// The advice for a reader's complaint about a field of this kind ("应为整数" → kIntegerAdviceZh,
// "不能为空" → "请填写"); other messages as they are, without path.
std::string input_advice(std::string_view message, FieldKind kind);

// A case form's field that a domain path concerns and its label: "valid_until" → "/valid_until"
// "有效期至"; "members[0].user_id" → "/members" "审核组第 1 行 · 用户名". Null spec if none.
struct FieldRef {
  const FieldSpec* spec = nullptr;
  std::string label;
};
FieldRef case_field(const ActionSpec& a, std::string_view domain_path);

// The message for a refused case form (the domain's check or its reader).
UserMessage case_form_message(const ActionSpec& a, const RuleViolation& e);

// The Chinese name of a configuration file's key ("min_personnel" → "最少人数"), or null.
const char* config_key_label_zh(std::string_view key);
// A configuration path as the settings editors name it: the setting's label where there is one
// (setting_labels: describe_settings), else its keys' names ("bands[2].days" → "人数档（有效人数 →
// 审核人日） · 第 3 项 · 人日"); "" when nothing is known.
std::string config_path_label_zh(std::string_view path, const std::map<std::string, std::string>& setting_labels);

// A value the settings editors (机构设置) refuse, as shown beside its field (issue 15 item 6): `field`
// is the refused path as the editor names its fields ("suspension.max_months", "bands[2].days",
// "years.2027.days_off[3]" — a line of a list), the text names the setting by its label once and
// says what to do; the rule id (if any) apart for the tooltip.
UserMessage config_field_message(const RuleViolation& e, const std::map<std::string, std::string>& setting_labels);

// True for the codes of the forms of 附件1 ("QP-21-13", "IP-11-01"), which users know and which are
// printed; false for the app's own ids of the other documents ("ACCEPTANCE-NOTICE").
bool is_public_form_code(std::string_view code);
// " QP-21-13"-style suffix for a list: "（QP-21-13）" for a public code, "" otherwise.
std::string form_code_note_zh(std::string_view code);

// Typed numbers: ASCII or full-width digits, spaces around; integers optionally signed, decimals
// with one "." ("８０" → 80, "12.5" → 12.5). "八十", "80人", "" → nullopt.
std::optional<long long> parse_integer_loose(std::string_view text);
std::optional<double> parse_number_loose(std::string_view text);

}  // namespace certdesk::ui
