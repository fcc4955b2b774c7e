// Events of the case aggregate: facts, past tense, each with who and when (EventMeta) and what
// (the body). A case's history is an append-only vector<Event>; its state is fold(history).
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/case_model.hpp"

namespace certdesk {

struct EventMeta {
  std::string actor;  // user id
  Date on;
  // Local time of day when it was recorded, "HH:MM:SS" (issue 15: the history shows times).
  // Optional in the stored format: events recorded before it carry only their date ("").
  std::string at;
  bool operator==(const EventMeta&) const = default;
};

#define CERTDESK_EVENT(Name) static constexpr std::string_view kType = #Name; bool operator==(const Name&) const = default

struct CycleOpened { CERTDESK_EVENT(CycleOpened); std::string case_id; CycleKind kind = CycleKind::Initial; Application application; };
struct SupplementRequested { CERTDESK_EVENT(SupplementRequested); std::vector<std::string> items; Date deadline; bool estimated = false; };
struct SupplementAnswered { CERTDESK_EVENT(SupplementAnswered); std::vector<std::string> documents; };
struct ApplicationAccepted { CERTDESK_EVENT(ApplicationAccepted); double person_days = 0, stage1_days = 0, stage2_days = 0; std::string justification; };
struct ReviewApproved { CERTDESK_EVENT(ReviewApproved); double quote = 0; };
struct ApplicationRejected { CERTDESK_EVENT(ApplicationRejected); std::string reasons; };
struct ApplicationWithdrawn { CERTDESK_EVENT(ApplicationWithdrawn); bool deemed = false; std::string reason; };
struct ContractSigned { CERTDESK_EVENT(ContractSigned); std::string number; Date valid_until; double price = 0; };
struct TeamAssigned { CERTDESK_EVENT(TeamAssigned); std::vector<TeamMember> members; };
struct AuditPlanned { CERTDESK_EVENT(AuditPlanned); AuditKind stage = AuditKind::Stage1; Date planned_start; std::optional<Date> plan_sent_on; };
struct Stage1Concluded { CERTDESK_EVENT(Stage1Concluded); Date start, end; bool ready = false; std::vector<std::string> likely_ncs; };
struct RemoteAuditApproved { CERTDESK_EVENT(RemoteAuditApproved); RemoteCause cause = RemoteCause::None; bool agreement_signed = false; };
struct Stage2Conducted { CERTDESK_EVENT(Stage2Conducted); Date start, end; bool remote = false; std::vector<std::string> commitments; };
struct NonconformityRaised { CERTDESK_EVENT(NonconformityRaised); std::string id, audit_id, clause, description; bool major = false; };
struct CorrectiveActionRecorded { CERTDESK_EVENT(CorrectiveActionRecorded); std::string id, cause, correction, corrective_action; std::vector<std::string> evidence_refs; };
struct NonconformityVerified { CERTDESK_EVENT(NonconformityVerified); std::string id; bool effective = true; std::string verification; };
struct ObservationRecorded { CERTDESK_EVENT(ObservationRecorded); std::string id, audit_id, clause, description; };
struct AuditFailed { CERTDESK_EVENT(AuditFailed); std::string reason; };
struct ReportSubmitted { CERTDESK_EVENT(ReportSubmitted); std::string audit_id; Recommendation recommendation = Recommendation::Grant; std::string conclusion; };
struct ReportReviewed { CERTDESK_EVENT(ReportReviewed); bool approved = true; std::string note; };
struct CertificateInfoConfirmed { CERTDESK_EVENT(CertificateInfoConfirmed); std::string name, registered_address, office_address; std::vector<ScopeItem> scope; int headcount = 0; };
struct CertificationDecided { CERTDESK_EVENT(CertificationDecided); bool granted = true; std::string reasons; };
struct CertificateIssued { CERTDESK_EVENT(CertificateIssued); std::string number; Date expires_on; std::optional<Date> surveillance_anchor; };
struct RegisterReported { CERTDESK_EVENT(RegisterReported); std::string reference; };
struct ReportDelivered { CERTDESK_EVENT(ReportDelivered); std::string proof; };
struct SurveillanceConducted { CERTDESK_EVENT(SurveillanceConducted); std::string audit_id; Date start, end; std::vector<TeamMember> team; bool passed = true; std::string conclusion; };
struct ChangeApplied { CERTDESK_EVENT(ChangeApplied); ChangeKind kind = ChangeKind::Name; std::string new_value, proof_ref; bool major = false; };
struct CertificateChanged { CERTDESK_EVENT(CertificateChanged); StatusGround ground = StatusGround::NameChange; std::string new_value; };
struct CertificateSuspended { CERTDESK_EVENT(CertificateSuspended); StatusGround ground = StatusGround::Other; Date until; std::string note; };
struct CertificateRestored { CERTDESK_EVENT(CertificateRestored); std::string application_ref, info_check; };
struct CertificateCancelled { CERTDESK_EVENT(CertificateCancelled); StatusGround ground = StatusGround::ClientRequest; std::string note; };
struct CertificateRevoked { CERTDESK_EVENT(CertificateRevoked); StatusGround ground = StatusGround::Other; std::string note; };
struct CertificateExpired { CERTDESK_EVENT(CertificateExpired); };
struct SpecialAuditScheduled { CERTDESK_EVENT(SpecialAuditScheduled); std::string id; SpecialReason reason = SpecialReason::Complaint; };
struct SpecialAuditRefused { CERTDESK_EVENT(SpecialAuditRefused); std::string id; };
struct SpecialAuditConducted { CERTDESK_EVENT(SpecialAuditConducted); std::string id; Date start, end; std::vector<TeamMember> team; bool passed = true; std::string conclusion; };
struct ComplaintRegistered { CERTDESK_EVENT(ComplaintRegistered); std::string id; ComplaintKind kind = ComplaintKind::Complaint; std::string complainant, subject; };
struct ComplaintResolved { CERTDESK_EVENT(ComplaintResolved); std::string id, outcome; bool verified = false; bool extra_surveillance = false; };
struct SurveyRecorded { CERTDESK_EVENT(SurveyRecorded); std::string audit_id; int score = 0; std::string comments; };
struct FormRecorded { CERTDESK_EVENT(FormRecorded); std::string code; nlohmann::json fields = nlohmann::json::object(); };
struct ApplicationReviewNoted { CERTDESK_EVENT(ApplicationReviewNoted); std::string requirement_id; ReviewMark status = ReviewMark::Verified; std::string note; };

#undef CERTDESK_EVENT

using EventBody = std::variant<
    CycleOpened, SupplementRequested, SupplementAnswered, ApplicationAccepted, ReviewApproved,
    ApplicationRejected, ApplicationWithdrawn, ContractSigned, TeamAssigned, AuditPlanned,
    Stage1Concluded, RemoteAuditApproved, Stage2Conducted, NonconformityRaised,
    CorrectiveActionRecorded, NonconformityVerified, ObservationRecorded, AuditFailed,
    ReportSubmitted, ReportReviewed, CertificateInfoConfirmed, CertificationDecided,
    CertificateIssued, RegisterReported, ReportDelivered, SurveillanceConducted, ChangeApplied,
    CertificateChanged, CertificateSuspended, CertificateRestored, CertificateCancelled,
    CertificateRevoked, CertificateExpired, SpecialAuditScheduled, SpecialAuditRefused,
    SpecialAuditConducted, ComplaintRegistered, ComplaintResolved, SurveyRecorded, FormRecorded,
    ApplicationReviewNoted>;

struct Event {
  EventMeta meta;
  EventBody body;
  bool operator==(const Event&) const = default;
};

std::string_view event_type(const Event& e);
// The form (code, author, date) an event records, if any; fields left empty (the event is the content).
std::optional<FormRecord> form_for_event(const Event& e);

}  // namespace certdesk
