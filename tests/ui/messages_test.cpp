// Messages in the user's words (issue 15 items 6, 7): no paths or rule codes in the text, the
// field named by its label once, what to do; typed numbers understood.
#include <doctest/doctest.h>

#include "ui/widgets/messages.hpp"

using namespace certdesk;
using namespace certdesk::ui;

namespace {
bool has_ascii_path(const std::string& s) {
  for (const char* p : {"valid_until", "members", "user_id", "end:", "description", "/valid", "/members", "INPUT", "P-ROLE", "R1"})
    if (s.find(p) != std::string::npos) return true;
  return false;
}
}  // namespace

TEST_CASE("plain_text drops the readers' path prefixes and the rule mention") {
  CHECK(plain_text("valid_until: valid_until: 不是有效日期") == "不是有效日期");
  CHECK(plain_text("members[0].user_id: 不能为空") == "不能为空");
  CHECK(plain_text("复核人员不得是审核组长（R16）", "R16") == "复核人员不得是审核组长");
  CHECK(plain_text("时间：10: 30") == "时间：10: 30");  // not a path before the colon
  CHECK(rule_tooltip_zh("R16") == "规则编号：R16");
  CHECK(rule_tooltip_zh("INPUT") == "");
}

TEST_CASE("labelled names the field once and says what to do") {
  CHECK(labelled("合同编号", "请填写") == "请填写合同编号");
  CHECK(labelled("有效期至", kDateAdviceZh) == std::string("有效期至：") + kDateAdviceZh);
  CHECK(labelled("认证范围内人数", "认证范围内人数应为整数") == "认证范围内人数应为整数");
  CHECK(labelled("需补充的材料", "须列明需补充的材料") == "须列明需补充的材料");
  // A short label inside our own advice is still named: "日期" occurs in the date advice.
  CHECK(labelled("日期", kDateAdviceZh) == std::string("日期：") + kDateAdviceZh);
}

TEST_CASE("a bad date in a case form reads as the field's label and the advice") {
  const ActionSpec* a = find_action("SignContract");
  REQUIRE(a);
  nlohmann::json form = {{"type", "SignContract"}, {"number", "HT-1"}, {"valid_until", "garbage"}, {"price", 1000.0}};
  auto cmd = form_command(form);
  REQUIRE_FALSE(cmd.ok());
  const UserMessage m = case_form_message(*a, cmd.error());
  CHECK(m.field == "/valid_until");
  CHECK(m.input);
  CHECK(m.rule == "");
  CHECK(m.text == std::string("有效期至：") + kDateAdviceZh);
  CHECK_FALSE(has_ascii_path(m.text));
}

TEST_CASE("a team member's field is named by its column") {
  const ActionSpec* a = find_action("AssignTeam");
  REQUIRE(a);
  const FieldRef r = case_field(*a, "members[0].user_id");
  REQUIRE(r.spec);
  CHECK(r.spec->key == "/members");
  CHECK(r.label == "审核组第 1 行 · 用户名");
  nlohmann::json form = {{"type", "AssignTeam"},
                         {"members", {{{"user_id", 7}, {"name", "张三"}, {"role", "leader"}, {"registration_no", ""}}}}};
  auto cmd = form_command(form);
  REQUIRE_FALSE(cmd.ok());
  const UserMessage m = case_form_message(*a, cmd.error());
  CHECK(m.field == "/members");
  CHECK(m.text.rfind("审核组第 1 行 · 用户名", 0) == 0);
  CHECK_FALSE(has_ascii_path(m.text));
}

