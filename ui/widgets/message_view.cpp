// ui/widgets/message_view.cpp — a refusal drawn beside its field, in the user's words (issue 15 item 6).
#include <imgui.h>

#include "ui/shell/app.hpp"
#include "ui/widgets/input_widgets.hpp"

namespace certdesk::ui {

void draw_message(UiState& ui, const std::string& id, const UserMessage& m, float indent) {
  if (m.empty()) return;
  if (indent > 0) ImGui::Indent(indent);
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.70f, 0.20f, 0.15f, 1));
  ImGui::TextWrapped("%s", m.text.c_str());
  ImGui::PopStyleColor();
  // Staff who want the rule find it here (and in the case's history), not in the sentence.
  const std::string tip = rule_tooltip_zh(m.rule);
  if (!tip.empty()) ImGui::SetItemTooltip("%s", tip.c_str());
  mark_widget(ui, id.c_str());
  ui.shown_messages.push_back({id, m.text, m.rule});
  if (indent > 0) ImGui::Unindent(indent);
}

}  // namespace certdesk::ui
