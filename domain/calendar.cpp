// WorkCalendar: loading/validating holidays-cn.json and counting working days (BRIEF "Working days").
#include "domain/calendar.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace certdesk {
namespace {

using nlohmann::json;

// Parses one "days_off"/"workdays" list of a year, checking each entry (field named in errors).
Result<std::vector<Date>> parse_day_list(const json& list, int year, const std::string& field,
                                         bool weekends_only) {
  if (!list.is_array()) return input_error(field, "应为日期数组");
  std::vector<Date> days;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string item_field = field + "[" + std::to_string(i) + "]";
    const json& item = list[i];
    if (!item.is_string()) return input_error(item_field, "应为 \"YYYY-MM-DD\" 格式的日期字符串");
    const std::string& text = item.get_ref<const std::string&>();
    const auto d = Date::parse(text);
    if (!d) return input_error(item_field, "不是有效日期 \"" + text + "\"");
    if (d->year != year)
      return input_error(item_field, "日期 \"" + text + "\" 不属于 " + std::to_string(year) + " 年");
    // Make-up working days (调休上班) are always weekend days; a weekday listed here is a typo.
    if (weekends_only && d->weekday() < 6)
      return input_error(item_field, "调休上班日 \"" + text + "\" 不是周六或周日");
    days.push_back(*d);
  }
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  return days;
}

bool contains(const std::vector<Date>& sorted, Date d) {
  return std::binary_search(sorted.begin(), sorted.end(), d);
}

}  // namespace

WorkCalendar::WorkCalendar() = default;

Result<WorkCalendar> WorkCalendar::from_json(const json& j) {
  WorkCalendar cal;
  auto loaded = cal.load_years(j);
  if (!loaded) return loaded.error();
  return cal;
}

Result<void> WorkCalendar::load_years(const json& j) {
  if (!j.is_object()) return input_error("", "节假日数据应为 JSON 对象");
  if (!j.contains("years")) return input_error("years", "缺少字段");
  const json& years = j["years"];
  if (!years.is_object()) return input_error("years", "应为以年份为键的对象");
  std::map<int, YearData> staged;
  for (const auto& [key, value] : years.items()) {
    const std::string field = "years." + key;
    const auto key_date = Date::parse(key + "-01-01");
    if (key.size() != 4 || !key_date) return input_error(field, "年份应为四位数字，实际为 \"" + key + "\"");
    const int year = key_date->year;
    if (!value.is_object()) return input_error(field, "应为包含 days_off 和 workdays 的对象");
    YearData data;
    for (const char* name : {"days_off", "workdays"}) {
      const std::string list_field = field + "." + name;
      if (!value.contains(name)) return input_error(list_field, "缺少字段");
      const bool is_workdays = std::string(name) == "workdays";
      auto days = parse_day_list(value[name], year, list_field, is_workdays);
      if (!days) return days.error();
      (is_workdays ? data.workdays : data.days_off) = std::move(days.value());
    }
    for (const Date& d : data.workdays)
      if (contains(data.days_off, d))
        return input_error(field, "日期 \"" + d.iso() + "\" 同时列为放假日和调休上班日");
    data.working.resize(Date::is_leap_year(year) ? 366 : 365);
    for (std::size_t i = 0; i < data.working.size(); ++i) {
      const Date d = Date{year, 1, 1}.add_days(static_cast<int>(i));
      data.working[i] = d.weekday() >= 6 ? contains(data.workdays, d) : !contains(data.days_off, d);
    }
    staged[year] = std::move(data);
  }
  // Validated: commit.
  for (auto& [year, data] : staged) years_[year] = std::move(data);
  if (j.contains("source") && j["source"].is_string()) sources_.push_back(j["source"].get<std::string>());
  return ok_void();
}

bool WorkCalendar::has_year(int year) const { return years_.count(year) != 0; }

std::vector<int> WorkCalendar::years() const {
  std::vector<int> out;
  for (const auto& entry : years_) out.push_back(entry.first);
  return out;
}

WorkCalendar::Cursor WorkCalendar::cursor_at(Date d) const {
  Cursor c{d.year, d.day_of_year(), d.weekday(), Date::is_leap_year(d.year) ? 366 : 365, nullptr};
  const auto it = years_.find(d.year);
  if (it != years_.end()) c.data = &it->second;
  return c;
}

void WorkCalendar::advance(Cursor& c) const {
  c.weekday = c.weekday % 7 + 1;
  if (++c.day_of_year <= c.year_length) return;
  c = cursor_at(Date{c.year + 1, 1, 1});
}

bool WorkCalendar::is_working(const Cursor& c) {
  return c.data ? c.data->working[c.day_of_year - 1] != 0 : c.weekday < 6;
}

bool WorkCalendar::is_working_day(Date d) const { return is_working(cursor_at(d)); }

CalendarDate WorkCalendar::add_working_days(Date start, int n) const {
  CalendarDate out{start, false};
  Cursor c = cursor_at(start);
  int steps = 0;
  for (int counted = 0; counted < n; ++steps) {
    advance(c);
    if (!c.data) out.estimated = true;
    if (is_working(c)) ++counted;
  }
  out.date = start.add_days(steps);
  return out;
}

int WorkCalendar::working_days_between(Date from, Date to) const {
  if (to < from) return -working_days_between(to, from);
  int count = 0;
  Cursor c = cursor_at(from);
  for (std::int64_t days = to.serial() - from.serial(); days > 0; --days) {
    advance(c);
    if (is_working(c)) ++count;
  }
  return count;
}

bool WorkCalendar::range_estimated(Date from, Date to) const {
  if (to < from) std::swap(from, to);
  for (int y = from.add_days(1).year; y <= to.year; ++y)
    if (!has_year(y)) return true;
  return false;
}

json WorkCalendar::to_json() const {
  json out = json::object();
  if (!sources_.empty()) {
    std::string joined;
    for (const auto& s : sources_) joined += (joined.empty() ? "" : "; ") + s;
    out["source"] = joined;
  }
  json years = json::object();
  for (const auto& [year, data] : years_) {
    json y = json::object();
    y["days_off"] = json::array();
    y["workdays"] = json::array();
    for (const Date& d : data.days_off) y["days_off"].push_back(d.iso());
    for (const Date& d : data.workdays) y["workdays"].push_back(d.iso());
    years[std::to_string(year)] = std::move(y);
  }
  out["years"] = std::move(years);
  return out;
}

}  // namespace certdesk
