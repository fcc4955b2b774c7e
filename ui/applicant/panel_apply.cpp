// ui/applicant/panel_apply.cpp — the applicant's wizard (§6.1): eligibility, organisation, scope, both
// self-assessments, attachments, review and export. Every edit is a command, saved at once.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>

#include "ui/shell/app.hpp"
#include "ui/widgets/text_widgets.hpp"
#include "ui/widgets/input_widgets.hpp"

namespace certdesk::ui {

namespace {

using package::ApplicationDraft;
using package::AssessmentEntry;
using package::Claim;

const ImVec4 kBad(0.70f, 0.20f, 0.15f, 1);
const ImVec4 kGood(0.15f, 0.45f, 0.25f, 1);

struct Form {
  const AppView& v;
  UiState& ui;
  Commands& out;
  float label_w;
};

enum class Kind { Text, Date, Number, Multiline };

void scroll_if_asked(Form& f, const std::string& field);

void show_problem(Form& f, const std::string& field, bool filled) {
  scroll_if_asked(f, field);  // a problem without a field of its own (evidence, a list) is jumped to here
  // What was typed and not understood comes first: it is what the user just did (issue 15).
  if (auto kept = f.ui.kept_inputs.find(field); kept != f.ui.kept_inputs.end()) {
    draw_message(f.ui, "apply.msg." + field, kept->second.message, f.label_w);
    return;
  }
  // Format problems show at once; missing answers once the applicant has seen the review page.
  if (!filled && !f.ui.reviewed) return;
  const ReviewItem* p = review_item(f.v.review, field);
  if (!p) return;
  draw_message(f.ui, "apply.msg." + field, UserMessage{field, p->message, p->rule, true}, f.label_w);
}

// The review page's "点击一项可跳到对应位置" (issue 15): the page is drawn once before the jump, so
// that its height is known (a scroll target is clamped to the last frame's content height, and
// the review page is short), then it scrolls the item into view and puts the caret in it.
bool jump_pending(Form& f, const std::string& field) {
  return f.ui.focus_field == field && f.ui.focus_delay == 0;
}
void focus_if_asked(Form& f, const std::string& field) {
  if (!jump_pending(f, field)) return;
  ImGui::SetScrollHereY(0.3f);
  ImGui::SetKeyboardFocusHere();
  f.ui.focus_field.clear();
}
void scroll_if_asked(Form& f, const std::string& field) {
  if (!jump_pending(f, field)) return;
  ImGui::SetScrollHereY(0.3f);
  f.ui.focus_field.clear();
}

void field_input(Form& f, const char* label, const std::string& field, const std::string& value, const char* hint,
                 Kind kind = Kind::Text, float width_em = 26.0f) {
  ImGui::PushID(field.c_str());
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  ImGui::SameLine(f.label_w);
  std::string& buf = f.ui.buffers[field];
  const auto kept = f.ui.kept_inputs.find(field);
  if (f.ui.editing != field) buf = kept != f.ui.kept_inputs.end() ? kept->second.text : value;
  focus_if_asked(f, field);
  bool changed = false;
  if (kind == Kind::Multiline) {
    changed = input_multiline_wrapped("##v", &buf, ImVec2(-1.0f, 4.5f * ImGui::GetTextLineHeightWithSpacing()));
  } else {
    ImGui::SetNextItemWidth(std::min(width_em * ImGui::GetFontSize(), ImGui::GetContentRegionAvail().x));
    changed = ImGui::InputTextWithHint("##v", hint, &buf);
  }
  mark_widget(f.ui, ("apply." + field).c_str());
  const bool active = ImGui::IsItemActive();
  if (active) f.ui.editing = field;
  else if (f.ui.editing == field) f.ui.editing.clear();
  if (kind == Kind::Date) {
    // A date is sent when it is complete ISO (or cleared), and on leaving the field as typed
    // ("2025/3/5" too; a wrong one is refused with its message and kept in the field). Not while
    // typing otherwise: "2025-3-1" on the way to "2025-3-15" is a date too (issue 15).
    if ((changed && (buf.empty() || Date::parse(buf))) || (ImGui::IsItemDeactivatedAfterEdit() && buf != value))
      f.out.push(SetDraftField{field, buf});
    std::string picked = buf;
    if (date_picker(f.ui, "apply." + field, picked, f.v.today, &f.v.config.calendar)) f.out.push(SetDraftField{field, picked});
  } else if (changed) {
    f.out.push(SetDraftField{field, buf});
  }
  ImGui::PopID();
  show_problem(f, field, !value.empty());
}

std::string date_text(const std::optional<Date>& d) { return d ? d->iso() : ""; }

void yes_no(Form& f, const char* question, const std::string& field, const std::optional<bool>& value) {
  ImGui::PushID(field.c_str());
  focus_if_asked(f, field);
  ImGui::TextWrapped("%s", question);
  ImGui::Indent(f.label_w * 0.25f);
  if (ImGui::RadioButton("是", value == true)) f.out.push(SetDraftField{field, "yes"});
  mark_widget(f.ui, ("apply." + field + ".yes").c_str());
  ImGui::SameLine(0, 2.0f * ImGui::GetFontSize());
  if (ImGui::RadioButton("否", value == false)) f.out.push(SetDraftField{field, "no"});
  mark_widget(f.ui, ("apply." + field + ".no").c_str());
  ImGui::Unindent(f.label_w * 0.25f);
  ImGui::PopID();
  // Eligibility problems explain themselves (the rule, e.g. R12, in the tooltip), so they show as
  // soon as there is an answer.
  const ReviewItem* p = review_item(f.v.review, field);
  if (p && (value.has_value() || f.ui.reviewed)) draw_message(f.ui, "apply.msg." + field, UserMessage{field, p->message, p->rule, true});
  ImGui::Spacing();
}

void page_eligibility(Form& f) {
  const ApplicationDraft& d = f.v.model.applicant.draft;
  ImGui::TextWrapped("申请认证须同时满足以下条件（《认证实施规则》§6.1.1）。请如实回答；"
                     "不满足的条件会说明原因，此时不能提交正式申请。");
  ImGui::Spacing();
  yes_no(f, "1. 申请组织是否为依法登记的法人或其他组织？", "eligibility.legal_entity", d.eligibility.legal_entity);
  yes_no(f, "2. 法律法规要求的行政许可是否均已取得（或本组织无需许可）？", "eligibility.licences_complete",
         d.eligibility.licences_complete);
  yes_no(f, "3. 申请前一年内是否受到过行政处罚？", "eligibility.penalty_in_last_year", d.eligibility.penalty_in_last_year);
  ImGui::TextDisabled("如曾受到行政处罚，请填写最近一次的日期：满一年后方可申请。");
  ImGui::SetItemTooltip("%s", rule_tooltip_zh("R12").c_str());
  field_input(f, "最近一次处罚日期", "application.last_administrative_penalty",
              date_text(d.last_administrative_penalty), "年-月-日，没有则不填", Kind::Date, 12);
}

// "联系人 2 [删除]" above a row of a list; the caller pops the ID after the row's fields.
void row_header(Form& f, const char* what, const char* list, std::size_t i) {
  ImGui::PushID(list);
  ImGui::PushID(static_cast<int>(i));
  ImGui::Text("%s %d", what, static_cast<int>(i + 1));
  ImGui::SameLine();
  if (ImGui::SmallButton("删除")) f.out.push(RemoveDraftRow{list, static_cast<int>(i)});
  mark_widget(f.ui, ("apply." + std::string(list) + ".remove." + std::to_string(i)).c_str());
}
void row_end() {
  ImGui::PopID();
  ImGui::PopID();
}

void page_organisation(Form& f) {
  const ApplicationDraft& d = f.v.model.applicant.draft;
  const Organisation& o = d.organisation;
  ImGui::SeparatorText("基本信息（QP-21-01）");
  field_input(f, "组织名称", "application.organisation.name", o.name, "与营业执照一致");
  field_input(f, "统一社会信用代码", "application.organisation.credit_code", o.credit_code, "18 位，如 91350100M000100Y43", Kind::Text, 16);
  field_input(f, "注册地址", "application.organisation.registered_address", o.registered_address, "");
  field_input(f, "办公地址", "application.organisation.office_address", o.office_address, "");
  field_input(f, "法定代表人", "application.organisation.legal_representative", o.legal_representative, "", Kind::Text, 12);
  field_input(f, "成立日期", "application.founded_on", date_text(d.founded_on), "年-月-日", Kind::Date, 12);
  field_input(f, "认证范围内人数", "application.headcount_in_scope",
              d.headcount_in_scope > 0 ? std::to_string(d.headcount_in_scope) : "", "人数", Kind::Number, 8);
  field_input(f, "经营范围", "application.organisation.business_scope", o.business_scope, "", Kind::Multiline);

  ImGui::SeparatorText("联系人");
  for (std::size_t i = 0; i < o.contacts.size(); ++i) {
    const std::string base = "application.organisation.contacts[" + std::to_string(i) + "]";
    row_header(f, "联系人", "contacts", i);
    field_input(f, "姓名", base + ".name", o.contacts[i].name, "", Kind::Text, 12);
    field_input(f, "电话", base + ".phone", o.contacts[i].phone, "手机或带区号的固定电话", Kind::Text, 16);
    field_input(f, "电子邮箱", base + ".email", o.contacts[i].email, "name@example.cn", Kind::Text, 20);
    row_end();
    ImGui::Spacing();
  }
  if (ImGui::Button("添加联系人")) f.out.push(AddDraftRow{"contacts"});
  mark_widget(f.ui, "apply.contacts.add");
  show_problem(f, "application.organisation.contacts", false);

  ImGui::SeparatorText("场所（多场所时逐一填写）");
  for (std::size_t i = 0; i < d.sites.size(); ++i) {
    const std::string base = "application.sites[" + std::to_string(i) + "]";
    row_header(f, "场所", "sites", i);
    field_input(f, "名称", base + ".name", d.sites[i].name, "如：研发中心");
    field_input(f, "地址", base + ".address", d.sites[i].address, "");
    row_end();
  }
  if (ImGui::Button("添加场所")) f.out.push(AddDraftRow{"sites"});
  mark_widget(f.ui, "apply.sites.add");

  ImGui::SeparatorText("法律法规要求的行政许可");
  for (std::size_t i = 0; i < d.licences.size(); ++i) {
    const std::string base = "application.licences[" + std::to_string(i) + "]";
    row_header(f, "许可", "licences", i);
    field_input(f, "名称", base + ".name", d.licences[i].name, "");
    field_input(f, "编号", base + ".number", d.licences[i].number, "", Kind::Text, 16);
    field_input(f, "有效期至", base + ".valid_until", date_text(d.licences[i].valid_until), "年-月-日", Kind::Date, 12);
    row_end();
  }
  if (ImGui::Button("添加许可")) f.out.push(AddDraftRow{"licences"});
  mark_widget(f.ui, "apply.licences.add");
}

void page_scope(Form& f) {
  const Catalogue& c = f.v.catalogue;
  const auto& scope = f.v.model.applicant.draft.scope;
  text_wrapped("选择申请认证的服务类别及级别（目录：" + c.label + "，版本 " + c.version + "）。");
  if (!c.note.empty()) text_wrapped(c.note, true);
  focus_if_asked(f, "application.scope");
  ImGui::Spacing();
  for (const ServiceCategory& cat : c.categories) {
    ImGui::PushID(cat.code.c_str());
    auto it = std::find_if(scope.begin(), scope.end(), [&](const ScopeItem& s) { return s.category == cat.code; });
    bool on = it != scope.end();
    if (ImGui::Checkbox(cat.name_zh.c_str(), &on))
      f.out.push(SetScopeLevel{cat.code, on ? cat.levels.back() : ""});
    mark_widget(f.ui, ("apply.scope." + cat.code).c_str());
    if (on) {
      ImGui::SameLine(f.label_w * 1.4f);
      for (const std::string& level : cat.levels) {
        if (ImGui::RadioButton(level.c_str(), it->level == level)) f.out.push(SetScopeLevel{cat.code, level});
        mark_widget(f.ui, ("apply.scope." + cat.code + "." + level).c_str());
        ImGui::SameLine();
      }
      ImGui::NewLine();
    }
    if (!cat.description_zh.empty()) {
      ImGui::Indent(ImGui::GetFrameHeight());
      text_wrapped(cat.description_zh, true);
      ImGui::Unindent(ImGui::GetFrameHeight());
    }
    ImGui::PopID();
  }
  show_problem(f, "application.scope", false);
}

void page_assessment(Form& f, AssessmentKind kind) {
  const ApplicationDraft& d = f.v.model.applicant.draft;
  const bool mgmt = kind == AssessmentKind::management;
  const std::string list = mgmt ? "management_self_assessment" : "capability_self_assessment";
  const auto& entries = mgmt ? d.management_self_assessment : d.capability_self_assessment;
  std::vector<ScopeItem> valid;
  for (const ScopeItem& s : d.scope)
    if (validate_scope(f.v.catalogue, {s})) valid.push_back(s);
  if (valid.empty()) {
    ImGui::TextWrapped("请先在“申请范围”页选择服务类别和级别：自评要求随申请范围而定。");
    return;
  }
  auto reqs = applicable_requirements(f.v.catalogue, kind, valid);
  if (!reqs) return;
  ImGui::TextWrapped("对每项要求选择符合情况并说明实施情况；声明“符合”或“部分符合”的，请附上证据文件。"
                     "共 %d 项要求。", static_cast<int>(reqs.value().size()));
  for (const Requirement& r : reqs.value()) {
    ImGui::PushID(r.id.c_str());
    const std::string base = list + "." + r.id;
    auto it = std::find_if(entries.begin(), entries.end(), [&](const AssessmentEntry& e) { return e.requirement_id == r.id; });
    const AssessmentEntry empty{r.id, Claim::unanswered, "", {}};
    const AssessmentEntry& e = it != entries.end() ? *it : empty;
    ImGui::SeparatorText((r.id + "　" + r.clause).c_str());
    ImGui::TextWrapped("%s", r.text_zh.c_str());
    if (!r.evidence_hint_zh.empty()) ImGui::TextDisabled("证据参考：%s", r.evidence_hint_zh.c_str());
    focus_if_asked(f, base + ".claim");
    for (Claim c : {Claim::conforms, Claim::partly_conforms, Claim::does_not_conform, Claim::not_applicable}) {
      const std::string label(enum_label(c));
      if (ImGui::RadioButton(label.c_str(), e.claim == c)) f.out.push(SetDraftField{base + ".claim", std::string(enum_id(c))});
      mark_widget(f.ui, ("apply." + base + ".claim." + std::string(enum_id(c))).c_str());
      ImGui::SameLine(0, 1.5f * ImGui::GetFontSize());
    }
    ImGui::NewLine();
    show_problem(f, base + ".claim", false);
    field_input(f, "实施情况", base + ".description", e.description, "", Kind::Multiline);
    ImGui::TextUnformatted("证据文件：");
    for (const auto& att : d.attachments) {
      bool linked = std::find(e.evidence.begin(), e.evidence.end(), att.id) != e.evidence.end();
      ImGui::SameLine();
      if (ImGui::Checkbox(att.name.c_str(), &linked))
        f.out.push(LinkEvidence{mgmt ? "management" : "capability", r.id, att.id, linked});
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("上传证据…")) f.out.request(RequestAttach{mgmt ? "management" : "capability", r.id, ""});
    mark_widget(f.ui, ("apply." + base + ".upload").c_str());
    show_problem(f, base + ".evidence", false);
    ImGui::PopID();
  }
}


void page_attachments(Form& f) {
  const ApplicationDraft& d = f.v.model.applicant.draft;
  const package::Limits limits;
  std::uint64_t total = 0;
  for (const auto& a : d.attachments) total += a.size;
  text_wrapped("附件随申请包一起导出，每个文件都记录名称、类型、大小和 SHA-256 校验值。限制：单个文件不超过 " +
               std::to_string(limits.max_attachment_bytes >> 20) + " MB，合计不超过 " +
               std::to_string(limits.max_total_attachment_bytes >> 20) + " MB，最多 " +
               std::to_string(limits.max_attachments) + " 个。");
  ImGui::Text("已添加 %d 个，合计 %s。", static_cast<int>(d.attachments.size()), size_text_zh(total).c_str());
  ImGui::BeginDisabled(!f.v.busy.empty());
  if (ImGui::Button("添加附件…")) f.out.request(RequestAttach{});
  mark_widget(f.ui, "apply.attach");
  ImGui::EndDisabled();
  ImGui::Spacing();

  // The two documents the application names (QP-21-01).
  const auto pick = [&](const char* label, const std::string& field, const std::string& current) {
    ImGui::PushID(field.c_str());
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label);
    ImGui::SameLine(f.label_w);
    focus_if_asked(f, field);
    std::string shown = "（未指定）";
    for (const auto& a : d.attachments)
      if (a.id == current) shown = a.name;
    ImGui::SetNextItemWidth(20.0f * ImGui::GetFontSize());
    if (ImGui::BeginCombo("##c", shown.c_str())) {
      if (ImGui::Selectable("（未指定）", current.empty())) f.out.push(SetDraftField{field, ""});
      for (const auto& a : d.attachments)
        if (ImGui::Selectable(a.name.c_str(), a.id == current)) f.out.push(SetDraftField{field, a.id});
      ImGui::EndCombo();
    }
    mark_widget(f.ui, ("apply." + field).c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("上传…")) f.out.request(RequestAttach{"", "", field.substr(12)});
    mark_widget(f.ui, ("apply." + field + ".upload").c_str());
    ImGui::PopID();
    show_problem(f, field, false);
  };
  pick("组织机构图", "application.org_chart", d.org_chart);
  pick("营业执照", "application.business_licence", d.business_licence);
  ImGui::Spacing();

