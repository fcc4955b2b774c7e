// ui/cases/panel_case.cpp — one case's workspace (issue 6, items 4 and 5): the flow of §6 as a timeline
// with the current position; the chosen step's actions, each a form of the domain command with
// its validation, disabled with the rule and the reason when the domain would refuse it; the
// case's history (who, when, what), its documents and deadlines, and the application itself.
#include <imgui.h>

#include "domain/json_read.hpp"
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>

#include "domain/case_json.hpp"
#include "domain/forms.hpp"
#include "domain/json_reflect.hpp"
#include "ui/shell/app.hpp"
#include "ui/cases/panel_deliberate.hpp"
#include "ui/widgets/text_widgets.hpp"
#include "ui/widgets/input_widgets.hpp"

namespace certdesk::ui {

namespace {

using nlohmann::json;

const ImVec4 kBad(0.70f, 0.20f, 0.15f, 1);
const ImVec4 kWarn(0.72f, 0.45f, 0.05f, 1);
const ImVec4 kGood(0.15f, 0.45f, 0.25f, 1);
const ImVec4 kBlue(0.15f, 0.40f, 0.62f, 1);

// The team roles as the domain names them: the JSON ids (domain/json_reflect.hpp) and the labels
// of the printed forms (forms::team_role_zh).
const std::vector<Choice>& team_role_choices() {
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> v;
    for (int r = 0; r <= static_cast<int>(TeamRole::Observer); ++r) v.emplace_back(enum_id(static_cast<TeamRole>(r)));
    return v;
  }();
  static const std::vector<Choice> choices = [] {
    std::vector<Choice> v;
    for (std::size_t r = 0; r < ids.size(); ++r) v.push_back({ids[r].c_str(), enum_label(static_cast<TeamRole>(r))});
    return v;
  }();
  return choices;
}

struct FormCtx {
  const AppView& v;
  UiState& ui;
  std::string key;  // "<case>/<type>"
  float label_w;
  std::string type;                  // the command's type, for widget ids
  const UserMessage* why = nullptr;  // the form's refusal, drawn under the field it concerns
  bool touched = false;              // input errors show only once the user touched the form
};

// A number field's text: the number, or what was typed when it is not one.
std::string number_text(const json& v) {
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v.get<double>());
    return buf;
  }
  return v.is_string() ? v.get<std::string>() : "";
}

void label(const FormCtx& f, const char* text) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text);
  ImGui::SameLine(f.label_w);
}

bool combo(const char* id, std::string& value, const Choice* choices, std::size_t n, float width) {
  const char* shown = value.c_str();
  for (std::size_t i = 0; i < n; ++i)
    if (value == choices[i].id) shown = choices[i].label_zh;
  bool changed = false;
  ImGui::SetNextItemWidth(width);
  if (ImGui::BeginCombo(id, shown)) {
    for (std::size_t i = 0; i < n; ++i)
      if (ImGui::Selectable(choices[i].label_zh, value == choices[i].id)) {
        value = choices[i].id;
        changed = true;
      }
    ImGui::EndCombo();
  }
  return changed;
}

