// ui/shell/app_core.cpp — the core's frame (the view it hands to the screen, the commands it takes
// back), its effects and their results, commands and the store, the test hook's state.
#include "ui/shell/app_core.hpp"

namespace certdesk::ui {

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
    for (const auto& x : items) {
      if (!out.empty()) out += '\n';
      out += x.is_string() ? x.get<std::string>() : x.dump();
    }
  return out;
}

const AppView& AppCore::begin_frame() {
  ui_.widgets.clear();
  ui_.shown_messages.clear();
  refresh_review();
  const Date now = today();
  if (model_.mode == Mode::Body) {
    board_.refresh(workspace_, now, config_.calendar, case_rules_from(config_.settings), config_.catalogue,
                   config_.revision, rows_config_digest());
    store_summaries();
  }
  frame_ctx_ = case_context();
  frame_prefill_ = PrefillContext{&config_.settings, &config_.person_days, &config_.catalogue, &workspace_, now};
  view_.emplace(AppView{model_, shell_, config_.catalogue, workspace_, review_, now, busy_, config_, board_, frame_ctx_,
                        frame_prefill_, &archives_, &inbox_, &sent_, &quarantine_});
  return *view_;
}

void AppCore::end_frame() {
  view_.reset();
  for (const Command& c : commands_.take()) apply(c);
  for (const Request& r : commands_.take_requests()) handle(r);
  run_waiting();
  // After the first frame, histories not read at the start are read a few milliseconds per frame
  // (issue 8: the first frame never waits for them); each read one is checked against its summary.
  if (frames_++ > 0 && workspace_.unread() > 0) workspace_.read_some(kHistoryReadBudgetMs);
  if (workspace_.problem_count() > cases_set_aside_.size()) set_aside_cases();
}

// A case whose file does not read (found at the start, or when its history was first needed)
// is listed with its problem; its file goes to the quarantine, byte for byte (issue 17).
void AppCore::set_aside_cases() {
  if (!store_base_) return;
  const bool can_write = !shell_.read_only && shell_.load_error.empty() && shell_.store_error.empty();
  bool moved = false;
  for (const auto& [id, problem] : workspace_.problems()) {
    if (!cases_set_aside_.insert(id).second) continue;
    const std::string file = case_file(id);
    const std::optional<std::string> bytes = store_base_->read(file);
    if (!bytes) continue;  // missing: nothing to set aside (an earlier start did, or it was lost)
    if (can_write) quarantine_file(*store_base_, file, *bytes, problem, quarantine_stamp(now_iso()));
    shell_.set_aside.emplace_back(file, problem);
    moved = true;
  }
  if (moved) quarantine_ = list_quarantine(*store_base_);  // once, after every move
}

// Effects: each goes to the edge as a value; a result comes back to on() under its op.
void AppCore::hash(std::vector<std::string_view> blobs, HashDone done) {
  const long op = ++next_op_;
  hashing_.emplace(op, std::move(done));
  effects_.push_back(HashBlobs{op, std::move(blobs)});
}
void AppCore::download(std::string name, std::string media_type, std::string bytes) {
  effects_.push_back(OfferDownload{std::move(name), std::move(media_type), std::move(bytes)});
}
void AppCore::pick_files(std::string purpose, std::string accept, bool multiple) {
  effects_.push_back(PickFiles{std::move(purpose), std::move(accept), multiple});
}
void AppCore::load_case(const std::string& case_id) { effects_.push_back(LoadCaseFiles{case_id}); }

