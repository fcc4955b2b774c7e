// ui/shell/app_core.hpp — the app without a screen (issue 16, in the style of lager: update(model,
// action) → model + effects). The core holds the model, the panels' view state and the command
// queue; it handles commands and requests, and everything that needs the browser (hashing,
// downloads, the file picker, print windows, loading a case's files) leaves it as an Effect value
// for the edge to run, whose result comes back as an EdgeResult. It builds natively:
// tests/app_core/ runs its flows with a fake edge. ui/shell/app.hpp draws it with ImGui.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/calendar.hpp"
#include "ui/settings/body_config.hpp"
#include "ui/cases/case_actions.hpp"
#include "ui/widgets/messages.hpp"
#include "ui/cases/case_board.hpp"
#include "ui/cases/case_flow.hpp"
#include "ui/data/backup.hpp"
#include "ui/data/store_files.hpp"
#include "ui/cases/cases.hpp"
#include "ui/shell/commands.hpp"
#include "ui/notices/notices.hpp"
#include "ui/shell/store.hpp"

namespace certdesk::ui {

enum class SaveState { Idle, Saving, Saved, Failed };

// Facts about the running shell that panels show but do not own.
struct ShellInfo {
  SaveState save = SaveState::Idle;  // 已保存 only once the change is in IndexedDB
  std::string save_error;           // why the last sync failed (it is retried)
  bool read_only = false;           // another tab holds the store; this one only reads
  std::string store_error;          // the store could not be loaded (nothing is written then)
  // Files of the store that did not read at this start (issue 17): moved to the quarantine (or,
  // in a read-only tab, left alone and not read), each with its reason; the banner names them.
  std::vector<std::pair<std::string, std::string>> set_aside;
  std::string load_error;           // the browser could not read the stored data at all (issue 17):
                                    // read-only, nothing is written, so nothing overwrites it
  std::string storage_note;         // persistence permission and quota, for the status bar
  bool update_available = false;    // a new deployment is installed and waits for the user
  bool full_font_loaded = false;   // the complete CJK font has been merged into the atlas
  std::string full_font_error;     // why the complete font could not be loaded, if it failed
  float dpr = 1.0f;                // device pixel ratio the UI is scaled for
  std::string version = "0.1.0";
};

// The outside world's clock and randomness, supplied by the edge (deterministic in tests).
struct Env {
  std::function<std::string()> now_iso;  // local time, "2026-11-27T16:02:03+08:00"
  std::function<std::string()> new_id;   // a random UUID
};

// Effects: what the core asks the edge to do. Each is a value; an effect with an `op` has a
// result that comes back to AppCore::on as the EdgeResult of the same op.
// SHA-256 (64 lower-case hex digits) of each blob, in order. The blobs point into data the core
// keeps alive until the op's HashesDone arrives. → HashesDone
struct HashBlobs { long op = 0; std::vector<std::string_view> blobs; };
// Offers bytes as a file download.
struct OfferDownload { std::string name, media_type, bytes; };
// Opens the file picker; the chosen files come back as FilePicked (or FilePickFailed) with this
// purpose.
struct PickFiles { std::string purpose, accept; bool multiple = false; };
// Opens a complete HTML document (a printed form) in a new window for print or save-as-PDF.
// → PrintOpened (false when the browser blocked the window)
struct OpenPrintWindow { long op = 0; std::string title, html; };
// Loads this case's files from the durable store ahead of the others (issue 8: they arrive
// after the first frame). → FilesArrived, once they are in the file system.
struct LoadCaseFiles { std::string case_id; };
using Effect = std::variant<HashBlobs, OfferDownload, PickFiles, OpenPrintWindow, LoadCaseFiles>;

// Results: what the edge reports back.
struct HashesDone { long op = 0; std::vector<std::string> hashes; std::string error; };  // error in Chinese
struct FilePicked { std::string purpose, name, media_type, bytes; };
struct FilePickFailed { std::string purpose, why; };
struct PrintOpened { long op = 0; bool opened = false; };
struct FilesArrived {};  // more of the store's files are in the file system (issue 8)
using EdgeResult = std::variant<HashesDone, FilePicked, FilePickFailed, PrintOpened, FilesArrived>;

// What panels read: the model and the shell facts, never mutable.
struct AppView {
  const AppModel& model;
  const ShellInfo& shell;
  const Catalogue& catalogue;
  const Workspace& workspace;
  const std::vector<ReviewItem>& review;  // the applicant's open problems (recomputed on change)
  Date today;
  std::string busy;  // what a running operation is doing ("" when idle)
  const BodyConfig& config;
  const CaseBoard& board;         // rows, order, due list: recomputed on change, cached
  const Context& case_ctx;        // who acts today, with the body's rules (dry runs of actions)
  const PrefillContext& prefill;  // what forms start from
  const std::vector<ArchiveRecord>* archives = nullptr;  // records/archives.json (data panel)
  const NoticeInbox* inbox = nullptr;                     // the applicant's received notices (issue 7)
  const std::vector<notice::SentNotice>* sent_notices = nullptr;  // the body's sent notices (issue 7)
  const std::vector<QuarantinedFile>* quarantine = nullptr;       // files set aside (issue 17)
};

// Things panels ask the app to do that need the browser (file picker, hashing, download).
struct RequestAttach { std::string assessment; std::string requirement; std::string role; };
struct RequestExport { package::Kind kind = package::Kind::final; };
struct RequestReopen {};
struct RequestNewApplication {};
struct RequestImport {};
// The body's configuration: export one part as a JSON file, or pick a file to import into it.
struct RequestConfigExport { std::string part; };  // config_part_id()
struct RequestCaseAttachment { std::string case_id, attachment_id; };  // download a case's document
struct RequestConfigImport { std::string part; };
// Data and backup (ui/data/app_backup.cpp): the whole store as an archive, restore from one, a
// case's archive, and the removal of a case whose retention has ended (R11).
struct RequestBackup {};
struct RequestRestore {};
struct RequestArchiveCase { std::string case_id; };
struct RequestRemoveCase { std::string case_id; };
// Issue 17 item 6: pick the saved archive of a case and check it against the archive record.
struct RequestVerifyArchive { std::string case_id; };
// Notices and answers (ui/notices/app_notices.cpp, issue 7): the hook command as it came, e.g.
// {"type":"ExportNotice","case":…,"kind":"nonconformity_report"} (see notice_request_types()).
struct RequestNotice { nlohmann::json command; };
// Printed forms and the public register (ui/forms/app_print.cpp, issue 7 items 1 and 4): print a saved
// form of a case (index into CaseState::forms; its fields, or the case's prefill when the record
// is the step's event) or a form being edited (code + fields, not saved); export the register.
struct RequestPrintForm { std::string case_id; int index = -1; std::string code; nlohmann::json fields; };
struct RequestExportRegister {};
// Issue 15: undo the last removal the app offered to undo (ui/applicant/app_undo.cpp).
struct RequestUndo {};
// Issue 17: download a file the quarantine holds (its path under quarantine/), byte for byte.
struct RequestQuarantined { std::string stored_as; };
using Request = std::variant<RequestAttach, RequestExport, RequestReopen, RequestNewApplication, RequestImport,
                             RequestConfigExport, RequestConfigImport, RequestCaseAttachment, RequestBackup,
                             RequestRestore, RequestArchiveCase, RequestRemoveCase, RequestNotice,
                             RequestPrintForm, RequestExportRegister, RequestUndo, RequestQuarantined,
                             RequestVerifyArchive>;
// {"type":"Export","kind":"final"|"draft"}, {"type":"Attach","assessment":…,"requirement":…,"role":…},
// {"type":"Reopen"}, {"type":"NewApplication"}, {"type":"ImportPackage"},
// {"type":"ExportConfig","part":"settings"}, {"type":"ImportConfig","part":"calendar"},
// {"type":"DownloadAttachment","case_id":…,"attachment_id":…}, {"type":"Backup"},
// {"type":"Restore"}, {"type":"ArchiveCase","case":…}, {"type":"VerifyArchive","case":…},
// {"type":"RemoveCase","case":…},
// {"type":"PrintForm","case":…,"index":n} or {"type":"PrintForm","case":…,"code":…,"fields":{…}},
// {"type":"ExportRegister"}, {"type":"DownloadQuarantined","file":"quarantine/…"};
// nullopt for other types.
std::optional<Request> request_from_json(const nlohmann::json& j);

// A screen rectangle of a named widget, in ImGui (framebuffer) pixels; for the test hook.
struct WidgetRect {
  std::string id;
  float x = 0, y = 0, w = 0, h = 0;
};

// Panels' own state: edit buffers and the like, never domain data.
struct UiState {
  long seen_revision = -1;
  std::string name_buf;
  std::string note_buf;
  std::string last_error;              // Chinese message of the last refused command
  std::vector<WidgetRect> widgets;     // rebuilt every frame
  std::vector<unsigned short> gb2312;  // GB2312 characters for the charset panel
  bool update_requested = false;       // the user asked to switch to the new version
  std::size_t set_aside_dismissed = 0;  // files set aside the banner was closed for (issue 17)
  std::string info;                    // Chinese message of the last finished operation
  std::string message_page;            // the page info / last_error belong to (dropped on leaving it)
  float banner_h = 0;                  // height the banners took last frame, below the page
  // Edit buffers of the wizard's text fields, keyed by edit path; the one under the caret is
  // not refreshed from the model.
  std::unordered_map<std::string, std::string> buffers;
  std::string editing;                 // edit path of the active text field
  std::string focus_field;             // review page → scroll to this field once
  int focus_delay = 0;                 // frames to draw the target page before scrolling to it
  bool confirm_new = false;            // "开始新的申请" asks first
  bool reviewed = false;               // the review page was shown: missing answers are marked too
  // The body's screens. Case action forms: command JSON keyed by "<case>/<type>", started from
  // prefill() and edited here; each with the dry run's verdict, recomputed when the form or the
  // case changes (case_verdicts below).
  std::unordered_map<std::string, nlohmann::json> case_forms;
  long form_edits = 0;
  std::string case_filter_buf;         // the list's search box
  std::string open_action;             // the action whose form is open in the workspace
  // Settings editors: a working copy per part, saved with validation; the last save's problem.
  std::unordered_map<std::string, nlohmann::json> config_drafts;
  int config_tab = 0;
  // The configuration as the editors compare against, refreshed when its revision changes.
  long config_seen = -1;
  std::unordered_map<std::string, nlohmann::json> config_current;
  std::vector<SettingInfo> setting_infos;
  std::map<std::string, std::string> setting_labels;
  // Issue 15 item 6: each part's working copy as the loader judges it (stamp of edits and revision,
  // the refusal in the user's words), shown beside its field once "settings/<part>" is in
  // touched_forms; the editors' number fields ("config.<part>.<path>" → integer) typed as text.
  long config_edits = 0;
  std::unordered_map<std::string, std::pair<long, UserMessage>> config_verdicts;
  std::map<std::string, bool> config_numbers;
  std::string confirm_remove;          // data panel: the case whose removal asks for confirmation
  std::string open_notice;             // applicant: the notice whose answer is shown (issue 7)
  bool show_notices_tab = false;       // body: bring the workspace's 通知与答复 tab forward once
  // Forms of the 文件 tab (ui/forms/panel_forms.cpp): the form picked for 新建表单, and the one being
  // edited — "<case>/<code>" with its fields, started from the case's prefill or a saved record.
  std::string form_pick;
  std::string form_key;
  nlohmann::json form_fields;
  // Issue 15 (ui/cases/panel_deliberate.cpp): the last removal's message, offered with 撤销 until it is
  // undone, dismissed or replaced; the case form whose confirmation is open ("<case>/<type>"); the
  // fields the user changed ("<case>/<type><key>": their errors show beside them); and the last
  // row removed from a case form's table (team member, scope item), put back by its 撤销.
  std::string undo_text;
  std::string confirm_form;
  nlohmann::json form_report;  // the open case form's errors and warnings, for the test hook
  std::set<std::string> touched;
  struct FormRowUndo {
    std::string form_key, field_key;  // "<case>/<type>", "/members"
    std::size_t index = 0;
    nlohmann::json row;
    std::string text;  // "已删除审核组成员“张组长”。"
  } form_undo;
  // Issue 15 (ui/cases/panel_flow.cpp): the workspace's 下一步 for the open case (recomputed when the key
  // — case, revision, day, user — changes), the 办理 tab brought forward once, 今日待办's filter,
  // and the requirement whose 需补充 note is being written in 申请信息 ("review/<case>/<id>").
  std::string next_key;
  std::vector<NextAction> next_actions;
  bool show_work_tab = false;
  bool today_mine = false;
  std::string review_editing;
  // Issue 15 (messages and typed input): case forms the user has touched (their input errors show
  // only then), each form's refusal in the user's words (stamp, message); the applicant's typed
  // values that were not understood, kept in their field with the message (edit path → both);
  // the date picker's field and month; the messages drawn this frame (for state().messages).
  std::set<std::string> touched_forms;
  std::unordered_map<std::string, std::pair<std::string, UserMessage>> case_verdicts;  // stamp, verdict
  struct KeptInput { std::string text; UserMessage message; };
  std::unordered_map<std::string, KeptInput> kept_inputs;
  std::string picker_for;
  int picker_year = 2026, picker_month = 1;
  struct ShownMessage { std::string id, text, rule; };
  std::vector<ShownMessage> shown_messages;  // rebuilt every frame
};

class Commands {
 public:
  void push(Command c) { queue_.push_back(std::move(c)); }
  void request(Request r) { requests_.push_back(std::move(r)); }
  std::vector<Command> take() { return std::exchange(queue_, {}); }
  std::vector<Request> take_requests() { return std::exchange(requests_, {}); }

