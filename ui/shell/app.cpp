// ui/shell/app.cpp — the frame: menu, navigation, the current panel, the status bar; command draining.
#include "ui/shell/app.hpp"

#include <imgui.h>

namespace certdesk::ui {

void mark_widget(UiState& ui, const char* id) {
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ui.widgets.push_back({id, a.x, a.y, b.x - a.x, b.y - a.y});
}

bool begin_list_table(const char* id, std::initializer_list<ListColumn> columns, float height) {
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                     ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
  if (!ImGui::BeginTable(id, static_cast<int>(columns.size()), kFlags, ImVec2(0, height))) return false;
  ImGui::TableSetupScrollFreeze(0, 1);
  for (const ListColumn& c : columns)
    if (c.weight < 0) ImGui::TableSetupColumn(c.name, ImGuiTableColumnFlags_WidthFixed, -c.weight * ImGui::GetFontSize());
    else ImGui::TableSetupColumn(c.name, ImGuiTableColumnFlags_WidthStretch, c.weight);
  ImGui::TableHeadersRow();
  return true;
}

namespace {

struct NavItem {
  View view;
  const char* label;
  const char* widget_id;
  Mode mode;  // Unset: shown in every mode
};
constexpr NavItem kNav[] = {
    {View::Apply, "填写申请", "nav.apply", Mode::Applicant},
    {View::Today, "今日待办", "nav.today", Mode::Body},
    {View::Cases, "案件", "nav.cases", Mode::Body},
    {View::Notices, "通知与答复", "nav.notices", Mode::Unset},  // issue 7: either side of the exchange
    {View::Settings, "机构设置", "nav.settings", Mode::Body},
    {View::Profile, "我的资料", "nav.profile", Mode::Unset},
    {View::Data, "数据与备份", "nav.data", Mode::Unset},
    {View::Home, "关于", "nav.home", Mode::Unset},
    {View::Charset, "字库检查", "nav.charset", Mode::Unset},
    {View::Start, "切换身份", "nav.start", Mode::Unset},
};

void draw_navigation(const AppView& view, UiState& ui, Commands& out) {
  const Mode mode = view.model.mode;
  ImGui::TextDisabled("%s", mode == Mode::Applicant ? "申请组织" : mode == Mode::Body ? "认证机构" : "请选择身份");
  ImGui::Separator();
  for (const auto& item : kNav) {
    if (item.mode != Mode::Unset && item.mode != mode) continue;
    const bool selected = view.model.view == item.view || (item.view == View::Cases && view.model.view == View::Case);
    if (ImGui::Selectable(item.label, selected)) out.push(ShowView{item.view});
    mark_widget(ui, item.widget_id);
  }
}

void draw_save_state(const ShellInfo& shell) {
  const ImVec4 bad(0.70f, 0.20f, 0.15f, 1);
  if (!shell.load_error.empty()) {
    ImGui::TextColored(bad, "数据无法读取，本页不保存");
  } else if (!shell.store_error.empty()) {
    ImGui::TextColored(bad, "数据：%s", shell.store_error.c_str());
  } else if (shell.read_only) {
    ImGui::TextColored(bad, "只读：已在另一个标签页中打开");
  } else {
    switch (shell.save) {
      case SaveState::Idle: ImGui::TextDisabled("数据：保存在本机浏览器"); break;
      case SaveState::Saving: ImGui::TextDisabled("保存中…"); break;
      case SaveState::Saved: ImGui::TextColored(ImVec4(0.15f, 0.45f, 0.25f, 1), "已保存"); break;
      case SaveState::Failed: ImGui::TextColored(bad, "保存失败，正在重试（见下方说明）"); break;
    }
  }
  ImGui::SameLine();
  ImGui::TextDisabled("｜");
  ImGui::SameLine();
}

// The page a message was raised on (issue 15 item 10): the view, and the case for a workspace.
std::string page_key(const AppModel& m) {
  return std::to_string(static_cast<int>(m.view)) + (m.view == View::Case ? "|" + m.open_case : "");
}

bool has_banners(const AppView& view, const UiState& ui) {
  return view.shell.read_only || !view.shell.load_error.empty() || view.shell.save == SaveState::Failed ||
         view.shell.update_available || !view.busy.empty() || !ui.info.empty() ||
         !ui.last_error.empty() || !ui.undo_text.empty() || view.shell.set_aside.size() > ui.set_aside_dismissed;
}

// Banners below the current page (read-only mode, a waiting update, the running operation, the
// last finished one, the last refused command, in full). Below, not above: a message appearing
// or going never moves the page under the user's pointer (issue 15 item 10).
void draw_banners(const AppView& view, UiState& ui, Commands& out) {
  const ImVec4 bad(0.70f, 0.20f, 0.15f, 1);
  // Issue 17: the stored data could not be read, or a file could not be saved: said in full
  // here (the status bar has room for a few words only).
  if (!view.shell.load_error.empty()) {
    ImGui::Separator();
    ImGui::PushStyleColor(ImGuiCol_Text, bad);
    ImGui::TextWrapped("%s", view.shell.load_error.c_str());
    ImGui::PopStyleColor();
    mark_widget(ui, "banner.load_error");
  } else if (view.shell.save == SaveState::Failed && !view.shell.read_only) {
    ImGui::Separator();
    ImGui::PushStyleColor(ImGuiCol_Text, bad);
    ImGui::TextWrapped("保存失败，正在重试：%s", view.shell.save_error.c_str());
    ImGui::PopStyleColor();
    mark_widget(ui, "banner.save_error");
  }
  if (const auto& aside = view.shell.set_aside; aside.size() > ui.set_aside_dismissed) {
    // Issue 17: files of the store that did not read, set aside so that the app starts.
    ImGui::Separator();
    std::string text = "有 " + std::to_string(aside.size()) + " 个数据文件无法读取，已原样移入隔离区（未删除），其余数据照常可用：";
    for (std::size_t i = 0; i < aside.size() && i < 3; ++i)
      text += std::string(i ? "；" : "") + store_file_info(aside[i].first).label_zh + "（" + aside[i].first + "）——" +
              aside[i].second;
    if (aside.size() > 3) text += "；……另有 " + std::to_string(aside.size() - 3) + " 个";
    if (ImGui::SmallButton("查看隔离区")) {
      ui.set_aside_dismissed = aside.size();
      out.push(ShowView{View::Data});
    }
    mark_widget(ui, "banner.set_aside");
    ImGui::SameLine();
    if (ImGui::SmallButton("知道了##set_aside")) ui.set_aside_dismissed = aside.size();
    mark_widget(ui, "banner.set_aside_dismiss");
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, bad);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
  }
  if (view.shell.read_only) {
    ImGui::Separator();
    ImGui::PushStyleColor(ImGuiCol_Text, bad);
    ImGui::TextWrapped("本页为只读：认证工作台已在另一个标签页中打开，由那个标签页负责保存。"
                       "关闭那个标签页后，本页会自动载入最新数据并接管。");
    ImGui::PopStyleColor();
  }
  if (view.shell.update_available) {
    ImGui::Separator();
    ImGui::TextColored(ImVec4(0.15f, 0.40f, 0.62f, 1), "新版本可用。");
    ImGui::SameLine();
    if (ImGui::SmallButton("更新并重新载入")) ui.update_requested = true;
    mark_widget(ui, "banner.update");
    ImGui::SameLine();
    ImGui::TextDisabled("（所有修改保存完成后才会切换，不会丢失正在编辑的内容）");
  }
  if (!view.busy.empty()) {
    ImGui::Separator();
    ImGui::TextColored(ImVec4(0.15f, 0.40f, 0.62f, 1), "%s", view.busy.c_str());
  }
  if (!ui.info.empty()) {
    ImGui::Separator();
    if (ImGui::SmallButton("好的")) ui.info.clear();
    mark_widget(ui, "banner.info");
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.15f, 0.45f, 0.25f, 1));
    ImGui::TextWrapped("%s", ui.info.c_str());
    ImGui::PopStyleColor();
  }
  if (!ui.last_error.empty()) {
    ImGui::Separator();
    if (ImGui::SmallButton("知道了")) ui.last_error.clear();
    mark_widget(ui, "banner.dismiss");
    ImGui::SameLine();
    // The record keeps the rule ids; the user reads the sentence, the ids in a tooltip (issue 15).
    const SplitMessage shown = split_rule_codes(ui.last_error);
    ImGui::PushStyleColor(ImGuiCol_Text, bad);
    ImGui::TextWrapped("%s", shown.text.c_str());
    ImGui::PopStyleColor();
    if (!shown.rules.empty()) ImGui::SetItemTooltip("%s", rule_tooltip_zh(shown.rules).c_str());
    mark_widget(ui, "banner.error");
  }
}

