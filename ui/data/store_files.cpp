// ui/data/store_files.cpp — the store's kinds of file with their readers, and the quarantine.
#include "ui/data/store_files.hpp"

#include <algorithm>
#include <set>

#include "ui/cases/case_summary.hpp"
#include "ui/cases/cases.hpp"
#include "ui/data/backup.hpp"
#include "ui/notices/notices.hpp"
#include "ui/settings/body_config.hpp"

namespace certdesk::ui {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view e) {
  return s.size() >= e.size() && s.substr(s.size() - e.size()) == e;
}

// "cases/<id>.json" with no further folder.
bool is_case_history(std::string_view path) {
  if (!starts_with(path, "cases/") || !ends_with(path, ".json") || path == kCaseIndexFile) return false;
  return path.find('/', 6) == std::string_view::npos;
}

std::optional<ConfigPart> config_part_of(std::string_view path) {
  for (ConfigPart p : kConfigParts)
    if (path == config_file(p)) return p;
  return std::nullopt;
}

template <class T> Result<void> as_void(const Result<T>& r) {
  if (!r) return r.error();
  return ok_void();
}

}  // namespace

StoreFileInfo store_file_info(std::string_view path) {
  if (starts_with(path, kQuarantineDir)) return {StoreFileKind::Quarantined, "隔离区文件", false};
  if (ends_with(path, ".tmp")) return {StoreFileKind::Temporary, "未写完的临时文件", false};
  if (path == kStoreMetaFile) return {StoreFileKind::Meta, "数据格式标识", true};
  if (path == kProfileFile) return {StoreFileKind::Profile, "我的资料", true};
  if (path == kApplicantFile) return {StoreFileKind::ApplicantDraft, "申请填写内容", true};
  if (path == kNoticeInboxFile) return {StoreFileKind::NoticeInbox, "收到的通知", true};
  if (path == kSentNoticesFile) return {StoreFileKind::SentNotices, "已发通知记录", true};
  if (path == kArchiveLogFile) return {StoreFileKind::ArchiveLog, "案件存档记录", true};
  if (path == kRemovalLogFile) return {StoreFileKind::RemovalLog, "案件删除记录", true};
  if (path == kCaseIndexFile) return {StoreFileKind::CaseIndex, "案件索引", true};
  if (is_case_history(path)) return {StoreFileKind::CaseHistory, "案件记录", false};
  if (starts_with(path, kSummaryDir)) return {StoreFileKind::CaseSummary, "案件列表缓存", false};
  if (config_part_of(path)) return {StoreFileKind::BodyConfig, "机构设置", true};
  if (starts_with(path, "applicant/att/") || starts_with(path, "applicant/notice-att/") ||
      (starts_with(path, "cases/") && path.find("/att/") != std::string_view::npos))
    return {StoreFileKind::Attachment, "附件", false};
  return {StoreFileKind::Other, "其他文件", false};
}

Result<void> check_store_file(std::string_view path, std::string_view bytes) {
  switch (store_file_info(path).kind) {
    case StoreFileKind::Meta: {
      auto v = store_version_from_text(bytes);
      if (!v) return v.error();
      if (v.value() > kStoreFormatVersion)
        return input_error("format_version", "由更新版本的认证工作台写入（格式版本 " + std::to_string(v.value()) + "）");
      return ok_void();
    }
    case StoreFileKind::Profile: return as_void(profile_from_text(bytes));
    case StoreFileKind::ApplicantDraft: return as_void(applicant_from_text(bytes));
    case StoreFileKind::NoticeInbox: return as_void(inbox_from_text(bytes));
    case StoreFileKind::SentNotices: return as_void(sent_from_text(bytes));
    case StoreFileKind::ArchiveLog: return as_void(archive_log_from_text(bytes));
    case StoreFileKind::RemovalLog: return as_void(removal_log_from_text(bytes));
    case StoreFileKind::CaseIndex: return as_void(case_index_from_text(bytes));
    case StoreFileKind::CaseHistory: return as_void(case_file_from_text(bytes));
    case StoreFileKind::BodyConfig: return check_config_text(*config_part_of(path), bytes);
    case StoreFileKind::CaseSummary:  // a cache: whatever it holds, the app rebuilds it
    case StoreFileKind::Attachment:
    case StoreFileKind::Quarantined:
    case StoreFileKind::Temporary:
    case StoreFileKind::Other: return ok_void();
  }
  return ok_void();
}

