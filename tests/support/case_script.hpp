// tests/support/case_script.hpp — synthetic case histories for benchmarks and fixtures
// (domain_bench, make_store): the procedure run through the domain's own decide(), so every
// history is one the app could have written.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "domain/case_decide.hpp"

namespace certdesk::script {

namespace detail {

inline Actor who(const char* id, Role r) { return Actor{id, id, {r}}; }

struct Builder {
  const WorkCalendar& cal;
  CaseRules rules;
  std::vector<Event> history;
  CaseState state;
  Date today;
  void run(const Actor& a, int advance_days, const Command& c) {
    today = today.add_days(advance_days);
    auto r = decide(state, c, Context{a, today, &cal, rules});
    if (!r.ok()) {
      std::fprintf(stderr, "case script: %s refused: %s %s\n", std::string(command_type(c)).c_str(), r.error().rule.c_str(),
                   r.error().message_zh.c_str());
      std::exit(2);
    }
    for (const Event& e : r.value()) {
      history.push_back(e);
      state = apply(std::move(state), e);
    }
  }
};

}  // namespace detail

// The procedure from application to a certificate with two surveillances (each with an NC closed
// in time); with `extras` a complaint, its resolution and a name change; then forms and surveys
// until `events` events (the history is cut there: any prefix of a history is a valid history).
inline std::vector<Event> scripted_case(const WorkCalendar& cal, int index, const std::string& id, std::size_t events,
                                        bool extras = false) {
  using detail::who;
  const Actor app = who("app", Role::Applicant), qc = who("qc", Role::Quality), mkt = who("mkt", Role::Marketing),
              div = who("div", Role::Division), pm = who("pm", Role::ProjectManager), leader = who("L1", Role::TeamLeader),
              rev = who("R1", Role::Reviewer), dm = who("D1", Role::DecisionMaker);
  std::vector<TeamMember> team = {{"L1", "组长", TeamRole::Leader, "", std::nullopt}, {"A1", "审核员", TeamRole::Auditor, "", std::nullopt}};
  Application a;
  a.organisation = {"测试组织" + std::to_string(index) + "网络科技有限公司", "91110000MA0123456P", "北京市海淀区注册地址 " + std::to_string(index) + " 号",
                    "北京市海淀区办公地址", "法定代表人", {{"联系人", "13800000000", "contact@example.com"}}, "网络安全服务；信息系统集成"};
  a.headcount_in_scope = 10 + index % 200;
  a.sites = {{"总部", "北京市海淀区办公地址"}};
  a.scope = {{"RA", "一级"}};
  a.catalogue_version = "2026.1-example";
  detail::Builder b{cal, {}, {}, {}, Date{2025, 1, 6}.add_days(index % 300)};
  b.run(app, 0, SubmitApplication{id, a});
  b.run(qc, 1, AcceptApplication{4, 1, 3, "附录A"});
  b.run(div, 1, ApproveReview{30000});
  b.run(mkt, 1, SignContract{"HT", std::nullopt, 30000});
  b.run(pm, 1, AssignTeam{team});
  b.today = b.today.add_days(1);
  b.run(leader, 0, PlanAudit{AuditKind::Stage1, b.today.add_days(7), b.today});
  b.today = b.today.add_days(8);
  b.run(leader, 0, ConcludeStage1{b.today.add_days(-1), b.today, true, {}});
  b.today = b.today.add_days(1);
  b.run(leader, 0, PlanAudit{AuditKind::Stage2, b.today.add_days(10), b.today});
  b.today = b.today.add_days(11);
  b.run(leader, 0, ConductStage2{b.today.add_days(-1), b.today, false, {"L1", "A1"}});
  b.run(leader, 1, SubmitReport{Recommendation::Grant, "推荐"});
  b.run(rev, 1, ReviewReport{true, ""});
  b.run(leader, 0, ConfirmCertificateInfo{"名称", "注册地址", "办公地址", a.scope, a.headcount_in_scope});
  b.run(dm, 1, DecideCertification{true, ""});
  b.run(qc, 1, IssueCertificate{"CD-" + std::to_string(index)});
  b.run(qc, 5, ReportToRegister{"REF"});
  b.run(mkt, 2, DeliverReport{"EMS"});
  b.run(app, 1, RecordSurvey{"S2", 5, ""});
  for (int n = 1; n <= 2 && b.history.size() < events; ++n) {
    b.today = b.today.add_days(300);
    b.run(leader, 0, ConductSurveillance{b.today.add_days(-1), b.today, team, true, ""});
    std::string nc = "NC-" + std::to_string(n);
    b.run(leader, 0, RaiseNonconformity{nc, "SV" + std::to_string(n), "5", "描述", false});
    b.run(app, 20, RecordCorrectiveAction{nc, "原因", "纠正", "措施", {"E"}});
    b.run(leader, 5, VerifyNonconformity{nc, true, "有效"});
  }
  if (extras && b.history.size() < events) {
    b.run(qc, 3, RegisterComplaint{"CP-1", ComplaintKind::Complaint, "甲", "服务"});
    b.run(div, 10, ResolveComplaint{"CP-1", "处理", index % 2 == 0, index % 2 == 0});
    b.run(app, 5, ApplyChange{ChangeKind::Name, "新名称" + std::to_string(index), "证明", false});
  }
  while (b.history.size() < events) {
    if (b.history.size() % 2) b.run(qc, 1, RecordForm{"QP-21-18", nlohmann::json::object()});
    else b.run(app, 1, RecordSurvey{"S2", 4, "满意"});
  }
  b.history.resize(events);
  return std::move(b.history);
}


}  // namespace certdesk::script
