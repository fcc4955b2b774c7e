// ui/cases/case_actions.hpp — the domain's case commands as forms (issue 6): for each command, its
// Chinese name, the step of the flow it belongs to, the form of the brief it records, who does
// it, and its fields. A form's values are the command's JSON ({"type":…, fields}), read by the
// domain's own reader (command_from_json), so the UI, the test hook and the scenario files speak
// the same language and every field error names its JSON path. Pure C++, tested natively.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case_commands.hpp"
#include "domain/person_days.hpp"
#include "domain/settings.hpp"
#include "ui/cases/case_board.hpp"

namespace certdesk::ui {

enum class FieldKind {
  Text,       // one line
  Multiline,  // several lines
  Date,       // YYYY-MM-DD; an empty optional date is left out
  Number,     // decimal
  Integer,
  Bool,
  Choice,     // one of `choices` (enum names of the domain)
  Lines,      // array of strings, one per line
  Team,       // array of TeamMember
  Scope       // array of ScopeItem, from the catalogue
};

struct Choice {
  const char* id;
  const char* label_zh;
};

struct FieldSpec {
  std::string key;  // JSON pointer into the command ("/person_days", "/application/scope")
  const char* label_zh;
  FieldKind kind;
  const char* hint_zh = "";
  std::vector<Choice> choices = {};
  bool optional = false;  // may be left empty (dates: then left out of the command)
  // Issue 15: a consequential choice (a decision, an approval, a conclusion, a ground). It starts
  // unchosen (JSON null), is drawn as radio buttons with nothing selected, and the form cannot run
  // until it is chosen; `prompt_zh` says what to choose ("请选择是否批准认证").
  bool decision = false;
  const char* prompt_zh = "";
};

enum class ActionGroup { Flow, Life, Records };

struct ActionSpec {
  const char* type;      // the domain command's type, "AcceptApplication"
  const char* label_zh;  // "受理申请"
  Step step;             // where it belongs in the flow
  ActionGroup group;
  const char* form;      // the form it records ("QP-21-02"), or ""
  const char* who_zh;    // who does it ("质控部")
  std::vector<FieldSpec> fields;
  // The applicant's own act (its answer, corrective action, change application, withdrawal),
  // which the body records from what the applicant sent: run as the applicant organisation,
  // with the staff member who recorded it named in the actor (see acting_actor).
  bool by_applicant = false;
  std::vector<Step> also_in = {};  // further steps that offer it (register reports in 证书维持…)
};

const std::vector<ActionSpec>& action_specs();
const ActionSpec* find_action(std::string_view type);
// The actions of a step, in the order of the procedure.
std::vector<const ActionSpec*> actions_of(Step step);

// What prefilling a form reads besides the case: settings, the person-day table, the catalogue,
// the other cases (certificate numbers are numbered across cases), today.
struct PrefillContext {
  const Settings* settings = nullptr;
  const PersonDaysTable* person_days = nullptr;
  const Catalogue* catalogue = nullptr;
  const Workspace* cases = nullptr;  // every history is read when the number is prefilled
  Date today;
};

// A form's starting values for this case: what the case already knows (team, certificate data
// from the application, the person-day calculation with its justification, the next certificate
// number from the settings' pattern, the next finding id …). Always a command JSON with "type".
nlohmann::json prefill(const ActionSpec& a, const CaseState& s, const PrefillContext& ctx);

// The person-day calculation (附录A) for the current cycle's application, or why it cannot be made.
Result<PersonDays> person_days_for(const CaseState& s, const PersonDaysTable& table);

// The next certificate number: the settings' pattern with this year's next sequence, counting
// certificates already issued in any case with the same year.
std::string next_certificate_number(const Settings& settings, const std::vector<CaseRecord>& cases, Date today);

// Who the domain sees acting: the local user, or for the applicant's own acts the applicant
// organisation "<organisation>（<user> 登记）" with the applicant role.
Actor acting_actor(const ActionSpec& a, const Actor& me, const CaseState& s);

// Form JSON → domain command (the domain's reader; a bad field names its path). A decision still
// unchosen (null) is refused here with its prompt: null never reaches the domain's reader.
Result<certdesk::Command> form_command(const nlohmann::json& form);

// ---- issue 15: deliberate acts ----------------------------------------------------------------
// What the UI asks of a form before it runs, besides the domain's own checks: decisions chosen,
// the reasons the procedure asks for (a refusal, a decision, a failed audit, a ground "other"…),
// and warnings on values that are allowed but implausible (a quote of 0 元, person-days far from
// the 附录A calculation, dates far from today). Each names its field by the label.
struct FormIssue {
  std::string key;         // the field's JSON pointer ("/reasons"); "" for the form as a whole
  std::string message_zh;  // "请填写决定理由"
};
struct FormIssues {
  std::vector<FormIssue> errors;    // the form cannot run until these are resolved
  std::vector<FormIssue> warnings;  // shown beside the field and repeated in the confirmation
  const FormIssue* error_for(std::string_view key) const;
  const FormIssue* warning_for(std::string_view key) const;
};
FormIssues form_issues(const ActionSpec& a, const nlohmann::json& form, const CaseState& s, const PrefillContext& ctx);

// The form as the domain's dry run sees it while decisions are still unchosen: each null decision
// replaced by a value of its kind (true, the first choice), so that who-may-act refusals (R15,
// R16…) show before anything is chosen. Never run; only checked.
nlohmann::json dry_run_form(const ActionSpec& a, const nlohmann::json& form);

// Acts that ask for confirmation with a summary before they run (they append to the legal record
// and cannot be undone): decisions, approvals, conclusions, certificate acts, refusals and
// withdrawals. Any form with a warning asks too.
bool needs_confirmation(const ActionSpec& a);

// Each field as a person reads it, for the confirmation: its label and its value (choice labels,
// 是/否, lists joined, team members with their roles, scope with the catalogue's names).
struct SummaryLine {
  std::string label_zh;
  std::string value_zh;
};
std::vector<SummaryLine> form_summary(const ActionSpec& a, const nlohmann::json& form, const Catalogue* catalogue);

// Issue 15 item 4: what a row removed from a form's table (team member, scope item) takes with it,
// as the message beside the table's 撤销 says it: "已删除审核组成员“张组长”，其组内角色（组长）和注册号
// （REG-1）一并移除；审核组现在没有组长。尚未办理，可撤销。" `rows` is the table before the removal.
std::string row_removal_text_zh(const FieldSpec& fs, const nlohmann::json& rows, std::size_t index,
                                const Catalogue* catalogue);

}  // namespace certdesk::ui
