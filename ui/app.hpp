// ui/app.hpp — the app as the shell sees it: a model, view state, a command queue drained once
// per frame, and the read-only snapshot the panels draw from.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ui/commands.hpp"
#include "ui/store.hpp"

struct ImFont;

namespace certdesk::ui {

enum class SaveState { Idle, Saving, Saved, Failed };

// Facts about the running shell that panels show but do not own.
struct ShellInfo {
  SaveState save = SaveState::Idle;  // 已保存 only once the change is in IndexedDB
  std::string save_error;           // why the last sync failed (it is retried)
  bool read_only = false;           // another tab holds the store; this one only reads
  std::string store_error;          // the store could not be loaded (nothing is written then)
  std::string storage_note;         // persistence permission and quota, for the status bar
  bool update_available = false;    // a new deployment is installed and waits for the user
  bool full_font_loaded = false;   // the complete CJK font has been merged into the atlas
  std::string full_font_error;     // why the complete font could not be loaded, if it failed
  float dpr = 1.0f;                // device pixel ratio the UI is scaled for
  std::string version = "0.1.0";
};

// What panels read: the model and the shell facts, never mutable.
struct AppView {
  const AppModel& model;
  const ShellInfo& shell;
};

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
};

class Commands {
 public:
  void push(Command c) { queue_.push_back(std::move(c)); }
  std::vector<Command> take() { return std::exchange(queue_, {}); }

 private:
  std::vector<Command> queue_;
};

// Records the last item's rectangle under a stable id so that tests can find it.
void mark_widget(UiState& ui, const char* id);

class App {
 public:
  // Draws one frame (between ImGui::NewFrame and ImGui::Render), then applies queued commands.
  void frame();
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

 private:
  Result<void> apply(const Command& c);

  void persist(const Command& c);

  AppModel model_;
  ShellInfo shell_;
  std::optional<StoreIo> store_;
  UiState ui_;
  Commands commands_;
};

// Panels: one per file. Each reads the view, edits only UiState, pushes commands.
void draw_home(const AppView& view, UiState& ui, Commands& out);
void draw_profile(const AppView& view, UiState& ui, Commands& out);
void draw_charset(const AppView& view, UiState& ui, Commands& out);

// Theme (theme.cpp): a light, calm style scaled for the device pixel ratio.
void apply_theme(float dpr);

}  // namespace certdesk::ui
