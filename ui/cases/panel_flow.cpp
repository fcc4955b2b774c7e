// ui/cases/panel_flow.cpp — where the user looks for the next action (issue 15, items 8 and 9): the
// workspace's 下一步 (what comes next, who must do it, whether the local user can), 今日待办's
// 待办事项 across cases, and the 申请信息 tab's per-requirement view of the self-assessments
// where the acceptance review (§6.2) marks each requirement and notes what is missing.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "ui/shell/app.hpp"
#include "ui/cases/case_flow.hpp"

namespace certdesk::ui {

namespace {

const ImVec4 kBad(0.70f, 0.20f, 0.15f, 1);
const ImVec4 kWarn(0.72f, 0.45f, 0.05f, 1);
const ImVec4 kGood(0.15f, 0.45f, 0.25f, 1);
const ImVec4 kBlue(0.15f, 0.40f, 0.62f, 1);

// Opens the action's form where the workspace offers it.
void open_action(const CaseRecord& c, UiState& ui, Commands& out, const std::string& type, Step step) {
  ui.open_action = type;
  ui.show_work_tab = true;
  out.push(OpenCase{c.id, step == current_step(c.state) ? std::nullopt : std::optional<Step>(step)});
}

// The next actions of the open case for the local user, recomputed when the case, the user or the
// day changed (not per frame).
const std::vector<NextAction>& cached_next(const AppView& v, UiState& ui, const CaseRecord& c) {
  std::string key = c.id + "|" + std::to_string(c.revision) + "|" + v.today.iso() + "|" + v.case_ctx.actor.user_id;
  for (Role r : v.case_ctx.actor.roles) key.append(",").append(std::to_string(static_cast<int>(r)));
  if (ui.next_key != key) {
    ui.next_key = std::move(key);
    ui.next_actions = next_actions(c.state, v.case_ctx, v.prefill);
  }
  return ui.next_actions;
}

ImVec4 claim_color(const std::string& claim) {
  if (claim == "符合") return kGood;
  if (claim == "部分符合") return kWarn;
  if (claim == "不符合" || claim == "未填写") return kBad;
  return ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
}

nlohmann::json mark_command(const std::string& req, ReviewMark m, const std::string& note) {
  const char* status = m == ReviewMark::Verified ? "verified" : m == ReviewMark::NeedsSupplement ? "needs_supplement" : "unchecked";
  return {{"type", "NoteApplicationReview"}, {"requirement_id", req}, {"status", status}, {"note", note}};
}

}  // namespace

void draw_next_steps(const AppView& v, UiState& ui, Commands& out, const CaseRecord& c) {
  const std::vector<NextAction>& next = cached_next(v, ui, c);
  const Step now = current_step(c.state);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.94f, 0.96f, 0.99f, 1));
  const float line = ImGui::GetFrameHeightWithSpacing();
  std::size_t primary = 0;
  for (const NextAction& n : next) primary += n.expected.primary;
  const float h = (static_cast<float>(std::max<std::size_t>(primary, 1)) + (primary < next.size() ? 1.0f : 0.0f)) * line +
                  ImGui::GetStyle().WindowPadding.y * 2;
  ImGui::BeginChild("next", ImVec2(-1, h), ImGuiChildFlags_Borders, ImGuiWindowFlags_NoScrollbar);
  if (primary == 0) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(kBlue, "下一步：");
    ImGui::SameLine();
    if (now == Step::Ended) ImGui::TextDisabled("无（案件已结束）。");
    else if (now == Step::Life) ImGui::TextDisabled("无待办事项：证书维持中，按“期限”中的日期安排监督审核、再认证等。");
    else ImGui::TextDisabled("无。");
  }
  bool first = true;
  for (const NextAction& n : next) {
    if (!n.expected.primary) continue;
    const ActionSpec& a = *n.expected.action;
    ImGui::PushID(a.type);
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(kBlue, "%s", first ? "下一步：" : "　　　　");
    first = false;
    ImGui::SameLine();
    ImGui::TextUnformatted(a.label_zh);
    if (n.expected.step != now) {
      ImGui::SameLine();
      ImGui::TextDisabled("（在“%s”步骤）", enum_label(n.expected.step));
    }
    ImGui::SameLine();
    ImGui::TextDisabled("办理人：");
    ImGui::SameLine(0, 0);
    ImGui::TextUnformatted(n.who_zh.c_str());
    mark_widget(ui, ("case.next.who." + std::string(a.type)).c_str());
    ImGui::SameLine();
    if (n.verdict == NextVerdict::Can) ImGui::TextColored(kGood, "您可以办理");
    else if (n.verdict == NextVerdict::OtherRole) ImGui::TextColored(kWarn, "您不能办理");
    else ImGui::TextColored(kBad, "暂不能办理");
    if (!n.why_zh.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", n.why_zh.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("去办理")) open_action(c, ui, out, a.type, n.expected.step);
    mark_widget(ui, ("case.next." + std::string(a.type)).c_str());
    ImGui::PopID();
  }
  if (primary < next.size()) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("　　也可：");
    for (const NextAction& n : next) {
      if (n.expected.primary) continue;
      const ActionSpec& a = *n.expected.action;
      ImGui::SameLine();
      ImGui::PushID(a.type);
      if (ImGui::SmallButton(a.label_zh)) open_action(c, ui, out, a.type, n.expected.step);
      mark_widget(ui, ("case.next." + std::string(a.type)).c_str());
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("办理人：%s%s%s", n.who_zh.c_str(), n.why_zh.empty() ? "" : "\n", n.why_zh.c_str());
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
  ImGui::PopStyleColor();
  mark_widget(ui, "case.next");
}

void draw_today_pending(const AppView& v, UiState& ui, Commands& out, float height) {
  ImGui::PushStyleColor(ImGuiCol_Text, kBlue);
  ImGui::SeparatorText("待办事项");
  ImGui::PopStyleColor();
  ImGui::Checkbox("只看我能办理的", &ui.today_mine);
  mark_widget(ui, "today.mine");
  const std::vector<int>& list = v.board.pending_rows(ui.today_mine, v.case_ctx.actor);
  ImGui::SameLine();
  ImGui::TextDisabled("%d 件案件待办理%s", static_cast<int>(list.size()),
                      v.board.pending_unknown() ? "（部分案件的记录正在读取）" : "");
  if (list.empty()) {
    ImGui::TextDisabled(ui.today_mine ? "没有您能办理的事项。" : "无。");
    return;
  }
  const auto& rows = v.board.rows();
  const float rows_h = (static_cast<float>(list.size()) + 1.5f) * ImGui::GetFrameHeightWithSpacing();
  if (!begin_list_table("pending", {{"案件", 1.0f}, {"组织", 2.2f}, {"当前步骤", 1.1f}, {"下一步", 2.4f}, {"办理人", 2.0f}, {"", -3.5f}},
                        std::min(height, rows_h)))
    return;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(list.size()));
  while (clipper.Step()) {
    for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
      const CaseRow& r = rows[static_cast<std::size_t>(list[static_cast<std::size_t>(k)])];
      // The first action of the case (the local user's own first, when filtered).
      const PendingAction* p = &r.pending.front();
      if (ui.today_mine)
        for (const PendingAction& a : r.pending)
          if (can_do(a, v.case_ctx.actor)) {
            p = &a;
            break;
          }
      ImGui::PushID(k);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(r.id.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.organisation.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(enum_label(r.step));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(p->label_zh.c_str());
      if (r.pending.size() > 1) {
        ImGui::SameLine();
        ImGui::TextDisabled("等 %d 项", static_cast<int>(r.pending.size()));
      }
      ImGui::TableNextColumn();
      const bool mine = can_do(*p, v.case_ctx.actor);
      ImGui::TextColored(mine ? kGood : ImGui::GetStyleColorVec4(ImGuiCol_Text), "%s", p->who_zh.c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s%s", p->who_zh.c_str(), mine ? "\n您可以办理" : "");
      ImGui::TableNextColumn();
      if (ImGui::SmallButton("办理")) {
        ui.open_action = p->type;
        ui.show_work_tab = true;
        out.push(OpenCase{r.id, p->step == r.step ? std::nullopt : std::optional<Step>(p->step)});
      }
      if (k == 0) mark_widget(ui, "today.pending0");
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

void draw_application_review(const AppView& v, UiState& ui, Commands& out, const CaseRecord& c) {
  const Cycle* cy = c.state.cycle();
  if (!cy) return;
  const float fs = ImGui::GetFontSize();
  // The review marks are the acceptance review's (§6.2): quality control, while under review.
  const std::vector<RequirementView> groups[2] = {requirement_views(c.state, v.catalogue, AssessmentKind::management),
                                                  requirement_views(c.state, v.catalogue, AssessmentKind::capability)};
  std::string why;
  {
    const RequirementView* any = !groups[0].empty() ? &groups[0].front() : !groups[1].empty() ? &groups[1].front() : nullptr;
    if (any) {
      auto cmd = form_command(mark_command(any->id, ReviewMark::Verified, ""));
      Result<void> r = cmd ? v.workspace.check(c.id, cmd.value(), v.case_ctx) : Result<void>(cmd.error());
      if (!r) why = r.error().message_zh + (r.error().rule == "INPUT" ? "" : "（" + r.error().rule + "）");
    }
  }
  const bool can_mark = why.empty() && v.busy.empty() && !v.shell.read_only;
  int verified = 0, missing = 0, total = 0;
  for (const auto& g : groups)
    for (const RequirementView& r : g) {
      ++total;
      verified += r.mark == ReviewMark::Verified;
      missing += r.mark == ReviewMark::NeedsSupplement;
    }
  ImGui::SeparatorText("自评与证据（受理评审 §6.2）");
  ImGui::Text("核实进度：已核实 %d 项，需补充 %d 项，未核实 %d 项（共 %d 项）。", verified, missing, total - verified - missing, total);
  if (cy->phase == CyclePhase::Applied) {
    ImGui::BeginDisabled(missing == 0 || v.shell.read_only);
    const std::string label = "要求补充材料（" + std::to_string(missing) + " 项）";
    if (ImGui::Button(label.c_str())) {
      ui.case_forms.erase(c.id + "/RequestSupplement");  // start again from the marks
      ui.open_action = "RequestSupplement";
      ui.show_work_tab = true;
      out.push(OpenCase{c.id, current_step(c.state) == Step::Review ? std::nullopt : std::optional<Step>(Step::Review)});
    }
    ImGui::EndDisabled();
    mark_widget(ui, "app.supplement");
    if (!why.empty()) {
      ImGui::SameLine();
      ImGui::TextColored(kWarn, "不能标记：%s", why.c_str());
    }
  } else {
    ImGui::TextDisabled("受理评审已结束，核实结果仅供查阅。");
  }
  const char* titles[2] = {"管理能力自评", "专业能力自评"};
  for (int g = 0; g < 2; ++g) {
    const std::string title = std::string(titles[g]) + "（" + std::to_string(groups[g].size()) + " 项）";
    ImGui::SeparatorText(title.c_str());
    if (groups[g].empty()) ImGui::TextDisabled("无。");
    for (const RequirementView& r : groups[g]) {
      ImGui::PushID(r.id.c_str());
      ImGui::Spacing();
      ImGui::TextColored(kBlue, "%s", r.id.c_str());
      mark_widget(ui, ("app.req." + r.id).c_str());
      ImGui::SameLine();
      if (!r.clause.empty()) {
        ImGui::TextDisabled("条款 %s", r.clause.c_str());
        ImGui::SameLine();
      }
      ImGui::TextWrapped("%s", r.text_zh.empty() ? "（目录中没有此要求的文字）" : r.text_zh.c_str());
      ImGui::Indent(1.5f * fs);
      ImGui::TextDisabled("自评：");
      ImGui::SameLine(0, 0);
      ImGui::TextColored(claim_color(r.claim_zh), "%s", r.claim_zh.empty() ? "（未注明）" : r.claim_zh.c_str());
      ImGui::TextDisabled("实施情况：");
      ImGui::SameLine(0, 0);
      ImGui::TextWrapped("%s", r.description.empty() ? "（未填写）" : r.description.c_str());
      if (r.evidence.empty()) {
        ImGui::TextDisabled("证据：无%s%s", r.evidence_hint_zh.empty() ? "" : "（应附：", r.evidence_hint_zh.empty() ? "" : (r.evidence_hint_zh + "）").c_str());
      }
      for (const std::string& att : r.evidence) {
        ImGui::PushID(att.c_str());
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("证据：");
        ImGui::SameLine(0, 0);
        const auto* meta = c.attachment(att);
        if (meta) {
          if (ImGui::SmallButton("下载")) out.request(RequestCaseAttachment{c.id, att});
          mark_widget(ui, ("app.download." + r.id + "." + att).c_str());
          ImGui::SameLine();
          ImGui::Text("%s　%s", meta->name.c_str(), size_text_zh(meta->size).c_str());
          if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\n类型 %s\nSHA-256 %s", att.c_str(), meta->media_type.c_str(), meta->sha256.c_str());
        } else {
          ImGui::TextColored(kBad, "%s（案件中没有此附件）", att.c_str());
        }
        ImGui::PopID();
      }
      // The review's mark: three choices; 需补充 asks what is missing before it is recorded.
      ImGui::AlignTextToFramePadding();
      ImGui::TextDisabled("核实：");
      const std::string edit_key = "review/" + c.id + "/" + r.id;
      const bool editing = ui.review_editing == edit_key;
      for (ReviewMark m : {ReviewMark::Unchecked, ReviewMark::Verified, ReviewMark::NeedsSupplement}) {
        ImGui::SameLine();
        ImGui::BeginDisabled(!can_mark || cy->phase != CyclePhase::Applied);
        const bool on = editing ? m == ReviewMark::NeedsSupplement : r.mark == m;
        if (ImGui::RadioButton(enum_label(m), on) && !on) {
          if (m == ReviewMark::NeedsSupplement) {
            ui.review_editing = edit_key;
            ui.buffers[edit_key] = r.note;
          } else {
            ui.review_editing.clear();
            ui.case_forms.erase(c.id + "/RequestSupplement");
            out.push(RunCaseCommand{c.id, mark_command(r.id, m, "")});
          }
        }
        ImGui::EndDisabled();
        mark_widget(ui, ("app.mark." + r.id + "." + (m == ReviewMark::Verified ? "verified" : m == ReviewMark::NeedsSupplement ? "supplement" : "unchecked")).c_str());
      }
      if (!editing && r.mark != ReviewMark::Unchecked) {
        ImGui::SameLine();
        ImGui::TextDisabled("（%s）", r.marked_by.c_str());
      }
      if (!editing && r.mark == ReviewMark::NeedsSupplement) {
        ImGui::TextColored(kWarn, "需补充：");
        ImGui::SameLine(0, 0);
        ImGui::TextWrapped("%s", r.note.c_str());
        ImGui::SameLine();
        ImGui::BeginDisabled(!can_mark || cy->phase != CyclePhase::Applied);
        if (ImGui::SmallButton("修改说明")) {
          ui.review_editing = edit_key;
          ui.buffers[edit_key] = r.note;
        }
        ImGui::EndDisabled();
      }
      if (editing) {
        std::string& note = ui.buffers[edit_key];
        ImGui::SetNextItemWidth(std::min(30.0f * fs, ImGui::GetContentRegionAvail().x - 12.0f * fs));
        ImGui::InputTextWithHint("##note", "写明需补充的内容，如：缺少某某记录", &note);
        mark_widget(ui, ("app.note." + r.id).c_str());
        ImGui::SameLine();
        const bool blank = note.find_first_not_of(" \t\r\n") == std::string::npos;
        ImGui::BeginDisabled(blank);
        if (ImGui::Button("确认需补充")) {
          ui.case_forms.erase(c.id + "/RequestSupplement");
          out.push(RunCaseCommand{c.id, mark_command(r.id, ReviewMark::NeedsSupplement, note)});
          ui.review_editing.clear();
        }
        ImGui::EndDisabled();
        mark_widget(ui, ("app.note.save." + r.id).c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("取消")) ui.review_editing.clear();
        if (blank) ImGui::TextColored(kWarn, "请在“需补充的内容”中写明缺少什么，再确认。");
      }
      ImGui::Unindent(1.5f * fs);
      ImGui::PopID();
    }
  }
}

}  // namespace certdesk::ui
