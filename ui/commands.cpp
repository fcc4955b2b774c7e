// ui/commands.cpp — applying app commands and their JSON form.
#include "ui/commands.hpp"

#include <algorithm>

namespace certdesk::ui {

const std::vector<RoleInfo>& known_roles() {
  static const std::vector<RoleInfo> roles = {
      {"quality_control", "质控部"},          {"marketing", "市场运营部"},
      {"division", "认证事业部"},             {"project_manager", "项目管理人员"},
      {"team_leader", "审核组长"},            {"auditor", "审核员"},
      {"technical_expert", "技术专家"},       {"reviewer", "复核人员"},
      {"decision_maker", "认证决定人员"},     {"management_rep", "管理者代表"},
  };
  return roles;
}

const char* view_id(View v) {
  switch (v) {
    case View::Home: return "home";
    case View::Profile: return "profile";
    case View::Charset: return "charset";
  }
  return "home";
}

namespace {

constexpr std::size_t kMaxNameBytes = 200;
constexpr std::size_t kMaxNoteBytes = 20000;

bool is_known_role(const std::string& id) {
  const auto& roles = known_roles();
  return std::any_of(roles.begin(), roles.end(), [&](const RoleInfo& r) { return id == r.id; });
}

struct Applier {
  AppModel& m;
  Result<void> operator()(const ShowView& c) { m.view = c.view; return ok_void(); }
  Result<void> operator()(const SetProfileName& c) {
    if (c.name.size() > kMaxNameBytes) return input_error("name", "姓名过长（最多 200 字节）");
    m.profile.name = c.name;
    return ok_void();
  }
  Result<void> operator()(const SetProfileRole& c) {
    if (!is_known_role(c.role)) return input_error("role", "未知角色“" + c.role + "”");
    auto& roles = m.profile.roles;
    roles.erase(std::remove(roles.begin(), roles.end(), c.role), roles.end());
    if (c.held) {
      // Keep the canonical order of known_roles() so the state is independent of click order.
      std::vector<std::string> ordered;
      for (const auto& r : known_roles())
        if (std::string(r.id) == c.role ||
            std::find(roles.begin(), roles.end(), r.id) != roles.end())
          ordered.emplace_back(r.id);
      roles = std::move(ordered);
    }
    return ok_void();
  }
  Result<void> operator()(const SetProfileNote& c) {
    if (c.note.size() > kMaxNoteBytes) return input_error("note", "备注过长（最多 20000 字节）");
    m.profile.note = c.note;
    return ok_void();
  }
};

Result<std::string> string_field(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return input_error(key, "缺少此字段");
  if (!it->is_string()) return input_error(key, "应为字符串");
  return it->get<std::string>();
}

}  // namespace

Result<void> apply_command(AppModel& model, const Command& command) {
  AppModel next = model;
  Result<void> r = std::visit(Applier{next}, command);
  if (r.ok()) {
    next.revision = model.revision + 1;
    model = std::move(next);
  }
  return r;
}

Result<Command> command_from_json(const nlohmann::json& j) {
  if (!j.is_object()) return input_error("", "命令应为 JSON 对象");
  auto type = string_field(j, "type");
  if (!type) return type.error();
  const std::string& t = type.value();
  if (t == "ShowView") {
    auto v = string_field(j, "view");
    if (!v) return v.error();
    for (View view : {View::Home, View::Profile, View::Charset})
      if (v.value() == view_id(view)) return Command{ShowView{view}};
    return input_error("view", "未知视图“" + v.value() + "”");
  }
  if (t == "SetProfileName") {
    auto v = string_field(j, "name");
    if (!v) return v.error();
    return Command{SetProfileName{v.value()}};
  }
  if (t == "SetProfileRole") {
    auto v = string_field(j, "role");
    if (!v) return v.error();
    auto held = j.find("held");
    if (held == j.end() || !held->is_boolean()) return input_error("held", "应为 true 或 false");
    return Command{SetProfileRole{v.value(), held->get<bool>()}};
  }
  if (t == "SetProfileNote") {
    auto v = string_field(j, "note");
    if (!v) return v.error();
    return Command{SetProfileNote{v.value()}};
  }
  return input_error("type", "未知命令类型“" + t + "”");
}

nlohmann::json model_to_json(const AppModel& m) {
  return {{"view", view_id(m.view)},
          {"revision", m.revision},
          {"profile", {{"name", m.profile.name}, {"roles", m.profile.roles}, {"note", m.profile.note}}}};
}

}  // namespace certdesk::ui
