// Catalogue of service categories, levels and self-assessment requirements as versioned JSON data:
// T/BJCSA 02-2022 is not available, so an editable example ships (domain/data/catalogue-example.json)
// and a case remembers the catalogue id and version it was assessed against (BRIEF "Service categories").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/result.hpp"
#include "domain/scope_item.hpp"

namespace certdesk {

// The two self-assessments of the application (§6.1): management 管理能力 and professional
// capability 专业能力.
enum class AssessmentKind { management, capability };

struct ServiceCategory {
  std::string code;                 // stable key, e.g. "SI"
  std::string name_zh;              // e.g. "安全集成"
  std::vector<std::string> levels;  // levels this category can be certified at, e.g. 一级/二级/三级
  std::string description_zh;
  bool operator==(const ServiceCategory&) const = default;
};

struct Requirement {
  std::string id;                       // unique across both lists, e.g. "MR-01", "CR-SI-01"
  std::string clause;                   // clause of the standard it comes from
  std::string text_zh;
  std::vector<std::string> categories;  // category codes it applies to; empty = every category
  std::vector<std::string> levels;      // levels it applies to; empty = every level
  std::string evidence_hint_zh;         // what the applicant should attach
  bool operator==(const Requirement&) const = default;
};

struct Catalogue {
  int schema_version = 1;
  std::string id;
  std::string version;
  std::string label;                 // must say plainly when it is an example
  std::string note;
  std::vector<std::string> levels;   // every level, most demanding first
  std::vector<ServiceCategory> categories;
  std::vector<Requirement> management_requirements;
  std::vector<Requirement> capability_requirements;
  bool operator==(const Catalogue&) const = default;
};

// One line of a requested scope (a category at a level) is ScopeItem, domain/scope_item.hpp.

// What a case stores to remember which catalogue it was assessed against.
struct CatalogueRef {
  std::string id;
  std::string version;
  bool operator==(const CatalogueRef&) const = default;
};

// Loads and validates (rule "INPUT", Chinese message naming the field, e.g.
// "capability_requirements[3].categories[0]: 未知服务类别 \"XX\"").
Result<Catalogue> load_catalogue(const nlohmann::json& j);
Result<void> validate_catalogue(const Catalogue& c);
CatalogueRef catalogue_ref(const Catalogue& c);
const ServiceCategory* find_category(const Catalogue& c, std::string_view code);
// A scope is non-empty, each category known and offered at the level asked, no category twice.
// Fields are named "scope[i].category" / "scope[i].level".
Result<void> validate_scope(const Catalogue& c, const std::vector<ScopeItem>& scope);
// Requirements of one self-assessment that apply to the scope, in catalogue order: a requirement
// applies if some scope item matches both its categories and its levels (empty = any).
Result<std::vector<Requirement>> applicable_requirements(const Catalogue& c, AssessmentKind kind,
                                                         const std::vector<ScopeItem>& scope);

// JSON (member names as fields). from_json throws on bad data: use load_catalogue for user data.
void to_json(nlohmann::json& j, const Catalogue& c);
void from_json(const nlohmann::json& j, Catalogue& c);
void to_json(nlohmann::json& j, const ServiceCategory& s);
void to_json(nlohmann::json& j, const Requirement& r);
void to_json(nlohmann::json& j, const ScopeItem& s);
void from_json(const nlohmann::json& j, ScopeItem& s);
void to_json(nlohmann::json& j, const CatalogueRef& r);
void from_json(const nlohmann::json& j, CatalogueRef& r);

}  // namespace certdesk
