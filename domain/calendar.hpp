// WorkCalendar: China's working days (Mon–Fri, minus statutory holidays, plus make-up
// working weekends 调休上班) from holidays-cn.json; years without data count Mon–Fri (BRIEF "Working days").
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/date.hpp"
#include "domain/result.hpp"

namespace certdesk {

// A computed date; estimated = the computation looked at a day in a year with no holiday data,
// so Mon–Fri was assumed there and the UI must say so next to the date.
struct CalendarDate {
  Date date;
  bool estimated = false;
  bool operator==(const CalendarDate&) const = default;
};

class WorkCalendar {
 public:
  WorkCalendar();  // no data: Mon–Fri everywhere (every computed date is estimated)

  // Format of domain/data/holidays-cn.json: {"years": {"2026": {"days_off": [..], "workdays": [..]}}};
  // "source"/"note" are optional and kept. Errors: rule "INPUT", Chinese message naming the field.
  static Result<WorkCalendar> from_json(const nlohmann::json& j);
  // Merges further years (same format). A year already loaded is replaced by the new data.
  // Validates everything first; on error nothing changes.
  Result<void> load_years(const nlohmann::json& j);

  bool has_year(int year) const;
  std::vector<int> years() const;  // ascending
  bool is_working_day(Date d) const;
  // The n-th working day after start (start itself not counted); n >= 0 (n < 0 is treated as 0).
  // n == 0 returns start unchanged and not estimated.
  CalendarDate add_working_days(Date start, int n) const;
  // Working days in (from, to]; if to < from, minus the working days in (to, from].
  int working_days_between(Date from, Date to) const;
  // True if any day in (from, to] lies in a year without data.
  bool range_estimated(Date from, Date to) const;
  nlohmann::json to_json() const;

 private:
  struct YearData {
    std::vector<Date> days_off;          // sorted, unique
    std::vector<Date> workdays;          // sorted, unique
    std::vector<std::uint8_t> working;   // by day of year − 1: 1 = working day (precomputed)
  };
  // Walks day by day without re-deriving the date each step (deadlines are computed often).
  struct Cursor {
    int year = 1970, day_of_year = 1, weekday = 4, year_length = 365;
    const YearData* data = nullptr;  // null: no data for this year
  };
  Cursor cursor_at(Date d) const;
  void advance(Cursor& c) const;
  static bool is_working(const Cursor& c);
  std::map<int, YearData> years_;
  std::vector<std::string> sources_;  // "source" texts of the loaded files, for display
};

}  // namespace certdesk