// One field of a form; true when the user changed it.
bool field(FormCtx& f, json& form, const FieldSpec& fs) {
  json::json_pointer ptr(fs.key);
  if (!form.contains(ptr)) return false;
  json& v = form[ptr];
  const float fs_px = ImGui::GetFontSize();
  const float wide = std::min(28.0f * fs_px, ImGui::GetContentRegionAvail().x - f.label_w);
  bool changed = false;
  ImGui::PushID(fs.key.c_str());
  switch (fs.kind) {
    case FieldKind::Text: {
      label(f, fs.label_zh);
      if (!v.is_string()) v = "";
      ImGui::SetNextItemWidth(wide);
      changed = ImGui::InputTextWithHint("##v", fs.hint_zh, v.get_ptr<std::string*>());
      break;
    }
    case FieldKind::Date: {
      // Kept as typed ("2025/3/5" too, read by form_command); shown as ISO once understood and
      // left; not understood, the text stays and the message under the field says why (issue 15).
      label(f, fs.label_zh);
      if (!v.is_string()) v = "";
      ImGui::SetNextItemWidth(9.0f * fs_px);
      changed = ImGui::InputTextWithHint("##v", "年-月-日", v.get_ptr<std::string*>());
      mark_widget(f.ui, ("case.field." + f.type + fs.key).c_str());
      if (!ImGui::IsItemActive())
        if (auto d = Date::parse_loose(v.get<std::string>()); d && d->iso() != v.get<std::string>()) v = d->iso();
      std::string text = v.get<std::string>();
      if (date_picker(f.ui, "case.field." + f.type + fs.key, text, f.v.today, &f.v.config.calendar)) {
        v = text;
        changed = true;
      }
      if (*fs.hint_zh) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", fs.hint_zh);
      }
      break;
    }
    case FieldKind::Multiline: {
      ImGui::TextUnformatted(fs.label_zh);
      if (!v.is_string()) v = "";
      changed = input_multiline_wrapped("##v", v.get_ptr<std::string*>(),
                                          ImVec2(-1, 4.0f * ImGui::GetTextLineHeightWithSpacing()));
      mark_widget(f.ui, field_widget_id(f.key, fs).c_str());  // issue 15: e2e tests click into it
      break;
    }
    case FieldKind::Number:
    case FieldKind::Integer: {
      // Typed as text: full-width digits are understood; anything else ("八十") stays in the field
      // as typed and the form's check names the field (issue 15), instead of being dropped.
      label(f, fs.label_zh);
      std::string& buf = f.ui.buffers[f.key + fs.key];
      if (f.ui.editing != f.key + fs.key) buf = number_text(v);
      ImGui::SetNextItemWidth(9.0f * fs_px);
      if (ImGui::InputText("##v", &buf)) {
        if (fs.kind == FieldKind::Integer) {
          if (auto n = parse_integer_loose(buf)) v = *n;
          else v = buf;
        } else {
          if (auto x = parse_number_loose(buf)) v = *x;
          else v = buf;
        }
        changed = true;
      }
      mark_widget(f.ui, ("case.field." + f.type + fs.key).c_str());
      mark_widget(f.ui, field_widget_id(f.key, fs).c_str());  // the confirmation's e2e clicks into it
      if (ImGui::IsItemActive()) f.ui.editing = f.key + fs.key;
      else if (f.ui.editing == f.key + fs.key) f.ui.editing.clear();
      if (*fs.hint_zh) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", fs.hint_zh);
      }
      break;
    }
    case FieldKind::Bool: {
      if (fs.decision) {  // issue 15: 是 / 否 with nothing chosen at first
        changed = decision_field(f.ui, f.key, v, fs, f.label_w);
        break;
      }
      bool b = v.is_boolean() && v.get<bool>();
      if (ImGui::Checkbox(fs.label_zh, &b)) {
        v = b;
        changed = true;
      }
      break;
    }
    case FieldKind::Choice: {
      if (fs.decision) {  // issue 15: the choices as radio buttons, none chosen at first
        changed = decision_field(f.ui, f.key, v, fs, f.label_w);
        break;
      }
      label(f, fs.label_zh);
      std::string s = v.is_string() ? v.get<std::string>() : "";
      if (combo("##v", s, fs.choices.data(), fs.choices.size(), wide)) {
        v = s;
        changed = true;
      }
      break;
    }
    case FieldKind::Lines: {
      ImGui::TextUnformatted(fs.label_zh);
      if (*fs.hint_zh) {
        ImGui::SameLine();
        ImGui::TextDisabled("（%s）", fs.hint_zh);
      }
      std::string& buf = f.ui.buffers[f.key + fs.key];
      if (!ImGui::IsItemActive() && json(split_lines(buf)) != v) buf = join_lines(v);
      if (input_multiline_wrapped("##v", &buf, ImVec2(-1, 3.5f * ImGui::GetTextLineHeightWithSpacing()))) {
        v = split_lines(buf);
        changed = true;
      }
      break;
    }
    case FieldKind::Team: {
      ImGui::TextUnformatted(fs.label_zh);
      if (!v.is_array()) v = json::array();
      // Stretch weights set here, not taken from the cells' contents: columns keep their widths
      // while rows are typed into (issue 15 item 5).
      constexpr ImGuiTableFlags kT = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
      constexpr ImGuiTableColumnFlags kS = ImGuiTableColumnFlags_WidthStretch;
      if (ImGui::BeginTable("team", 6, kT)) {
        ImGui::TableSetupColumn("用户名", kS, 1.0f);
        ImGui::TableSetupColumn("姓名", kS, 1.0f);
        ImGui::TableSetupColumn("组内角色", kS, 1.2f);
        ImGui::TableSetupColumn("注册号", kS, 1.1f);
        ImGui::TableSetupColumn("最近为该组织提供咨询", kS, 1.8f);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("删除").x + 2.0f * fs_px);
        ImGui::TableHeadersRow();
        int remove = -1;
        for (std::size_t i = 0; i < v.size(); ++i) {
          json& m = v[i];
          ImGui::PushID(static_cast<int>(i));
          ImGui::TableNextRow();
          for (const char* k : {"user_id", "name"}) {
            ImGui::TableNextColumn();
            if (!m[k].is_string()) m[k] = "";
            ImGui::SetNextItemWidth(-FLT_MIN);
            changed |= ImGui::InputText((std::string("##") + k).c_str(), m[k].get_ptr<std::string*>());
            mark_widget(f.ui, ("case.team." + std::to_string(i) + "." + k).c_str());
          }
          ImGui::TableNextColumn();
          // Members come prefilled from the case (unset dates as null): read only what is a string.
          const auto text = [&m](const char* key, const char* fallback) {
            return m.contains(key) && m[key].is_string() ? m[key].get<std::string>() : std::string(fallback);
          };
          std::string role = text("role", "auditor");
          const std::vector<Choice>& roles = team_role_choices();
          if (combo("##role", role, roles.data(), roles.size(), -1)) {
            m["role"] = role;
            changed = true;
          }
          ImGui::TableNextColumn();
          if (!m["registration_no"].is_string()) m["registration_no"] = "";
          ImGui::SetNextItemWidth(-1);
          changed |= ImGui::InputText("##reg", m["registration_no"].get_ptr<std::string*>());
          mark_widget(f.ui, ("case.team." + std::to_string(i) + ".registration_no").c_str());
          ImGui::TableNextColumn();
          std::string consulted = text("last_consulted_client", "");
          ImGui::SetNextItemWidth(-1);
          if (ImGui::InputTextWithHint("##consulted", "无则不填", &consulted)) {
            if (consulted.empty()) m.erase("last_consulted_client");
            else m["last_consulted_client"] = consulted;
            changed = true;
          }
          mark_widget(f.ui, ("case.team." + std::to_string(i) + ".consulted").c_str());
          ImGui::TableNextColumn();
          if (ImGui::SmallButton("删除")) remove = static_cast<int>(i);
          mark_widget(f.ui, ("case.team." + std::to_string(i) + ".remove").c_str());  // issue 15: e2e clicks it
          ImGui::PopID();
        }
        ImGui::EndTable();
        if (remove >= 0) {
          remember_row_removal(f.ui, f.key, fs, v, static_cast<std::size_t>(remove), &f.v.catalogue);  // issue 15
          v.erase(static_cast<std::size_t>(remove));
          changed = true;
        }
      }
      changed |= form_row_undo(f.ui, f.key, fs, v);
      if (ImGui::SmallButton("添加成员")) {
        v.push_back({{"user_id", ""}, {"name", ""}, {"role", v.empty() ? "leader" : "auditor"}, {"registration_no", ""}});
        changed = true;
      }
      mark_widget(f.ui, "case.team.add");
      ImGui::TextDisabled("用户名即各成员在“我的资料”中填写的姓名；认证决定人员和复核人员不能是本组成员（R15、R16）。");
      break;
    }
    case FieldKind::Scope: {
      ImGui::TextUnformatted(fs.label_zh);
      if (!v.is_array()) v = json::array();
      const Catalogue& cat = f.v.catalogue;
      int remove = -1;
      for (std::size_t i = 0; i < v.size(); ++i) {
        json& it = v[i];
        ImGui::PushID(static_cast<int>(i));
        const std::string code = json_read::text_or(it, "category");
        const ServiceCategory* sc = find_category(cat, code);
        ImGui::SetNextItemWidth(14.0f * fs_px);
        if (ImGui::BeginCombo("##cat", sc ? sc->name_zh.c_str() : code.c_str())) {
          for (const ServiceCategory& c : cat.categories)
            if (ImGui::Selectable(c.name_zh.c_str(), c.code == code)) {
              it["category"] = c.code;
              if (!c.levels.empty()) it["level"] = c.levels.front();
              changed = true;
            }
          ImGui::EndCombo();
        }
        mark_widget(f.ui, ("case.scope." + std::to_string(i) + ".category").c_str());
        ImGui::SameLine();
        const std::string level = json_read::text_or(it, "level");
        ImGui::SetNextItemWidth(7.0f * fs_px);
        if (ImGui::BeginCombo("##level", level.c_str())) {
          if (sc)
            for (const std::string& l : sc->levels)
              if (ImGui::Selectable(l.c_str(), l == level)) {
                it["level"] = l;
                changed = true;
              }
          ImGui::EndCombo();
        }
        mark_widget(f.ui, ("case.scope." + std::to_string(i) + ".level").c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("删除")) remove = static_cast<int>(i);
        mark_widget(f.ui, ("case.scope." + std::to_string(i) + ".remove").c_str());  // issue 15: e2e clicks it
        ImGui::PopID();
      }
      if (remove >= 0) {
        remember_row_removal(f.ui, f.key, fs, v, static_cast<std::size_t>(remove), &cat);  // issue 15
        v.erase(static_cast<std::size_t>(remove));
        changed = true;
      }
      changed |= form_row_undo(f.ui, f.key, fs, v);
      if (!cat.categories.empty() && ImGui::SmallButton("添加类别")) {
        const ServiceCategory& c = cat.categories.front();
        v.push_back({{"category", c.code}, {"level", c.levels.empty() ? "" : c.levels.front()}});
        changed = true;
      }
      if (!cat.categories.empty()) mark_widget(f.ui, "case.scope.add");
      break;
    }
  }
  ImGui::PopID();
  if (f.why && !f.why->empty() && f.why->field == fs.key && (f.touched || !f.why->input)) {
    // Under the input: past the label where the label stands to its left.
    const bool label_left = fs.kind == FieldKind::Text || fs.kind == FieldKind::Date || fs.kind == FieldKind::Number ||
                            fs.kind == FieldKind::Integer || fs.kind == FieldKind::Choice;
    draw_message(f.ui, "case.msg." + f.type, *f.why, label_left ? f.label_w : 0.0f);
  }
  return changed;
}

