// Internal to decide(): shared precondition helpers and the per-command handler declarations.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "domain/case_decide.hpp"
#include "domain/impartiality.hpp"
#include "domain/procedure_rules.hpp"

namespace certdesk::detail {

using Bodies = Result<std::vector<EventBody>>;

// Returns the violation of a failed Result<void> from the enclosing handler.
#define CERTDESK_TRY(expr)                          \
  do {                                              \
    auto certdesk_try_ = (expr);                    \
    if (!certdesk_try_.ok()) return certdesk_try_.error(); \
  } while (0)

inline RuleViolation step_error(std::string message_zh, std::string field = {}) {
  return RuleViolation{"P-STEP", std::move(message_zh), std::move(field)};
}
inline Result<void> require(bool condition, RuleViolation v) {
  if (!condition) return v;
  return ok_void();
}
inline Bodies emit(std::vector<EventBody> bodies) { return bodies; }

// P-ROLE: the actor holds one of the roles.
Result<void> need_role(const Context& ctx, std::initializer_list<Role> roles);
// P-ROLE: the actor is the leader of this team.
Result<void> need_leader(const Context& ctx, const std::vector<TeamMember>& team);
// The current cycle if one is open (not closed), else nullptr.
const Cycle* open_cycle(const CaseState& s);
// P-STEP: the open cycle is in one of these phases.
Result<const Cycle*> need_phase(const CaseState& s, std::initializer_list<CyclePhase> phases);
// INPUT: the QP-21-01 fields the acceptance review needs are present.
Result<void> check_application(const Application& a);
// INPUT: with a catalogue in the context, the requested scope exists in it at that version.
Result<void> check_scope(const Context& ctx, const Application& a);
// A new cycle's application (initial, recertification, extension): fields, scope, R12.
Result<void> check_new_application(const Context& ctx, const Application& a);
// "S1"/"S2" for the first cycle, "C2-S2" for later ones.
std::string stage_audit_id(std::size_t cycle_number, AuditKind kind);
const Finding* find_finding(const CaseState& s, const std::string& id);
// The team that conducted an audit (stage audits use the cycle's team).
const std::vector<TeamMember>* audit_team(const CaseState& s, const std::string& audit_id);

#define CERTDESK_HANDLER(C) Bodies handle(const CaseState& s, const C& c, const Context& ctx);
CERTDESK_HANDLER(SubmitApplication)
CERTDESK_HANDLER(RequestSupplement)
CERTDESK_HANDLER(AnswerSupplement)
CERTDESK_HANDLER(AcceptApplication)
CERTDESK_HANDLER(ApproveReview)
CERTDESK_HANDLER(RejectApplication)
CERTDESK_HANDLER(WithdrawApplication)
CERTDESK_HANDLER(SignContract)
CERTDESK_HANDLER(AssignTeam)
CERTDESK_HANDLER(PlanAudit)
CERTDESK_HANDLER(ConcludeStage1)
CERTDESK_HANDLER(ApproveRemoteAudit)
CERTDESK_HANDLER(ConductStage2)
CERTDESK_HANDLER(RaiseNonconformity)
CERTDESK_HANDLER(RecordCorrectiveAction)
CERTDESK_HANDLER(VerifyNonconformity)
CERTDESK_HANDLER(RecordObservation)
CERTDESK_HANDLER(DeclareAuditFailed)
CERTDESK_HANDLER(SubmitReport)
CERTDESK_HANDLER(ReviewReport)
CERTDESK_HANDLER(ConfirmCertificateInfo)
CERTDESK_HANDLER(DecideCertification)
CERTDESK_HANDLER(IssueCertificate)
CERTDESK_HANDLER(ReportToRegister)
CERTDESK_HANDLER(DeliverReport)
CERTDESK_HANDLER(ConductSurveillance)
CERTDESK_HANDLER(ApplyChange)
CERTDESK_HANDLER(Suspend)
CERTDESK_HANDLER(Restore)
CERTDESK_HANDLER(Cancel)
CERTDESK_HANDLER(Revoke)
CERTDESK_HANDLER(Expire)
CERTDESK_HANDLER(OpenRecertification)
CERTDESK_HANDLER(OpenScopeExtension)
CERTDESK_HANDLER(ScheduleSpecialAudit)
CERTDESK_HANDLER(RefuseSpecialAudit)
CERTDESK_HANDLER(ConductSpecialAudit)
CERTDESK_HANDLER(RegisterComplaint)
CERTDESK_HANDLER(ResolveComplaint)
CERTDESK_HANDLER(RecordSurvey)
CERTDESK_HANDLER(RecordForm)
CERTDESK_HANDLER(NoteApplicationReview)
#undef CERTDESK_HANDLER

}  // namespace certdesk::detail