TEST_CASE("a procedure refusal keeps its rule apart from the text") {
  const ActionSpec* a = find_action("AcceptApplication");
  REQUIRE(a);
  const UserMessage m = case_form_message(*a, RuleViolation{"P-ROLE", "此操作须由质控部执行", "actor.roles"});
  CHECK(m.text == "此操作须由质控部执行");
  CHECK(m.rule == "P-ROLE");
  CHECK_FALSE(m.input);
  CHECK(m.field == "");
  const UserMessage r = case_form_message(*a, RuleViolation{"R16", "复核人员不得是审核组长（R16）", ""});
  CHECK(r.text == "复核人员不得是审核组长");
  CHECK(r.rule == "R16");
}

TEST_CASE("numeric reader complaints become advice by the field's kind") {
  CHECK(input_advice("headcount: 应为整数", FieldKind::Integer) == kIntegerAdviceZh);
  CHECK(input_advice("quote: 应为数字", FieldKind::Number) == kNumberAdviceZh);
  CHECK(input_advice("end: 不是有效日期（YYYY-MM-DD）：x", FieldKind::Date) == kDateAdviceZh);
  CHECK(input_advice("number: 不能为空", FieldKind::Text) == "请填写");
}

TEST_CASE("typed numbers: ASCII and full-width digits, not words") {
  CHECK(parse_integer_loose("80") == 80);
  CHECK(parse_integer_loose(" \uFF18\uFF10 ") == 80);  // ８０
  CHECK_FALSE(parse_integer_loose("八十"));
  CHECK_FALSE(parse_integer_loose("80人"));
  CHECK_FALSE(parse_integer_loose(""));
  CHECK(parse_number_loose("12.5") == 12.5);
  CHECK(parse_number_loose("\uFF11\uFF12\uFF0E\uFF15") == 12.5);  // １２．５
  CHECK_FALSE(parse_number_loose("1.2.3"));
  CHECK_FALSE(parse_number_loose("十二"));
}

TEST_CASE("a banner's rule ids and codes go to the tooltip, public form codes stay") {
  SplitMessage m = split_rule_codes("该通知（受理通知书）已于 2026-03-02 答复（DUPLICATE）");
  CHECK(m.text == "该通知（受理通知书）已于 2026-03-02 答复");
  CHECK(m.rules == "DUPLICATE");
  m = split_rule_codes("此操作须由质控部执行(P-ROLE)；远程审核须先批准（R14）");
  CHECK(m.text == "此操作须由质控部执行；远程审核须先批准");
  CHECK(m.rules == "P-ROLE、R14");
  m = split_rule_codes("未签署公正性及保密性承诺（QP-21-09）");
  CHECK(m.text == "未签署公正性及保密性承诺（QP-21-09）");
  CHECK(m.rules == "");
  CHECK(split_rule_codes("（R15，§6.2）").text == "（R15，§6.2）");  // not a bare code: kept
  CHECK(split_rule_codes("答复包未导入：case_id: 本机构没有案件 C-1").text == "答复包未导入：本机构没有案件 C-1");
  CHECK(split_rule_codes("无法导出：\n· answer.documents: 附件缺失（INPUT-X）").text == "无法导出：\n· 附件缺失");
}

TEST_CASE("form codes: the public ones are shown, internal ids are not") {
  CHECK(form_code_note_zh("QP-21-13") == "（QP-21-13）");
  CHECK(form_code_note_zh("ACCEPTANCE-NOTICE") == "");
  CHECK_FALSE(is_public_form_code("REMOTE-AGREEMENT"));
}

