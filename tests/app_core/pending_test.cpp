// Cases whose files arrive after the start (issue 8), natively through the fake edge: the store's
// case files are in IndexedDB but not yet in the file system (StoreIo::pending). Such a case is
// listed from its summary, opening it asks the edge for its files (LoadCaseFiles), an operation
// that needs it waits (正在载入案件数据…) and runs once they arrive; a case command on it is
// refused; nothing pending is read as absent, written or removed.
#include "tests/app_core/fake_edge.hpp"

using namespace coretest;

namespace {

// What js/store_load.js defers to after the first frame: everything under cases/ but the index.
bool case_files(const std::string& path) { return path.rfind("cases/", 0) == 0 && path != kCaseIndexFile; }

// A body's store with `n` cases imported through the picker (their ids in `ids`).
std::map<std::string, std::string> body_store(int n, std::vector<std::string>& ids) {
  FakeEdge body;
  ids.push_back(body_with_case(body, {"quality_control", "marketing"}));
  const char* more[] = {"6a1d7b5f-3c2e-4d9f-8b80-4f3e2d1c0b99", "7b2e8c60-4d3f-4e0a-9c91-5a4f3e2d1caa"};
  for (int i = 1; i < n; ++i) {
    body.ok({{"type", "ImportPackage"}});
    body.pick("import", "申请包.json", "application/json", package_text(more[i - 1]));
    ids.push_back(body.state()["cases"][i]["id"].get<std::string>());
  }
  body.frame();  // summaries as the board keeps them
  return body.store.files;
}

// The store's files but those still pending, as the file system holds them at the start.
std::map<std::string, std::string> loaded_part(const std::map<std::string, std::string>& files) {
  std::map<std::string, std::string> out;
  for (const auto& [path, bytes] : files)
    if (!case_files(path)) out[path] = bytes;
  return out;
}

}  // namespace

TEST_CASE("pending: a case whose files come later is listed, opened, and waited for — never read as absent") {
  std::vector<std::string> ids;
  const auto files = body_store(1, ids);
  const std::string id = ids[0];
  REQUIRE(files.count("cases/" + id + ".json") == 1);
  REQUIRE(files.count("cases/" + id + "/att/att-2") == 1);

  FakeEdge body(files, case_files);
  body.hold_case_loads = true;
  REQUIRE(body.not_loaded.size() == 3);  // the case file and its two attachments
  // Loaded without its file (not "案件文件缺失"): listed from its stored summary, marked pending.
  CHECK(body.core.shell().store_error.empty());
  const json cases = body.state()["cases"];
  REQUIRE(cases.size() == 1);
  CHECK(cases[0]["id"] == id);
  CHECK(cases[0]["pending"] == true);
  CHECK(cases[0]["organisation"] == "北京安信网络科技有限公司");
  CHECK(cases[0]["attachments"] == 2);
  body.frame();
  body.frame();
  CHECK(body.store.files == loaded_part(files));  // frames write nothing
  CHECK(body.loads.empty());  // nobody asked for it yet

  // Opening it asks the edge for this case's files.
  body.ok({{"type", "OpenCase"}, {"case_id", id}});
  REQUIRE(body.loads.size() == 1);
  CHECK(body.loads[0] == id);
  CHECK(body.state()["model"]["openCase"] == id);

  // A case command on it is refused, never decided on an empty history; its files are asked for.
  const json r = body.dispatch({{"type", "CaseCommand"}, {"case_id", id},
                                {"command", {{"type", "RejectApplication"}, {"reasons", "不符合资质条件"}}}});
  CHECK_FALSE(r.value("ok", true));
  CHECK(r["rule"] == "CASE-LOADING");
  CHECK(r["message"] == "正在载入案件数据…（案件 " + id + " 的记录尚未从浏览器存储中载入），请稍候");
  CHECK(body.loads.size() == 2);
  CHECK(body.loads.back() == id);

  SUBCASE("its archive waits for its files, then is made from them") {
    body.ok({{"type", "ArchiveCase"}, {"case", id}});
    CHECK(body.core.busy());
    CHECK(body.state()["busy"] == "正在载入案件数据…（案件 " + id + "），载入完成后继续");
    CHECK(body.loads.back() == id);
    CHECK(body.downloads.empty());
    CHECK(body.error().empty());  // not "文件在本机找不到"
    // While it waits, other operations are refused as busy; frames change nothing.
    const json busy = body.dispatch({{"type", "Backup"}});
    CHECK_FALSE(busy.value("ok", true));
    CHECK(busy["rule"] == "BUSY");
    body.frame();
    CHECK(body.core.busy());
    CHECK(body.downloads.empty());
    CHECK(body.store.files == loaded_part(files));

    body.deliver(id);
    CHECK(!body.core.busy());
    INFO(body.error());
    REQUIRE(body.downloads.size() == 1);
    const json a = json::parse(body.last_download().bytes);
    CHECK(a["case_id"] == id);
    CHECK(a["files"].size() == 4);  // the index entry, the case file, two attachments: all there
    CHECK(body.info().rfind("已导出案件 " + id + " 的存档", 0) == 0);
    CHECK(body.store.files.count("records/archives.json") == 1);
    CHECK(body.state()["cases"][0]["pending"] == false);
  }
  SUBCASE("a document of it waits, then downloads its bytes") {
    body.ok({{"type", "DownloadAttachment"}, {"case_id", id}, {"attachment_id", "att-2"}});
    CHECK(body.state()["busy"] == "正在载入案件数据…（案件 " + id + "），载入完成后继续");
    CHECK(body.downloads.empty());
    CHECK(body.error().empty());  // not "内容在本机找不到"
    body.deliver(id);
    CHECK(!body.core.busy());
    REQUIRE(body.downloads.size() == 1);
    CHECK(body.last_download().name == "营业执照.pdf");
    CHECK(body.last_download().bytes == files.at("cases/" + id + "/att/att-2"));
    CHECK(body.info() == "已下载附件“营业执照.pdf”。");
  }
  SUBCASE("once its files are there, the case command runs on its history") {
    body.deliver(id);
    body.step(id, {{"type", "RejectApplication"}, {"reasons", "不符合资质条件"}});
    CHECK(body.info().rfind("已办理：", 0) == 0);
    CHECK(body.store.files.at("cases/" + id + ".json") != files.at("cases/" + id + ".json"));
    CHECK(body.store.files.at("cases/" + id + ".json").find("不符合资质条件") != std::string::npos);
  }
  // Nothing pending was ever written or removed; the files that came are the stored ones.
  CHECK(body.pending_writes.empty());
  CHECK(body.store.files.at("cases/" + id + "/att/att-1") == files.at("cases/" + id + "/att/att-1"));
}

