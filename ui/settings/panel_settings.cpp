// ui/settings/panel_settings.cpp — 机构设置 (issue 6, item 6): the body's name and header, certificate
// number pattern and periods; the person-day table; the catalogue; the working-day calendar.
// Each part is edited as a working copy (a structured editor over its JSON), saved only after
// the domain's loader accepts it, and can be exported and imported as a JSON file. Issue 15 item 6:
// the working copy is checked by the same loader as it is edited; a refused value is said beside its
// field in the user's words (config_field_message, draw_message) once the user has changed the part,
// and 保存 waits until it is put right. Numbers are typed as text: what is not a number stays in its
// field, flagged, and is never saved.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "ui/shell/app.hpp"
#include "ui/widgets/input_widgets.hpp"
#include "ui/widgets/text_widgets.hpp"

namespace certdesk::ui {

namespace {

using nlohmann::json;

const ImVec4 kBad(0.70f, 0.20f, 0.15f, 1);

// Chinese names of the configuration files' keys: config_key_label_zh (ui/widgets/messages.cpp), shared
// with the save's messages; settings labels come from describe_settings.
const char* key_label(const std::string& key) { return config_key_label_zh(key); }

struct Editor {
  UiState& ui;
  std::string part;
  const std::map<std::string, std::string>& setting_labels;  // "suspension.max_months" → label
  const UserMessage* why = nullptr;  // the working copy's refusal, once the user changed the part
};

// The refusal under the field at `path` (a list: any of its lines), from `indent` (the input's left).
void field_message(Editor& e, const std::string& path, bool lines, float indent) {
  if (!e.why || e.why->empty()) return;
  const std::string& f = e.why->field;
  const bool here = f == path || (lines && f.size() > path.size() && f.compare(0, path.size(), path) == 0 && f[path.size()] == '[');
  if (!here) return;
  draw_message(e.ui, "settings.msg." + path, *e.why, indent);
}

// True when `path` ("years.2027.days_off[3]", "bands[2].days") names something in `root`.
bool has_path(const json& root, const std::string& path) {
  const json* at = &root;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '.') { ++i; continue; }
    if (path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string::npos || !at->is_array()) return false;
      const std::string n = path.substr(i + 1, close - i - 1);
      if (n.empty() || n.size() > 6 || n.find_first_not_of("0123456789") != std::string::npos) return false;
      const std::size_t k = static_cast<std::size_t>(std::strtoul(n.c_str(), nullptr, 10));
      if (k >= at->size()) return false;
      at = &(*at)[k];
      i = close + 1;
      continue;
    }
    std::size_t end = path.find_first_of(".[", i);
    if (end == std::string::npos) end = path.size();
    if (!at->is_object()) return false;
    auto it = at->find(path.substr(i, end - i));
    if (it == at->end()) return false;
    at = &*it;
    i = end;
  }
  return i > 0;
}

std::string join_path(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

std::string display_name(const Editor& e, const std::string& path, const std::string& key) {
  if (auto it = e.setting_labels.find(path); it != e.setting_labels.end()) return it->second;
  if (const char* l = key_label(key)) return l;
  return key;
}

bool scalar_array(const json& a) {
  return std::all_of(a.begin(), a.end(), [](const json& x) { return x.is_string() || x.is_number(); });
}

bool edit_value(Editor& e, json& v, const std::string& path, const std::string& name);

bool edit_scalar(Editor& e, json& v, const std::string& path, const std::string& name) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(name.c_str());
  const float at = 13.0f * ImGui::GetFontSize();
  ImGui::SameLine(at);
  ImGui::SetNextItemWidth(std::min(26.0f * ImGui::GetFontSize(), ImGui::GetContentRegionAvail().x));
  bool changed = false;
  // A number is typed as text (full-width digits understood); what is not one stays in the working
  // copy as typed, so the loader refuses it by name and nothing is saved (issue 15 items 6, 7). The
  // field stays a number field while it holds such text.
  const std::string key = "config." + e.part + "." + path;
  auto kind = e.ui.config_numbers.find(key);
  if (v.is_number()) kind = e.ui.config_numbers.insert_or_assign(key, v.is_number_integer()).first;
  if (kind != e.ui.config_numbers.end() && (v.is_number() || v.is_string())) {
    std::string& buf = e.ui.buffers[key];
    if (e.ui.editing != key) buf = v.is_string() ? v.get<std::string>() : v.dump();
    if (ImGui::InputText("##v", &buf)) {
      if (kind->second) {
        if (auto n = parse_integer_loose(buf)) v = *n;
        else v = buf;
      } else {
        if (auto x = parse_number_loose(buf)) v = *x;
        else v = buf;
      }
      changed = true;
    }
    if (ImGui::IsItemActive()) e.ui.editing = key;
    else if (e.ui.editing == key) e.ui.editing.clear();
  } else if (v.is_string()) {
    changed = ImGui::InputText("##v", v.get_ptr<std::string*>());
  } else if (v.is_boolean()) {
    bool b = v.get<bool>();
    if (ImGui::Checkbox("##v", &b)) v = b, changed = true;
  } else {
    ImGui::TextDisabled("%s", v.dump().c_str());
  }
  mark_widget(e.ui, ("settings.field." + path).c_str());
  field_message(e, path, false, std::max(0.0f, at - ImGui::GetCursorPosX()));  // under the input, past the label
  return changed;
}

