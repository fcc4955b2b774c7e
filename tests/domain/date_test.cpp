// Date: parsing, serial arithmetic, month clamping, weekdays, JSON.
#include <doctest/doctest.h>

#include "domain/date.hpp"

using certdesk::Date;

TEST_CASE("Date::parse accepts strict ISO dates and checks the day of month") {
  CHECK(Date::parse("2026-02-28") == Date{2026, 2, 28});
  CHECK(Date::parse("2024-02-29") == Date{2024, 2, 29});  // leap year
  CHECK(Date::parse("2000-02-29") == Date{2000, 2, 29});  // divisible by 400
  CHECK_FALSE(Date::parse("1900-02-29"));                  // divisible by 100 only
  CHECK_FALSE(Date::parse("2026-02-29"));
  CHECK_FALSE(Date::parse("2026-02-30"));
  CHECK_FALSE(Date::parse("2026-04-31"));
  CHECK_FALSE(Date::parse("2026-13-01"));
  CHECK_FALSE(Date::parse("2026-00-10"));
  CHECK_FALSE(Date::parse("2026-01-00"));
  CHECK_FALSE(Date::parse("2026-2-1"));
  CHECK_FALSE(Date::parse("2026-02-1"));
  CHECK_FALSE(Date::parse("2026/02/01"));
  CHECK_FALSE(Date::parse("20260201"));
  CHECK_FALSE(Date::parse("2026-02-01 "));
  CHECK_FALSE(Date::parse("garbage!!!"));
  CHECK_FALSE(Date::parse(""));
  CHECK_FALSE(Date::parse("+026-02-01"));
  CHECK_FALSE(Date::parse("0000-01-01"));
}

TEST_CASE("Date::iso pads to YYYY-MM-DD") {
  CHECK(Date{2026, 3, 7}.iso() == "2026-03-07");
  CHECK(Date{987, 12, 31}.iso() == "0987-12-31");
}

TEST_CASE("Date serial counts days since 1970-01-01 and round-trips") {
  CHECK(Date{1970, 1, 1}.serial() == 0);
  CHECK(Date{1970, 1, 2}.serial() == 1);
  CHECK(Date{1969, 12, 31}.serial() == -1);
  CHECK(Date{2000, 3, 1}.serial() == 11017);
  CHECK(Date{2026, 1, 1}.serial() == 20454);
  // 0001-01-01 .. 9999-12-31
  for (std::int64_t s = -719162; s < 2932897; s += 997) {
    const Date d = Date::from_serial(s);
    REQUIRE(Date::valid(d.year, d.month, d.day));
    CHECK(d.serial() == s);
  }
}

TEST_CASE("Date::add_days crosses month, year and leap-day boundaries") {
  CHECK(Date{2026, 12, 31}.add_days(1) == Date{2027, 1, 1});
  CHECK(Date{2024, 2, 28}.add_days(1) == Date{2024, 2, 29});
  CHECK(Date{2025, 2, 28}.add_days(1) == Date{2025, 3, 1});
  CHECK(Date{2026, 3, 1}.add_days(-1) == Date{2026, 2, 28});
  CHECK(Date{2026, 1, 1}.add_days(365) == Date{2027, 1, 1});
}

TEST_CASE("Date::add_months clamps to the end of the month") {
  CHECK(Date{2026, 1, 31}.add_months(1) == Date{2026, 2, 28});
  CHECK(Date{2024, 1, 31}.add_months(1) == Date{2024, 2, 29});
  CHECK(Date{2026, 3, 31}.add_months(1) == Date{2026, 4, 30});
  CHECK(Date{2026, 8, 15}.add_months(6) == Date{2027, 2, 15});
  CHECK(Date{2026, 11, 30}.add_months(3) == Date{2027, 2, 28});
  CHECK(Date{2026, 3, 31}.add_months(-1) == Date{2026, 2, 28});
  CHECK(Date{2026, 1, 15}.add_months(-1) == Date{2025, 12, 15});
  CHECK(Date{2026, 1, 15}.add_months(-13) == Date{2024, 12, 15});
  CHECK(Date{2024, 2, 29}.add_years(3) == Date{2027, 2, 28});  // R4: three-year validity
  CHECK(Date{2026, 5, 20}.add_months(0) == Date{2026, 5, 20});
}

