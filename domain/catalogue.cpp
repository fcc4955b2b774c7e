// Catalogue loading, validation (Chinese errors naming the field), scope checks and the
// requirements applicable to a scope.
#include "domain/catalogue.hpp"

#include <algorithm>
#include <set>

#include "domain/json_read.hpp"

namespace certdesk {
namespace {

using nlohmann::json;
namespace jr = json_read;

bool contains(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

std::string join_zh(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& s : list) out += (out.empty() ? "" : "、") + s;
  return out;
}

jr::Error read_requirements(const json& j, const char* key, std::vector<Requirement>& out) {
  const json* arr = nullptr;
  CERTDESK_TRY_READ(jr::read_array(j, key, "", arr));
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const std::string f = jr::path(key, i);
    const json& o = (*arr)[i];
    CERTDESK_TRY_READ(jr::require_object(o, f));
    Requirement r;
    CERTDESK_TRY_READ(jr::read_string(o, "id", f, r.id));
    CERTDESK_TRY_READ(jr::read_string(o, "clause", f, r.clause));
    CERTDESK_TRY_READ(jr::read_string(o, "text_zh", f, r.text_zh));
    CERTDESK_TRY_READ(jr::read_string_list(o, "categories", f, r.categories, false));
    CERTDESK_TRY_READ(jr::read_string_list(o, "levels", f, r.levels, false));
    CERTDESK_TRY_READ(jr::read_string(o, "evidence_hint_zh", f, r.evidence_hint_zh, false, false));
    out.push_back(std::move(r));
  }
  return std::nullopt;
}

jr::Error validate_requirements(const Catalogue& c, const char* key, const std::vector<Requirement>& list,
                                std::set<std::string>& ids) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Requirement& r = list[i];
    const std::string f = jr::path(key, i);
    if (r.id.empty()) return input_error(f + ".id", "不能为空");
    if (!ids.insert(r.id).second) return input_error(f + ".id", "要求编号 \"" + r.id + "\" 重复");
    if (r.clause.empty()) return input_error(f + ".clause", "不能为空");
    if (r.text_zh.empty()) return input_error(f + ".text_zh", "不能为空");
    for (std::size_t k = 0; k < r.categories.size(); ++k)
      if (!find_category(c, r.categories[k]))
        return input_error(jr::path(f + ".categories", k), "未知服务类别 \"" + r.categories[k] + "\"");
    for (std::size_t k = 0; k < r.levels.size(); ++k)
      if (!contains(c.levels, r.levels[k]))
        return input_error(jr::path(f + ".levels", k), "未知认证级别 \"" + r.levels[k] + "\"");
  }
  return std::nullopt;
}

bool applies(const Requirement& r, const ScopeItem& s) {
  return (r.categories.empty() || contains(r.categories, s.category)) &&
         (r.levels.empty() || contains(r.levels, s.level));
}

}  // namespace

Result<void> validate_catalogue(const Catalogue& c) {
  CERTDESK_TRY_READ(jr::check_data_header(1, c.schema_version, c.id, c.version, c.label));
  if (c.levels.empty()) return input_error("levels", "至少应有一个认证级别");
  for (std::size_t i = 0; i < c.levels.size(); ++i)
    if (std::count(c.levels.begin(), c.levels.end(), c.levels[i]) > 1)
      return input_error(jr::path("levels", i), "认证级别 \"" + c.levels[i] + "\" 重复");
  if (c.categories.empty()) return input_error("categories", "至少应有一个服务类别");
  std::set<std::string> codes;
  for (std::size_t i = 0; i < c.categories.size(); ++i) {
    const ServiceCategory& s = c.categories[i];
    const std::string f = jr::path("categories", i);
    if (s.code.empty()) return input_error(f + ".code", "不能为空");
    if (!codes.insert(s.code).second) return input_error(f + ".code", "服务类别代码 \"" + s.code + "\" 重复");
    if (s.name_zh.empty()) return input_error(f + ".name_zh", "不能为空");
    if (s.levels.empty()) return input_error(f + ".levels", "至少应有一个认证级别");
    for (std::size_t k = 0; k < s.levels.size(); ++k)
      if (!contains(c.levels, s.levels[k]))
        return input_error(jr::path(f + ".levels", k),
                           "未知认证级别 \"" + s.levels[k] + "\"（可选：" + join_zh(c.levels) + "）");
  }
  std::set<std::string> ids;
  CERTDESK_TRY_READ(validate_requirements(c, "management_requirements", c.management_requirements, ids));
  CERTDESK_TRY_READ(validate_requirements(c, "capability_requirements", c.capability_requirements, ids));
  return ok_void();
}

