// Soft wrapping of multi-line fields (issue 15 item 5): where lines break (CJK, Latin, mixed, hard
// newlines), offsets logical ↔ display, and edits of the wrapped text back to the logical text.
#include <doctest/doctest.h>

#include "ui/widgets/text_wrap.hpp"

using namespace certdesk::ui::wrap;

namespace {

// A monospace stand-in for the font: Latin 1 px, anything wider than a byte 2 px.
float advance(char32_t c) { return c < 0x80 ? 1.0f : 2.0f; }

Wrapped wrap(std::string_view s, float width) { return wrap_text(s, width, advance); }

// Every line's width, counting trailing spaces as hanging (not counted).
std::vector<float> line_widths(const std::string& display) {
  std::vector<float> out{0};
  float pending_spaces = 0;
  for (std::size_t i = 0; i < display.size();) {
    const auto b = static_cast<unsigned char>(display[i]);
    const std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (display[i] == '\n') {
      out.push_back(0);
      pending_spaces = 0;
    } else if (display[i] == ' ') {
      pending_spaces += 1;
    } else {
      out.back() += pending_spaces + (n == 1 ? 1.0f : 2.0f);
      pending_spaces = 0;
    }
    i += n;
  }
  return out;
}

bool valid_utf8_boundaries(const Wrapped& w) {
  for (std::size_t s : w.soft) {
    if (s + 1 < w.display.size() && (static_cast<unsigned char>(w.display[s + 1]) & 0xC0) == 0x80) return false;
    if (w.display[s] != '\n') return false;
  }
  return true;
}

// Types `text` at display offset `at` of `w`, as ImGui would change its buffer.
EditResult type_at(const Wrapped& w, std::size_t at, std::string_view text) {
  std::string after = w.display;
  after.insert(at, text);
  return apply_display_edit(w, after, at + text.size(), Key::Other);
}

}  // namespace

TEST_CASE("Chinese text breaks between any two characters, within the width") {
  const std::string s = "建立了信息安全管理体系并持续改进";  // 16 characters, 32 px
  const Wrapped w = wrap(s, 10);                               // 5 characters a line
  CHECK(w.display == "建立了信息\n安全管理体\n系并持续改\n进");
  CHECK(w.soft == std::vector<std::size_t>{15, 31, 47});
  CHECK(logical_text(w) == s);
  CHECK(valid_utf8_boundaries(w));
  for (float lw : line_widths(w.display)) CHECK(lw <= 10);
}

TEST_CASE("Latin words break at spaces; a word longer than the line breaks inside it") {
  CHECK(wrap("hello world again", 11).display == "hello world \nagain");
  CHECK(wrap("hello world again", 8).display == "hello \nworld \nagain");
  CHECK(wrap("abcdefghij xy", 4).display == "abcd\nefgh\nij \nxy");
  CHECK(wrap("short", 80).soft.empty());
}

TEST_CASE("Mixed Chinese and Latin: breaks at the script change, not inside ISO27001") {
  const Wrapped w = wrap("按照ISO27001要求实施", 12);
  // "按照" 4 px, "ISO27001" 8 px: 12 px fit; "要求实施" on the next line.
  CHECK(w.display == "按照ISO27001\n要求实施");
  const Wrapped narrow = wrap("按照ISO27001要求", 9);
  CHECK(narrow.display == "按照\nISO27001\n要求");
  for (float lw : line_widths(narrow.display)) CHECK(lw <= 9);
}

TEST_CASE("A number and its unit stay on one line") {
  // "不超过 100" is 10 px: without the rule "MB" would start line 2 alone.
  CHECK(wrap("不超过 100 MB，合计", 10).display == "不超过 \n100 MB，合\n计");
}

TEST_CASE("Closing punctuation never starts a line, opening punctuation never ends one") {
  // 4 characters a line; "，" would start line 2: the break moves one character back.
  CHECK(wrap("信息安全，管理", 8).display == "信息安\n全，管理");
  CHECK(wrap("信息安（全）", 8).display == "信息安\n（全）");
}

TEST_CASE("Hard newlines stay and start a fresh line; empty lines are kept") {
  const std::string s = "第一行\n\n第二行很长很长很长";
  const Wrapped w = wrap(s, 8);
  CHECK(w.display == "第一行\n\n第二行很\n长很长很\n长");
  CHECK(w.soft.size() == 2);
  CHECK(logical_text(w) == s);
}