TEST_CASE("form_command reads typed dates leniently and never sends a date that is not one") {
  nlohmann::json form = {{"type", "RecordForm"},
                         {"code", "QP-21-06"},
                         {"fields", {{"date", "2025/3/5"}, {"attendees", nlohmann::json::array()}, {"content", ""}}}};
  auto ok = form_command(form);
  REQUIRE(ok.ok());
  CHECK(std::get<RecordForm>(ok.value()).fields["date"] == "2025-03-05");
  form["fields"]["date"] = "abc";
  auto bad = form_command(form);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().field == "fields.date");
  const UserMessage m = case_form_message(*find_action("RecordForm"), bad.error());
  CHECK(m.field == "/fields/date");
  CHECK(m.text == std::string("日期：") + kDateAdviceZh);
  // A headcount typed in words: the form keeps the text, the check names the field.
  nlohmann::json cert = {{"type", "ConfirmCertificateInfo"}, {"name", "甲"}, {"registered_address", "乙"},
                         {"office_address", "丙"}, {"scope", nlohmann::json::array()}, {"headcount", "八十"}};
  auto refused = form_command(cert);
  REQUIRE_FALSE(refused.ok());
  CHECK(case_form_message(*find_action("ConfirmCertificateInfo"), refused.error()).text ==
        std::string("覆盖人数：") + kHeadcountAdviceZh);
}

TEST_CASE("settings paths are named as the editors name them") {
  const std::map<std::string, std::string> labels = {{"suspension.default_months", "通常暂停期限（月）"}};
  CHECK(config_path_label_zh("suspension.default_months", labels) == "通常暂停期限（月）");
  CHECK(config_path_label_zh("bands[2].days", labels) == "人数档（有效人数 → 审核人日） · 第 3 项 · 人日");
  CHECK(config_path_label_zh("nonsense_key", labels) == "");
  CHECK(labelled(config_path_label_zh("bands[0].min_personnel", labels), plain_text("bands[0].min_personnel: 应为整数")) ==
        "人数档（有效人数 → 审核人日） · 第 1 项 · 最少人数：应为整数");
}

TEST_CASE("a refused setting is said beside its field: label once, what to do, no path") {
  const std::map<std::string, std::string> labels = {{"suspension.max_months", "暂停最长期限（月）"}};
  UserMessage m = config_field_message(input_error("suspension.max_months", "应在 1 到 6 之间，实际为 9"), labels);
  CHECK(m.field == "suspension.max_months");
  CHECK(m.input);
  CHECK(m.rule.empty());
  CHECK(m.text == "暂停最长期限（月）：请填写 1 到 6 之间的数（现为 9）");
  // A number typed in words stays in the working copy as text: the reader's complaint becomes advice.
  CHECK(config_field_message(input_error("suspension.max_months", "suspension.max_months: 应为整数"), labels).text ==
        std::string("暂停最长期限（月）：") + kIntegerAdviceZh);
  // A line of the calendar: the year, the list and the line; the bad value quoted as people quote.
  m = config_field_message(input_error("years.2027.days_off[3]", "不是有效日期 \"2027-02-30\""), labels);
  CHECK(m.field == "years.2027.days_off[3]");
  CHECK(m.text == std::string("2027 年 · 放假日期（每行一个） · 第 4 项：“2027-02-30”不是有效日期。") + kDateAdviceZh);
  CHECK(config_field_message(input_error("years.2027.days_off[0]", "日期 \"2026-10-01\" 不属于 2027 年"), labels).text ==
        "2027 年 · 放假日期（每行一个） · 第 1 项：“2026-10-01”不在 2027 年内，请只填写 2027 年的日期");
  CHECK(config_field_message(input_error("years.2027.workdays[0]", "调休上班日 \"2027-01-04\" 不是周六或周日"), labels).text ==
        "2027 年 · 调休上班日期（每行一个） · 第 1 项：“2027-01-04”不是周六或周日，调休上班日只能是周末");
  CHECK(config_field_message(input_error("bands[1].days", "应大于上一档的 3 人日"), labels).text ==
        "人数档（有效人数 → 审核人日） · 第 2 项 · 人日：应大于上一档的 3 人日");
  CHECK(config_field_message(input_error("body.name_zh", "不能为空"), {{"body.name_zh", "认证机构名称"}}).text == "请填写认证机构名称");
  for (const char* path : {"suspension.max_months", "years.2027.days_off[3]", "bands[1].days"})
    CHECK_FALSE(has_ascii_path(config_field_message(input_error(path, "应为整数"), labels).text));
}
