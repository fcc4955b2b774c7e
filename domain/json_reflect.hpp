// Internal: field lists ("reflection") of the case aggregate's types and the generic JSON
// writer/reader built on them. The reader never throws (Emscripten 3.1.6 cannot catch): each
// type is checked first and a bad value becomes an "INPUT" violation naming its field path.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/case_commands.hpp"
#include "domain/case_model.hpp"
#include "domain/case_rules.hpp"
#include "domain/enum_table.hpp"
#include "domain/json_read.hpp"

namespace certdesk::jr {

using nlohmann::json;
using Error = std::optional<RuleViolation>;

template <class T> struct Reflect : std::false_type {};

#define CERTDESK_JR_FIELD(f) v(#f, s.f);
#define CERTDESK_REFLECT(T, ...)                                                     \
  template <> struct Reflect<T> : std::true_type {                                   \
    template <class S, class V> static void each(S& s, V&& v) {                      \
      NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(CERTDESK_JR_FIELD, __VA_ARGS__))      \
    }                                                                                \
  };
#define CERTDESK_REFLECT_EMPTY(T) \
  template <> struct Reflect<T> : std::true_type { template <class S, class V> static void each(S&, V&&) {} };


inline RuleViolation bad(const std::string& path, const std::string& what) { return input_error(path, what); }

// ---- declarations first, so the templates below find each other ----
inline void write(json& j, bool v) { j = v; }
inline void write(json& j, int v) { j = v; }
inline void write(json& j, std::size_t v) { j = v; }
inline void write(json& j, double v) { j = v; }
inline void write(json& j, const std::string& v) { j = v; }
inline void write(json& j, const Date& v) { j = v.iso(); }
inline void write(json& j, const json& v) { j = v; }
template <class E> requires std::is_enum_v<E> void write(json& j, E e);
template <class T> void write(json& j, const std::optional<T>& v);
template <class T> void write(json& j, const std::vector<T>& v);
template <class T> requires Reflect<T>::value void write(json& j, const T& v);

Error read(const json& j, bool& out, const std::string& path);
Error read(const json& j, int& out, const std::string& path);
Error read(const json& j, std::size_t& out, const std::string& path);
Error read(const json& j, double& out, const std::string& path);
Error read(const json& j, std::string& out, const std::string& path);
Error read(const json& j, Date& out, const std::string& path);
Error read(const json& j, json& out, const std::string& path);
template <class E> requires std::is_enum_v<E> Error read(const json& j, E& out, const std::string& path);
template <class T> Error read(const json& j, std::optional<T>& out, const std::string& path);
template <class T> Error read(const json& j, std::vector<T>& out, const std::string& path);
template <class T> requires Reflect<T>::value Error read(const json& j, T& out, const std::string& path);

// ---- definitions ----
template <class E> requires std::is_enum_v<E> void write(json& j, E e) { j = std::string(enum_id(e)); }
template <class T> void write(json& j, const std::optional<T>& v) {
  if (v) write(j, *v);
  else j = nullptr;
}
template <class T> void write(json& j, const std::vector<T>& v) {
  j = json::array();
  for (const T& x : v) {
    json e;
    write(e, x);
    j.push_back(std::move(e));
  }
}
// Writes the fields into j (an object; existing keys such as "type" are kept).
template <class T> requires Reflect<T>::value void write_fields(json& j, const T& v) {
  Reflect<T>::each(v, [&](const char* key, const auto& field) { write(j[key], field); });
}
template <class T> requires Reflect<T>::value void write(json& j, const T& v) {
  j = json::object();
  write_fields(j, v);
}

template <class E> requires std::is_enum_v<E> Error read(const json& j, E& out, const std::string& path) {
  if (!j.is_string()) return bad(path, "应为字符串");
  auto v = enum_from_id<E>(j.get_ref<const std::string&>());
  if (!v) {
    std::string allowed;
    for (const auto& item : enum_items<E>()) allowed.append(allowed.empty() ? "" : "、").append(item.id);
    return bad(path, "未知取值“" + j.get<std::string>() + "”，可选：" + allowed);
  }
  out = *v;
  return std::nullopt;
}
template <class T> Error read(const json& j, std::optional<T>& out, const std::string& path) {
  if (j.is_null()) {
    out.reset();
    return std::nullopt;
  }
  T v{};
  if (Error e = read(j, v, path)) return e;
  out = std::move(v);
  return std::nullopt;
}
template <class T> Error read(const json& j, std::vector<T>& out, const std::string& path) {
  if (!j.is_array()) return bad(path, "应为数组");
  out.clear();
  out.reserve(j.size());
  for (std::size_t i = 0; i < j.size(); ++i) {
    T v{};
    if (Error e = read(j[i], v, json_read::path(path, i))) return e;
    out.push_back(std::move(v));
  }
  return std::nullopt;
}
// Reads the fields present in j; a missing field keeps its default, except a plain Date.
template <class T> requires Reflect<T>::value Error read_fields(const json& j, T& out, const std::string& path) {
  if (!j.is_object()) return bad(path, "应为对象");
  Error err;
  Reflect<T>::each(out, [&](const char* key, auto& field) {
    if (err) return;
    auto it = j.find(key);
    if (it == j.end()) {
      if constexpr (std::is_same_v<std::decay_t<decltype(field)>, Date>) err = bad(json_read::path(path, key), "缺少日期（YYYY-MM-DD）");
      return;
    }
    err = read(*it, field, json_read::path(path, key));
  });
  return err;
}
template <class T> requires Reflect<T>::value Error read(const json& j, T& out, const std::string& path) {
  return read_fields(j, out, path);
}

