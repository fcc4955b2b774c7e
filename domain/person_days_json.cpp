// Person-days table: loading, validation (Chinese errors naming the field) and JSON for all
// person-days types. Field names in JSON are the struct member names.
#include <cmath>
#include <set>

#include "domain/json_read.hpp"
#include "domain/person_days.hpp"

namespace certdesk {
namespace {

using nlohmann::json;
namespace jr = json_read;

std::string idx(const char* list, std::size_t i) { return std::string(list) + "[" + std::to_string(i) + "]"; }

std::string num(double x) { return jr::format_number(x, 4); }

Result<AuditTimeKind> parse_kind(const std::string& s, const std::string& field) {
  if (auto k = enum_from_id<AuditTimeKind>(s)) return *k;
  return input_error(field, "未知审核类型 \"" + s + "\"（可选：initial、surveillance、recertification、extension）");
}

// Reads an array of objects, calling read_item(object, field) for each.
template <class F>
jr::Error read_objects(const json& obj, const char* key, F read_item, bool required = true) {
  const json* arr = nullptr;
  CERTDESK_TRY_READ(jr::read_array(obj, key, "", arr, required));
  if (!arr) return std::nullopt;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const std::string field = idx(key, i);
    CERTDESK_TRY_READ(jr::require_object((*arr)[i], field));
    CERTDESK_TRY_READ(read_item((*arr)[i], field));
  }
  return std::nullopt;
}

constexpr double kBig = 1e9;

}  // namespace

Result<void> validate_person_days_table(const PersonDaysTable& t) {
  CERTDESK_TRY_READ(jr::check_data_header(1, t.schema_version, t.id, t.version, t.label));
  if (t.bands.empty()) return input_error("bands", "至少应有一档");
  for (std::size_t i = 0; i < t.bands.size(); ++i) {
    const PersonnelBand& b = t.bands[i];
    const int expected_min = i == 0 ? 1 : t.bands[i - 1].max_personnel + 1;
    if (b.min_personnel != expected_min)
      return input_error(idx("bands", i) + ".min_personnel",
                         "应为 " + std::to_string(expected_min) + "（各档人数须从 1 起连续衔接），实际为 " +
                             std::to_string(b.min_personnel));
    if (b.max_personnel < b.min_personnel)
      return input_error(idx("bands", i) + ".max_personnel", "不能小于本档下限 " + std::to_string(b.min_personnel));
    if (!(b.days > 0)) return input_error(idx("bands", i) + ".days", "应大于 0");
    if (i > 0 && !(b.days > t.bands[i - 1].days))
      return input_error(idx("bands", i) + ".days", "应大于上一档的 " + num(t.bands[i - 1].days) + " 人日");
  }
  if (t.beyond_last_band.step_personnel < 1)
    return input_error("beyond_last_band.step_personnel", "应至少为 1");
  if (!(t.beyond_last_band.step_days > 0)) return input_error("beyond_last_band.step_days", "应大于 0");
  if (t.level_factors.empty()) return input_error("level_factors", "至少应有一个认证级别");
  std::set<std::string> levels;
  for (std::size_t i = 0; i < t.level_factors.size(); ++i) {
    const LevelFactor& f = t.level_factors[i];
    if (f.level.empty()) return input_error(idx("level_factors", i) + ".level", "不能为空");
    if (!levels.insert(f.level).second)
      return input_error(idx("level_factors", i) + ".level", "认证级别 \"" + f.level + "\" 重复");
    if (!(f.factor > 0)) return input_error(idx("level_factors", i) + ".factor", "应大于 0");
  }
  if (t.category_count_factors.empty()) return input_error("category_count_factors", "至少应有一项");
  for (std::size_t i = 0; i < t.category_count_factors.size(); ++i) {
    const CategoryCountFactor& f = t.category_count_factors[i];
    const std::string field = idx("category_count_factors", i);
    if (i == 0 && f.min_categories != 1) return input_error(field + ".min_categories", "第一项应为 1");
    if (i > 0 && f.min_categories <= t.category_count_factors[i - 1].min_categories)
      return input_error(field + ".min_categories", "应按从小到大排列且不重复");
    if (!(f.factor > 0)) return input_error(field + ".factor", "应大于 0");
  }
  if (!(t.max_total_reduction_percent >= 0 && t.max_total_reduction_percent <= 100))
    return input_error("max_total_reduction_percent", "应在 0 到 100 之间");
  if (!(t.min_onsite_share > 0 && t.min_onsite_share <= 1)) return input_error("min_onsite_share", "应在 0 到 1 之间");
  if (!(t.stage1_share >= 0 && t.stage1_share <= 1 - t.min_onsite_share + 1e-9))
    return input_error("stage1_share", "第一阶段占比 " + num(t.stage1_share) + " 会使现场审核低于 " +
                                           num(100 * t.min_onsite_share) + "%，应在 0 到 " +
                                           num(1 - t.min_onsite_share) + " 之间");
  if (!(t.minimum_days >= 0)) return input_error("minimum_days", "不能为负数");
  const std::pair<const char*, double> kinds[] = {{"initial", t.kind_factors.initial},
                                                  {"surveillance", t.kind_factors.surveillance},
                                                  {"recertification", t.kind_factors.recertification},
                                                  {"extension", t.kind_factors.extension}};
  for (const auto& [name, f] : kinds)
    if (!(f > 0 && f <= 2)) return input_error(std::string("kind_factors.") + name, "应大于 0 且不超过 2");
  std::set<std::string> preset_ids;
  for (std::size_t i = 0; i < t.adjustment_presets.size(); ++i) {
    const AdjustmentPreset& p = t.adjustment_presets[i];
    const std::string field = idx("adjustment_presets", i);
    if (p.id.empty() || !preset_ids.insert(p.id).second) return input_error(field + ".id", "为空或重复");
    if (p.adjustment.reason_zh.empty()) return input_error(field + ".reason_zh", "每项调整都必须写明理由");
    if (!(p.adjustment.percent >= -100 && p.adjustment.percent <= 100))
      return input_error(field + ".percent", "应在 -100 到 100 之间");
  }
  return ok_void();
}

