// ui/settings/panel_settings.cpp — 机构设置 (issue 6, item 6): the body's name and header, certificate
// number pattern and periods; the person-day table; the catalogue; the working-day calendar.
// Each part is edited as a working copy (a structured editor over its JSON), saved only after
// the domain's loader accepts it, and can be exported and imported as a JSON file.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "ui/shell/app.hpp"
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
};

std::string join_path(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

std::string display_name(const Editor& e, const std::string& path, const std::string& key) {
  if (auto it = e.setting_labels.find(path); it != e.setting_labels.end()) return it->second;
  if (const char* l = key_label(key)) return l;
  return key;
}

bool scalar_array(const json& a) {
  return std::all_of(a.begin(), a.end(), [](const json& x) { return x.is_string() || x.is_number(); });
}

void edit_value(Editor& e, json& v, const std::string& path, const std::string& name);

void edit_scalar(json& v, const std::string& name) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(name.c_str());
  ImGui::SameLine(13.0f * ImGui::GetFontSize());
  ImGui::SetNextItemWidth(std::min(26.0f * ImGui::GetFontSize(), ImGui::GetContentRegionAvail().x));
  if (v.is_string()) {
    ImGui::InputText("##v", v.get_ptr<std::string*>());
  } else if (v.is_boolean()) {
    bool b = v.get<bool>();
    if (ImGui::Checkbox("##v", &b)) v = b;
  } else if (v.is_number_integer()) {
    int i = v.get<int>();
    if (ImGui::InputInt("##v", &i)) v = i;
  } else if (v.is_number()) {
    double d = v.get<double>();
    if (ImGui::InputDouble("##v", &d, 0, 0, "%.4g")) v = d;
  } else {
    ImGui::TextDisabled("%s", v.dump().c_str());
  }
}

void edit_lines(Editor& e, json& a, const std::string& path, const std::string& name) {
  // A list of plain values as text, one per line; numbers stay numbers.
  const bool numbers = !a.empty() && a[0].is_number();
  std::string& buf = e.ui.buffers["config." + e.part + "." + path];
  const std::string text = join_lines(a);
  if (!ImGui::IsItemActive() && buf != text && e.ui.editing != path) buf = text;
  ImGui::TextUnformatted(name.c_str());
  if (input_multiline_wrapped("##lines", &buf, ImVec2(-1, std::min(8.0f, 1.5f + static_cast<float>(a.size())) *
                                                           ImGui::GetTextLineHeightWithSpacing()))) {
    json next = json::array();
    for (const std::string& line : split_lines(buf)) {
      json n = numbers ? json::parse(line, nullptr, false) : json(line);
      next.push_back(n.is_discarded() ? json(line) : n);
    }
    a = std::move(next);
  }
  if (ImGui::IsItemActive()) e.ui.editing = path;
  else if (e.ui.editing == path) e.ui.editing.clear();
}

void edit_value(Editor& e, json& v, const std::string& path, const std::string& name) {
  ImGui::PushID(path.c_str());
  if (v.is_object()) {
    const bool top = path.find('.') == std::string::npos && path.find('[') == std::string::npos;
    if (ImGui::TreeNodeEx(name.c_str(), top ? ImGuiTreeNodeFlags_DefaultOpen : 0)) {
      for (auto it = v.begin(); it != v.end(); ++it) {
        const std::string p = join_path(path, it.key());
        edit_value(e, it.value(), p, display_name(e, p, it.key()));
      }
      ImGui::TreePop();
    }
  } else if (v.is_array() && (v.empty() || scalar_array(v))) {
    edit_lines(e, v, path, name);
  } else if (v.is_array()) {
    if (ImGui::TreeNode(name.c_str(), "%s（%d 项）", name.c_str(), static_cast<int>(v.size()))) {
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
        edit_value(e, v[i], p, title);
        ImGui::PopID();
      }
      if (remove >= 0) v.erase(static_cast<std::size_t>(remove));
      if (ImGui::SmallButton("添加一项（复制最后一项）")) v.push_back(v.back());
      ImGui::TreePop();
    }
  } else {
    edit_scalar(v, name);
  }
  ImGui::PopID();
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
    ImGui::BeginDisabled(!dirty || !view.busy.empty() || view.shell.read_only);
    if (ImGui::Button("保存")) out.push(SaveConfig{id, it->second});
    mark_widget(ui, ("settings.save." + id).c_str());
    ImGui::SameLine();
    if (ImGui::Button("放弃修改")) ui.config_drafts.erase(id);
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
      ImGui::TextColored(kBad, "有未保存的修改");
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
      Editor e{ui, id, part == ConfigPart::Settings ? ui.setting_labels : no_labels};
      for (auto f = it->second.begin(); f != it->second.end(); ++f)
        edit_value(e, f.value(), f.key(), display_name(e, f.key(), f.key()));
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