 private:
  std::vector<Command> queue_;
  std::vector<Request> requests_;
};

// Lists edited as text, one item per line: the non-empty lines (CR LF too), and back.
std::vector<std::string> split_lines(std::string_view text);
std::string join_lines(const nlohmann::json& items);  // strings as they are, other values as JSON
// Up to `n` problems of an import or export as lines ("· 字段: 问题（规则）"), then how many more.
std::string problem_lines(const package::Problems& problems, std::size_t n = 8);

class AppCore {
 public:
  // A frame, as the screen draws it: the view the panels read (valid until end_frame), then the
  // commands and requests they queued, applied.
  const AppView& begin_frame();
  void end_frame();
  UiState& ui() { return ui_; }
  const UiState& ui() const { return ui_; }
  Commands& commands() { return commands_; }
  // The edge's side: effects to run (in order), and their results.
  std::vector<Effect> take_effects() { return std::exchange(effects_, {}); }
  bool has_effects() const { return !effects_.empty(); }
  void on(EdgeResult result);
  // Same path as the UI's commands: parse, apply, report. {"ok":true} or {"ok":false,...}.
  nlohmann::json dispatch(const nlohmann::json& command);
  nlohmann::json state_json() const;

  ShellInfo& shell() { return shell_; }
  // Attaches the durable store and loads it; on failure the app runs read-only in memory.
  void attach_store(StoreIo io);
  // Reloads from the store, e.g. after another tab handed over the store to this one.
  void reload_store();
  void set_gb2312(std::vector<unsigned short> chars) { ui_.gb2312 = std::move(chars); }
  // True once after the user asked to apply a waiting update (the shell checks for unsaved work).
  bool take_update_request() { return std::exchange(ui_.update_requested, false); }
  void show_message(std::string text) { ui_.last_error = std::move(text); }