Result<PersonDaysTable> load_person_days_table(const json& j) {
  PersonDaysTable t;
  CERTDESK_TRY_READ(jr::read_data_header(j, 1, t.schema_version, t.id, t.version, t.label, t.note));
  CERTDESK_TRY_READ(read_objects(j, "bands", [&](const json& o, const std::string& f) -> jr::Error {
    PersonnelBand b;
    CERTDESK_TRY_READ(jr::read_int(o, "min_personnel", f, b.min_personnel, 1, 100000000));
    CERTDESK_TRY_READ(jr::read_int(o, "max_personnel", f, b.max_personnel, 1, 100000000));
    CERTDESK_TRY_READ(jr::read_number(o, "days", f, b.days, 0, kBig));
    t.bands.push_back(b);
    return std::nullopt;
  }));
  if (j.contains("beyond_last_band")) {
    const json& o = j["beyond_last_band"];
    CERTDESK_TRY_READ(jr::require_object(o, "beyond_last_band"));
    CERTDESK_TRY_READ(jr::read_int(o, "step_personnel", "beyond_last_band", t.beyond_last_band.step_personnel, 1, 100000000));
    CERTDESK_TRY_READ(jr::read_number(o, "step_days", "beyond_last_band", t.beyond_last_band.step_days, 0, kBig));
  }
  CERTDESK_TRY_READ(read_objects(j, "level_factors", [&](const json& o, const std::string& f) -> jr::Error {
    LevelFactor l;
    CERTDESK_TRY_READ(jr::read_string(o, "level", f, l.level));
    CERTDESK_TRY_READ(jr::read_number(o, "factor", f, l.factor, 0, kBig));
    t.level_factors.push_back(l);
    return std::nullopt;
  }));
  CERTDESK_TRY_READ(read_objects(j, "category_count_factors", [&](const json& o, const std::string& f) -> jr::Error {
    CategoryCountFactor c;
    CERTDESK_TRY_READ(jr::read_int(o, "min_categories", f, c.min_categories, 1, 1000));
    CERTDESK_TRY_READ(jr::read_number(o, "factor", f, c.factor, 0, kBig));
    t.category_count_factors.push_back(c);
    return std::nullopt;
  }));
  CERTDESK_TRY_READ(jr::read_number(j, "max_total_reduction_percent", "", t.max_total_reduction_percent, -kBig, kBig));
  CERTDESK_TRY_READ(jr::read_number(j, "stage1_share", "", t.stage1_share, -kBig, kBig));
  CERTDESK_TRY_READ(jr::read_number(j, "min_onsite_share", "", t.min_onsite_share, -kBig, kBig));
  CERTDESK_TRY_READ(jr::read_number(j, "minimum_days", "", t.minimum_days, -kBig, kBig));
  if (j.contains("kind_factors")) {
    const json& o = j["kind_factors"];
    CERTDESK_TRY_READ(jr::require_object(o, "kind_factors"));
    CERTDESK_TRY_READ(jr::read_number(o, "initial", "kind_factors", t.kind_factors.initial, -kBig, kBig, false));
    CERTDESK_TRY_READ(jr::read_number(o, "surveillance", "kind_factors", t.kind_factors.surveillance, -kBig, kBig, false));
    CERTDESK_TRY_READ(jr::read_number(o, "recertification", "kind_factors", t.kind_factors.recertification, -kBig, kBig, false));
    CERTDESK_TRY_READ(jr::read_number(o, "extension", "kind_factors", t.kind_factors.extension, -kBig, kBig, false));
  }
  CERTDESK_TRY_READ(read_objects(j, "adjustment_presets", [&](const json& o, const std::string& f) -> jr::Error {
    AdjustmentPreset p;
    CERTDESK_TRY_READ(jr::read_string(o, "id", f, p.id));
    CERTDESK_TRY_READ(jr::read_string(o, "reason_zh", f, p.adjustment.reason_zh));
    CERTDESK_TRY_READ(jr::read_number(o, "percent", f, p.adjustment.percent, -kBig, kBig));
    t.adjustment_presets.push_back(p);
    return std::nullopt;
  }, false));
  if (auto valid = validate_person_days_table(t); !valid) return valid.error();
  return t;
}

