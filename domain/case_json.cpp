// JSON of commands, events, histories and case states (field lists in json_reflect.hpp).
#include "domain/case_json.hpp"

#include <limits>

#include "domain/case_decide.hpp"
#include "domain/json_reflect.hpp"

namespace certdesk {
namespace jr {

// ---- command field lists ----
CERTDESK_REFLECT(SubmitApplication, case_id, application)
CERTDESK_REFLECT(RequestSupplement, items)
CERTDESK_REFLECT(AnswerSupplement, documents)
CERTDESK_REFLECT(AcceptApplication, person_days, stage1_days, stage2_days, justification)
CERTDESK_REFLECT(ApproveReview, quote)
CERTDESK_REFLECT(RejectApplication, reasons)
CERTDESK_REFLECT(WithdrawApplication, deemed, reason)
CERTDESK_REFLECT(SignContract, number, valid_until, price)
CERTDESK_REFLECT(AssignTeam, members)
CERTDESK_REFLECT(PlanAudit, stage, planned_start, plan_sent_on)
CERTDESK_REFLECT(ConcludeStage1, start, end, ready, likely_ncs)
CERTDESK_REFLECT(ApproveRemoteAudit, cause, agreement_signed)
CERTDESK_REFLECT(ConductStage2, start, end, remote, commitments)
CERTDESK_REFLECT(RaiseNonconformity, id, audit_id, clause, description, major)
CERTDESK_REFLECT(RecordCorrectiveAction, id, cause, correction, corrective_action, evidence_refs)
CERTDESK_REFLECT(VerifyNonconformity, id, effective, verification)
CERTDESK_REFLECT(RecordObservation, id, audit_id, clause, description)
CERTDESK_REFLECT(DeclareAuditFailed, reason)
CERTDESK_REFLECT(SubmitReport, recommendation, conclusion)
CERTDESK_REFLECT(ReviewReport, approved, note)
CERTDESK_REFLECT(ConfirmCertificateInfo, name, registered_address, office_address, scope, headcount)
CERTDESK_REFLECT(DecideCertification, grant, reasons)
CERTDESK_REFLECT(IssueCertificate, number)
CERTDESK_REFLECT(ReportToRegister, reference)
CERTDESK_REFLECT(DeliverReport, proof)
CERTDESK_REFLECT(ConductSurveillance, start, end, team, passed, conclusion)
CERTDESK_REFLECT(ApplyChange, kind, new_value, proof_ref, major)
CERTDESK_REFLECT(Suspend, ground, months, note)
CERTDESK_REFLECT(Restore, application_ref, info_check)
CERTDESK_REFLECT(Cancel, ground, note)
CERTDESK_REFLECT(Revoke, ground, note)
CERTDESK_REFLECT_EMPTY(Expire)
CERTDESK_REFLECT(OpenRecertification, application)
CERTDESK_REFLECT(OpenScopeExtension, application)
CERTDESK_REFLECT(ScheduleSpecialAudit, id, reason)
CERTDESK_REFLECT(RefuseSpecialAudit, id)
CERTDESK_REFLECT(ConductSpecialAudit, id, start, end, team, passed, conclusion)
CERTDESK_REFLECT(RegisterComplaint, id, kind, complainant, subject)
CERTDESK_REFLECT(ResolveComplaint, id, outcome, verified, extra_surveillance)
CERTDESK_REFLECT(RecordSurvey, audit_id, score, comments)
CERTDESK_REFLECT(RecordForm, code, fields)
CERTDESK_REFLECT(NoteApplicationReview, requirement_id, status, note)

// ---- event field lists ----
CERTDESK_REFLECT(CycleOpened, case_id, kind, application)
CERTDESK_REFLECT(SupplementRequested, items, deadline, estimated)
CERTDESK_REFLECT(SupplementAnswered, documents)
CERTDESK_REFLECT(ApplicationAccepted, person_days, stage1_days, stage2_days, justification)
CERTDESK_REFLECT(ReviewApproved, quote)
CERTDESK_REFLECT(ApplicationRejected, reasons)
CERTDESK_REFLECT(ApplicationWithdrawn, deemed, reason)
CERTDESK_REFLECT(ContractSigned, number, valid_until, price)
CERTDESK_REFLECT(TeamAssigned, members)
CERTDESK_REFLECT(AuditPlanned, stage, planned_start, plan_sent_on)
CERTDESK_REFLECT(Stage1Concluded, start, end, ready, likely_ncs)
CERTDESK_REFLECT(RemoteAuditApproved, cause, agreement_signed)
CERTDESK_REFLECT(Stage2Conducted, start, end, remote, commitments)
CERTDESK_REFLECT(NonconformityRaised, id, audit_id, clause, description, major)
CERTDESK_REFLECT(CorrectiveActionRecorded, id, cause, correction, corrective_action, evidence_refs)
CERTDESK_REFLECT(NonconformityVerified, id, effective, verification)
CERTDESK_REFLECT(ObservationRecorded, id, audit_id, clause, description)
CERTDESK_REFLECT(AuditFailed, reason)
CERTDESK_REFLECT(ReportSubmitted, audit_id, recommendation, conclusion)
CERTDESK_REFLECT(ReportReviewed, approved, note)
CERTDESK_REFLECT(CertificateInfoConfirmed, name, registered_address, office_address, scope, headcount)
CERTDESK_REFLECT(CertificationDecided, granted, reasons)
CERTDESK_REFLECT(CertificateIssued, number, expires_on, surveillance_anchor)
CERTDESK_REFLECT(RegisterReported, reference)
CERTDESK_REFLECT(ReportDelivered, proof)
CERTDESK_REFLECT(SurveillanceConducted, audit_id, start, end, team, passed, conclusion)
CERTDESK_REFLECT(ChangeApplied, kind, new_value, proof_ref, major)
CERTDESK_REFLECT(CertificateChanged, ground, new_value)
CERTDESK_REFLECT(CertificateSuspended, ground, until, note)
CERTDESK_REFLECT(CertificateRestored, application_ref, info_check)
CERTDESK_REFLECT(CertificateCancelled, ground, note)
CERTDESK_REFLECT(CertificateRevoked, ground, note)
CERTDESK_REFLECT_EMPTY(CertificateExpired)
CERTDESK_REFLECT(SpecialAuditScheduled, id, reason)
CERTDESK_REFLECT(SpecialAuditRefused, id)
CERTDESK_REFLECT(SpecialAuditConducted, id, start, end, team, passed, conclusion)
CERTDESK_REFLECT(ComplaintRegistered, id, kind, complainant, subject)
CERTDESK_REFLECT(ComplaintResolved, id, outcome, verified, extra_surveillance)
CERTDESK_REFLECT(SurveyRecorded, audit_id, score, comments)
CERTDESK_REFLECT(FormRecorded, code, fields)
CERTDESK_REFLECT(ApplicationReviewNoted, requirement_id, status, note)

// ---- scalar readers ----
Error read(const json& j, bool& out, const std::string& path) {
  if (!j.is_boolean()) return bad(path, "应为布尔值（true/false）");
  out = j.get<bool>();
  return std::nullopt;
}
Error read(const json& j, int& out, const std::string& path) {
  if (!j.is_number_integer()) return bad(path, "应为整数");
  auto v = j.get<long long>();
  if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) return bad(path, "整数超出范围");
  out = static_cast<int>(v);
  return std::nullopt;
}
Error read(const json& j, std::size_t& out, const std::string& path) {
  if (!j.is_number_unsigned()) return bad(path, "应为非负整数");
  out = j.get<std::size_t>();
  return std::nullopt;
}
Error read(const json& j, double& out, const std::string& path) {
  if (!j.is_number()) return bad(path, "应为数字");
  out = j.get<double>();
  return std::nullopt;
}
Error read(const json& j, std::string& out, const std::string& path) {
  if (!j.is_string()) return bad(path, "应为字符串");
  out = j.get<std::string>();
  return std::nullopt;
}
Error read(const json& j, Date& out, const std::string& path) {
  if (!j.is_string()) return bad(path, "应为日期字符串（YYYY-MM-DD）");
  auto d = Date::parse(j.get_ref<const std::string&>());
  if (!d) return bad(path, "不是有效日期（YYYY-MM-DD）：" + j.get<std::string>());
  out = *d;
  return std::nullopt;
}
Error read(const json& j, json& out, const std::string&) {
  out = j;
  return std::nullopt;
}

namespace {

template <class V> json variant_to_json(const V& v) {
  return std::visit(
      [](const auto& x) {
        json j = json::object();
        j["type"] = std::string(std::decay_t<decltype(x)>::kType);
        write_fields(j, x);
        return j;
      },
      v);
}

template <class V, std::size_t I = 0> Result<V> variant_from_json(const json& j, std::string_view type, const std::string& base) {
  if constexpr (I == std::variant_size_v<V>) {
    return bad(json_read::path(base, "type"), "未知类型“" + std::string(type) + "”");
  } else {
    using T = std::variant_alternative_t<I, V>;
    if (T::kType != type) return variant_from_json<V, I + 1>(j, type, base);
    T value{};
    if (Error e = read_fields(j, value, base)) return *e;
    return V{std::move(value)};
  }
}

Error check_schema(const json& j) {
  auto it = j.find("schema");
  if (it == j.end()) return std::nullopt;
  if (!it->is_number_integer()) return bad("schema", "应为整数");
  if (it->get<long long>() > kCaseSchemaVersion)
    return bad("schema", "数据版本 " + std::to_string(it->get<long long>()) + " 高于本程序支持的版本 " + std::to_string(kCaseSchemaVersion));
  return std::nullopt;
}

Result<std::string> type_of(const json& j, const std::string& base) {
  if (!j.is_object()) return bad(base, "应为对象");
  auto it = j.find("type");
  if (it == j.end() || !it->is_string()) return bad(json_read::path(base, "type"), "缺少类型（type）");
  return it->get<std::string>();
}

template <class T> Result<T> read_value(const json& j, const std::string& base) {
  T v{};
  if (Error e = read(j, v, base)) return *e;
  return v;
}

// "HH:MM" or "HH:MM:SS", 00:00:00–23:59:59.
bool valid_time_of_day(const std::string& t) {
  if (t.size() != 5 && t.size() != 8) return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const bool colon = i == 2 || i == 5;
    if (colon ? t[i] != ':' : (t[i] < '0' || t[i] > '9')) return false;
  }
  const auto two = [&t](std::size_t i) { return (t[i] - '0') * 10 + (t[i + 1] - '0'); };
  return two(0) < 24 && two(3) < 60 && (t.size() == 5 || two(6) < 60);
}

Result<Event> read_event(const json& j, const std::string& base) {
  auto type = type_of(j, base);
  if (!type.ok()) return type.error();
  auto body = variant_from_json<EventBody>(j, type.value(), base);
  if (!body.ok()) return body.error();
  Event e{{}, std::move(body.value())};
  auto actor = j.find("actor");
  if (actor == j.end()) return bad(json_read::path(base, "actor"), "缺少操作人");
  if (Error err = read(*actor, e.meta.actor, json_read::path(base, "actor"))) return *err;
  auto on = j.find("on");
  if (on == j.end()) return bad(json_read::path(base, "on"), "缺少日期");
  if (Error err = read(*on, e.meta.on, json_read::path(base, "on"))) return *err;
  // The time of day (issue 15) is optional: histories written before it have none.
  if (auto at = j.find("at"); at != j.end()) {
    if (Error err = read(*at, e.meta.at, json_read::path(base, "at"))) return *err;
    if (!valid_time_of_day(e.meta.at)) return bad(json_read::path(base, "at"), "不是有效的时间（时:分:秒）");
  }
  return e;
}

}  // namespace
}  // namespace jr


