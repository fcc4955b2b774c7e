// ui/cases/panel_cases.cpp — the certification body's case list (issue 6, item 2) and the import of
// application packages. Rows, filter and order come from the CaseBoard (computed on change);
// the table draws only the visible rows (ImGuiListClipper) and allocates nothing per row.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "ui/shell/app.hpp"
#include "ui/widgets/text_widgets.hpp"

namespace certdesk::ui {

namespace {

const ImVec4 kBad(0.70f, 0.20f, 0.15f, 1);
const ImVec4 kWarn(0.72f, 0.45f, 0.05f, 1);
const ImVec4 kGood(0.15f, 0.45f, 0.25f, 1);

struct StatusChoice {
  StatusFilter f;
  const char* label;
};
constexpr StatusChoice kStatus[] = {{StatusFilter::Any, "全部证书状态"},   {StatusFilter::NoCertificate, "尚未发证"},
                                    {StatusFilter::InForce, "证书有效"},   {StatusFilter::Suspended, "证书暂停"},
                                    {StatusFilter::Ended, "已结束"}};

constexpr SortKey kColumnSort[] = {SortKey::Id, SortKey::Organisation, SortKey::Scope, SortKey::Step,
                                   SortKey::Status, SortKey::NextDue};

void draw_filters(const AppView& view, UiState& ui, Commands& out) {
  CaseQuery q = view.model.case_query;
  if (ui.case_filter_buf != q.text && !ImGui::IsAnyItemActive()) ui.case_filter_buf = q.text;
  ImGui::SetNextItemWidth(16.0f * ImGui::GetFontSize());
  if (ImGui::InputTextWithHint("##search", "搜索：编号、组织、范围、证书号", &ui.case_filter_buf)) {
    q.text = ui.case_filter_buf;
    out.push(SetCaseQuery{q});
  }
  mark_widget(ui, "cases.search");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(9.0f * ImGui::GetFontSize());
  if (ImGui::BeginCombo("##step", q.step ? enum_label(*q.step) : "全部步骤")) {
    if (ImGui::Selectable("全部步骤", !q.step)) {
      q.step.reset();
      out.push(SetCaseQuery{q});
    }
    for (int i = 0; i < kStepCount; ++i) {
      const Step st = static_cast<Step>(i);
      if (ImGui::Selectable(enum_label(st), q.step == st)) {
        q.step = st;
        out.push(SetCaseQuery{q});
      }
    }
    ImGui::EndCombo();
  }
  mark_widget(ui, "cases.step");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(9.0f * ImGui::GetFontSize());
  if (ImGui::BeginCombo("##status", kStatus[static_cast<int>(q.status)].label)) {
    for (const StatusChoice& c : kStatus)
      if (ImGui::Selectable(c.label, q.status == c.f)) {
        q.status = c.f;
        out.push(SetCaseQuery{q});
      }
    ImGui::EndCombo();
  }
  mark_widget(ui, "cases.status");
  ImGui::SameLine();
  if (ImGui::Checkbox("只看逾期", &q.overdue_only)) out.push(SetCaseQuery{q});
  mark_widget(ui, "cases.overdue");
}

void due_cell(const CaseRow& r) {
  if (!r.next_due) {
    ImGui::TextDisabled("—");
    return;
  }
  const Obligation& o = *r.next_due;
  const bool coloured = o.status == DueStatus::Overdue || o.status == DueStatus::DueSoon;
  if (coloured) ImGui::PushStyleColor(ImGuiCol_Text, o.status == DueStatus::Overdue ? kBad : kWarn);
  text_fit(r.due_text);
  if (coloured) ImGui::PopStyleColor();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s（%s）\n%s", o.subject.c_str(), o.rule.c_str(), o.consequence_zh.c_str());
}

}  // namespace

void draw_cases(const AppView& view, UiState& ui, Commands& out) {
  const auto& rows = view.board.rows();
  ImGui::SeparatorText("案件");
  ImGui::BeginDisabled(!view.busy.empty());
  if (ImGui::Button("导入申请包…")) out.request(RequestImport{});
  mark_widget(ui, "cases.import");
  ImGui::EndDisabled();
  ImGui::SameLine();
  text_wrapped("申请组织发来的申请包（JSON）逐项核对格式、摘要和附件校验值，全部通过才建立案件；"
               "导入人须担任市场运营部角色（§6.1）。", true);
  if (rows.empty()) {
    ImGui::Spacing();
    ImGui::TextDisabled("尚无案件。");
    return;
  }
  draw_filters(view, ui, out);
  const std::vector<int>& order = view.board.visible(view.model.case_query);
  ImGui::SameLine();
  ImGui::TextDisabled("共 %d 件，显示 %d 件", static_cast<int>(rows.size()), static_cast<int>(order.size()));

  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Resizable |
                                     ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY |
                                     ImGuiTableFlags_Sortable;
  if (!ImGui::BeginTable("cases", 6, kFlags)) return;
  const CaseQuery& q = view.model.case_query;
  // A negative weight is a fixed width in em (the case number: its header and "C2026-0001" whole).
  auto col = [&](const char* name, float weight, SortKey key) {
    ImGuiTableColumnFlags f = weight < 0 ? ImGuiTableColumnFlags_WidthFixed : ImGuiTableColumnFlags_WidthStretch;
    if (weight < 0) weight *= -ImGui::GetFontSize();
    if (key == q.sort) f |= ImGuiTableColumnFlags_DefaultSort | (q.ascending ? ImGuiTableColumnFlags_PreferSortAscending
                                                                            : ImGuiTableColumnFlags_PreferSortDescending);
    ImGui::TableSetupColumn(name, f, weight);
  };
  ImGui::TableSetupScrollFreeze(0, 1);
  col("案件编号", -6.5f, SortKey::Id);
  col("组织", 2.2f, SortKey::Organisation);
  col("认证范围", 1.8f, SortKey::Scope);
  col("当前步骤", 1.1f, SortKey::Step);
  col("证书", 2.2f, SortKey::Status);
  col("下一期限", 2.4f, SortKey::NextDue);
  ImGui::TableHeadersRow();
  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
    if (specs->SpecsCount > 0) {
      CaseQuery next = q;
      next.sort = kColumnSort[specs->Specs[0].ColumnIndex];
      next.ascending = specs->Specs[0].SortDirection != ImGuiSortDirection_Descending;
      if (!(next == q)) out.push(SetCaseQuery{next});
    }
    specs->SpecsDirty = false;
  }
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(order.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const CaseRow& r = rows[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(i);
      if (ImGui::Selectable(r.id.c_str(), view.model.open_case == r.id, ImGuiSelectableFlags_SpanAllColumns))
        out.push(OpenCase{r.id, std::nullopt});
      ImGui::PopID();
      if (i == 0) mark_widget(ui, "cases.row0");
      ImGui::TableNextColumn();
      text_fit(r.organisation);
      ImGui::TableNextColumn();
      text_fit(r.scope);
      ImGui::TableNextColumn();
      if (r.loading) {  // issue 8: its history arrives after the first frame
        ImGui::TextDisabled("正在载入案件数据…");
        ImGui::TableNextColumn();
        ImGui::TableNextColumn();
        continue;
      }
      if (!r.problem.empty()) {  // issue 17: its file is set aside; every other case works
        ImGui::PushStyleColor(ImGuiCol_Text, kBad);
        text_fit("文件已隔离");
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered())
          ImGui::SetTooltip("案件文件无法读取，已原样移入隔离区：%s\n详见“数据与备份”中的隔离区。", r.problem.c_str());
        ImGui::TableNextColumn();
        ImGui::TableNextColumn();
        continue;
      }
      ImGui::TextUnformatted(enum_label(r.step));
      ImGui::TableNextColumn();
      if (r.status) {
        const bool bad = *r.status == CertStatus::Suspended || !in_force(*r.status);
        ImGui::TextColored(bad ? kBad : kGood, "%s", enum_label(*r.status));
        ImGui::SameLine();
        text_fit(r.certificate, true);
        if (i == 0) mark_widget(ui, "cases.certificate0");
      } else {
        ImGui::TextDisabled("未发证");
      }
      ImGui::TableNextColumn();
      due_cell(r);
    }
  }
  ImGui::EndTable();
}

}  // namespace certdesk::ui