void to_json(json& j, const PersonDaysTable& t) {
  j = json{{"schema_version", t.schema_version}, {"id", t.id}, {"version", t.version}, {"label", t.label},
           {"note", t.note}};
  j["bands"] = json::array();
  for (const auto& b : t.bands)
    j["bands"].push_back({{"min_personnel", b.min_personnel}, {"max_personnel", b.max_personnel}, {"days", b.days}});
  j["beyond_last_band"] = {{"step_personnel", t.beyond_last_band.step_personnel},
                           {"step_days", t.beyond_last_band.step_days}};
  j["level_factors"] = json::array();
  for (const auto& l : t.level_factors) j["level_factors"].push_back({{"level", l.level}, {"factor", l.factor}});
  j["category_count_factors"] = json::array();
  for (const auto& c : t.category_count_factors)
    j["category_count_factors"].push_back({{"min_categories", c.min_categories}, {"factor", c.factor}});
  j["max_total_reduction_percent"] = t.max_total_reduction_percent;
  j["stage1_share"] = t.stage1_share;
  j["min_onsite_share"] = t.min_onsite_share;
  j["minimum_days"] = t.minimum_days;
  j["kind_factors"] = {{"initial", t.kind_factors.initial},
                       {"surveillance", t.kind_factors.surveillance},
                       {"recertification", t.kind_factors.recertification},
                       {"extension", t.kind_factors.extension}};
  j["adjustment_presets"] = json::array();
  for (const auto& p : t.adjustment_presets)
    j["adjustment_presets"].push_back(
        {{"id", p.id}, {"reason_zh", p.adjustment.reason_zh}, {"percent", p.adjustment.percent}});
}

void from_json(const json& j, PersonDaysTable& t) {
  auto r = load_person_days_table(j);
  if (!r) json_read::fail_from_json(502, r.error().message_zh, j);
  t = std::move(r.value());
}

void to_json(json& j, const Adjustment& a) { j = json{{"reason_zh", a.reason_zh}, {"percent", a.percent}}; }

void to_json(json& j, const PersonDaysInput& in) {
  j = json{{"kind", enum_id(in.kind)},
           {"effective_personnel", in.effective_personnel},
           {"level", in.level},
           {"service_categories", in.service_categories},
           {"adjustments", in.adjustments}};
}

Result<PersonDaysInput> person_days_input_from_json(const json& j) {
  CERTDESK_TRY_READ(jr::require_object(j, ""));
  PersonDaysInput in;
  std::string kind;
  CERTDESK_TRY_READ(jr::read_string(j, "kind", "", kind));
  auto k = parse_kind(kind, "kind");
  if (!k) return k.error();
  in.kind = k.value();
  CERTDESK_TRY_READ(jr::read_int(j, "effective_personnel", "", in.effective_personnel, 1, 100000000));
  CERTDESK_TRY_READ(jr::read_string(j, "level", "", in.level));
  CERTDESK_TRY_READ(jr::read_int(j, "service_categories", "", in.service_categories, 1, 1000));
  CERTDESK_TRY_READ(read_objects(j, "adjustments", [&](const json& o, const std::string& f) -> jr::Error {
    Adjustment a;
    CERTDESK_TRY_READ(jr::read_string(o, "reason_zh", f, a.reason_zh));
    CERTDESK_TRY_READ(jr::read_number(o, "percent", f, a.percent, -100, 100));
    in.adjustments.push_back(a);
    return std::nullopt;
  }, false));
  return in;
}

void from_json(const json& j, PersonDaysInput& in) {
  auto r = person_days_input_from_json(j);
  if (!r) json_read::fail_from_json(502, r.error().message_zh, j);
  in = std::move(r.value());
}

void to_json(json& j, const PersonDays& r) {
  j = json{{"table_days", r.table_days},       {"unrounded", r.unrounded},
           {"total", r.total},                 {"stage1", r.stage1},
           {"stage2", r.stage2},               {"applied_adjustment_percent", r.applied_adjustment_percent},
           {"reduction_capped", r.reduction_capped}, {"table_id", r.table_id},
           {"table_version", r.table_version}, {"justification", r.justification}};
}

void from_json(const json& j, PersonDays& r) {
  j.at("table_days").get_to(r.table_days);
  j.at("unrounded").get_to(r.unrounded);
  j.at("total").get_to(r.total);
  j.at("stage1").get_to(r.stage1);
  j.at("stage2").get_to(r.stage2);
  j.at("applied_adjustment_percent").get_to(r.applied_adjustment_percent);
  j.at("reduction_capped").get_to(r.reduction_capped);
  j.at("table_id").get_to(r.table_id);
  j.at("table_version").get_to(r.table_version);
  j.at("justification").get_to(r.justification);
}

}  // namespace certdesk
