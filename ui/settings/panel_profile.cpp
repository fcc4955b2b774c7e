// ui/settings/panel_profile.cpp — the local user's name, roles and notes (used by impartiality checks).
#include <imgui.h>
#include <imgui_stdlib.h>

#include "ui/shell/app.hpp"
#include "ui/widgets/text_widgets.hpp"

namespace certdesk::ui {

void draw_profile(const AppView& view, UiState& ui, Commands& out) {
  const Profile& p = view.model.profile;
  // Refresh the edit buffers from the model when it changed elsewhere (e.g. the test hook),
  // but never under the user's caret.
  if (ui.seen_revision != view.model.revision) {
    if (!ImGui::IsAnyItemActive()) {
      ui.name_buf = p.name;
      ui.note_buf = p.note;
      ui.seen_revision = view.model.revision;
    }
  }
  ImGui::SeparatorText("我的资料");
  ImGui::TextWrapped("姓名和角色会写入您经手的每一条记录；认证决定人员不得是该审核组成员（R15），"
                     "复核人员不得是审核组长（R16）。");
  ImGui::Spacing();
  ImGui::SetNextItemWidth(20.0f * ImGui::GetFontSize());
  if (ImGui::InputTextWithHint("姓名", "例如：张三", &ui.name_buf))
    out.push(SetProfileName{ui.name_buf});
  mark_widget(ui, "profile.name");

  ImGui::Spacing();
  ImGui::TextUnformatted("担任的角色");
  int column = 0;
  for (const RoleInfo& role : known_roles()) {
    bool held = false;
    for (const auto& r : p.roles) held = held || r == role.id;
    if (column++ % 4 != 0) ImGui::SameLine(static_cast<float>((column - 1) % 4) * 9.0f * ImGui::GetFontSize());
    if (ImGui::Checkbox(role.label_zh, &held)) out.push(SetProfileRole{role.id, held});
    mark_widget(ui, (std::string("profile.role.") + role.id).c_str());
  }

  ImGui::Spacing();
  ImGui::TextUnformatted("备注");
  if (input_multiline_wrapped("##note", &ui.note_buf, ImVec2(-1.0f, 8.0f * ImGui::GetTextLineHeight())))
    out.push(SetProfileNote{ui.note_buf});
  mark_widget(ui, "profile.note");
}

}  // namespace certdesk::ui
