// wasm/main.cpp — the browser entry: a WebGL2 window through Emscripten's GLFW, Dear ImGui,
// the two-stage CJK font, the IME and clipboard bridge, the main loop and the test hook.
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <string>
#include <unistd.h>
#include <vector>

#include "ui/shell/app.hpp"
#include "wasm/storage.hpp"

// Implemented in wasm/browser.js.
extern "C" {
void certdesk_js_set_clipboard(const char* text);
void certdesk_js_ime(int want_text, float x, float y, float line_height);
void certdesk_js_frame_done();
void certdesk_js_mark(const char* phase);  // storeTiming()[phase] = now
void certdesk_js_apply_update();
void certdesk_js_sha256(int job, const std::uint32_t* ptrs, const std::uint32_t* lens, int count);
void certdesk_js_download(const char* name, const char* type, const char* data, std::uint32_t len);
void certdesk_js_pick_files(const char* purpose, const char* accept);
int certdesk_js_open_print(const char* title, const char* html, std::uint32_t len);
int certdesk_js_tz_offset_minutes();
void certdesk_js_data_failed(const char* what);  // index.html's stop page for start-up data
void certdesk_js_load_case(const char* case_id);
void certdesk_js_loop_start();  // the loop exists: input may wake it from now on
void certdesk_js_sleep();       // pause the main loop until a wake (or the next timer)
void certdesk_js_resume();      // resume it if it sleeps (and no file read holds it)
}

namespace {

struct PendingFont {
  void* data = nullptr;
  int size = 0;
};

struct Runtime {
  GLFWwindow* window = nullptr;
  certdesk::ui::App app;
  float dpr = 0.0f;
  double css_w = 0.0, css_h = 0.0;  // the canvas's CSS size the last frame was drawn at
  PendingFont pending_font;
  bool first_frame = true;
  // Benchmarks (tests/bench/frame_time.mjs): the CPU time of each frame, from the start of the
  // main-loop callback to the end of the draw calls, the last kFrameRing frames; and a switch
  // that draws an empty ImGui frame instead of the app, the baseline the figures are relative to.
  static constexpr std::size_t kFrameRing = 1024;
  std::vector<std::pair<double, double>> frame_ms;  // (whole callback, NewFrame → Render)
  std::size_t frame_next = 0;
  bool empty_frames = false;
  std::vector<int> scroll_keys;  // PageUp/PageDown/Home/End from js/ime.js, for the next frame
  // Drawing on demand (issue 16): frames are drawn until `awake_until` (performance.now() ms)
  // and at least `frames_owed` more, then only while something is in motion (should_draw).
  double awake_until = 0.0;
  int frames_owed = 0;
  std::uint64_t frames_drawn = 0;  // frames drawn since the start (test hook, benchmarks)
};

Runtime* g_rt = nullptr;
std::string g_reply;      // keeps the last string handed to JS alive
std::string g_clipboard;  // text of the last paste event, or of the last copy

// Hash ops waiting for WebCrypto: the blobs' addresses, kept until the digests come back.
struct HashJob {
  std::vector<std::uint32_t> ptrs, lens;
};
std::map<long, HashJob> g_hash_jobs;

// ------------------------------------------------------------------ drawing on demand (issue 16)
// The main loop draws only when something may have changed, and otherwise sleeps (the main loop
// paused, js/loop.js) until a wake: any input event (js/loop.js listens before GLFW does), every
// exported entry point that changes state (an effect's result: a hash, a file, the store, a save,
// the font, an update; the test hook's dispatch), a timer (the date at midnight; a heartbeat).
// After a wake it keeps drawing a while: ImGui needs frames after an input for hover, tooltip
// delays (0.15–0.4 s), windows that size themselves and tables that fit their columns. A missed
// wake is a frozen UI, so whatever is in motion keeps it drawing (should_draw).
constexpr double kAwakeAfterInputMs = 1000.0;  // an input: hover, tooltips, the UI's response
constexpr double kAwakeAfterResultMs = 250.0;  // an effect's result: the change and its layout
constexpr int kWakeFrames = 4;                 // at least this many frames after any wake

void wake_for(double ms, int frames) {
  if (!g_rt) return;
  g_rt->awake_until = std::max(g_rt->awake_until, emscripten_get_now() + ms);
  g_rt->frames_owed = std::max(g_rt->frames_owed, frames);
  certdesk_js_resume();
}
// Something changed outside a frame: draw it.
void wake_result() { wake_for(kAwakeAfterResultMs, kWakeFrames); }

std::string read_text(const char* path) {
  std::string text;
  FILE* f = std::fopen(path, "rb");
  if (!f) return text;
  char buf[8192];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
  std::fclose(f);
  return text;
}

// Local time with its offset: "2026-11-27T16:02:03+08:00".
std::string now_iso() {
  const int offset = certdesk_js_tz_offset_minutes();
  const std::time_t t = static_cast<std::time_t>(emscripten_date_now() / 1000.0) + offset * 60;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  const int a = offset < 0 ? -offset : offset;
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, offset < 0 ? '-' : '+', a / 60, a % 60);
  return buf;
}

