// ui/cases/panel_deliberate.hpp — issue 15's widgets for deliberate acts in the case forms: a decision
// drawn as radio buttons with nothing chosen, the errors and warnings beside a field, the
// confirmation with a summary before an act is recorded, and undo of a row removed from a form's
// table. Used by ui/cases/panel_case.cpp; the rules themselves are pure (form_issues, case_actions.hpp).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "ui/cases/case_actions.hpp"

namespace certdesk::ui {

struct UiState;

// A decision field (FieldSpec::decision): its label, then 是 / 否 (Bool) or one radio button per
// choice, none selected while the value is null. True when the user chose. Widget ids
// "case.choice.<type>.<field>.<yes|no|choice id>".
bool decision_field(UiState& ui, const std::string& form_key, nlohmann::json& v, const FieldSpec& fs, float label_w);

// The field's warning (always) and its error (once the user changed the field), beside it.
void field_notes(const UiState& ui, const std::string& form_key, const FieldSpec& fs, const FormIssues& issues);

// Under the run button: every error of the form (the decisions to make, the reasons to give).
void form_errors(const FormIssues& issues);

enum class ConfirmAnswer { None, Confirmed, Back };
// The confirmation modal of the form `form_key` while ui.confirm_form names it: the act, who does
// it, each field by its label with its value as a person reads it, the warnings; 确认办理 (Enter)
// and 返回修改 (Escape). Widgets "case.confirm.ok", "case.confirm.back", "case.confirm".
ConfirmAnswer confirm_modal(UiState& ui, const std::string& form_key, const ActionSpec& a, const nlohmann::json& form,
                            const FormIssues& issues, const Catalogue* catalogue, const std::string& actor);

// The widget id of a field's input, "case.field.<type>.<field>" (for end-to-end tests' clicks).
std::string field_widget_id(const std::string& form_key, const FieldSpec& fs);

// A row removed from a form's table (team member, scope item): remembered for 撤销 with a message.
void remember_row_removal(UiState& ui, const std::string& form_key, const FieldSpec& fs, const nlohmann::json& array,
                          std::size_t index, const Catalogue* catalogue);
// The message and 撤销 under the table when its last removal is remembered; true when put back.
bool form_row_undo(UiState& ui, const std::string& form_key, const FieldSpec& fs, nlohmann::json& array);

}  // namespace certdesk::ui
