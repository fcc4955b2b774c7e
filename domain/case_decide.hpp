// decide / apply / fold of the case aggregate (STYLE.md: data flows one way).
#pragma once

#include <vector>

#include "domain/case_commands.hpp"
#include "domain/case_events.hpp"
#include "domain/result.hpp"

namespace certdesk {

// Checks the command against the state and the rules; accepted → the events to append (each
// stamped with ctx.actor.user_id and ctx.today), refused → the first RuleViolation.
Result<std::vector<Event>> decide(const CaseState& state, const Command& command, const Context& ctx);
// The state after one event. Total: an event decide() produced always applies.
CaseState apply(CaseState state, const Event& event);
// The state of a history (apply over every event from an empty case).
CaseState fold(const std::vector<Event>& history);
// A history read from outside (a store file, a backup) need not be one decide() produced: each
// event's subject must exist where apply() uses it — a cycle, its acceptance review or its
// report, the certificate, the finding, the special audit. ok, or an INPUT error naming the
// first event that does not fit ("events[3]"). Any history decide() produced passes.
Result<void> check_history(const std::vector<Event>& history);

}  // namespace certdesk
