// ui/cases/panel_deliberate.cpp — issue 15: deliberate acts in the case forms (decisions start unchosen,
// reasons and warnings beside their fields, a confirmation with a summary before an act is
// recorded, undo of a removed table row) and the applicant's 撤销 after a removal.
#include "ui/cases/panel_deliberate.hpp"

#include <imgui.h>

#include <algorithm>

#include "ui/shell/app.hpp"

namespace certdesk::ui {

namespace {

using nlohmann::json;

const ImVec4 kBad(0.70f, 0.20f, 0.15f, 1);
const ImVec4 kWarn(0.72f, 0.45f, 0.05f, 1);

std::string action_type(const std::string& form_key) {
  const std::size_t slash = form_key.rfind('/');
  return slash == std::string::npos ? form_key : form_key.substr(slash + 1);
}

void wrapped(const ImVec4& colour, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

}  // namespace

bool decision_field(UiState& ui, const std::string& form_key, json& v, const FieldSpec& fs, float label_w) {
  const std::string base = "case.choice." + action_type(form_key) + "." + fs.key.substr(1) + ".";
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(fs.label_zh);
  ImGui::SameLine(label_w);
  bool changed = false;
  if (fs.kind == FieldKind::Bool) {
    if (ImGui::RadioButton("是", v.is_boolean() && v.get<bool>())) v = true, changed = true;
    mark_widget(ui, (base + "yes").c_str());
    ImGui::SameLine(0, 2.0f * ImGui::GetFontSize());
    if (ImGui::RadioButton("否", v.is_boolean() && !v.get<bool>())) v = false, changed = true;
    mark_widget(ui, (base + "no").c_str());
  } else {
    // Few choices side by side; a list of grounds one under the other, aligned after the label.
    const bool across = fs.choices.size() <= 3;
    for (std::size_t i = 0; i < fs.choices.size(); ++i) {
      const Choice& c = fs.choices[i];
      if (i > 0) {
        if (across) {
          ImGui::SameLine(0, 2.0f * ImGui::GetFontSize());
        } else {
          ImGui::Dummy(ImVec2(0, 0));
          ImGui::SameLine(label_w);
        }
      }
      if (ImGui::RadioButton(c.label_zh, v.is_string() && v.get<std::string>() == c.id)) v = c.id, changed = true;
      mark_widget(ui, (base + c.id).c_str());
    }
  }
  if (v.is_null()) {
    ImGui::SameLine();
    ImGui::TextDisabled("（未选择）");
  }
  return changed;
}

void field_notes(const UiState& ui, const std::string& form_key, const FieldSpec& fs, const FormIssues& issues) {
  if (const FormIssue* w = issues.warning_for(fs.key)) wrapped(kWarn, "注意：" + w->message_zh);
  if (fs.decision) return;  // an unchosen decision is said under the button, not as a fault
  if (const FormIssue* e = issues.error_for(fs.key); e && ui.touched.count(form_key + fs.key)) wrapped(kBad, e->message_zh);
}

void form_errors(const FormIssues& issues) {
  for (const FormIssue& e : issues.errors) wrapped(kBad, "暂不能办理：" + e.message_zh);
}

ConfirmAnswer confirm_modal(UiState& ui, const std::string& form_key, const ActionSpec& a, const json& form,
                            const FormIssues& issues, const Catalogue* catalogue, const std::string& actor) {
  if (ui.confirm_form != form_key) return ConfirmAnswer::None;
  const char* id = "确认办理###confirm";
  if (!ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
  const float fs = ImGui::GetFontSize();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float w = std::min(34.0f * fs, vp->WorkSize.x - 2.0f * fs);
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(w, 0), ImGuiCond_Always);
  ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0), ImVec2(w, vp->WorkSize.y - 2.0f * fs));
  ConfirmAnswer answer = ConfirmAnswer::None;
  if (ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings)) {
    mark_widget(ui, "case.confirm");
    ImGui::TextWrapped("请核对后办理：%s", a.label_zh);
    ImGui::TextDisabled("办理人：%s%s%s", actor.c_str(), *a.form ? "　表单：" : "", a.form);
    ImGui::TextDisabled("办理后将记入案件记录，不能撤回。");
    ImGui::Separator();
    const std::vector<SummaryLine> lines = form_summary(a, form, catalogue);
    if (lines.empty()) ImGui::TextDisabled("无需填写。");
    else if (ImGui::BeginTable("summary", 2, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
      ImGui::TableSetupColumn("项目", ImGuiTableColumnFlags_WidthStretch, 1.0f);
      ImGui::TableSetupColumn("内容", ImGuiTableColumnFlags_WidthStretch, 2.2f);
      for (const SummaryLine& l : lines) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", l.label_zh.c_str());
        ImGui::PopStyleColor();
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", l.value_zh.c_str());
      }
      ImGui::EndTable();
    }
    for (const FormIssue& wi : issues.warnings) wrapped(kWarn, "注意：" + wi.message_zh);
    ImGui::Separator();
    if (ImGui::Button("确认办理")) answer = ConfirmAnswer::Confirmed;
    mark_widget(ui, "case.confirm.ok");
    ImGui::SameLine();
    if (ImGui::Button("返回修改")) answer = ConfirmAnswer::Back;
    mark_widget(ui, "case.confirm.back");
    ImGui::SameLine();
    ImGui::TextDisabled("（Enter 确认，Esc 返回）");
    if (ImGui::IsKeyPressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false))
      answer = ConfirmAnswer::Confirmed;
    if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) answer = ConfirmAnswer::Back;
    if (answer != ConfirmAnswer::None) {
      ui.confirm_form.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  return answer;
}

