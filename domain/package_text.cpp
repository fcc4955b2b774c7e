// Application package: text checks (UTF-8, ids, timestamps, hex digests, string limits) shared
// by import and export.
#include <cstdio>
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

std::size_t invalid_utf8_at(std::string_view s) {
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
      return i;
    }
    if (i + len > n) return i;
    if (p[i + 1] < lo || p[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k)
      if (p[i + k] < 0x80 || p[i + k] > 0xBF) return i;
    i += len;
  }
  return std::string_view::npos;
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
