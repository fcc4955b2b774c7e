// decide(): the dispatcher and the precondition helpers its handlers share.
#include <algorithm>
#include <type_traits>

#include "domain/credit_code.hpp"
#include "domain/decide_detail.hpp"

namespace certdesk {

bool Actor::has(Role r) const { return std::find(roles.begin(), roles.end(), r) != roles.end(); }

std::string_view command_type(const Command& c) {
  return std::visit([](const auto& x) { return std::decay_t<decltype(x)>::kType; }, c);
}

Result<std::vector<Event>> decide(const CaseState& state, const Command& command, const Context& ctx) {
  if (!ctx.calendar) return RuleViolation{"INPUT", "缺少工作日历", "context.calendar"};
  detail::Bodies bodies = std::visit([&](const auto& c) { return detail::handle(state, c, ctx); }, command);
  if (!bodies.ok()) return bodies.error();
  std::vector<Event> events;
  events.reserve(bodies.value().size());
  for (EventBody& b : bodies.value()) events.push_back(Event{EventMeta{ctx.actor.user_id, ctx.today, ctx.time_of_day}, std::move(b)});
  return events;
}

namespace detail {

Result<void> need_role(const Context& ctx, std::initializer_list<Role> roles) {
  for (Role r : roles)
    if (ctx.actor.has(r)) return ok_void();
  std::string names;
  for (Role r : roles) {
    if (!names.empty()) names.append("或");
    names.append(enum_label(r));
  }
  return RuleViolation{"P-ROLE", "此操作须由" + names + "执行", "actor.roles"};
}

Result<void> need_leader(const Context& ctx, const std::vector<TeamMember>& team) {
  const TeamMember* leader = team_leader(team);
  if (!leader) return RuleViolation{"P-TEAM", "尚未指定审核组长", "team"};
  if (leader->user_id != ctx.actor.user_id)
    return RuleViolation{"P-ROLE", "此操作须由审核组长 " + leader->name + "（" + leader->user_id + "）执行", "actor"};
  return ok_void();
}

const Cycle* open_cycle(const CaseState& s) {
  const Cycle* c = s.cycle();
  return c && !c->closed_on ? c : nullptr;
}

Result<const Cycle*> need_phase(const CaseState& s, std::initializer_list<CyclePhase> phases) {
  const Cycle* c = open_cycle(s);
  if (!c) return step_error("没有进行中的认证申请");
  for (CyclePhase p : phases)
    if (c->phase == p) return c;
  return step_error("当前阶段不能执行此操作");
}

Result<void> check_application(const Application& a) {
  const Organisation& o = a.organisation;
  if (o.name.empty()) return input_error("application.organisation.name", "缺少组织名称");
  CERTDESK_TRY(validate_credit_code(o.credit_code, "application.organisation.credit_code"));
  if (o.registered_address.empty()) return input_error("application.organisation.registered_address", "缺少注册地址");
  if (o.business_scope.empty()) return input_error("application.organisation.business_scope", "缺少经营范围");
  if (o.contacts.empty()) return input_error("application.organisation.contacts", "缺少联系人");
  if (a.sites.empty()) return input_error("application.sites", "缺少服务场所");
  if (a.scope.empty()) return input_error("application.scope", "缺少申请认证的服务类别和级别");
  if (a.headcount_in_scope <= 0) return input_error("application.headcount_in_scope", "认证范围内人数应大于 0");
  if (a.catalogue_version.empty()) return input_error("application.catalogue_version", "缺少服务类别目录版本");
  return ok_void();
}

Result<void> check_scope(const Context& ctx, const Application& a) {
  if (!ctx.catalogue) return ok_void();
  if (a.catalogue_version != ctx.catalogue->version)
    return input_error("application.catalogue_version",
                       "申请所依据的目录版本 " + a.catalogue_version + " 与当前目录 " + ctx.catalogue->version + " 不一致");
  return validate_scope(*ctx.catalogue, a.scope);
}

Result<void> check_new_application(const Context& ctx, const Application& a) {
  CERTDESK_TRY(check_application(a));
  CERTDESK_TRY(check_scope(ctx, a));
  return check_no_recent_penalty(a, ctx.today, ctx.rules);
}

std::string stage_audit_id(std::size_t cycle_number, AuditKind kind) {
  std::string stage = kind == AuditKind::Stage1 ? "S1" : "S2";
  if (cycle_number <= 1) return stage;
  std::string id = "C";
  id.append(std::to_string(cycle_number)).append("-").append(stage);
  return id;
}

const Finding* find_finding(const CaseState& s, const std::string& id) {
  for (const Finding& f : s.findings)
    if (f.id == id) return &f;
  return nullptr;
}

const std::vector<TeamMember>* audit_team(const CaseState& s, const std::string& audit_id) {
  for (std::size_t i = 0; i < s.cycles.size(); ++i)
    if (audit_id == stage_audit_id(i + 1, AuditKind::Stage1) || audit_id == stage_audit_id(i + 1, AuditKind::Stage2))
      return &s.cycles[i].team;
  const Audit* a = find_audit(s, audit_id);
  return a ? &a->team : nullptr;
}

}  // namespace detail
}  // namespace certdesk
