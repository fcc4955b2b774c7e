// The import's one-pass text scan (UTF-8, nesting depth, lifting of Base64 values) against the
// three separate passes it replaced, kept here as the reference: the same offsets, the same
// lifted text, on hand-made edge cases and on random texts built from the tokens that matter.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "domain/package_detail.hpp"

using namespace certdesk::package::detail;

namespace {

constexpr std::size_t npos = std::string_view::npos;

// ---- reference: the three passes as they were before the one-pass scan ---------------------------

std::size_t ref_invalid_utf8_at(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      else if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      else if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > n) return i;
    if (p[i + 1] < lo || p[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k)
      if (p[i + k] < 0x80 || p[i + k] > 0xBF) return i;
    i += len;
  }
  return npos;
}

std::size_t ref_too_deep_at(std::string_view text, std::size_t max_depth) {
  std::size_t depth = 0;
  bool in_string = false, escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) return i;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return npos;
}

Lifted ref_lift_base64(std::string_view in) {
  constexpr std::string_view kLiftKey = "\"data_base64\"";
  Lifted out;
  std::size_t copied = 0, i = 0;
  bool in_string = false, escaped = false;
  for (; i < in.size(); ++i) {
    const char c = in[i];
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c != '"') continue;
    if (in.compare(i, kLiftKey.size(), kLiftKey) != 0) {
      in_string = true;
      continue;
    }
    std::size_t k = i + kLiftKey.size();
    const auto skip_space = [&] { while (k < in.size() && (in[k] == ' ' || in[k] == '\n' || in[k] == '\r' || in[k] == '\t')) ++k; };
    skip_space();
    if (k >= in.size() || in[k] != ':') { in_string = true; continue; }
    ++k;
    skip_space();
    if (k >= in.size() || in[k] != '"') { i = k - 1; continue; }
    const std::size_t start = k + 1;
    const std::size_t end = in.find_first_of("\"\\", start);
    if (end == std::string_view::npos || in[end] != '"' || end - start < 64) { i = k - 1; continue; }
    out.text.append(in, copied, start - copied);
    out.text += "\\u0000#" + std::to_string(out.blobs.size());
    out.blobs.push_back(in.substr(start, end - start));
    copied = end;
    out.shifts.emplace_back(out.text.size(), end - (out.text.size()));
    i = end;
  }
  out.text.append(in, copied, std::string_view::npos);
  out.used.assign(out.blobs.size(), false);
  return out;
}

// The scan agrees with the reference passes run in the import's order.
void same_as_reference(std::string_view text, std::size_t max_depth) {
  const Scanned s = scan_import_text(text, max_depth);
  const std::size_t bad = ref_invalid_utf8_at(text);
  REQUIRE(invalid_utf8_at(text) == bad);
  REQUIRE(s.invalid_utf8 == bad);
  if (bad != npos) return;
  const std::size_t deep = ref_too_deep_at(text, max_depth);
  REQUIRE(s.too_deep == deep);
  if (deep != npos) return;
  const Lifted l = ref_lift_base64(text);
  REQUIRE(s.lifted.text == l.text);
  REQUIRE(s.lifted.blobs.size() == l.blobs.size());
  for (std::size_t i = 0; i < l.blobs.size(); ++i) {
    REQUIRE(s.lifted.blobs[i].data() == l.blobs[i].data());  // views into the caller's text
    REQUIRE(s.lifted.blobs[i].size() == l.blobs[i].size());
  }
  REQUIRE(s.lifted.shifts == l.shifts);
  REQUIRE(s.lifted.used == l.used);
}

std::string b64_run(std::size_t n, char c = 'Q') { return std::string(n, c); }

}  // namespace

