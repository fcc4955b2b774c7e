// ui/shell/app.hpp — the app on screen: the core (ui/shell/app_core.hpp) drawn with Dear ImGui, one
// frame at a time; the panels read the core's view and queue commands, nothing else.
#pragma once

#include "ui/shell/app_core.hpp"

namespace certdesk::ui {

// Records the last item's rectangle under a stable id so that tests can find it.
void mark_widget(UiState& ui, const char* id);

// The panels' list tables: row colours, lines between rows, a header that stays while the rows
// scroll; columns share the width by weight (weight < 0: a fixed width of -weight font sizes).
struct ListColumn {
  const char* name;
  float weight;
};
bool begin_list_table(const char* id, std::initializer_list<ListColumn> columns, float height = 0.0f);

class App {
 public:
  // Draws one frame (between ImGui::NewFrame and ImGui::Render), then applies queued commands.
  void frame();
  // The core's state for the test hook, with what only the screen knows (widget rectangles, the
  // loaded font's coverage of GB2312).
  nlohmann::json state_json() const;
  nlohmann::json dispatch(const nlohmann::json& command) { return core_.dispatch(command); }
  AppCore& core() { return core_; }
  ShellInfo& shell() { return core_.shell(); }

 private:
  AppCore core_;
};

// Panels: one per file. Each reads the view, edits only UiState, pushes commands.
void draw_home(const AppView& view, UiState& ui, Commands& out);
void draw_profile(const AppView& view, UiState& ui, Commands& out);
void draw_charset(const AppView& view, UiState& ui, Commands& out);
void draw_start(const AppView& view, UiState& ui, Commands& out);
void draw_apply(const AppView& view, UiState& ui, Commands& out);
void draw_cases(const AppView& view, UiState& ui, Commands& out);
void draw_today(const AppView& view, UiState& ui, Commands& out);
void draw_case(const AppView& view, UiState& ui, Commands& out);
void draw_settings(const AppView& view, UiState& ui, Commands& out);
void draw_data(const AppView& view, UiState& ui, Commands& out);
void draw_notices(const AppView& view, UiState& ui, Commands& out);  // the applicant's notices (issue 7)
// The workspace's 通知与答复 tab: notices to export for the case, sent ones and their answers.
void draw_case_notices(const AppView& view, UiState& ui, Commands& out, const CaseRecord& c);
// Issue 15 (ui/cases/panel_flow.cpp): the workspace's 下一步, 今日待办's 待办事项, and the 申请信息 tab's
// self-assessments per requirement with the acceptance review's marks.
void draw_next_steps(const AppView& view, UiState& ui, Commands& out, const CaseRecord& c);
void draw_today_pending(const AppView& view, UiState& ui, Commands& out, float height);
void draw_application_review(const AppView& view, UiState& ui, Commands& out, const CaseRecord& c);
// The forms of a case (in the workspace's 文件 tab): new form, editor, saved forms (ui/forms/panel_forms.cpp).
void draw_case_forms(const AppView& view, UiState& ui, Commands& out, const CaseRecord& c);

// Issue 15 (ui/cases/panel_deliberate.cpp): the last removal's message with 撤销 (and 关闭).
void draw_undo_offer(UiState& ui, Commands& out);

// Theme (theme.cpp): a light, calm style scaled for the device pixel ratio.
void apply_theme(float dpr);

}  // namespace certdesk::ui
