// ui/cases/case_flow.cpp — the next actions of a case, who does them, and the application per requirement.
#include "ui/cases/case_flow.hpp"

#include <algorithm>
#include <iterator>

#include "domain/impartiality.hpp"
#include "domain/procedure_rules.hpp"
#include "ui/cases/case_board.hpp"

namespace certdesk::ui {

namespace {

constexpr Role kAllRoles[] = {Role::Applicant,  Role::Marketing, Role::Quality,  Role::Division,      Role::ProjectManager,
                              Role::TeamLeader, Role::Auditor,   Role::Reviewer, Role::DecisionMaker, Role::Management};

void add(std::vector<ExpectedAction>& out, const char* type, Step step, bool primary) {
  if (const ActionSpec* a = find_action(type)) out.push_back({a, step, primary});
}

bool has_open_nc(const CaseState& s, const std::string& audit_id, bool with_action) {
  for (const Finding& f : s.findings)
    if (f.kind == FindingKind::Nonconformity && !f.verified_on && (audit_id.empty() || f.audit_id == audit_id) &&
        f.action_on.has_value() == with_action)
      return true;
  return false;
}

// The dry run of an action as its form starts (prefilled) for this actor.
Result<void> dry_run(const ActionSpec& a, const CaseState& s, const Context& ctx, const PrefillContext& pc) {
  auto cmd = form_command(dry_run_form(a, prefill(a, s, pc)));  // unchosen decisions do not hide who may act
  if (!cmd) return cmd.error();
  Context c = ctx;
  c.actor = acting_actor(a, ctx.actor, s);
  auto r = decide(s, cmd.value(), c);
  if (!r) return r.error();
  return ok_void();
}

std::vector<std::string> split_note_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) out.push_back(line);
    start = end + 1;
  }
  return out;
}

std::string why_text(const RuleViolation& e) {
  std::string t = e.message_zh;
  if (!e.rule.empty() && e.rule != "INPUT" && t.find(e.rule) == std::string::npos) t += "（" + e.rule + "）";
  return t;
}

}  // namespace

std::vector<ExpectedAction> expected_actions(const CaseState& s) {
  std::vector<ExpectedAction> out;
  const Cycle* c = s.cycle();
  const Step now = current_step(s);
  if (!c) return out;
  switch (now) {
    case Step::Application:
      add(out, "AnswerSupplement", now, true);
      add(out, "WithdrawApplication", now, false);
      break;
    case Step::Review:
      if (c->phase == CyclePhase::Applied) {
        // §6.2: accept, or ask for what is missing (R17), or reject.
        add(out, "AcceptApplication", now, true);
        add(out, "RequestSupplement", now, false);
        add(out, "RejectApplication", now, false);
      } else {
        add(out, "ApproveReview", now, true);
      }
      break;
    case Step::Contract: add(out, "SignContract", now, true); break;
    case Step::Preparation:
      add(out, c->team.empty() ? "AssignTeam" : "PlanAudit", now, true);
      break;
    case Step::Stage1: add(out, "ConcludeStage1", now, true); break;
    case Step::Stage2:
      if (!c->stage1_ready) {
        add(out, "ConcludeStage1", Step::Stage1, true);  // R13: not ready → no stage 2 until stage 1 is repeated
      } else {
        add(out, !c->stage2 || !c->stage2->planned_start ? "PlanAudit" : "ConductStage2", now, true);
        add(out, "ApproveRemoteAudit", now, false);
      }
      break;
    case Step::Findings: {
      const std::string s2 = c->stage2 ? c->stage2->id : "";
      if (has_open_nc(s, s2, false)) add(out, "RecordCorrectiveAction", now, true);
      if (has_open_nc(s, s2, true)) add(out, "VerifyNonconformity", now, true);
      add(out, "DeclareAuditFailed", now, false);
      break;
    }
    case Step::Report:
      if (!c->report) {
        add(out, "SubmitReport", now, true);
        // Findings are raised right after the audit, in the stage-2 step.
        add(out, "RaiseNonconformity", Step::Stage2, false);
        add(out, "RecordObservation", Step::Stage2, false);
      } else if (!c->report->reviewed_on) {
        add(out, "ReviewReport", now, true);
      } else {
        add(out, "SubmitReport", now, true);  // the review sent it back
      }
      break;
    case Step::Decision:
      if (!c->info) add(out, "ConfirmCertificateInfo", now, true);
      add(out, "DecideCertification", now, c->info.has_value());
      break;
    case Step::Certificate:
      if (c->phase == CyclePhase::Decided) {
        add(out, "IssueCertificate", now, true);
      } else {
        if (!s.register_pending.empty()) add(out, "ReportToRegister", now, true);
        if (c->report && !c->report->delivered_on) add(out, "DeliverReport", now, true);
      }
      break;
    case Step::Life:
      if (!s.register_pending.empty()) add(out, "ReportToRegister", now, true);
      if (std::any_of(s.special_audits.begin(), s.special_audits.end(),
                      [](const SpecialAudit& a) { return !a.audit && !a.refused_on; }))
        add(out, "ConductSpecialAudit", now, true);
      if (std::any_of(s.complaints.begin(), s.complaints.end(), [](const Complaint& k) { return !k.resolved_on; }))
        add(out, "ResolveComplaint", now, true);
      if (has_open_nc(s, "", false)) add(out, "RecordCorrectiveAction", Step::Findings, true);
      if (has_open_nc(s, "", true)) add(out, "VerifyNonconformity", Step::Findings, true);
      break;
    case Step::Ended: break;
  }
  return out;
}

