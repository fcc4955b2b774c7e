// Randomized: long random command sequences (fixed seeds); after every step the fold's
// invariants hold — append-only history, fold == incremental apply, refusals leave the state
// untouched, legal certificate status transitions, no obligation due before its cause.
#include <random>

#include "case_fixture.hpp"

using namespace certdesk;
using namespace certdesk::testing;

namespace {

struct RandomCase {
  std::mt19937 rng;
  Date today = d("2026-01-05");
  int counter = 0;

  explicit RandomCase(unsigned seed) : rng(seed) {}
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }
  std::string next_id(const char* prefix) { return prefix + std::to_string(++counter); }

  Actor any_actor() {
    switch (pick(9)) {
      case 0: return applicant();
      case 1: return quality();
      case 2: return marketing();
      case 3: return division();
      case 4: return manager();
      case 5: return leader();
      case 6: return reviewer();
      case 7: return decider();
      default: return Actor{"A1", "审核员", {Role::DecisionMaker, Role::Reviewer}};
    }
  }

  // The command the procedure expects next (most of the time), so the walk reaches deep states.
  std::pair<Actor, Command> natural(const CaseState& s) {
    const Cycle* c = s.cycle();
    Date t = today;
    if (!c) return {applicant(), SubmitApplication{"C1", standard_application()}};
    if (!c->closed_on) switch (c->phase) {
        case CyclePhase::Applied:
          if (pick(5) == 0) return {quality(), RequestSupplement{{"材料"}}};
          if (pick(3) == 0) return {applicant(), AnswerSupplement{{"x"}}};
          if (pick(3) == 0) return {quality(), WithdrawApplication{true, "逾期"}};
          return {quality(), AcceptApplication{4, 1, 3, ""}};
        case CyclePhase::Accepted:
          if (!c->review->approved_on) return {division(), ApproveReview{1}};
          return {marketing(), SignContract{"HT", std::nullopt, 1}};
        case CyclePhase::Contracted:
          if (c->team.empty()) return {manager(), AssignTeam{standard_team()}};
          if (!c->stage1_ready && c->kind != CycleKind::Recertification) return {leader(), ConcludeStage1{t, t, pick(4) != 0, {}}};
          if (!c->stage2 || !c->stage2->plan_sent_on) return {leader(), PlanAudit{AuditKind::Stage2, t, t}};
          return {leader(), ConductStage2{t, t, pick(6) == 0, {"L1", "A1"}}};
        case CyclePhase::Audited:
          if (pick(6) == 0) return {leader(), RaiseNonconformity{next_id("NC-"), "", "5", "d", false}};
          if (pick(5) == 0 && !s.findings.empty()) {
            const Finding& f = s.findings[pick(static_cast<int>(s.findings.size()))];
            if (!f.action_on) return {applicant(), RecordCorrectiveAction{f.id, "c", "c", "a", {}}};
            return {leader(), VerifyNonconformity{f.id, pick(4) != 0, ""}};
          }
          if (!c->report || (c->report->reviewed_on && !c->report->approved)) return {leader(), SubmitReport{Recommendation::Grant, "结论"}};
          if (!c->report->reviewed_on) return {reviewer(), ReviewReport{pick(5) != 0, ""}};
          if (!c->info) return {leader(), ConfirmCertificateInfo{"n", "r", "o", {{"c", "l"}}, 1}};
          if (pick(10) == 0) return {division(), DeclareAuditFailed{""}};
          return {decider(), DecideCertification{pick(8) != 0, "理由"}};
        case CyclePhase::Decided: return {quality(), IssueCertificate{next_id("CD-")}};
        default: break;
      }
    switch (pick(16)) {
      case 0: return {quality(), ReportToRegister{"r"}};
      case 1: return {marketing(), DeliverReport{"p"}};
      case 2: return {leader(), ConductSurveillance{t, t, standard_team(), pick(5) != 0, ""}};
      case 3: return {applicant(), ApplyChange{pick(2) ? ChangeKind::Name : ChangeKind::Address, next_id("v"), "proof", pick(2) == 0}};
      case 4: return {division(), Suspend{pick(2) ? StatusGround::ClientRequest : StatusGround::SurveillanceOverdue, pick(8), ""}};
      case 5: return {division(), Restore{"24", "23"}};
      case 6: return {division(), Cancel{pick(2) ? StatusGround::ClientRequest : StatusGround::ExpiredWithoutRenewal, ""}};
      case 7: return {division(), Revoke{pick(2) ? StatusGround::SurveillanceOverdue : StatusGround::SuspensionNotResolved, ""}};
      case 8: return {quality(), Expire{}};
      case 9: return {applicant(), OpenRecertification{standard_application()}};
      case 10: return {applicant(), OpenScopeExtension{standard_application()}};
      case 11: return {division(), ScheduleSpecialAudit{next_id("SP"), SpecialReason::Incident}};
      case 12:
        if (!s.special_audits.empty()) return {applicant(), RefuseSpecialAudit{s.special_audits.back().id}};
        return {quality(), RegisterComplaint{next_id("CP"), ComplaintKind::Complaint, "x", "y"}};
      case 13:
        if (!s.complaints.empty()) return {division(), ResolveComplaint{s.complaints.back().id, "o", true, pick(2) == 0}};
        return {quality(), RegisterComplaint{next_id("CP"), ComplaintKind::Complaint, "x", "y"}};
      case 14: return {applicant(), RecordSurvey{"S2", 1 + pick(5), ""}};
      default: return {quality(), RecordForm{"QP-21-18", nlohmann::json::object()}};
    }
  }
};

