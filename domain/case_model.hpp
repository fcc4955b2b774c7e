// The case aggregate's state: organisation, application, cycles, audits, findings, decision,
// certificate with its status history, complaints, surveys and form records (BRIEF §6–§9).
// A "case" is one client's certification file; each Cycle is one pass from application to
// decision (initial, recertification, scope extension) — the certificate's life spans cycles.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/date.hpp"
#include "domain/enum_table.hpp"
#include "domain/scope_item.hpp"

namespace certdesk {

// ---- people and roles -------------------------------------------------------------------
enum class Role {
  Applicant, Marketing, Quality, Division, ProjectManager, TeamLeader, Auditor, Reviewer,
  DecisionMaker, Management
};

enum class TeamRole { Leader, Auditor, TechnicalExpert, Trainee, Witness, Observer };

struct TeamMember {
  std::string user_id;
  std::string name;
  TeamRole role = TeamRole::Auditor;
  std::string registration_no;               // auditor registration data for QP-21-11
  std::optional<Date> last_consulted_client;  // declared on QP-21-09: last consultancy for this client
  bool operator==(const TeamMember&) const = default;
};

// ---- organisation and application (QP-21-01) ---------------------------------------------
struct Site {
  std::string name;
  std::string address;
  bool operator==(const Site&) const = default;
};

struct Licence {
  std::string name;
  std::string number;
  std::optional<Date> valid_until;
  bool operator==(const Licence&) const = default;
};

struct Contact {
  std::string name;
  std::string phone;
  std::string email;
  bool operator==(const Contact&) const = default;
};

// ScopeItem (one service category at one level, from the catalogue): domain/scope_item.hpp.

struct Organisation {
  std::string name;
  std::string credit_code;          // 统一社会信用代码, 18 characters
  std::string registered_address;
  std::string office_address;
  std::string legal_representative;
  std::vector<Contact> contacts;
  std::string business_scope;
  bool operator==(const Organisation&) const = default;
};

struct Answer {  // one self-assessment answer, keyed by the catalogue's requirement id
  std::string requirement_id;
  std::string answer;
  std::vector<std::string> evidence_refs;
  bool operator==(const Answer&) const = default;
};

struct Application {
  Organisation organisation;
  int headcount_in_scope = 0;
  std::vector<Site> sites;
  std::vector<Licence> licences;
  std::vector<ScopeItem> scope;
  std::string catalogue_version;
  std::optional<Date> founded_on;               // proof of how long the business has operated
  std::optional<Date> last_administrative_penalty;  // R12
  std::vector<Answer> management_self_assessment;
  std::vector<Answer> capability_self_assessment;
  std::vector<std::string> documents;
  bool operator==(const Application&) const = default;
};

// ---- cycle steps ------------------------------------------------------------------------
struct SupplementRequest {
  std::vector<std::string> items;
  Date requested_on;
  Date deadline;
  bool deadline_estimated = false;
  std::optional<Date> answered_on;
  bool operator==(const SupplementRequest&) const = default;
};

struct Review {  // QP-21-02 with 附录A
  std::string reviewer;
  Date reviewed_on;
  double person_days = 0;
  double stage1_days = 0;
  double stage2_days = 0;
  std::string justification;
  std::optional<Date> approved_on;  // the division's approval
  std::string approved_by;
  double quote = 0;
  bool operator==(const Review&) const = default;
};

struct Contract {  // QP-21-03
  std::string number;
  Date signed_on;
  Date valid_until;
  double price = 0;
  bool operator==(const Contract&) const = default;
};

enum class RemoteCause { None, ExtremeWeather, HealthEvent, SecurityEvent };

enum class AuditKind { Stage1, Stage2, Surveillance, Special, Recertification };

enum class FindingKind { Nonconformity, Observation };

struct Finding {
  std::string id;
  FindingKind kind = FindingKind::Nonconformity;
  std::string audit_id;
  std::string clause;
  std::string description;
  bool major = false;
  Date raised_on;
  std::string cause;
  std::string correction;
  std::string corrective_action;
  std::vector<std::string> evidence_refs;
  std::optional<Date> action_on;
  std::optional<Date> verified_on;
  std::string verification;
  bool operator==(const Finding&) const = default;
};

struct Audit {
  std::string id;  // "S1", "S2", "SV1", "SP1", "RC1-S2"…
  AuditKind kind = AuditKind::Stage1;
  std::vector<TeamMember> team;
  std::optional<Date> planned_start;
  std::optional<Date> plan_sent_on;  // QP-21-07 reached the client
  std::optional<Date> start;
  std::optional<Date> end;
  bool remote = false;
  bool passed = false;
  std::string conclusion;
  bool operator==(const Audit&) const = default;
};

struct RemoteApproval {
  RemoteCause cause = RemoteCause::None;
  std::string approved_by;
  Date approved_on;
  bool agreement_signed = false;
  bool operator==(const RemoteApproval&) const = default;
};

enum class Recommendation { Grant, Refuse };

struct Report {  // QP-21-11
  std::string audit_id;
  std::string author;
  Date submitted_on;
  Recommendation recommendation = Recommendation::Grant;
  std::string conclusion;
  std::string reviewer;
  std::optional<Date> reviewed_on;
  bool approved = false;
  std::optional<Date> delivered_on;  // R3
  std::string delivery_proof;
  bool operator==(const Report&) const = default;
};

struct CertificateInfo {  // QP-21-14
  std::string name;
  std::string registered_address;
  std::string office_address;
  std::vector<ScopeItem> scope;
  int headcount = 0;
  Date confirmed_on;
  bool operator==(const CertificateInfo&) const = default;
};

struct Decision {  // QP-21-15
  std::string decided_by;
  Date decided_on;
  bool granted = false;
  std::string reasons;
  bool operator==(const Decision&) const = default;
};

// The acceptance review's mark on one self-assessment requirement (§6.2): checked against the
// applicant's claim and evidence, or incomplete with a note of what is missing, which becomes an
// item of the supplement request (R17). Unchecked clears an earlier mark.
enum class ReviewMark { Unchecked, Verified, NeedsSupplement };

struct RequirementCheck {
  std::string requirement_id;
  ReviewMark status = ReviewMark::Unchecked;
  std::string note;
  std::string by;
  Date on;
  bool operator==(const RequirementCheck&) const = default;
};

enum class CycleKind { Initial, Recertification, ScopeExtension };

enum class CyclePhase {
  Applied, Accepted, Rejected, Withdrawn, Contracted, Audited, Decided, Failed, Closed
};

struct Cycle {
  CycleKind kind = CycleKind::Initial;
  CyclePhase phase = CyclePhase::Applied;
  Application application;
  Date applied_on;
  std::vector<SupplementRequest> supplements;
  std::optional<Review> review;
  std::string rejection_reasons;
  std::optional<Contract> contract;
  std::vector<TeamMember> team;  // QP-21-04: the team of stage 1 and stage 2
  std::optional<Audit> stage1;
  bool stage1_ready = false;
  std::vector<std::string> stage1_likely_ncs;
  std::optional<RemoteApproval> remote;
  std::optional<Audit> stage2;
  std::optional<Report> report;
  std::optional<CertificateInfo> info;
  std::optional<Decision> decision;
  std::optional<Date> closed_on;
  std::vector<RequirementCheck> application_checks;  // §6.2, one per requirement marked (latest mark)
  bool operator==(const Cycle&) const = default;
};

// ---- the certificate's life ---------------------------------------------------------------
enum class CertStatus { Valid, Suspended, Restored, Changed, Cancelled, Revoked, Expired };

enum class StatusGround {
  None, Issued, PersistentFailure, SurveillanceOverdue, MisuseNoHarm, SeriousNcAtSurveillance,
  ClientRequest, SpecialAuditRefused, MisuseHarmful, SuspensionNotResolved, SeriousIncident,
  VerifiedComplaint, ExpiredWithoutRenewal, Replaced, NameChange, AddressChange, ScopeChange,
  Other
};

struct StatusChange {
  CertStatus status = CertStatus::Valid;
  Date on;
  StatusGround ground = StatusGround::None;
  std::string note;
  std::string by;
  bool operator==(const StatusChange&) const = default;
};

struct Certificate {
  std::string number;
  Date issued_on;
  Date expires_on;
  std::string name;
  std::string registered_address;
  std::string office_address;
  std::vector<ScopeItem> scope;
  std::vector<StatusChange> history;  // append-only; back() is the current status
  std::optional<Date> suspended_until;  // R8
  bool operator==(const Certificate&) const = default;
};

enum class ChangeKind { Name, Address, Scope, Other };

struct ChangeRequest {  // QP-21-26
  ChangeKind kind = ChangeKind::Name;
  std::string new_value;
  std::string proof_ref;
  Date applied_on;
  bool major = false;  // structure, key sites, service processes → extra surveillance
  std::optional<Date> completed_on;
  bool operator==(const ChangeRequest&) const = default;
};

enum class SpecialReason {
  Complaint, Incident, NegativeInformation, NoLongerMeetsRequirements, ChangeResponse,
  SuspendedFollowUp, FailedSpotCheck
};

struct SpecialAudit {
  std::string id;
  SpecialReason reason = SpecialReason::Complaint;
  Date scheduled_on;
  std::optional<Date> refused_on;
  std::optional<Audit> audit;
  bool operator==(const SpecialAudit&) const = default;
};

enum class ComplaintKind { Complaint, Appeal };

struct Complaint {  // IP-11-01/02/03
  std::string id;
  ComplaintKind kind = ComplaintKind::Complaint;
  std::string complainant;
  std::string subject;
  Date received_on;
  std::optional<Date> resolved_on;
  std::string outcome;
  bool verified = false;
  bool extra_surveillance = false;
  bool operator==(const Complaint&) const = default;
};

struct Survey {  // QP-21-16
  std::string audit_id;
  Date on;
  int score = 0;  // 1–5
  std::string comments;
  bool operator==(const Survey&) const = default;
};

struct RegisterItem {  // a fact owed to the national register (R5)
  std::string subject;
  Date cause_on;
  bool operator==(const RegisterItem&) const = default;
};

// Any form of the brief's table as a record; fields holds the content, or null when the
// content is the event that produced the form (see form_for_event).
struct FormRecord {
  std::string code;  // "QP-21-01"
  std::string author;
  Date date;
  nlohmann::json fields = nlohmann::json::object();
  bool operator==(const FormRecord&) const = default;
};

struct CaseState {
  std::string id;
  std::vector<Cycle> cycles;  // back() is the current cycle
  std::optional<Certificate> certificate;
  std::vector<Certificate> previous_certificates;  // replaced by a recertification
  std::optional<Date> surveillance_anchor;      // R6 start
  std::vector<Audit> surveillances;             // SV1, SV2…
  std::optional<Date> extra_surveillance_from;  // complaint or major change, until next audit
  std::vector<ChangeRequest> changes;
  std::vector<SpecialAudit> special_audits;
  std::vector<Complaint> complaints;
  std::vector<Survey> surveys;
  std::vector<Finding> findings;
  std::vector<RegisterItem> register_pending;
  std::vector<FormRecord> forms;
  std::size_t event_count = 0;
  std::optional<Date> last_event_on;
  bool operator==(const CaseState&) const = default;