// A random (version 4) UUID from the browser's crypto.getRandomValues (getentropy).
std::string new_uuid() {
  unsigned char b[16] = {};
  if (getentropy(b, sizeof b) != 0)
    for (auto& x : b) x = static_cast<unsigned char>(std::rand());
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);
  char out[37];
  std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
  return out;
}

// The core's effects (ui/shell/app_core.hpp), run in the browser; a result with one of its own goes
// back through AppCore::on, at once (a print window) or later (a hash, a picked file, a case's files).
void run_effects(certdesk::ui::AppCore& core) {
  using namespace certdesk::ui;
  while (core.has_effects()) {
    for (Effect& e : core.take_effects()) {
      if (auto* h = std::get_if<HashBlobs>(&e)) {
        HashJob& job = g_hash_jobs[h->op];
        for (std::string_view b : h->blobs) {
          job.ptrs.push_back(static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(b.data())));
          job.lens.push_back(static_cast<std::uint32_t>(b.size()));
        }
        certdesk_js_sha256(static_cast<int>(h->op), job.ptrs.data(), job.lens.data(), static_cast<int>(job.ptrs.size()));
      } else if (auto* d = std::get_if<OfferDownload>(&e)) {
        certdesk_js_download(d->name.c_str(), d->media_type.c_str(), d->bytes.data(), static_cast<std::uint32_t>(d->bytes.size()));
      } else if (auto* f = std::get_if<PickFiles>(&e)) {
        certdesk_js_pick_files(f->purpose.c_str(), f->accept.c_str());
      } else if (auto* w = std::get_if<OpenPrintWindow>(&e)) {
        const bool opened = certdesk_js_open_print(w->title.c_str(), w->html.data(), static_cast<std::uint32_t>(w->html.size())) != 0;
        core.on(PrintOpened{w->op, opened});
      } else if (auto* l = std::get_if<LoadCaseFiles>(&e)) {
        certdesk_js_load_case(l->case_id.c_str());
      }
    }
  }
}

std::vector<unsigned short> read_charset(const char* path) {
  std::vector<unsigned short> out;
  const std::string text = read_text(path);
  const char* p = text.c_str();
  const char* end = p + text.size();
  while (p < end) {
    unsigned int c = 0;
    const int len = ImTextCharFromUtf8(&c, p, end);
    if (len <= 0) break;
    p += len;
    if (c > 0x7F && c <= 0xFFFF) out.push_back(static_cast<unsigned short>(c));
  }
  return out;
}

