// ui/widgets/text_widgets.cpp — long text that stays readable: the soft-wrapping multi-line field (ImGui
// edits the wrapped display text; a callback turns each edit back into the logical text and
// re-wraps, ui/widgets/text_wrap.hpp), wrapped paragraphs and elided cells.
#include "ui/widgets/text_widgets.hpp"

#include <algorithm>
#include <optional>
#include <imgui_stdlib.h>

#include "ui/widgets/text_wrap.hpp"

namespace certdesk::ui {

namespace {

// The font's advance as InputText measures it (imgui_widgets.cpp InputTextCalcTextSize), so a
// wrapped line never exceeds what the field shows.
wrap::Advance font_advance() {
  ImFontBaked* baked = ImGui::GetFontBaked();
  const float scale = ImGui::GetFontSize() / baked->Size;
  return [baked, scale](char32_t c) {
    if (c == U'\r') return 0.0f;
    const auto wc = static_cast<ImWchar>(c > 0xFFFF && sizeof(ImWchar) == 2 ? 0xFFFD : c);
    return baked->GetCharAdvance(wc) * scale;
  };
}

struct Editing {
  ImGuiID id;
  std::string* logical;
  const wrap::Wrapped* now;  // the logical text wrapped at this frame's width and font
  float width;
  wrap::Advance advance;
  bool changed = false;
};

// What the active field's buffer held after its last callback: the text an edit starts from.
// One slot, as only the active field gets callbacks; cleared when the field lets go. (A wrap
// width kept instead missed a change of font size: after the pixel ratio changed, the text
// re-wrapped at the old width no longer matched the buffer, which then counted as changed from
// outside, and the next frame dropped the selection and moved the caret.)
struct LastShown {
  ImGuiID id = 0;
  wrap::Wrapped shown;
};
LastShown& last_shown() {
  static LastShown last;
  return last;
}

void replace_buffer(ImGuiInputTextCallbackData* data, const std::string& text, int caret, int sel_a, int sel_b) {
  data->DeleteChars(0, data->BufTextLen);
  data->InsertChars(0, text.data(), text.data() + text.size());
  data->CursorPos = caret;
  data->SelectionStart = sel_a;
  data->SelectionEnd = sel_b;
}

bool shortcut(ImGuiKey key) { return ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(key, false); }

int on_callback(ImGuiInputTextCallbackData* data) {
  auto& e = *static_cast<Editing*>(data->UserData);
  LastShown& last = last_shown();
  const std::string_view buf(data->Buf, static_cast<std::size_t>(data->BufTextLen));
  const auto to_display = [](const wrap::Wrapped& w, std::size_t logical) {
    return static_cast<int>(wrap::logical_to_display(w, logical));
  };
  const auto show_now = [&](int caret, int sel_a, int sel_b) {
    replace_buffer(data, e.now->display, caret, sel_a, sel_b);
    last = {e.id, *e.now};
  };
  if (data->EventFlag == ImGuiInputTextFlags_CallbackEdit) {
    if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
      // ImGui reverted to the text at activation; every change is already applied: keep it.
      const int end = static_cast<int>(e.now->display.size());
      show_now(end, end, end);
      return 0;
    }
    // Before the edit the buffer held what the last callback left, or, in the frame the field
    // was activated, this frame's wrapping (ImGui copied it then).
    const wrap::Wrapped& before = last.id == e.id ? last.shown : *e.now;
    const wrap::Key key = ImGui::IsKeyPressed(ImGuiKey_Backspace) ? wrap::Key::Backspace
                          : ImGui::IsKeyPressed(ImGuiKey_Delete)  ? wrap::Key::Delete
                                                                  : wrap::Key::Other;
    const wrap::EditResult r =
        wrap::apply_display_edit(before, buf, static_cast<std::size_t>(std::max(0, data->CursorPos)), key);
    // A cut copied the wrapped text: the clipboard gets the logical text instead.
    if (shortcut(ImGuiKey_X) && !r.removed.empty()) ImGui::SetClipboardText(r.removed.c_str());
    e.changed = r.logical != *e.logical;
    *e.logical = r.logical;
    wrap::Wrapped now = wrap::wrap_text(*e.logical, e.width, e.advance);
    const int caret = to_display(now, r.caret);
    if (now.display != buf || caret != data->CursorPos) replace_buffer(data, now.display, caret, caret, caret);
    last = {e.id, std::move(now)};
    return 0;
  }
  // Every other frame: copy the logical selection, follow a change of width or font, or of the
  // text from outside.
  std::optional<wrap::Wrapped> shown = wrap::align(*e.logical, buf);
  if (!shown) {
    // The model changed under the field: show it, the caret where it was as far as it can be.
    const int caret = std::min(data->CursorPos, static_cast<int>(e.now->display.size()));
    show_now(caret, caret, caret);
    return 0;
  }
  const auto sel = [&](int d) { return wrap::display_to_logical(*shown, static_cast<std::size_t>(std::max(0, d))); };
  if (data->SelectionStart != data->SelectionEnd && (shortcut(ImGuiKey_C) || shortcut(ImGuiKey_Insert))) {
    const std::size_t a = sel(std::min(data->SelectionStart, data->SelectionEnd));
    const std::size_t b = sel(std::max(data->SelectionStart, data->SelectionEnd));
    ImGui::SetClipboardText(e.logical->substr(a, b - a).c_str());
  }
  if (shown->display != e.now->display) {
    // Wrapped at another width or font size: re-wrapped, the caret and the selection kept on
    // the same characters.
    show_now(to_display(*e.now, sel(data->CursorPos)), to_display(*e.now, sel(data->SelectionStart)),
             to_display(*e.now, sel(data->SelectionEnd)));
    return 0;
  }
  last = {e.id, std::move(*shown)};
  return 0;
}

}  // namespace