TEST_CASE("Date::weekday is ISO: 1=Monday ... 7=Sunday") {
  CHECK(Date{1970, 1, 1}.weekday() == 4);   // Thursday
  CHECK(Date{2026, 2, 14}.weekday() == 6);  // Saturday (make-up working day)
  CHECK(Date{2026, 2, 15}.weekday() == 7);  // Sunday
  CHECK(Date{2026, 2, 16}.weekday() == 1);  // Monday
  CHECK(Date{2026, 10, 1}.weekday() == 4);  // Thursday
  CHECK(Date{1969, 12, 28}.weekday() == 7); // before the epoch
}

TEST_CASE("Date::day_of_year") {
  CHECK(Date{2026, 1, 1}.day_of_year() == 1);
  CHECK(Date{2024, 12, 31}.day_of_year() == 366);
  CHECK(Date{2026, 12, 31}.day_of_year() == 365);
}

TEST_CASE("Date serialises as an ISO string and rejects bad strings") {
  const nlohmann::json j = Date{2026, 10, 8};
  CHECK(j == "2026-10-08");
  CHECK(j.get<Date>() == Date{2026, 10, 8});
#ifdef __cpp_exceptions  // the wasm build has no exceptions: there a bad value aborts, by nlohmann's contract
  CHECK_THROWS_AS(nlohmann::json("2026-02-30").get<Date>(), nlohmann::json::exception);
  CHECK_THROWS_AS(nlohmann::json(20260201).get<Date>(), nlohmann::json::exception);
#endif
}

TEST_CASE("Date ordering follows the calendar") {
  CHECK(Date{2026, 1, 31} < Date{2026, 2, 1});
  CHECK(Date{2025, 12, 31} < Date{2026, 1, 1});
  CHECK(Date{2026, 2, 1} > Date{2026, 1, 31});
}

TEST_CASE("Date::parse_loose understands dates as people type them (issue 15)") {
  const Date d{2025, 3, 5};
  CHECK(Date::parse_loose("2025-03-05") == d);
  CHECK(Date::parse_loose("2025-3-5") == d);
  CHECK(Date::parse_loose("2025/3/5") == d);
  CHECK(Date::parse_loose("2025.3.5") == d);
  CHECK(Date::parse_loose("2025年3月5日") == d);
  CHECK(Date::parse_loose("2025年03月05") == d);
  CHECK(Date::parse_loose("20250305") == d);
  CHECK(Date::parse_loose("  2025/3/5 ") == d);
  CHECK(Date::parse_loose("\u30002025-3-5\u3000") == d);                    // ideographic spaces
  CHECK(Date::parse_loose("\uFF12\uFF10\uFF12\uFF15\uFF0F\uFF13\uFF0F\uFF15") == d);  // ２０２５／３／５
  CHECK(Date::parse_loose("\uFF12\uFF10\uFF12\uFF15\u5E74\uFF13\u6708\uFF15\u65E5") == d);  // ２０２５年３月５日
  CHECK(Date::parse_loose("2024/2/29") == Date{2024, 2, 29});
}

TEST_CASE("Date::parse_loose refuses what is not a real date") {
  CHECK_FALSE(Date::parse_loose("2025-2-30"));
  CHECK_FALSE(Date::parse_loose("2025/2/29"));
  CHECK_FALSE(Date::parse_loose("2025-13-1"));
  CHECK_FALSE(Date::parse_loose("2025-0-1"));
  CHECK_FALSE(Date::parse_loose("25-3-5"));       // two-digit year: which century?
  CHECK_FALSE(Date::parse_loose("3/5/2025"));     // day-first or month-first: ambiguous
  CHECK_FALSE(Date::parse_loose("2025-3"));
  CHECK_FALSE(Date::parse_loose("2025-3-5-1"));
  CHECK_FALSE(Date::parse_loose("2025--3-5"));
  CHECK_FALSE(Date::parse_loose("2025-003-05"));
  CHECK_FALSE(Date::parse_loose("2025-3-5x"));
  CHECK_FALSE(Date::parse_loose("2025年3月5日日"));
  CHECK_FALSE(Date::parse_loose("明天"));
  CHECK_FALSE(Date::parse_loose("abc"));
  CHECK_FALSE(Date::parse_loose(""));
  CHECK_FALSE(Date::parse_loose("   "));
  CHECK_FALSE(Date::parse_loose("2025305"));
}

TEST_CASE("ascii_width maps full-width forms and keeps the rest") {
  CHECK(certdesk::ascii_width("\uFF18\uFF10") == "80");
  CHECK(certdesk::ascii_width("\uFF21b\u3000c") == "Ab c");
  CHECK(certdesk::ascii_width("八十") == "八十");
  CHECK(certdesk::ascii_width("") == "");
  CHECK(certdesk::trim_spaces(" \u3000x y\u3000 ") == "x y");
}