using nlohmann::json;

json command_to_json(const Command& c) { return jr::variant_to_json(c); }

Result<Command> command_from_json(const json& j) {
  auto type = jr::type_of(j, "");
  if (!type.ok()) return type.error();
  if (jr::Error e = jr::check_schema(j)) return *e;
  return jr::variant_from_json<Command>(j, type.value(), "");
}

json event_to_json(const Event& e) {
  json j = jr::variant_to_json(e.body);
  j["actor"] = e.meta.actor;
  j["on"] = e.meta.on.iso();
  if (!e.meta.at.empty()) j["at"] = e.meta.at;
  return j;
}

Result<Event> event_from_json(const json& j) { return jr::read_event(j, ""); }

json history_to_json(const std::vector<Event>& history) {
  json events = json::array();
  for (const Event& e : history) events.push_back(event_to_json(e));
  return json{{"schema", kCaseSchemaVersion}, {"events", std::move(events)}};
}

Result<std::vector<Event>> history_from_json(const json& j) {
  if (!j.is_object()) return input_error("", "应为对象");
  if (jr::Error e = jr::check_schema(j)) return *e;
  auto it = j.find("events");
  if (it == j.end() || !it->is_array()) return input_error("events", "应为数组");
  std::vector<Event> out;
  out.reserve(it->size());
  for (std::size_t i = 0; i < it->size(); ++i) {
    auto e = jr::read_event((*it)[i], json_read::path("events", i));
    if (!e.ok()) return e.error();
    out.push_back(std::move(e.value()));
  }
  // Read from outside: each event must fit those before it (fold() trusts that it does).
  if (auto fits = check_history(out); !fits) return fits.error();
  return out;
}

