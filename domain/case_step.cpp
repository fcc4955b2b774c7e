// domain/case_step.cpp — the step a case is at, from its folded state (see case_step.hpp).
#include "domain/case_step.hpp"

#include "domain/procedure_rules.hpp"

namespace certdesk {

Step current_step(const CaseState& s) {
  const Cycle* c = s.cycle();
  if (!c) return Step::Application;
  switch (c->phase) {
    case CyclePhase::Applied: {
      const bool waiting = !c->supplements.empty() && !c->supplements.back().answered_on;
      return waiting ? Step::Application : Step::Review;
    }
    case CyclePhase::Accepted: return c->review && c->review->approved_on ? Step::Contract : Step::Review;
    case CyclePhase::Contracted:
      if (c->team.empty() || !c->stage1 || !c->stage1->planned_start) return Step::Preparation;
      if (!c->stage1->end) return Step::Stage1;
      return Step::Stage2;
    case CyclePhase::Audited:
      if (c->stage2 && !check_ncs_verified(s, c->stage2->id).ok()) return Step::Findings;
      if (!c->report || !c->report->reviewed_on || !c->report->approved) return Step::Report;
      return Step::Decision;
    case CyclePhase::Decided: return c->decision && c->decision->granted ? Step::Certificate : Step::Ended;
    case CyclePhase::Closed:
      if (!certificate_active(s)) return Step::Ended;
      // The certificate step stays open until the new certificate is reported (R5) and the
      // report delivered (R3); later register reports (suspension, change…) belong to its life.
      if (c->report && !c->report->delivered_on) return Step::Certificate;
      if (!s.register_pending.empty() && s.certificate && s.certificate->history.size() == 1) return Step::Certificate;
      return Step::Life;
    case CyclePhase::Rejected:
    case CyclePhase::Withdrawn:
    case CyclePhase::Failed:
      // A recertification or extension that did not go through leaves the certificate as it was.
      return certificate_active(s) ? Step::Life : Step::Ended;
  }
  return Step::Application;
}

std::string ended_reason_zh(const CaseState& s) {
  if (current_step(s) != Step::Ended) return "";
  const Cycle* c = s.cycle();
  if (auto st = s.status(); st && !certificate_active(s))
    return std::string("证书") + std::string(enum_label(*st));
  if (!c) return "";
  switch (c->phase) {
    case CyclePhase::Rejected: return "不予受理";
    case CyclePhase::Withdrawn: return "申请已撤回";
    case CyclePhase::Failed: return "审核未通过";
    case CyclePhase::Decided: return "决定不予认证";
    default: return "";
  }
}

}  // namespace certdesk