void merge_full_font(Runtime& rt) {
  ImGuiIO& io = ImGui::GetIO();
  ImFontConfig cfg;
  cfg.MergeMode = true;  // into the boot font: its glyphs stay, the rest come from here
  cfg.OversampleH = cfg.OversampleV = 1;  // as the boot font
  std::snprintf(cfg.Name, sizeof cfg.Name, "%s", "cjk-full");
  ImFont* font = io.Fonts->AddFontFromMemoryTTF(rt.pending_font.data, rt.pending_font.size, 0.0f, &cfg);
  rt.pending_font = {};
  if (!font) {
    rt.app.shell().full_font_error = "完整字库文件无法解析，部分汉字可能显示为方框";
    return;
  }
  // Glyphs looked up before the merge were cached as missing: drop the cache.
  io.Fonts->Fonts[0]->ClearOutputData();
  rt.app.shell().full_font_loaded = true;
}

// The page's pixel ratio and the canvas's CSS size now.
struct CanvasMetrics {
  float dpr = 1.0f;
  double css_w = 0.0, css_h = 0.0;
};
CanvasMetrics canvas_metrics() {
  CanvasMetrics m;
  m.dpr = static_cast<float>(emscripten_get_device_pixel_ratio());
  emscripten_get_element_css_size("#canvas", &m.css_w, &m.css_h);
  return m;
}

void sync_canvas(Runtime& rt) {
  const auto [dpr, css_w, css_h] = canvas_metrics();
  rt.css_w = css_w;
  rt.css_h = css_h;
  const int want_w = static_cast<int>(css_w * dpr + 0.5), want_h = static_cast<int>(css_h * dpr + 0.5);
  int w = 0, h = 0;
  emscripten_get_canvas_element_size("#canvas", &w, &h);
  if (want_w > 0 && want_h > 0 && (w != want_w || h != want_h)) {
    emscripten_set_canvas_element_size("#canvas", want_w, want_h);
    w = want_w;
    h = want_h;
  }
  if (dpr != rt.dpr) {
    rt.dpr = dpr;
    rt.app.shell().dpr = dpr;
    certdesk::ui::apply_theme(dpr);
  }
  // ImGui works in device pixels (the mouse coordinates Emscripten's GLFW reports are in
  // canvas pixels too); the theme scales every size by the pixel ratio instead.
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));
  io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
}

// The save indicator: 已保存 only when every write is covered by a finished sync and no file's
// save failed; a file's failure stays until that very file is written (issue 17).
void update_save_state(Runtime& rt) {
  const auto& s = certdesk::wasm::storage_status();
  auto& shell = rt.app.shell();
  using certdesk::ui::SaveState;
  if (!s.failed.empty() || !s.write_failed.empty()) {
    shell.save = SaveState::Failed;
    shell.save_error = certdesk::wasm::failed_files_text(
                           [&](const std::string& path) { return rt.app.core().store_file_label(path); }) +
                       "。修改仍在内存中，请勿关闭页面";
  } else if (s.written == 0) {
    shell.save = SaveState::Idle;
  } else if (s.synced >= s.written) {
    shell.save = SaveState::Saved;
  } else if (!s.error.empty()) {
    shell.save = SaveState::Failed;
    shell.save_error = s.error;
  } else {
    shell.save = SaveState::Saving;
  }
}

void scroll_under_pointer(int key);

