// The store loaded in two stages (issue 8, cold start): while a case's files are pending (in the
// durable store, not in the file system yet) the workspace lists it from its summary, never reads
// it as absent or empty, refuses what needs its history with CASE-LOADING and writes nothing of
// it; once its files arrive it is read, checked against its summary and usable.
#include <doctest/doctest.h>

#include <set>

#include "domain/case_json.hpp"
#include "tests/domain/case_fixture.hpp"
#include "tests/domain/package_fixture.hpp"
#include "tests/support/case_script.hpp"
#include "tests/ui/memory_store.hpp"
#include "tests/ui/scripted_store.hpp"
#include "ui/data/backup.hpp"
#include "ui/settings/body_config.hpp"
#include "ui/cases/case_board.hpp"
#include "ui/cases/case_summary.hpp"
#include "ui/cases/cases.hpp"

using namespace certdesk;
using namespace certdesk::ui;
using nlohmann::json;

namespace {

// The durable store (every file) and which of its files the file system does not have yet, as
// the browser shell sees it between the first frame and the last slice. Reading a pending file
// finds nothing (as fopen would); writing or removing one is counted as a violation.
struct TwoStageStore {
  MemoryStore durable;
  std::set<std::string> pending;
  int pending_writes = 0;
  int reads_of_pending = 0;
  StoreIo io() {
    StoreIo io = durable.io();
    auto read = io.read;
    io.read = [this, read](const std::string& p) -> std::optional<std::string> {
      if (pending.count(p)) {
        ++reads_of_pending;
        return std::nullopt;
      }
      return read(p);
    };
    auto write = io.write;
    io.write = [this, write](const std::string& p, const std::string& c) {
      if (pending.count(p)) ++pending_writes;
      write(p, c);
    };
    auto remove = io.remove;
    io.remove = [this, remove](const std::string& p) {
      if (pending.count(p)) ++pending_writes;
      remove(p);
    };
    io.list = [this] {
      std::vector<std::string> out;
      for (const auto& [p, _] : durable.files)
        if (!pending.count(p)) out.push_back(p);
      return out;
    };
    io.pending = [this](const std::string& p) {
      if (p.empty() || p.back() != '/') return pending.count(p) > 0;
      auto it = pending.lower_bound(p);
      return it != pending.end() && it->rfind(p, 0) == 0;
    };
    return io;
  }
  // Everything under cases/ except the index is deferred, as wasm/js/store_load.js does before main().
  void defer_cases() {
    for (const auto& [p, _] : durable.files)
      if (p.rfind("cases/", 0) == 0 && p != kCaseIndexFile) pending.insert(p);
  }
  void arrive(const std::string& id) {
    pending.erase(case_file(id));
    for (auto it = pending.lower_bound("cases/" + id + "/"); it != pending.end() && it->rfind("cases/" + id + "/", 0) == 0;)
      it = pending.erase(it);
  }
};

struct Fixture {
  TwoStageStore store;
  BodyConfig cfg;
  Date today{2026, 11, 27};
  std::vector<std::string> ids;
  explicit Fixture(int n) {
    cfg.calendar = certdesk::testing::shipped_calendar();
    cfg.catalogue = pkgtest::example_catalogue();
    ids = certdesk::testing::write_scripted_cases(store.durable, cfg.calendar, n, /*attachment=*/true);
    // The summaries, as an earlier session left them.
    Workspace w;
    REQUIRE(w.load(store.io()).ok());
    CaseBoard b;
    refresh(w, b);
  }
  CaseRules rules() const { return case_rules_from(cfg.settings); }
  std::vector<std::string> refresh(Workspace& w, CaseBoard& b) {
    b.refresh(w, today, cfg.calendar, rules(), cfg.catalogue, 1, config_digest(cfg));
    StoreIo io = store.io();
    std::vector<std::string> written;
    for (CaseSummary& s : b.take_changed_summaries()) {
      written.push_back(s.id);
      w.store_summary(std::move(s), &io);
    }
    return written;
  }
};

}  // namespace

