// Benchmark (prints figures, not a test): 2,000 cases of 60 events each; times the fold of all
// cases and the due-list query over all of them. Native and under node (wasm, NODERAWFS).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "domain/case_decide.hpp"
#include "domain/deadlines.hpp"

using namespace certdesk;

namespace {

constexpr int kCases = 2000;
constexpr std::size_t kEventsPerCase = 60;

Actor who(const char* id, Role r) { return Actor{id, id, {r}}; }

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
      std::fprintf(stderr, "bench setup: %s refused: %s %s\n", std::string(command_type(c)).c_str(), r.error().rule.c_str(),
                   r.error().message_zh.c_str());
      std::exit(2);
    }
    for (const Event& e : r.value()) {
      history.push_back(e);
      state = apply(std::move(state), e);
    }
  }
};

std::vector<Event> build_case(const WorkCalendar& cal, int index) {
  const Actor app = who("app", Role::Applicant), qc = who("qc", Role::Quality), mkt = who("mkt", Role::Marketing),
              div = who("div", Role::Division), pm = who("pm", Role::ProjectManager), leader = who("L1", Role::TeamLeader),
              rev = who("R1", Role::Reviewer), dm = who("D1", Role::DecisionMaker);
  std::vector<TeamMember> team = {{"L1", "组长", TeamRole::Leader, "", std::nullopt}, {"A1", "审核员", TeamRole::Auditor, "", std::nullopt}};
  Application a;
  a.organisation = {"组织" + std::to_string(index), "91110000MA0123456P", "注册地址", "办公地址", "法人", {{"联系人", "1", "e"}}, "经营范围"};
  a.headcount_in_scope = 10 + index % 200;
  a.sites = {{"总部", "地址"}};
  a.scope = {{"RA", "一级"}};
  a.catalogue_version = "2026.1-example";
  Builder b{cal, {}, {}, {}, Date{2025, 1, 6}.add_days(index % 300)};
  b.run(app, 0, SubmitApplication{"C" + std::to_string(index), a});
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
  for (int n = 1; n <= 2; ++n) {
    b.today = b.today.add_days(300);
    b.run(leader, 0, ConductSurveillance{b.today.add_days(-1), b.today, team, true, ""});
    std::string nc = "NC-" + std::to_string(n);
    b.run(leader, 0, RaiseNonconformity{nc, "SV" + std::to_string(n), "5", "描述", false});
    b.run(app, 20, RecordCorrectiveAction{nc, "原因", "纠正", "措施", {"E"}});
    b.run(leader, 5, VerifyNonconformity{nc, true, "有效"});
  }
  b.run(qc, 3, RegisterComplaint{"CP-1", ComplaintKind::Complaint, "甲", "服务"});
  b.run(div, 10, ResolveComplaint{"CP-1", "处理", index % 2 == 0, index % 2 == 0});
  b.run(app, 5, ApplyChange{ChangeKind::Name, "新名称" + std::to_string(index), "证明", false});
  while (b.history.size() < kEventsPerCase) {
    if (b.history.size() % 2) b.run(qc, 1, RecordForm{"QP-21-18", nlohmann::json::object()});
    else b.run(app, 1, RecordSurvey{"SV1", 4, ""});
  }
  return std::move(b.history);
}

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main() {
  std::ifstream in(std::string(CERTDESK_SOURCE_DIR) + "/domain/data/holidays-cn.json");
  std::stringstream buf;
  buf << in.rdbuf();
  auto cal = WorkCalendar::from_json(nlohmann::json::parse(buf.str(), nullptr, false));
  if (!cal.ok()) {
    std::fprintf(stderr, "calendar: %s\n", cal.error().message_zh.c_str());
    return 1;
  }
  std::vector<std::vector<Event>> histories;
  histories.reserve(kCases);
  std::size_t events = 0;
  for (int i = 0; i < kCases; ++i) {
    histories.push_back(build_case(cal.value(), i));
    events += histories.back().size();
  }
  CaseRules rules;
  const Date as_of{2027, 6, 1};
  double best_fold = 1e9, best_due = 1e9;
  std::size_t due_count = 0;
  for (int round = 0; round < 5; ++round) {
    auto t0 = std::chrono::steady_clock::now();
    std::vector<CaseState> states;
    states.reserve(histories.size());
    for (const auto& h : histories) states.push_back(fold(h));
    best_fold = std::min(best_fold, ms_since(t0));
    auto t1 = std::chrono::steady_clock::now();
    auto list = due_list(states, as_of, cal.value(), rules);
    best_due = std::min(best_due, ms_since(t1));
    due_count = list.size();
  }
  std::printf("cases: %d, events: %zu (%zu per case)\n", kCases, events, events / kCases);
  std::printf("fold all cases: %.2f ms (best of 5)\n", best_fold);
  std::printf("due list as of %s over all cases: %.2f ms (best of 5), %zu items due or overdue\n", as_of.iso().c_str(),
              best_due, due_count);
  return 0;
}
