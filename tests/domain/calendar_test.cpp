// WorkCalendar: China's 2026 holidays with make-up weekends, estimation past the data, loading errors.
#include <doctest/doctest.h>

#include "domain/calendar.hpp"
#include "test_data.hpp"

using certdesk::Date;
using certdesk::WorkCalendar;
using nlohmann::json;

namespace {

WorkCalendar shipped_calendar() {
  auto cal = WorkCalendar::from_json(read_data_json("domain/data/holidays-cn.json"));
  REQUIRE(cal.ok());
  return cal.value();
}

Date d(const char* iso) { return *Date::parse(iso); }

}  // namespace

TEST_CASE("the shipped holiday file loads 2025 and 2026") {
  const WorkCalendar cal = shipped_calendar();
  CHECK(cal.years() == std::vector<int>{2025, 2026});
  CHECK(cal.has_year(2026));
  CHECK_FALSE(cal.has_year(2027));
}

TEST_CASE("an empty calendar counts Monday to Friday and marks dates estimated") {
  const WorkCalendar cal;
  CHECK(cal.is_working_day(d("2026-02-16")));        // a holiday, but no data
  CHECK_FALSE(cal.is_working_day(d("2026-02-14")));  // Saturday
  const auto r = cal.add_working_days(d("2026-02-13"), 1);  // Friday → Monday
  CHECK(r.date == d("2026-02-16"));
  CHECK(r.estimated);
}

TEST_CASE("2026 Spring Festival: 02-15..02-23 off, Saturdays 02-14 and 02-28 worked") {
  const WorkCalendar cal = shipped_calendar();
  for (Date x = d("2026-02-15"); x <= d("2026-02-23"); x = x.add_days(1))
    CHECK_FALSE(cal.is_working_day(x));
  CHECK(cal.is_working_day(d("2026-02-14")));  // Saturday, make-up
  CHECK(cal.is_working_day(d("2026-02-28")));  // Saturday, make-up
  CHECK(cal.is_working_day(d("2026-02-13")));  // Friday
  CHECK(cal.is_working_day(d("2026-02-24")));  // Tuesday after the break
  CHECK_FALSE(cal.is_working_day(d("2026-02-07")));  // ordinary Saturday

  // Friday 02-13 + 1 working day = Saturday 02-14 (make-up), + 2 = Tuesday 02-24.
  CHECK(cal.add_working_days(d("2026-02-13"), 1).date == d("2026-02-14"));
  CHECK(cal.add_working_days(d("2026-02-13"), 2).date == d("2026-02-24"));
  // R17-style 10 working days from Thursday 2026-02-12: 13, 14(Sat), 24, 25, 26, 27, 28(Sat),
  // 3-02, 3-03, 3-04.
  const auto due = cal.add_working_days(d("2026-02-12"), 10);
  CHECK(due.date == d("2026-03-04"));
  CHECK_FALSE(due.estimated);
  CHECK(cal.working_days_between(d("2026-02-12"), d("2026-03-04")) == 10);
  CHECK(cal.working_days_between(d("2026-02-14"), d("2026-02-23")) == 0);
}

TEST_CASE("2026 National Day: 10-01..10-07 off, Sunday 09-20 and Saturday 10-10 worked") {
  const WorkCalendar cal = shipped_calendar();
  CHECK(cal.is_working_day(d("2026-09-20")));        // Sunday, make-up
  CHECK_FALSE(cal.is_working_day(d("2026-09-25")));  // Mid-Autumn Festival (Friday)
  for (Date x = d("2026-10-01"); x <= d("2026-10-07"); x = x.add_days(1))
    CHECK_FALSE(cal.is_working_day(x));
  CHECK(cal.is_working_day(d("2026-10-08")));
  CHECK(cal.is_working_day(d("2026-10-10")));        // Saturday, make-up
  CHECK_FALSE(cal.is_working_day(d("2026-10-11")));  // Sunday
  // Wednesday 09-30 + 1 working day = Thursday 10-08; + 3 = Saturday 10-10.
  CHECK(cal.add_working_days(d("2026-09-30"), 1).date == d("2026-10-08"));
  CHECK(cal.add_working_days(d("2026-09-30"), 3).date == d("2026-10-10"));
  // R5: 15 working days after a decision on 2026-09-24 (Thursday).
  // 9-28, 29, 30, 10-08, 09, 10(Sat), 12, 13, 14, 15, 16, 19, 20, 21, 22.
  CHECK(cal.add_working_days(d("2026-09-24"), 15).date == d("2026-10-22"));
}

TEST_CASE("add_working_days with n = 0 returns the start date") {
  const WorkCalendar cal = shipped_calendar();
  const auto r = cal.add_working_days(d("2026-02-15"), 0);
  CHECK(r.date == d("2026-02-15"));
  CHECK_FALSE(r.estimated);
}

