// ui/forms/panel_forms.cpp — the forms of one case, in the workspace's 文件 tab (issue 7 item 1): pick
// any form of 附件1 and start it from what the case knows (domain/forms.hpp prefill), edit it,
// save it with the case (RecordForm, so it survives a reload) and print it (a new browser window
// with the A4 document); every form kept with the case is listed with 打开 and 打印.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "domain/forms.hpp"
#include "ui/shell/app.hpp"
#include "ui/widgets/text_widgets.hpp"

namespace certdesk::ui {

namespace {

using nlohmann::json;

// The form's code only where users know it (附件1's QP / IP forms), never an internal id (issue 15).
std::string form_label(const forms::FormSpec& f) {
  return is_public_form_code(f.code) ? f.code + " " + f.title_zh : f.title_zh;
}

// The editor's key: "<case>|<code>|<where from>"; the code is its middle part.
std::string key_of(const std::string& case_id, const std::string& code, const std::string& from) {
  return case_id + "|" + code + "|" + from;
}
std::string code_of(const std::string& key) {
  const auto a = key.find('|'), b = key.rfind('|');
  return a == std::string::npos || b == a ? "" : key.substr(a + 1, b - a - 1);
}

void open_editor(UiState& ui, const CaseRecord& c, const forms::FormSpec& f, const std::string& from, const json& fields,
                 const AppView& v) {
  json start = forms::prefill(f, c.state, {&v.config.catalogue, v.today});
  // A saved form keeps its own values; fields it lacks start from the case.
  if (fields.is_object())
    for (const auto& [k, val] : fields.items()) start[k] = val;
  ui.form_key = key_of(c.id, f.code, from);
  ui.form_fields = std::move(start);
}

void rows_editor(const forms::FieldSpec& fs, json& v, float width) {
  if (!v.is_array()) v = json::array();
  const int cols = static_cast<int>(fs.columns.size());
  if (ImGui::BeginTable("rows", cols + 1, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchSame, ImVec2(width, 0))) {
    for (const forms::Column& col : fs.columns) ImGui::TableSetupColumn(col.label_zh);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 3.0f * ImGui::GetFontSize());
    ImGui::TableHeadersRow();
    std::optional<std::size_t> remove;
    for (std::size_t r = 0; r < v.size(); ++r) {
      ImGui::PushID(static_cast<int>(r));
      if (!v[r].is_array()) v[r] = json::array();
      while (v[r].size() < fs.columns.size()) v[r].push_back("");
      ImGui::TableNextRow();
      for (int col = 0; col < cols; ++col) {
        ImGui::TableNextColumn();
        ImGui::PushID(col);
        json& cell = v[r][col];
        if (!cell.is_string()) cell = cell.dump();
        ImGui::SetNextItemWidth(-FLT_MIN);
        ImGui::InputText("##c", cell.get_ptr<std::string*>());
        ImGui::PopID();
      }
      ImGui::TableNextColumn();
      if (ImGui::SmallButton("删除")) remove = r;
      ImGui::PopID();
    }
    ImGui::EndTable();
    if (remove) v.erase(*remove);
  }
  if (ImGui::SmallButton("添加一行")) v.push_back(json::array());
}

void editor(const AppView& v, UiState& ui, Commands& out, const CaseRecord& c) {
  const forms::FormSpec* f = forms::find_form(code_of(ui.form_key));
  if (!f) return;
  const float fs_px = ImGui::GetFontSize();
  const float label_w = 13.0f * fs_px;
  const float wide = std::max(10.0f * fs_px, std::min(36.0f * fs_px, ImGui::GetContentRegionAvail().x - label_w));
  ImGui::SeparatorText((forms::printed_code(*f, v.config.settings.body) + " " + f->title_zh).c_str());
  ImGui::TextDisabled("由%s填写；内容取自案件，可修改。保存后随案件保存，打印在新窗口中打开（A4）。", f->filled_by_zh);
  // The buttons come first: a long form runs far below them.
  if (ImGui::Button("保存")) out.push(RunCaseCommand{c.id, {{"type", "RecordForm"}, {"code", f->code}, {"fields", ui.form_fields}}});
  mark_widget(ui, "forms.save");
  ImGui::SameLine();
  if (ImGui::Button("打印")) out.request(RequestPrintForm{c.id, -1, f->code, ui.form_fields});
  mark_widget(ui, "forms.print");
  ImGui::SameLine();
  if (ImGui::Button("关闭")) ui.form_key.clear();
  mark_widget(ui, "forms.close");
  ImGui::Spacing();
  for (const forms::FieldSpec& fs : f->fields) {
    ImGui::PushID(fs.key.c_str());
    json& val = ui.form_fields[fs.key];
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(fs.label_zh);
    ImGui::SameLine(label_w);
    if (fs.kind == forms::FieldKind::Rows) {
      ImGui::BeginGroup();
      rows_editor(fs, val, wide);
      ImGui::EndGroup();
    } else {
      if (!val.is_string()) val = val.is_null() ? "" : val.dump();
      std::string* s = val.get_ptr<std::string*>();
      if (fs.kind == forms::FieldKind::Text)
        input_multiline_wrapped("##v", s, ImVec2(wide, 4.0f * ImGui::GetTextLineHeightWithSpacing()));
      else {
        ImGui::SetNextItemWidth(fs.kind == forms::FieldKind::Date ? 9.0f * fs_px : wide);
        ImGui::InputTextWithHint("##v", fs.kind == forms::FieldKind::Date ? "年-月-日" : "", s);
      }
    }
    ImGui::PopID();
  }
}

void saved_forms(const AppView& v, UiState& ui, Commands& out, const CaseRecord& c) {
  ImGui::SeparatorText("表单记录（最新的在前）");
  const auto& list = c.state.forms;
  if (list.empty()) return void(ImGui::TextDisabled("无。"));
  const float height = std::min(14.0f, 1.5f + list.size()) * ImGui::GetFrameHeightWithSpacing();
  if (!begin_list_table("forms.saved", {{"表单", 3}, {"日期", -7}, {"填写人", 2}, {"", -8}}, height)) return;
  const std::string& prefix = v.config.settings.body.form_prefix;
  for (std::size_t i = list.size(); i-- > 0;) {  // newest first
    const FormRecord& r = list[i];
    const forms::FormSpec* f = forms::find_form(r.code);
    ImGui::PushID(static_cast<int>(i));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::Text("%s%s %s", f && f->code.rfind("QP", 0) != 0 && f->code.rfind("IP", 0) != 0 ? "" : prefix.c_str(),
                f ? form_label(*f).c_str() : r.code.c_str(), r.fields.is_null() ? "" : "（已填写）");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.date.iso().c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.author.c_str());
    ImGui::TableNextColumn();
    if (f) {
      if (ImGui::SmallButton("打开")) open_editor(ui, c, *f, std::to_string(i), r.fields, v);
      mark_widget(ui, ("forms.open." + std::to_string(i)).c_str());
      ImGui::SameLine();
      if (ImGui::SmallButton("打印")) out.request(RequestPrintForm{c.id, static_cast<int>(i), "", nullptr});
      mark_widget(ui, ("forms.print." + std::to_string(i)).c_str());
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace

void draw_case_forms(const AppView& v, UiState& ui, Commands& out, const CaseRecord& c) {
  ImGui::SeparatorText("新建表单");
  const auto& all = forms::form_catalogue();
  if (!forms::find_form(ui.form_pick)) ui.form_pick = all.front().code;
  const forms::FormSpec& picked = *forms::find_form(ui.form_pick);
  ImGui::SetNextItemWidth(22.0f * ImGui::GetFontSize());
  if (ImGui::BeginCombo("##pick", form_label(picked).c_str(), ImGuiComboFlags_HeightLarge)) {
    for (const forms::FormSpec& f : all)
    {
      if (ImGui::Selectable(form_label(f).c_str(), f.code == ui.form_pick)) ui.form_pick = f.code;
      mark_widget(ui, ("forms.pick." + f.code).c_str());
    }
    ImGui::EndCombo();
  }
  mark_widget(ui, "forms.pick");
  ImGui::SameLine();
  if (ImGui::Button("新建表单")) open_editor(ui, c, picked, "new", nullptr, v);
  mark_widget(ui, "forms.new");
  ImGui::SameLine();
  ImGui::TextDisabled("附件1 的全部 %zu 种表单，内容取自本案件", all.size());
  if (ui.form_key.rfind(c.id + "|", 0) == 0) editor(v, ui, out, c);
  saved_forms(v, ui, out, c);
}

}  // namespace certdesk::ui
