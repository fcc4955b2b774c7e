// Issue 17 items 1 and 2, natively through the fake edge: a store with any kind of file damaged —
// a member of the wrong type, null, truncated JSON, an unknown version, a file missing — starts;
// the damaged file is moved to the quarantine byte for byte with its reason, the banner's list
// names it, 数据与备份 lists it and offers it for download, and every other case works.
#include "tests/app_core/fake_edge.hpp"

using namespace coretest;

namespace {

// A body's store with two cases, an archive of one, a sent notice's log and its settings saved.
std::map<std::string, std::string> full_store() {
  FakeEdge body;
  const std::string first = body_with_case(body, {"quality_control", "marketing"});
  body.ok({{"type", "ImportPackage"}});
  body.pick("import", "申请包2.json", "application/json", package_text("6a1d7b5f-3c2e-4d9f-8b80-4f3e2d1c0b99"));
  body.ok({{"type", "ArchiveCase"}, {"case", first}});
  body.store.files[kRemovalLogFile] = R"({"removals":[{"case_id":"C2025-001","by":"王质控"}]})";
  body.store.files[kSentNoticesFile] = R"({"version":1,"sent":[]})";
  body.store.files[kNoticeInboxFile] = R"({"version":1,"notices":[]})";
  body.store.files[config_file(ConfigPart::Settings)] =
      config_json(BodyConfig{}, ConfigPart::Settings).dump(1);
  REQUIRE(body.store.files.count(kArchiveLogFile) == 1);
  REQUIRE(body.store.files.count(kProfileFile) == 1);
  return body.store.files;
}

// The first top-level member's value replaced by a number (an object file) — text where a
// list or text is expected, as a hand-edited or foreign file has it.
std::string wrong_type(const std::string& text) {
  json j = json::parse(text);
  REQUIRE(j.is_object());
  REQUIRE(!j.empty());
  std::string key = j.begin().key();
  if (key == "version" || key == "format") key = std::next(j.begin()).key();
  j[key] = 12345;
  return j.dump();
}

std::string with_version(const std::string& text, const char* member, int v) {
  json j = json::parse(text);
  j[member] = v;
  return j.dump();
}

}  // namespace

TEST_CASE("a damaged file of any kind is set aside byte for byte; the app starts and the rest works") {
  const auto store = full_store();
  const std::string first = "C2026-001", second = "C2026-002";
  const std::vector<std::string> kinds = {kProfileFile, kCaseIndexFile, case_file(first), kArchiveLogFile,
                                          kRemovalLogFile, kSentNoticesFile, kNoticeInboxFile,
                                          config_file(ConfigPart::Settings)};
  for (const std::string& path : kinds) {
    REQUIRE(store.count(path) == 1);
    const std::string& good = store.at(path);
    std::vector<std::pair<std::string, std::string>> variants = {
        {"wrong type", wrong_type(good)}, {"null", "null"}, {"truncated", good.substr(0, good.size() / 2)}};
    if (path == kSentNoticesFile || path == kNoticeInboxFile) variants.push_back({"unknown version", with_version(good, "version", 9)});
    for (const auto& [variant, bytes] : variants) {
      CAPTURE(path);
      CAPTURE(variant);
      auto files = store;
      files[path] = bytes;
      FakeEdge e(files);
      e.frame();
      const json st = e.state();
      CHECK(st["shell"]["storeError"] == "");
      // Moved aside byte for byte, with its reason, and no longer where it was.
      const std::string aside = std::string(kQuarantineDir) + "20260302T100000/" + path;
      REQUIRE(e.store.files.count(aside) == 1);
      CHECK(e.store.files.at(aside) == bytes);
      CHECK(e.store.files.count(path) == 0);
      CHECK(!e.store.files.at(aside + kReasonSuffix).empty());
      // The banner's list and 数据与备份's list name it.
      REQUIRE(st["shell"]["setAside"].size() == 1);
      CHECK(st["shell"]["setAside"][0]["path"] == path);
      const std::string reason = st["shell"]["setAside"][0]["reason"];
      CHECK(!reason.empty());
      REQUIRE(st["data"]["quarantine"].size() == 1);
      CHECK(st["data"]["quarantine"][0]["original"] == path);
      CHECK(st["data"]["quarantine"][0]["reason"] == (path == case_file(first) ? e.store.files.at(aside + kReasonSuffix) : reason));
      // Offered for download as it was.
      e.ok({{"type", "DownloadQuarantined"}, {"file", aside}});
      CHECK(e.last_download().bytes == bytes);
      // Every other case works: the second case opens and takes a command.
      if (path != kCaseIndexFile) {
        const json cases = st["cases"];
        REQUIRE(cases.size() == 2);
        // Without its profile the user chooses again who they are (the mode is kept there).
        if (path == kProfileFile) as_body_staff(e, {"quality_control", "marketing"});
        e.ok({{"type", "OpenCase"}, {"case_id", second}});
        e.step(second, {{"type", "RejectApplication"}, {"reasons", "不符合资质条件"}});
      }
      // A case whose own file was set aside is listed as such, with its problem.
      if (path == case_file(first)) {
        const json board = e.state()["board"];
        bool listed = false;
        for (const json& r : board["rows"])
          if (r["id"] == first) listed = r["problem"].get<std::string>().find(path) == 0;
        CHECK(listed);
      }
      // The next start finds nothing more to set aside, and keeps the quarantine.
      FakeEdge again(e.store.files);
      again.frame();
      CHECK(again.state()["shell"]["setAside"].empty());
      CHECK(again.state()["data"]["quarantine"].size() == 1);
    }
  }
}