// Whether this frame must be drawn: after a wake, and while anything is in motion. When in doubt,
// draw: a frame too many costs a few milliseconds, a frame missing leaves the screen stale.
bool should_draw(Runtime& rt) {
  if (rt.first_frame || rt.frames_owed > 0 || emscripten_get_now() < rt.awake_until) return true;
  if (rt.pending_font.data || !rt.scroll_keys.empty()) return true;
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (!g.InputEventsQueue.empty()) return true;  // input GLFW queued without a wake
  if (ImGui::IsAnyMouseDown()) return true;     // a press, a drag, a held scrollbar
  for (const ImGuiKeyData& key : g.IO.KeysData)
    if (key.Down) return true;                   // ImGui repeats held keys itself
  if (g.ActiveId != 0) {
    // A text field being edited sleeps with its caret shown (it blinks 0.8 s on, 0.4 s off);
    // anything else active (a drag, a held button) keeps drawing.
    const ImGuiInputTextState* text = ImGui::GetInputTextState(g.ActiveId);
    if (!text) return true;
    if (g.IO.ConfigInputTextCursorBlink && text->CursorAnim > 0.0f && ImFmod(text->CursorAnim, 1.20f) > 0.80f)
      return true;
  }
  if (g.DragDropActive || g.NavWindowingTarget) return true;
  // The app's own work in progress: an operation (its busy line), case histories still read a
  // slice per frame after the first.
  if (rt.app.core().busy() || rt.app.core().unread_histories() > 0) return true;
  // The pixel ratio or the canvas's size changed since the last frame: js/loop.js watches them
  // while the app sleeps, against their values when it fell asleep, so a change between the
  // last frame and now would otherwise go unseen until the next input.
  const CanvasMetrics now = canvas_metrics();
  return now.dpr != rt.dpr || now.css_w != rt.css_w || now.css_h != rt.css_h;
}

void frame(void* arg) {
  Runtime& rt = *static_cast<Runtime*>(arg);
  if (!should_draw(rt)) {
    certdesk_js_sleep();  // no frame until a wake; the canvas keeps the last one
    return;
  }
  if (rt.frames_owed > 0) --rt.frames_owed;
  ++rt.frames_drawn;
  const double t0 = emscripten_get_now();
  // The first frame is on screen: now the start-up data (a no-op once parsed).
  if (!rt.first_frame) rt.app.core().ensure_config();
  update_save_state(rt);
  if (rt.pending_font.data) merge_full_font(rt);
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  sync_canvas(rt);
  const double t_ui = emscripten_get_now();
  ImGui::NewFrame();
  for (int key : rt.scroll_keys) scroll_under_pointer(key);  // the hovered window of the last frame
  rt.scroll_keys.clear();
  if (!rt.empty_frames) rt.app.frame();
  run_effects(rt.app.core());  // what the frame's commands asked of the browser
  ImGui::Render();
  const double ui_ms = emscripten_get_now() - t_ui;
  if (rt.app.core().take_update_request()) {
    // A new version is applied only with nothing left unsaved (issue 8). The state is taken
    // again: a change made in this frame is not in the one computed before it.
    update_save_state(rt);
    const auto save = rt.app.shell().save;
    if (save == certdesk::ui::SaveState::Saving || save == certdesk::ui::SaveState::Failed)
      rt.app.core().show_message("还有修改尚未保存完成，请稍候再更新。");
    else
      certdesk_js_apply_update();
  }
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  glViewport(0, 0, static_cast<int>(size.x), static_cast<int>(size.y));
  glClearColor(0.965f, 0.969f, 0.976f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  const std::pair<double, double> ms{emscripten_get_now() - t0, ui_ms};
  if (rt.frame_ms.size() < Runtime::kFrameRing) rt.frame_ms.push_back(ms);
  else rt.frame_ms[rt.frame_next] = ms;
  rt.frame_next = (rt.frame_next + 1) % Runtime::kFrameRing;
  if (rt.first_frame) {
    rt.first_frame = false;
    certdesk_js_frame_done();
  }
}

// The mouse wheel and touchpad (issue 15). Emscripten's GLFW emulation quantises wheel deltas and
// ImGui's GLFW backend ignores them under Emscripten, expecting its own wheel listener
// (ImGui_ImplGlfw_InstallEmscriptenCallbacks), which also resizes the GLFW window to the canvas's
// CSS size — wrong here (the canvas is sized in device pixels, and a size equal to the screen is
// a fullscreen request in Emscripten 3.1.6). So only the wheel part, as ImGui's backend does it:
// 100 pixels, 3 lines or 1/80 page make one step; touchpads send small pixel deltas, kept as such.
EM_BOOL on_wheel(int, const EmscriptenWheelEvent* ev, void*) {
  float per_step = 0.0f;
  if (ev->deltaMode == DOM_DELTA_PIXEL) per_step = 1.0f / 100.0f;
  else if (ev->deltaMode == DOM_DELTA_LINE) per_step = 1.0f / 3.0f;
  else if (ev->deltaMode == DOM_DELTA_PAGE) per_step = 80.0f;
  ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(ev->deltaX) * -per_step,
                                    static_cast<float>(ev->deltaY) * -per_step);
  return EM_TRUE;  // the page itself never scrolls
}

