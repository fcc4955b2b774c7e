// Person-days (附录A): bands and progression, complexity, capped adjustments, rounding, split, kinds.
#include <doctest/doctest.h>

#include "domain/person_days.hpp"
#include "test_data.hpp"

using namespace certdesk;
using nlohmann::json;

namespace {

json example_json() { return read_data_json("domain/data/person-days-example.json"); }

PersonDaysTable example() {
  auto t = load_person_days_table(example_json());
  REQUIRE(t.ok());
  return t.value();
}

PersonDays calc(const PersonDaysTable& t, PersonDaysInput in) {
  auto r = calculate_person_days(t, in);
  REQUIRE(r.ok());
  return r.value();
}

PersonDaysInput input(int personnel, std::string level, int categories = 1,
                      AuditTimeKind kind = AuditTimeKind::initial) {
  PersonDaysInput in;
  in.kind = kind;
  in.effective_personnel = personnel;
  in.level = std::move(level);
  in.service_categories = categories;
  return in;
}

bool has_line(const PersonDays& r, const std::string& part) {
  for (const auto& line : r.justification)
    if (line.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("the example table loads, is labelled as an example, and carries IAF MD 5 QMS 1") {
  const PersonDaysTable t = example();
  CHECK(t.label.find("示例") != std::string::npos);
  CHECK(t.bands.size() == 23);
  CHECK(t.bands.front() == PersonnelBand{1, 5, 1.5});
  CHECK(t.bands.back() == PersonnelBand{8501, 10700, 22});
  CHECK(t.max_total_reduction_percent == 30);
}

TEST_CASE("rounding to the nearest half day, ties up") {
  CHECK(round_to_half_day(5.3) == 5.5);
  CHECK(round_to_half_day(5.2) == 5.0);
  CHECK(round_to_half_day(5.25) == 5.5);
  CHECK(round_to_half_day(5.75) == 6.0);
  CHECK(round_to_half_day(5.74) == 5.5);
  CHECK(round_to_half_day(5.0) == 5.0);
  CHECK(round_to_half_day(0.1) == 0.0);
}

TEST_CASE("the band is found by effective personnel, and the progression continues above the last") {
  const PersonDaysTable t = example();
  auto days = [&](int n) { return calc(t, input(n, "三级")).table_days; };
  CHECK(days(1) == 1.5);
  CHECK(days(5) == 1.5);
  CHECK(days(6) == 2);
  CHECK(days(45) == 4);
  CHECK(days(46) == 5);
  CHECK(days(10700) == 22);
  CHECK(days(10701) == 23);  // a part step counts as a whole step
  CHECK(days(12900) == 23);
  CHECK(days(12901) == 24);
  const PersonDays r = calc(t, input(30, "三级"));
  CHECK(has_line(r, "有效人数 30 人，属第 5 档（26–45 人），基准审核时间 4 人日"));
  CHECK(has_line(calc(t, input(12901, "三级")), "按级数延伸"));
}

TEST_CASE("initial audit: level and category factors, rounding, stage split with on-site >= 80 %") {
  const PersonDaysTable t = example();
  const PersonDays r = calc(t, input(50, "一级", 2));
  CHECK(r.table_days == 5);
  CHECK(r.unrounded == doctest::Approx(7.15));  // 5 × 1.3 × 1.1
  CHECK(r.total == 7.0);
  CHECK(r.stage1 == 1.0);  // 7 × 0.2 = 1.4, rounded down to the half day
  CHECK(r.stage2 == 6.0);
  CHECK(r.stage2 / r.total >= 0.8);
  CHECK(r.table_id == "person-days-example");
  CHECK(has_line(r, "认证级别 一级：复杂程度系数 ×1.3"));
  CHECK(has_line(r, "服务类别 2 项：复杂程度系数 ×1.1"));
  CHECK(has_line(r, "7.15 → 7 人日"));
  CHECK(has_line(r, "第一阶段（文件审核）1 人日"));

  const PersonDays tie = calc(t, input(50, "二级"));  // 5 × 1.15 = 5.75
  CHECK(tie.total == 6.0);

  const PersonDays five_categories = calc(t, input(50, "三级", 6));
  CHECK(five_categories.unrounded == doctest::Approx(6.5));  // factor of the "5 or more" entry
}

TEST_CASE("a very small initial audit has no separate stage-1 day") {
  const PersonDays r = calc(example(), input(3, "三级"));
  CHECK(r.total == 1.5);
  CHECK(r.stage1 == 0);
  CHECK(r.stage2 == 1.5);
  CHECK(has_line(r, "第一阶段不足半人日"));
}

TEST_CASE("adjustments carry reasons and the net reduction is capped at 30 %") {
  const PersonDaysTable t = example();
  PersonDaysInput in = input(100, "三级");  // 7 days
  in.adjustments = {{"已获 ISO/IEC 27001 认证", -20}, {"服务过程简单", -15}};
  const PersonDays capped = calc(t, in);
  CHECK(capped.reduction_capped);
  CHECK(capped.applied_adjustment_percent == -30);
  CHECK(capped.total == 5.0);  // 7 × 0.7 = 4.9; uncapped 7 × 0.65 = 4.55 would give 4.5
  CHECK(has_line(capped, "调整 1：-20%，理由：已获 ISO/IEC 27001 认证"));
  CHECK(has_line(capped, "调整合计 -35%，超过减少上限 30%，按 -30% 计"));

  in.adjustments = {{"多场所", 10}, {"管理体系成熟", -20}};
  const PersonDays mixed = calc(t, in);
  CHECK_FALSE(mixed.reduction_capped);
  CHECK(mixed.applied_adjustment_percent == -10);
  CHECK(mixed.total == 6.5);  // 7 × 0.9 = 6.3

  in.adjustments = {{"", -10}};
  const auto missing = calculate_person_days(t, in);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().field == "adjustments[0].reason_zh");
  CHECK(missing.error().message_zh.find("理由") != std::string::npos);
}

TEST_CASE("surveillance about one third, recertification about two thirds, all on site; minimum applies") {
  const PersonDaysTable t = example();
  const PersonDays surv = calc(t, input(100, "三级", 1, AuditTimeKind::surveillance));
  CHECK(surv.total == 2.5);  // 7 × 0.3333 = 2.33
  CHECK(surv.stage1 == 0);
  CHECK(surv.stage2 == 2.5);
  CHECK(has_line(surv, "监督审核为初次审核时间的 0.3333 倍"));
  const PersonDays recert = calc(t, input(100, "三级", 1, AuditTimeKind::recertification));
  CHECK(recert.total == 4.5);  // 7 × 0.6667 = 4.67
  CHECK(recert.stage1 == 0);
  const PersonDays ext = calc(t, input(100, "三级", 1, AuditTimeKind::extension));
  CHECK(ext.total == 7.0);
  CHECK(ext.stage1 == 1.0);
  const PersonDays tiny = calc(t, input(3, "三级", 1, AuditTimeKind::surveillance));
  CHECK(tiny.total == 1.0);  // 1.5 × 0.3333 = 0.5 → minimum 1 day
  CHECK(has_line(tiny, "低于最少审核时间 1 人日"));
}

TEST_CASE("bad calculation input is refused with the field named") {
  const PersonDaysTable t = example();
  auto level = calculate_person_days(t, input(10, "四级"));
  REQUIRE_FALSE(level.ok());
  CHECK(level.error().rule == "INPUT");
  CHECK(level.error().field == "level");
  CHECK(level.error().message_zh.find("一级、二级、三级") != std::string::npos);
  CHECK(calculate_person_days(t, input(0, "三级")).error().field == "effective_personnel");
  CHECK(calculate_person_days(t, input(5, "三级", 0))
            .error().field == "service_categories");
}

TEST_CASE("a loaded table is validated with Chinese messages naming the field") {
  auto error_of = [](json j) { return load_person_days_table(j).error(); };
  json j = example_json();
  j["bands"][2]["min_personnel"] = 12;
  CHECK(error_of(j).field == "bands[2].min_personnel");
  CHECK(error_of(j).message_zh.find("应为 11") != std::string::npos);

  j = example_json();
  j["bands"][0]["days"] = "1.5";
  CHECK(error_of(j).message_zh == "bands[0].days: 应为数字");

  j = example_json();
  j["bands"][4]["days"] = 3;  // not above the previous band's 3
  CHECK(error_of(j).field == "bands[4].days");

  j = example_json();
  j["stage1_share"] = 0.3;
  CHECK(error_of(j).field == "stage1_share");
  CHECK(error_of(j).message_zh.find("现场审核低于 80%") != std::string::npos);

  j = example_json();
  j.erase("label");
  CHECK(error_of(j).message_zh == "label: 缺少字段");

  j = example_json();
  j["level_factors"][1]["level"] = "一级";
  CHECK(error_of(j).field == "level_factors[1].level");

  j = example_json();
  j["category_count_factors"][0]["min_categories"] = 2;
  CHECK(error_of(j).field == "category_count_factors[0].min_categories");

  j = example_json();
  j["adjustment_presets"][0]["reason_zh"] = "";
  CHECK(error_of(j).field == "adjustment_presets[0].reason_zh");

  j = example_json();
  j["kind_factors"]["surveillance"] = 0;
  CHECK(error_of(j).field == "kind_factors.surveillance");

  CHECK(load_person_days_table(json::array()).error().rule == "INPUT");
}

TEST_CASE("person-days types round-trip through JSON") {
  const PersonDaysTable t = example();
  const json tj = t;
  auto again = load_person_days_table(tj);
  REQUIRE(again.ok());
  CHECK(again.value() == t);

  PersonDaysInput in = input(80, "二级", 3, AuditTimeKind::recertification);
  in.adjustments = {{"多场所", 10}};
  const json ij = in;
  CHECK(ij["kind"] == "recertification");
  auto in_again = person_days_input_from_json(ij);
  REQUIRE(in_again.ok());
  CHECK(in_again.value() == in);
  json bad = ij;
  bad["kind"] = "audit";
  CHECK(person_days_input_from_json(bad).error().field == "kind");

  const PersonDays r = calc(t, in);
  const json rj = r;
  CHECK(rj.get<PersonDays>() == r);
}