TEST_CASE("UTF-8 validation: the boundaries of RFC 3629's table, at every offset around a word") {
  const std::pair<std::string, bool> cases[] = {
      {"\x7F", true},           {"\x80", false},          {"\xC1\xBF", false},        {"\xC2\x80", true},
      {"\xDF\xBF", true},       {"\xDF\xC0", false},      {"\xE0\x9F\xBF", false},    {"\xE0\xA0\x80", true},
      {"\xED\x9F\xBF", true},   {"\xED\xA0\x80", false},  {"\xEF\xBF\xBF", true},     {"\xEF\xBF\x7F", false},
      {"\xF0\x8F\xBF\xBF", false}, {"\xF0\x90\x80\x80", true}, {"\xF4\x8F\xBF\xBF", true}, {"\xF4\x90\x80\x80", false},
      {"\xF5\x80\x80\x80", false}, {"\xFF", false},       {"\xE4\xB8", false},        {"\xF0\x90\x80", false}};
  for (const auto& [seq, valid] : cases)
    for (std::size_t before = 0; before < 20; ++before) {
      const std::string text = std::string(before, 'a') + seq + std::string(before % 3 ? 9 : 0, 'b');
      CAPTURE(before);
      CHECK(invalid_utf8_at(text) == (valid ? npos : before));
      // The same bytes inside a long string, outside one, and inside a lifted value.
      same_as_reference("[\"" + text + "\"]", 8);
      same_as_reference("[" + text + "]", 8);
      same_as_reference("{\"data_base64\":\"" + b64_run(70) + text + "\"}", 8);
      same_as_reference("{\"data_base64\":\"" + text + b64_run(70) + "\\" + seq + "\"}", 8);
    }
  CHECK(invalid_utf8_at("") == npos);
  CHECK(invalid_utf8_at("中文认证 ASCII 12345678") == npos);
}

TEST_CASE("one-pass scan: depth, escapes and lifting as the three passes found them") {
  const std::string big = b64_run(64);
  const std::string cases[] = {
      "",
      "{}",
      "[[[[[[]]]]]]",
      "[\"[[[[[[[[\"]",
      "[\"\\\"[[[[[[[[\"]",
      "[\"\\\\\"[[[[[[[[]",
      "{\"data_base64\":\"" + big + "\"}",
      "{\"data_base64\" : \n\t\"" + big + "\",\"x\":[[[[[[[[[[]]]]]]]]]]}",
      "{\"data_base64\":\"" + b64_run(63) + "\"}",                      // too short: parsed as is
      "{\"data_base64\":\"" + big + "\\/\"}",                           // escaped: parsed as is
      "{\"data_base64\":\"" + big,                                      // truncated
      "{\"data_base64\"",                                               // truncated after the key
      "{\"data_base64\":",                                              // truncated after the colon
      "{\"data_base64\" x \"" + big + "\"}",                            // no colon
      "{\"data_base64\":[\"" + big + "\"]}",                            // not a string
      "{\"data_base64\":\"data_base64\":\"" + big + "\"}",             // a short value that looks like the key
      "{\"data_base\\u0036\\u0034\":\"\\u0000#0\"}",                   // forged placeholder
      "{\"a\":[{\"data_base64\":\"" + big + "\"},{\"data_base64\":\"" + big + big + "\"}]}",
      "\"\\",                                                           // a backslash at the very end
      "[\"\\\xE4\xB8\xAD\"]",                                           // an escaped multibyte character
      "[\"\\\xE4\xB8\"]",                                               // ... cut short
  };
  for (const std::string& text : cases)
    for (std::size_t depth : {0u, 1u, 2u, 5u, 64u}) {
      CAPTURE(text);
      CAPTURE(depth);
      same_as_reference(text, depth);
    }
  // Too deep, then invalid UTF-8 later: the encoding error is what the import reports.
  const Scanned s = scan_import_text("[[[ \xFF", 2);
  CHECK(s.too_deep == 2);
  CHECK(s.invalid_utf8 == 4);
}

TEST_CASE("one-pass scan: random texts built from the tokens that matter") {
  const std::vector<std::string> tokens = {
      "\"data_base64\"", ":", " ", "\n", "\"", "\\", "\\\"", "{", "[", "}", "]", ",", "a", "Zm9v", "==",
      b64_run(61, 'A'), b64_run(64, 'B'), b64_run(130, 'C'), "中", "\xE4\xB8", "\xC3\xA9", "\xF0\x9F\x98\x80",
      "\xED\xA0\x80", "\x80", "\"data_base64\":\"", "\\u0000#0"};
  std::mt19937 rng(20261127);
  std::uniform_int_distribution<std::size_t> pick(0, tokens.size() - 1), count(0, 40);
  for (int round = 0; round < 4000; ++round) {
    std::string text;
    for (std::size_t n = count(rng); n > 0; --n) {
      const std::string& t = tokens[pick(rng)];
      // Invalid bytes only now and then, so that most texts get past the UTF-8 check.
      if ((t == "\x80" || t == "\xED\xA0\x80" || t == "\xE4\xB8") && rng() % 8 != 0) continue;
      text += t;
    }
    CAPTURE(text);
    same_as_reference(text, rng() % 6);
  }
}
