// The app core's removal of a case under R11 (§7), natively, through the fake edge (issue 16,
// issue 8 item 8): refused while the case is open, before its retention has ended and without an
// archive — each with its message and nothing removed; once all three hold, the case's files go
// and the removal is logged. The edge's clock moves the days.
#include "tests/app_core/fake_edge.hpp"

using namespace coretest;

namespace {

// RemoveCase that must be refused: the message, with the store and the cases as they were.
std::string refused_removal(FakeEdge& body, const std::string& case_id) {
  const auto files = body.store.files;
  const json cases = body.state()["cases"];
  const json r = body.dispatch({{"type", "RemoveCase"}, {"case", case_id}});
  CHECK_FALSE(r.value("ok", true));
  CHECK(r.value("message", "") == body.error());
  CHECK(body.info().empty());
  CHECK(body.store.files == files);
  CHECK(body.state()["cases"] == cases);
  CHECK(body.store.files.count(kRemovalLogFile) == 0);
  return body.error();
}

}  // namespace

TEST_CASE("R11: removal is refused while the case must be kept and done, logged, once its retention has ended") {
  FakeEdge body;
  const std::string case_id = body_with_case(body, {"quality_control", "marketing"});
  // A second case, which the removal must leave alone.
  body.ok({{"type", "ImportPackage"}});
  body.pick("import", "申请包2.json", "application/json", package_text("6a1d7b5f-3c2e-4d9f-8b80-4f3e2d1c0b99"));
  REQUIRE(body.state()["cases"].size() == 2);
  const std::string other = body.state()["cases"][1]["id"];
  CHECK(other != case_id);

  // An open case (application received) is never removable, however late.
  body.clock = "2040-01-01T09:00:00+08:00";
  CHECK(refused_removal(body, case_id) == "不能删除：案件 " + case_id +
                                              " 尚未关闭（认证周期仍在进行，或证书有效、暂停中），其记录须保存，不能删除（R11 §7）");
  // An unknown case is named.
  const json unknown = body.dispatch({{"type", "RemoveCase"}, {"case", "C2099-999"}});
  CHECK_FALSE(unknown.value("ok", true));
  CHECK(body.error() == "案件编号“C2099-999”不存在");

  // Rejected on 2026-03-05: the cycle closes, the records are kept three years from that day.
  body.clock = "2026-03-05T10:00:00+08:00";
  body.step(case_id, {{"type", "RejectApplication"}, {"reasons", "不符合资质条件"}});
  const auto row = [&] {
    const json data = body.state()["data"];  // kept: a range over a temporary's member would dangle
    for (const json& c : data["cases"])
      if (c["id"] == case_id) return c;
    FAIL("no data row for " << case_id);
    return json();
  };
  CHECK(row()["closed"] == true);
  CHECK(row()["retentionEnds"] == "2029-03-05");
  CHECK(row()["removable"] == false);

  // On the last day of the retention: still refused, with the date.
  body.clock = "2029-03-05T10:00:00+08:00";
  CHECK(refused_removal(body, case_id) == "不能删除：案件 " + case_id +
                                              " 的记录须保存至 2029-03-05（自最后一项记录起 3 年），保存期满前不能删除（R11 §7）");
  // The day after, but without an archive: refused, saying what to do.
  body.clock = "2029-03-06T09:00:00+08:00";
  CHECK(refused_removal(body, case_id).find("尚无覆盖全部记录的存档：请先“导出案件存档”并妥善保存，再删除（R11 §7）") !=
        std::string::npos);

  // With the case's archive exported but not checked (issue 17 item 6: the download may have been
  // cancelled or the file lost): refused, saying what to do.
  body.ok({{"type", "ArchiveCase"}, {"case", case_id}});
  const std::string archive = body.last_download().name;
  const std::string archive_bytes = body.last_download().bytes;
  const std::string digest = json::parse(archive_bytes)["digest"];
  CHECK(row()["archived"] == true);
  CHECK(row()["verified"] == false);
  CHECK(row()["removable"] == false);
  CHECK(refused_removal(body, case_id).find("尚未核对：请点“核对存档…”选择保存下来的存档文件") != std::string::npos);
  // The check refuses a damaged file, another case's archive and a whole backup, changing nothing.
  const auto check_refused = [&](const std::string& bytes, const std::string& words) {
    const auto files = body.store.files;
    body.ok({{"type", "VerifyArchive"}, {"case", case_id}});
    body.pick("verify-archive:" + case_id, archive, "application/json", bytes);
    INFO(body.error());
    CHECK(body.error().find(words) != std::string::npos);
    CHECK(body.store.files == files);
    CHECK(row()["verified"] == false);
  };
  std::string tampered = archive_bytes;
  tampered.replace(tampered.find("北京安信"), 6, "南京");
  check_refused(tampered, "存档核对未通过");
  check_refused(archive_bytes.substr(0, archive_bytes.size() / 2), "存档核对未通过");
  body.ok({{"type", "ArchiveCase"}, {"case", other}});
  check_refused(body.last_download().bytes, "不是案件 " + case_id + " 的存档（是案件 " + other + " 的）");
  body.ok({{"type", "Backup"}});
  check_refused(body.last_download().bytes, "（是完整备份）");
  // The saved file, read back: checked, recorded; now the case may go.
  body.ok({{"type", "VerifyArchive"}, {"case", case_id}});
  body.pick("verify-archive:" + case_id, archive, "application/json", archive_bytes);
  INFO(body.error());
  CHECK(body.info().find("已核对案件 " + case_id + " 的存档") == 0);
  CHECK(row()["verified"] == true);
  CHECK(row()["removable"] == true);
  const std::string other_file = body.store.files.at("cases/" + other + ".json");
  body.clock = "2029-03-06T09:30:00+08:00";
  body.ok({{"type", "RemoveCase"}, {"case", case_id}});
  INFO(body.error());
  CHECK(body.info() == "已删除案件 " + case_id + "（北京安信网络科技有限公司）的全部数据；删除已记入删除记录（" +
                           std::string(kRemovalLogFile) + "），对应存档“" + archive + "”。");
  for (const auto& [path, bytes] : body.store.files) {
    INFO(path);
    CHECK(path.find(case_id) == std::string::npos);
  }
  CHECK(body.store.files.at("cases/" + other + ".json") == other_file);
  const json cases = body.state()["cases"];
  REQUIRE(cases.size() == 1);
  CHECK(cases[0]["id"] == other);
  REQUIRE(body.store.files.count(kRemovalLogFile) == 1);
  const json log = json::parse(body.store.files.at(kRemovalLogFile));
  REQUIRE(log["removals"].size() == 1);
  const json& entry = log["removals"][0];
  CHECK(entry["case_id"] == case_id);
  CHECK(entry["organisation"] == "北京安信网络科技有限公司");
  CHECK(entry["by"] == "王质控");
  CHECK(entry["at"] == "2029-03-06T09:30:00+08:00");
  CHECK(entry["retention_ended_on"] == "2029-03-05");
  CHECK(entry["archive_file"] == archive);
  CHECK(entry["archive_digest"] == digest);

  // Restoring the archive does not bring the removed case back (the log says it was removed).
  body.ok({{"type", "Restore"}});
  body.pick("restore", archive, "application/json", body.downloads.back().bytes);
  CHECK(body.state()["cases"].size() == 1);
  CHECK(body.store.files.count("cases/" + case_id + ".json") == 0);
  CHECK(body.info().find("以下案件已按 R11 从本机删除（见删除记录），未恢复： " + case_id) != std::string::npos);
}
