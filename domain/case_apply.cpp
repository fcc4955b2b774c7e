// apply() and fold(): the state a history of events describes. Never refuses: decide() checked.
#include <algorithm>
#include <type_traits>

#include "domain/case_decide.hpp"
#include "domain/decide_detail.hpp"

namespace certdesk {

bool in_force(CertStatus s) {
  return s == CertStatus::Valid || s == CertStatus::Restored || s == CertStatus::Changed;
}

bool certificate_active(const CaseState& s) {
  const auto st = s.status();
  return st && (in_force(*st) || *st == CertStatus::Suspended);
}

const Audit* find_audit(const CaseState& s, const std::string& audit_id) {
  for (const Cycle& c : s.cycles) {
    if (c.stage1 && c.stage1->id == audit_id) return &*c.stage1;
    if (c.stage2 && c.stage2->id == audit_id) return &*c.stage2;
  }
  for (const Audit& a : s.surveillances)
    if (a.id == audit_id) return &a;
  for (const SpecialAudit& a : s.special_audits)
    if (a.audit && a.audit->id == audit_id) return &*a.audit;
  return nullptr;
}

std::string_view event_type(const Event& e) {
  return std::visit([](const auto& x) { return std::decay_t<decltype(x)>::kType; }, e.body);
}

namespace {

struct Applier {
  CaseState& s;
  const EventMeta& m;

  Cycle& cy() { return *s.cycle(); }
  Finding* finding(const std::string& id) {
    for (Finding& f : s.findings)
      if (f.id == id) return &f;
    return nullptr;
  }
  void status(CertStatus st, StatusGround g, std::string note = {}) {
    s.certificate->history.push_back(StatusChange{st, m.on, g, std::move(note), m.actor});
  }
  void to_register(std::string subject) { s.register_pending.push_back(RegisterItem{std::move(subject), m.on}); }
  void close(CyclePhase p) {
    cy().phase = p;
    cy().closed_on = m.on;
  }
  Audit& stage(AuditKind k) {
    std::optional<Audit>& a = k == AuditKind::Stage1 ? cy().stage1 : cy().stage2;
    if (!a) a = Audit{detail::stage_audit_id(s.cycles.size(), k), k, cy().team, {}, {}, {}, {}, false, false, {}};
    return *a;
  }

