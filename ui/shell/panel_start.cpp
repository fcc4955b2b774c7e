// ui/shell/panel_start.cpp — who uses this browser: an applicant organisation or the certification
// body. Remembered in the store; changeable at any time from the navigation.
#include <imgui.h>

#include "ui/shell/app.hpp"

namespace certdesk::ui {

namespace {
bool choice(UiState& ui, const char* id, const char* title, const char* text, bool current) {
  const float w = 24.0f * ImGui::GetFontSize();
  ImGui::BeginGroup();
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetFontSize(), ImGui::GetFontSize() * 0.8f));
  ImGui::PushFont(nullptr, ImGui::GetStyle().FontSizeBase * 1.25f);
  const bool clicked = ImGui::Button(title, ImVec2(w, 0));
  ImGui::PopFont();
  ImGui::PopStyleVar();
  mark_widget(ui, id);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
  ImGui::TextWrapped("%s", text);
  if (current) ImGui::TextColored(ImVec4(0.15f, 0.45f, 0.25f, 1), "（当前身份）");
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  return clicked;
}
}  // namespace

void draw_start(const AppView& view, UiState& ui, Commands& out) {
  ImGui::PushFont(nullptr, ImGui::GetStyle().FontSizeBase * 1.45f);
  ImGui::TextUnformatted("欢迎使用认证工作台");
  ImGui::PopFont();
  ImGui::TextWrapped("请选择您在本浏览器中的身份。选择会保存在本机，之后可随时在左侧“切换身份”中更改；"
                     "两种身份的数据分别保存，切换不会删除任何内容。");
  ImGui::Spacing();
  ImGui::Spacing();
  if (choice(ui, "start.applicant", "我是申请组织",
             "填写认证申请书、管理能力自评和专业能力自评，附上证明材料，导出申请包发送给认证机构。",
             view.model.mode == Mode::Applicant))
    out.push(SetMode{Mode::Applicant});
  ImGui::SameLine(0, 2.0f * ImGui::GetFontSize());
  if (choice(ui, "start.body", "我是认证机构人员",
             "导入申请包，完成受理、审核、认证决定、发证和证后管理的全部工作。",
             view.model.mode == Mode::Body))
    out.push(SetMode{Mode::Body});
}

}  // namespace certdesk::ui