void AppCore::on(EdgeResult result) {
  if (auto* h = std::get_if<HashesDone>(&result)) {
    const auto it = hashing_.find(h->op);
    if (it == hashing_.end()) return;  // not an op of this core (a result from before a reload)
    HashDone done = std::move(it->second);
    hashing_.erase(it);
    done(std::move(h->hashes), std::move(h->error));
  } else if (auto* f = std::get_if<FilePicked>(&result)) {
    file_picked(f->purpose, std::move(f->name), std::move(f->media_type), std::move(f->bytes));
  } else if (auto* e = std::get_if<FilePickFailed>(&result)) {
    file_pick_failed(e->purpose, e->why);
  } else if (auto* p = std::get_if<PrintOpened>(&result)) {
    print_opened(p->op, p->opened);
  } else if (std::holds_alternative<FilesArrived>(result)) {
    files_arrived();
  }
}

const std::string& AppCore::rows_config_digest() const {
  if (config_digest_revision_ != config_.revision) {
    config_digest_ = config_digest(config_);
    config_digest_revision_ = config_.revision;
  }
  return config_digest_;
}

// Summaries the board computed from the histories that differ from the stored ones: kept, and
// written unless this tab may not write (another tab holds the store, or it could not be read).
void AppCore::store_summaries() {
  const bool can_write = store_ && !shell_.read_only && shell_.store_error.empty() && shell_.load_error.empty();
  for (CaseSummary& s : board_.take_changed_summaries())
    workspace_.store_summary(std::move(s), can_write ? &*store_ : nullptr);
}

Result<void> AppCore::apply(const Command& c) {
  if (const auto* oc = std::get_if<OpenCase>(&c)) {
    if (!workspace_.contains(oc->case_id)) {
      ui_.last_error = "没有编号为“" + oc->case_id + "”的案件";
      return input_error("case_id", ui_.last_error);
    }
    // Its history may still be loading (issue 8): the workspace says so until it is there.
    if (workspace_.pending(oc->case_id)) load_case(oc->case_id);
  }
  const bool changes_data = *command_file(c) != '\0';  // view state (views, pages) is not stored
  std::optional<UndoRecord> undo = undo_for(c);  // issue 15: what a removal takes, before it goes
  Result<void> r = ok_void();
  if (changes_data && shell_.read_only)
    r = RuleViolation{"STORE-READONLY",
                      "本页为只读：认证工作台已在另一个标签页中打开并负责保存。请在那个标签页中操作；"
                      "关闭那个标签页后，本页会自动接管。",
                      ""};
  else if (changes_data && !shell_.load_error.empty())
    r = RuleViolation{"STORE-ERROR", "浏览器中保存的数据无法读取，为免覆盖，本页不接受修改（详见下方说明）", ""};
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
  if (r.ok() && model_.mode == Mode::Applicant && model_.applicant.package_id.empty() && env_.new_id &&
      !std::holds_alternative<NewApplication>(c))
    apply(NewApplication{new_id()});
  return r;
}

void AppCore::persist(const Command& c) {
  // Each command changes one file, written whole and atomically; nothing else is rewritten.
  const char* file = command_file(c);
  if (store_ && *file) store_->write(file, file_content(file, model_));
}

void AppCore::attach_store(StoreIo io) {
  store_base_ = std::move(io);
  store_ = store_base_;
  reload_store();
}

void AppCore::ensure_config() {
  if (!config_loader_) return;
  const auto load = std::move(config_loader_);
  config_loader_ = nullptr;
  load(*this);
  // The body's own settings go over the shipped data, and summaries are checked against them.
  if (store_) reload_store();
}