json case_to_json(const CaseState& s) {
  json c;
  jr::write(c, s);
  return json{{"schema", kCaseSchemaVersion}, {"case", std::move(c)}};
}

Result<CaseState> case_from_json(const json& j) {
  if (!j.is_object()) return input_error("", "应为对象");
  if (jr::Error e = jr::check_schema(j)) return *e;
  auto it = j.find("case");
  if (it == j.end()) return input_error("case", "缺少案件数据");
  return jr::read_value<CaseState>(*it, "case");
}

json actor_to_json(const Actor& a) {
  json j;
  jr::write(j, a);
  return j;
}
Result<Actor> actor_from_json(const json& j) { return jr::read_value<Actor>(j, "actor"); }
Result<Application> application_from_json(const json& j) { return jr::read_value<Application>(j, "application"); }
Result<CaseRules> case_rules_from_json(const json& j) { return jr::read_value<CaseRules>(j, "rules"); }

json obligation_to_json(const Obligation& o) {
  return json{{"case_id", o.case_id},
              {"kind", std::string(enum_id(o.kind))},
              {"rule", o.rule},
              {"subject", o.subject},
              {"due", o.due.iso()},
              {"opens", o.opens ? json(o.opens->iso()) : json(nullptr)},
              {"estimated", o.estimated},
              {"status", std::string(enum_id(o.status))},
              {"consequence_zh", o.consequence_zh}};
}

}  // namespace certdesk
