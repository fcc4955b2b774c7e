// ui/settings/body_config.cpp — the body's settings, person-day table, catalogue and calendar in the store.
#include "ui/settings/body_config.hpp"

namespace certdesk::ui {

namespace {

struct PartInfo {
  ConfigPart part;
  const char* id;
  const char* label;
  const char* file;
};
constexpr PartInfo kParts[] = {
    {ConfigPart::Settings, "settings", "基本设置", "settings/settings.json"},
    {ConfigPart::PersonDays, "person_days", "人日计算表（附录A）", "settings/person-days.json"},
    {ConfigPart::Catalogue, "catalogue", "服务类别与要求目录", "settings/catalogue.json"},
    {ConfigPart::Calendar, "calendar", "工作日日历", "settings/holidays.json"},
};

const PartInfo& info(ConfigPart p) { return kParts[static_cast<int>(p)]; }

// Validates `data` as the part and stores the result in `cfg` (nothing on error).
Result<void> replace(BodyConfig& cfg, ConfigPart part, const nlohmann::json& data) {
  if (!data.is_object()) return input_error("", "应为 JSON 对象");
  switch (part) {
    case ConfigPart::Settings: {
      auto s = settings_from_json(data);
      if (!s) return s.error();
      cfg.settings = std::move(s.value());
      break;
    }
    case ConfigPart::PersonDays: {
      auto t = load_person_days_table(data);
      if (!t) return t.error();
      cfg.person_days = std::move(t.value());
      break;
    }
    case ConfigPart::Catalogue: {
      auto c = load_catalogue(data);
      if (!c) return c.error();
      cfg.catalogue = std::move(c.value());
      break;
    }
    case ConfigPart::Calendar: {
      WorkCalendar next = cfg.calendar;
      if (auto r = next.load_years(data); !r) return r.error();
      cfg.calendar = std::move(next);
      break;
    }
  }
  ++cfg.revision;
  return ok_void();
}

}  // namespace

const char* config_part_id(ConfigPart p) { return info(p).id; }
const char* config_label_zh(ConfigPart p) { return info(p).label; }
const char* config_file(ConfigPart p) { return info(p).file; }
std::optional<ConfigPart> config_part_from_id(std::string_view id) {
  for (const PartInfo& i : kParts)
    if (id == i.id) return i.part;
  return std::nullopt;
}

Result<void> check_config_text(ConfigPart p, std::string_view text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return input_error("", "不是有效的 JSON 文本");
  BodyConfig probe;
  return replace(probe, p, j);
}

Result<void> load_config(const StoreIo& io, BodyConfig& cfg) {
  BodyConfig next = cfg;
  for (ConfigPart p : kConfigParts) {
    std::optional<std::string> text = io.read(config_file(p));
    if (!text) continue;
    nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_discarded()) return input_error(config_file(p), "文件已损坏（不是有效的 JSON）");
    if (auto r = replace(next, p, j); !r)
      return input_error(std::string(config_file(p)) + (r.error().field.empty() ? "" : "." + r.error().field),
                         r.error().message_zh);
  }
  next.revision = cfg.revision + 1;
  cfg = std::move(next);
  return ok_void();
}

Result<void> set_config(BodyConfig& cfg, ConfigPart part, const nlohmann::json& data, const StoreIo* io) {
  if (auto r = replace(cfg, part, data); !r) return r;
  if (io) io->write(config_file(part), config_json(cfg, part).dump(1));
  return ok_void();
}

nlohmann::json config_json(const BodyConfig& cfg, ConfigPart part) {
  switch (part) {
    case ConfigPart::Settings: return settings_to_json(cfg.settings);
    case ConfigPart::PersonDays: return nlohmann::json(cfg.person_days);
    case ConfigPart::Catalogue: return nlohmann::json(cfg.catalogue);
    case ConfigPart::Calendar: return cfg.calendar.to_json();
  }
  return nlohmann::json::object();
}

}  // namespace certdesk::ui
