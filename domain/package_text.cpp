// Application package: text checks (UTF-8, ids, timestamps, hex digests, string limits) shared
// by import and export.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include "domain/package_detail.hpp"

namespace certdesk::package::detail {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

int two(std::string_view s, std::size_t at) {
  return digit(s[at]) && digit(s[at + 1]) ? (s[at] - '0') * 10 + (s[at + 1] - '0') : -1;
}

struct Step {
  const std::string* key = nullptr;  // object member, or
  std::size_t index = 0;             // array index
};

std::string path_of(const std::vector<Step>& steps) {
  std::string p;
  for (const Step& s : steps) {
    if (s.key) {
      if (!p.empty()) p += '.';
      p += *s.key;
    } else {
      p += '[';
      p += std::to_string(s.index);
      p += ']';
    }
  }
  return p;
}

void walk(const json& j, const Limits& limits, bool check_utf8, std::vector<Step>& steps, Problems& out) {
  if (j.is_string()) {
    const std::string& s = j.get_ref<const std::string&>();
    if (s.size() > limits.max_string_bytes)
      out.push_back(RuleViolation{"LIMIT", path_of(steps) + ": 文本长 " + std::to_string(s.size()) +
                                               " 字节，超过每项文本上限 " + std::to_string(limits.max_string_bytes) + " 字节",
                                  path_of(steps)});
    else if (check_utf8 && invalid_utf8_at(s) != std::string_view::npos)
      out.push_back(input_error(path_of(steps), "文本不是有效的 UTF-8 编码"));
  } else if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.key() == "data_base64") continue;  // bounded by the attachment limits
      steps.push_back(Step{&it.key(), 0});
      walk(it.value(), limits, check_utf8, steps, out);
      steps.pop_back();
    }
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) {
      steps.push_back(Step{nullptr, i});
      walk(j[i], limits, check_utf8, steps, out);
      steps.pop_back();
    }
  }
}

}  // namespace

void check_strings(const json& doc, const Limits& limits, bool check_utf8, Problems& out) {
  std::vector<Step> steps;
  walk(doc, limits, check_utf8, steps, out);
}

namespace {

// Length of the valid UTF-8 sequence starting with the byte p[i] ≥ 0x80, or 0 if it is invalid.
std::size_t utf8_sequence(const unsigned char* p, std::size_t i, std::size_t n) {
  const unsigned char c = p[i];
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte (RFC 3629 table)
  if (c >= 0xC2 && c <= 0xDF) len = 2;
  else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;         // no overlong forms
    else if (c == 0xED) hi = 0x9F;    // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    else if (c == 0xF4) hi = 0x8F;    // ≤ U+10FFFF
  } else {
    return 0;
  }
  if (i + len > n) return 0;
  if (p[i + 1] < lo || p[i + 1] > hi) return 0;
  for (std::size_t k = 2; k < len; ++k)
    if (p[i + k] < 0x80 || p[i + k] > 0xBF) return 0;
  return len;
}

// Eight bytes at a time: bit tricks on 8 bytes loaded into a word (memcpy: any alignment).
constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
constexpr std::uint64_t kQuotes = 0x2222222222222222ULL;      // '"' in every byte
constexpr std::uint64_t kBackslashes = 0x5C5C5C5C5C5C5C5CULL; // '\' in every byte

std::uint64_t load8(const unsigned char* p) {
  std::uint64_t x;
  std::memcpy(&x, p, 8);
  return x;
}

// 0x80 in exactly the bytes of x that are zero (no carries between bytes, so no false hits).
std::uint64_t zero_bytes(std::uint64_t x) { return ~(((x & kLow7) + kLow7) | x | kLow7); }

// Index (0–7, in memory order) of the first byte whose bit 0x80 is set in mask ≠ 0.
std::size_t first_marked(std::uint64_t mask) {
  if constexpr (std::endian::native == std::endian::little)
    return static_cast<std::size_t>(std::countr_zero(mask)) / 8;
  else
    return static_cast<std::size_t>(std::countl_zero(mask)) / 8;
}

constexpr std::size_t npos = std::string_view::npos;

// Inside a JSON string: index of the first '"' or '\' at or after i (n if none), checking UTF-8 on
// the way. An invalid sequence sets `bad` to its offset and ends the search (returns n).
std::size_t string_stop(const unsigned char* p, std::size_t i, std::size_t n, std::size_t& bad) {
  while (i < n) {
    if (i + 8 <= n) {
      const std::uint64_t x = load8(p + i);
      const std::uint64_t stop = zero_bytes(x ^ kQuotes) | zero_bytes(x ^ kBackslashes) | (x & kHigh);
      if (stop == 0) {
        i += 8;
        continue;
      }
      i += first_marked(stop);
    }
    const unsigned char c = p[i];
    if (c == '"' || c == '\\') return i;
    if (c < 0x80) {
      ++i;
    } else if (const std::size_t len = utf8_sequence(p, i, n)) {
      i += len;
    } else {
      bad = i;
      return n;
    }
  }
  return n;
}

constexpr std::string_view kLiftKey = "\"data_base64\"";
constexpr std::size_t kMinLifted = 64;  // shorter values (shorter than a placeholder) are parsed as is

bool json_space(unsigned char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

}  // namespace