// PageUp / PageDown / Home / End outside text fields (js/ime.js hands them over; issue 15): scroll
// the region under the pointer — the innermost window there that can scroll, else its parents.
void scroll_under_pointer(int key) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  ImGuiWindow* w = g.HoveredWindow;
  while (w && w->ScrollMax.y <= 0.0f && (w->Flags & ImGuiWindowFlags_ChildWindow) && w->ParentWindow)
    w = w->ParentWindow;
  if (!w || w->ScrollMax.y <= 0.0f) return;
  // A page keeps one line of the previous view, as browsers do.
  const float page = std::max(w->InnerRect.GetHeight() - ImGui::GetTextLineHeightWithSpacing(), 1.0f);
  float y = w->Scroll.y;
  if (key == 1) y -= page;
  else if (key == 2) y += page;
  else if (key == 3) y = 0.0f;
  else if (key == 4) y = w->ScrollMax.y;
  ImGui::SetScrollY(w, std::clamp(y, 0.0f, w->ScrollMax.y));
}

void set_ime_data(ImGuiContext*, ImGuiViewport*, ImGuiPlatformImeData* data) {
  certdesk_js_ime(data->WantTextInput || data->WantVisible, data->InputPos.x, data->InputPos.y,
                  data->InputLineHeight);
}

}  // namespace

namespace certdesk::wasm {
void changed_outside_frame() { wake_result(); }
}  // namespace certdesk::wasm