std::string quarantine_stamp(std::string_view iso) {
  std::string out;
  for (char c : iso.substr(0, 19))
    if ((c >= '0' && c <= '9') || c == 'T') out += c;
  return out.empty() ? std::string("unknown") : out;
}

void quarantine_file(const StoreIo& io, const std::string& path, const std::string& bytes, const std::string& reason,
                     const std::string& stamp) {
  const std::string to = std::string(kQuarantineDir) + stamp + "/" + path;
  // The copy and its reason first: an interruption leaves the file in place, never lost.
  io.write(to, bytes);
  io.write(to + kReasonSuffix, reason);
  io.remove(path);
}

std::vector<QuarantinedFile> list_quarantine(const StoreIo& io) {
  std::vector<QuarantinedFile> out;
  if (!io.list && !io.list_under) return out;
  std::vector<std::string> paths = io.list_under ? io.list_under(kQuarantineDir) : io.list();
  std::sort(paths.begin(), paths.end());
  const std::string dir = kQuarantineDir;
  for (const std::string& p : paths) {
    if (!starts_with(p, dir) || ends_with(p, kReasonSuffix) || ends_with(p, ".tmp")) continue;
    const std::size_t slash = p.find('/', dir.size());
    if (slash == std::string::npos) continue;
    QuarantinedFile q;
    q.stored_as = p;
    q.stamp = p.substr(dir.size(), slash - dir.size());
    q.original = p.substr(slash + 1);
    const std::optional<std::string> bytes = io.read(p);
    q.size = bytes ? bytes->size() : 0;
    q.reason = io.read(p + kReasonSuffix).value_or("");
    out.push_back(std::move(q));
  }
  return out;
}

std::vector<SetAside> set_aside_damaged(const StoreIo& io, const std::string& stamp, bool can_write) {
  std::vector<SetAside> out;
  // The files a start checks have fixed names: no walk of the store (2,000 summaries) is needed.
  // The case index is read once, by the workspace's load (the caller sets it aside if that fails).
  std::vector<std::string> paths = {kStoreMetaFile, kProfileFile, kApplicantFile, kNoticeInboxFile,
                                    kSentNoticesFile, kArchiveLogFile, kRemovalLogFile};
  for (ConfigPart p : kConfigParts) paths.push_back(config_file(p));
  for (const std::string& path : paths) {
    if (io.is_pending(path)) continue;
    const std::optional<std::string> bytes = io.read(path);
    if (!bytes) continue;
    Result<void> r = check_store_file(path, *bytes);
    if (r) continue;
    // A store from a newer version is not damaged: the start says so and writes nothing.
    if (path == kStoreMetaFile && store_version_from_text(*bytes)) continue;
    const std::string reason = r.error().message_zh;  // "archives[0].case_id: 应为字符串"
    if (can_write) {
      quarantine_file(io, path, *bytes, reason, stamp);
      // The store's other files are still there: a new meta file keeps them from being taken
      // for a first start (layout version 2, the current one; a version-1 store holds no more
      // than a profile, which reads the same).
      if (path == kStoreMetaFile) io.write(kStoreMetaFile, meta_file());
    }
    out.push_back({path, reason});
  }
  return out;
}

StoreIo hide(const StoreIo& io, std::vector<std::string> paths) {
  if (paths.empty()) return io;
  StoreIo out = io;
  auto hidden = std::make_shared<std::set<std::string>>(paths.begin(), paths.end());
  out.read = [read = io.read, hidden](const std::string& p) -> std::optional<std::string> {
    if (hidden->count(p)) return std::nullopt;
    return read(p);
  };
  if (io.list)
    out.list = [list = io.list, hidden]() {
      std::vector<std::string> all = list();
      std::erase_if(all, [&](const std::string& p) { return hidden->count(p) > 0; });
      return all;
    };
  if (io.list_under)
    out.list_under = [list = io.list_under, hidden](const std::string& folder) {
      std::vector<std::string> all = list(folder);
      std::erase_if(all, [&](const std::string& p) { return hidden->count(p) > 0; });
      return all;
    };
  return out;
}

}  // namespace certdesk::ui
