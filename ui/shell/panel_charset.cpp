// ui/shell/panel_charset.cpp — shows every GB2312 hanzi so a user (and the tests) can see the font
// covers them; the grid is clipped, so only visible rows are drawn.
#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharToUtf8

#include <algorithm>

#include "ui/shell/app.hpp"

namespace certdesk::ui {

void draw_charset(const AppView& view, UiState& ui, Commands&) {
  ImGui::SeparatorText("字库检查");
  if (ui.gb2312.empty()) {
    ImGui::TextUnformatted("字符表未加载。");
    return;
  }
  ImFont* font = ImGui::GetFont();
  int missing = 0, hanzi = 0;
  for (unsigned short c : ui.gb2312) {
    missing += font->IsGlyphInFont(static_cast<ImWchar>(c)) ? 0 : 1;
    hanzi += (c >= 0x4E00 && c <= 0x9FFF) ? 1 : 0;
  }
  ImGui::Text("GB2312 共 %d 个字符（其中汉字 %d 个），当前字库缺 %d 个。%s",
              static_cast<int>(ui.gb2312.size()), hanzi, missing,
              view.shell.full_font_loaded ? "" : "（完整字库加载完成后会自动补全）");
  const float cell = ImGui::GetFontSize() * 1.6f;
  const int per_row = std::max(1, static_cast<int>(ImGui::GetContentRegionAvail().x / cell));
  const int rows = (static_cast<int>(ui.gb2312.size()) + per_row - 1) / per_row;
  if (ImGui::BeginChild("grid", ImVec2(0, 0), ImGuiChildFlags_None)) {
    ImGuiListClipper clipper;
    clipper.Begin(rows, cell);
    char utf8[5];
    while (clipper.Step()) {
      for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
        const float y = ImGui::GetCursorPosY();
        for (int col = 0; col < per_row; ++col) {
          const std::size_t i = static_cast<std::size_t>(row * per_row + col);
          if (i >= ui.gb2312.size()) break;
          ImTextCharToUtf8(utf8, ui.gb2312[i]);
          ImGui::SetCursorPos(ImVec2(static_cast<float>(col) * cell, y));
          ImGui::TextUnformatted(utf8);
        }
        ImGui::SetCursorPosY(y + cell);
      }
    }
  }
  ImGui::EndChild();
  mark_widget(ui, "charset.grid");
}

}  // namespace certdesk::ui
