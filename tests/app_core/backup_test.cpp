// The app core's backup flows, natively, through the fake edge (issue 16, issue 8 items 6 and 8):
// a full backup downloaded as an archive and restored into a fresh app through the picker; a
// damaged archive refused with nothing written; a case archive downloaded and recorded.
#include "tests/app_core/fake_edge.hpp"

using namespace coretest;

namespace {

// The store's files but the case summaries (derived from the cases, not in a backup).
std::map<std::string, std::string> without_summaries(std::map<std::string, std::string> files) {
  std::erase_if(files, [](const auto& f) { return f.first.rfind("summaries/", 0) == 0; });
  return files;
}

// The archive's digest, recomputed as the format defines it: SHA-256 of the archive without
// "digest", keys sorted, compact (tests/e2e/backup.test.mjs checks the browser's the same way).
std::string recomputed_digest(json archive) {
  archive.erase("digest");
  return sha256_hex_openssl(archive.dump());
}

// Restores `archive` into `edge` through the picker.
void restore(FakeEdge& edge, const std::string& archive) {
  edge.ok({{"type", "Restore"}});
  REQUIRE(!edge.picks.empty());
  CHECK(edge.picks.back().accept == ".json,application/json");
  edge.pick("restore", "备份.json", "application/json", archive);
}

}  // namespace

TEST_CASE("backup: the body's store as an archive, restored into a fresh app through the picker") {
  FakeEdge body;
  const std::string case_id = body_with_case(body, {"marketing"});
  body.ok({{"type", "SetProfileNote"}, {"note", "备份前的备注：审核部 3 楼"}});
  const auto original = body.store.files;
  REQUIRE(original.count("cases/" + case_id + ".json") == 1);
  REQUIRE(original.count("cases/" + case_id + "/att/att-1") == 1);

  body.ok({{"type", "Backup"}});
  const OfferDownload& out = body.last_download();
  CHECK(out.name == "certdesk-备份-2026-03-02.json");
  CHECK(out.media_type == "application/json");
  CHECK(!body.core.busy());
  // Every file of the store but the summaries, each with its SHA-256, and the digest over all.
  const json a = json::parse(out.bytes);
  CHECK(a["format"] == "certdesk-backup");
  CHECK(a["scope"] == "store");
  std::map<std::string, std::string> listed;
  for (const json& f : a["files"]) listed[f["path"].get<std::string>()] = f["sha256"].get<std::string>();
  std::map<std::string, std::string> expected;
  for (const auto& [path, bytes] : without_summaries(original)) expected[path] = sha256_hex_openssl(bytes);
  CHECK(listed == expected);
  CHECK(a["digest"] == recomputed_digest(a));
  CHECK(body.info() == "已导出完整备份“" + out.name + "”（摘要 " + a["digest"].get<std::string>().substr(0, 16) +
                           "…），请在浏览器的下载中查看并妥善保存。");
  CHECK(body.store.files == original);  // a backup writes nothing

  // A fresh app, before anyone chose a mode: the archive brings back the case and the profile.
  FakeEdge fresh;
  CHECK(fresh.state()["model"]["mode"] == "");
  restore(fresh, out.bytes);
  INFO(fresh.error());
  CHECK(fresh.error().empty());
  CHECK(fresh.info().rfind("已从备份恢复：", 0) == 0);
  CHECK(fresh.info().find("新增案件 1 件") != std::string::npos);
  CHECK(fresh.info().find("冲突 0 个") != std::string::npos);
  const json s = fresh.state();
  CHECK(s["model"]["mode"] == "body");
  CHECK(s["model"]["profile"]["name"] == "王质控");
  CHECK(s["model"]["profile"]["note"] == "备份前的备注：审核部 3 楼");
  REQUIRE(s["cases"].size() == 1);
  CHECK(s["cases"][0]["id"] == case_id);
  CHECK(s["cases"][0]["organisation"] == "北京安信网络科技有限公司");
  CHECK(s["cases"][0]["attachments"] == 2);
  CHECK(s["data"]["lastRestore"]["conflicts"].empty());
  CHECK(without_summaries(fresh.store.files) == without_summaries(original));
}