// The dry run's verdict for a form in the user's words, recomputed only when the case, the form,
// the day or the local user (name and roles in 我的资料: a refusal follows the user at once) changed.
const UserMessage& verdict(FormCtx& f, const json& form, const CaseRecord& c, const ActionSpec& a) {
  auto& slot = f.ui.case_verdicts[f.key];
  const Actor& me = f.v.case_ctx.actor;
  std::string stamp = std::to_string(f.v.workspace.revision()) + "|" + std::to_string(f.ui.form_edits) + "|" +
                      f.v.today.iso() + "|" + me.user_id + "|" + me.name;
  for (Role r : me.roles) stamp += "|" + std::to_string(static_cast<int>(r));
  if (slot.first != stamp) {
    slot.first = stamp;
    slot.second = UserMessage{};
    auto cmd = form_command(dry_run_form(a, form));  // unchosen decisions do not hide who may act
    Context ctx = f.v.case_ctx;
    ctx.actor = acting_actor(a, ctx.actor, c.state);
    Result<void> r = cmd ? f.v.workspace.check(c.id, cmd.value(), ctx) : Result<void>(cmd.error());
    if (!r) slot.second = case_form_message(a, r.error());
  }
  return slot.second;
}

void action_form(const AppView& v, UiState& ui, Commands& out, const CaseRecord& c, const ActionSpec& a) {
  const std::string key = c.id + "/" + a.type;
  FormCtx f{v, ui, key, 11.0f * ImGui::GetFontSize(), a.type};
  auto it = ui.case_forms.find(key);
  if (it == ui.case_forms.end()) it = ui.case_forms.emplace(key, prefill(a, c.state, v.prefill)).first;
  json& form = it->second;
  ImGui::PushID(a.type);
  ImGui::TextDisabled("办理人：%s%s%s", a.who_zh, *a.form ? "　表单：" : "", a.form);
  // Issue 15: decisions to make, reasons to give, values to look at twice (form_issues).
  const FormIssues issues = form_issues(a, form, c.state, v.prefill);
  ui.form_report = {{"form", key}, {"errors", json::array()}, {"warnings", json::array()}};
  for (const FormIssue& e : issues.errors) ui.form_report["errors"].push_back(e.message_zh);
  for (const FormIssue& w : issues.warnings) ui.form_report["warnings"].push_back(w.message_zh);
  // The verdict of the form as it stood at the start of the frame: shown under its field.
  const UserMessage why = verdict(f, form, c, a);
  f.why = &why;
  f.touched = ui.touched_forms.count(key) > 0;
  for (const FieldSpec& fs : a.fields) {
    if (field(f, form, fs)) {
      ++ui.form_edits;
      ui.touched_forms.insert(key);
      ui.touched.insert(key + fs.key);
    }
    field_notes(ui, key, fs, issues);
  }
  if (a.fields.empty()) ImGui::TextDisabled("无需填写。");
  if (a.by_applicant)
    ImGui::TextDisabled("这是申请组织的事项：按其提交的材料登记，记录为“%s”。",
                        acting_actor(a, v.case_ctx.actor, c.state).user_id.c_str());
  // Untouched, a form shows no input error (issue 15): pressing the button then shows it instead.
  const bool shown = !why.empty() && (!why.input || f.touched);
  ImGui::BeginDisabled(shown || !issues.errors.empty() || !v.busy.empty() || v.shell.read_only);
  const std::string button = std::string(a.label_zh) + "##run";
  if (ImGui::Button(button.c_str())) {
    if (!why.empty()) ui.touched_forms.insert(key);
    // Issue 15: an act that cannot be undone, or a value that looks wrong, is confirmed first.
    else if (needs_confirmation(a) || !issues.warnings.empty()) ui.confirm_form = key;
    else out.push(RunCaseCommand{c.id, form});
  }
  ImGui::EndDisabled();
  mark_widget(ui, ("case.run." + std::string(a.type)).c_str());
  ImGui::SameLine();
  if (ImGui::SmallButton("重填")) {
    form = prefill(a, c.state, v.prefill);
    ui.touched_forms.erase(key);
    if (ui.form_undo.form_key == key) ui.form_undo = {};  // a removed row does not go back into a new start
    ++ui.form_edits;
    for (const FieldSpec& fs : a.fields) ui.touched.erase(key + fs.key);
  }
  if (confirm_modal(ui, key, a, form, issues, &v.catalogue, acting_actor(a, v.case_ctx.actor, c.state).name) ==
      ConfirmAnswer::Confirmed)
    out.push(RunCaseCommand{c.id, form});
  if (shown) {
    // Beside its field when it has one; here what keeps the action back.
    const bool at_field = !why.field.empty() && std::any_of(a.fields.begin(), a.fields.end(),
                                                            [&](const FieldSpec& fs) { return fs.key == why.field; });
    UserMessage line = why;
    line.text = "暂不能办理：" + (at_field ? std::string("请先改正上面标出的内容。") : why.text);
    draw_message(ui, "case.why." + std::string(a.type), line);
  }
  form_errors(issues);
  ImGui::PopID();
}