Result<Catalogue> load_catalogue(const json& j) {
  Catalogue c;
  CERTDESK_TRY_READ(jr::read_data_header(j, 1, c.schema_version, c.id, c.version, c.label, c.note));
  CERTDESK_TRY_READ(jr::read_string_list(j, "levels", "", c.levels, true, true));
  const json* cats = nullptr;
  CERTDESK_TRY_READ(jr::read_array(j, "categories", "", cats));
  for (std::size_t i = 0; i < cats->size(); ++i) {
    const std::string f = jr::path("categories", i);
    const json& o = (*cats)[i];
    CERTDESK_TRY_READ(jr::require_object(o, f));
    ServiceCategory s;
    CERTDESK_TRY_READ(jr::read_string(o, "code", f, s.code));
    CERTDESK_TRY_READ(jr::read_string(o, "name_zh", f, s.name_zh));
    CERTDESK_TRY_READ(jr::read_string_list(o, "levels", f, s.levels, true, true));
    CERTDESK_TRY_READ(jr::read_string(o, "description_zh", f, s.description_zh, false, false));
    c.categories.push_back(std::move(s));
  }
  CERTDESK_TRY_READ(read_requirements(j, "management_requirements", c.management_requirements));
  CERTDESK_TRY_READ(read_requirements(j, "capability_requirements", c.capability_requirements));
  if (auto valid = validate_catalogue(c); !valid) return valid.error();
  return c;
}

CatalogueRef catalogue_ref(const Catalogue& c) { return {c.id, c.version}; }

const ServiceCategory* find_category(const Catalogue& c, std::string_view code) {
  for (const ServiceCategory& s : c.categories)
    if (s.code == code) return &s;
  return nullptr;
}

Result<void> validate_scope(const Catalogue& c, const std::vector<ScopeItem>& scope) {
  if (scope.empty()) return input_error("scope", "认证范围至少应包含一个服务类别");
  for (std::size_t i = 0; i < scope.size(); ++i) {
    const ScopeItem& s = scope[i];
    const std::string f = jr::path("scope", i);
    const ServiceCategory* cat = find_category(c, s.category);
    if (!cat) return input_error(f + ".category", "目录 " + c.id + "（" + c.version + "）中没有服务类别 \"" + s.category + "\"");
    if (!contains(cat->levels, s.level))
      return input_error(f + ".level", "服务类别 " + cat->name_zh + " 不设 \"" + s.level + "\"（可选：" +
                                           join_zh(cat->levels) + "）");
    for (std::size_t k = 0; k < i; ++k)
      if (scope[k].category == s.category)
        return input_error(f + ".category", "服务类别 " + cat->name_zh + " 重复申请");
  }
  return ok_void();
}

Result<std::vector<Requirement>> applicable_requirements(const Catalogue& c, AssessmentKind kind,
                                                         const std::vector<ScopeItem>& scope) {
  if (auto valid = validate_scope(c, scope); !valid) return valid.error();
  const auto& list = kind == AssessmentKind::management ? c.management_requirements : c.capability_requirements;
  std::vector<Requirement> out;
  for (const Requirement& r : list)
    if (std::any_of(scope.begin(), scope.end(), [&](const ScopeItem& s) { return applies(r, s); }))
      out.push_back(r);
  return out;
}

void to_json(json& j, const ServiceCategory& s) {
  j = json{{"code", s.code}, {"name_zh", s.name_zh}, {"levels", s.levels}, {"description_zh", s.description_zh}};
}

void to_json(json& j, const Requirement& r) {
  j = json{{"id", r.id},         {"clause", r.clause}, {"text_zh", r.text_zh},
           {"categories", r.categories}, {"levels", r.levels}, {"evidence_hint_zh", r.evidence_hint_zh}};
}

void to_json(json& j, const Catalogue& c) {
  j = json{{"schema_version", c.schema_version},
           {"id", c.id},
           {"version", c.version},
           {"label", c.label},
           {"note", c.note},
           {"levels", c.levels},
           {"categories", c.categories},
           {"management_requirements", c.management_requirements},
           {"capability_requirements", c.capability_requirements}};
}

void from_json(const json& j, Catalogue& c) {
  auto r = load_catalogue(j);
  if (!r) json_read::fail_from_json(503, r.error().message_zh, j);
  c = std::move(r.value());
}

void to_json(json& j, const ScopeItem& s) { j = json{{"category", s.category}, {"level", s.level}}; }
void from_json(const json& j, ScopeItem& s) {
  j.at("category").get_to(s.category);
  j.at("level").get_to(s.level);
}
void to_json(json& j, const CatalogueRef& r) { j = json{{"id", r.id}, {"version", r.version}}; }
void from_json(const json& j, CatalogueRef& r) {
  j.at("id").get_to(r.id);
  j.at("version").get_to(r.version);
}

}  // namespace certdesk