void draw_status_bar(const AppView& view, const UiState&) {
  ImGui::Separator();
  draw_save_state(view.shell);
  if (view.shell.full_font_loaded)
    ImGui::TextDisabled("字库：完整（约两万个汉字）");
  else if (!view.shell.full_font_error.empty())
    ImGui::TextColored(ImVec4(0.70f, 0.20f, 0.15f, 1), "字库：%s", view.shell.full_font_error.c_str());
  else
    ImGui::TextDisabled("字库：正在加载完整字库…");
  if (!view.shell.storage_note.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("｜ %s", view.shell.storage_note.c_str());
  }
  ImGui::SameLine();
  ImGui::TextDisabled("｜ 版本 %s", view.shell.version.c_str());
}

}  // namespace

// Each screen is called through this table rather than a switch (issue 16): the browser compiles
// a wasm function when it is first called, and binaryen's -Oz inlines every function that has one
// direct caller, so a switch made the frame one 112 KB function — every screen compiled to draw the
// first one. Through the table, only the screen shown is compiled.
namespace {
using Panel = void (*)(const AppView&, UiState&, Commands&);
Panel panel_of(View v) {
  switch (v) {
    case View::Start: return draw_start;
    case View::Home: return draw_home;
    case View::Profile: return draw_profile;
    case View::Charset: return draw_charset;
    case View::Apply: return draw_apply;
    case View::Cases: return draw_cases;
    case View::Today: return draw_today;
    case View::Case: return draw_case;
    case View::Settings: return draw_settings;
    case View::Data: return draw_data;
    case View::Notices: return draw_notices;
  }
  return draw_start;
}
}  // namespace