std::string field_widget_id(const std::string& form_key, const FieldSpec& fs) {
  return "case.field." + action_type(form_key) + "." + fs.key.substr(1);
}

void remember_row_removal(UiState& ui, const std::string& form_key, const FieldSpec& fs, const json& array,
                          std::size_t index, const Catalogue* catalogue) {
  if (!array.is_array() || index >= array.size()) return;
  ui.form_undo = UiState::FormRowUndo{form_key, fs.key, index, array[index], row_removal_text_zh(fs, array, index, catalogue)};
}

bool form_row_undo(UiState& ui, const std::string& form_key, const FieldSpec& fs, json& array) {
  UiState::FormRowUndo& u = ui.form_undo;
  if (u.text.empty() || u.form_key != form_key || u.field_key != fs.key) return false;
  // The buttons first and the message wrapped after them, as the banner's offer is drawn: a long
  // message must not push 撤销 past the right edge, out of reach (1024×700).
  bool restored = false;
  if (ImGui::SmallButton("撤销")) {
    if (!array.is_array()) array = json::array();
    array.insert(array.begin() + static_cast<std::ptrdiff_t>(std::min(u.index, array.size())), u.row);
    restored = true;
  }
  mark_widget(ui, ("case.undo." + action_type(form_key) + "." + fs.key.substr(1)).c_str());
  ImGui::SameLine();
  const bool closed = ImGui::SmallButton("关闭##undo");
  mark_widget(ui, ("case.undo.close." + action_type(form_key) + "." + fs.key.substr(1)).c_str());
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.15f, 0.40f, 0.62f, 1));
  ImGui::TextWrapped("%s", u.text.c_str());
  ImGui::PopStyleColor();
  if (restored || closed) u = {};
  return restored;
}

void draw_undo_offer(UiState& ui, Commands& out) {
  if (ui.undo_text.empty()) return;
  ImGui::Separator();  // drawn with the banners, below the page (ui/shell/app.cpp)
  if (ImGui::SmallButton("撤销")) out.request(RequestUndo{});
  mark_widget(ui, "banner.undo");
  ImGui::SameLine();
  if (ImGui::SmallButton("关闭##undo")) ui.undo_text.clear();
  mark_widget(ui, "banner.undo.close");
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.15f, 0.40f, 0.62f, 1));
  ImGui::TextWrapped("%s", ui.undo_text.c_str());
  ImGui::PopStyleColor();
}

}  // namespace certdesk::ui
