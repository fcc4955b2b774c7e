// ui/widgets/date_picker.cpp — the calendar picker beside a date field (issue 15 item 7): a month grid,
// Monday first as Chinese calendars are, with today outlined and days off greyed.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "ui/shell/app.hpp"
#include "ui/widgets/input_widgets.hpp"

namespace certdesk::ui {

bool date_picker(UiState& ui, const std::string& id, std::string& text, Date today, const WorkCalendar* calendar) {
  bool picked = false;
  ImGui::PushID(id.c_str());
  ImGui::SameLine();
  if (ImGui::SmallButton("日历")) {
    // Open at the field's month (when it holds a date), else at this month.
    const Date start = Date::parse_loose(text).value_or(today);
    ui.picker_for = id;
    ui.picker_year = start.year;
    ui.picker_month = start.month;
    ImGui::OpenPopup("##month");
  }
  mark_widget(ui, (id + ".pick").c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("从日历中选择日期");
  if (ui.picker_for == id && ImGui::BeginPopup("##month")) {
    const float fs = ImGui::GetFontSize();
    const ImVec2 cell(2.4f * fs, 1.7f * fs);
    if (ImGui::ArrowButton("##prev", ImGuiDir_Left)) {
      if (--ui.picker_month < 1) ui.picker_month = 12, --ui.picker_year;
    }
    mark_widget(ui, (id + ".prev").c_str());
    ImGui::SameLine();
    char title[32];
    std::snprintf(title, sizeof title, "%d 年 %d 月", ui.picker_year, ui.picker_month);
    const float title_w = 7 * (cell.x + ImGui::GetStyle().ItemSpacing.x) - 2 * ImGui::GetFrameHeight() -
                          2 * ImGui::GetStyle().ItemSpacing.x;
    const float tw = ImGui::CalcTextSize(title).x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (title_w - tw) / 2));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(title);
    ImGui::SameLine(7 * (cell.x + ImGui::GetStyle().ItemSpacing.x) - ImGui::GetFrameHeight() +
                    ImGui::GetStyle().WindowPadding.x - ImGui::GetStyle().ItemSpacing.x);
    if (ImGui::ArrowButton("##next", ImGuiDir_Right)) {
      if (++ui.picker_month > 12) ui.picker_month = 1, ++ui.picker_year;
    }
    mark_widget(ui, (id + ".next").c_str());
    const ImVec4 off = ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
    const char* heads[7] = {"一", "二", "三", "四", "五", "六", "日"};
    // The weekday names: cells of the grid's width, drawn as plain text (not buttons).
    for (int d = 0; d < 7; ++d) {
      if (d > 0) ImGui::SameLine();
      const ImVec2 at = ImGui::GetCursorScreenPos();
      const ImVec2 size = ImGui::CalcTextSize(heads[d]);
      ImGui::Dummy(ImVec2(cell.x, ImGui::GetTextLineHeightWithSpacing()));
      ImGui::GetWindowDrawList()->AddText(ImVec2(at.x + (cell.x - size.x) / 2, at.y),
                                          ImGui::GetColorU32(d >= 5 ? off : ImGui::GetStyleColorVec4(ImGuiCol_Text)),
                                          heads[d]);
    }
    const std::optional<Date> chosen = Date::parse_loose(text);
    const int days = Date::days_in_month(ui.picker_year, ui.picker_month);
    const int lead = Date{ui.picker_year, ui.picker_month, 1}.weekday() - 1;  // Monday = 0
    for (int day = 1; day <= days; ++day) {
      const Date d{ui.picker_year, ui.picker_month, day};
      const int col = (lead + day - 1) % 7;
      if (day == 1) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + col * (cell.x + ImGui::GetStyle().ItemSpacing.x));
      else if (col != 0) ImGui::SameLine();
      const bool working = calendar ? calendar->is_working_day(d) : d.weekday() <= 5;
      const bool is_chosen = chosen && *chosen == d;
      ImGui::PushStyleColor(ImGuiCol_Text, working ? ImGui::GetStyleColorVec4(ImGuiCol_Text) : off);
      ImGui::PushStyleColor(ImGuiCol_Button, is_chosen ? ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive)
                                                       : ImVec4(0, 0, 0, 0));
      char label[16];
      std::snprintf(label, sizeof label, "%d", day);
      ImGui::PushID(day);
      if (ImGui::Button(label, cell)) {
        text = d.iso();
        picked = true;
        ImGui::CloseCurrentPopup();
      }
      ImGui::PopID();
      ImGui::PopStyleColor(2);
      if (d == today)
        ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(),
                                            ImGui::GetColorU32(ImVec4(0.15f, 0.40f, 0.62f, 1)), 3.0f, 0, 2.0f);
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s%s%s", d.iso().c_str(), d == today ? "（今天）" : "", working ? "" : "（休息日）");
      mark_widget(ui, (id + ".day." + std::to_string(day)).c_str());
    }
    ImGui::Separator();
    if (ImGui::SmallButton("今天")) {
      text = today.iso();
      picked = true;
      ImGui::CloseCurrentPopup();
    }
    mark_widget(ui, (id + ".today").c_str());
    ImGui::EndPopup();
  }
  ImGui::PopID();
  return picked;
}

}  // namespace certdesk::ui
