// Impartiality checks (GB/T 27065): R15, R16, declared conflicts, team composition, QP-21-09.
#pragma once

#include <string>
#include <vector>

#include "domain/case_model.hpp"
#include "domain/case_rules.hpp"
#include "domain/result.hpp"

namespace certdesk {

const TeamMember* team_leader(const std::vector<TeamMember>& team);
bool on_team(const std::vector<TeamMember>& team, const std::string& user_id);

Result<void> check_decision_maker(const std::vector<TeamMember>& team, const std::string& user_id);  // R15
Result<void> check_reviewer(const std::vector<TeamMember>& team, const std::string& user_id);        // R16
// IMP-CONFLICT: a member who consulted for the client within the look-back period is refused.
Result<void> check_declared_conflicts(const std::vector<TeamMember>& team, Date today, const CaseRules& r);
// P-TEAM: exactly one leader, every member identified.
Result<void> check_team_composition(const std::vector<TeamMember>& team);
// IMP-COMMIT: every member signed the impartiality and confidentiality commitment (QP-21-09).
Result<void> check_commitments(const std::vector<TeamMember>& team, const std::vector<std::string>& signed_by);

}  // namespace certdesk