std::string action_who_zh(const ActionSpec& a, const CaseState& s) {
  std::string who = a.who_zh;
  const Cycle* c = s.cycle();
  if (who == "审核组长" && c)
    if (const TeamMember* l = team_leader(c->team)) who += "（" + (l->name.empty() ? l->user_id : l->name) + "）";
  return who;
}

std::vector<NextAction> next_actions(const CaseState& s, const Context& ctx, const PrefillContext& pc) {
  std::vector<NextAction> out;
  for (const ExpectedAction& e : expected_actions(s)) {
    NextAction n{e, action_who_zh(*e.action, s), NextVerdict::Can, ""};
    Result<void> r = dry_run(*e.action, s, ctx, pc);
    // INPUT: the procedure allows it, the form needs filling (prefilled forms start incomplete).
    if (!r && r.error().rule != "INPUT") {
      n.verdict = r.error().rule == "P-ROLE" ? NextVerdict::OtherRole : NextVerdict::Blocked;
      n.why_zh = why_text(r.error());
    }
    out.push_back(std::move(n));
  }
  return out;
}

std::vector<PendingAction> pending_actions(const CaseState& s, const Context& ctx) {
  std::vector<PendingAction> out;
  PrefillContext pc;  // no settings, table or other cases: only the role checks matter here
  pc.today = ctx.today;
  for (const ExpectedAction& e : expected_actions(s)) {
    if (!e.primary) continue;
    const ActionSpec& a = *e.action;
    PendingAction p{a.type, a.label_zh, action_who_zh(a, s), e.step, a.by_applicant, {}, ""};
    if (!a.by_applicant) {
      auto cmd = form_command(dry_run_form(a, prefill(a, s, pc)));  // unchosen decisions do not hide who may act
      if (cmd) {
        Context c = ctx;
        // Every role at once: refused by role only when one person is named (the team leader).
        c.actor = Actor{"", "", std::vector<Role>(std::begin(kAllRoles), std::end(kAllRoles))};
        auto all = decide(s, cmd.value(), c);
        if (!all && all.error().rule == "P-ROLE") {
          if (const Cycle* cy = s.cycle())
            if (const TeamMember* l = team_leader(cy->team)) p.user_id = l->user_id;
        } else {
          for (Role r : kAllRoles) {
            c.actor.roles = {r};
            auto one = decide(s, cmd.value(), c);
            if (one || one.error().rule != "P-ROLE") p.roles.push_back(r);
          }
        }
      }
    }
    out.push_back(std::move(p));
  }
  return out;
}

bool can_do(const PendingAction& p, const Actor& me) {
  if (p.anyone) return true;
  if (!p.user_id.empty()) return p.user_id == me.user_id;
  return std::any_of(p.roles.begin(), p.roles.end(), [&](Role r) { return me.has(r); });
}

std::pair<std::string, std::string> split_answer(const std::string& answer) {
  static const char* const kClaims[] = {"部分符合", "不符合", "不适用", "未填写", "符合"};
  const std::string sep = "：";
  for (const char* c : kClaims) {
    const std::string claim = c;
    if (answer.compare(0, claim.size() + sep.size(), claim + sep) == 0) return {claim, answer.substr(claim.size() + sep.size())};
    if (answer == claim) return {claim, ""};
  }
  return {"", answer};
}

std::vector<RequirementView> requirement_views(const CaseState& s, const Catalogue& cat, AssessmentKind kind) {
  std::vector<RequirementView> out;
  const Cycle* c = s.cycle();
  if (!c) return out;
  const auto& answers = kind == AssessmentKind::management ? c->application.management_self_assessment
                                                           : c->application.capability_self_assessment;
  const auto& reqs = kind == AssessmentKind::management ? cat.management_requirements : cat.capability_requirements;
  for (const Answer& a : answers) {
    RequirementView v;
    v.id = a.requirement_id;
    for (const Requirement& r : reqs)
      if (r.id == a.requirement_id) {
        v.clause = r.clause;
        v.text_zh = r.text_zh;
        v.evidence_hint_zh = r.evidence_hint_zh;
      }
    auto [claim, description] = split_answer(a.answer);
    v.claim_zh = claim;
    v.description = description;
    v.evidence = a.evidence_refs;
    for (const RequirementCheck& k : c->application_checks)
      if (k.requirement_id == a.requirement_id) {
        v.mark = k.status;
        v.note = k.note;
        v.marked_by = k.by;
      }
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<std::string> supplement_items(const CaseState& s) {
  std::vector<std::string> out;
  const Cycle* c = s.cycle();
  if (!c) return out;
  for (const auto* list : {&c->application.management_self_assessment, &c->application.capability_self_assessment})
    for (const Answer& a : *list)
      for (const RequirementCheck& k : c->application_checks)
        if (k.requirement_id == a.requirement_id && k.status == ReviewMark::NeedsSupplement) {
          // One item per line in the form: a note of several lines becomes one item.
          std::string note;
          for (const std::string& line : split_note_lines(k.note)) note += (note.empty() ? "" : "；") + line;
          out.push_back(k.requirement_id + "：" + note);
        }
  return out;
}

}  // namespace certdesk::ui
