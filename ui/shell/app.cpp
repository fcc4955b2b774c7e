// ui/shell/app.cpp — the frame: menu, navigation, the current panel, the status bar; command draining.
#include "ui/shell/app.hpp"

#include <imgui.h>

namespace certdesk::ui {

void mark_widget(UiState& ui, const char* id) {
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ui.widgets.push_back({id, a.x, a.y, b.x - a.x, b.y - a.y});
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) out.emplace_back(line);
    start = end + 1;
  }
  return out;
}

std::string join_lines(const nlohmann::json& items) {
  std::string out;
  if (items.is_array())
    for (const auto& x : items) out += (out.empty() ? "" : "\n") + (x.is_string() ? x.get<std::string>() : x.dump());
  return out;
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
  if (!shell.store_error.empty()) {
    ImGui::TextColored(bad, "数据：%s", shell.store_error.c_str());
  } else if (shell.read_only) {
    ImGui::TextColored(bad, "只读：已在另一个标签页中打开");
  } else {
    switch (shell.save) {
      case SaveState::Idle: ImGui::TextDisabled("数据：保存在本机浏览器"); break;
      case SaveState::Saving: ImGui::TextDisabled("保存中…"); break;
      case SaveState::Saved: ImGui::TextColored(ImVec4(0.15f, 0.45f, 0.25f, 1), "已保存"); break;
      case SaveState::Failed: ImGui::TextColored(bad, "保存失败，正在重试：%s", shell.save_error.c_str()); break;
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
  return view.shell.read_only || view.shell.update_available || !view.busy.empty() || !ui.info.empty() ||
         !ui.last_error.empty() || !ui.undo_text.empty();
}

// Banners below the current page (read-only mode, a waiting update, the running operation, the
// last finished one, the last refused command, in full). Below, not above: a message appearing
// or going never moves the page under the user's pointer (issue 15 item 10).
void draw_banners(const AppView& view, UiState& ui) {
  const ImVec4 bad(0.70f, 0.20f, 0.15f, 1);
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

void App::frame() {
  ui_.widgets.clear();
  ui_.shown_messages.clear();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  constexpr ImGuiWindowFlags kRoot = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_MenuBar |
                                     ImGuiWindowFlags_NoBringToFrontOnFocus;
  refresh_review();
  const Date now = today();
  if (model_.mode == Mode::Body) {
    board_.refresh(workspace_, now, config_.calendar, case_rules_from(config_.settings), config_.catalogue,
                   config_.revision, rows_config_digest());
    store_summaries();
  }
  const Context ctx = case_context();
  const PrefillContext prefill{&config_.settings, &config_.person_days, &config_.catalogue, &workspace_, now};
  AppView view{model_, shell_, config_.catalogue, workspace_, review_, now, busy_, config_, board_, ctx, prefill, &archives_,
               &inbox_, &sent_};
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
      // A message belongs to the page it was raised on: it is tied to the page shown when it
      // first appears and dropped when the user goes to another page.
      const std::string page = page_key(model_);
      if (ui_.info.empty() && ui_.last_error.empty()) ui_.message_page.clear();
      else if (ui_.message_page.empty()) ui_.message_page = page;
      else if (ui_.message_page != page) {
        ui_.info.clear();
        ui_.last_error.clear();
        ui_.message_page.clear();
      }
      const bool banners = has_banners(view, ui_);
      // The page takes the height the banners left last frame (measured below); the banners'
      // own height changes only the page's bottom edge, never where its content starts.
      if (!banners) ui_.banner_h = 0;
      ImGui::BeginChild("page", ImVec2(0, banners && ui_.banner_h > 0 ? -ui_.banner_h : 0));
      switch (model_.view) {
        case View::Start: draw_start(view, ui_, commands_); break;
        case View::Home: draw_home(view, ui_, commands_); break;
        case View::Profile: draw_profile(view, ui_, commands_); break;
        case View::Charset: draw_charset(view, ui_, commands_); break;
        case View::Apply: draw_apply(view, ui_, commands_); break;
        case View::Cases: draw_cases(view, ui_, commands_); break;
        case View::Today: draw_today(view, ui_, commands_); break;
        case View::Case: draw_case(view, ui_, commands_); break;
        case View::Settings: draw_settings(view, ui_, commands_); break;
        case View::Data: draw_data(view, ui_, commands_); break;
        case View::Notices: draw_notices(view, ui_, commands_); break;
      }
      ImGui::EndChild();
      if (banners) {
        const float top = ImGui::GetCursorPosY();
        draw_banners(view, ui_);
        draw_undo_offer(ui_, commands_);  // a removal's message with 撤销 (ui/cases/panel_deliberate.cpp)
        ui_.banner_h = ImGui::GetCursorPosY() - top;
      }
    }
    ImGui::EndChild();
    draw_status_bar(view, ui_);
  }
  ImGui::End();

  for (const Command& c : commands_.take()) apply(c);
  for (const Request& r : commands_.take_requests()) handle(r);
  run_waiting();
  // After the first frame, histories not read at the start are read a few milliseconds per frame
  // (issue 8: the first frame never waits for them); each read one is checked against its summary.
  if (frames_++ > 0 && workspace_.unread() > 0) workspace_.read_some(kHistoryReadBudgetMs);
}

const std::string& App::rows_config_digest() const {
  if (config_digest_revision_ != config_.revision) {
    config_digest_ = config_digest(config_);
    config_digest_revision_ = config_.revision;
  }
  return config_digest_;
}

// Summaries the board computed from the histories that differ from the stored ones: kept, and
// written unless this tab may not write (another tab holds the store, or it could not be read).
void App::store_summaries() {
  const bool can_write = store_ && !shell_.read_only && shell_.store_error.empty();
  for (CaseSummary& s : board_.take_changed_summaries())
    workspace_.store_summary(std::move(s), can_write ? &*store_ : nullptr);
}

Result<void> App::apply(const Command& c) {
  if (const auto* oc = std::get_if<OpenCase>(&c)) {
    if (!workspace_.contains(oc->case_id)) {
      ui_.last_error = "没有编号为“" + oc->case_id + "”的案件";
      return input_error("case_id", ui_.last_error);
    }
    // Its history may still be loading (issue 8): the workspace says so until it is there.
    if (workspace_.pending(oc->case_id) && services_.load_case) services_.load_case(oc->case_id);
  }
  const bool changes_data = *command_file(c) != '\0';  // view state (views, pages) is not stored
  std::optional<UndoRecord> undo = undo_for(c);  // issue 15: what a removal takes, before it goes
  Result<void> r = ok_void();
  if (changes_data && shell_.read_only)
    r = RuleViolation{"STORE-READONLY",
                      "本页为只读：认证工作台已在另一个标签页中打开并负责保存。请在那个标签页中操作；"
                      "关闭那个标签页后，本页会自动接管。",
                      ""};
  else if (changes_data && !shell_.store_error.empty())
    r = RuleViolation{"STORE-ERROR", "本机数据无法读取，为避免覆盖，暂不接受修改：" + shell_.store_error, ""};
  else if (const auto* rc = std::get_if<RunCaseCommand>(&c))
    r = run_case_command(*rc);
  else if (const auto* sc = std::get_if<SaveConfig>(&c))
    r = save_config(*sc);
  else
    r = apply_command(model_, c, CommandContext{&config_.catalogue, {}});
  const SetDraftField* edit = std::get_if<SetDraftField>(&c);
  if (edit) ui_.kept_inputs.erase(edit->field);
  if (r.ok()) {
    ui_.last_error.clear();
  } else if (edit && r.error().field == edit->field) {
    // Issue 15: what the applicant typed stays in the field, the message beside it names the
    // field in words the user knows; nothing is saved.
    UserMessage m{edit->field, labelled(field_label_zh(edit->field), plain_text(r.error().message_zh, r.error().rule)),
                  r.error().rule == "INPUT" ? "" : r.error().rule, true};
    ui_.kept_inputs[edit->field] = UiState::KeptInput{edit->value, std::move(m)};
  } else {
    ui_.last_error = edit ? labelled(field_label_zh(edit->field), plain_text(r.error().message_zh, r.error().rule))
                          : r.error().message_zh;
    if (r.error().rule != "INPUT" && !r.error().rule.empty()) ui_.last_error += "（" + r.error().rule + "）";
  }
  const bool own_files = std::holds_alternative<RunCaseCommand>(c) || std::holds_alternative<SaveConfig>(c);
  if (r.ok() && changes_data && !own_files) persist(c);
  if (r.ok() && undo) offer_undo(std::move(*undo));
  // Another application (or side) makes the last removal's undo meaningless.
  if (r.ok() && (std::holds_alternative<NewApplication>(c) || std::holds_alternative<LoadApplication>(c) ||
                 std::holds_alternative<SetMode>(c))) {
    undo_.reset();
    ui_.undo_text.clear();
  }
  // An application gets its id as soon as the applicant starts.
  if (r.ok() && model_.mode == Mode::Applicant && model_.applicant.package_id.empty() && services_.new_id &&
      !std::holds_alternative<NewApplication>(c))
    apply(NewApplication{services_.new_id()});
  return r;
}

void App::persist(const Command& c) {
  // Each command changes one file, written whole and atomically; nothing else is rewritten.
  const char* file = command_file(c);
  if (store_ && *file) store_->write(file, file_content(file, model_));
}

void App::attach_store(StoreIo io) {
  store_ = std::move(io);
  reload_store();
}

void App::ensure_config() {
  if (!config_loader_) return;
  const auto load = std::move(config_loader_);
  config_loader_ = nullptr;
  load(*this);
  // The body's own settings go over the shipped data, and summaries are checked against them.
  if (store_) reload_store();
}

void App::reload_store() {
  if (!store_) return;
  AppModel next = model_;
  Result<void> r = load_store(*store_, next);
  if (!r) {
    shell_.store_error = r.error().message_zh;
    return;
  }
  // Only a new user's start screen goes without the shipped data (ensure_config reloads).
  if (config_loader_ && next.mode != Mode::Unset) {
    ensure_config();
    return;
  }
  Workspace cases;
  if (Result<void> w = cases.load(*store_); !w) {
    shell_.store_error = w.error().message_zh;
    return;
  }
  BodyConfig config = config_;
  if (Result<void> cr = load_config(*store_, config); !cr) {
    shell_.store_error = cr.error().field + "：" + cr.error().message_zh;
    return;
  }
  shell_.store_error.clear();
  model_ = std::move(next);
  workspace_ = std::move(cases);
  // A case written is summarised with the configuration of the moment (ui/cases/case_summary.hpp).
  workspace_.set_summarizer([this](const CaseRecord& c) {
    return summarize(c, config_.calendar, case_rules_from(config_.settings), config_.catalogue, rows_config_digest());
  });
  config_ = std::move(config);
  refresh_records();
  load_notices();
}

nlohmann::json App::dispatch(const nlohmann::json& command) {
  // UI actions that need the browser go the way of the buttons that issue them.
  if (std::optional<Request> request = request_from_json(command)) {
    if (shell_.read_only || !shell_.store_error.empty() || busy())
      return {{"ok", false}, {"rule", busy() ? "BUSY" : "STORE-READONLY"},
              {"message", busy() ? "正在处理上一项操作，请稍候" : "本页为只读"}, {"field", ""}};
    handle(*request);
    return {{"ok", ui_.last_error.empty()}, {"revision", model_.revision}, {"message", ui_.last_error}};
  }
  Result<Command> parsed = command_from_json(command);
  Result<void> r = parsed.ok() ? apply(parsed.value()) : Result<void>(parsed.error());
  if (r.ok()) return {{"ok", true}, {"revision", model_.revision}};
  return {{"ok", false}, {"rule", r.error().rule}, {"message", r.error().message_zh},
          {"field", r.error().field}};
}

nlohmann::json App::state_json() const {
  nlohmann::json checks = nlohmann::json::object();
  for (const auto& [key, slot] : ui_.case_verdicts) checks[key] = slot.second.text;
  nlohmann::json widgets = nlohmann::json::object();
  // Issue 15: messages beside their fields, the applicant's typed values kept because they were
  // not understood, and the open case's forms as being edited.
  nlohmann::json shown_messages = nlohmann::json::array();
  for (const auto& m : ui_.shown_messages) shown_messages.push_back({{"id", m.id}, {"text", m.text}, {"rule", m.rule}});
  nlohmann::json kept = nlohmann::json::object();
  for (const auto& [field, k] : ui_.kept_inputs) kept[field] = k.text;
  nlohmann::json case_forms = nlohmann::json::object();
  for (const auto& [key, form] : ui_.case_forms)
    if (key.rfind(model_.open_case + "/", 0) == 0 && !model_.open_case.empty()) case_forms[key.substr(model_.open_case.size() + 1)] = form;
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
  nlohmann::json review = nlohmann::json::array();
  for (const ReviewItem& i : review_) review.push_back({{"page", enum_id(i.page)}, {"field", i.field}, {"message", i.message}});
  return {{"model", model_to_json(model_)},
          {"review", review},
          {"cases", workspace_.summary_json()},
          {"board", board_json()},
          {"config", {{"settings", settings_to_json(config_.settings)},
                      {"calendarYears", config_.calendar.years()},
                      {"personDays", config_.person_days.label},
                      {"catalogue", config_.catalogue.id + " " + config_.catalogue.version}}},
          {"busy", busy_},
          {"info", ui_.info},
          {"undo", ui_.undo_text},
          {"caseForm", {{"open", ui_.form_report}, {"confirming", ui_.confirm_form},
                        {"rowUndo", ui_.form_undo.text}}},  // a removed table row's message while 撤销 is offered
          {"gb2312", {{"total", ui_.gb2312.size()}, {"inFont", in_font},
                      {"hanzi", hanzi}, {"hanziInFont", hanzi_in_font}}},
          {"shell", {{"fullFontLoaded", shell_.full_font_loaded},
                     {"save", enum_id(shell_.save)},
                     {"saveError", shell_.save_error},
                     {"readOnly", shell_.read_only},
                     {"storeError", shell_.store_error},
                     {"storageNote", shell_.storage_note},
                     {"updateAvailable", shell_.update_available},
                     {"fullFontError", shell_.full_font_error},
                     {"dpr", shell_.dpr},
                     {"version", shell_.version}}},
          {"lastError", ui_.last_error},
          {"checks", checks},  // each open action form's verdict ("" = allowed), as its message shows
          {"lastErrorShown", split_rule_codes(ui_.last_error).text},
          {"messages", shown_messages},
          {"keptInputs", kept},
          {"caseForms", case_forms},
          {"data", data_json()},
          {"notices", notices_json()},
          {"print", print_json()},
          {"widgets", widgets}};
}

}  // namespace certdesk::ui
