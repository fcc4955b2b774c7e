// ui/data/app_backup.cpp — the app's data operations (issue 8 items 6 and 8): the whole store as a
// backup archive, restoring one by merging, a case's archive, and removing a case under R11.
// Hashing runs through the edge (HashBlobs: WebCrypto in the browser), in two rounds: each file, then the
// canonical content (ui/data/backup.hpp).
#include "ui/shell/app_core.hpp"

namespace certdesk::ui {

namespace {

std::string short_digest(const std::string& hex) { return hex.substr(0, 16) + "…"; }

}  // namespace

void AppCore::handle_data(const Request& r) {
  if (std::holds_alternative<RequestBackup>(r)) return backup_store();
  if (std::holds_alternative<RequestRestore>(r)) {
    pick_files("restore", ".json,application/json", false);
    return;
  }
  if (const auto* a = std::get_if<RequestArchiveCase>(&r)) return archive_case(a->case_id);
  if (const auto* d = std::get_if<RequestRemoveCase>(&r)) return remove_case_now(d->case_id);
  if (const auto* v = std::get_if<RequestVerifyArchive>(&r)) {
    if (!workspace_.find(v->case_id)) return void(ui_.last_error = "案件编号“" + v->case_id + "”不存在");
    pick_files("verify-archive:" + v->case_id, ".json,application/json", false);
  }
}

// Reloading replays the stored mode, which opens that mode's home screen: stay on this one.
void AppCore::reload_keeping_view() {
  const View before = model_.view;
  reload_store();
  ++config_.revision;  // the case board recomputes every row: the workspace was replaced
  if (model_.mode != Mode::Unset) (void)apply_command(model_, ShowView{before});
}

void AppCore::refresh_records() { archives_ = store_ ? read_archive_log(*store_) : std::vector<ArchiveRecord>{}; }

// An archive being made: the files until they are hashed, then the canonical content.
namespace {
struct ArchiveJob {
  PendingBackup files;
  std::string canonical;
};
}  // namespace

void AppCore::backup_store() {
  if (!store_) return;
  auto job = std::make_shared<ArchiveJob>();
  job->files = collect_store(*store_, now_iso());
  const std::string file = backup_file_name(today());
  pending_ = job;
  busy_ = "正在生成完整备份（计算 " + std::to_string(job->files.files.size()) + " 个文件的校验值）…";
  hash(job->files.blobs(), [this, job, file](std::vector<std::string> hashes, std::string error) {
    if (!error.empty()) return finish_operation("", "备份失败：" + error);
    job->canonical = backup_canonical(job->files, hashes);
    job->files.files.clear();  // the canonical content holds them now
    hash({std::string_view(job->canonical)}, [this, job, file](std::vector<std::string> digest, std::string error) {
      if (!error.empty() || digest.size() != 1) return finish_operation("", "备份失败：" + (error.empty() ? "摘要计算失败" : error));
      download(file, "application/json", backup_archive(job->canonical, digest[0]));
      finish_operation("已导出完整备份“" + file + "”（摘要 " + short_digest(digest[0]) +
                           "），请在浏览器的下载中查看并妥善保存。",
                       "");
    });
  });
}

void AppCore::archive_case(const std::string& case_id) {
  const CaseRecord* found = workspace_.find(case_id);
  if (!found) {
    ui_.last_error = "案件编号“" + case_id + "”不存在";
    return;
  }
  if (!store_) return;
  auto collected = collect_case(*store_, *found, now_iso());
  if (!collected) {
    ui_.last_error = "无法导出案件存档：" + collected.error().message_zh;
    return;
  }
  auto job = std::make_shared<ArchiveJob>();
  job->files = std::move(collected.value());
  const CaseRecord record = *found;  // as archived, whatever happens meanwhile
  const std::string file = case_archive_file_name(case_id, today());
  pending_ = job;
  busy_ = "正在导出案件 " + case_id + " 的存档（计算校验值）…";
  hash(job->files.blobs(), [this, job, file, record](std::vector<std::string> hashes, std::string error) {
    if (!error.empty()) return finish_operation("", "存档失败：" + error);
    job->canonical = backup_canonical(job->files, hashes);
    hash({std::string_view(job->canonical)},
                     [this, job, file, record](std::vector<std::string> digest, std::string error) {
                       if (!error.empty() || digest.size() != 1)
                         return finish_operation("", "存档失败：" + (error.empty() ? "摘要计算失败" : error));
                       download(file, "application/json", backup_archive(job->canonical, digest[0]));
                       record_archive(*store_, record, file, job->files.created_at, digest[0]);
                       refresh_records();
                       finish_operation("已导出案件 " + record.id + " 的存档“" + file + "”（摘要 " +
                                            short_digest(digest[0]) + "），并记入存档记录。请妥善保存该文件。",
                                        "");
                     });
  });
}

void AppCore::remove_case_now(const std::string& case_id) {
  ui_.confirm_remove.clear();
  const CaseRecord* found = workspace_.find(case_id);
  if (!found) {
    ui_.last_error = "案件编号“" + case_id + "”不存在";
    return;
  }
  if (!store_) return;
  const CaseRecord record = *found;
  const std::string by = actor_from_profile(model_.profile).name;
  Result<void> r = remove_case(*store_, record, today(), case_rules_from(config_.settings), by, now_iso());
  if (!r) {
    ui_.last_error = "不能删除：" + r.error().message_zh;
    return;
  }
  reload_keeping_view();
  const auto st = retention_status(record, today(), case_rules_from(config_.settings), archives_);
  ui_.info = "已删除案件 " + record.id + "（" + record.organisation + "）的全部数据；删除已记入删除记录（" +
             kRemovalLogFile + "）" + (st.archive ? "，对应存档“" + st.archive->file + "”" : std::string()) + "。";
}

// Issue 17 item 6: an archive counts for a removal only once the file the user saved has been read
// back and matched — its own hashes and digest, and the digest the archive record holds.
void AppCore::verify_case_archive(const std::string& case_id, std::string text) {
  const CaseRecord* found = workspace_.find(case_id);
  if (!found) return finish_operation("", "案件编号“" + case_id + "”不存在");
  const RetentionStatus st = retention_status(*found, today(), case_rules_from(config_.settings), archives_);
  if (!st.archive) return finish_operation("", "案件 " + case_id + " 尚无覆盖全部记录的存档：请先“导出案件存档”");
  auto read = read_archive(text);
  text.clear();
  text.shrink_to_fit();
  if (!read) return finish_operation("", "存档核对未通过：" + read.error().message_zh);
  if (read.value().scope != "case" || read.value().case_id != case_id)
    return finish_operation("", "存档核对未通过：所选文件不是案件 " + case_id + " 的存档" +
                                    (read.value().scope == "case" ? "（是案件 " + read.value().case_id + " 的）" : "（是完整备份）"));
  auto pending = std::make_shared<PendingRestore>(std::move(read.value()));
  pending_ = pending;
  busy_ = "正在核对案件 " + case_id + " 的存档（" + std::to_string(pending->files.size()) + " 个文件）…";
  const ArchiveRecord expected = *st.archive;
  hash(pending->blobs(), [this, pending, expected, case_id](std::vector<std::string> hashes, std::string error) {
    if (!error.empty()) return finish_operation("", "存档核对失败：" + error);
    if (Result<void> v = verify_archive(*pending, hashes); !v)
      return finish_operation("", "存档核对未通过（文件已损坏或被改动）：" + v.error().message_zh);
    bool recorded = false;
    for (const ArchiveRecord& a : archives_)
      if (a.case_id == case_id && a.digest == pending->digest && a.events == expected.events) recorded = true;
    if (!recorded)
      return finish_operation("", "存档核对未通过：所选文件（摘要 " + short_digest(pending->digest) +
                                      "）不是存档记录中覆盖全部记录的存档（摘要 " + short_digest(expected.digest) +
                                      "，“" + expected.file + "”）；请选择最近导出的存档");
    ArchiveRecord checked = expected;
    checked.digest = pending->digest;
    checked.created_at = pending->created_at;
    record_archive_check(*store_, checked, expected.file, now_iso());
    refresh_records();
    finish_operation("已核对案件 " + case_id + " 的存档：文件内容与校验值、摘要（" + short_digest(pending->digest) +
                         "）均一致。保存期满后可删除本案件。",
                     "");
  });
}

void AppCore::read_backup(std::string text) {
  if (!store_) return;
  auto read = read_archive(text);
  text.clear();
  text.shrink_to_fit();
  if (!read) return finish_operation("", "备份未恢复，未做任何修改：" + read.error().message_zh);
  auto pending = std::make_shared<PendingRestore>(std::move(read.value()));
  pending_ = pending;
  busy_ = "正在核对备份的校验值（" + std::to_string(pending->files.size()) + " 个文件）…";
  hash(pending->blobs(), [this, pending](std::vector<std::string> hashes, std::string error) {
    if (!error.empty()) return finish_operation("", "核对失败，未做任何修改：" + error);
    if (Result<void> v = verify_archive(*pending, hashes); !v)
      return finish_operation("", "备份未恢复，未做任何修改：" + v.error().message_zh + "（" + v.error().rule + "）");
    // The plan compares with every file of the store: it waits until all of them are loaded
    // (issue 8), then reads the store as it is by then.
    when_cases_ready("", [this, pending] {
      auto plan = plan_restore(*pending, *store_);
      if (!plan) return finish_operation("", "备份未恢复：" + plan.error().message_zh);
      apply_restore(plan.value(), *store_);
      reload_keeping_view();
      last_restore_ = plan.value().to_json();
      finish_operation(plan.value().report_zh(), shell_.store_error);
    });
  });
}

nlohmann::json AppCore::data_json() const {
  nlohmann::json cases = nlohmann::json::array();
  const Date now = today();
  // Retention needs every history: none is listed while some still load (issue 8).
  static const std::vector<CaseRecord> kNone;
  for (const CaseRecord& c : workspace_.pending_count() ? kNone : workspace_.cases()) {
    const RetentionStatus st = retention_status(c, now, case_rules_from(config_.settings), archives_);
    cases.push_back({{"id", c.id},
                     {"status", case_status_text_zh(c.state)},  // as the panel shows it
                     {"closed", st.closed},
                     {"retentionEnds", st.ends_on ? st.ends_on->iso() : ""},
                     {"archived", st.archive.has_value()},
                     {"verified", st.verified},
                     {"removable", st.removable()},
                     {"retention", st.text_zh()}});
  }
  nlohmann::json archives = nlohmann::json::array();
  for (const ArchiveRecord& a : archives_)
    archives.push_back({{"case", a.case_id}, {"file", a.file}, {"createdAt", a.created_at}, {"digest", a.digest}});
  nlohmann::json quarantine = nlohmann::json::array();
  for (const QuarantinedFile& f : quarantine_)
    quarantine.push_back({{"original", f.original}, {"storedAs", f.stored_as}, {"stamp", f.stamp}, {"reason", f.reason},
                          {"size", f.size}, {"label", store_file_info(f.original).label_zh}});
  return {{"cases", cases}, {"archives", archives}, {"lastRestore", last_restore_},
          {"casesLoading", workspace_.pending_count()}, {"quarantine", quarantine}};
}

nlohmann::json AppCore::set_aside_json() const {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [path, reason] : shell_.set_aside)
    out.push_back({{"path", path}, {"reason", reason}, {"label", store_file_info(path).label_zh}});
  return out;
}

}  // namespace certdesk::ui