TEST_CASE("A width of zero wraps nothing; bad UTF-8 never gets a break inside a sequence") {
  CHECK(wrap("信息安全", 0).display == "信息安全");
  const std::string bad = std::string("ab\xE4\xB8") + "信息安全";
  const Wrapped w = wrap(bad, 3);
  CHECK(logical_text(w) == bad);
}

TEST_CASE("Offsets map logical to display and back; at a soft break the caret goes to the next line") {
  const Wrapped w = wrap("abcd efgh", 5);  // "abcd \nefgh"
  REQUIRE(w.display == "abcd \nefgh");
  CHECK(logical_to_display(w, 0) == 0);
  CHECK(logical_to_display(w, 4) == 4);
  CHECK(logical_to_display(w, 5) == 6);  // the start of "efgh"
  CHECK(logical_to_display(w, 9) == 10);
  CHECK(display_to_logical(w, 5) == 5);  // the end of line 1
  CHECK(display_to_logical(w, 6) == 5);
  CHECK(display_to_logical(w, 10) == 9);
  for (std::size_t l = 0; l <= 9; ++l) CHECK(display_to_logical(w, logical_to_display(w, l)) == l);
}

TEST_CASE("Typing at a line's end moves on to the next line; the logical text has no soft break") {
  const std::string s = "信息安全管理";
  const Wrapped w = wrap(s, 8);  // "信息安全\n管理"
  const EditResult r = type_at(w, 12, "体");  // at the end of line 1, before the soft break
  CHECK(r.logical == "信息安全体管理");
  CHECK(r.caret == 15);
  const Wrapped again = wrap(r.logical, 8);
  CHECK(again.display == "信息安全\n体管理");
  CHECK(logical_to_display(again, r.caret) == 16);  // after 体, on line 2
}

TEST_CASE("An IME commit of several characters and a paste of long text") {
  const Wrapped w = wrap("实施", 8);
  EditResult r = type_at(w, 6, "信息安全管理体系");
  CHECK(r.logical == "实施信息安全管理体系");
  CHECK(r.caret == r.logical.size());
  const std::string pasted = "We operate an ISMS certified to ISO/IEC 27001:2022.\n第二段";
  const Wrapped w2 = wrap(r.logical, 8);
  r = type_at(w2, logical_to_display(w2, r.caret), pasted);
  CHECK(r.logical == "实施信息安全管理体系" + pasted);
  const Wrapped w3 = wrap(r.logical, 8);
  CHECK(logical_text(w3) == r.logical);
  CHECK(w3.display.find("\n第二段") != std::string::npos);
}

TEST_CASE("Enter typed next to a soft break is a hard newline") {
  const Wrapped w = wrap("abcd efgh", 5);  // "abcd \nefgh"
  EditResult r = type_at(w, 6, "\n");        // at the start of line 2
  CHECK(r.logical == "abcd \nefgh");
  CHECK(r.caret == 6);
  r = type_at(w, 5, "\n");  // at the end of line 1
  CHECK(r.logical == "abcd \nefgh");
}

TEST_CASE("Backspace or Delete across a soft break removes the real character next to it") {
  const Wrapped w = wrap("信息安全管理", 8);  // "信息安全\n管理", soft break at 12
  std::string after = w.display;
  after.erase(12, 1);  // what ImGui does for Backspace at the start of line 2
  EditResult r = apply_display_edit(w, after, 12, Key::Backspace);
  CHECK(r.logical == "信息安管理");
  CHECK(r.caret == 9);
  CHECK(r.removed == "全");
  r = apply_display_edit(w, after, 12, Key::Delete);  // Delete at the end of line 1
  CHECK(r.logical == "信息安全理");
  CHECK(r.caret == 12);
}

TEST_CASE("Deleting a selection across soft breaks, Ctrl+A then typing, cutting") {
  const std::string s = "建立了信息安全管理体系并持续改进";
  const Wrapped w = wrap(s, 10);  // "建立了信息\n安全管理体\n系并持续改\n进"
  // Select from 了 (6) to 持 (display 38) and delete.
  std::string after = w.display;
  after.erase(6, 38 - 6);
  EditResult r = apply_display_edit(w, after, 6, Key::Backspace);
  CHECK(r.logical == "建立持续改进");
  CHECK(r.removed == "了信息安全管理体系并");
  CHECK(r.caret == 6);
  // Ctrl+A and type: everything replaced.
  r = apply_display_edit(w, "新", 3, Key::Other);
  CHECK(r.logical == "新");
  CHECK(r.caret == 3);
}