std::size_t invalid_utf8_at(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      const std::uint64_t high = load8(p + i) & kHigh;
      if (high == 0) {
        i += 8;
        continue;
      }
      i += first_marked(high);
    }
    if (p[i] < 0x80) {
      ++i;
    } else if (const std::size_t len = utf8_sequence(p, i, n)) {
      i += len;
    } else {
      return i;
    }
  }
  return npos;
}

// One pass doing what were three: invalid_utf8_at, the depth check and the lifting. The state
// machine is the depth check's (inside or outside a string; a backslash escapes the next byte);
// the UTF-8 check runs along, sequence by sequence, so an invalid sequence is found at the same
// offset as invalid_utf8_at finds it.
Scanned scan_import_text(std::string_view in, std::size_t max_depth) {
  Scanned out;
  Lifted& lifted = out.lifted;
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const std::size_t n = in.size();
  lifted.text.reserve(std::min<std::size_t>(n, 1u << 20));
  std::size_t copied = 0, depth = 0, i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c >= 0x80) {  // outside a string: not JSON, but an encoding error is reported first
      const std::size_t len = utf8_sequence(p, i, n);
      if (len == 0) {
        out.invalid_utf8 = i;
        return out;
      }
      i += len;
      continue;
    }
    if (c == '{' || c == '[') {
      if (++depth > max_depth) {
        out.too_deep = i;
        if (const std::size_t bad = invalid_utf8_at(in.substr(i)); bad != npos) out.invalid_utf8 = i + bad;
        return out;
      }
      ++i;
      continue;
    }
    if (c == '}' || c == ']') {
      if (depth > 0) --depth;
      ++i;
      continue;
    }
    if (c != '"') {
      ++i;
      continue;
    }
    // A string starts at i. The member name "data_base64" followed by a long plain string is lifted.
    if (in.compare(i, kLiftKey.size(), kLiftKey) == 0) {
      std::size_t k = i + kLiftKey.size();
      while (k < n && json_space(p[k])) ++k;
      if (k < n && p[k] == ':') {
        ++k;
        while (k < n && json_space(p[k])) ++k;
        // From here on, a value that is not lifted is scanned again from k (outside a string): k
        // may start another "data_base64".
        if (k >= n || p[k] != '"') {
          i = k;
          continue;
        }
        const std::size_t start = k + 1;
        std::size_t bad = npos;
        const std::size_t end = string_stop(p, start, n, bad);
        if (bad != npos) {  // everything before it is valid
          out.invalid_utf8 = bad;
          return out;
        }
        // Truncated, escaped or short: parsed as is.
        if (end == n || p[end] != '"' || end - start < kMinLifted) {
          i = k;
          continue;
        }
        lifted.text.append(in, copied, start - copied);
        lifted.text += "\\u0000#" + std::to_string(lifted.blobs.size());
        lifted.blobs.push_back(in.substr(start, end - start));
        copied = end;  // the closing quote is copied with the rest
        lifted.shifts.emplace_back(lifted.text.size(), end - lifted.text.size());
        i = end + 1;
        continue;
      }
    }
    // An ordinary string: to its closing quote (or the end of the text).
    std::size_t k = i + 1;
    for (;;) {
      std::size_t bad = npos;
      k = string_stop(p, k, n, bad);
      if (bad != npos) {
        out.invalid_utf8 = bad;
        return out;
      }
      if (k == n || p[k] == '"') break;
      if (++k == n) break;  // a backslash: the next character is escaped, whatever it is
      if (p[k] < 0x80) {
        ++k;
      } else if (const std::size_t len = utf8_sequence(p, k, n)) {
        k += len;
      } else {
        out.invalid_utf8 = k;
        return out;
      }
    }
    i = k == n ? n : k + 1;
  }
  lifted.text.append(in, copied, npos);
  lifted.used.assign(lifted.blobs.size(), false);
  return out;
}

bool valid_package_id(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!(digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' || c == '.')) return false;
  return true;
}

// "YYYY-MM-DDThh:mm:ss[.f{1,9}](Z|±hh:mm)"
bool valid_created_at(std::string_view s) {
  if (s.size() < 20 || !Date::parse(s.substr(0, 10)) || s[10] != 'T' || s[13] != ':' || s[16] != ':') return false;
  const int h = two(s, 11), m = two(s, 14), sec = two(s, 17);
  if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59) return false;
  std::size_t i = 19;
  if (s[i] == '.') {
    const std::size_t start = ++i;
    while (i < s.size() && digit(s[i])) ++i;
    if (i == start || i - start > 9) return false;
  }
  if (i < s.size() && s[i] == 'Z') return i + 1 == s.size();
  if (i + 6 != s.size() || (s[i] != '+' && s[i] != '-') || s[i + 3] != ':') return false;
  const int oh = two(s, i + 1), om = two(s, i + 4);
  return oh >= 0 && oh <= 14 && om >= 0 && om <= 59;
}

bool is_sha256_hex(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!(digit(c) || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

Date created_on(std::string_view created_at) {
  return Date::parse(created_at.substr(0, 10)).value_or(Date{});
}

std::string mib(std::size_t bytes) {
  if (bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MB";
  if (bytes % (1u << 10) == 0) return std::to_string(bytes >> 10) + " KB";
  return std::to_string(bytes) + " 字节";
}

}  // namespace certdesk::package::detail