void draw_timeline(UiState& ui, Commands& out, const CaseRecord& c, const std::vector<TimelineItem>& items, Step shown) {
  const float fs = ImGui::GetFontSize();
  const float avail = ImGui::GetContentRegionAvail().x;
  float x = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const TimelineItem& t = items[i];
    char text[64];
    std::snprintf(text, sizeof text, "%s %s", t.done ? "√" : t.current ? "▶" : "○", enum_label(t.step));
    const float w = ImGui::CalcTextSize(text).x + 2 * ImGui::GetStyle().FramePadding.x;
    if (i > 0) {
      if (x + w + 1.5f * fs < avail) ImGui::SameLine(0, 0.4f * fs);
      else x = 0;
    }
    const ImVec4 col = t.current ? kBlue : t.done ? kGood : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
    ImGui::PushStyleColor(ImGuiCol_Text, col);
    ImGui::PushStyleColor(ImGuiCol_Button, t.step == shown ? ImVec4(0.86f, 0.91f, 0.97f, 1) : ImVec4(0, 0, 0, 0));
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Button(text)) out.push(OpenCase{c.id, t.current ? std::nullopt : std::optional<Step>(t.step)});
    ImGui::PopID();
    ImGui::PopStyleColor(2);
    mark_widget(ui, (std::string("case.step.") + enum_id(t.step)).c_str());
    if (!t.note.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", t.note.c_str());
    x += w + 0.4f * fs;
  }
}