  void set_env(Env e) { env_ = std::move(e); }
  // The catalogue applicants fill against and the body checks against (validated by the caller).
  void set_catalogue(Catalogue c);
  void set_calendar(WorkCalendar c);
  void set_person_days(PersonDaysTable t);
  // The shipped start-up data (catalogue, calendar, person-day table, GB2312 list), parsed by
  // `load` on first need rather than before the first frame: the start screen of a new user
  // needs none of it. Needed as soon as a mode is chosen (reload_store runs it then), and the
  // shell runs it from the second frame on, before anything else can happen.
  void set_config_loader(std::function<void(AppCore&)> load) { config_loader_ = std::move(load); }
  void ensure_config();
  // True while a hash or an export/import is running (the shell keeps drawing meanwhile).
  bool busy() const { return !busy_.empty(); }
  // A store file in the user's words for a save failure ("附件“营业执照.pdf”（applicant/att/att-1）").
  std::string store_file_label(const std::string& path) const;
  // Case histories not read yet (read between frames after the first; issue 8).
  std::size_t unread_histories() const { return workspace_.unread(); }
 private:
  // The shell put more of the store's files into the file system (issue 8, FilesArrived): cases
  // whose files are all there become readable; an operation waiting for them runs after the next frame.
  void files_arrived() { workspace_.files_arrived(); }
  // Effects (see above): queued here, taken by the edge.
  using HashDone = std::function<void(std::vector<std::string> hashes, std::string error)>;
  void hash(std::vector<std::string_view> blobs, HashDone done);
  void download(std::string name, std::string media_type, std::string bytes);
  void pick_files(std::string purpose, std::string accept, bool multiple);
  void load_case(const std::string& case_id);
  std::string now_iso() const { return env_.now_iso ? env_.now_iso() : ""; }
  std::string new_id() const { return env_.new_id ? env_.new_id() : ""; }
  void file_picked(const std::string& purpose, std::string name, std::string media_type, std::string bytes);
  void file_pick_failed(const std::string& purpose, const std::string& why);
  void print_opened(long op, bool opened);

