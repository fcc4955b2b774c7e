// ui/widgets/text_wrap.hpp — soft wrapping of UTF-8 text at a pixel width for multi-line fields (issue 15
// item 5), without ImGui: where the soft breaks go, byte offsets logical ↔ display, and a user's
// edit of the wrapped (display) text turned back into the logical text, which never holds a soft break.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace certdesk::ui::wrap {

// Advance width in pixels of one code point (the font's, at the size the field draws with).
using Advance = std::function<float(char32_t)>;

// The logical text with '\n' inserted at soft breaks. `soft` holds the display byte offsets of
// the inserted '\n', ascending. A soft break always has a character (not '\n') on each side.
struct Wrapped {
  std::string display;
  std::vector<std::size_t> soft;
};

// Wraps each hard line of `logical` (UTF-8) so that no line is wider than `width` pixels, as
// far as a break is possible: between any two CJK characters (not before closing or after
// opening punctuation), after a space before a Latin word, and only when a line has no such
// place, between any two code points — never inside a UTF-8 sequence. Spaces at a line's end
// may hang past the width. A width <= 0 wraps nothing.
Wrapped wrap_text(std::string_view logical, float width, const Advance& advance);

// Display offset of a logical offset; at a soft break the offset after it (the next line's start).
std::size_t logical_to_display(const Wrapped& w, std::size_t logical_offset);
// Logical offset of a display offset (a soft break counts for nothing).
std::size_t display_to_logical(const Wrapped& w, std::size_t display_offset);
// The logical text (the display without its soft breaks).
std::string logical_text(const Wrapped& w);
// `display` read as `logical` with soft breaks, whatever width and font wrapped it: the breaks
// found, or nothing when `display` is not `logical` with '\n' inserted between two characters
// (the text changed under it). Exact, because a soft break never touches a '\n'.
std::optional<Wrapped> align(std::string_view logical, std::string_view display);

// `text` cut at a code point boundary so that it and "…" fit in `width`; `text` itself when it fits.
std::string elide(std::string_view text, float width, const Advance& advance);

// The key that made an edit, when it matters: a Backspace or Delete that removed only a soft
// break removes the real character before (Backspace) or after (Delete) it instead, so the key
// never seems dead.
enum class Key { Other, Backspace, Delete };

struct EditResult {
  std::string logical;        // the new logical text
  std::size_t caret = 0;      // the caret as a logical offset
  std::string removed;        // the logical text the edit removed (for a cut)
};

// `before` is what the field showed; `after` the field's buffer after the user's edit (typing,
// IME commit, paste, cut, deleting a selection), with the caret at display offset `caret`.
// Every '\n' the user added is a hard newline; the soft breaks of `before` outside the edited
// range are dropped from the result, those inside it vanish with it.
EditResult apply_display_edit(const Wrapped& before, std::string_view after, std::size_t caret, Key key);

}  // namespace certdesk::ui::wrap