  if (d.attachments.empty()) return;
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("atts", 5, kFlags)) {
    ImGui::TableSetupColumn("文件名", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("类型", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn("大小", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("SHA-256", ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 3.0f * ImGui::GetFontSize());
    ImGui::TableHeadersRow();
    for (const auto& a : d.attachments) {
      ImGui::PushID(a.id.c_str());
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      text_fit(a.name);
      ImGui::TableNextColumn();
      text_fit(a.media_type);
      mark_widget(f.ui, ("apply.attachment.type." + a.id).c_str());
      ImGui::TableNextColumn();
      text_fit(size_text_zh(a.size));
      mark_widget(f.ui, ("apply.attachment.size." + a.id).c_str());
      ImGui::TableNextColumn();
      text_fit(a.sha256.substr(0, 16) + "…");
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", a.sha256.c_str());
      ImGui::TableNextColumn();
      if (ImGui::SmallButton("删除")) f.out.push(RemoveAttachment{a.id});
      mark_widget(f.ui, ("apply.attachment.remove." + a.id).c_str());
      // Issue 15: what goes with it, before the click (and after it, with 撤销).
      if (ImGui::IsItemHovered())
        if (auto r = attachment_removal(d, a.id); r && (!r->links.empty() || r->org_chart || r->business_licence))
          ImGui::SetTooltip("删除后将同时移除：%s%s%s", r->links.empty() ? "" : (std::to_string(r->links.size()) + " 项要求的证据链接 ").c_str(),
                            r->org_chart ? "“组织机构图”的指定 " : "", r->business_licence ? "“营业执照”的指定" : "");
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
}

void page_review(Form& f) {
  f.ui.reviewed = true;
  const auto& items = f.v.review;
  const ApplicantModel& a = f.v.model.applicant;
  ImGui::Spacing();
  ImGui::SeparatorText("导出");
  ImGui::TextWrapped("申请包是一个 JSON 文件，包含全部填写内容、附件及其 SHA-256 校验值和整体内容摘要，"
                     "认证机构导入时会逐项核对。申请编号：%s", a.package_id.c_str());
  ImGui::BeginDisabled(!items.empty() || !f.v.busy.empty());
  if (ImGui::Button("导出正式申请包")) f.out.request(RequestExport{package::Kind::final});
  mark_widget(f.ui, "apply.export.final");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!f.v.busy.empty());
  if (ImGui::Button("导出草稿")) f.out.request(RequestExport{package::Kind::draft});
  mark_widget(f.ui, "apply.export.draft");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::TextDisabled("草稿可以不完整，用于在另一台电脑上继续填写，认证机构不据此受理。");
  if (!a.last_export.empty()) ImGui::TextDisabled("上次导出：%s", note_time_text_zh(a.last_export).c_str());

  ImGui::SeparatorText("其他");
  if (ImGui::Button("打开已导出的申请包…")) f.out.request(RequestReopen{});
  mark_widget(f.ui, "apply.reopen");
  ImGui::SameLine();
  ImGui::TextDisabled("打开后替换当前填写的内容。");
  if (!f.ui.confirm_new) {
    if (ImGui::Button("开始新的申请…")) f.ui.confirm_new = true;
    mark_widget(f.ui, "apply.new");
  } else {
    ImGui::TextColored(kBad, "当前填写的内容和附件将被清空，且不能恢复。确定吗？");
    if (ImGui::Button("确定，清空并开始新的申请")) {
      f.out.request(RequestNewApplication{});
      f.ui.confirm_new = false;
    }
    mark_widget(f.ui, "apply.new.confirm");
    ImGui::SameLine();
    if (ImGui::Button("取消")) f.ui.confirm_new = false;
  }
  ImGui::SeparatorText("检查结果");
  if (items.empty()) {
    ImGui::TextColored(kGood, "申请内容完整，可以导出正式申请包。");
  } else {
    ImGui::TextColored(kBad, "还有 %d 项需要补充或更正。点击一项可跳到对应位置：", static_cast<int>(items.size()));
    ImGui::Spacing();
    ApplyPage last = ApplyPage::Review;
    int n = 0;
    for (const ReviewItem& i : items) {
      if (i.page != last) {
        ImGui::SeparatorText(enum_label(i.page));
        last = i.page;
      }
      ImGui::PushID(n);
      const std::string line = labelled(field_label_zh(i.field), i.message);
      if (ImGui::Selectable(wrap_to_width(line, ImGui::GetContentRegionAvail().x).c_str())) {
        f.out.push(ShowApplyPage{i.page});
        f.ui.focus_field = i.field;
        f.ui.focus_delay = 2;  // this frame, and the target page's first
      }
      if (!i.rule.empty()) ImGui::SetItemTooltip("%s", rule_tooltip_zh(i.rule).c_str());
      mark_widget(f.ui, ("apply.review." + std::to_string(n)).c_str());
      ImGui::PopID();
      ++n;
    }
  }
}

int problems_on(const std::vector<ReviewItem>& items, ApplyPage p) {
  return static_cast<int>(std::count_if(items.begin(), items.end(), [&](const ReviewItem& i) { return i.page == p; }));
}

}  // namespace

void draw_apply(const AppView& view, UiState& ui, Commands& out) {
  const ApplicantModel& a = view.model.applicant;
  Form f{view, ui, out, 9.0f * ImGui::GetFontSize()};
  if (ui.focus_delay > 0) --ui.focus_delay;
  // Steps along the top, each with what is still open on it.
  for (int i = 0; i < kApplyPageCount; ++i) {
    const ApplyPage p = static_cast<ApplyPage>(i);
    const int open = p == ApplyPage::Review ? 0 : problems_on(view.review, p);
    char label[96];
    if (open > 0 && ui.reviewed) std::snprintf(label, sizeof label, "%d %s（%d）", i + 1, enum_label(p), open);
    else std::snprintf(label, sizeof label, "%d %s", i + 1, enum_label(p));
    if (i > 0) ImGui::SameLine();
    const bool current = a.page == p;
    if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(label)) out.push(ShowApplyPage{p});
    if (current) ImGui::PopStyleColor();
    mark_widget(ui, (std::string("apply.page.") + enum_id(p)).c_str());
  }
  ImGui::Separator();
  const float footer = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
  if (ImGui::BeginChild("page", ImVec2(0, -footer))) {
    switch (a.page) {
      case ApplyPage::Eligibility: page_eligibility(f); break;
      case ApplyPage::Organisation: page_organisation(f); break;
      case ApplyPage::Scope: page_scope(f); break;
      case ApplyPage::Management: page_assessment(f, AssessmentKind::management); break;
      case ApplyPage::Capability: page_assessment(f, AssessmentKind::capability); break;
      case ApplyPage::Attachments: page_attachments(f); break;
      case ApplyPage::Review: page_review(f); break;
    }
  }
  ImGui::EndChild();
  const int page = static_cast<int>(a.page);
  ImGui::BeginDisabled(page == 0);
  if (ImGui::Button("上一步")) out.push(ShowApplyPage{static_cast<ApplyPage>(page - 1)});
  mark_widget(ui, "apply.prev");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(page + 1 >= kApplyPageCount);
  if (ImGui::Button("下一步")) out.push(ShowApplyPage{static_cast<ApplyPage>(page + 1)});
  mark_widget(ui, "apply.next");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::TextDisabled("每次修改都会自动保存在本机浏览器中。");
}

}  // namespace certdesk::ui