bool is_day_list(const std::string& path) {
  const auto ends = [&](std::string_view s) { return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0; };
  return ends(".days_off") || ends(".workdays");
}

bool edit_lines(Editor& e, json& a, const std::string& path, const std::string& name) {
  // A list of plain values as text, one per line; numbers stay numbers; the calendar's days as
  // people type them ("2027/1/1" → "2027-01-01"), anything else kept as typed for the loader to name.
  const bool numbers = !a.empty() && a[0].is_number();
  const bool days = is_day_list(path);
  std::string& buf = e.ui.buffers["config." + e.part + "." + path];
  const std::string text = join_lines(a);
  if (!ImGui::IsItemActive() && buf != text && e.ui.editing != path) buf = text;
  ImGui::TextUnformatted(name.c_str());
  bool changed = false;
  if (input_multiline_wrapped("##lines", &buf, ImVec2(-1, std::min(8.0f, 1.5f + static_cast<float>(a.size())) *
                                                           ImGui::GetTextLineHeightWithSpacing()))) {
    json next = json::array();
    for (const std::string& line : split_lines(buf)) {
      if (days) {
        const auto d = Date::parse_loose(line);
        next.push_back(d ? d->iso() : line);
        continue;
      }
      json n = numbers ? json::parse(line, nullptr, false) : json(line);
      next.push_back(n.is_discarded() ? json(line) : n);
    }
    a = std::move(next);
    changed = true;
  }
  if (ImGui::IsItemActive()) e.ui.editing = path;
  else if (e.ui.editing == path) e.ui.editing.clear();
  mark_widget(e.ui, ("settings.field." + path).c_str());
  field_message(e, path, true, 0);
  return changed;
}

bool edit_value(Editor& e, json& v, const std::string& path, const std::string& name) {
  ImGui::PushID(path.c_str());
  bool changed = false;
  if (v.is_object()) {
    const bool top = path.find('.') == std::string::npos && path.find('[') == std::string::npos;
    const bool open = ImGui::TreeNodeEx(name.c_str(), top ? ImGuiTreeNodeFlags_DefaultOpen : 0);
    mark_widget(e.ui, ("settings.node." + path).c_str());
    field_message(e, path, false, 0);  // a refusal of the group as a whole ("同时列为放假日和调休上班日")
    if (open) {
      for (auto it = v.begin(); it != v.end(); ++it) {
        const std::string p = join_path(path, it.key());
        changed |= edit_value(e, it.value(), p, display_name(e, p, it.key()));
      }
      ImGui::TreePop();
    }
  } else if (v.is_array() && (v.empty() || scalar_array(v))) {
    changed = edit_lines(e, v, path, name);
  } else if (v.is_array()) {
    const bool open = ImGui::TreeNode(name.c_str(), "%s（%d 项）", name.c_str(), static_cast<int>(v.size()));
    mark_widget(e.ui, ("settings.node." + path).c_str());
    field_message(e, path, false, 0);
    if (open) {
      int remove = -1;
      for (std::size_t i = 0; i < v.size(); ++i) {
        const std::string p = path + "[" + std::to_string(i) + "]";
        std::string title = "第 " + std::to_string(i + 1) + " 项";
        if (v[i].is_object())
          for (const char* k : {"name_zh", "code", "id", "level"})
            if (v[i].contains(k) && v[i][k].is_string()) {
              title += "：" + v[i][k].get<std::string>();
              break;
            }
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::SmallButton("删除")) remove = static_cast<int>(i);
        ImGui::SameLine();
        changed |= edit_value(e, v[i], p, title);
        ImGui::PopID();
      }
      if (remove >= 0) v.erase(static_cast<std::size_t>(remove)), changed = true;
      if (ImGui::SmallButton("添加一项（复制最后一项）")) v.push_back(v.back()), changed = true;
      ImGui::TreePop();
    }
  } else {
    changed = edit_scalar(e, v, path, name);
  }
  ImGui::PopID();
  return changed;
}

void calendar_summary(const AppView& view) {
  std::string years;
  for (int y : view.config.calendar.years()) years += (years.empty() ? "" : "、") + std::to_string(y);
  ImGui::TextWrapped("已载入的年份：%s。没有数据的年份按周一至周五计算，计算出的日期标注“估算”。"
                     "国务院办公厅每年发布次年的节假日安排后，按同样格式导入该年的数据即可（已有的年份会被替换）。",
                     years.empty() ? "无" : years.c_str());
}

}  // namespace