TEST_CASE("Replacing one character by another that shares its first bytes stays on boundaries") {
  const Wrapped w = wrap("中中中中中", 4);  // "中中\n中中\n中"
  std::string after = w.display;
  after.replace(0, 3, "丰");  // E4 B8 B0 vs E4 B8 AD
  const EditResult r = apply_display_edit(w, after, 3, Key::Other);
  CHECK(r.logical == "丰中中中中");
  CHECK(r.caret == 3);
}

TEST_CASE("Random edits: the logical text is always the display minus its soft breaks") {
  std::string text = "认证 ISO27001 管理体系，please wrap me 正确地。\n第二行";
  unsigned seed = 7;
  const auto rnd = [&seed](unsigned n) { seed = seed * 1103515245u + 12345u; return (seed >> 16) % n; };
  const char* pieces[] = {"字", "ab", " ", "\n", "汉字汉字", "x"};
  for (int step = 0; step < 300; ++step) {
    const float width = static_cast<float>(3 + rnd(12));
    const Wrapped w = wrap(text, width);
    REQUIRE(logical_text(w) == text);
    // A caret on a code point boundary of the display.
    std::size_t at = rnd(static_cast<unsigned>(w.display.size() + 1));
    while (at < w.display.size() && (static_cast<unsigned char>(w.display[at]) & 0xC0) == 0x80) ++at;
    const std::size_t logical_at = display_to_logical(w, at);
    if (rnd(3) == 0 && at < w.display.size()) {
      // Delete one code point at the caret (Delete key).
      std::size_t end = at + 1;
      while (end < w.display.size() && (static_cast<unsigned char>(w.display[end]) & 0xC0) == 0x80) ++end;
      std::string after = w.display;
      after.erase(at, end - at);
      const EditResult r = apply_display_edit(w, after, at, Key::Delete);
      CHECK(r.logical.size() < text.size());
      text = r.logical;
    } else {
      const std::string piece = pieces[rnd(6)];
      const EditResult r = type_at(w, at, piece);
      std::string expected = text;
      expected.insert(logical_at, piece);
      CHECK(r.logical == expected);
      CHECK(r.caret == logical_at + piece.size());
      text = r.logical;
    }
  }
}

TEST_CASE("A buffer wrapped at any width or font reads back as the text with its soft breaks") {
  // The field's buffer after the pixel ratio changed was wrapped with another font: it must still
  // read as the same text (its breaks found exactly), not as a text changed from outside.
  const std::string text = "本组织建立了信息安全管理体系，按照ISO/IEC 27001:2022 要求\n\n每年开展风险评估 and one review。";
  const auto wide = [](char32_t c) { return c < 0x80 ? 2.0f : 4.0f; };  // the same text at twice the size
  for (float width : {0.0f, 3.0f, 7.0f, 12.0f, 40.0f, 1000.0f}) {
    for (const Wrapped& w : {wrap(text, width), wrap_text(text, width, wide)}) {
      const std::optional<Wrapped> read = align(text, w.display);
      REQUIRE(read.has_value());
      CHECK(read->display == w.display);
      CHECK(read->soft == w.soft);
    }
  }
  const Wrapped w = wrap(text, 10.0f);
  REQUIRE(!w.soft.empty());
  // Another text: a character changed, one missing, one added, a newline more or less.
  std::string changed = w.display;
  changed.replace(changed.find("风"), 3, "危");
  CHECK_FALSE(align(text, changed).has_value());
  CHECK_FALSE(align(text, w.display.substr(0, w.display.size() - 3)).has_value());
  CHECK_FALSE(align(text, w.display + "x").has_value());
  CHECK_FALSE(align(text + "\n", w.display).has_value());
  CHECK_FALSE(align(text, "\n" + w.display).has_value());           // a break before the first character
  CHECK_FALSE(align(text, w.display + "\n").has_value());           // or after the last
  std::string inside = w.display;                                   // or inside a UTF-8 sequence
  inside.insert(inside.find("风") + 1, "\n");
  CHECK_FALSE(align(text, inside).has_value());
  std::string doubled = w.display;                                  // two breaks in a row are a blank line
  doubled.insert(w.soft.front(), "\n");
  CHECK_FALSE(align(text, doubled).has_value());
}

TEST_CASE("Eliding cuts at a code point boundary and leaves room for the ellipsis") {
  // "…" is 2 px here (not ASCII).
  CHECK(elide("application/pdf", 20, advance) == "application/pdf");
  CHECK(elide("application/vnd.openxmlformats", 10, advance) == "applicat…");
  CHECK(elide("网安联认证中心", 9, advance) == "网安联…");
  CHECK(elide("网安联认证中心", 1, advance) == "…");
}
