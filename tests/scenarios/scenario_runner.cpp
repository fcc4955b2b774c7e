// Scenario runner: replays dated commands from scenario JSON files against the case aggregate
// and checks each outcome and checkpoint. One line per step; last line "N passed, M failed".
// Format: tests/scenarios/README.md. Native only (reads files).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "domain/case_decide.hpp"
#include "domain/case_json.hpp"
#include "domain/deadlines.hpp"

using namespace certdesk;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct Tally {
  int passed = 0, failed = 0;
};

json load(const fs::path& p, std::string& error) {
  std::ifstream in(p);
  if (!in) {
    error = "cannot open " + p.string();
    return nullptr;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  json j = json::parse(buf.str(), nullptr, false);
  if (j.is_discarded()) error = "invalid JSON in " + p.string();
  return j;
}

struct Defaults {
  json actors = json::object();
  json application;
  json team;
};

struct CaseRun {
  std::vector<Event> history;
  CaseState state;
};

class Runner {
 public:
  Runner(const WorkCalendar& cal, const Catalogue& catalogue, const Defaults& defaults)
      : cal_(cal), catalogue_(catalogue), defaults_(defaults) {}

  void run(const fs::path& file, Tally& tally) {
    std::string error;
    json sc = load(file, error);
    std::string name = file.stem().string();
    if (!error.empty() || !sc.is_object() || !sc.contains("steps")) {
      report(tally, false, name, 0, "", "scenario file: " + (error.empty() ? "missing steps" : error));
      return;
    }
    rules_ = CaseRules{};
    if (sc.contains("rules")) {
      auto rules = case_rules_from_json(sc["rules"]);
      if (!rules.ok()) {
        report(tally, false, name, 0, "", "rules: " + rules.error().message_zh);
        return;
      }
      rules_ = rules.value();
    }
    json steps = json::array();
    for (const json& pre : sc.value("prelude", json::array())) {
      json prelude = load(file.parent_path() / pre.get<std::string>(), error);
      if (!error.empty()) {
        report(tally, false, name, 0, "", "prelude: " + error);
        return;
      }
      for (const json& st : prelude["steps"]) steps.push_back(st);
    }
    for (const json& st : sc["steps"]) steps.push_back(st);
    actors_ = defaults_.actors;
    if (sc.contains("actors")) actors_.merge_patch(sc["actors"]);
    cases_.clear();
    int n = 0;
    for (const json& step : steps) {
      ++n;
      std::string date = step.value("date", "");
      auto today = Date::parse(date);
      if (!today) {
        report(tally, false, name, n, date, "step has no valid date");
        continue;
      }
      std::string message;
      bool ok = step.contains("check") ? check(step["check"], *today, step.value("case", "C1"), message)
                                       : command(step, *today, message);
      report(tally, ok, name, n, date, message);
    }
  }

 private:
  const WorkCalendar& cal_;
  const Catalogue& catalogue_;
  const Defaults& defaults_;
  CaseRules rules_;
  json actors_;
  std::map<std::string, CaseRun> cases_;

  static void report(Tally& t, bool ok, const std::string& scenario, int step, const std::string& date,
                     const std::string& message) {
    (ok ? t.passed : t.failed) += 1;
    std::cout << (ok ? "PASS " : "FAIL ") << scenario << " #" << step << " " << date << " " << message << "\n";
  }

  json with_defaults(json cmd, const std::string& case_id) const {
    std::string type = cmd.value("type", "");
    if (type == "SubmitApplication" || type == "OpenRecertification" || type == "OpenScopeExtension") {
      if (!cmd.contains("application")) {
        cmd["application"] = defaults_.application;
        if (cmd.contains("application_patch")) cmd["application"].merge_patch(cmd["application_patch"]);
      }
      if (type == "SubmitApplication" && !cmd.contains("case_id")) cmd["case_id"] = case_id;
    }
    if (type == "AssignTeam" && !cmd.contains("members")) cmd["members"] = defaults_.team;
    if ((type == "ConductSurveillance" || type == "ConductSpecialAudit") && !cmd.contains("team")) cmd["team"] = defaults_.team;
    if (type == "ConductStage2" && !cmd.contains("commitments")) {
      json ids = json::array();
      for (const json& m : defaults_.team) ids.push_back(m.value("user_id", ""));
      cmd["commitments"] = ids;
    }
    return cmd;
  }

  bool command(const json& step, Date today, std::string& message) {
    std::string case_id = step.value("case", "C1");
    CaseRun& run = cases_[case_id];
    std::string actor_key = step.value("actor", "");
    if (!actors_.contains(actor_key)) {
      message = "unknown actor '" + actor_key + "'";
      return false;
    }
    auto actor = actor_from_json(actors_[actor_key]);
    if (!actor.ok()) {
      message = "actor: " + actor.error().message_zh;
      return false;
    }
    json expect = step.value("expect", json("accepted"));
    std::string want = expect.is_object() ? expect.value("rejected", "") : "";
    auto cmd = command_from_json(with_defaults(step.value("command", json::object()), case_id));
    std::string type = step.value("command", json::object()).value("type", "?");
    Result<std::vector<Event>> outcome = cmd.ok() ? decide(run.state, cmd.value(), Context{actor.value(), today, &cal_, rules_, &catalogue_})
                                                  : Result<std::vector<Event>>(cmd.error());
    if (outcome.ok()) {
      for (const Event& e : outcome.value()) {
        run.history.push_back(e);
        run.state = apply(std::move(run.state), e);
      }
      message = type + " accepted";
      if (!want.empty()) message += " — expected rejection " + want;
      return want.empty();
    }
    const RuleViolation& v = outcome.error();
    message = type + " rejected " + v.rule + " " + v.message_zh + (v.field.empty() ? "" : " [" + v.field + "]");
    if (want.empty()) message += " — expected accepted";
    else if (want != v.rule) message += " — expected " + want;
    return !want.empty() && want == v.rule;
  }

  static bool matches(const Obligation& o, const json& want) {
    if (want.contains("kind") && want["kind"] != std::string(enum_id(o.kind))) return false;
    if (want.contains("rule") && want["rule"] != o.rule) return false;
    if (want.contains("due") && want["due"] != o.due.iso()) return false;
    if (want.contains("status") && want["status"] != std::string(enum_id(o.status))) return false;
    if (want.contains("subject") && want["subject"] != o.subject) return false;
    if (want.contains("estimated") && want["estimated"] != o.estimated) return false;
    return true;
  }

  bool check(const json& c, Date today, const std::string& default_case, std::string& message) {
    std::string case_id = c.value("case", default_case);
    const CaseState& s = cases_[case_id].state;
    std::vector<Obligation> all = obligations(s, today, cal_, rules_);
    std::vector<std::string> failures;
    if (c.contains("certificate_status")) {
      auto st = s.status();
      std::string got = st ? std::string(enum_id(*st)) : "none";
      if (c["certificate_status"] != got) failures.push_back("certificate_status " + got);
    }
    if (c.contains("phase")) {
      std::string got = s.cycle() ? std::string(enum_id(s.cycle()->phase)) : "none";
      if (c["phase"] != got) failures.push_back("phase " + got);
    }
    for (const json& want : c.value("due", json::array())) {
      bool found = std::any_of(all.begin(), all.end(), [&](const Obligation& o) { return matches(o, want); });
      if (!found) failures.push_back("missing obligation " + want.dump());
    }
    for (const json& kind : c.value("not_due", json::array()))
      for (const Obligation& o : all)
        if (kind == std::string(enum_id(o.kind)) && o.status != DueStatus::Upcoming)
          failures.push_back("unexpected " + std::string(enum_id(o.kind)) + " " + o.due.iso() + " " +
                             std::string(enum_id(o.status)));
    for (const json& kind : c.value("absent", json::array()))
      for (const Obligation& o : all)
        if (kind == std::string(enum_id(o.kind))) failures.push_back("unexpected " + kind.get<std::string>());
    if (c.contains("due_list_count")) {
      std::vector<CaseState> states;
      for (const auto& [id, run] : cases_) states.push_back(run.state);
      auto list = due_list(states, today, cal_, rules_);
      if (c["due_list_count"] != list.size()) failures.push_back("due_list_count " + std::to_string(list.size()));
    }
    if (c.value("refold", true) && !(s == fold(cases_[case_id].history))) failures.push_back("fold(history) differs from state");
    std::string listed;
    for (const Obligation& o : all)
      if (o.status != DueStatus::Upcoming)
        listed += " " + std::string(enum_id(o.kind)) + "@" + o.due.iso() + ":" + std::string(enum_id(o.status));
    message = "check " + case_id + (failures.empty() ? " ok" : " —");
    for (const std::string& f : failures) message += " " + f + ";";
    if (!failures.empty()) message += " due/overdue:" + (listed.empty() ? std::string(" none") : listed);
    return failures.empty();
  }
};

}  // namespace

