// ui/commands.hpp — the app-level model the shell owns, the commands that change it (issued by
// panels and by the test hook alike), and their JSON form.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

#include "domain/result.hpp"

namespace certdesk::ui {

enum class View { Home, Profile, Charset };

// A role a local user may hold at the certification body (BRIEF "Who does what").
struct RoleInfo {
  const char* id;
  const char* label_zh;
};
const std::vector<RoleInfo>& known_roles();

// The local user. The domain's impartiality checks (R15, R16) use the name and roles.
struct Profile {
  std::string name;
  std::vector<std::string> roles;  // ids from known_roles(), in that order
  std::string note;
};

struct AppModel {
  View view = View::Home;
  Profile profile;
  long revision = 0;  // bumped by every accepted command; panels refresh buffers on change
};

struct ShowView { View view; };
struct SetProfileName { std::string name; };
struct SetProfileRole { std::string role; bool held = false; };
struct SetProfileNote { std::string note; };
using Command = std::variant<ShowView, SetProfileName, SetProfileRole, SetProfileNote>;

// Applies a command; a refused one changes nothing and says why in Chinese.
Result<void> apply_command(AppModel& model, const Command& command);

// {"type":"SetProfileName","name":"…"} etc. Unknown types and bad fields are INPUT errors
// that name the field.
Result<Command> command_from_json(const nlohmann::json& j);
nlohmann::json model_to_json(const AppModel& model);

const char* view_id(View v);

}  // namespace certdesk::ui