TEST_CASE("pending: a backup waits for every case, then holds every file as stored") {
  std::vector<std::string> ids;
  const auto files = body_store(2, ids);
  FakeEdge body(files, case_files);
  body.hold_case_loads = true;
  CHECK(body.state()["data"]["casesLoading"] == 2);

  body.ok({{"type", "Backup"}});
  CHECK(body.state()["busy"] == "正在载入案件数据…（还有 2 件），载入完成后继续");
  CHECK(body.downloads.empty());
  CHECK(body.loads.empty());  // the edge loads every case by itself; none is asked for ahead

  // One case arrives: still waiting, for the other.
  body.deliver(ids[0]);
  CHECK(body.state()["busy"] == "正在载入案件数据…（还有 1 件），载入完成后继续");
  CHECK(body.downloads.empty());
  CHECK(body.store.files == [&] {
    auto f = loaded_part(files);
    for (const auto& [path, bytes] : files)
      if (path.find(ids[0]) != std::string::npos) f[path] = bytes;
    return f;
  }());

  body.deliver(ids[1]);
  CHECK(!body.core.busy());
  INFO(body.error());
  REQUIRE(body.downloads.size() == 1);
  const json a = json::parse(body.last_download().bytes);
  std::map<std::string, std::string> listed, expected;
  for (const json& f : a["files"]) listed[f["path"].get<std::string>()] = f["sha256"].get<std::string>();
  for (const auto& [path, bytes] : files)
    if (path.rfind("summaries/", 0) != 0) expected[path] = sha256_hex_openssl(bytes);
  CHECK(listed == expected);  // both cases' files, none missing for having been pending
  CHECK(body.info().rfind("已导出完整备份", 0) == 0);
  CHECK(body.pending_writes.empty());
  CHECK(body.store.files == files);  // a backup writes nothing
}

TEST_CASE("pending: a restore waits for the cases, so a pending case is not taken for a missing one") {
  std::vector<std::string> ids;
  const auto files = body_store(1, ids);
  FakeEdge source(files);
  source.ok({{"type", "Backup"}});
  const std::string archive = source.last_download().bytes;

  FakeEdge body(files, case_files);
  body.hold_case_loads = true;
  body.ok({{"type", "Restore"}});
  body.pick("restore", "备份.json", "application/json", archive);
  CHECK(body.state()["busy"] == "正在载入案件数据…（还有 1 件），载入完成后继续");
  CHECK(body.store.files == loaded_part(files));
  CHECK(body.pending_writes.empty());

  body.deliver();
  CHECK(!body.core.busy());
  INFO(body.error());
  CHECK(body.error().empty());
  // The case was there all along: every file of the archive found here and the same.
  const std::size_t n = json::parse(archive)["files"].size();
  CHECK(body.info() == "备份中的 " + std::to_string(n) + " 个文件本机都已有且相同，未做任何修改。");
  CHECK(body.state()["cases"].size() == 1);
  CHECK(body.pending_writes.empty());
  for (const auto& [path, bytes] : files) {
    INFO(path);
    if (path.rfind("summaries/", 0) != 0) CHECK(body.store.files.at(path) == bytes);
  }
}
