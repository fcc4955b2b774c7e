// The store layout: first start, round trip, damaged files and newer versions change nothing.
#include <doctest/doctest.h>

#include <map>

#include "tests/ui/memory_store.hpp"
#include "ui/data/store_files.hpp"
#include "ui/shell/store.hpp"

using namespace certdesk::ui;

TEST_CASE("an empty store gets its meta file and loads as empty") {
  MemoryStore s;
  AppModel m;
  REQUIRE(load_store(s.io(), m).ok());
  REQUIRE(s.files.count(kStoreMetaFile) == 1);
  CHECK(nlohmann::json::parse(s.files[kStoreMetaFile])["format_version"] == kStoreFormatVersion);
  CHECK(m.profile.name.empty());
}

TEST_CASE("the profile round-trips through the store") {
  MemoryStore s;
  AppModel m;
  REQUIRE(load_store(s.io(), m).ok());
  REQUIRE(apply_command(m, SetProfileName{"李四"}).ok());
  REQUIRE(apply_command(m, SetProfileRole{"reviewer", true}).ok());
  REQUIRE(apply_command(m, SetProfileNote{"第一行\n第二行"}).ok());
  s.files[kProfileFile] = profile_file(m);
  AppModel loaded;
  REQUIRE(load_store(s.io(), loaded).ok());
  CHECK(loaded.profile.name == "李四");
  CHECK(loaded.profile.roles == std::vector<std::string>{"reviewer"});
  CHECK(loaded.profile.note == "第一行\n第二行");
}

TEST_CASE("a damaged or newer store is refused and nothing changes") {
  MemoryStore s;
  s.files[kStoreMetaFile] = meta_file();
  s.files[kProfileFile] = "{\"name\": \"半截";
  AppModel m;
  m.profile.name = "原值";
  auto r = load_store(s.io(), m);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().field == kProfileFile);
  CHECK(m.profile.name == "原值");

  s.files[kProfileFile] = R"({"name":"x","roles":["king"]})";
  r = load_store(s.io(), m);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message_zh.find("未知角色") != std::string::npos);
  CHECK(m.profile.name == "原值");

  s.files[kStoreMetaFile] = R"({"format":"certdesk-store","format_version":99})";
  auto before = s.files;
  r = load_store(s.io(), m);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message_zh.find("更新版本") != std::string::npos);
  CHECK(s.files == before);

  s.files[kStoreMetaFile] = R"({"format":"something-else","format_version":1})";
  CHECK_FALSE(load_store(s.io(), m).ok());
}

// Found by reader_fuzz (issue 17 item 7): a case file whose history starts with an event that
// needs an application (here the acceptance notice's ReviewApproved) crashed the fold at start.
// The store's reader refuses it, naming the file's field, so the file is set aside instead.
TEST_CASE("a case file whose history does not fit together is refused by its reader") {
  const std::string bad =
      R"({"history":{"schema":1,"events":[{"type":"ReviewApproved","actor":"div","on":"2025-01-09","quote":30000.0}]},)"
      R"("attachments":[],"package_id":"pkg-1"})";
  auto r = check_store_file("cases/C2026-001.json", bad);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().rule == "INPUT");
  CHECK(r.error().field == "history.events[0]");
  CHECK(r.error().message_zh.find("ReviewApproved") != std::string::npos);
}
