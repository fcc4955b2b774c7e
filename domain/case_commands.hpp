// Commands of the case aggregate: every step and transition of BRIEF §6–§9 as an intent, plus
// the Context a decision reads (who acts, today's date, the calendar, the rules).
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/catalogue.hpp"
#include "domain/case_model.hpp"
#include "domain/case_rules.hpp"

namespace certdesk {

struct Actor {
  std::string user_id;
  std::string name;
  std::vector<Role> roles;
  bool has(Role r) const;
};

// What decide() reads besides the state. today is an argument: the domain never reads a clock.
struct Context {
  Actor actor;
  Date today;
  const WorkCalendar* calendar = nullptr;  // required; must outlive the call
  CaseRules rules;                         // case_rules_from(settings) (settings.hpp)
  const Catalogue* catalogue = nullptr;    // optional: when set, requested scopes are checked against it
  std::string time_of_day;                 // "HH:MM:SS" local, stamped on the events (EventMeta::at); may be ""
};

// ---- application and acceptance (§6.1, §6.2) ----
struct SubmitApplication { static constexpr std::string_view kType = "SubmitApplication"; std::string case_id; Application application; };
struct RequestSupplement { static constexpr std::string_view kType = "RequestSupplement"; std::vector<std::string> items; };
struct AnswerSupplement { static constexpr std::string_view kType = "AnswerSupplement"; std::vector<std::string> documents; };
struct AcceptApplication {
  static constexpr std::string_view kType = "AcceptApplication";
  double person_days = 0, stage1_days = 0, stage2_days = 0;
  std::string justification;  // 附录A, line by line
};
struct ApproveReview { static constexpr std::string_view kType = "ApproveReview"; double quote = 0; };
struct RejectApplication { static constexpr std::string_view kType = "RejectApplication"; std::string reasons; };
// deemed = withdrawn by the body because a supplement deadline passed unanswered (R17).
struct WithdrawApplication { static constexpr std::string_view kType = "WithdrawApplication"; bool deemed = false; std::string reason; };
// ---- contract and preparation (§6.3, §6.4.1) ----
struct SignContract {
  static constexpr std::string_view kType = "SignContract";
  std::string number;
  std::optional<Date> valid_until;  // default: R1, 3 years
  double price = 0;
};
struct AssignTeam { static constexpr std::string_view kType = "AssignTeam"; std::vector<TeamMember> members; };
struct PlanAudit {
  static constexpr std::string_view kType = "PlanAudit";
  AuditKind stage = AuditKind::Stage1;  // Stage1 (05A) or Stage2 (07)
  Date planned_start;
  std::optional<Date> plan_sent_on;  // when the plan reached the client
};
// ---- audits (§6.4.2) and findings (§6.4.4) ----
struct ConcludeStage1 {
  static constexpr std::string_view kType = "ConcludeStage1";
  Date start, end;
  bool ready = false;
  std::vector<std::string> likely_ncs;
};
struct ApproveRemoteAudit { static constexpr std::string_view kType = "ApproveRemoteAudit"; RemoteCause cause = RemoteCause::None; bool agreement_signed = false; };
struct ConductStage2 {
  static constexpr std::string_view kType = "ConductStage2";
  Date start, end;
  bool remote = false;
  std::vector<std::string> commitments;  // user ids who signed QP-21-09
};
struct RaiseNonconformity {
  static constexpr std::string_view kType = "RaiseNonconformity";
  std::string id, audit_id, clause, description;
  bool major = false;
};
struct RecordCorrectiveAction {
  static constexpr std::string_view kType = "RecordCorrectiveAction";
  std::string id, cause, correction, corrective_action;
  std::vector<std::string> evidence_refs;
};
struct VerifyNonconformity { static constexpr std::string_view kType = "VerifyNonconformity"; std::string id; bool effective = true; std::string verification; };
struct RecordObservation { static constexpr std::string_view kType = "RecordObservation"; std::string id, audit_id, clause, description; };
struct DeclareAuditFailed { static constexpr std::string_view kType = "DeclareAuditFailed"; std::string reason; };
// ---- report, decision, certificate (§6.4.3, §6.4.5, §6.5, §6.6) ----
struct SubmitReport { static constexpr std::string_view kType = "SubmitReport"; Recommendation recommendation = Recommendation::Grant; std::string conclusion; };
struct ReviewReport { static constexpr std::string_view kType = "ReviewReport"; bool approved = true; std::string note; };
struct ConfirmCertificateInfo {
  static constexpr std::string_view kType = "ConfirmCertificateInfo";
  std::string name, registered_address, office_address;
  std::vector<ScopeItem> scope;
  int headcount = 0;
};
struct DecideCertification { static constexpr std::string_view kType = "DecideCertification"; bool grant = true; std::string reasons; };
struct IssueCertificate { static constexpr std::string_view kType = "IssueCertificate"; std::string number; };
struct ReportToRegister { static constexpr std::string_view kType = "ReportToRegister"; std::string reference; };
struct DeliverReport { static constexpr std::string_view kType = "DeliverReport"; std::string proof; };
// ---- the certificate's life (§6.7–§6.10) ----
struct ConductSurveillance {
  static constexpr std::string_view kType = "ConductSurveillance";
  Date start, end;
  std::vector<TeamMember> team;
  bool passed = true;
  std::string conclusion;
};
struct ApplyChange {
  static constexpr std::string_view kType = "ApplyChange";
  ChangeKind kind = ChangeKind::Name;
  std::string new_value, proof_ref;
  bool major = false;
};
struct Suspend {
  static constexpr std::string_view kType = "Suspend";
  StatusGround ground = StatusGround::Other;
  int months = 0;  // 0 = the usual length (R8)
  std::string note;
};
struct Restore { static constexpr std::string_view kType = "Restore"; std::string application_ref, info_check; };
struct Cancel { static constexpr std::string_view kType = "Cancel"; StatusGround ground = StatusGround::ClientRequest; std::string note; };
struct Revoke { static constexpr std::string_view kType = "Revoke"; StatusGround ground = StatusGround::Other; std::string note; };
struct Expire { static constexpr std::string_view kType = "Expire"; };
struct OpenRecertification { static constexpr std::string_view kType = "OpenRecertification"; Application application; };
struct OpenScopeExtension { static constexpr std::string_view kType = "OpenScopeExtension"; Application application; };
struct ScheduleSpecialAudit { static constexpr std::string_view kType = "ScheduleSpecialAudit"; std::string id; SpecialReason reason = SpecialReason::Complaint; };
struct RefuseSpecialAudit { static constexpr std::string_view kType = "RefuseSpecialAudit"; std::string id; };
struct ConductSpecialAudit {
  static constexpr std::string_view kType = "ConductSpecialAudit";
  std::string id;
  Date start, end;
  std::vector<TeamMember> team;
  bool passed = true;
  std::string conclusion;
};
// ---- complaints, surveys, other forms (§7–§9) ----
struct RegisterComplaint {
  static constexpr std::string_view kType = "RegisterComplaint";
  std::string id;
  ComplaintKind kind = ComplaintKind::Complaint;
  std::string complainant, subject;
};
struct ResolveComplaint {
  static constexpr std::string_view kType = "ResolveComplaint";
  std::string id, outcome;
  bool verified = false;
  bool extra_surveillance = false;
};
struct RecordSurvey { static constexpr std::string_view kType = "RecordSurvey"; std::string audit_id; int score = 0; std::string comments; };
struct RecordForm { static constexpr std::string_view kType = "RecordForm"; std::string code; nlohmann::json fields = nlohmann::json::object(); };
// §6.2: the acceptance review marks one self-assessment requirement (issue 15): verified, or
// needing a supplement with what is missing (the note), or unchecked again.
struct NoteApplicationReview {
  static constexpr std::string_view kType = "NoteApplicationReview";
  std::string requirement_id;
  ReviewMark status = ReviewMark::Verified;
  std::string note;
};

using Command = std::variant<
    SubmitApplication, RequestSupplement, AnswerSupplement, AcceptApplication, ApproveReview,
    RejectApplication, WithdrawApplication, SignContract, AssignTeam, PlanAudit, ConcludeStage1,
    ApproveRemoteAudit, ConductStage2, RaiseNonconformity, RecordCorrectiveAction,
    VerifyNonconformity, RecordObservation, DeclareAuditFailed, SubmitReport, ReviewReport,
    ConfirmCertificateInfo, DecideCertification, IssueCertificate, ReportToRegister, DeliverReport,
    ConductSurveillance, ApplyChange, Suspend, Restore, Cancel, Revoke, Expire,
    OpenRecertification, OpenScopeExtension, ScheduleSpecialAudit, RefuseSpecialAudit,
    ConductSpecialAudit, RegisterComplaint, ResolveComplaint, RecordSurvey, RecordForm,
    NoteApplicationReview>;

std::string_view command_type(const Command& c);

}  // namespace certdesk
