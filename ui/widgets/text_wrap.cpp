// ui/widgets/text_wrap.cpp — soft wrapping of UTF-8 text at a pixel width and editing through it (see text_wrap.hpp).
#include "ui/widgets/text_wrap.hpp"

#include <algorithm>

namespace certdesk::ui::wrap {

namespace {

bool continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// Decodes the code point at `i` and its length; a malformed byte counts as one U+FFFD, so a
// break never falls inside a sequence and bad bytes still move forward.
char32_t decode(std::string_view s, std::size_t i, std::size_t& len) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) {
    len = 1;
    return 0xFFFD;
  }
  char32_t c = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
  for (std::size_t k = 1; k < n; ++k) {
    const auto t = static_cast<unsigned char>(s[i + k]);
    if (!continuation(t)) {
      len = 1;
      return 0xFFFD;
    }
    c = (c << 6) | (t & 0x3F);
  }
  len = n;
  return c;
}

bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == 0x3000; }

// Scripts written without spaces: a line may break between any two of their characters.
bool is_cjk(char32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

// Closing punctuation never starts a line, opening punctuation never ends one (GB/T 15834 practice).
constexpr char32_t kClosing[] = {U'，', U'。', U'、', U'；', U'：', U'？', U'！', U'）', U'」', U'』',
                                 U'】', U'》', U'〉', U'”', U'’', U'…', U'％', U',', U'.', U';',
                                 U':', U'?', U'!', U')', U']', U'}', U'%'};
constexpr char32_t kOpening[] = {U'（', U'「', U'『', U'【', U'《', U'〈', U'“', U'‘', U'(', U'[', U'{'};
bool no_break_before(char32_t c) {
  return std::find(std::begin(kClosing), std::end(kClosing), c) != std::end(kClosing);
}
bool no_break_after(char32_t c) {
  return std::find(std::begin(kOpening), std::end(kOpening), c) != std::end(kOpening);
}

// `before` is the code point ahead of `prev`: a number and its unit ("100 MB") stay on one line.
bool may_break_between(char32_t before, char32_t prev, char32_t c) {
  if (is_space(c) || no_break_before(c) || no_break_after(prev)) return false;
  const bool letter = (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z');
  if (prev == U' ' && before >= U'0' && before <= U'9' && letter) return false;
  return is_space(prev) || is_cjk(prev) || is_cjk(c);
}

// Soft breaks as logical offsets: the character starting there begins a new line.
std::vector<std::size_t> break_points(std::string_view s, float width, const Advance& advance) {
  std::vector<std::size_t> out;
  if (width <= 0) return out;
  constexpr std::size_t kNone = std::string_view::npos;
  std::size_t line_start = 0, opportunity = kNone;
  float line_w = 0, w_at_opportunity = 0;
  char32_t prev = U'\n', before = U'\n';
  for (std::size_t i = 0, len = 0; i < s.size(); i += len) {
    const char32_t c = decode(s, i, len);
    if (c == U'\n') {
      line_start = i + len;
      line_w = 0;
      opportunity = kNone;
      before = prev = c;
      continue;
    }
    const float w = advance(c);
    if (i > line_start && may_break_between(before, prev, c)) {
      opportunity = i;
      w_at_opportunity = line_w;
    }
    if (!is_space(c) && i > line_start && line_w + w > width && opportunity != kNone && opportunity > line_start) {
      line_start = opportunity;
      line_w -= w_at_opportunity;
      out.push_back(line_start);
      opportunity = kNone;
    }
    if (!is_space(c) && i > line_start && line_w + w > width) {
      line_start = i;  // no place to break on this line: between any two code points
      line_w = 0;
      out.push_back(line_start);
      opportunity = kNone;
    }
    line_w += w;
    before = prev;
    prev = c;
  }
  return out;
}

// How many of the ascending offsets `v` are below `x`.
std::size_t count_below(const std::vector<std::size_t>& v, std::size_t x) {
  return static_cast<std::size_t>(std::lower_bound(v.begin(), v.end(), x) - v.begin());
}

std::size_t prev_boundary(std::string_view s, std::size_t i) {
  if (i == 0) return 0;
  --i;
  while (i > 0 && continuation(static_cast<unsigned char>(s[i]))) --i;
  return i;
}

std::size_t next_boundary(std::string_view s, std::size_t i) {
  if (i >= s.size()) return s.size();
  std::size_t len = 0;
  decode(s, i, len);
  return i + len;
}

}  // namespace

Wrapped wrap_text(std::string_view logical, float width, const Advance& advance) {
  Wrapped w;
  const std::vector<std::size_t> breaks = break_points(logical, width, advance);
  w.display.reserve(logical.size() + breaks.size());
  std::size_t from = 0;
  for (std::size_t b : breaks) {
    w.display.append(logical.substr(from, b - from));
    w.soft.push_back(w.display.size());
    w.display.push_back('\n');
    from = b;
  }
  w.display.append(logical.substr(from));
  return w;
}

std::size_t logical_to_display(const Wrapped& w, std::size_t logical_offset) {
  // The k-th soft break (0-based) sits before logical offset soft[k] - k.
  std::size_t k = 0;
  while (k < w.soft.size() && w.soft[k] - k <= logical_offset) ++k;
  return logical_offset + k;
}

std::size_t display_to_logical(const Wrapped& w, std::size_t display_offset) {
  return display_offset - count_below(w.soft, display_offset);
}

std::optional<Wrapped> align(std::string_view logical, std::string_view display) {
  if (display.size() < logical.size()) return std::nullopt;
  Wrapped w{std::string(display), {}};
  std::size_t j = 0;
  for (std::size_t i = 0; i < display.size(); ++i) {
    if (j < logical.size() && display[i] == logical[j]) {
      ++j;
      continue;
    }
    // Not the next logical byte: only a soft break may stand here, between two characters.
    const bool between = i > 0 && display[i - 1] != '\n' && j < logical.size() && logical[j] != '\n' &&
                         (static_cast<unsigned char>(logical[j]) & 0xC0) != 0x80;
    if (display[i] != '\n' || !between || (!w.soft.empty() && w.soft.back() + 1 == i)) return std::nullopt;
    w.soft.push_back(i);
  }
  if (j != logical.size()) return std::nullopt;
  return w;
}

std::string logical_text(const Wrapped& w) {
  std::string out;
  out.reserve(w.display.size());
  std::size_t from = 0;
  for (std::size_t s : w.soft) {
    out.append(w.display, from, s - from);
    from = s + 1;
  }
  out.append(w.display, from, std::string::npos);
  return out;
}

std::string elide(std::string_view text, float width, const Advance& advance) {
  float total = 0;
  for (std::size_t i = 0, len = 0; i < text.size(); i += len) total += advance(decode(text, i, len));
  if (total <= width) return std::string(text);
  const float room = width - advance(U'…');
  float w = 0;
  std::size_t end = 0;
  for (std::size_t i = 0, len = 0; i < text.size(); i += len) {
    const float cw = advance(decode(text, i, len));
    if (w + cw > room) break;
    w += cw;
    end = i + len;
  }
  return std::string(text.substr(0, end)) + "…";
}

EditResult apply_display_edit(const Wrapped& before, std::string_view after, std::size_t caret, Key key) {
  const std::string_view p = before.display;
  const std::size_t np = p.size(), nn = after.size();
  const auto cont_at = [](std::string_view s, std::size_t i) {
    return i < s.size() && continuation(static_cast<unsigned char>(s[i]));
  };
  // The edited range: the longest common suffix and prefix, on code point boundaries of both.
  // The caret ends an insertion and starts a deletion, which settles ambiguous cases (Enter
  // typed right before a soft break: which '\n' is the new one?) the way the user did it.
  caret = std::min(caret, nn);
  std::size_t b = 0;
  const std::size_t b_max = std::min(std::min(np, nn), nn - caret);
  while (b < b_max && p[np - 1 - b] == after[nn - 1 - b]) ++b;
  while (b > 0 && (cont_at(p, np - b) || cont_at(after, nn - b))) --b;
  std::size_t a = 0;
  const std::size_t a_max = std::min(std::min(np, nn) - b, caret);
  while (a < a_max && p[a] == after[a]) ++a;
  while (a > 0 && (cont_at(p, a) || cont_at(after, a))) --a;
  const std::size_t p_end = np - b, n_end = nn - b;

  // The soft breaks still in the buffer: those before the edit, and those after it, shifted.
  std::vector<std::size_t> soft_after;
  for (std::size_t s : before.soft)
    if (s < a) soft_after.push_back(s);
    else if (s >= p_end) soft_after.push_back(s - np + nn);

  EditResult r;
  Wrapped now{std::string(after), soft_after};
  const std::size_t ls = display_to_logical(before, a), le = display_to_logical(before, p_end);
  r.removed = logical_text(Wrapped{std::string(p.substr(a, p_end - a)),
                                   [&] {
                                     std::vector<std::size_t> v;
                                     for (std::size_t s : before.soft)
                                       if (s >= a && s < p_end) v.push_back(s - a);
                                     return v;
                                   }()});
  r.logical = logical_text(now);
  r.caret = caret >= a && caret <= n_end ? ls + (caret - a) : display_to_logical(now, caret);
  if (a < p_end && ls == le && n_end == a && (key == Key::Backspace || key == Key::Delete)) {
    // Only soft breaks were removed: the key takes the real character next to them instead.
    if (key == Key::Backspace && ls > 0) {
      const std::size_t from = prev_boundary(r.logical, ls);
      r.removed = r.logical.substr(from, ls - from);
      r.logical.erase(from, ls - from);
      r.caret = from;
    } else if (key == Key::Delete && ls < r.logical.size()) {
      const std::size_t to = next_boundary(r.logical, ls);
      r.removed = r.logical.substr(ls, to - ls);
      r.logical.erase(ls, to - ls);
      r.caret = ls;
    }
  }
  return r;
}

}  // namespace certdesk::ui::wrap
