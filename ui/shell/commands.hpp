// ui/shell/commands.hpp — the app-level model the shell owns, the commands that change it (issued by
// panels and by the test hook alike), and their JSON form.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/case_model.hpp"
#include "domain/result.hpp"
#include "ui/applicant/applicant.hpp"
#include "ui/cases/case_query.hpp"

namespace certdesk::ui {

// Views of the shell. Start asks who is using this browser; the other views follow the mode.
enum class View { Start, Home, Profile, Charset, Apply, Cases, Today, Case, Settings, Data, Notices };

// Who uses this browser (issue 5): an applicant organisation or the certification body. The
// choice is remembered and can be changed; it decides the navigation.
enum class Mode { Unset, Applicant, Body };

// A role a local user may hold at the certification body (BRIEF "Who does what").
struct RoleInfo {
  const char* id;
  const char* label_zh;
  std::optional<Role> role;  // the domain's role, where the procedure names one
};
const std::vector<RoleInfo>& known_roles();

// The local user. The domain's impartiality checks (R15, R16) use the name and roles.
struct Profile {
  std::string name;
  std::vector<std::string> roles;  // ids from known_roles(), in that order
  std::string note;
};

struct AppModel {
  View view = View::Start;
  Mode mode = Mode::Unset;
  Profile profile;
  ApplicantModel applicant;
  // The body's screens (view state, not stored): the case list's query and the open case.
  CaseQuery case_query;
  std::string open_case;
  std::optional<Step> case_step;  // the step the workspace shows; nullopt: where the case stands
  long revision = 0;  // bumped by every accepted command; panels refresh buffers on change
};

struct ShowView { View view; };
struct SetProfileName { std::string name; };
struct SetProfileRole { std::string role; bool held = false; };
struct SetProfileNote { std::string note; };
struct SetMode { Mode mode; };
// The body's screens. OpenCase shows a case's workspace at a step (nullopt: wherever the case
// stands, following it as it moves on).
struct OpenCase { std::string case_id; std::optional<Step> step; };
struct SetCaseQuery { CaseQuery query; };
// A domain command on a case ({"type":"AcceptApplication",…}, case_json.hpp) and a change of the
// body's configuration (body_config.hpp): both need more than the model, so App runs them.
struct RunCaseCommand { std::string case_id; nlohmann::json command; };
struct SaveConfig { std::string part; nlohmann::json data; };
using Command = std::variant<ShowView, SetProfileName, SetProfileRole, SetProfileNote, SetMode, SetDraftField,
                             AddDraftRow, RemoveDraftRow, SetScopeLevel, LinkEvidence, AddAttachment,
                             RemoveAttachment, RestoreAttachment, RestoreDraftRow, NewApplication, LoadApplication, ShowApplyPage, NoteExport,
                             OpenCase, SetCaseQuery, RunCaseCommand, SaveConfig>;

// What commands need besides the model: the catalogue the applicant fills against and the limits.
struct CommandContext {
  const Catalogue* catalogue = nullptr;
  package::Limits limits;
};

// Applies a command; a refused one changes nothing and says why in Chinese.
Result<void> apply_command(AppModel& model, const Command& command, const CommandContext& ctx = {});
// Which durable file a command changes ("" for none): the app writes only that file. Case
// commands and configuration changes name their directory ("cases/", "settings/"): App writes
// the one file they change.
const char* command_file(const Command& command);

// {"type":"SetProfileName","name":"…"} etc. Unknown types and bad fields are INPUT errors
// that name the field.
Result<Command> command_from_json(const nlohmann::json& j);
nlohmann::json model_to_json(const AppModel& model);


}  // namespace certdesk::ui

namespace certdesk {
// Ids are what the test hook and the stored view state carry. Mode::Unset ("") is never chosen.
CERTDESK_ENUM_TABLE(ui::View, {ui::View::Start, "start"}, {ui::View::Home, "home"}, {ui::View::Profile, "profile"},
    {ui::View::Charset, "charset"}, {ui::View::Apply, "apply"}, {ui::View::Cases, "cases"}, {ui::View::Today, "today"},
    {ui::View::Case, "case"}, {ui::View::Settings, "settings"}, {ui::View::Data, "data"}, {ui::View::Notices, "notices"})
CERTDESK_ENUM_TABLE(ui::Mode, {ui::Mode::Unset, ""}, {ui::Mode::Applicant, "applicant", "申请组织"},
    {ui::Mode::Body, "body", "认证机构"})
}  // namespace certdesk
