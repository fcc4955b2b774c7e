// ui/shell/commands.cpp — applying app commands and their JSON form.
#include "ui/shell/commands.hpp"

#include <algorithm>
#include <type_traits>

#include "ui/shell/store.hpp"

namespace certdesk::ui {

const std::vector<RoleInfo>& known_roles() {
  static const std::vector<RoleInfo> roles = {
      {"quality_control", "质控部", Role::Quality},
      {"marketing", "市场运营部", Role::Marketing},
      {"division", "认证事业部", Role::Division},
      {"project_manager", "项目管理人员", Role::ProjectManager},
      {"team_leader", "审核组长", Role::TeamLeader},
      {"auditor", "审核员", Role::Auditor},
      {"technical_expert", "技术专家", std::nullopt},  // a team role (TeamRole), not a body role
      {"reviewer", "复核人员", Role::Reviewer},
      {"decision_maker", "认证决定人员", Role::DecisionMaker},
      {"management_rep", "管理者代表", Role::Management},
  };
  return roles;
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
  const CommandContext& ctx;
  Result<void> operator()(const ShowView& c) {
    // Each mode has its own screens; the start screen is always reachable.
    const bool body_view = c.view == View::Cases || c.view == View::Today || c.view == View::Case || c.view == View::Settings;
    if ((c.view == View::Apply && m.mode != Mode::Applicant) || (body_view && m.mode != Mode::Body))
      return input_error("view", "当前身份下没有这个页面，请先在首页选择身份");
    if (c.view == View::Case && m.open_case.empty()) return input_error("view", "请先在案件列表中打开一个案件");
    m.view = c.view;
    return ok_void();
  }
  Result<void> operator()(const SetMode& c) {
    if (c.mode == Mode::Unset) return input_error("mode", "请选择申请组织或认证机构");
    m.mode = c.mode;
    m.view = c.mode == Mode::Applicant ? View::Apply : View::Cases;
    return ok_void();
  }
  Result<void> operator()(const SetDraftField& c) { return apply_draft(m.applicant, c); }
  Result<void> operator()(const AddDraftRow& c) { return apply_draft(m.applicant, c); }
  Result<void> operator()(const RemoveDraftRow& c) { return apply_draft(m.applicant, c); }
  Result<void> operator()(const SetScopeLevel& c) {
    if (!ctx.catalogue) return input_error("scope", "目录尚未载入");
    return apply_draft(m.applicant, c, *ctx.catalogue);
  }
  Result<void> operator()(const LinkEvidence& c) { return apply_draft(m.applicant, c); }
  Result<void> operator()(const AddAttachment& c) { return apply_draft(m.applicant, c, ctx.limits); }
  Result<void> operator()(const RemoveAttachment& c) { return apply_draft(m.applicant, c); }
  Result<void> operator()(const RestoreAttachment& c) { return apply_draft(m.applicant, c, ctx.limits); }
  Result<void> operator()(const RestoreDraftRow& c) { return apply_draft(m.applicant, c); }
  Result<void> operator()(const NewApplication& c) {
    if (c.package_id.empty()) return input_error("package_id", "缺少申请编号");
    m.applicant = ApplicantModel{};
    m.applicant.package_id = c.package_id;
    return ok_void();
  }
  Result<void> operator()(const LoadApplication& c) {
    m.applicant = ApplicantModel{};
    m.applicant.package_id = c.package_id;
    m.applicant.draft = c.draft;
    return ok_void();
  }
  Result<void> operator()(const ShowApplyPage& c) {
    m.applicant.page = c.page;
    return ok_void();
  }
  Result<void> operator()(const NoteExport& c) {
    m.applicant.last_export = c.text;
    return ok_void();
  }
  Result<void> operator()(const OpenCase& c) {
    if (m.mode != Mode::Body) return input_error("view", "当前身份下没有这个页面，请先在首页选择身份");
    if (c.case_id.empty()) return input_error("case_id", "缺少案件编号");
    m.open_case = c.case_id;
    m.case_step = c.step;
    m.view = View::Case;
    return ok_void();
  }
  Result<void> operator()(const SetCaseQuery& c) {
    if (c.query.text.size() > kMaxNameBytes) return input_error("text", "搜索内容过长");
    m.case_query = c.query;
    return ok_void();
  }
  // Run by App (they need the workspace and the configuration), never here.
  Result<void> operator()(const RunCaseCommand&) { return input_error("type", "案件命令须由应用执行"); }
  Result<void> operator()(const SaveConfig&) { return input_error("type", "设置须由应用保存"); }
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

Result<void> apply_command(AppModel& model, const Command& command, const CommandContext& ctx) {
  AppModel next = model;
  Result<void> r = std::visit(Applier{next, ctx}, command);
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
    for (View view : {View::Start, View::Home, View::Profile, View::Charset, View::Apply, View::Cases, View::Today,
                      View::Case, View::Settings, View::Data, View::Notices})
      if (v.value() == enum_id(view)) return Command{ShowView{view}};
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
  if (t == "SetMode") {
    auto v = string_field(j, "mode");
    if (!v) return v.error();
    if (auto mode = enum_from_id<Mode>(v.value()); mode && *mode != Mode::Unset) return Command{SetMode{*mode}};
    return input_error("mode", "应为 applicant 或 body");
  }
  if (t == "SetDraftField") {
    auto f = string_field(j, "field");
    if (!f) return f.error();
    auto v = string_field(j, "value");
    if (!v) return v.error();
    return Command{SetDraftField{f.value(), v.value()}};
  }
  if (t == "AddDraftRow") {
    auto l = string_field(j, "list");
    if (!l) return l.error();
    return Command{AddDraftRow{l.value()}};
  }
  if (t == "RemoveDraftRow") {
    auto l = string_field(j, "list");
    if (!l) return l.error();
    auto it = j.find("index");
    if (it == j.end() || !it->is_number_integer()) return input_error("index", "应为整数");
    return Command{RemoveDraftRow{l.value(), it->get<int>()}};
  }
  if (t == "SetScopeLevel") {
    auto c = string_field(j, "category");
    if (!c) return c.error();
    auto l = string_field(j, "level");
    if (!l) return l.error();
    return Command{SetScopeLevel{c.value(), l.value()}};
  }
  if (t == "LinkEvidence") {
    auto a = string_field(j, "assessment");
    if (!a) return a.error();
    auto r = string_field(j, "requirement");
    if (!r) return r.error();
    auto att = string_field(j, "attachment");
    if (!att) return att.error();
    auto on = j.find("on");
    if (on == j.end() || !on->is_boolean()) return input_error("on", "应为 true 或 false");
    return Command{LinkEvidence{a.value(), r.value(), att.value(), on->get<bool>()}};
  }
  if (t == "RemoveAttachment") {
    auto id = string_field(j, "id");
    if (!id) return id.error();
    return Command{RemoveAttachment{id.value()}};
  }
  // Issue 15: undoing a removal (the shell's 撤销 issues these, with the bytes written first).
  if (t == "RestoreAttachment") {
    auto c = restore_attachment_from_json(j);
    if (!c) return c.error();
    return Command{c.value()};
  }
  if (t == "RestoreDraftRow") {
    auto c = restore_row_from_json(j);
    if (!c) return c.error();
    return Command{c.value()};
  }
  if (t == "ShowApplyPage") {
    auto p = string_field(j, "page");
    if (!p) return p.error();
    if (auto page = enum_from_id<ApplyPage>(p.value())) return Command{ShowApplyPage{*page}};
    return input_error("page", "未知页面“" + p.value() + "”");
  }
  if (t == "OpenCase") {
    auto id = string_field(j, "case_id");
    if (!id) return id.error();
    OpenCase c{id.value(), std::nullopt};
    if (j.contains("step")) {
      auto st = string_field(j, "step");
      if (!st) return st.error();
      c.step = enum_from_id<Step>(st.value());
      if (!c.step) return input_error("step", "未知步骤“" + st.value() + "”");
    }
    return Command{c};
  }
  if (t == "SetCaseQuery") {
    CaseQuery q;
    if (j.contains("text")) {
      auto v = string_field(j, "text");
      if (!v) return v.error();
      q.text = v.value();
    }
    if (j.contains("step") && !j["step"].is_null() && j["step"] != "") {
      auto v = string_field(j, "step");
      if (!v) return v.error();
      q.step = enum_from_id<Step>(v.value());
      if (!q.step) return input_error("step", "未知步骤“" + v.value() + "”");
    }
    if (j.contains("status")) {
      auto v = string_field(j, "status");
      if (!v) return v.error();
      bool found = false;
      for (StatusFilter f : {StatusFilter::Any, StatusFilter::NoCertificate, StatusFilter::InForce,
                             StatusFilter::Suspended, StatusFilter::Ended})
        if (v.value() == enum_id(f)) q.status = f, found = true;
      if (!found) return input_error("status", "未知证书状态筛选“" + v.value() + "”");
    }
    if (j.contains("sort")) {
      auto v = string_field(j, "sort");
      if (!v) return v.error();
      bool found = false;
      for (SortKey k : {SortKey::Id, SortKey::Organisation, SortKey::Scope, SortKey::Step, SortKey::Status,
                        SortKey::NextDue})
        if (v.value() == enum_id(k)) q.sort = k, found = true;
      if (!found) return input_error("sort", "未知排序列“" + v.value() + "”");
    }
    for (const char* key : {"overdue_only", "ascending"})
      if (j.contains(key)) {
        if (!j[key].is_boolean()) return input_error(key, "应为 true 或 false");
        (std::string(key) == "ascending" ? q.ascending : q.overdue_only) = j[key].get<bool>();
      }
    return Command{SetCaseQuery{q}};
  }
  if (t == "CaseCommand") {
    auto id = string_field(j, "case_id");
    if (!id) return id.error();
    if (!j.contains("command") || !j["command"].is_object()) return input_error("command", "应为 JSON 对象");
    return Command{RunCaseCommand{id.value(), j["command"]}};
  }
  if (t == "SaveConfig") {
    auto part = string_field(j, "part");
    if (!part) return part.error();
    if (!j.contains("data")) return input_error("data", "缺少此字段");
    return Command{SaveConfig{part.value(), j["data"]}};
  }
  // Attaching files, starting over and loading a package go through the shell (file picker,
  // hashing, confirmation): see request_from_json() and App::handle().
  return input_error("type", "未知命令类型“" + t + "”");
}

const char* command_file(const Command& command) {
  return std::visit(
      [](const auto& c) -> const char* {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, ShowView> || std::is_same_v<T, ShowApplyPage> ||
                      std::is_same_v<T, OpenCase> || std::is_same_v<T, SetCaseQuery>)
          return "";
        else if constexpr (std::is_same_v<T, RunCaseCommand>) return "cases/";
        else if constexpr (std::is_same_v<T, SaveConfig>) return "settings/";
        else if constexpr (std::is_same_v<T, SetProfileName> || std::is_same_v<T, SetProfileRole> ||
                           std::is_same_v<T, SetProfileNote> || std::is_same_v<T, SetMode>)
          return kProfileFile;
        else
          return kApplicantFile;
      },
      command);
}

nlohmann::json model_to_json(const AppModel& m) {
  nlohmann::json applicant = applicant_to_json(m.applicant);
  return {{"view", enum_id(m.view)},
          {"mode", enum_id(m.mode)},
          {"applicant", applicant},
          {"revision", m.revision},
          {"openCase", m.open_case},
          {"caseStep", m.case_step ? enum_id(*m.case_step) : ""},
          {"caseQuery", {{"text", m.case_query.text}, {"step", m.case_query.step ? enum_id(*m.case_query.step) : ""},
                         {"status", enum_id(m.case_query.status)}, {"overdue_only", m.case_query.overdue_only},
                         {"sort", enum_id(m.case_query.sort)}, {"ascending", m.case_query.ascending}}},
          {"profile", {{"name", m.profile.name}, {"roles", m.profile.roles}, {"note", m.profile.note}}}};
}

}  // namespace certdesk::ui
