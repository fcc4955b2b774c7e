// Benchmark fixture (not a test): writes a backup archive of a certification body's store with
// N cases, for tests/bench/store_scale.mjs to restore into the browser. Each case has a history
// of 20–60 events (the procedure run by domain_bench's script, cut at a varying length), two
// attachments (1 KB binary, 3 KB text) and its index entry; plus meta.json and a body profile.
// Usage: make_store <cases> <out.json>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "domain/case_decide.hpp"
#include "domain/case_json.hpp"
#include "tests/support/sha256_openssl.hpp"
#include "tests/ui/memory_store.hpp"
#include "ui/backup.hpp"

using namespace certdesk;

namespace {

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
      std::fprintf(stderr, "make_store: %s refused: %s %s\n", std::string(command_type(c)).c_str(), r.error().rule.c_str(),
                   r.error().message_zh.c_str());
      std::exit(2);
    }
    for (const Event& e : r.value()) {
      history.push_back(e);
      state = apply(std::move(state), e);
    }
  }
};

// The procedure from application to a certificate with two surveillances, then forms and
// surveys until `events` events (the history is cut there: any prefix is a valid history).
std::vector<Event> build_case(const WorkCalendar& cal, int index, const std::string& id, std::size_t events) {
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
  Builder b{cal, {}, {}, {}, Date{2025, 1, 6}.add_days(index % 300)};
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
  while (b.history.size() < events) {
    if (b.history.size() % 2) b.run(qc, 1, RecordForm{"QP-21-18", nlohmann::json::object()});
    else b.run(app, 1, RecordSurvey{"S2", 4, "满意"});
  }
  b.history.resize(events);
  return std::move(b.history);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: make_store <cases> <out.json>\n");
    return 2;
  }
  const int n = std::atoi(argv[1]);
  std::ifstream in(std::string(CERTDESK_SOURCE_DIR) + "/domain/data/holidays-cn.json");
  std::stringstream buf;
  buf << in.rdbuf();
  auto cal = WorkCalendar::from_json(nlohmann::json::parse(buf.str(), nullptr, false));
  if (!cal.ok()) return 1;

  MemoryStore s;
  ui::AppModel m;
  (void)ui::load_store(s.io(), m);  // meta.json
  (void)ui::apply_command(m, ui::SetMode{ui::Mode::Body});
  (void)ui::apply_command(m, ui::SetProfileName{"周敏"});
  (void)ui::apply_command(m, ui::SetProfileRole{"marketing", true});
  s.files[ui::kProfileFile] = ui::profile_file(m);
  nlohmann::json index = nlohmann::json::array();
  std::size_t events = 0;
  for (int i = 0; i < n; ++i) {
    char id[24];
    std::snprintf(id, sizeof id, "C2025-%04d", i + 1);
    const std::size_t count = 20 + static_cast<std::size_t>(i % 41);
    auto history = build_case(cal.value(), i, id, count);
    events += history.size();
    std::string bin(1024, '\0');
    for (std::size_t k = 0; k < bin.size(); ++k) bin[k] = static_cast<char>((k * 131 + i) & 0xFF);
    const std::string text = std::string("营业执照扫描件 ") + id + " " + std::string(3000, 'x');
    nlohmann::json atts = nlohmann::json::array();
    atts.push_back({{"id", "att-1"}, {"name", "组织机构图.png"}, {"media_type", "image/png"}, {"size", bin.size()},
                    {"sha256", sha256_hex_openssl(bin)}});
    atts.push_back({{"id", "att-2"}, {"name", "营业执照.pdf"}, {"media_type", "application/pdf"}, {"size", text.size()},
                    {"sha256", sha256_hex_openssl(text)}});
    s.files[ui::case_attachment_file(id, "att-1")] = bin;
    s.files[ui::case_attachment_file(id, "att-2")] = text;
    char package_id[48];
    std::snprintf(package_id, sizeof package_id, "00000000-0000-4000-8000-%012d", i + 1);
    s.files[ui::case_file(id)] =
        nlohmann::json{{"history", history_to_json(history)}, {"attachments", atts}, {"package_id", package_id}}.dump();
    index.push_back({{"id", id}, {"package_id", package_id}, {"digest", sha256_hex_openssl(package_id)},
                     {"organisation", "测试组织" + std::to_string(i) + "网络科技有限公司"}});
  }
  if (n > 0) s.files[ui::kCaseIndexFile] = nlohmann::json{{"cases", index}}.dump();

  ui::PendingBackup p = ui::collect_store(s.io(), "2026-11-27T12:00:00+08:00");
  std::vector<std::string> hashes;
  for (std::string_view b : p.blobs()) hashes.push_back(sha256_hex_openssl(b));
  const std::string canonical = ui::backup_canonical(p, hashes);
  std::ofstream(argv[2], std::ios::binary) << ui::backup_archive(canonical, sha256_hex_openssl(canonical));
  std::size_t bytes = 0;
  for (const auto& [path, content] : s.files) bytes += content.size();
  std::printf("make_store: %d cases, %zu events, %zu files, %zu bytes of files, archive %zu bytes\n", n, events,
              s.files.size(), bytes, canonical.size() + 80);
  return 0;
}
