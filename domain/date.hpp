// Date: a civil date (proleptic Gregorian, no time zone) — the unit of every deadline.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace certdesk {

struct Date {
  int year = 1970, month = 1, day = 1;

  // "YYYY-MM-DD" strictly (four-digit year 0001–9999, two-digit month and day); checks the
  // day exists in that month (leap years included). Anything else → nullopt.
  static std::optional<Date> parse(std::string_view iso);
  // A date as people type it (issue 15): year, month, day in that order, separated by "-", "/",
  // "." or 年/月/日 ("2025-3-5", "2025/3/5", "2025.3.5", "2025年3月5日"), full-width digits and
  // separators ("２０２５／３／５") and spaces around it accepted; also eight digits "20250305".
  // A date that does not exist (2025-2-30) or anything else → nullopt.
  static std::optional<Date> parse_loose(std::string_view text);
  // True if year/month/day name a real date (used to validate constructed dates).
  static bool valid(int year, int month, int day);
  static bool is_leap_year(int year);
  static int days_in_month(int year, int month);

  std::string iso() const;                 // "YYYY-MM-DD"
  std::int64_t serial() const;             // days since 1970-01-01 (negative before)
  static Date from_serial(std::int64_t serial);
  Date add_days(int n) const;
  // Calendar months; the day clamps to the month's end: 2026-01-31 + 1 month = 2026-02-28.
  Date add_months(int n) const;
  Date add_years(int n) const { return add_months(12 * n); }
  int weekday() const;                     // 1=Monday … 7=Sunday (ISO 8601)
  int day_of_year() const;                 // 1 … 366

  auto operator<=>(const Date&) const = default;
  bool operator==(const Date&) const = default;
};

// Dates serialise as ISO strings. from_json throws nlohmann::json::other_error on a bad string —
// for trusted data; loaders of user data check with Date::parse and return a RuleViolation, so
// they never depend on exceptions (the wasm build has none: there a bad string aborts).
void to_json(nlohmann::json& j, const Date& d);

// Full-width digits, letters and punctuation (U+FF01–U+FF5E) and the ideographic space (U+3000)
// as their ASCII forms; everything else unchanged. What Chinese input methods type in full-width
// mode ("２０２５／３／５", "８０").
std::string ascii_width(std::string_view text);
// Spaces (ASCII and ideographic) trimmed from both ends.
std::string_view trim_spaces(std::string_view text);
void from_json(const nlohmann::json& j, Date& d);

}  // namespace certdesk