  Result<void> apply(const Command& c);
  void handle(const Request& r);
  void handle_now(const Request& r);
  // Runs `then` once the case's files (an empty id: every case's) are in the file system (issue 8):
  // at once when they are; otherwise the app is busy with 正在载入案件数据… until they arrive.
  void when_cases_ready(const std::string& case_id, std::function<void()> then);
  bool cases_ready(const std::string& case_id) const;
  void run_waiting();
  void store_summaries();
  const std::string& rows_config_digest() const;
  void persist(const Command& c);
  void refresh_review();
  Date today() const;
  void finish_operation(std::string info, std::string error);
  void attach_file(const std::string& purpose, std::string name, std::string media_type, std::string bytes);
  void export_package(package::Kind kind);
  void read_package(const std::string& purpose, std::string text);
  Context case_context() const;
  nlohmann::json board_json() const;  // the body's list, due list and chart, for the test hook  // the local user, today, the body's calendar, rules and catalogue
  Result<void> run_case_command(const RunCaseCommand& c);
  Result<void> save_config(const SaveConfig& c);
  void import_config(ConfigPart part, const std::string& text);
  // ui/data/app_backup.cpp
  void handle_data(const Request& r);
  void backup_store();
  void archive_case(const std::string& case_id);
  void remove_case_now(const std::string& case_id);
  void verify_case_archive(const std::string& case_id, std::string text);
  void read_backup(std::string text);
  void refresh_records();
  void reload_keeping_view();
  nlohmann::json data_json() const;
  nlohmann::json set_aside_json() const;
  // ui/notices/app_notices.cpp (issue 7)
  void handle_notice(const nlohmann::json& command);
  void load_notices();
  void export_notice(const std::string& case_id, const std::string& kind);
  void read_notice(std::string text);
  void answer_notice(const nlohmann::json& command);
  void attach_to_answer(const std::string& purpose, std::string name, std::string media_type, std::string bytes);
  void export_response(const std::string& notice_id);
  void read_response(std::string text);
  void save_inbox();
  nlohmann::json notices_json() const;
  // ui/applicant/app_undo.cpp (issue 15): what a removal takes with it, kept to put it back.
  struct UndoRecord {
    std::optional<AttachmentRemoval> attachment;
    std::string bytes;  // the attachment's bytes, removed from the store with it
    std::optional<RestoreDraftRow> row;
  };
  std::optional<UndoRecord> undo_for(const Command& c) const;
  void offer_undo(UndoRecord record);
  void undo_last();
  std::optional<UndoRecord> undo_;
  // ui/forms/app_print.cpp
  void print_form(const RequestPrintForm& r);
  void export_register();
  nlohmann::json print_json() const;  // the open case's forms and the last printed document

