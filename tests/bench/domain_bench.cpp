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
#include "tests/support/case_script.hpp"

using namespace certdesk;

namespace {

constexpr int kCases = 2000;
constexpr std::size_t kEventsPerCase = 60;

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
    histories.push_back(script::scripted_case(cal.value(), i, "C" + std::to_string(i), kEventsPerCase, true));
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