void AppCore::reload_store() {
  if (!store_base_) return;
  // Files that do not read are set aside first (issue 17): moved to the quarantine by the tab that
  // writes, only skipped by a read-only one; the start goes on without them.
  const bool can_write = !shell_.read_only && shell_.load_error.empty();
  const std::vector<SetAside> aside = set_aside_damaged(*store_base_, quarantine_stamp(now_iso()), can_write);
  std::vector<std::string> hidden;
  for (const SetAside& a : aside) {
    hidden.push_back(a.path);
    if (std::find_if(shell_.set_aside.begin(), shell_.set_aside.end(), [&](const auto& x) { return x.first == a.path; }) ==
        shell_.set_aside.end())
      shell_.set_aside.emplace_back(a.path, a.reason);
  }
  store_ = can_write ? *store_base_ : hide(*store_base_, hidden);
  cases_set_aside_.clear();
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
  Result<void> w = cases.load(*store_);
  if (!w && w.error().field.rfind(kCaseIndexFile, 0) == 0) {
    // The case index does not read (issue 17): set aside like any other file; the cases' own
    // files stay where they are.
    const std::string reason = w.error().message_zh;  // "cases/index.json.cases[3].id: 应为字符串"
    if (const std::optional<std::string> bytes = store_base_->read(kCaseIndexFile)) {
      if (can_write) quarantine_file(*store_base_, kCaseIndexFile, *bytes, reason, quarantine_stamp(now_iso()));
      hidden.push_back(kCaseIndexFile);
      shell_.set_aside.emplace_back(kCaseIndexFile, reason);
      store_ = can_write ? *store_base_ : hide(*store_base_, hidden);
      w = cases.load(*store_);
    }
  }
  if (!w) {
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
  quarantine_ = list_quarantine(*store_base_);
  set_aside_cases();
}

std::string AppCore::store_file_label(const std::string& path) const {
  const std::string quoted = "（" + path + "）";
  if (path.rfind("applicant/att/", 0) == 0) {
    const std::string id = path.substr(std::string("applicant/att/").size());
    for (const auto& a : model_.applicant.draft.attachments)
      if (a.id == id) return "附件“" + a.name + "”" + quoted;
    if (undo_ && undo_->attachment && undo_->attachment->meta.id == id)  // just removed
      return "附件“" + undo_->attachment->meta.name + "”" + quoted;
    return "附件" + quoted;
  }
  if (path.rfind("cases/", 0) == 0 && path.size() > 11 && path.compare(path.size() - 5, 5, ".json") == 0 &&
      path.find('/', 6) == std::string::npos && path != "cases/index.json")
    return "案件 " + path.substr(6, path.size() - 11) + " 的记录" + quoted;
  return store_file_info(path).label_zh + quoted;  // the store's kinds of file (ui/data/store_files.hpp)
}

nlohmann::json AppCore::dispatch(const nlohmann::json& command) {
  // UI actions that need the browser go the way of the buttons that issue them.
  if (std::optional<Request> request = request_from_json(command)) {
    if (shell_.read_only || !shell_.store_error.empty() || !shell_.load_error.empty() || busy())
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

nlohmann::json AppCore::state_json() const {
  nlohmann::json checks = nlohmann::json::object();
  for (const auto& [key, slot] : ui_.case_verdicts) checks[key] = slot.second.text;
  // Issue 15: messages beside their fields, the applicant's typed values kept because they were
  // not understood, and the open case's forms as being edited.
  nlohmann::json shown_messages = nlohmann::json::array();
  for (const auto& m : ui_.shown_messages) shown_messages.push_back({{"id", m.id}, {"text", m.text}, {"rule", m.rule}});
  nlohmann::json kept = nlohmann::json::object();
  for (const auto& [field, k] : ui_.kept_inputs) kept[field] = k.text;
  nlohmann::json case_forms = nlohmann::json::object();
  for (const auto& [key, form] : ui_.case_forms)
    if (key.rfind(model_.open_case + "/", 0) == 0 && !model_.open_case.empty()) case_forms[key.substr(model_.open_case.size() + 1)] = form;
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
          {"shell", {{"fullFontLoaded", shell_.full_font_loaded},
                     {"save", enum_id(shell_.save)},
                     {"saveError", shell_.save_error},
                     {"readOnly", shell_.read_only || !shell_.load_error.empty()},  // this page writes nothing
                     {"storeError", shell_.store_error},
                     {"setAside", set_aside_json()},
                     {"loadError", shell_.load_error},
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
          {"print", print_json()}};
}

}  // namespace certdesk::ui
