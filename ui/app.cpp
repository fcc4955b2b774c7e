// ui/app.cpp — the frame: menu, navigation, the current panel, the status bar; command draining.
#include "ui/app.hpp"

#include <imgui.h>

namespace certdesk::ui {

void mark_widget(UiState& ui, const char* id) {
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ui.widgets.push_back({id, a.x, a.y, b.x - a.x, b.y - a.y});
}

namespace {

struct NavItem {
  View view;
  const char* label;
  const char* widget_id;
};
constexpr NavItem kNav[] = {
    {View::Home, "首页", "nav.home"},
    {View::Profile, "我的资料", "nav.profile"},
    {View::Charset, "字库检查", "nav.charset"},
};

void draw_navigation(const AppView& view, UiState& ui, Commands& out) {
  ImGui::TextDisabled("导航");
  for (const auto& item : kNav) {
    if (ImGui::Selectable(item.label, view.model.view == item.view)) out.push(ShowView{item.view});
    mark_widget(ui, item.widget_id);
  }
}

void draw_status_bar(const AppView& view, const UiState& ui) {
  ImGui::Separator();
  if (view.shell.full_font_loaded)
    ImGui::TextDisabled("字库：完整（约两万个汉字）");
  else if (!view.shell.full_font_error.empty())
    ImGui::TextColored(ImVec4(0.70f, 0.20f, 0.15f, 1), "字库：%s", view.shell.full_font_error.c_str());
  else
    ImGui::TextDisabled("字库：正在加载完整字库…");
  ImGui::SameLine();
  ImGui::TextDisabled("｜ 版本 %s", view.shell.version.c_str());
  if (!ui.last_error.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(0.70f, 0.20f, 0.15f, 1), "｜ %s", ui.last_error.c_str());
  }
}

}  // namespace

void App::frame() {
  ui_.widgets.clear();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  constexpr ImGuiWindowFlags kRoot = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_MenuBar |
                                     ImGuiWindowFlags_NoBringToFrontOnFocus;
  AppView view{model_, shell_};
  if (ImGui::Begin("CertDesk", nullptr, kRoot)) {
    if (ImGui::BeginMenuBar()) {
      ImGui::TextUnformatted("网安联认证中心 · 认证工作台");
      ImGui::EndMenuBar();
    }
    const float status_h = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
    const float nav_w = 11.0f * ImGui::GetFontSize();
    if (ImGui::BeginChild("nav", ImVec2(nav_w, -status_h), ImGuiChildFlags_Borders))
      draw_navigation(view, ui_, commands_);
    ImGui::EndChild();
    ImGui::SameLine();
    if (ImGui::BeginChild("main", ImVec2(0, -status_h), ImGuiChildFlags_Borders)) {
      switch (model_.view) {
        case View::Home: draw_home(view, ui_, commands_); break;
        case View::Profile: draw_profile(view, ui_, commands_); break;
        case View::Charset: draw_charset(view, ui_, commands_); break;
      }
    }
    ImGui::EndChild();
    draw_status_bar(view, ui_);
  }
  ImGui::End();

  for (const Command& c : commands_.take()) apply(c);
}

Result<void> App::apply(const Command& c) {
  Result<void> r = apply_command(model_, c);
  ui_.last_error = r.ok() ? std::string() : r.error().message_zh;
  return r;
}

nlohmann::json App::dispatch(const nlohmann::json& command) {
  Result<Command> parsed = command_from_json(command);
  Result<void> r = parsed.ok() ? apply(parsed.value()) : Result<void>(parsed.error());
  if (r.ok()) return {{"ok", true}, {"revision", model_.revision}};
  return {{"ok", false}, {"rule", r.error().rule}, {"message", r.error().message_zh},
          {"field", r.error().field}};
}

nlohmann::json App::state_json() const {
  nlohmann::json widgets = nlohmann::json::object();
  for (const auto& w : ui_.widgets) widgets[w.id] = {w.x, w.y, w.w, w.h};
  // GB2312 coverage of the loaded fonts: every one of its 6,763 hanzi must render (issue 3).
  int in_font = 0, hanzi = 0, hanzi_in_font = 0;
  ImFont* font = ImGui::GetIO().Fonts->Fonts.empty() ? nullptr : ImGui::GetIO().Fonts->Fonts[0];
  for (unsigned short c : ui_.gb2312) {
    const bool found = font && font->IsGlyphInFont(static_cast<ImWchar>(c));
    const bool is_hanzi = c >= 0x4E00 && c <= 0x9FFF;
    in_font += found;
    hanzi += is_hanzi;
    hanzi_in_font += found && is_hanzi;
  }
  return {{"model", model_to_json(model_)},
          {"gb2312", {{"total", ui_.gb2312.size()}, {"inFont", in_font},
                      {"hanzi", hanzi}, {"hanziInFont", hanzi_in_font}}},
          {"shell", {{"fullFontLoaded", shell_.full_font_loaded},
                     {"fullFontError", shell_.full_font_error},
                     {"dpr", shell_.dpr},
                     {"version", shell_.version}}},
          {"lastError", ui_.last_error},
          {"widgets", widgets}};
}

}  // namespace certdesk::ui