extern "C" {

// A scroll key outside text fields (1 PageUp, 2 PageDown, 3 Home, 4 End), applied in the next frame.
EMSCRIPTEN_KEEPALIVE void certdesk_scroll_key(int key) {
  if (g_rt) g_rt->scroll_keys.push_back(key);
  wake_for(kAwakeAfterInputMs, kWakeFrames);
}

// Wake the main loop (js/loop.js): `input` 1 for an input event (mouse, keys, wheel, IME, paste,
// resize, focus), 0 for a timer or a result without an entry point of its own; `frames`: at
// least that many frames (2 at the least; drawEveryFrame asks for them every animation frame).
EMSCRIPTEN_KEEPALIVE void certdesk_wake(int input, int frames) {
  wake_for(input ? kAwakeAfterInputMs : 0.0, std::max(frames, 2));
}

// Frames drawn since the start (test hook: an idle page draws none).
EMSCRIPTEN_KEEPALIVE double certdesk_frames_drawn() {
  return g_rt ? static_cast<double>(g_rt->frames_drawn) : 0.0;
}

// A mouse button released outside the canvas (js/ime.js), which GLFW never reports: DOM button
// numbers (0 left, 1 middle, 2 right). ImGui ignores a release of a button it has as up.
EMSCRIPTEN_KEEPALIVE void certdesk_mouse_release(int dom_button) {
  static constexpr int kImGuiButton[] = {ImGuiMouseButton_Left, ImGuiMouseButton_Middle, ImGuiMouseButton_Right};
  if (!g_rt || dom_button < 0 || dom_button > 2) return;
  ImGui::GetIO().AddMouseButtonEvent(kImGuiButton[dom_button], false);
  wake_for(kAwakeAfterInputMs, kWakeFrames);
}

// Text committed by the IME bridge or pasted (UTF-8). Arrives between frames.
EMSCRIPTEN_KEEPALIVE void certdesk_ime_commit(const char* text) {
  if (g_rt && text) ImGui::GetIO().AddInputCharactersUTF8(text);
  wake_for(kAwakeAfterInputMs, kWakeFrames);
}

// The complete CJK font, fetched after the first frame. Ownership of `data` (malloc'ed by JS)
// passes to ImGui's atlas.
// The text of a DOM paste event that followed Ctrl/Cmd+V; ImGui's paste shortcut reads it.
EMSCRIPTEN_KEEPALIVE void certdesk_paste_text(const char* text) {
  g_clipboard = text ? text : "";
  wake_for(kAwakeAfterInputMs, kWakeFrames);
}

EMSCRIPTEN_KEEPALIVE void certdesk_font_add(void* data, int size) {
  if (!g_rt) return;
  g_rt->pending_font = {data, size};
  wake_result();
}

// Another tab released the store and js/store_load.js reloaded it from IndexedDB: this tab now writes.
EMSCRIPTEN_KEEPALIVE void certdesk_storage_takeover() {
  if (!g_rt) return;
  g_rt->app.shell().read_only = false;
  g_rt->app.shell().load_error = certdesk::wasm::store_load_error();  // the reload failed: still nothing written
  g_rt->app.core().reload_store();
  wake_result();
}

// js/store_load.js put more of the store's case files into the file system (after the first frame).
EMSCRIPTEN_KEEPALIVE void certdesk_store_arrived() {
  if (!g_rt) return;
  g_rt->app.core().on(certdesk::ui::FilesArrived{});
  run_effects(g_rt->app.core());
  wake_result();
}

EMSCRIPTEN_KEEPALIVE void certdesk_update_available() {
  if (g_rt) g_rt->app.shell().update_available = true;
  wake_result();
}

EMSCRIPTEN_KEEPALIVE void certdesk_storage_note(const char* text) {
  if (g_rt) g_rt->app.shell().storage_note = text ? text : "";
  wake_result();
}

EMSCRIPTEN_KEEPALIVE void certdesk_font_failed(const char* why) {
  if (g_rt) g_rt->app.shell().full_font_error = std::string("完整字库加载失败（") + why + "），部分汉字可能显示为方框";
  wake_result();
}

// WebCrypto finished a hash job: comma-separated hex digests, or an error.
EMSCRIPTEN_KEEPALIVE void certdesk_sha256_done(int job, const char* hex_list, const char* error) {
  g_hash_jobs.erase(job);
  wake_result();
  if (!g_rt) return;
  std::vector<std::string> hashes;
  std::string list = hex_list ? hex_list : "";
  for (std::size_t start = 0; !list.empty() && start <= list.size();) {
    const std::size_t comma = list.find(',', start);
    hashes.push_back(list.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  g_rt->app.core().on(certdesk::ui::HashesDone{job, std::move(hashes), error ? error : ""});
  run_effects(g_rt->app.core());
}

// A file chosen in the picker: js/files.js asks for a buffer of its size, fills it, then hands it
// over — the bytes are copied once, from the browser's file into the string the app keeps.
std::string g_file_buffer;

EMSCRIPTEN_KEEPALIVE char* certdesk_file_buffer(std::uint32_t len) {
  g_file_buffer.clear();
  g_file_buffer.shrink_to_fit();
  g_file_buffer.resize(len);
  return g_file_buffer.data();
}

EMSCRIPTEN_KEEPALIVE void certdesk_file_picked(const char* purpose, const char* name, const char* type) {
  std::string bytes = std::move(g_file_buffer);
  g_file_buffer = std::string();
  if (!g_rt) return;
  g_rt->app.core().ensure_config();
  g_rt->app.core().on(certdesk::ui::FilePicked{purpose ? purpose : "", name ? name : "", type ? type : "", std::move(bytes)});
  run_effects(g_rt->app.core());
  wake_result();
}

EMSCRIPTEN_KEEPALIVE void certdesk_file_failed(const char* purpose, const char* why) {
  if (!g_rt) return;
  g_rt->app.core().on(certdesk::ui::FilePickFailed{purpose ? purpose : "", why ? why : ""});
  run_effects(g_rt->app.core());
  wake_result();
}

// Test hook (see wasm/README.md): the app state as JSON, and the UI's own command path.
EMSCRIPTEN_KEEPALIVE const char* certdesk_test_state() {
  // The save state as of now, not as of the last frame: a change dispatched since then is not
  // saved yet, and a sync may have finished since then.
  if (g_rt) g_rt->app.core().ensure_config();
  if (g_rt) update_save_state(*g_rt);
  g_reply = g_rt ? g_rt->app.state_json().dump() : "{}";
  return g_reply.c_str();
}

// Frame times in ms, oldest first, then forgotten (benchmarks only): [whole callback, ImGui
// NewFrame → Render (the app's own work, without the GL submission)] per frame.
EMSCRIPTEN_KEEPALIVE const char* certdesk_frame_times() {
  nlohmann::json out = nlohmann::json::array();
  if (g_rt) {
    const auto& ring = g_rt->frame_ms;
    const std::size_t n = ring.size(), start = n < Runtime::kFrameRing ? 0 : g_rt->frame_next;
    for (std::size_t i = 0; i < n; ++i) out.push_back({ring[(start + i) % n].first, ring[(start + i) % n].second});
    g_rt->frame_ms.clear();
    g_rt->frame_next = 0;
  }
  g_reply = out.dump();
  return g_reply.c_str();
}

// Draw an empty ImGui frame instead of the app (benchmarks only; changes no data).
EMSCRIPTEN_KEEPALIVE void certdesk_empty_frames(int on) {
  if (g_rt) g_rt->empty_frames = on != 0;
  wake_result();
}

// The save state alone (0 idle, 1 saving, 2 saved, 3 failed): cheap to poll whatever the store holds.
EMSCRIPTEN_KEEPALIVE int certdesk_test_save_state() {
  if (!g_rt) return 0;
  update_save_state(*g_rt);
  return static_cast<int>(g_rt->app.shell().save);
}

// Case histories not read yet (benchmarks: they are read after the first frame).
EMSCRIPTEN_KEEPALIVE int certdesk_test_unread() { return g_rt ? static_cast<int>(g_rt->app.core().unread_histories()) : 0; }

EMSCRIPTEN_KEEPALIVE const char* certdesk_test_dispatch(const char* command_json) {
  nlohmann::json cmd = nlohmann::json::parse(command_json ? command_json : "", nullptr, false);
  if (cmd.is_discarded())
    g_reply = nlohmann::json{{"ok", false}, {"rule", "INPUT"}, {"message", "命令不是有效的 JSON"}, {"field", ""}}.dump();
  else {
    g_rt->app.core().ensure_config();
    g_reply = g_rt->app.dispatch(cmd).dump();
    run_effects(g_rt->app.core());
  }
  // As a click on the UI would: the change, its layout and the widgets' places (widget(id)).
  wake_for(kAwakeAfterInputMs, kWakeFrames);
  return g_reply.c_str();
}

}  // extern "C"

int main() {
  certdesk_js_mark("main");
  if (!glfwInit()) {
    std::fprintf(stderr, "glfwInit failed\n");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  static Runtime rt;
  g_rt = &rt;
  // Created at the canvas's own size (in device pixels), so the first frame needs no resize.
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  const double dpr = emscripten_get_device_pixel_ratio();
  const int win_w = css_w >= 1 ? static_cast<int>(css_w * dpr + 0.5) : 1280;
  const int win_h = css_h >= 1 ? static_cast<int>(css_h * dpr + 0.5) : 720;
  rt.window = glfwCreateWindow(win_w, win_h, "CertDesk", nullptr, nullptr);
  if (!rt.window) {
    std::fprintf(stderr, "glfwCreateWindow failed\n");
    return 1;
  }
  glfwMakeContextCurrent(rt.window);
  certdesk_js_mark("window");

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout is code, not a file in the user's store
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ImGui_ImplGlfw_InitForOpenGL(rt.window, true);
  // Text arrives only through the IME bridge (wasm/js/ime.js), which also carries plain typing;
  // GLFW's keypress path would deliver Latin characters twice.
  glfwSetCharCallback(rt.window, nullptr);
  emscripten_set_wheel_callback("#canvas", nullptr, false, on_wheel);
  ImGui_ImplOpenGL3_Init("#version 300 es");

  ImGuiPlatformIO& pio = ImGui::GetPlatformIO();
  pio.Platform_SetImeDataFn = set_ime_data;
  pio.Platform_SetClipboardTextFn = [](ImGuiContext*, const char* text) {
    g_clipboard = text;
    certdesk_js_set_clipboard(text);
  };
  // The system clipboard can only be read from a DOM paste event (wasm/js/ime.js), which hands
  // its text over before ImGui handles the Ctrl/Cmd+V that caused it.
  pio.Platform_GetClipboardTextFn = [](ImGuiContext*) -> const char* { return g_clipboard.c_str(); };

  // Stage one: a small font with the characters of the interface, so the first frame draws
  // at once; stage two (the complete font) is fetched by browser.js after the first frame.
  ImFontConfig boot;
  std::snprintf(boot.Name, sizeof boot.Name, "%s", "cjk-boot");
  // Hanzi fill their em square: one horizontal sample per pixel draws them as crisply as two
  // and halves the rasterising before the first frame (ImGui bakes each glyph on first use).
  boot.OversampleH = boot.OversampleV = 1;
  if (!io.Fonts->AddFontFromFileTTF("/fonts/boot.ttf", 0.0f, &boot)) {
    // pre_data.js wrote the file before main(), so only a damaged download gets here. ImGui's
    // built-in font has no Chinese (and is left out of the build, IMGUI_DISABLE_DEFAULT_FONT):
    // the start stops with index.html's message, as for a file that did not arrive.
    certdesk_js_data_failed("fonts/boot.ttf：文件已损坏");
    return 0;
  }
  rt.app.core().set_env({now_iso, new_uuid});
  // The example catalogue and the holiday data ship with the app (the body edits them in
  // settings). Parsed when first needed: a new user's start screen draws without them.
  rt.app.core().set_config_loader([](certdesk::ui::AppCore& app) {
    app.set_gb2312(read_charset("/data/gb2312.txt"));
    if (auto c = certdesk::load_catalogue(nlohmann::json::parse(read_text("/data/catalogue.json"), nullptr, false)))
      app.set_catalogue(std::move(c.value()));
    else
      app.show_message("目录数据无法载入：" + c.error().message_zh);
    if (auto cal = certdesk::WorkCalendar::from_json(nlohmann::json::parse(read_text("/data/holidays-cn.json"), nullptr, false)))
      app.set_calendar(std::move(cal.value()));
    if (auto t = certdesk::load_person_days_table(nlohmann::json::parse(read_text("/data/person-days.json"), nullptr, false)))
      app.set_person_days(std::move(t.value()));
  });
  certdesk_js_mark("config");
  // js/store_load.js loaded /store from IndexedDB before main(); a second tab only reads.
  rt.app.shell().read_only = certdesk::wasm::store_read_only();
  // Issue 17: a store that could not be read is shown as such and never written.
  rt.app.shell().load_error = certdesk::wasm::store_load_error();
  rt.app.core().attach_store(certdesk::wasm::store_io());

  certdesk_js_mark("attached");
  rt.awake_until = emscripten_get_now() + kAwakeAfterInputMs;  // the first screen settles
  certdesk_js_loop_start();
  emscripten_set_main_loop_arg(frame, &rt, 0, false);
  return 0;
}