  const Cycle* cycle() const { return cycles.empty() ? nullptr : &cycles.back(); }
  Cycle* cycle() { return cycles.empty() ? nullptr : &cycles.back(); }
  std::optional<CertStatus> status() const {
    if (!certificate || certificate->history.empty()) return std::nullopt;
    return certificate->history.back().status;
  }
};

// A certificate in force: valid, restored or changed (suspended, cancelled, revoked, expired are not).
bool in_force(CertStatus s);
// The case has a certificate that still lives: in force or suspended (not cancelled, revoked, expired).
bool certificate_active(const CaseState& s);
// The audit with this id anywhere in the case (stage 1/2 of any cycle, surveillance, special).
const Audit* find_audit(const CaseState& s, const std::string& audit_id);

// ---- ids and Chinese labels (one table per enum: files carry the id, users read the label) ----
CERTDESK_ENUM_TABLE(Role, {Role::Applicant, "applicant", "申请组织"}, {Role::Marketing, "marketing", "市场运营部"},
    {Role::Quality, "quality", "质控部"}, {Role::Division, "division", "认证事业部"},
    {Role::ProjectManager, "project_manager", "项目管理人员"}, {Role::TeamLeader, "team_leader", "审核组长"},
    {Role::Auditor, "auditor", "审核员"}, {Role::Reviewer, "reviewer", "复核人员"},
    {Role::DecisionMaker, "decision_maker", "认证决定人员"}, {Role::Management, "management", "管理者代表"})
CERTDESK_ENUM_TABLE(TeamRole, {TeamRole::Leader, "leader", "审核组长"}, {TeamRole::Auditor, "auditor", "审核员"},
    {TeamRole::TechnicalExpert, "technical_expert", "技术专家"}, {TeamRole::Trainee, "trainee", "实习审核员"},
    {TeamRole::Witness, "witness", "见证人员"}, {TeamRole::Observer, "observer", "观察员"})
CERTDESK_ENUM_TABLE(RemoteCause, {RemoteCause::None, "none"},
    {RemoteCause::ExtremeWeather, "extreme_weather", "极端天气"},
    {RemoteCause::HealthEvent, "health_event", "卫生事件"},
    {RemoteCause::SecurityEvent, "security_event", "安全事件"})
CERTDESK_ENUM_TABLE(AuditKind, {AuditKind::Stage1, "stage1"}, {AuditKind::Stage2, "stage2"},
    {AuditKind::Surveillance, "surveillance"}, {AuditKind::Special, "special"},
    {AuditKind::Recertification, "recertification"})
CERTDESK_ENUM_TABLE(FindingKind, {FindingKind::Nonconformity, "nonconformity"},
    {FindingKind::Observation, "observation"})
CERTDESK_ENUM_TABLE(Recommendation, {Recommendation::Grant, "grant", "推荐认证"},
    {Recommendation::Refuse, "refuse", "不推荐认证"})
CERTDESK_ENUM_TABLE(CycleKind, {CycleKind::Initial, "initial"},
    {CycleKind::Recertification, "recertification"}, {CycleKind::ScopeExtension, "scope_extension"})
CERTDESK_ENUM_TABLE(CyclePhase, {CyclePhase::Applied, "applied", "已收到申请"},
    {CyclePhase::Accepted, "accepted", "已受理"}, {CyclePhase::Rejected, "rejected", "不予受理"},
    {CyclePhase::Withdrawn, "withdrawn", "已撤回"}, {CyclePhase::Contracted, "contracted", "已签合同"},
    {CyclePhase::Audited, "audited", "已审核"}, {CyclePhase::Decided, "decided", "已决定"},
    {CyclePhase::Failed, "failed", "审核未通过"}, {CyclePhase::Closed, "closed", "认证周期已完成"})
CERTDESK_ENUM_TABLE(CertStatus, {CertStatus::Valid, "valid", "有效"},
    {CertStatus::Suspended, "suspended", "暂停"}, {CertStatus::Restored, "restored", "已恢复"},
    {CertStatus::Changed, "changed", "已变更"}, {CertStatus::Cancelled, "cancelled", "注销"},
    {CertStatus::Revoked, "revoked", "撤销"}, {CertStatus::Expired, "expired", "过期"})
CERTDESK_ENUM_TABLE(StatusGround, {StatusGround::None, "none"}, {StatusGround::Issued, "issued"},
    {StatusGround::PersistentFailure, "persistent_failure", "持续或严重不满足认证要求"},
    {StatusGround::SurveillanceOverdue, "surveillance_overdue", "未按期接受监督审核"},
    {StatusGround::MisuseNoHarm, "misuse_no_harm", "不当使用证书，尚未造成不良影响"},
    {StatusGround::SeriousNcAtSurveillance, "serious_nc_at_surveillance", "监督审核发现严重不符合"},
    {StatusGround::ClientRequest, "client_request", "获证组织申请"},
    {StatusGround::SpecialAuditRefused, "special_audit_refused", "拒绝接受特殊审核"},
    {StatusGround::MisuseHarmful, "misuse_harmful", "不当使用证书，造成不良影响"},
    {StatusGround::SuspensionNotResolved, "suspension_not_resolved", "暂停期内未整改并经验证"},
    {StatusGround::SeriousIncident, "serious_incident", "发生严重服务事故"},
    {StatusGround::VerifiedComplaint, "verified_complaint", "投诉经核实影响服务"},
    {StatusGround::ExpiredWithoutRenewal, "expired_without_renewal", "证书到期未再认证"},
    {StatusGround::Replaced, "replaced", "新证书替代"}, {StatusGround::NameChange, "name_change", "名称变更"},
    {StatusGround::AddressChange, "address_change", "地址变更"},
    {StatusGround::ScopeChange, "scope_change", "范围变更"}, {StatusGround::Other, "other", "其他"})
CERTDESK_ENUM_TABLE(ChangeKind, {ChangeKind::Name, "name", "名称变更"}, {ChangeKind::Address, "address", "地址变更"},
    {ChangeKind::Scope, "scope", "范围变更"}, {ChangeKind::Other, "other", "其他变更"})
CERTDESK_ENUM_TABLE(SpecialReason, {SpecialReason::Complaint, "complaint", "投诉"},
    {SpecialReason::Incident, "incident", "服务事故"},
    {SpecialReason::NegativeInformation, "negative_information", "负面信息"},
    {SpecialReason::NoLongerMeetsRequirements, "no_longer_meets_requirements", "可能不再满足要求"},
    {SpecialReason::ChangeResponse, "change_response", "对变更的响应"},
    {SpecialReason::SuspendedFollowUp, "suspended_follow_up", "暂停组织的跟踪"},
    {SpecialReason::FailedSpotCheck, "failed_spot_check", "政府抽查不合格"})
CERTDESK_ENUM_TABLE(ReviewMark, {ReviewMark::Unchecked, "unchecked", "未核实"},
    {ReviewMark::Verified, "verified", "已核实"}, {ReviewMark::NeedsSupplement, "needs_supplement", "需补充"})
CERTDESK_ENUM_TABLE(ComplaintKind, {ComplaintKind::Complaint, "complaint", "投诉"},
    {ComplaintKind::Appeal, "appeal", "申诉"})

}  // namespace certdesk