bool input_multiline_wrapped(const char* id, std::string* logical, ImVec2 size, ImGuiInputTextFlags flags) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float frame_w = size.x > 0 ? size.x : size.x < 0 ? std::max(4.0f, avail + size.x) : ImGui::CalcItemWidth();
  // The inner width, less a scrollbar that may appear and the caret's pixel.
  const float width = std::max(1.0f, frame_w - 2.0f * style.FramePadding.x - style.ScrollbarSize - 2.0f);
  const wrap::Advance advance = font_advance();
  const wrap::Wrapped now = wrap::wrap_text(*logical, width, advance);
  Editing e{ImGui::GetID(id), logical, &now, width, advance};
  std::string display = now.display;
  ImGui::InputTextMultiline(id, &display, ImVec2(frame_w, size.y),
                            flags | ImGuiInputTextFlags_NoHorizontalScroll | ImGuiInputTextFlags_NoUndoRedo |
                                ImGuiInputTextFlags_CallbackEdit | ImGuiInputTextFlags_CallbackAlways,
                            on_callback, &e);
  if (!ImGui::IsItemActive() && last_shown().id == e.id) last_shown() = {};
  return e.changed;
}

std::string wrap_to_width(std::string_view text, float width) {
  return wrap::wrap_text(text, width, font_advance()).display;
}

void text_wrapped(std::string_view text, bool disabled) {
  const std::string shown = wrap_to_width(text, ImGui::GetContentRegionAvail().x);
  if (disabled) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextUnformatted(shown.data(), shown.data() + shown.size());
  if (disabled) ImGui::PopStyleColor();
}

void text_fit(std::string_view text, bool disabled) {
  const std::string shown = wrap::elide(text, ImGui::GetContentRegionAvail().x, font_advance());
  if (disabled) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextUnformatted(shown.data(), shown.data() + shown.size());
  if (disabled) ImGui::PopStyleColor();
  if (shown.size() != text.size() && ImGui::IsItemHovered(ImGuiHoveredFlags_ForTooltip))
    ImGui::SetTooltip("%.*s", static_cast<int>(text.size()), text.data());
}

void same_line_if_fits(std::string_view next) {
  ImGui::SameLine();
  const float w = ImGui::CalcTextSize(next.data(), next.data() + next.size()).x;
  if (ImGui::GetContentRegionAvail().x < w) ImGui::NewLine();
}

}  // namespace certdesk::ui
