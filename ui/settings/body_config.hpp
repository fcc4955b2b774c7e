// ui/settings/body_config.hpp — the certification body's own configuration (issue 6, item 6): settings
// (name and header, certificate number pattern, periods), the person-day table (附录A), the
// catalogue of service categories and requirements, and the working-day calendar. Each starts
// from the shipped defaults, is stored in its own file when the body changes it, and can be
// exported and imported as JSON; every import is validated by the domain's loader, all or nothing.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "domain/calendar.hpp"
#include "domain/catalogue.hpp"
#include "domain/person_days.hpp"
#include "domain/settings.hpp"
#include "ui/shell/store.hpp"

namespace certdesk::ui {

enum class ConfigPart { Settings, PersonDays, Catalogue, Calendar };
inline constexpr ConfigPart kConfigParts[] = {ConfigPart::Settings, ConfigPart::PersonDays, ConfigPart::Catalogue,
                                              ConfigPart::Calendar};

const char* config_part_id(ConfigPart p);  // "settings", "person_days", "catalogue", "calendar"
std::optional<ConfigPart> config_part_from_id(std::string_view id);
const char* config_label_zh(ConfigPart p);  // "基本设置"…
// Store files (layout 2 gains these optional files; an absent file means the shipped default).
const char* config_file(ConfigPart p);      // "settings/settings.json"…

struct BodyConfig {
  Settings settings;
  PersonDaysTable person_days;
  Catalogue catalogue;
  WorkCalendar calendar;
  long revision = 0;  // bumped by every change (the case board recomputes then)
};

// Reads the stored parts over `cfg` (which holds the defaults). A damaged or invalid file is an
// error naming the file and its field; `cfg` is then unchanged.
Result<void> load_config(const StoreIo& io, BodyConfig& cfg);
// A stored part's reader, for the store check (issue 17): the text as load_config reads it.
Result<void> check_config_text(ConfigPart p, std::string_view text);
// Validates `data` with the domain's loader and replaces the part (the calendar merges the years
// given into those loaded). Refused → nothing changes. Accepted → the part's file is written.
Result<void> set_config(BodyConfig& cfg, ConfigPart part, const nlohmann::json& data, const StoreIo* io);
// The part as JSON, as exported and as the editor starts from.
nlohmann::json config_json(const BodyConfig& cfg, ConfigPart part);

}  // namespace certdesk::ui