TEST_CASE("backup: a damaged archive is refused with the reason and nothing is written") {
  FakeEdge body;
  body_with_case(body, {"marketing"});
  body.ok({{"type", "Backup"}});
  const std::string archive = body.last_download().bytes;

  // A store with its own case, to see that nothing of it changes.
  FakeEdge other;
  body_with_case(other, {"marketing"});
  other.ok({{"type", "SetProfileName"}, {"name", "王芳"}});
  const auto before = other.store.files;
  const json cases = other.state()["cases"];

  SUBCASE("the archive's own fields changed: the digest does not match") {
    json j = json::parse(archive);
    j["created_at"] = "2026-03-01T10:00:00+08:00";
    restore(other, j.dump(1));
    CHECK(other.error() == "备份未恢复，未做任何修改：digest: 备份的内容摘要不符，备份已被改动或损坏（INTEGRITY）");
  }
  SUBCASE("a file's content changed: its SHA-256 does not match") {
    std::string text = archive;
    const std::size_t at = text.find("王质控");
    REQUIRE(at != std::string::npos);
    text.replace(at, std::string("王质控").size(), "李质控");
    restore(other, text);
    CHECK(other.error().rfind("备份未恢复，未做任何修改：", 0) == 0);
    CHECK(other.error().find("的 SHA-256 校验值不符，备份已被改动或损坏") != std::string::npos);
  }
  SUBCASE("not JSON at all") {
    restore(other, "不是 JSON");
    CHECK(other.error().rfind("备份未恢复，未做任何修改：", 0) == 0);
    CHECK(other.error().find("不是有效的 JSON") != std::string::npos);
  }
  CHECK(other.info().empty());
  CHECK(!other.core.busy());
  CHECK(other.store.files == before);
  CHECK(other.state()["cases"] == cases);
  CHECK(other.state()["model"]["profile"]["name"] == "王芳");
}

TEST_CASE("backup: a case archive is downloaded and recorded; it restores as that case alone") {
  FakeEdge body;
  const std::string case_id = body_with_case(body, {"marketing"});
  CHECK(body.state()["data"]["cases"][0]["archived"] == false);

  // An unknown case: refused by its number, nothing downloaded.
  const json unknown = body.dispatch({{"type", "ArchiveCase"}, {"case", "C2099-999"}});
  CHECK_FALSE(unknown.value("ok", true));
  CHECK(body.error() == "案件编号“C2099-999”不存在");
  CHECK(body.downloads.empty());

  body.ok({{"type", "ArchiveCase"}, {"case", case_id}});
  const OfferDownload& out = body.last_download();
  CHECK(out.name == "certdesk-案件存档-" + case_id + "-2026-03-02.json");
  CHECK(out.media_type == "application/json");
  const json a = json::parse(out.bytes);
  CHECK(a["scope"] == "case");
  CHECK(a["case_id"] == case_id);
  CHECK(a["files"].size() == 4);  // the index entry, the case file, two attachments
  CHECK(a["digest"] == recomputed_digest(a));
  const std::string digest = a["digest"];
  CHECK(body.info() == "已导出案件 " + case_id + " 的存档“" + out.name + "”（摘要 " + digest.substr(0, 16) +
                           "…），并记入存档记录。请妥善保存该文件。");
  // Recorded: the log in the store, and the data panel's view of it.
  REQUIRE(body.store.files.count("records/archives.json") == 1);
  CHECK(body.store.files.at("records/archives.json").find(digest) != std::string::npos);
  const json data = body.state()["data"];
  REQUIRE(data["archives"].size() == 1);
  CHECK(data["archives"][0]["case"] == case_id);
  CHECK(data["archives"][0]["file"] == out.name);
  CHECK(data["archives"][0]["digest"] == digest);
  CHECK(data["cases"][0]["archived"] == true);

  FakeEdge fresh;
  restore(fresh, out.bytes);
  INFO(fresh.error());
  CHECK(fresh.info().find("新增案件 1 件") != std::string::npos);
  REQUIRE(fresh.state()["cases"].size() == 1);
  CHECK(fresh.state()["cases"][0]["id"] == case_id);
  CHECK(fresh.store.files.at("cases/" + case_id + ".json") == body.store.files.at("cases/" + case_id + ".json"));
}
