// ui/notices/panel_notices.cpp — notices and answers on screen (issue 7). The applicant's 通知与答复:
// received notices with what is asked and by when (overdue in red), the answer form of each kind,
// evidence files, 导出答复. The body's workspace tab 通知与答复: the notices the case's step
// supports, 导入答复, and the notices sent with their answers.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "ui/shell/app.hpp"
#include "ui/widgets/text_widgets.hpp"

namespace certdesk::ui {

namespace {

using nlohmann::json;
namespace nt = certdesk::notice;

const ImVec4 kBad(0.70f, 0.20f, 0.15f, 1);
const ImVec4 kGood(0.15f, 0.45f, 0.25f, 1);

RequestNotice request(json j) { return RequestNotice{std::move(j)}; }

// A text field over an edit buffer: the model's value shows unless the field is being edited.
bool text_field(UiState& ui, const std::string& key, const char* label, std::string& value, bool multiline) {
  std::string& buf = ui.buffers[key];
  if (ui.editing != key) buf = value;
  ImGui::TextUnformatted(label);
  ImGui::PushID(key.c_str());
  const bool changed = multiline ? input_multiline_wrapped("##v", &buf, ImVec2(-1.0f, 3.5f * ImGui::GetTextLineHeightWithSpacing()))
                                 : (ImGui::SetNextItemWidth(-1.0f), ImGui::InputText("##v", &buf));
  if (ImGui::IsItemActive()) ui.editing = key;
  else if (ui.editing == key) ui.editing.clear();
  ImGui::PopID();
  if (changed) value = buf;
  return changed;
}

void items_table(const nt::Notice& n) {
  if (n.items.empty()) return;
  const bool nc = n.kind == nt::NoticeKind::Nonconformity;
  // A fixed height: the answer form follows the table in the same scrolling panel.
  const float h = (static_cast<float>(n.items.size()) + 1.4f) * ImGui::GetFrameHeightWithSpacing();
  if (!begin_list_table("notice.items", {{"编号", -5.0f}, {"条款", -4.0f}, {nc ? "不符合事实" : "内容", 3.0f}, {"等级", -3.0f},
                                         {"期限", -6.0f}}, h))
    return;
  for (const nt::NoticeItem& i : n.items) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(i.id.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(i.clause.c_str());
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", i.description.c_str());
    ImGui::TableNextColumn();
    if (i.grade == "严重") ImGui::TextColored(kBad, "%s", i.grade.c_str());
    else ImGui::TextUnformatted(i.grade.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(i.deadline ? i.deadline->iso().c_str() : "");
  }
  ImGui::EndTable();
}

void attachment_list(const ReceivedNotice& r, const std::vector<std::string>& ids, Commands& out) {
  for (const std::string& id : ids)
    for (const auto& a : r.attachments)
      if (a.id == id) {
        ImGui::PushID(id.c_str());
        ImGui::BulletText("%s　%s", a.name.c_str(), size_text_zh(a.size).c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("删除"))
          out.request(request({{"type", "RemoveAnswerAttachment"}, {"notice", r.notice.notice_id}, {"attachment", id}}));
        ImGui::PopID();
      }
}

void answer_form(const AppView& v, UiState& ui, Commands& out, const ReceivedNotice& r) {
  const std::string id = r.notice.notice_id;
  nt::Answer a = r.answer;
  bool changed = false;
  const auto key = [&](const std::string& k) { return "notice/" + id + "/" + k; };
  const std::vector<nt::ResponseKind> kinds = nt::answers_to(r.notice.kind);
  ImGui::TextUnformatted("答复方式");
  ImGui::SetNextItemWidth(18.0f * ImGui::GetFontSize());
  if (ImGui::BeginCombo("##kind", std::string(nt::response_label_zh(a.kind)).c_str())) {
    for (nt::ResponseKind k : kinds)
      if (ImGui::Selectable(std::string(nt::response_label_zh(k)).c_str(), k == a.kind)) {
        a.kind = k;
        if (k == nt::ResponseKind::Survey && a.score == 0) a.score = 5;
        changed = true;
      }
    ImGui::EndCombo();
  }
  mark_widget(ui, "notice.answer.kind");
  changed |= text_field(ui, key("respondent"), "答复人", a.respondent, false);
  const auto add_file = [&](const char* label, const std::string& nc, const std::string& widget) {
    if (ImGui::SmallButton(label)) out.request(request({{"type", "AttachToAnswer"}, {"notice", id}, {"nc", nc}}));
    mark_widget(ui, widget.c_str());
  };
  switch (a.kind) {
    case nt::ResponseKind::CorrectiveActions:
      for (std::size_t i = 0; i < a.corrective_actions.size(); ++i) {
        nt::CorrectiveAnswer& c = a.corrective_actions[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::SeparatorText(("不符合项 " + c.nc_id).c_str());
        ImGui::TextUnformatted("证据");
        ImGui::SameLine();
        add_file("添加证据文件…", c.nc_id, "notice.evidence." + c.nc_id);
        attachment_list(r, c.evidence, out);
        changed |= text_field(ui, key(c.nc_id + "/cause"), "原因分析", c.cause, true);
        changed |= text_field(ui, key(c.nc_id + "/correction"), "纠正", c.correction, true);
        changed |= text_field(ui, key(c.nc_id + "/action"), "纠正措施", c.corrective_action, true);
        ImGui::PopID();
      }
      break;
    case nt::ResponseKind::ChangeApplication: {
      static const char* kChange[] = {"名称", "地址", "范围", "其他"};
      int k = static_cast<int>(a.change_kind);
      ImGui::TextUnformatted("变更类型");
      if (ImGui::Combo("##change", &k, kChange, 4)) a.change_kind = static_cast<ChangeKind>(k), changed = true;
      changed |= text_field(ui, key("new_value"), "变更后内容", a.new_value, false);
      changed |= ImGui::Checkbox("重大变更（组织结构、关键场所、服务过程）", &a.major_change);
      break;
    }
    case nt::ResponseKind::Survey:
      ImGui::TextUnformatted("满意度（1–5）");
      ImGui::SetNextItemWidth(12.0f * ImGui::GetFontSize());
      changed |= ImGui::SliderInt("##score", &a.score, 1, 5);
      break;
    default:
      break;
  }
  const char* text_label = a.kind == nt::ResponseKind::Supplement        ? "说明"
                           : a.kind == nt::ResponseKind::Survey          ? "意见和建议"
                           : a.kind == nt::ResponseKind::Complaint ||
                                     a.kind == nt::ResponseKind::Appeal  ? "投诉或申诉的内容"
                           : a.kind == nt::ResponseKind::CorrectiveActions ? "其他说明"
                                                                         : "申请理由";
  changed |= text_field(ui, key("text"), text_label, a.text, true);
  if (a.kind != nt::ResponseKind::CorrectiveActions && a.kind != nt::ResponseKind::Survey) {
    ImGui::TextUnformatted(a.kind == nt::ResponseKind::Supplement ? "补充材料" : "证明材料");
    attachment_list(r, a.documents, out);
    add_file("添加文件…", "", "notice.documents");
  }
  if (changed) out.request(request({{"type", "AnswerNotice"}, {"notice", id}, {"answer", nt::answer_to_json(a)}}));
  ImGui::Spacing();
  if (ImGui::Button("导出答复…")) out.request(request({{"type", "ExportResponse"}, {"notice", id}}));
  mark_widget(ui, "notice.export");
  ImGui::SameLine();
  if (!r.exported.empty()) ImGui::TextColored(kGood, "已导出：%s", note_time_text_zh(r.exported).c_str());
  else ImGui::TextDisabled("导出前会检查答复是否完整。");
  (void)v;
}

void notice_detail(const AppView& v, UiState& ui, Commands& out, const ReceivedNotice& r) {
  const nt::Notice& n = r.notice;
  ImGui::SeparatorText((std::string(nt::notice_label_zh(n.kind)) +
                        form_code_note_zh(nt::notice_form(n.kind)))
                           .c_str());
  ImGui::TextDisabled("%s　案件 %s　%s%s", n.body.c_str(), n.case_id.c_str(), n.issued_on.iso().c_str(),
                      n.certificate_number.empty() ? "" : ("　证书 " + n.certificate_number).c_str());
  ImGui::TextWrapped("%s", n.summary.c_str());
  for (const nt::NoticeLine& l : n.lines) {
    ImGui::TextDisabled("%s", l.label.c_str());
    ImGui::SameLine(7.0f * ImGui::GetFontSize());
    ImGui::TextWrapped("%s", l.value.c_str());
  }
  if (overdue(r, v.today)) ImGui::TextColored(kBad, "答复期限 %s 已过，尚未导出答复。", n.deadline->iso().c_str());
  items_table(n);
  ImGui::SeparatorText("答复");
  answer_form(v, ui, out, r);
}

// The body's view: import a response (it finds its case) and every notice sent, newest first.
void body_notices(const AppView& v, UiState& ui, Commands& out) {
  ImGui::TextUnformatted("申请组织发回的答复包（.json）在此导入：按其所答复的通知找到案件，登记为相应的办理事项。"
                         "通知在各案件的“通知与答复”页导出。");
  if (ImGui::Button("导入答复…")) out.request(request({{"type", "ImportResponse"}}));
  mark_widget(ui, "notices.import.response");
  if (!v.sent_notices || v.sent_notices->empty()) {
    ImGui::TextDisabled("尚未发出通知。");
    return;
  }
  if (!begin_list_table("sent.all", {{"日期", -6.0f}, {"案件", -6.0f}, {"通知", 1.4f}, {"答复", 1.6f}})) return;
  for (auto it = v.sent_notices->rbegin(); it != v.sent_notices->rend(); ++it) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(time_text_zh(it->created_at).c_str());
    ImGui::TableNextColumn();
    ImGui::PushID(it->notice_id.c_str());
    if (ImGui::Selectable(it->case_id.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) out.push(OpenCase{it->case_id, std::nullopt});
    ImGui::PopID();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(std::string(nt::notice_label_zh(it->kind)).c_str());
    ImGui::TableNextColumn();
    if (it->answered_by.empty()) ImGui::TextUnformatted("待答复");
    else ImGui::TextColored(kGood, "已答复 %s", time_text_zh(it->answered_on).c_str());
  }
  ImGui::EndTable();
}

}  // namespace

void draw_notices(const AppView& v, UiState& ui, Commands& out) {
  if (v.model.mode == Mode::Body) return body_notices(v, ui, out);
  ImGui::TextUnformatted("认证机构发来的通知（通知包 .json）在此导入；每份通知可填写答复并导出答复包发回认证机构。");
  if (ImGui::Button("导入通知…")) out.request(request({{"type", "ImportNotice"}}));
  mark_widget(ui, "notices.import");
  const NoticeInbox* inbox = v.inbox;
  if (!inbox || inbox->notices.empty()) {
    ImGui::TextDisabled("还没有收到通知。");
    return;
  }
  const float list_h = std::min(8.0f, 1.5f + static_cast<float>(inbox->notices.size())) * ImGui::GetFrameHeightWithSpacing();
  if (begin_list_table("notices", {{"通知", 1.6f}, {"案件", -5.5f}, {"日期", -6.0f}, {"答复期限", -7.5f}, {"状态", 1.2f}}, list_h)) {
    for (auto it = inbox->notices.rbegin(); it != inbox->notices.rend(); ++it) {
      const ReceivedNotice& r = *it;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(r.notice.notice_id.c_str());
      if (ImGui::Selectable(std::string(nt::notice_label_zh(r.notice.kind)).c_str(), ui.open_notice == r.notice.notice_id,
                            ImGuiSelectableFlags_SpanAllColumns))
        out.request(request({{"type", "OpenNotice"}, {"notice", r.notice.notice_id}}));
      ImGui::PopID();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.notice.case_id.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.notice.issued_on.iso().c_str());
      ImGui::TableNextColumn();
      const bool late = overdue(r, v.today);
      if (r.notice.deadline) ImGui::TextColored(late ? kBad : ImGui::GetStyleColorVec4(ImGuiCol_Text), "%s%s",
                                                r.notice.deadline->iso().c_str(), late ? " 逾期" : "");
      ImGui::TableNextColumn();
      if (!r.exported.empty()) ImGui::TextColored(kGood, "已导出答复");
      else ImGui::TextUnformatted("待答复");
    }
    ImGui::EndTable();
  }
  const ReceivedNotice* open = inbox->find(ui.open_notice);
  if (!open) open = &inbox->notices.back();
  if (ImGui::BeginChild("notice.detail")) notice_detail(v, ui, out, *open);
  ImGui::EndChild();
}

void draw_case_notices(const AppView& v, UiState& ui, Commands& out, const CaseRecord& c) {
  ImGui::SeparatorText("导出通知");
  const auto kinds = nt::available_notices(c.state);
  if (kinds.empty()) ImGui::TextDisabled("案件目前没有可发出的通知。");
  for (nt::NoticeKind k : kinds) {
    const std::string id(nt::notice_kind_id(k));
    const std::string label = "导出" + std::string(nt::notice_label_zh(k)) +
                              form_code_note_zh(nt::notice_form(k));
    if (ImGui::Button(label.c_str())) out.request(request({{"type", "ExportNotice"}, {"case", c.id}, {"kind", id}}));
    mark_widget(ui, ("case.notice." + id).c_str());
  }
  ImGui::SeparatorText("申请组织的答复");
  if (ImGui::Button("导入答复…")) out.request(request({{"type", "ImportResponse"}}));
  mark_widget(ui, "case.notices.import");
  ImGui::SameLine();
  ImGui::TextDisabled("答复包中的纠正措施、申请和材料按办理表单登记到其所属案件，附件随案件保存。");
  ImGui::SeparatorText("已发出的通知");
  bool any = false;
  if (v.sent_notices && begin_list_table("sent", {{"日期", -6.0f}, {"通知", 1.4f}, {"编号", 1.6f}, {"答复", 1.6f}})) {
    for (auto it = v.sent_notices->rbegin(); it != v.sent_notices->rend(); ++it) {
      if (it->case_id != c.id) continue;
      any = true;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(time_text_zh(it->created_at).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(std::string(nt::notice_label_zh(it->kind)).c_str());
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", it->notice_id.c_str());
      ImGui::TableNextColumn();
      if (it->answered_by.empty()) ImGui::TextUnformatted("待答复");
      else ImGui::TextColored(kGood, "已答复 %s（答复包 %s）", time_text_zh(it->answered_on).c_str(), it->answered_by.substr(0, 8).c_str());
    }
    ImGui::EndTable();
  }
  if (!any) ImGui::TextDisabled("尚未向此案件发出通知。");
}

}  // namespace certdesk::ui