void App::frame() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  constexpr ImGuiWindowFlags kRoot = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_MenuBar |
                                     ImGuiWindowFlags_NoBringToFrontOnFocus;
  UiState& ui = core_.ui();
  Commands& out = core_.commands();
  const AppView& view = core_.begin_frame();
  if (ImGui::Begin("CertDesk", nullptr, kRoot)) {
    if (ImGui::BeginMenuBar()) {
      ImGui::TextUnformatted("网安联认证中心 · 认证工作台");
      ImGui::EndMenuBar();
    }
    const float status_h = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
    const float nav_w = 11.0f * ImGui::GetFontSize();
    if (ImGui::BeginChild("nav", ImVec2(nav_w, -status_h), ImGuiChildFlags_Borders))
      draw_navigation(view, ui, out);
    ImGui::EndChild();
    ImGui::SameLine();
    if (ImGui::BeginChild("main", ImVec2(0, -status_h), ImGuiChildFlags_Borders)) {
      // A message belongs to the page it was raised on: it is tied to the page shown when it
      // first appears and dropped when the user goes to another page.
      const std::string page = page_key(view.model);
      if (ui.info.empty() && ui.last_error.empty()) ui.message_page.clear();
      else if (ui.message_page.empty()) ui.message_page = page;
      else if (ui.message_page != page) {
        ui.info.clear();
        ui.last_error.clear();
        ui.message_page.clear();
      }
      const bool banners = has_banners(view, ui);
      // The page takes the height the banners left last frame (measured below); the banners'
      // own height changes only the page's bottom edge, never where its content starts.
      if (!banners) ui.banner_h = 0;
      ImGui::BeginChild("page", ImVec2(0, banners && ui.banner_h > 0 ? -ui.banner_h : 0));
      panel_of(view.model.view)(view, ui, out);
      ImGui::EndChild();
      if (banners) {
        const float top = ImGui::GetCursorPosY();
        draw_banners(view, ui, out);
        draw_undo_offer(ui, out);  // a removal's message with 撤销 (ui/cases/panel_deliberate.cpp)
        ui.banner_h = ImGui::GetCursorPosY() - top;
      }
    }
    ImGui::EndChild();
    draw_status_bar(view, ui);
  }
  ImGui::End();

  core_.end_frame();
}

nlohmann::json App::state_json() const {
  nlohmann::json j = core_.state_json();
  nlohmann::json widgets = nlohmann::json::object();
  for (const auto& w : core_.ui().widgets) widgets[w.id] = {w.x, w.y, w.w, w.h};
  // GB2312 coverage of the loaded fonts: every one of its 6,763 hanzi must render (issue 3).
  int in_font = 0, hanzi = 0, hanzi_in_font = 0;
  ImFont* font = ImGui::GetIO().Fonts->Fonts.empty() ? nullptr : ImGui::GetIO().Fonts->Fonts[0];
  for (unsigned short c : core_.ui().gb2312) {
    const bool found = font && font->IsGlyphInFont(static_cast<ImWchar>(c));
    const bool is_hanzi = c >= 0x4E00 && c <= 0x9FFF;
    in_font += found;
    hanzi += is_hanzi;
    hanzi_in_font += found && is_hanzi;
  }
  j["gb2312"] = {{"total", core_.ui().gb2312.size()}, {"inFont", in_font}, {"hanzi", hanzi}, {"hanziInFont", hanzi_in_font}};
  j["widgets"] = std::move(widgets);
  return j;
}

}  // namespace certdesk::ui
