// Person-days calculation (附录A, §6.2) with its Chinese justification; the table's loader is in
// person_days_json.cpp. Order: band → level × categories → adjustments (capped) → kind factor →
// minimum → rounding to the half day → split stage 1 / stage 2.
#include "domain/person_days.hpp"

#include "domain/json_read.hpp"

#include <algorithm>
#include <cmath>

namespace certdesk {
namespace {

constexpr double kEpsilon = 1e-9;  // guards x.25 / x.75 against binary floating-point drift

std::string num(double x, int decimals = 2) { return json_read::format_number(x, decimals); }

std::string signed_percent(double p) {
  std::string s = p > 0 ? "+" : "";  // built by appending: g++ 12 warns falsely on "lit" + string&&
  s += num(p);
  s += "%";
  return s;
}

double floor_to_half_day(double days) { return std::floor(days * 2 + kEpsilon) / 2; }

double kind_factor(const KindFactors& f, AuditTimeKind kind) {
  switch (kind) {
    case AuditTimeKind::initial: return f.initial;
    case AuditTimeKind::surveillance: return f.surveillance;
    case AuditTimeKind::recertification: return f.recertification;
    case AuditTimeKind::extension: return f.extension;
  }
  return 1.0;
}

// The band's days, or the progression above the last band; appends its justification line.
double table_days(const PersonDaysTable& t, int personnel, std::vector<std::string>& lines) {
  for (std::size_t i = 0; i < t.bands.size(); ++i) {
    const PersonnelBand& b = t.bands[i];
    if (personnel >= b.min_personnel && personnel <= b.max_personnel) {
      lines.push_back("有效人数 " + std::to_string(personnel) + " 人，属第 " + std::to_string(i + 1) +
                      " 档（" + std::to_string(b.min_personnel) + "–" + std::to_string(b.max_personnel) +
                      " 人），基准审核时间 " + num(b.days) + " 人日");
      return b.days;
    }
  }
  const PersonnelBand& last = t.bands.back();
  const int step = t.beyond_last_band.step_personnel;
  const int steps = (personnel - last.max_personnel + step - 1) / step;  // a part step counts whole
  const double days = last.days + steps * t.beyond_last_band.step_days;
  lines.push_back("有效人数 " + std::to_string(personnel) + " 人，超过最高档（" +
                  std::to_string(last.min_personnel) + "–" + std::to_string(last.max_personnel) + " 人，" +
                  num(last.days) + " 人日）：按级数延伸，每增加 " + std::to_string(step) + " 人（不足按 " +
                  std::to_string(step) + " 人计）加 " + num(t.beyond_last_band.step_days) + " 人日，共 " +
                  std::to_string(steps) + " 级，基准审核时间 " + num(days) + " 人日");
  return days;
}

double category_factor(const PersonDaysTable& t, int categories) {
  double factor = 1.0;
  for (const CategoryCountFactor& f : t.category_count_factors)  // sorted by min_categories
    if (categories >= f.min_categories) factor = f.factor;
  return factor;
}

}  // namespace

PersonDaysInput person_days_input(const Cycle& c, const PersonDaysTable& table) {
  PersonDaysInput in;
  in.kind = c.kind == CycleKind::Recertification ? AuditTimeKind::recertification
            : c.kind == CycleKind::ScopeExtension ? AuditTimeKind::extension : AuditTimeKind::initial;
  in.effective_personnel = c.application.headcount_in_scope;
  in.service_categories = std::max<int>(1, static_cast<int>(c.application.scope.size()));
  double best = -1;
  for (const ScopeItem& it : c.application.scope)
    for (const LevelFactor& lf : table.level_factors)
      if (lf.level == it.level && lf.factor > best) {
        best = lf.factor;
        in.level = it.level;
      }
  if (in.level.empty() && !c.application.scope.empty()) in.level = c.application.scope.front().level;
  return in;
}

double round_to_half_day(double days) { return std::floor(days * 2 + 0.5 + kEpsilon) / 2; }

Result<PersonDays> calculate_person_days(const PersonDaysTable& t, const PersonDaysInput& in) {
  if (auto valid = validate_person_days_table(t); !valid) return valid.error();
  if (in.effective_personnel < 1)
    return input_error("effective_personnel", "有效人数应至少为 1 人，实际为 " + std::to_string(in.effective_personnel));
  if (in.service_categories < 1)
    return input_error("service_categories", "服务类别数应至少为 1，实际为 " + std::to_string(in.service_categories));
  const auto level = std::find_if(t.level_factors.begin(), t.level_factors.end(),
                                  [&](const LevelFactor& f) { return f.level == in.level; });
  if (level == t.level_factors.end()) {
    std::string known;
    for (const LevelFactor& f : t.level_factors) known += (known.empty() ? "" : "、") + f.level;
    return input_error("level", "人日表中没有认证级别 \"" + in.level + "\"（可选：" + known + "）");
  }

  PersonDays r;
  r.table_id = t.id;
  r.table_version = t.version;
  auto& lines = r.justification;
  lines.push_back("人日表：" + t.label + "（" + t.id + "，版本 " + t.version + "）");
  lines.push_back("审核类型：" + std::string(enum_label(in.kind)));
  r.table_days = table_days(t, in.effective_personnel, lines);

  const double cat = category_factor(t, in.service_categories);
  lines.push_back("认证级别 " + in.level + "：复杂程度系数 ×" + num(level->factor, 4));
  lines.push_back("服务类别 " + std::to_string(in.service_categories) + " 项：复杂程度系数 ×" + num(cat, 4));
  double days = r.table_days * level->factor * cat;
  lines.push_back("按复杂程度调整后：" + num(r.table_days) + " × " + num(level->factor, 4) + " × " +
                  num(cat, 4) + " = " + num(days, 3) + " 人日");

  // Adjustments: each with its written reason; the net reduction is capped (IAF MD 5: 30 %).
  double net = 0;
  for (std::size_t i = 0; i < in.adjustments.size(); ++i) {
    const Adjustment& a = in.adjustments[i];
    const std::string field = "adjustments[" + std::to_string(i) + "]";
    if (a.reason_zh.empty()) return input_error(field + ".reason_zh", "每项调整都必须写明理由");
    if (!std::isfinite(a.percent) || a.percent < -100 || a.percent > 100)
      return input_error(field + ".percent", "调整幅度应在 -100% 到 +100% 之间，实际为 " + num(a.percent) + "%");
    lines.push_back("调整 " + std::to_string(i + 1) + "：" + signed_percent(a.percent) + "，理由：" + a.reason_zh);
    net += a.percent;
  }
  if (!in.adjustments.empty()) {
    if (net < -t.max_total_reduction_percent - kEpsilon) {
      lines.push_back("调整合计 " + signed_percent(net) + "，超过减少上限 " + num(t.max_total_reduction_percent) +
                      "%，按 " + signed_percent(-t.max_total_reduction_percent) + " 计");
      net = -t.max_total_reduction_percent;
      r.reduction_capped = true;
    } else {
      lines.push_back("调整合计 " + signed_percent(net) + "（减少上限 " + num(t.max_total_reduction_percent) + "%）");
    }
    days *= 1 + net / 100;
    lines.push_back("调整后：" + num(days, 3) + " 人日");
  }
  r.applied_adjustment_percent = net;

  const double kf = kind_factor(t.kind_factors, in.kind);
  if (in.kind != AuditTimeKind::initial) {
    days *= kf;
    lines.push_back(std::string(enum_label(in.kind)) + "为初次审核时间的 " + num(kf, 4) + " 倍：" + num(days, 3) + " 人日");
  }
  if (days < t.minimum_days) {
    lines.push_back("低于最少审核时间 " + num(t.minimum_days) + " 人日，按 " + num(t.minimum_days) + " 人日计");
    days = t.minimum_days;
  }
  r.unrounded = days;
  r.total = round_to_half_day(days);
  lines.push_back("按半人日取整（就近取整，恰在两者正中时进位）：" + num(days, 3) + " → " + num(r.total) + " 人日");

  // Split: stage 1 is off-site document review (§6.4.2.1), only for initial and extension audits;
  // rounded down to the half day so on-site stays at least min_onsite_share.
  if (in.kind == AuditTimeKind::initial || in.kind == AuditTimeKind::extension) {
    r.stage1 = floor_to_half_day(r.total * t.stage1_share);
    r.stage2 = r.total - r.stage1;
    lines.push_back("分配：第一阶段（文件审核）" + num(r.stage1) + " 人日（" + num(r.total) + " × " +
                    num(t.stage1_share, 4) + "，向下取半人日），第二阶段（现场审核）" + num(r.stage2) +
                    " 人日，现场占 " + num(100 * r.stage2 / r.total, 1) + "%（不低于 " +
                    num(100 * t.min_onsite_share) + "%）");
    if (r.stage1 == 0 && t.stage1_share > 0)
      lines.push_back("第一阶段不足半人日，不单独计人日，文件审核由审核组在第二阶段准备中完成");
  } else {
    r.stage1 = 0;
    r.stage2 = r.total;
    lines.push_back("分配：全部为现场审核 " + num(r.stage2) + " 人日（无第一阶段）");
  }
  return r;
}

}  // namespace certdesk