TEST_CASE("crossing into a year without data sets estimated") {
  const WorkCalendar cal = shipped_calendar();
  // Thursday 2026-12-24 + 5: 25, 28, 29, 30, 31 — all in 2026, exact.
  const auto inside = cal.add_working_days(d("2026-12-24"), 5);
  CHECK(inside.date == d("2026-12-31"));
  CHECK_FALSE(inside.estimated);
  // + 6 reaches Friday 2027-01-01 (a holiday in reality, but 2027 has no data: Mon–Fri).
  const auto outside = cal.add_working_days(d("2026-12-24"), 6);
  CHECK(outside.date == d("2027-01-01"));
  CHECK(outside.estimated);
  CHECK(cal.range_estimated(d("2026-12-24"), d("2027-01-01")));
  CHECK_FALSE(cal.range_estimated(d("2025-01-01"), d("2026-12-31")));
}

TEST_CASE("working_days_between counts (from, to] and is antisymmetric") {
  const WorkCalendar cal = shipped_calendar();
  CHECK(cal.working_days_between(d("2026-03-02"), d("2026-03-02")) == 0);
  CHECK(cal.working_days_between(d("2026-03-02"), d("2026-03-09")) == 5);
  CHECK(cal.working_days_between(d("2026-03-09"), d("2026-03-02")) == -5);
}

TEST_CASE("load_years adds a year, and a loaded year replaces older data for it") {
  WorkCalendar cal = shipped_calendar();
  const json extra = {{"years", {{"2027", {{"days_off", {"2027-01-01"}}, {"workdays", json::array()}}}}}};
  REQUIRE(cal.load_years(extra).ok());
  CHECK(cal.has_year(2027));
  CHECK_FALSE(cal.is_working_day(d("2027-01-01")));
  CHECK_FALSE(cal.add_working_days(d("2026-12-24"), 6).estimated);
  CHECK(cal.add_working_days(d("2026-12-24"), 6).date == d("2027-01-04"));
}

TEST_CASE("load_years rejects bad files with a Chinese message naming the field, and changes nothing") {
  WorkCalendar cal = shipped_calendar();
  const json before = cal.to_json();
  json bad = {{"years",
               {{"2027", {{"days_off", {"2027-01-01", "2027-02-10", "2027-02-11", "2027-13-01"}},
                          {"workdays", json::array()}}}}}};
  const auto r = cal.load_years(bad);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().rule == "INPUT");
  CHECK(r.error().field == "years.2027.days_off[3]");
  CHECK(r.error().message_zh == "years.2027.days_off[3]: 不是有效日期 \"2027-13-01\"");
  CHECK_FALSE(cal.has_year(2027));
  CHECK(cal.to_json() == before);

  // A valid year next to a bad one is not half-loaded either.
  json mixed = {{"years",
                 {{"2027", {{"days_off", {"2027-01-01"}}, {"workdays", json::array()}}},
                  {"2028", {{"days_off", json::array()}, {"workdays", {"2028-01-03"}}}}}}};  // Monday
  const auto m = cal.load_years(mixed);
  REQUIRE_FALSE(m.ok());
  CHECK(m.error().field == "years.2028.workdays[0]");
  CHECK(m.error().message_zh.find("不是周六或周日") != std::string::npos);
  CHECK_FALSE(cal.has_year(2027));

  CHECK(cal.load_years(json{{"years", {{"2027", {{"days_off", {"2026-12-31"}}, {"workdays", json::array()}}}}}})
            .error().field == "years.2027.days_off[0]");
  CHECK(cal.load_years(json{{"years", {{"27", json::object()}}}}).error().field == "years.27");
  CHECK(cal.load_years(json{{"years", {{"2027", {{"days_off", json::array()}}}}}}).error().field ==
        "years.2027.workdays");
  CHECK(cal.load_years(json{{"years", {{"2027", {{"days_off", {20270101}}, {"workdays", json::array()}}}}}})
            .error().field == "years.2027.days_off[0]");
  CHECK(cal.load_years(json::array()).error().rule == "INPUT");
  CHECK(cal.load_years(json{{"note", "x"}}).error().field == "years");
  CHECK(cal.to_json() == before);
}

TEST_CASE("to_json round-trips through from_json") {
  const WorkCalendar cal = shipped_calendar();
  const auto again = WorkCalendar::from_json(cal.to_json());
  REQUIRE(again.ok());
  CHECK(again.value().to_json() == cal.to_json());
  CHECK(again.value().is_working_day(d("2026-02-28")));
}

TEST_CASE("add_working_days and working_days_between agree day by day across years with and without data") {
  const WorkCalendar cal = shipped_calendar();
  for (Date start = d("2024-11-20"); start <= d("2028-03-10"); start = start.add_days(3)) {
    for (int n : {0, 1, 5, 15, 30}) {
      const auto r = cal.add_working_days(start, n);
      REQUIRE(cal.working_days_between(start, r.date) == n);
      if (n > 0) {
        CHECK(cal.is_working_day(r.date));
        CHECK_FALSE(cal.add_working_days(start, n - 1).date >= r.date);
      }
      CHECK(r.estimated == (n > 0 && cal.range_estimated(start, r.date)));
    }
  }
  // Counted one day at a time, independently of the walking cursor.
  int count = 0;
  for (Date x = d("2026-01-01"); x <= d("2026-12-31"); x = x.add_days(1)) count += cal.is_working_day(x) ? 1 : 0;
  CHECK(count == 248);  // 2026: 261 weekdays − 19 weekday holidays + 6 make-up weekend days
  CHECK(cal.working_days_between(d("2025-12-31"), d("2026-12-31")) == 248);
}
