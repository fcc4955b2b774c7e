// ui/widgets/text_widgets.hpp — long text that stays readable (issue 15 item 5): a multi-line field that
// wraps at its own width while it is edited (Dear ImGui 1.92 has no word-wrap flag for
// InputTextMultiline), paragraphs wrapped between CJK characters, values elided to their cell.
#pragma once

#include <imgui.h>
#include <string>
#include <string_view>

namespace certdesk::ui {

// Like ImGui::InputTextMultiline over `logical`, but the text is shown soft-wrapped at the
// field's inner width (ui/widgets/text_wrap.hpp) and re-wrapped as it is edited or the width changes.
// `logical` never receives a soft break; hard newlines the user types stay. True when `logical`
// changed this frame. Escape leaves the field and keeps the text (every change is already
// applied); undo is off (the wrapped buffer would undo into soft breaks).
bool input_multiline_wrapped(const char* id, std::string* logical, ImVec2 size, ImGuiInputTextFlags flags = 0);

// A paragraph wrapped at the available width where Chinese allows it (between characters, not
// before closing punctuation), not only at spaces as ImGui::TextWrapped does; disabled colour
// or not.
void text_wrapped(std::string_view text, bool disabled = false);

// `text` with line breaks where it wraps at `width` pixels in the current font (a multi-line
// label, e.g. for a Selectable).
std::string wrap_to_width(std::string_view text, float width);

// One line cut to the available width at a character boundary with "…", the whole text in a
// tooltip when it was cut (table cells: a MIME type, a name, a certificate number).
void text_fit(std::string_view text, bool disabled = false);

// ImGui::SameLine() when `next` fits in what is left of the line, else a new line: a header of
// several parts never runs off the window's edge.
void same_line_if_fits(std::string_view next);

}  // namespace certdesk::ui
