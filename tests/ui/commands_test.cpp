// App commands: the path the panels and the test hook share.
#include <doctest/doctest.h>

#include "ui/shell/commands.hpp"

using namespace certdesk::ui;

TEST_CASE("commands from JSON are applied, refused ones change nothing") {
  AppModel m;
  auto c = command_from_json({{"type", "SetProfileName"}, {"name", "张三"}});
  REQUIRE(c.ok());
  REQUIRE(apply_command(m, c.value()).ok());
  CHECK(m.profile.name == "张三");
  CHECK(m.revision == 1);

  auto bad_role = command_from_json({{"type", "SetProfileRole"}, {"role", "king"}, {"held", true}});
  REQUIRE(bad_role.ok());
  auto r = apply_command(m, bad_role.value());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().rule == "INPUT");
  CHECK(r.error().field == "role");
  CHECK(m.revision == 1);
  CHECK(m.profile.roles.empty());
}

TEST_CASE("roles keep the canonical order whatever the click order") {
  AppModel m;
  REQUIRE(apply_command(m, SetProfileRole{"decision_maker", true}).ok());
  REQUIRE(apply_command(m, SetProfileRole{"quality_control", true}).ok());
  CHECK(m.profile.roles == std::vector<std::string>{"quality_control", "decision_maker"});
  REQUIRE(apply_command(m, SetProfileRole{"quality_control", false}).ok());
  CHECK(m.profile.roles == std::vector<std::string>{"decision_maker"});
}

TEST_CASE("malformed commands name the field") {
  CHECK(command_from_json(nlohmann::json::array()).error().message_zh.find("JSON 对象") != std::string::npos);
  CHECK(command_from_json({{"name", "x"}}).error().field == "type");
  CHECK(command_from_json({{"type", "Nope"}}).error().field == "type");
  CHECK(command_from_json({{"type", "SetProfileName"}, {"name", 3}}).error().field == "name");
  CHECK(command_from_json({{"type", "SetProfileRole"}, {"role", "auditor"}}).error().field == "held");
  CHECK(command_from_json({{"type", "ShowView"}, {"view", "elsewhere"}}).error().field == "view");
  AppModel m;
  CHECK_FALSE(apply_command(m, SetProfileName{std::string(201, 'a')}).ok());
}