TEST_CASE("a case file missing from the store: the case is listed as such, the others work, nothing is moved") {
  auto files = full_store();
  files.erase(case_file("C2026-001"));
  FakeEdge e(files);
  e.frame();
  const json st = e.state();
  CHECK(st["shell"]["storeError"] == "");
  CHECK(st["shell"]["setAside"].empty());
  bool listed = false;
  for (const json& r : st["board"]["rows"])
    if (r["id"] == "C2026-001") listed = r["problem"] == "cases/C2026-001.json: 案件文件缺失";
  CHECK(listed);
  e.step("C2026-002", {{"type", "RejectApplication"}, {"reasons", "不符合资质条件"}});
}

TEST_CASE("a store from a later version is not set aside: it starts read-only and says so, nothing written") {
  auto files = full_store();
  files[kStoreMetaFile] = with_version(files[kStoreMetaFile], "format_version", 3);
  FakeEdge e(files);
  e.frame();
  CHECK(e.state()["shell"]["storeError"].get<std::string>().find("更新版本") != std::string::npos);
  CHECK(e.store.files == files);
  const json r = e.dispatch({{"type", "SetProfileName"}, {"name", "新名字"}});
  CHECK_FALSE(r.value("ok", true));
  CHECK(e.store.files == files);
}

TEST_CASE("a damaged meta file is set aside and a new one written; the profile and cases still load") {
  auto files = full_store();
  files[kStoreMetaFile] = "{\"format\": 7}";
  FakeEdge e(files);
  e.frame();
  const json st = e.state();
  CHECK(st["shell"]["storeError"] == "");
  CHECK(st["model"]["profile"]["name"] == "王质控");
  CHECK(st["cases"].size() == 2);
  CHECK(e.store.files.at(std::string(kQuarantineDir) + "20260302T100000/meta.json") == "{\"format\": 7}");
  CHECK(e.store.files.at(kStoreMetaFile) == meta_file());
}

TEST_CASE("a case file that arrives after the first frame damaged: listed from its summary until read, then as set aside") {
  auto files = full_store();
  const std::string file = case_file("C2026-001");
  files[file] = files[file].substr(0, files[file].size() / 2);
  FakeEdge e(files, [&](const std::string& path) { return path == file; });
  e.frame();
  const auto row = [&] {
    const json board = e.state()["board"];
    for (const json& r : board["rows"])
      if (r["id"] == "C2026-001") return r;
    FAIL("no row");
    return json();
  };
  CHECK(row()["problem"] == "");  // pending: its stored summary stands in for it
  e.arrive("");
  e.core.on(FilesArrived{});
  e.settle();
  for (int i = 0; i < 5; ++i) e.frame();  // read a slice per frame, set aside, the board refreshed
  CHECK(row()["problem"].get<std::string>().find(file) == 0);
  CHECK(e.store.files.count(file) == 0);
  CHECK(e.store.files.count(std::string(kQuarantineDir) + "20260302T100000/" + file) == 1);
  REQUIRE(e.state()["shell"]["setAside"].size() == 1);
  CHECK(e.state()["shell"]["setAside"][0]["path"] == file);
}

TEST_CASE("a profile the UI would refuse (an unknown role) is set aside, not a reason to refuse the whole store") {
  auto files = full_store();
  files[kProfileFile] = R"({"name":"王质控","roles":["king"],"mode":"body"})";
  FakeEdge e(files);
  e.frame();
  const json st = e.state();
  CHECK(st["shell"]["storeError"] == "");
  REQUIRE(st["shell"]["setAside"].size() == 1);
  CHECK(st["shell"]["setAside"][0]["path"] == kProfileFile);
  CHECK(st["shell"]["setAside"][0]["reason"].get<std::string>().find("king") != std::string::npos);
  CHECK(e.store.files.at(std::string(kQuarantineDir) + "20260302T100000/" + kProfileFile) == files[kProfileFile]);
  // The user says again who they are; their cases are all there.
  as_body_staff(e, {"quality_control", "marketing"});
  CHECK(e.state()["cases"].size() == 2);
}