void tab_work(const AppView& v, UiState& ui, Commands& out, const CaseRecord& c, const std::vector<TimelineItem>& items,
              Step now, Step shown) {
  draw_next_steps(v, ui, out, c);  // what comes next and who must do it (issue 15, ui/cases/panel_flow.cpp)
  if (now == Step::Ended) ImGui::TextColored(kBad, "本案件已结束：%s。", ended_reason_zh(c.state).c_str());
  if (shown != Step::Ended) {
    const TimelineItem& t = items[static_cast<std::size_t>(shown)];
    ImGui::TextColored(t.current ? kBlue : t.done ? kGood : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled), "%s：%s",
                       enum_label(shown), t.current ? "当前步骤" : t.done ? "已完成" : "尚未到达");
    if (!t.note.empty()) {
      ImGui::SameLine();
      ImGui::TextDisabled("（%s）", t.note.c_str());
    }
  }
  const Step list_step = shown == Step::Ended ? Step::Life : shown;
  for (const ActionSpec* a : actions_of(list_step)) {
    ImGui::PushID(a->type);
    const bool open_now = ui.open_action == a->type;
    ImGui::SetNextItemOpen(open_now);
    const bool open = ImGui::CollapsingHeader(a->label_zh);
    mark_widget(ui, ("case.action." + std::string(a->type)).c_str());
    if (open != open_now) ui.open_action = open ? a->type : "";
    if (open) {
      ImGui::Indent();
      action_form(v, ui, out, c, *a);
      ImGui::Unindent();
    }
    ImGui::PopID();
  }
}

