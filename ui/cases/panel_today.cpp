// ui/cases/panel_today.cpp — 今日待办 (issue 6, item 3): everything due or overdue across cases from
// the domain's deadline query, grouped by urgency, below the actions each case waits for (待办事项), each opening its case at the step where the
// work is done; and a month-by-month chart of surveillance audits, recertifications and expiries.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "ui/shell/app.hpp"
#include "ui/widgets/text_widgets.hpp"

namespace certdesk::ui {

namespace {

const ImVec4 kBad(0.70f, 0.20f, 0.15f, 1);
const ImVec4 kWarn(0.72f, 0.45f, 0.05f, 1);
const ImU32 kSurveillance = IM_COL32(52, 110, 170, 255);
const ImU32 kRecert = IM_COL32(60, 150, 90, 255);
const ImU32 kExpiry = IM_COL32(190, 110, 30, 255);

void due_group(const AppView& view, UiState& ui, Commands& out, DueStatus status, const char* title, const char* id,
               float height) {
  const auto& due = view.board.due();
  const auto& rows = view.board.rows();
  // due() holds the overdue obligations first: each group is one contiguous range.
  const std::size_t begin = status == DueStatus::Overdue ? 0 : view.board.overdue_count();
  const std::size_t end = status == DueStatus::Overdue ? view.board.overdue_count() : due.size();
  ImGui::PushStyleColor(ImGuiCol_Text, status == DueStatus::Overdue ? kBad : kWarn);
  ImGui::SeparatorText(title);
  ImGui::PopStyleColor();
  if (begin == end) {
    ImGui::TextDisabled("无。");
    return;
  }
  const float rows_h = (static_cast<float>(end - begin) + 1.5f) * ImGui::GetFrameHeightWithSpacing();
  if (!begin_list_table(id, {{"期限", 1.3f}, {"案件", 1.0f}, {"组织", 2.2f}, {"事项", 2.2f}, {"逾期后果", 2.8f}, {"", -3.5f}},
                        std::min(height, rows_h)))
    return;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(end - begin));
  while (clipper.Step()) {
    for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
      const std::size_t i = begin + static_cast<std::size_t>(k);
      const Obligation& o = due[i];
      const CaseRow& r = rows[static_cast<std::size_t>(view.board.due_rows()[i])];
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextColored(status == DueStatus::Overdue ? kBad : kWarn, "%s%s", o.due.iso().c_str(),
                         o.estimated ? "（估算）" : "");
      if (o.estimated && ImGui::IsItemHovered())
        ImGui::SetTooltip("该年份尚无节假日数据，按周一至周五计算；可在“机构设置 → 工作日日历”导入。");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(o.case_id.c_str());
      ImGui::TableNextColumn();
      text_fit(r.organisation);
      ImGui::TableNextColumn();
      text_fit(std::string(enum_label(o.kind)) + "：" + o.subject + "（" + o.rule + "）");
      ImGui::TableNextColumn();
      text_fit(o.consequence_zh);
      ImGui::TableNextColumn();
      if (ImGui::SmallButton("办理")) {
        const Step step = obligation_step(o.kind);
        out.push(OpenCase{o.case_id, step == r.step ? std::nullopt : std::optional<Step>(step)});
      }
      if (k == 0) mark_widget(ui, status == DueStatus::Overdue ? "today.overdue0" : "today.soon0");
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

void legend(ImU32 color, const char* label) {
  const float h = ImGui::GetTextLineHeight();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + h * 0.2f), ImVec2(p.x + h * 0.6f, p.y + h * 0.8f), color);
  ImGui::Dummy(ImVec2(h * 0.7f, h));
  ImGui::SameLine();
  ImGui::TextUnformatted(label);
  ImGui::SameLine(0, 1.5f * h);
}

void month_chart(const AppView& view, UiState& ui) {
  const auto& chart = view.board.chart();
  ImGui::SeparatorText("本月起十三个月");
  legend(kSurveillance, "监督审核");
  legend(kRecert, "再认证（申请窗口开启）");
  legend(kExpiry, "证书到期");
  ImGui::NewLine();
  int peak = 1;
  for (const MonthBucket& b : chart) peak = std::max({peak, b.surveillance, b.recertification, b.expiry});
  const float fs = ImGui::GetFontSize();
  const float height = 9.0f * fs;
  const float width = std::max(ImGui::GetContentRegionAvail().x, 24.0f * fs);
  const float slot = width / static_cast<float>(chart.size());
  const float bar = std::min(slot / 4.0f, 1.2f * fs);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float base = origin.y + height;
  dl->AddLine(ImVec2(origin.x, base), ImVec2(origin.x + width, base), IM_COL32(160, 160, 160, 255));
  char label[32];
  for (std::size_t i = 0; i < chart.size(); ++i) {
    const MonthBucket& b = chart[i];
    const float x0 = origin.x + slot * static_cast<float>(i) + (slot - 3 * bar) / 2;
    const int values[3] = {b.surveillance, b.recertification, b.expiry};
    const ImU32 colors[3] = {kSurveillance, kRecert, kExpiry};
    for (int k = 0; k < 3; ++k) {
      if (values[k] == 0) continue;
      const float h = (height - 1.4f * fs) * static_cast<float>(values[k]) / static_cast<float>(peak);
      const ImVec2 a(x0 + bar * static_cast<float>(k), base - h), z(x0 + bar * static_cast<float>(k + 1) - 1, base);
      dl->AddRectFilled(a, z, colors[k]);
      std::snprintf(label, sizeof label, "%d", values[k]);
      const ImVec2 ts = ImGui::CalcTextSize(label);
      dl->AddText(ImVec2((a.x + z.x - ts.x) / 2, a.y - ts.y), ImGui::GetColorU32(ImGuiCol_Text), label);
    }
    // The year goes under its first month: "2026年12月" is wider than a month's slot at 1024 px.
    const float mid = origin.x + slot * (static_cast<float>(i) + 0.5f);
    std::snprintf(label, sizeof label, "%d月", b.month);
    ImVec2 ts = ImGui::CalcTextSize(label);
    dl->AddText(ImVec2(mid - ts.x / 2, base + 0.2f * fs), ImGui::GetColorU32(ImGuiCol_TextDisabled), label);
    if (b.month == 1 || i == 0) {
      std::snprintf(label, sizeof label, "%d年", b.year);
      ts = ImGui::CalcTextSize(label);
      dl->AddText(ImVec2(mid - ts.x / 2, base + 0.2f * fs + ImGui::GetTextLineHeight()),
                  ImGui::GetColorU32(ImGuiCol_TextDisabled), label);
    }
  }
  ImGui::Dummy(ImVec2(width, height + 1.6f * fs + ImGui::GetTextLineHeight()));
  mark_widget(ui, "today.chart");
}

}  // namespace