int main(int argc, char** argv) {
  std::string root = std::string(CERTDESK_SOURCE_DIR);
  std::string error;
  json holidays = load(root + "/domain/data/holidays-cn.json", error);
  auto cal = error.empty() ? WorkCalendar::from_json(holidays) : Result<WorkCalendar>(RuleViolation{"INPUT", error, ""});
  if (!cal.ok()) {
    std::cout << "calendar: " << cal.error().message_zh << "\n0 passed, 1 failed\n";
    return 1;
  }
  json cj = load(root + "/domain/data/catalogue-example.json", error);
  auto catalogue = error.empty() ? load_catalogue(cj) : Result<Catalogue>(RuleViolation{"INPUT", error, ""});
  if (!catalogue.ok()) {
    std::cout << "catalogue: " << catalogue.error().message_zh << "\n0 passed, 1 failed\n";
    return 1;
  }
  std::vector<fs::path> files;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) args.push_back(root + "/tests/scenarios");
  for (const std::string& a : args) {
    if (fs::is_directory(a)) {
      for (const auto& entry : fs::directory_iterator(a))
        if (entry.path().extension() == ".json" && entry.path().filename().string()[0] != '_') files.push_back(entry.path());
    } else {
      files.emplace_back(a);
    }
  }
  std::sort(files.begin(), files.end());
  Defaults defaults;
  json dj = load(root + "/tests/scenarios/_defaults.json", error);
  if (!error.empty()) {
    std::cout << error << "\n0 passed, 1 failed\n";
    return 1;
  }
  defaults.actors = dj.value("actors", json::object());
  defaults.application = dj.value("application", json::object());
  defaults.team = dj.value("team", json::array());
  Tally tally;
  Runner runner(cal.value(), catalogue.value(), defaults);
  for (const fs::path& f : files) runner.run(f, tally);
  std::cout << files.size() << " scenarios\n" << tally.passed << " passed, " << tally.failed << " failed\n";
  return tally.failed == 0 && tally.passed > 0 ? 0 : 1;
}
