// Impartiality checks: who may sit on a team, review its report, and decide on its audit.
#include "domain/impartiality.hpp"

#include <algorithm>

namespace certdesk {

const TeamMember* team_leader(const std::vector<TeamMember>& team) {
  for (const TeamMember& m : team)
    if (m.role == TeamRole::Leader) return &m;
  return nullptr;
}

bool on_team(const std::vector<TeamMember>& team, const std::string& user_id) {
  return std::any_of(team.begin(), team.end(), [&](const TeamMember& m) { return m.user_id == user_id; });
}

// R15 §6.5: the decision maker was not on that audit's team.
Result<void> check_decision_maker(const std::vector<TeamMember>& team, const std::string& user_id) {
  if (on_team(team, user_id))
    return RuleViolation{"R15", "认证决定人员不得是该审核组成员（" + user_id + "）", "actor"};
  return ok_void();
}

// R16 §6.4.3: the report reviewer is not the team leader.
Result<void> check_reviewer(const std::vector<TeamMember>& team, const std::string& user_id) {
  const TeamMember* leader = team_leader(team);
  if (leader && leader->user_id == user_id)
    return RuleViolation{"R16", "复核人员不得是审核组长（" + user_id + "）", "actor"};
  return ok_void();
}

// IMP-CONFLICT (GB/T 27065 §4.2, product setting conflict_lookback_months): consultancy for the
// client within the look-back period bars a member from the team.
Result<void> check_declared_conflicts(const std::vector<TeamMember>& team, Date today, const CaseRules& r) {
  Date since = today.add_months(-r.conflict_lookback_months);
  for (std::size_t i = 0; i < team.size(); ++i) {
    const TeamMember& m = team[i];
    if (m.last_consulted_client && *m.last_consulted_client > since)
      return RuleViolation{"IMP-CONFLICT",
                           m.name + "（" + m.user_id + "）于 " + m.last_consulted_client->iso() + " 为该组织提供过咨询，" +
                               std::to_string(r.conflict_lookback_months) + " 个月内不得参与审核",
                           "members[" + std::to_string(i) + "].last_consulted_client"};
  }
  return ok_void();
}

// P-TEAM §6.4.1: a team has members with ids and exactly one leader.
Result<void> check_team_composition(const std::vector<TeamMember>& team) {
  if (team.empty()) return RuleViolation{"P-TEAM", "审核组不能为空", "members"};
  for (std::size_t i = 0; i < team.size(); ++i)
    if (team[i].user_id.empty())
      return RuleViolation{"INPUT", "审核组成员缺少用户编号", "members[" + std::to_string(i) + "].user_id"};
  auto leaders = std::count_if(team.begin(), team.end(), [](const TeamMember& m) { return m.role == TeamRole::Leader; });
  if (leaders != 1) return RuleViolation{"P-TEAM", "审核组须有且仅有一名审核组长", "members"};
  return ok_void();
}

// IMP-COMMIT §6.4.2.2: each auditor signs QP-21-09 before the on-site audit.
Result<void> check_commitments(const std::vector<TeamMember>& team, const std::vector<std::string>& signed_by) {
  for (const TeamMember& m : team)
    if (std::find(signed_by.begin(), signed_by.end(), m.user_id) == signed_by.end())
      return RuleViolation{"IMP-COMMIT", m.name + "（" + m.user_id + "）未签署公正性及保密性承诺（QP-21-09）", "commitments"};
  return ok_void();
}

}  // namespace certdesk
