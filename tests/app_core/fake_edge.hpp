// A fake browser edge for the app core's native tests (issue 16): it runs the core's effects as
// wasm/main.cpp does — SHA-256 by OpenSSL instead of WebCrypto, downloads kept in a list instead of
// saved, the file picker answered by the test, print windows opened or blocked at the test's
// wish — over a store in memory. Results go back through AppCore::on, later than the effect that
// asked for them (as in the browser, where they arrive between frames).
#pragma once

#include <doctest/doctest.h>

#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/person_days.hpp"
#include "tests/domain/package_fixture.hpp"
#include "tests/support/sha256_openssl.hpp"
#include "tests/ui/memory_store.hpp"
#include "ui/shell/app_core.hpp"

namespace coretest {

using namespace certdesk;
using namespace certdesk::ui;
using nlohmann::json;

inline constexpr const char* kNow = "2026-03-02T10:00:00+08:00";

struct FakeEdge {
  MemoryStore store;
  AppCore core;
  std::vector<OfferDownload> downloads;
  std::vector<PickFiles> picks;           // file pickers opened, oldest first
  std::vector<OpenPrintWindow> prints;    // print windows asked for
  std::vector<std::string> loads;         // cases whose files were asked for ahead of the others
  // Issue 8: files in the durable store (IndexedDB) not in the file system yet. The StoreIo's
  // `pending` answers from them ("cases/x/": while any file under it is), reading one finds
  // nothing, and writing or removing one is refused and noted in `pending_writes` (wasm/storage.cpp
  // refuses them the same way). Empty unless the test says which files come later.
  std::map<std::string, std::string> not_loaded;
  std::vector<std::string> pending_writes;
  bool hold_case_loads = false;  // LoadCaseFiles noted in `loads`, its files come only with deliver()
  bool block_print_windows = false;       // a browser that blocks the print window
  int hashed_blobs = 0;
  std::string clock = kNow;
  int ids = 0;

  // A core over an empty store (or `files`), with the shipped data loaded as the browser loads it.
  // The files for which `later` holds are still only in the durable store (see not_loaded).
  explicit FakeEdge(std::map<std::string, std::string> files = {},
                    const std::function<bool(const std::string&)>& later = nullptr) {
    for (auto& [path, bytes] : files) (later && later(path) ? not_loaded : store.files)[path] = std::move(bytes);
    core.set_env({[this] { return clock; }, [this] { return "00000000-0000-4000-8000-" + pad(++ids); }});
    core.set_config_loader([](AppCore& app) {
      app.set_catalogue(pkgtest::example_catalogue());
      auto cal = WorkCalendar::from_json(read_data_json("domain/data/holidays-cn.json"));
      REQUIRE(cal.ok());
      app.set_calendar(std::move(cal.value()));
      auto pd = load_person_days_table(read_data_json("domain/data/person-days-example.json"));
      REQUIRE(pd.ok());
      app.set_person_days(std::move(pd.value()));
    });
    StoreIo io = store.io();
    io.pending = [this](const std::string& path) { return is_pending(path); };
    io.write = [this, write = io.write](const std::string& path, const std::string& content) {
      if (is_pending(path)) return pending_writes.push_back(path);
      write(path, content);
    };
    io.remove = [this, remove = io.remove](const std::string& path) {
      if (is_pending(path)) return pending_writes.push_back(path);
      remove(path);
    };
    core.attach_store(std::move(io));
    core.ensure_config();
  }

  bool is_pending(const std::string& path) const {
    if (path.empty() || path.back() != '/') return not_loaded.count(path) > 0;
    const auto it = not_loaded.lower_bound(path);
    return it != not_loaded.end() && it->first.rfind(path, 0) == 0;
  }
  // Puts a case's files ("": every pending file) into the file system, as js/store_load.js does.
  void arrive(const std::string& case_id) {
    for (auto it = not_loaded.begin(); it != not_loaded.end();) {
      const std::string& path = it->first;
      if (case_id.empty() || path == "cases/" + case_id + ".json" || path.rfind("cases/" + case_id + "/", 0) == 0) {
        store.files[path] = std::move(it->second);
        it = not_loaded.erase(it);
      } else {
        ++it;
      }
    }
  }
  // Files held back arrive (hold_case_loads): FilesArrived, its effects run, then a frame — the
  // browser draws one after certdesk_store_arrived, and a waiting operation runs after it.
  void deliver(const std::string& case_id = "") {
    arrive(case_id);
    core.on(FilesArrived{});
    settle();
    frame();
  }

  static std::string pad(int n) {
    std::string s = std::to_string(n);
    return std::string(12 - s.size(), '0') + s;
  }

