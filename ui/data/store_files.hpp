// ui/data/store_files.hpp — every kind of file in the store, declared once with its reader, and the
// quarantine where a file that does not read is set aside (issue 17 items 1 and 2).
//
// A reader takes the file's text and returns its typed value or an INPUT error naming the member
// ("archives[2].case_id：应为字符串"). The same readers load the store at start, check every file
// a restore would write before it writes any, and check the files found at start: a file that
// fails its reader is moved to quarantine/<stamp>/<its path>, byte for byte, with the reason
// beside it (<…>.reason.txt), and never deleted; the app starts without it and says so.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"
#include "ui/shell/store.hpp"

namespace certdesk::ui {

enum class StoreFileKind {
  Meta,                // meta.json
  Profile,             // profile.json
  ApplicantDraft,      // applicant/draft.json
  NoticeInbox,         // applicant/notices.json
  SentNotices,         // records/notices.json
  ArchiveLog,          // records/archives.json
  RemovalLog,          // records/removals.json
  CaseIndex,           // cases/index.json
  CaseHistory,         // cases/<id>.json
  CaseSummary,         // summaries/<id>.json (a cache: a damaged one is rebuilt, not set aside)
  BodyConfig,          // settings/*.json
  Attachment,          // applicant/att/…, applicant/notice-att/…, cases/<id>/att/… (bytes, no reader)
  Quarantined,         // quarantine/… (kept as they are, never read)
  Temporary,           // *.tmp (an interrupted write)
  Other,               // anything else (kept, not read)
};

struct StoreFileInfo {
  StoreFileKind kind;
  const char* label_zh;  // "案件记录", "存档记录"…
  bool checked;          // has a reader that a start applies (case histories: when first read)
};
StoreFileInfo store_file_info(std::string_view path);

// The file's reader: ok, or the member and what is wrong with it.
Result<void> check_store_file(std::string_view path, std::string_view bytes);

// ---- the quarantine ----------------------------------------------------------------------------

inline constexpr const char* kQuarantineDir = "quarantine/";
inline constexpr const char* kReasonSuffix = ".reason.txt";

struct QuarantinedFile {
  std::string original;  // "records/archives.json"
  std::string stored_as;  // "quarantine/20261206T101502/records/archives.json"
  std::string stamp;      // "20261206T101502"
  std::string reason;     // "archives[0].case_id：应为字符串"
  std::size_t size = 0;
};

// "2026-12-06T10:15:02+08:00" → "20261206T101502" (a folder name that sorts by time).
std::string quarantine_stamp(std::string_view iso_time);
// Moves `path` aside: its bytes to quarantine/<stamp>/<path>, the reason beside it, then removes it.
void quarantine_file(const StoreIo& io, const std::string& path, const std::string& bytes, const std::string& reason,
                     const std::string& stamp);
// Every file set aside, oldest first.
std::vector<QuarantinedFile> list_quarantine(const StoreIo& io);

struct SetAside {
  std::string path;
  std::string reason;
};
// At start: every file whose kind a start checks (not the case index, which the workspace's load
// reads, nor the case histories, checked when first read, nor files still pending) is read with
// its reader; each that fails is moved aside
// when `can_write`, else only reported (a read-only tab writes nothing) — the caller then reads
// the store through hide(). Returns the files that failed.
std::vector<SetAside> set_aside_damaged(const StoreIo& io, const std::string& stamp, bool can_write);
// The store as it reads without `paths` (a read-only tab's view of a store with damaged files).
StoreIo hide(const StoreIo& io, std::vector<std::string> paths);

}  // namespace certdesk::ui