void draw_settings(const AppView& view, UiState& ui, Commands& out) {
  ImGui::SeparatorText("机构设置");
  ImGui::TextDisabled("修改在“保存”后生效，保存前由程序检查；也可导出为 JSON 文件，或从文件导入（全部检查通过才替换）。");
  // The parts as a row of buttons (the current one highlighted); one part is shown at a time.
  for (ConfigPart p : kConfigParts) {
    const int index = static_cast<int>(p);
    if (index > 0) ImGui::SameLine();
    const bool current = ui.config_tab == index;
    if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(config_label_zh(p))) ui.config_tab = index;
    if (current) ImGui::PopStyleColor();
    mark_widget(ui, (std::string("settings.tab.") + config_part_id(p)).c_str());
  }
  ImGui::Separator();
  // What the configuration holds now, as JSON and as described settings: recomputed when it changes.
  if (ui.config_seen != view.config.revision) {
    ui.config_seen = view.config.revision;
    for (ConfigPart p : kConfigParts) ui.config_current[config_part_id(p)] = config_json(view.config, p);
    ui.setting_infos = describe_settings(view.config.settings);
    ui.setting_labels.clear();
    for (const SettingInfo& s : ui.setting_infos) ui.setting_labels[s.field] = s.label_zh;
  }
  {
    const ConfigPart part = kConfigParts[std::clamp(ui.config_tab, 0, static_cast<int>(std::size(kConfigParts)) - 1)];
    const std::string id = config_part_id(part);
    auto it = ui.config_drafts.find(id);
    const json& current = ui.config_current[id];
    const bool dirty = it != ui.config_drafts.end() && it->second != current;
    // Issue 15 item 6: the working copy checked by the loader that saves it, when it changed; its
    // refusal is shown beside the field once the user has changed this part (not before).
    const std::string touched_key = "settings/" + id;
    const bool touched = dirty && ui.touched_forms.count(touched_key) > 0;
    auto& verdict = ui.config_verdicts[id];
    const long stamp = (ui.config_edits + 1) * 1000003L + view.config.revision;  // never 0, the unset stamp
    if (dirty && verdict.first != stamp) {
      verdict.first = stamp;
      BodyConfig trial = view.config;
      Result<void> r = set_config(trial, part, it->second, nullptr);
      verdict.second = r ? UserMessage{} : config_field_message(r.error(), ui.setting_labels);
    }
    const UserMessage* why = touched && !verdict.second.empty() ? &verdict.second : nullptr;
    ImGui::BeginDisabled(!dirty || why || !view.busy.empty() || view.shell.read_only);
    if (ImGui::Button("保存")) out.push(SaveConfig{id, it->second});
    ImGui::EndDisabled();
    mark_widget(ui, ("settings.save." + id).c_str());
    ImGui::SameLine();
    ImGui::BeginDisabled(!dirty || !view.busy.empty() || view.shell.read_only);
    if (ImGui::Button("放弃修改")) {
      ui.config_drafts.erase(id);
      it = ui.config_drafts.end();  // the editor below starts a new working copy (no dangling iterator)
      ui.touched_forms.erase(touched_key);
    }
    mark_widget(ui, ("settings.discard." + id).c_str());
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("导出…")) out.request(RequestConfigExport{id});
    mark_widget(ui, ("settings.export." + id).c_str());
    ImGui::SameLine();
    ImGui::BeginDisabled(!view.busy.empty() || view.shell.read_only);
    if (ImGui::Button(part == ConfigPart::Calendar ? "导入节假日数据…" : "导入…")) out.request(RequestConfigImport{id});
    ImGui::EndDisabled();
    mark_widget(ui, ("settings.import." + id).c_str());
    if (dirty) {
      ImGui::SameLine();
      ImGui::TextColored(kBad, why ? "有未保存的修改，请先改正下面标出的内容" : "有未保存的修改");
    }
    if (part == ConfigPart::Calendar) calendar_summary(view);
    if (part == ConfigPart::PersonDays || part == ConfigPart::Catalogue) {
      const std::string& label = part == ConfigPart::PersonDays ? view.config.person_days.label : view.config.catalogue.label;
      ImGui::TextWrapped("当前：%s", label.c_str());
    }
    ImGui::Separator();
    if (ImGui::BeginChild("editor")) {
      if (it == ui.config_drafts.end()) it = ui.config_drafts.emplace(id, current).first;
      static const std::map<std::string, std::string> no_labels;
      Editor e{ui, id, part == ConfigPart::Settings ? ui.setting_labels : no_labels, why};
      // A refusal of no field shown in the editor (the part as a whole, a missing key) stands first.
      if (why && !has_path(it->second, why->field)) draw_message(ui, "settings.msg." + id, *why);
      bool changed = false;
      for (auto f = it->second.begin(); f != it->second.end(); ++f)
        changed |= edit_value(e, f.value(), f.key(), display_name(e, f.key(), f.key()));
      if (changed) {
        ++ui.config_edits;
        ui.touched_forms.insert(touched_key);
      }
      if (part == ConfigPart::Settings) {
        ImGui::SeparatorText("各项设置的依据");
        for (const SettingInfo& s : ui.setting_infos)
          ImGui::BulletText("%s（%s）：默认 %s。%s", s.label_zh.c_str(), s.brief_ref.c_str(), s.default_value.c_str(),
                            s.why_zh.c_str());
      }
    }
    ImGui::EndChild();
  }
}

}  // namespace certdesk::ui
