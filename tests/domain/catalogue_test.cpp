// Catalogue: the example loads and says it is an example; scope checks; applicable requirements;
// validation errors naming the field; JSON round-trip.
#include <doctest/doctest.h>

#include "domain/catalogue.hpp"
#include "test_data.hpp"

using namespace certdesk;
using nlohmann::json;

namespace {

json catalogue_json() { return read_data_json("domain/data/catalogue-example.json"); }

Catalogue example() {
  auto c = load_catalogue(catalogue_json());
  REQUIRE(c.ok());
  return c.value();
}

std::vector<std::string> ids(const std::vector<Requirement>& list) {
  std::vector<std::string> out;
  for (const auto& r : list) out.push_back(r.id);
  return out;
}

bool has(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

}  // namespace

TEST_CASE("the example catalogue loads and is labelled as an example") {
  const Catalogue c = example();
  CHECK(c.label.find("示例") != std::string::npos);
  CHECK(c.version == "2026.1-example");
  CHECK(c.levels == std::vector<std::string>{"一级", "二级", "三级"});
  REQUIRE(find_category(c, "ER"));
  CHECK(find_category(c, "ER")->name_zh == "应急处理");
  CHECK(find_category(c, "XX") == nullptr);
  CHECK(catalogue_ref(c) == CatalogueRef{"catalogue-example", "2026.1-example"});
}

TEST_CASE("requirements applicable to a scope follow categories and levels") {
  const Catalogue c = example();
  const std::vector<ScopeItem> scope = {{"RA", "三级"}, {"SO", "二级"}};
  auto cap = applicable_requirements(c, AssessmentKind::capability, scope);
  REQUIRE(cap.ok());
  const auto cap_ids = ids(cap.value());
  CHECK(has(cap_ids, "CR-RA-01"));
  CHECK(has(cap_ids, "CR-SO-02"));       // 一级/二级 only: SO is at 二级
  CHECK(has(cap_ids, "CR-ALL-01"));      // every category
  CHECK_FALSE(has(cap_ids, "CR-SI-01")); // category not requested
  CHECK_FALSE(has(cap_ids, "CR-SI-03"));
  CHECK(cap_ids.front() == "CR-SO-01");  // catalogue order, not scope order

  auto mgmt = applicable_requirements(c, AssessmentKind::management, scope);
  REQUIRE(mgmt.ok());
  const auto m = ids(mgmt.value());
  CHECK(has(m, "MR-01"));
  CHECK(has(m, "MR-10"));          // 二级/三级
  CHECK_FALSE(has(m, "MR-09"));    // 一级 only
  CHECK_FALSE(has(m, "MR-11"));

  // Same category, a level whose requirement drops out.
  auto so3 = applicable_requirements(c, AssessmentKind::capability, {{"SO", "三级"}});
  REQUIRE(so3.ok());
  CHECK_FALSE(has(ids(so3.value()), "CR-SO-02"));
  auto first = applicable_requirements(c, AssessmentKind::management, {{"SI", "一级"}});
  CHECK(has(ids(first.value()), "MR-09"));
}

TEST_CASE("a scope must name known categories at levels they offer, once each") {
  const Catalogue c = example();
  CHECK(validate_scope(c, {{"SI", "一级"}}).ok());
  CHECK(validate_scope(c, {}).error().field == "scope");
  const auto unknown = validate_scope(c, {{"SI", "一级"}, {"XX", "一级"}});
  CHECK(unknown.error().rule == "INPUT");
  CHECK(unknown.error().field == "scope[1].category");
  const auto level = validate_scope(c, {{"DJ", "一级"}});  // 等级保护测评咨询 has no 一级
  CHECK(level.error().field == "scope[0].level");
  CHECK(level.error().message_zh.find("可选：二级、三级") != std::string::npos);
  CHECK(validate_scope(c, {{"SI", "一级"}, {"SI", "二级"}}).error().field == "scope[1].category");
  CHECK_FALSE(applicable_requirements(c, AssessmentKind::capability, {{"XX", "一级"}}).ok());
}

TEST_CASE("a loaded catalogue is validated with Chinese messages naming the field") {
  auto error_of = [](const json& j) { return load_catalogue(j).error(); };
  json j = catalogue_json();
  j["capability_requirements"][3]["categories"][0] = "XX";
  CHECK(error_of(j).message_zh == "capability_requirements[3].categories[0]: 未知服务类别 \"XX\"");

  j = catalogue_json();
  j["categories"][1]["code"] = "SI";
  CHECK(error_of(j).field == "categories[1].code");

  j = catalogue_json();
  j["categories"][0]["levels"][0] = "特级";
  CHECK(error_of(j).field == "categories[0].levels[0]");

  j = catalogue_json();
  j["capability_requirements"][0]["id"] = "MR-01";  // ids are unique across both lists
  CHECK(error_of(j).field == "capability_requirements[0].id");

  j = catalogue_json();
  j["management_requirements"][2]["levels"] = {"四级"};
  CHECK(error_of(j).field == "management_requirements[2].levels[0]");

  j = catalogue_json();
  j["management_requirements"][0].erase("text_zh");
  CHECK(error_of(j).message_zh == "management_requirements[0].text_zh: 缺少字段");

  j = catalogue_json();
  j["schema_version"] = 2;
  CHECK(error_of(j).field == "schema_version");

  j = catalogue_json();
  j["categories"] = json::object();
  CHECK(error_of(j).message_zh == "categories: 应为数组");
  CHECK(load_catalogue(json("x")).error().rule == "INPUT");
}

TEST_CASE("catalogue types round-trip through JSON") {
  const Catalogue c = example();
  const json j = c;
  auto again = load_catalogue(j);
  REQUIRE(again.ok());
  CHECK(again.value() == c);
  CHECK(j.get<Catalogue>() == c);
  const ScopeItem s{"ER", "二级"};
  CHECK(json(s).get<ScopeItem>() == s);
  const CatalogueRef r = catalogue_ref(c);
  CHECK(json(r).get<CatalogueRef>() == r);
}
