// Date arithmetic on serial day numbers (H. Hinnant's civil-date algorithms), no <chrono> calendar.
#include "domain/date.hpp"

#include <algorithm>
#include <cstdio>

#include "domain/json_read.hpp"

namespace certdesk {

bool Date::is_leap_year(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int Date::days_in_month(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

bool Date::valid(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

std::optional<Date> Date::parse(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t pos, std::size_t len) -> int {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return -1;
      v = v * 10 + (iso[i] - '0');
    }
    return v;
  };
  const int y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
  if (y < 0 || m < 0 || d < 0 || !valid(y, m, d)) return std::nullopt;
  return Date{y, m, d};
}

std::string ascii_width(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
    // U+3000 is E3 80 80; U+FF01–U+FF5E is EF BC 81–EF BD 9E (code point − 0xFEE0 is ASCII).
    if (i + 2 < text.size() && b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x80) {
      out += ' ';
      i += 2;
    } else if (i + 2 < text.size() && b(0) == 0xEF && (b(1) == 0xBC || b(1) == 0xBD)) {
      const unsigned cp = ((b(0) & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu);
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        out += static_cast<char>(cp - 0xFEE0);
        i += 2;
      } else {
        out += text[i];
      }
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string_view trim_spaces(std::string_view text) {
  const auto space_at_front = [&] {
    if (text.empty()) return std::size_t{0};
    if (text.front() == ' ' || text.front() == '\t') return std::size_t{1};
    return text.substr(0, 3) == "\xE3\x80\x80" ? std::size_t{3} : std::size_t{0};
  };
  const auto space_at_back = [&] {
    if (text.empty()) return std::size_t{0};
    if (text.back() == ' ' || text.back() == '\t') return std::size_t{1};
    return text.size() >= 3 && text.substr(text.size() - 3) == "\xE3\x80\x80" ? std::size_t{3} : std::size_t{0};
  };
  while (std::size_t n = space_at_front()) text.remove_prefix(n);
  while (std::size_t n = space_at_back()) text.remove_suffix(n);
  return text;
}

std::optional<Date> Date::parse_loose(std::string_view text) {
  const std::string s = ascii_width(trim_spaces(text));
  // Up to three runs of digits, separated by exactly one separator each; 日 may close the date.
  int parts[3] = {0, 0, 0};
  std::size_t lens[3] = {0, 0, 0};
  int n = 0;
  std::size_t i = 0;
  const auto sep_at = [&](std::size_t k) -> std::size_t {
    if (s[k] == '-' || s[k] == '/' || s[k] == '.') return 1;
    for (const char* w : {"\xE5\xB9\xB4", "\xE6\x9C\x88"})  // 年 月
      if (s.compare(k, 3, w) == 0) return 3;
    return 0;
  };
  while (i < s.size() && n < 3) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    int v = 0;
    std::size_t len = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (++len > 8) return std::nullopt;
      v = v * 10 + (s[i++] - '0');
    }
    parts[n] = v;
    lens[n++] = len;
    if (i == s.size()) break;
    if (n == 3) {
      if (s.compare(i, 3, "\xE6\x97\xA5") == 0 && i + 3 == s.size()) i += 3;  // 日
      break;
    }
    const std::size_t w = sep_at(i);
    if (w == 0) return std::nullopt;
    i += w;
  }
  if (i != s.size()) return std::nullopt;
  if (n == 1 && lens[0] == 8) {  // "20250305"
    const int v = parts[0];
    parts[0] = v / 10000, parts[1] = v / 100 % 100, parts[2] = v % 100;
    lens[0] = 4, lens[1] = lens[2] = 2;
    n = 3;
  }
  if (n != 3 || lens[0] != 4 || lens[1] > 2 || lens[2] > 2) return std::nullopt;
  if (!valid(parts[0], parts[1], parts[2])) return std::nullopt;
  return Date{parts[0], parts[1], parts[2]};
}

std::string Date::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::int64_t Date::serial() const {
  const std::int64_t y = month <= 2 ? year - 1 : year;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date Date::from_serial(std::int64_t serial) {
  const std::int64_t z = serial + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  return Date{y, m, d};
}

Date Date::add_days(int n) const { return from_serial(serial() + n); }

Date Date::add_months(int n) const {
  const int total = year * 12 + (month - 1) + n;
  const int y = total >= 0 ? total / 12 : (total - 11) / 12;
  const int m = total - y * 12 + 1;
  return Date{y, m, std::min(day, days_in_month(y, m))};
}

int Date::weekday() const {
  // 1970-01-01 was a Thursday (4).
  const std::int64_t s = serial();
  const std::int64_t r = ((s % 7) + 7 + 3) % 7;  // 0 = Monday
  return static_cast<int>(r) + 1;
}

int Date::day_of_year() const {
  return static_cast<int>(serial() - Date{year, 1, 1}.serial()) + 1;
}

void to_json(nlohmann::json& j, const Date& d) { j = d.iso(); }

void from_json(const nlohmann::json& j, Date& d) {
  if (!j.is_string()) json_read::fail_from_json(501, "date must be a string", j);
  const auto parsed = Date::parse(j.get_ref<const std::string&>());
  if (!parsed) json_read::fail_from_json(501, "invalid date: " + j.get<std::string>(), j);
  d = *parsed;
}

}  // namespace certdesk