// ---- model field lists ----
CERTDESK_REFLECT(TeamMember, user_id, name, role, registration_no, last_consulted_client)
CERTDESK_REFLECT(Site, name, address)
CERTDESK_REFLECT(Licence, name, number, valid_until)
CERTDESK_REFLECT(Contact, name, phone, email)
CERTDESK_REFLECT(ScopeItem, category, level)
CERTDESK_REFLECT(Organisation, name, credit_code, registered_address, office_address, legal_representative, contacts,
                 business_scope)
CERTDESK_REFLECT(Answer, requirement_id, answer, evidence_refs)
CERTDESK_REFLECT(Application, organisation, headcount_in_scope, sites, licences, scope, catalogue_version, founded_on,
                 last_administrative_penalty, management_self_assessment, capability_self_assessment, documents)
CERTDESK_REFLECT(SupplementRequest, items, requested_on, deadline, deadline_estimated, answered_on)
CERTDESK_REFLECT(Review, reviewer, reviewed_on, person_days, stage1_days, stage2_days, justification, approved_on,
                 approved_by, quote)
CERTDESK_REFLECT(Contract, number, signed_on, valid_until, price)
CERTDESK_REFLECT(Finding, id, kind, audit_id, clause, description, major, raised_on, cause, correction,
                 corrective_action, evidence_refs, action_on, verified_on, verification)
CERTDESK_REFLECT(Audit, id, kind, team, planned_start, plan_sent_on, start, end, remote, passed, conclusion)
CERTDESK_REFLECT(RemoteApproval, cause, approved_by, approved_on, agreement_signed)
CERTDESK_REFLECT(Report, audit_id, author, submitted_on, recommendation, conclusion, reviewer, reviewed_on, approved,
                 delivered_on, delivery_proof)
CERTDESK_REFLECT(CertificateInfo, name, registered_address, office_address, scope, headcount, confirmed_on)
CERTDESK_REFLECT(Decision, decided_by, decided_on, granted, reasons)
CERTDESK_REFLECT(RequirementCheck, requirement_id, status, note, by, on)
CERTDESK_REFLECT(Cycle, kind, phase, application, applied_on, supplements, review, rejection_reasons, contract, team,
                 stage1, stage1_ready, stage1_likely_ncs, remote, stage2, report, info, decision, closed_on,
                 application_checks)
CERTDESK_REFLECT(StatusChange, status, on, ground, note, by)
CERTDESK_REFLECT(Certificate, number, issued_on, expires_on, name, registered_address, office_address, scope, history,
                 suspended_until)
CERTDESK_REFLECT(ChangeRequest, kind, new_value, proof_ref, applied_on, major, completed_on)
CERTDESK_REFLECT(SpecialAudit, id, reason, scheduled_on, refused_on, audit)
CERTDESK_REFLECT(Complaint, id, kind, complainant, subject, received_on, resolved_on, outcome, verified,
                 extra_surveillance)
CERTDESK_REFLECT(Survey, audit_id, on, score, comments)
CERTDESK_REFLECT(RegisterItem, subject, cause_on)
CERTDESK_REFLECT(FormRecord, code, author, date, fields)
CERTDESK_REFLECT(CaseState, id, cycles, certificate, previous_certificates, surveillance_anchor, surveillances,
                 extra_surveillance_from, changes, special_audits, complaints, surveys, findings, register_pending, forms,
                 event_count, last_event_on)
CERTDESK_REFLECT(Actor, user_id, name, roles)
CERTDESK_REFLECT(CaseRules, supplement_working_days, contract_years, nc_months, report_working_days, certificate_years,
                 register_working_days, register_months, surveillance_months, anchor, suspension_usual_months,
                 suspension_max_months, revocation_overdue_months, recert_window_months, retention_years,
                 penalty_lookback_months, conflict_lookback_months, extra_surveillance_working_days, due_soon_days,
                 recert_requires_stage1)

}  // namespace certdesk::jr