  // Runs every effect, and every effect their results cause, until the core asks for nothing.
  void settle() {
    std::deque<EdgeResult> results;
    for (int round = 0; round < 100; ++round) {
      for (Effect& e : core.take_effects()) {
        if (auto* h = std::get_if<HashBlobs>(&e)) {
          HashesDone done{h->op, {}, ""};
          for (std::string_view b : h->blobs) done.hashes.push_back(sha256_hex_openssl(b));
          hashed_blobs += static_cast<int>(h->blobs.size());
          results.push_back(std::move(done));
        } else if (auto* d = std::get_if<OfferDownload>(&e)) {
          downloads.push_back(std::move(*d));
        } else if (auto* p = std::get_if<PickFiles>(&e)) {
          picks.push_back(std::move(*p));
        } else if (auto* w = std::get_if<OpenPrintWindow>(&e)) {
          prints.push_back(*w);
          results.push_back(PrintOpened{w->op, !block_print_windows});
        } else if (auto* l = std::get_if<LoadCaseFiles>(&e)) {
          loads.push_back(l->case_id);
          if (hold_case_loads) continue;
          arrive(l->case_id);
          results.push_back(FilesArrived{});
        }
      }
      if (results.empty()) return;
      core.on(std::move(results.front()));
      results.pop_front();
    }
    FAIL("the core kept asking for effects");
  }

  // The test hook's path (as the browser's window.certdesk.dispatch), effects run.
  json dispatch(const json& command) {
    json r = core.dispatch(command);
    settle();
    return r;
  }
  // A command that must be accepted.
  void ok(const json& command) {
    const json r = dispatch(command);
    INFO(command.dump() << " → " << r.dump());
    REQUIRE(r.value("ok", false));
  }
  // A case command through the hook (tests/e2e/harness.mjs caseStep) that must be accepted.
  void step(const std::string& case_id, const json& command) {
    ok({{"type", "CaseCommand"}, {"case_id", case_id}, {"command", command}});
  }
  // Answers the file picker the last request opened (its purpose must be `purpose`).
  void pick(const std::string& purpose, const std::string& name, const std::string& media_type, std::string bytes) {
    REQUIRE(!picks.empty());
    CHECK(picks.back().purpose == purpose);
    core.on(FilePicked{picks.back().purpose, name, media_type, std::move(bytes)});
    settle();
  }
  // A frame of the screen without drawing: the panels' queued commands applied.
  void frame() {
    core.begin_frame();
    core.end_frame();
    settle();
  }
  json state() const { return core.state_json(); }
  std::string info() const { return core.ui().info; }
  std::string error() const { return core.ui().last_error; }
  const OfferDownload& last_download() const {
    REQUIRE(!downloads.empty());
    return downloads.back();
  }
};

// An application package as an applicant's app writes it (the domain's export, real SHA-256).
inline std::string package_text(const std::string& id = "5f0c6a4e-2b1d-4c8e-9a7f-3e2d1c0b9a88") {
  const Catalogue cat = pkgtest::example_catalogue();
  const package::Sha256Fn sha = [](std::string_view b) { return sha256_hex_openssl(b); };
  pkgtest::Sample s = pkgtest::complete_sample(cat, sha);
  package::Header h = pkgtest::header();
  h.package_id = id;
  auto pending = package::prepare_export(h, s.draft, s.data, cat);
  REQUIRE(pending.ok());
  std::vector<std::string> hashes;
  for (std::string_view b : pending.value().blobs()) hashes.push_back(sha256_hex_openssl(b));
  auto text = package::finish_export(std::move(pending.value()), hashes);
  REQUIRE(text.ok());
  return text.value();
}

inline void as_body_staff(FakeEdge& e, std::initializer_list<const char*> roles) {
  e.ok({{"type", "SetMode"}, {"mode", "body"}});
  e.ok({{"type", "SetProfileName"}, {"name", "王质控"}});
  for (const char* r : roles) e.ok({{"type", "SetProfileRole"}, {"role", r}, {"held", true}});
}

// A body whose staff holds `roles`, with one case imported from package_text() through the picker.
inline std::string body_with_case(FakeEdge& body, std::initializer_list<const char*> roles) {
  as_body_staff(body, roles);
  body.ok({{"type", "ImportPackage"}});
  body.pick("import", "申请包.json", "application/json", package_text());
  INFO(body.error());
  const json cases = body.state()["cases"];
  REQUIRE(cases.size() == 1);
  return cases[0]["id"].get<std::string>();
}

// Whether `text` is an application package the domain's import accepts, with OpenSSL's hashes.
inline bool package_verifies(const std::string& text) {
  auto pending = package::prepare_import(text, {pkgtest::example_catalogue()});
  if (!pending.ok()) return false;
  std::vector<std::string> hashes;
  for (std::string_view b : pending.value().blobs()) hashes.push_back(sha256_hex_openssl(b));
  return package::finish_import(std::move(pending.value()), hashes).ok();
}

}  // namespace coretest
