// ui/panel_cases.cpp — the certification body's cases and the import of application packages.
#include <imgui.h>

#include "ui/app.hpp"

namespace certdesk::ui {

void draw_cases(const AppView& view, UiState& ui, Commands& out) {
  const auto& cases = view.workspace.cases();
  ImGui::SeparatorText("案件");
  ImGui::TextWrapped("申请组织发来的申请包（JSON 文件）在此导入：逐项核对格式、内容摘要和附件校验值，"
                     "全部通过才建立案件，状态为“已收到申请”。导入人须在“我的资料”中担任市场运营部角色（§6.1）。");
  ImGui::BeginDisabled(!view.busy.empty());
  if (ImGui::Button("导入申请包…")) out.request(RequestImport{});
  mark_widget(ui, "cases.import");
  ImGui::EndDisabled();
  ImGui::Spacing();
  if (cases.empty()) {
    ImGui::TextDisabled("尚无案件。");
    return;
  }
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                     ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
  if (ImGui::BeginTable("cases", 5, kFlags)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("案件编号", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("申请组织", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("认证范围", ImGuiTableColumnFlags_WidthStretch, 2.5f);
    ImGui::TableSetupColumn("当前阶段", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn("附件", ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(cases.size()));
    while (clipper.Step()) {
      for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
        const CaseRecord& c = cases[static_cast<std::size_t>(row)];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(c.id.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(c.organisation.c_str());
        ImGui::TableNextColumn();
        if (!c.state.cycles.empty()) {
          std::string scope;
          for (const ScopeItem& s : c.state.cycles.back().application.scope) {
            const ServiceCategory* cat = find_category(view.catalogue, s.category);
            if (!scope.empty()) scope += "、";
            scope += (cat ? cat->name_zh : s.category) + " " + s.level;
          }
          ImGui::TextUnformatted(scope.c_str());
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(c.state.cycles.empty() ? "" : phase_label_zh(c.state.cycles.back().phase));
        ImGui::TableNextColumn();
        ImGui::Text("%d", static_cast<int>(c.attachments.size()));
      }
    }
    ImGui::EndTable();
  }
}

}  // namespace certdesk::ui