bool legal_transition(CertStatus from, CertStatus to) {
  switch (from) {
    case CertStatus::Valid:
    case CertStatus::Restored:
    case CertStatus::Changed:
      return to == CertStatus::Suspended || to == CertStatus::Changed || to == CertStatus::Cancelled ||
             to == CertStatus::Revoked || to == CertStatus::Expired;
    case CertStatus::Suspended:
      return to == CertStatus::Restored || to == CertStatus::Cancelled || to == CertStatus::Revoked || to == CertStatus::Expired;
    case CertStatus::Expired: return to == CertStatus::Cancelled;
    case CertStatus::Cancelled:
    case CertStatus::Revoked: return false;
  }
  return false;
}

void check_history(const Certificate& c) {
  REQUIRE_FALSE(c.history.empty());
  CHECK(c.history.front().status == CertStatus::Valid);
  for (std::size_t i = 1; i < c.history.size(); ++i) {
    INFO("transition " << i);
    CHECK(legal_transition(c.history[i - 1].status, c.history[i].status));
    CHECK(c.history[i - 1].on <= c.history[i].on);
  }
}

// No obligation falls due before the fact that caused it.
void check_obligations(const CaseState& s, const std::vector<Obligation>& list) {
  for (const Obligation& o : list) {
    INFO(enum_id(o.kind) << " " << o.due.iso());
    CHECK(o.case_id == s.id);
    switch (o.kind) {
      case ObligationKind::Supplement: CHECK(o.due > s.cycle()->supplements.front().requested_on); break;
      case ObligationKind::ReportDelivery: {
        bool caused = false;
        for (const Cycle& c : s.cycles) caused |= c.decision && c.decision->decided_on < o.due;
        CHECK(caused);
        break;
      }
      case ObligationKind::RegisterReport: {
        bool caused = false;
        for (const RegisterItem& r : s.register_pending) caused |= r.cause_on < o.due;
        CHECK(caused);
        break;
      }
      case ObligationKind::Surveillance: CHECK(o.due > *s.surveillance_anchor); break;
      case ObligationKind::SuspensionEnd: CHECK(o.due > s.certificate->history.back().on); break;
      case ObligationKind::RecertificationWindow: CHECK(*o.opens < o.due); break;
      case ObligationKind::CertificateExpiry: CHECK(o.due > s.certificate->issued_on); break;
      default: CHECK(o.due > d("2026-01-05")); break;
    }
  }
}

}  // namespace

TEST_CASE("random command sequences keep the fold's invariants") {
  const WorkCalendar cal = shipped_calendar();
  const CaseRules rules;
  int accepted_total = 0, certificates = 0, cases = 0;
  for (unsigned seed : {1u, 2u, 3u, 42u, 2026u}) {
    RandomCase g(seed);
    std::vector<Event> history;
    CaseState state;
    for (int step = 0; step < 2000; ++step) {
      g.today = g.today.add_days(g.pick(8) == 0 ? 20 + g.pick(60) : g.pick(3));
      auto st = state.status();
      bool dead = state.cycle() && state.cycle()->closed_on &&
                  (!st || *st == CertStatus::Cancelled || *st == CertStatus::Revoked);
      if (dead) {  // nothing more can happen to this case: start the next one
        cases += 1;
        history.clear();
        state = CaseState{};
      }
      // (no structured binding: clang 14 cannot capture one in doctest's INFO lambda)
      const std::pair<Actor, Command> next =
          g.pick(10) == 0 ? std::pair<Actor, Command>{g.any_actor(), g.natural(state).second} : g.natural(state);
      const Actor& actor = next.first;
      const Command& command = next.second;
      const CaseState before = state;
      auto r = decide(state, command, Context{actor, g.today, &cal, rules});
      INFO("seed " << seed << " step " << step << " " << command_type(command));
      CHECK(state == before);  // decide() is pure
      if (!r.ok()) {
        CHECK_FALSE(r.error().rule.empty());
        CHECK_FALSE(r.error().message_zh.empty());
        continue;
      }
      const std::size_t old_size = history.size();
      for (const Event& e : r.value()) {
        CHECK(e.meta.on == g.today);
        CHECK(e.meta.actor == actor.user_id);
        history.push_back(e);
        state = apply(std::move(state), e);
      }
      accepted_total += 1;
      CHECK(history.size() > old_size);
      CHECK(state.event_count == history.size());
      REQUIRE(state == fold(history));
      if (state.certificate) check_history(*state.certificate);
      for (const Certificate& c : state.previous_certificates) check_history(c);
      check_obligations(state, obligations(state, g.today, cal, rules));
      if (state.certificate && state.certificate->history.size() == 1 && r.value().size() == 1 &&
          std::holds_alternative<CertificateIssued>(r.value().front().body))
        certificates += 1;
    }
  }
  MESSAGE("accepted " << accepted_total << ", cases " << cases << ", certificates " << certificates);
  CHECK(accepted_total > 2000);
  CHECK(cases >= 5);
  CHECK(certificates >= 5);  // the walk reaches the certificate's life
}