void tab_history(UiState& ui, const CaseRecord& c) {
  if (!begin_list_table("history", {{"时间", -9.5f}, {"办理人", 2.0f}, {"事项", 2.0f}, {"表单", 1.0f}})) return;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(c.history.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      // Newest first.
      const Event& e = c.history[c.history.size() - 1 - static_cast<std::size_t>(i)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      // Events recorded before issue 15 have a date only.
      const std::string when = e.meta.at.empty() ? e.meta.on.iso() : e.meta.on.iso() + " " + e.meta.at.substr(0, 5);
      ImGui::TextUnformatted(when.c_str());
      ImGui::TableNextColumn();
      text_fit(e.meta.actor);
      if (i == 0) mark_widget(ui, "case.history.actor0");
      ImGui::TableNextColumn();
      const std::string_view type = event_type(e);
      const char* label = event_label_zh(type);
      text_fit(*label ? std::string_view(label) : type);
      if (i == 0) mark_widget(ui, "case.history.label0");
      if (ImGui::IsItemHovered()) {
        const std::string detail = event_to_json(e).dump(2);
        ImGui::SetTooltip("%s", detail.c_str());
      }
      ImGui::TableNextColumn();
      if (auto form = form_for_event(e)) {
        // A public form code (QP-…, IP-…) as such; the body's own documents by their title (issue 15).
        const forms::FormSpec* spec = forms::find_form(form->code);
        text_fit(is_public_form_code(form->code) || !spec ? form->code : std::string(spec->title_zh), true);
      }
    }
  ImGui::EndTable();
}

void tab_documents(const AppView& v, UiState& ui, Commands& out, const CaseRecord& c) {
  ImGui::SeparatorText("申请附件");
  if (c.attachments.empty()) ImGui::TextDisabled("无。");
  for (const auto& a : c.attachments) {
    ImGui::PushID(a.id.c_str());
    if (ImGui::SmallButton("下载")) out.request(RequestCaseAttachment{c.id, a.id});
    mark_widget(ui, ("case.download." + a.id).c_str());
    ImGui::SameLine();
    ImGui::Text("%s　%s　%s　SHA-256 %s…", a.id.c_str(), a.name.c_str(), size_text_zh(a.size).c_str(),
                a.sha256.substr(0, 16).c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("SHA-256 %s\n类型 %s", a.sha256.c_str(), a.media_type.c_str());
    ImGui::PopID();
  }
  draw_case_forms(v, ui, out, c);  // new, edit, save and print (ui/forms/panel_forms.cpp)
}

void tab_deadlines(const AppView& v, const CaseRecord& c) {
  const CaseRow* row = v.board.row(c.id);  // the case's obligations, computed when it changed
  static const std::vector<Obligation> none;
  const std::vector<Obligation>& list = row ? row->obligations : none;
  if (list.empty()) {
    ImGui::TextDisabled("没有未了的期限。");
    return;
  }
  for (const Obligation& o : list) {
    const ImVec4 col = o.status == DueStatus::Overdue ? kBad : o.status == DueStatus::DueSoon ? kWarn : kGood;
    ImGui::TextColored(col, "%s%s", o.due.iso().c_str(), o.estimated ? "（估算）" : "");
    ImGui::SameLine();
    ImGui::Text("%s：%s（%s）", enum_label(o.kind), o.subject.c_str(), o.rule.c_str());
    ImGui::Indent();
    ImGui::TextDisabled("%s", o.consequence_zh.c_str());
    ImGui::Unindent();
  }
}

void tab_application(const AppView& v, UiState& ui, Commands& out, const CaseRecord& c) {
  const Cycle* cy = c.state.cycle();
  if (!cy) return;
  const Application& a = cy->application;
  const Organisation& o = a.organisation;
  auto row = [](const char* k, const std::string& val) {
    ImGui::TextDisabled("%s", k);
    ImGui::SameLine(8.0f * ImGui::GetFontSize());
    ImGui::TextWrapped("%s", val.c_str());
  };
  row("组织名称", o.name);
  row("统一社会信用代码", o.credit_code);
  row("注册地址", o.registered_address);
  row("办公地址", o.office_address);
  row("法定代表人", o.legal_representative);
  for (const Contact& ct : o.contacts) row("联系人", ct.name + "　" + ct.phone + "　" + ct.email);
  row("经营范围", o.business_scope);
  row("范围内人数", std::to_string(a.headcount_in_scope));
  for (const Site& s : a.sites) row("场所", s.name + "　" + s.address);
  for (const Licence& l : a.licences)
    row("行政许可", l.name + "　" + l.number + (l.valid_until ? "　有效期至 " + l.valid_until->iso() : ""));
  std::string scope;
  for (const ScopeItem& s : a.scope) {
    const ServiceCategory* cat = find_category(v.catalogue, s.category);
    scope += (scope.empty() ? "" : "、") + (cat ? cat->name_zh : s.category) + " " + s.level;
  }
  row("申请范围", scope);
  if (cy->review) {
    // As recorded at the acceptance review (QP-21-02), not recomputed from today's table.
    ImGui::SeparatorText("人日计算（附录A）");
    for (const std::string& l : split_lines(cy->review->justification)) ImGui::BulletText("%s", l.c_str());
  }
  // Every claim with its description and evidence, marked by the review (issue 15, ui/cases/panel_flow.cpp).
  draw_application_review(v, ui, out, c);
}

}  // namespace

void draw_case(const AppView& v, UiState& ui, Commands& out) {
  const CaseRecord* c = v.workspace.find(v.model.open_case);
  if (ImGui::SmallButton("← 案件列表")) out.push(ShowView{View::Cases});
  mark_widget(ui, "case.back");
  if (!c && v.workspace.pending(v.model.open_case)) {
    // Issue 8: its history is loaded after the first frame (this one first, as it is open).
    ImGui::SameLine();
    ImGui::TextUnformatted(v.model.open_case.c_str());
    if (const CaseRow* r = v.board.row(v.model.open_case)) {
      ImGui::SameLine();
      ImGui::TextUnformatted(r->organisation.c_str());
    }
    ImGui::Separator();
    ImGui::TextColored(kBlue, "正在载入案件数据…");
    mark_widget(ui, "case.loading");
    ImGui::TextDisabled("案件记录正从浏览器存储中载入，完成后即可办理。");
    return;
  }
  if (!c) {
    if (const CaseRow* r = v.board.row(v.model.open_case); r && !r->problem.empty()) {
      // Issue 17: its file did not read and was set aside; the other cases work.
      ImGui::SameLine();
      ImGui::TextUnformatted(v.model.open_case.c_str());
      ImGui::Separator();
      ImGui::TextColored(kBad, "本案件的记录文件无法读取，已原样移入隔离区（未删除）。");
      mark_widget(ui, "case.set_aside");
      ImGui::TextWrapped("原因：%s", r->problem.c_str());
      ImGui::TextWrapped("可在“数据与备份”的隔离区中下载该文件，交技术支持检查；或从备份中恢复本案件。其他案件不受影响。");
      return;
    }
    ImGui::TextColored(kBad, "没有编号为“%s”的案件。", v.model.open_case.c_str());
    return;
  }
  ImGui::SameLine();
  ImGui::Text("%s　%s", c->id.c_str(), c->organisation.c_str());
  const Step now = current_step(c->state);
  const std::string step_text = std::string("当前：") + enum_label(now);
  same_line_if_fits(step_text);
  ImGui::TextColored(kBlue, "%s", step_text.c_str());
  if (auto st = c->state.status()) {
    const std::string cert = "｜证书 " + c->state.certificate->number + "：" + enum_label(*st);
    same_line_if_fits(cert);
    ImGui::TextUnformatted(cert.c_str());
    mark_widget(ui, "case.certificate");
  }
  const Actor& me = v.case_ctx.actor;
  ImGui::TextDisabled("以“%s”的身份办理（在“我的资料”中更改姓名和角色）。", me.name.c_str());
  ImGui::Separator();
  // The step shown: the one asked for, else where the case stands.
  const Step shown = v.model.case_step.value_or(now);
  const std::vector<TimelineItem> items = timeline(c->state);
  draw_timeline(ui, out, *c, items, shown);
  ImGui::Separator();
  if (ImGui::BeginTabBar("case.tabs")) {
    // Issue 15: brought forward once when 下一步, 今日待办 or 申请信息 opens an action.
    const bool work = ImGui::BeginTabItem("办理", nullptr, ui.show_work_tab ? ImGuiTabItemFlags_SetSelected : 0);
    ui.show_work_tab = false;
    mark_widget(ui, "case.tab.work");
    if (work) {
      if (ImGui::BeginChild("work")) tab_work(v, ui, out, *c, items, now, shown);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("期限")) {
      tab_deadlines(v, *c);
      ImGui::EndTabItem();
    }
    const bool history = ImGui::BeginTabItem("案件记录");
    mark_widget(ui, "case.tab.history");
    if (history) {
      tab_history(ui, *c);
      ImGui::EndTabItem();
    }
    const bool files = ImGui::BeginTabItem("文件");
    mark_widget(ui, "case.tab.files");
    if (files) {
      tab_documents(v, ui, out, *c);
      ImGui::EndTabItem();
    }
    const bool application = ImGui::BeginTabItem("申请信息");
    mark_widget(ui, "case.tab.application");
    if (application) {
      if (ImGui::BeginChild("application")) tab_application(v, ui, out, *c);
      ImGui::EndChild();
      mark_widget(ui, "case.application");  // the scrolling region (tests find its scrollbar)
      ImGui::EndTabItem();
    }
    // Issue 7: brought forward once when a notice is exported or an answer imported.
    const bool notices = ImGui::BeginTabItem("通知与答复", nullptr, ui.show_notices_tab ? ImGuiTabItemFlags_SetSelected : 0);
    ui.show_notices_tab = false;
    mark_widget(ui, "case.tab.notices");
    if (notices) {
      draw_case_notices(v, ui, out, *c);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
}

}  // namespace certdesk::ui