  AppModel model_;
  ShellInfo shell_;
  std::optional<StoreIo> store_;        // the store as this start reads it (without files set aside)
  std::optional<StoreIo> store_base_;   // the store as the edge gives it
  std::set<std::string> cases_set_aside_;  // case files moved aside since the start
  void set_aside_cases();               // moves aside the case files the workspace found damaged
  std::vector<QuarantinedFile> quarantine_;  // what the quarantine holds (read at start and after a move)
  UiState ui_;
  Commands commands_;
  Env env_;
  std::vector<Effect> effects_;
  long next_op_ = 0;
  std::map<long, HashDone> hashing_;  // ops waiting for their HashesDone
  struct PrintWaiting { std::string title, file, html; };
  std::map<long, PrintWaiting> printing_;  // ops waiting for their PrintOpened
  // The frame's view (begin_frame) and what it points to.
  std::optional<AppView> view_;
  Context frame_ctx_;
  PrefillContext frame_prefill_;
  BodyConfig config_;            // catalogue, calendar, settings, person-day table
  std::function<void(AppCore&)> config_loader_;  // set until the shipped data are parsed
  Catalogue shipped_catalogue_;  // the example shipped with the app (applicants may use it)
  Workspace workspace_;
  CaseBoard board_;
  mutable std::string config_digest_;  // config_digest(config_) at config_digest_revision_
  mutable long config_digest_revision_ = -1;
  long frames_ = 0;
  static constexpr double kHistoryReadBudgetMs = 6.0;  // per frame, after the first
  std::vector<ReviewItem> review_;
  long review_revision_ = -1;
  std::string busy_;
  struct Waiting {
    std::string case_id;  // "" = every case
    std::function<void()> then;
  };
  Waiting waiting_;  // an operation waiting for case files to arrive (when_cases_ready)
  // Operations waiting for their hashes own what the hashes are computed over.
  std::shared_ptr<void> pending_;
  std::vector<ArchiveRecord> archives_;  // records/archives.json, re-read after each change
  nlohmann::json last_restore_;          // the last restore's report, for the test hook
  NoticeInbox inbox_;                      // applicant/notices.json
  std::vector<notice::SentNotice> sent_;   // records/notices.json
  nlohmann::json last_print_;            // the last printed document (code, title, html), for the test hook
};

}  // namespace certdesk::ui

namespace certdesk {
CERTDESK_ENUM_TABLE(ui::SaveState, {ui::SaveState::Idle, "idle"}, {ui::SaveState::Saving, "saving"},
    {ui::SaveState::Saved, "saved"}, {ui::SaveState::Failed, "failed"})
}  // namespace certdesk