void draw_today(const AppView& view, UiState& ui, Commands& out) {
  const auto& due = view.board.due();
  const std::size_t overdue = view.board.overdue_count();
  ImGui::SeparatorText("今日待办");
  ImGui::Text("今天 %s：已逾期 %d 项，即将到期 %d 项（%d 天内）。", view.today.iso().c_str(), static_cast<int>(overdue),
              static_cast<int>(due.size() - overdue), view.config.settings.due_list.due_soon_days);
  ImGui::TextDisabled("期限按《认证实施规则》的规则编号计算（R2、R3、R5–R10、R17），工作日按工作日日历。点“办理”打开案件的相应步骤。");
  if (view.board.rows().empty()) {
    ImGui::Spacing();
    ImGui::TextDisabled("尚无案件。");
    return;
  }
  // Each group scrolls in its own table; the chart (about 15 lines with its legend and labels)
  // stays below them, on screen.
  const float fs = ImGui::GetFontSize();
  const float lists_h = ImGui::GetContentRegionAvail().y - 15.5f * fs - 6.5f * fs;
  const float group_h = std::max(4.0f * ImGui::GetFrameHeightWithSpacing(), lists_h / 3);
  // Issue 15: what each case waits for and who must do it, above the deadlines.
  draw_today_pending(view, ui, out, group_h);
  ImGui::Spacing();
  due_group(view, ui, out, DueStatus::Overdue, "已逾期", "overdue", group_h);
  ImGui::Spacing();
  due_group(view, ui, out, DueStatus::DueSoon, "即将到期", "soon", group_h);
  ImGui::Spacing();
  month_chart(view, ui);
}

}  // namespace certdesk::ui
