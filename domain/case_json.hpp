// JSON of the case aggregate under a schema version: commands (what the UI and the scenario
// runner send: {"type":"AcceptApplication", ...fields}), events, histories, states, obligations.
// Readers never throw: bad input → RuleViolation "INPUT" whose field names the JSON path.
#pragma once

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/case_commands.hpp"
#include "domain/case_events.hpp"
#include "domain/deadlines.hpp"
#include "domain/result.hpp"

namespace certdesk {

inline constexpr int kCaseSchemaVersion = 1;

nlohmann::json command_to_json(const Command& c);
Result<Command> command_from_json(const nlohmann::json& j);  // "schema" optional, must not exceed ours
// {"type":"ApplicationAccepted","actor":"u1","on":"2026-03-02", ...fields}
nlohmann::json event_to_json(const Event& e);
Result<Event> event_from_json(const nlohmann::json& j);
// {"schema":1,"events":[...]}
nlohmann::json history_to_json(const std::vector<Event>& history);
Result<std::vector<Event>> history_from_json(const nlohmann::json& j);
// {"schema":1,"case":{...}}
nlohmann::json case_to_json(const CaseState& s);
Result<CaseState> case_from_json(const nlohmann::json& j);

nlohmann::json actor_to_json(const Actor& a);
Result<Actor> actor_from_json(const nlohmann::json& j);
Result<Application> application_from_json(const nlohmann::json& j);
Result<CaseRules> case_rules_from_json(const nlohmann::json& j);  // missing keys keep defaults
nlohmann::json obligation_to_json(const Obligation& o);


}  // namespace certdesk