TEST_CASE("two-stage load: pending cases are listed from their summaries and read once their files arrive") {
  Fixture fx(12);
  const std::string old_summary = fx.store.durable.files.at(summary_file(fx.ids[4]));
  fx.store.durable.files.erase(summary_file(fx.ids[2]));  // case 3 has no summary
  fx.store.defer_cases();
  Workspace w;
  REQUIRE(w.load(fx.store.io()).ok());  // a pending case file is not "案件文件缺失"
  CHECK(fx.store.reads_of_pending == 0);
  CHECK(w.size() == fx.ids.size());
  CHECK(w.pending_count() == fx.ids.size());
  CHECK(w.unread() == fx.ids.size());
  CaseBoard board;
  CHECK(fx.refresh(w, board).empty());  // nothing derived from a missing history
  CHECK(fx.store.reads_of_pending == 0);
  REQUIRE(board.rows().size() == fx.ids.size());
  CHECK(board.rows()[0].id == fx.ids[0]);
  CHECK_FALSE(board.rows()[0].loading);  // from its summary: step, due dates
  CHECK_FALSE(board.rows()[0].scope.empty());
  CHECK(board.rows()[2].loading);        // no summary: a placeholder with what the index knows
  CHECK(board.rows()[2].id == fx.ids[2]);
  CHECK(board.rows()[2].organisation == "测试组织2");
  CHECK(w.summary_json()[2]["pending"] == true);

  // Nothing that needs a history treats a pending case as absent or empty.
  CHECK(w.contains(fx.ids[0]));
  CHECK(w.pending(fx.ids[0]));
  CHECK(w.find(fx.ids[0]) == nullptr);
  CHECK(w.get(fx.ids[0]).error().rule == "CASE-LOADING");
  CHECK(w.get("C2099-001").error().rule == "INPUT");
  CHECK(w.read_some(1000.0) == fx.ids.size());  // the slices between frames skip them
  const Context ctx{Actor{"u", "u", {}}, fx.today, &fx.cfg.calendar, fx.rules(), &fx.cfg.catalogue};
  auto ran = w.execute(fx.ids[0], WithdrawApplication{false, "测试"}, ctx, fx.store.io());
  REQUIRE_FALSE(ran.ok());
  CHECK(ran.error().rule == "CASE-LOADING");
  CHECK(w.check(fx.ids[0], WithdrawApplication{false, "测试"}, ctx).error().rule == "CASE-LOADING");
  CHECK(fx.store.pending_writes == 0);

  // One case arrives (opened on demand): it alone becomes readable, with its history as stored.
  fx.store.arrive(fx.ids[0]);
  CHECK(w.files_arrived() == fx.ids.size() - 1);
  REQUIRE(w.get(fx.ids[0]).ok());
  CHECK(w.find(fx.ids[0])->history.size() > 0);
  CHECK(w.pending(fx.ids[1]));

  // Case 5's file changed behind its summary's back: listed from the stale summary until it is
  // read, then recomputed and its summary rewritten; case 3 gets its row and summary.
  {
    auto history = script::scripted_case(fx.cfg.calendar, 4, fx.ids[4], 12);
    fx.store.durable.files[case_file(fx.ids[4])] =
        json{{"history", history_to_json(history)}, {"attachments", json::array()}, {"package_id", "p4"}}.dump();
  }
  for (const std::string& id : fx.ids) fx.store.arrive(id);
  CHECK(w.files_arrived() == 0);
  while (w.read_some(1000.0) > 0) {
  }
  const std::vector<std::string> rebuilt = fx.refresh(w, board);
  CHECK(rebuilt == std::vector<std::string>{fx.ids[2], fx.ids[4]});
  CHECK(fx.store.durable.files.at(summary_file(fx.ids[4])) != old_summary);
  for (const CaseRow& r : board.rows()) CHECK_FALSE(r.loading);
  CHECK(board.rows()[4].step == current_step(w.find(fx.ids[4])->state));
  CHECK(fx.store.pending_writes == 0);
  CHECK(fx.store.reads_of_pending == 0);
}

TEST_CASE("two-stage load: archive, removal and restore refuse to work on files not loaded yet") {
  Fixture fx(3);
  const std::map<std::string, std::string> before = fx.store.durable.files;
  fx.store.defer_cases();
  Workspace w;
  REQUIRE(w.load(fx.store.io()).ok());
  StoreIo io = fx.store.io();
  CaseRecord pending_record = w.record(0);
  CHECK(collect_case(io, pending_record, "2026-11-27T10:00:00+08:00").error().rule == "CASE-LOADING");
  CHECK(remove_case(io, pending_record, Date{2040, 1, 1}, fx.rules(), "周敏", "2040-01-01T10:00:00+08:00").error().rule ==
        "CASE-LOADING");
  // A restore would see the pending case files as absent and "add" the backup's over them.
  PendingBackup all;
  for (const auto& [p, bytes] : before) all.files.push_back({p, bytes});
  all.created_at = "2026-11-27T10:00:00+08:00";
  const std::string canonical = backup_canonical(all, std::vector<std::string>(all.files.size(), std::string(64, '0')));
  auto read = read_archive(backup_archive(canonical, std::string(64, '0')));
  REQUIRE(read.ok());
  CHECK(plan_restore(read.value(), io).error().rule == "CASE-LOADING");
  CHECK(fx.store.durable.files == before);
  CHECK(fx.store.pending_writes == 0);

  // Attachments still pending keep the case pending even when its own file is there.
  fx.store.pending.erase(case_file(fx.ids[1]));
  CHECK(w.files_arrived() == 3);
  fx.store.arrive(fx.ids[1]);
  CHECK(w.files_arrived() == 2);
  auto archived = collect_case(io, *w.find(fx.ids[1]), "2026-11-27T10:00:00+08:00");
  REQUIRE(archived.ok());
  CHECK(archived.value().files.size() == 3);  // index entry, case file, its attachment
}
