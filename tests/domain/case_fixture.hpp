// Test fixture for the case aggregate: the shipped calendar, named actors, a standard
// application and team, and a runner that decides, appends and applies like the shell does.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "domain/case_decide.hpp"
#include "domain/deadlines.hpp"
#include "domain/procedure_rules.hpp"

namespace certdesk::testing {

inline Date d(const char* iso) { return *Date::parse(iso); }

inline WorkCalendar shipped_calendar() {
  std::ifstream in(std::string(CERTDESK_SOURCE_DIR) + "/domain/data/holidays-cn.json");
  REQUIRE(in.good());
  std::stringstream buf;
  buf << in.rdbuf();
  auto cal = WorkCalendar::from_json(nlohmann::json::parse(buf.str()));
  REQUIRE(cal.ok());
  return cal.value();
}

inline Actor applicant() { return {"app", "申请组织", {Role::Applicant}}; }
inline Actor quality() { return {"qc", "质控", {Role::Quality}}; }
inline Actor marketing() { return {"mkt", "市场", {Role::Marketing}}; }
inline Actor division() { return {"div", "事业部", {Role::Division}}; }
inline Actor manager() { return {"pm", "项目经理", {Role::ProjectManager}}; }
inline Actor leader() { return {"L1", "组长", {Role::TeamLeader, Role::Auditor}}; }
inline Actor reviewer() { return {"R1", "复核", {Role::Reviewer}}; }
inline Actor decider() { return {"D1", "决定", {Role::DecisionMaker}}; }

inline Application standard_application() {
  Application a;
  a.organisation = {"北京示例网络安全有限公司", "91110000MA0123456P", "北京市海淀区示例路1号", "北京市海淀区示例路2号",
                    "张三", {{"李四", "010-12345678", "li@example.cn"}}, "网络安全服务"};
  a.headcount_in_scope = 40;
  a.sites = {{"总部", "北京市海淀区示例路2号"}};
  a.scope = {{"RA", "一级"}};
  a.catalogue_version = "2026.1-example";
  return a;
}

inline std::vector<TeamMember> standard_team() {
  return {{"L1", "组长", TeamRole::Leader, "REG-1", std::nullopt}, {"A1", "审核员", TeamRole::Auditor, "REG-2", std::nullopt}};
}

struct CaseFixture {
  WorkCalendar cal = shipped_calendar();
  CaseRules rules;
  std::vector<Event> history;
  CaseState state;

  const Catalogue* catalogue = nullptr;

  Context ctx(const Actor& a, Date today) const { return Context{a, today, &cal, rules, catalogue, {}}; }
  Result<std::vector<Event>> run(const Actor& a, const char* today, const Command& c) {
    auto r = decide(state, c, ctx(a, d(today)));
    if (r.ok())
      for (const Event& e : r.value()) {
        history.push_back(e);
        state = apply(std::move(state), e);
      }
    return r;
  }
  void ok(const Actor& a, const char* today, const Command& c) {
    auto r = run(a, today, c);
    INFO(std::string(command_type(c)) << " " << (r.ok() ? "" : r.error().rule + " " + r.error().message_zh));
    REQUIRE(r.ok());
  }
  std::string refused(const Actor& a, const char* today, const Command& c) {
    auto r = run(a, today, c);
    REQUIRE_FALSE(r.ok());
    return r.error().rule;
  }

  // §6.1–§6.4.2.1: application through a "ready" stage 1 (2026-01-05 … 2026-01-21).
  void to_stage1() {
    ok(applicant(), "2026-01-05", SubmitApplication{"C1", standard_application()});
    ok(quality(), "2026-01-06", AcceptApplication{4, 1, 3, "40 人：4 人日"});
    ok(division(), "2026-01-07", ApproveReview{30000});
    ok(marketing(), "2026-01-08", SignContract{"HT-1", std::nullopt, 30000});
    ok(manager(), "2026-01-09", AssignTeam{standard_team()});
    ok(leader(), "2026-01-12", PlanAudit{AuditKind::Stage1, d("2026-01-19"), d("2026-01-12")});
    ok(leader(), "2026-01-20", ConcludeStage1{d("2026-01-19"), d("2026-01-20"), true, {}});
    ok(leader(), "2026-01-21", PlanAudit{AuditKind::Stage2, d("2026-02-02"), d("2026-01-21")});
  }
  // §6.4.2.2: stage 2 on 2026-02-02…03.
  void to_stage2() {
    to_stage1();
    ok(leader(), "2026-02-03", ConductStage2{d("2026-02-02"), d("2026-02-03"), false, {"L1", "A1"}});
  }
  // §6.4.3–§6.6: report, review, info, decision (2026-02-06), certificate (2026-02-09).
  void to_certificate() {
    to_stage2();
    ok(leader(), "2026-02-04", SubmitReport{Recommendation::Grant, "符合要求，推荐认证"});
    ok(reviewer(), "2026-02-05", ReviewReport{true, ""});
    ok(leader(), "2026-02-05", ConfirmCertificateInfo{"北京示例网络安全有限公司", "北京市海淀区示例路1号",
                                                       "北京市海淀区示例路2号", {{"RA", "一级"}}, 40});
    ok(decider(), "2026-02-06", DecideCertification{true, ""});
    ok(quality(), "2026-02-09", IssueCertificate{"CD-2026-001"});
  }

  std::vector<Obligation> due(const char* as_of) const { return obligations(state, d(as_of), cal, rules); }
  const Obligation* find(const char* as_of, ObligationKind k) {
    last_ = due(as_of);
    for (const Obligation& o : last_)
      if (o.kind == k) return &o;
    return nullptr;
  }

 private:
  std::vector<Obligation> last_;
};

}  // namespace certdesk::testing
