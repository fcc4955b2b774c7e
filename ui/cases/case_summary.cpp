// ui/cases/case_summary.cpp — the stored summary of a case (case_summary.hpp).
#include "ui/cases/case_summary.hpp"

#include <cstdint>
#include <cstdio>

#include "domain/catalogue.hpp"
#include "domain/procedure_rules.hpp"
#include "ui/settings/body_config.hpp"
#include "ui/cases/case_board.hpp"
#include "ui/cases/cases.hpp"

namespace certdesk::ui {

using nlohmann::json;

std::string summary_file(const std::string& case_id) { return kSummaryDir + case_id + ".json"; }
bool is_summary_file(const std::string& path) { return path.rfind(kSummaryDir, 0) == 0; }

std::string content_hash(std::string_view bytes) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char ch : bytes) {
    h ^= ch;
    h *= 1099511628211ull;
  }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return out;
}

std::string config_digest(const BodyConfig& cfg) {
  std::string all;
  for (ConfigPart p : {ConfigPart::Settings, ConfigPart::Catalogue, ConfigPart::Calendar})
    all += config_json(cfg, p).dump() + "\n";
  return content_hash(all);
}

CaseSummary summarize(const CaseRecord& c, const WorkCalendar& cal, const CaseRules& rules, const Catalogue& catalogue,
                      std::string config) {
  CaseSummary out;
  out.id = c.id;
  out.file_hash = c.file_hash;
  out.config = std::move(config);
  out.events = c.history.size();
  out.attachments = c.attachments.size();
  const CaseState& s = c.state;
  if (!s.cycles.empty()) out.phase = s.cycles.back().phase;
  out.organisation = c.organisation;
  const std::vector<ScopeItem>* scope = nullptr;
  if (s.certificate && certificate_active(s)) scope = &s.certificate->scope;
  else if (const Cycle* cy = s.cycle()) scope = &cy->application.scope;
  if (const Cycle* cy = s.cycle(); cy && !cy->application.organisation.name.empty() && out.organisation.empty())
    out.organisation = cy->application.organisation.name;
  if (s.certificate && !s.certificate->name.empty()) out.organisation = s.certificate->name;
  if (scope)
    for (const ScopeItem& it : *scope) {
      const ServiceCategory* cat = find_category(catalogue, it.category);
      if (!out.scope.empty()) out.scope += "、";
      out.scope += (cat ? cat->name_zh : it.category) + " " + it.level;
    }
  out.step = current_step(s);
  out.status = s.status();
  if (s.certificate) out.certificate = s.certificate->number;
  out.obligations = open_obligations(s, cal, rules);
  return out;
}

// ---- JSON: enums as their numbers (a cache of this app version; kCaseSummaryVersion guards it)

namespace {

json date_or_null(const std::optional<Date>& d) { return d ? json(d->iso()) : json(nullptr); }

bool read_date(const json& j, const char* key, std::optional<Date>& out) {
  if (!j.contains(key) || j[key].is_null()) return true;
  if (!j[key].is_string()) return false;
  out = Date::parse(j[key].get<std::string>());
  return out.has_value();
}

// Members read with their types checked: the wasm build has no exceptions (a wrong type must
// not reach nlohmann's get(), which would abort), and a damaged summary is only rebuilt.
bool read_string(const json& j, const char* key, std::string& out, bool required = true) {
  if (!j.contains(key)) return !required;
  if (!j[key].is_string()) return false;
  out = j[key].get<std::string>();
  return true;
}

bool read_count(const json& j, const char* key, std::size_t& out) {
  if (!j.contains(key) || !j[key].is_number_unsigned()) return false;
  out = j[key].get<std::size_t>();
  return true;
}

template <class E> bool read_enum(const json& j, const char* key, E last, std::optional<E>& out) {
  if (!j.contains(key) || j[key].is_null()) return true;
  if (!j[key].is_number_integer()) return false;
  const int v = j[key].get<int>();
  if (v < 0 || v > static_cast<int>(last)) return false;
  out = static_cast<E>(v);
  return true;
}

json obligation_json(const Obligation& o) {
  return json{{"kind", static_cast<int>(o.kind)}, {"rule", o.rule}, {"subject", o.subject}, {"due", o.due.iso()},
              {"opens", date_or_null(o.opens)}, {"after", date_or_null(o.after)}, {"estimated", o.estimated},
              {"consequence_zh", o.consequence_zh}};
}

std::optional<Obligation> obligation_from(const json& j, const std::string& case_id) {
  if (!j.is_object()) return std::nullopt;
  Obligation o;
  o.case_id = case_id;
  std::optional<ObligationKind> kind;
  std::optional<Date> due;
  if (!read_enum(j, "kind", ObligationKind::RetentionEnd, kind) || !kind) return std::nullopt;
  if (!read_date(j, "due", due) || !due || !read_date(j, "opens", o.opens) || !read_date(j, "after", o.after))
    return std::nullopt;
  o.kind = *kind;
  o.due = *due;
  if (!read_string(j, "rule", o.rule, false) || !read_string(j, "subject", o.subject, false) ||
      !read_string(j, "consequence_zh", o.consequence_zh, false))
    return std::nullopt;
  if (j.contains("estimated")) {
    if (!j["estimated"].is_boolean()) return std::nullopt;
    o.estimated = j["estimated"].get<bool>();
  }
  return o;
}

}  // namespace

json summary_to_json(const CaseSummary& s) {
  json obligations = json::array();
  for (const Obligation& o : s.obligations) obligations.push_back(obligation_json(o));
  return json{{"format", "certdesk-case-summary"},
              {"version", kCaseSummaryVersion},
              {"id", s.id},
              {"file_hash", s.file_hash},
              {"config", s.config},
              {"events", s.events},
              {"attachments", s.attachments},
              {"phase", s.phase ? json(static_cast<int>(*s.phase)) : json(nullptr)},
              {"organisation", s.organisation},
              {"scope", s.scope},
              {"step", static_cast<int>(s.step)},
              {"status", s.status ? json(static_cast<int>(*s.status)) : json(nullptr)},
              {"certificate", s.certificate},
              {"obligations", obligations}};
}

std::optional<CaseSummary> summary_from_json(const std::string& text) {
  const json j = json::parse(text, nullptr, false);
  std::string format;
  if (!j.is_object() || !read_string(j, "format", format) || format != "certdesk-case-summary" || !j.contains("version") ||
      !j["version"].is_number_integer() || j["version"].get<int>() != kCaseSummaryVersion)
    return std::nullopt;
  // A wrong type or a missing member: not a summary, rebuilt.
  CaseSummary s;
  if (!read_string(j, "id", s.id) || !read_string(j, "file_hash", s.file_hash) || !read_string(j, "config", s.config) ||
      !read_count(j, "events", s.events) || !read_count(j, "attachments", s.attachments) ||
      !read_string(j, "organisation", s.organisation) || !read_string(j, "scope", s.scope) ||
      !read_string(j, "certificate", s.certificate))
    return std::nullopt;
  std::optional<Step> step;
  if (!read_enum(j, "phase", CyclePhase::Closed, s.phase) || !read_enum(j, "status", CertStatus::Expired, s.status) ||
      !read_enum(j, "step", Step::Ended, step) || !step)
    return std::nullopt;
  s.step = *step;
  if (!j.contains("obligations") || !j["obligations"].is_array()) return std::nullopt;
  for (const json& o : j["obligations"]) {
    auto ob = obligation_from(o, s.id);
    if (!ob) return std::nullopt;
    s.obligations.push_back(std::move(*ob));
  }
  return s;
}

}  // namespace certdesk::ui