  void operator()(const CycleOpened& e) {
    if (s.id.empty()) s.id = e.case_id;
    Cycle c;
    c.kind = e.kind;
    c.application = e.application;
    c.applied_on = m.on;
    s.cycles.push_back(std::move(c));
  }
  void operator()(const SupplementRequested& e) {
    cy().supplements.push_back(SupplementRequest{e.items, m.on, e.deadline, e.estimated, std::nullopt});
  }
  void operator()(const SupplementAnswered& e) {
    for (SupplementRequest& q : cy().supplements)
      if (!q.answered_on) q.answered_on = m.on;
    for (const std::string& d : e.documents) cy().application.documents.push_back(d);
  }
  void operator()(const ApplicationAccepted& e) {
    cy().phase = CyclePhase::Accepted;
    cy().review = Review{m.actor, m.on, e.person_days, e.stage1_days, e.stage2_days, e.justification, {}, {}, 0};
  }
  void operator()(const ReviewApproved& e) {
    cy().review->approved_on = m.on;
    cy().review->approved_by = m.actor;
    cy().review->quote = e.quote;
  }
  void operator()(const ApplicationRejected& e) {
    cy().rejection_reasons = e.reasons;
    close(CyclePhase::Rejected);
  }
  void operator()(const ApplicationWithdrawn&) { close(CyclePhase::Withdrawn); }
  void operator()(const ContractSigned& e) {
    cy().phase = CyclePhase::Contracted;
    cy().contract = Contract{e.number, m.on, e.valid_until, e.price};
  }
  void operator()(const TeamAssigned& e) {
    cy().team = e.members;
    if (cy().stage1) cy().stage1->team = e.members;
    if (cy().stage2) cy().stage2->team = e.members;
  }
  void operator()(const AuditPlanned& e) {
    Audit& a = stage(e.stage);
    a.planned_start = e.planned_start;
    a.plan_sent_on = e.plan_sent_on;
  }
  void operator()(const Stage1Concluded& e) {
    Audit& a = stage(AuditKind::Stage1);
    a.start = e.start;
    a.end = e.end;
    a.passed = e.ready;
    cy().stage1_ready = e.ready;
    cy().stage1_likely_ncs = e.likely_ncs;
  }
  void operator()(const RemoteAuditApproved& e) { cy().remote = RemoteApproval{e.cause, m.actor, m.on, e.agreement_signed}; }
  void operator()(const Stage2Conducted& e) {
    Audit& a = stage(AuditKind::Stage2);
    a.start = e.start;
    a.end = e.end;
    a.remote = e.remote;
    a.passed = true;
    cy().phase = CyclePhase::Audited;
  }
  void add_finding(FindingKind kind, const std::string& id, const std::string& audit_id, const std::string& clause,
               const std::string& description, bool major) {
    Finding f;
    f.id = id;
    f.kind = kind;
    f.audit_id = audit_id;
    f.clause = clause;
    f.description = description;
    f.major = major;
    f.raised_on = m.on;
    s.findings.push_back(std::move(f));
  }
  void operator()(const NonconformityRaised& e) {
    add_finding(FindingKind::Nonconformity, e.id, e.audit_id, e.clause, e.description, e.major);
  }
  void operator()(const CorrectiveActionRecorded& e) {
    Finding* f = finding(e.id);
    f->cause = e.cause;
    f->correction = e.correction;
    f->corrective_action = e.corrective_action;
    f->evidence_refs = e.evidence_refs;
    f->action_on = m.on;
  }
  void operator()(const NonconformityVerified& e) {
    Finding* f = finding(e.id);
    f->verification = e.verification;
    if (e.effective) f->verified_on = m.on;
    else f->action_on.reset();  // not effective: the client must act again
  }
  void operator()(const ObservationRecorded& e) {
    add_finding(FindingKind::Observation, e.id, e.audit_id, e.clause, e.description, false);
  }
  void operator()(const AuditFailed& e) {
    if (cy().stage2) {
      cy().stage2->passed = false;
      cy().stage2->conclusion = e.reason;
    }
    close(CyclePhase::Failed);
  }
  void operator()(const ReportSubmitted& e) {
    cy().report = Report{e.audit_id, m.actor, m.on, e.recommendation, e.conclusion, {}, {}, false, {}, {}};
  }
  void operator()(const ReportReviewed& e) {
    cy().report->reviewer = m.actor;
    cy().report->reviewed_on = m.on;
    cy().report->approved = e.approved;
  }
  void operator()(const CertificateInfoConfirmed& e) {
    cy().info = CertificateInfo{e.name, e.registered_address, e.office_address, e.scope, e.headcount, m.on};
  }
  void operator()(const CertificationDecided& e) {
    cy().decision = Decision{m.actor, m.on, e.granted, e.reasons};
    cy().phase = CyclePhase::Decided;
    if (!e.granted) cy().closed_on = m.on;
  }
  void operator()(const CertificateIssued& e) {
    const Cycle& c = cy();
    const CertificateInfo* info = c.info ? &*c.info : nullptr;
    if (c.kind == CycleKind::ScopeExtension && s.certificate) {
      s.certificate->number = e.number;
      s.certificate->scope = info ? info->scope : c.application.scope;
      status(CertStatus::Changed, StatusGround::ScopeChange, "扩项");
      to_register("证书变更（扩项）");
    } else {
      if (s.certificate) {
        s.certificate->history.push_back(StatusChange{CertStatus::Cancelled, m.on, StatusGround::Replaced, "被新证书替代", m.actor});
        s.previous_certificates.push_back(std::move(*s.certificate));
      }
      const Organisation& o = c.application.organisation;
      Certificate cert;
      cert.number = e.number;
      cert.issued_on = m.on;
      cert.expires_on = e.expires_on;
      cert.name = info ? info->name : o.name;
      cert.registered_address = info ? info->registered_address : o.registered_address;
      cert.office_address = info ? info->office_address : o.office_address;
      cert.scope = info ? info->scope : c.application.scope;
      s.certificate = std::move(cert);
      status(CertStatus::Valid, StatusGround::Issued);
      s.surveillance_anchor = e.surveillance_anchor;
      // R5 §6.6 counts from the decision, not from the day the certificate was printed.
      s.register_pending.push_back(RegisterItem{"证书颁发", c.decision ? c.decision->decided_on : m.on});
    }
    close(CyclePhase::Closed);
  }
  void operator()(const RegisterReported&) { s.register_pending.clear(); }
  void operator()(const ReportDelivered& e) {
    for (Cycle& c : s.cycles)
      if (c.decision && c.report && !c.report->delivered_on) {
        c.report->delivered_on = m.on;
        c.report->delivery_proof = e.proof;
        return;
      }
  }
  void operator()(const SurveillanceConducted& e) {
    s.surveillances.push_back(Audit{e.audit_id, AuditKind::Surveillance, e.team, {}, {}, e.start, e.end, false, e.passed, e.conclusion});
    s.extra_surveillance_from.reset();
  }
  void operator()(const ChangeApplied& e) {
    s.changes.push_back(ChangeRequest{e.kind, e.new_value, e.proof_ref, m.on, e.major, std::nullopt});
    if (e.major && !s.extra_surveillance_from) s.extra_surveillance_from = m.on;
  }
  void operator()(const CertificateChanged& e) {
    Certificate& c = *s.certificate;
    if (e.ground == StatusGround::NameChange) c.name = e.new_value;
    if (e.ground == StatusGround::AddressChange) c.office_address = e.new_value;
    for (ChangeRequest& r : s.changes)
      if (!r.completed_on && r.new_value == e.new_value) r.completed_on = m.on;
    status(CertStatus::Changed, e.ground, e.new_value);
    to_register("证书变更");
  }
  void operator()(const CertificateSuspended& e) {
    status(CertStatus::Suspended, e.ground, e.note);
    s.certificate->suspended_until = e.until;
    to_register("证书暂停");
  }
  void operator()(const CertificateRestored&) {
    status(CertStatus::Restored, StatusGround::None);
    s.certificate->suspended_until.reset();
    to_register("证书恢复");
  }
  void operator()(const CertificateCancelled& e) {
    status(CertStatus::Cancelled, e.ground, e.note);
    s.certificate->suspended_until.reset();
    to_register("证书注销");
  }
  void operator()(const CertificateRevoked& e) {
    status(CertStatus::Revoked, e.ground, e.note);
    s.certificate->suspended_until.reset();
    to_register("证书撤销");
  }
  void operator()(const CertificateExpired&) {
    status(CertStatus::Expired, StatusGround::None);
    s.certificate->suspended_until.reset();
  }
  void operator()(const SpecialAuditScheduled& e) {
    s.special_audits.push_back(SpecialAudit{e.id, e.reason, m.on, std::nullopt, std::nullopt});
  }
  SpecialAudit* special(const std::string& id) {
    for (SpecialAudit& a : s.special_audits)
      if (a.id == id) return &a;
    return nullptr;
  }
  void operator()(const SpecialAuditRefused& e) { special(e.id)->refused_on = m.on; }
  void operator()(const SpecialAuditConducted& e) {
    special(e.id)->audit = Audit{e.id, AuditKind::Special, e.team, {}, {}, e.start, e.end, false, e.passed, e.conclusion};
    s.extra_surveillance_from.reset();
  }
  void operator()(const ComplaintRegistered& e) {
    s.complaints.push_back(Complaint{e.id, e.kind, e.complainant, e.subject, m.on, std::nullopt, {}, false, false});
  }
  void operator()(const ComplaintResolved& e) {
    for (Complaint& c : s.complaints)
      if (c.id == e.id) {
        c.resolved_on = m.on;
        c.outcome = e.outcome;
        c.verified = e.verified;
        c.extra_surveillance = e.extra_surveillance;
      }
    if (e.extra_surveillance && !s.extra_surveillance_from) s.extra_surveillance_from = m.on;
  }
  void operator()(const SurveyRecorded& e) { s.surveys.push_back(Survey{e.audit_id, m.on, e.score, e.comments}); }
  void operator()(const FormRecorded& e) { s.forms.push_back(FormRecord{e.code, m.actor, m.on, e.fields}); }
  void operator()(const ApplicationReviewNoted& e) {
    auto& checks = cy().application_checks;
    std::erase_if(checks, [&](const RequirementCheck& k) { return k.requirement_id == e.requirement_id; });
    if (e.status != ReviewMark::Unchecked) checks.push_back(RequirementCheck{e.requirement_id, e.status, e.note, m.actor, m.on});
  }
};

}  // namespace

namespace {
void apply_in_place(CaseState& state, const Event& event) {
  std::visit(Applier{state, event.meta}, event.body);
  if (auto form = form_for_event(event); form && !std::holds_alternative<FormRecorded>(event.body))
    state.forms.push_back(std::move(*form));
  state.event_count += 1;
  state.last_event_on = event.meta.on;
}
}  // namespace

CaseState apply(CaseState state, const Event& event) {
  apply_in_place(state, event);
  return state;
}

CaseState fold(const std::vector<Event>& history) {
  CaseState s;
  s.forms.reserve(history.size());  // most events record a form; avoids regrowth
  for (const Event& e : history) apply_in_place(s, e);
  return s;
}

Result<void> check_history(const std::vector<Event>& history) {
  // What apply() dereferences, tracked without building the state.
  bool cycle = false, review = false, report = false, certificate = false;
  std::vector<std::string> findings, specials;
  auto has = [](const std::vector<std::string>& list, const std::string& id) {
    return std::find(list.begin(), list.end(), id) != list.end();
  };
  for (std::size_t i = 0; i < history.size(); ++i) {
    const char* missing = std::visit(
        [&](const auto& e) -> const char* {
          using T = std::decay_t<decltype(e)>;
          if constexpr (std::is_same_v<T, CycleOpened>) {
            cycle = true;
            review = report = false;
            return nullptr;
          } else if constexpr (std::is_same_v<T, NonconformityRaised> || std::is_same_v<T, ObservationRecorded>) {
            findings.push_back(e.id);
            return nullptr;
          } else if constexpr (std::is_same_v<T, CorrectiveActionRecorded> || std::is_same_v<T, NonconformityVerified>) {
            return has(findings, e.id) ? nullptr : "所指的不符合项此前未提出";
          } else if constexpr (std::is_same_v<T, SpecialAuditScheduled>) {
            specials.push_back(e.id);
            return nullptr;
          } else if constexpr (std::is_same_v<T, SpecialAuditRefused> || std::is_same_v<T, SpecialAuditConducted>) {
            return has(specials, e.id) ? nullptr : "所指的特殊审核此前未安排";
          } else if constexpr (std::is_same_v<T, CertificateChanged> || std::is_same_v<T, CertificateSuspended> ||
                               std::is_same_v<T, CertificateRestored> || std::is_same_v<T, CertificateCancelled> ||
                               std::is_same_v<T, CertificateRevoked> || std::is_same_v<T, CertificateExpired>) {
            return certificate ? nullptr : "此前没有颁发证书";
          } else if constexpr (std::is_same_v<T, SupplementRequested> || std::is_same_v<T, SupplementAnswered> ||
                               std::is_same_v<T, ApplicationAccepted> || std::is_same_v<T, ReviewApproved> ||
                               std::is_same_v<T, ApplicationRejected> || std::is_same_v<T, ApplicationWithdrawn> ||
                               std::is_same_v<T, ContractSigned> || std::is_same_v<T, TeamAssigned> ||
                               std::is_same_v<T, AuditPlanned> || std::is_same_v<T, Stage1Concluded> ||
                               std::is_same_v<T, RemoteAuditApproved> || std::is_same_v<T, Stage2Conducted> ||
                               std::is_same_v<T, AuditFailed> || std::is_same_v<T, ReportSubmitted> ||
                               std::is_same_v<T, ReportReviewed> || std::is_same_v<T, CertificateInfoConfirmed> ||
                               std::is_same_v<T, CertificationDecided> || std::is_same_v<T, CertificateIssued> ||
                               std::is_same_v<T, ApplicationReviewNoted>) {
            if (!cycle) return "此前没有申请（认证周期）";
            if constexpr (std::is_same_v<T, ApplicationAccepted>) review = true;
            if constexpr (std::is_same_v<T, ReportSubmitted>) report = true;
            if constexpr (std::is_same_v<T, CertificateIssued>) certificate = true;
            if constexpr (std::is_same_v<T, ReviewApproved>) return review ? nullptr : "此前没有申请评审（受理）";
            if constexpr (std::is_same_v<T, ReportReviewed>) return report ? nullptr : "此前没有提交审核报告";
            return nullptr;
          } else {
            return nullptr;  // applies to any state
          }
        },
        history[i].body);
    if (missing)
      return input_error("events[" + std::to_string(i) + "]",
                         "记录“" + std::string(event_type(history[i])) + "”与此前的记录不符：" + missing);
  }
  return ok_void();
}

// The form each event records (附件1); the event itself is the form's content.
std::optional<FormRecord> form_for_event(const Event& e) {
  const char* code = std::visit(
      [](const auto& b) -> const char* {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, CycleOpened>) return "QP-21-01";
        else if constexpr (std::is_same_v<T, ApplicationAccepted>) return "QP-21-02";
        else if constexpr (std::is_same_v<T, ReviewApproved>) return "ACCEPTANCE-NOTICE";
        else if constexpr (std::is_same_v<T, ContractSigned>) return "QP-21-03";
        else if constexpr (std::is_same_v<T, TeamAssigned>) return "QP-21-04";
        else if constexpr (std::is_same_v<T, AuditPlanned>) return b.stage == AuditKind::Stage1 ? "QP-21-05A" : "QP-21-07";
        else if constexpr (std::is_same_v<T, Stage1Concluded>) return "QP-21-05B";
        else if constexpr (std::is_same_v<T, RemoteAuditApproved>) return "REMOTE-AGREEMENT";
        else if constexpr (std::is_same_v<T, Stage2Conducted>) return "QP-21-09";
        else if constexpr (std::is_same_v<T, ReportSubmitted>) return "QP-21-11";
        else if constexpr (std::is_same_v<T, ObservationRecorded>) return "QP-21-12";
        else if constexpr (std::is_same_v<T, NonconformityRaised>) return "QP-21-13";
        else if constexpr (std::is_same_v<T, CertificateInfoConfirmed>) return "QP-21-14";
        else if constexpr (std::is_same_v<T, CertificationDecided>) return "QP-21-15";
        else if constexpr (std::is_same_v<T, SurveyRecorded>) return "QP-21-16";
        else if constexpr (std::is_same_v<T, CertificateIssued>) return "QP-21-17";
        else if constexpr (std::is_same_v<T, CertificateCancelled>) return "QP-21-21";
        else if constexpr (std::is_same_v<T, CertificateSuspended>) return "QP-21-20";
        else if constexpr (std::is_same_v<T, CertificateRevoked>) return "QP-21-22";
        else if constexpr (std::is_same_v<T, CertificateRestored>) return "QP-21-25";
        else if constexpr (std::is_same_v<T, ChangeApplied>) return "QP-21-26";
        else if constexpr (std::is_same_v<T, ComplaintRegistered>) return "IP-11-01";
        else if constexpr (std::is_same_v<T, ComplaintResolved>) return "IP-11-02";
        else if constexpr (std::is_same_v<T, FormRecorded>) return b.code.c_str();
        else return nullptr;
      },
      e.body);
  if (!code) return std::nullopt;
  return FormRecord{code, e.meta.actor, e.meta.on, nullptr};  // null fields: the event is the content
}

}  // namespace certdesk
