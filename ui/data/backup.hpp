// ui/data/backup.hpp — backup and restore of the whole store, archives of single cases, and the
// removal of a case whose records have been kept long enough (issue 8 items 6 and 8, R11 §7).
// Pure C++ over StoreIo; the hashes come from the caller (WebCrypto in the browser, OpenSSL or
// a test hash natively), so every step runs in two phases around them, like the package code.
//
// Archive format "certdesk-backup", version 1 (one JSON object):
//   format, format_version, created_at, scope ("store" or "case"), case_id (scope "case"),
//   files: [{path, size, sha256, encoding ("text" | "base64"), content}], sorted by path,
//   digest: SHA-256 (hex) of the canonical content = the archive object without "digest",
//           serialised compactly with sorted keys (nlohmann's dump()).
// `content` is the file itself when it is valid UTF-8, its Base64 otherwise; `size` and `sha256`
// are over the file's bytes. A case archive holds the case file, its attachments and its
// entry of cases/index.json, so it restores through the same path as a full backup.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case_rules.hpp"
#include "domain/date.hpp"
#include "domain/result.hpp"
#include "ui/cases/cases.hpp"
#include "ui/shell/store.hpp"

namespace certdesk::ui {

inline constexpr const char* kBackupFormat = "certdesk-backup";
inline constexpr int kBackupFormatVersion = 1;
// Store files of the records (R11): archives made of single cases, and removals of cases.
inline constexpr const char* kArchiveLogFile = "records/archives.json";
inline constexpr const char* kRemovalLogFile = "records/removals.json";

struct BackupFile {
  std::string path;
  std::string bytes;
};

// ---- making an archive -------------------------------------------------------------------------

// Phase one: the files to archive, read from the store. Hash blobs() (one per file), then
// backup_canonical(p, hashes), hash that, then backup_archive(canonical, digest).
struct PendingBackup {
  std::vector<BackupFile> files;  // sorted by path
  std::string created_at;
  std::string scope = "store";  // "store" or "case"
  std::string case_id;
  std::vector<std::string_view> blobs() const;
};
// The canonical content (what the digest covers), given each file's SHA-256 in order.
std::string backup_canonical(const PendingBackup& p, const std::vector<std::string>& file_hashes);
// The archive to download: the canonical content with its digest.
std::string backup_archive(const std::string& canonical, const std::string& digest);

// Every file of the store (temporary files of interrupted writes excepted).
PendingBackup collect_store(const StoreIo& io, std::string created_at);
// One case: its file, everything under cases/<id>/, and its index entry. Refused (INPUT, field
// "case") for an unknown case.
Result<PendingBackup> collect_case(const StoreIo& io, const CaseRecord& c, std::string created_at);

// "certdesk-备份-2026-11-27.json", "certdesk-案件存档-C2026-001-2026-11-27.json".
std::string backup_file_name(Date today);
std::string case_archive_file_name(const std::string& case_id, Date today);

// ---- reading and restoring an archive ----------------------------------------------------------

// Phase one of reading: JSON, format, version, every file's fields, safe paths, sizes and
// Base64. Errors name the field ("files[3].path") in Chinese. Hash blobs(): each file, then the
// canonical content last.
class PendingRestore {
 public:
  std::vector<std::string_view> blobs() const;
  std::vector<BackupFile> files;
  std::vector<std::string> sha256;  // as the archive states them
  std::string digest, created_at, scope, case_id;
  std::string canonical;
};
Result<PendingRestore> read_archive(std::string_view text);
// Phase two: every stated hash and the digest must match what was computed.
Result<void> verify_archive(const PendingRestore& p, const std::vector<std::string>& hashes);

// What restoring does to a store: files added, files identical (skipped), conflicts (kept as
// they are), case index entries added; cases removed under R11 are not brought back.
struct RestoreConflict {
  std::string path;
  std::string case_id;  // "" when the file belongs to no case
  std::string why_zh;
};
struct RestorePlan {
  std::vector<BackupFile> writes;  // in order: case files before the index, records merged
  std::vector<std::string> added, identical;
  std::vector<RestoreConflict> conflicts;
  std::vector<std::string> cases_added;    // ids new to cases/index.json
  std::vector<std::string> cases_removed;  // in the archive but removed here under R11 (not restored)
  nlohmann::json to_json() const;
  std::string report_zh(std::size_t max_lines = 20) const;
};
// Merges a verified archive into the store as it is: a missing file is added, an identical one
// skipped, a differing one is a conflict and left alone (with every other file of its case).
// cases/index.json and the record logs are merged entry by entry. Refused, with nothing
// planned, when the store would not load afterwards (e.g. a damaged file in the archive).
Result<RestorePlan> plan_restore(const PendingRestore& p, const StoreIo& io);
// Writes the plan: attachments and case files first, the index last, so that an interrupted
// restore never leaves an index entry without its case.
void apply_restore(const RestorePlan& plan, const StoreIo& io);

// ---- retention (R11 §7) ------------------------------------------------------------------------

struct ArchiveRecord {
  std::string case_id, organisation, file, created_at, digest;
  std::size_t events = 0;  // the case's history length when archived (histories only grow)
  // Issue 17 item 6: set on an entry that records a check — the saved archive file was opened
  // again and its hashes and digest matched the archive `digest` records. Entries written before
  // there were checks have none: their archive must be checked before a removal.
  std::string verified_at;
};
// The archive log's reader (issue 17: the one used at start, at restore and by the store check):
// entries with their types checked, or an error naming the member ("archives[2].case_id").
Result<std::vector<ArchiveRecord>> archive_log_from_text(std::string_view text);
// Its entries; none when the log is absent or does not read (then it was set aside at the start).
std::vector<ArchiveRecord> read_archive_log(const StoreIo& io);
// Records that `c` was exported as `file` with `digest` (appended to kArchiveLogFile).
void record_archive(const StoreIo& io, const CaseRecord& c, const std::string& file, const std::string& created_at,
                    const std::string& digest);
// Records that the archive `a` was checked at `at`: the file `file` the user saved it as was read
// back and matched (appended to kArchiveLogFile, with verified_at).
void record_archive_check(const StoreIo& io, const ArchiveRecord& a, const std::string& file, const std::string& at);

struct RetentionStatus {
  bool closed = false;             // no open cycle and no certificate in force or suspended
  std::optional<Date> ends_on;     // retention_end(last event) for a closed case
  bool ended = false;              // today is after ends_on
  std::optional<ArchiveRecord> archive;  // the latest archive covering the whole history (a checked one first)
  bool verified = false;  // that archive's saved file was read back and matched (issue 17 item 6)
  bool removable() const { return ended && archive.has_value() && verified; }
  std::string text_zh() const;     // "保存期至 2029-05-02（未满）" …
};
// R11 §7: records are kept `rules.retention_years` (≥ 3) from the case's last event once the
// case is closed — the same date the due list shows for R11.
RetentionStatus retention_status(const CaseRecord& c, Date today, const CaseRules& rules,
                                 const std::vector<ArchiveRecord>& archives);

// Removes a case whose retention has ended and of which an archive exists: its attachments, its
// file, its index entry; then appends {case_id, organisation, by, at, archive_digest, ...} to
// kRemovalLogFile. Refused with rule "R11" (nothing changed) otherwise.
Result<void> remove_case(const StoreIo& io, const CaseRecord& c, Date today, const CaseRules& rules,
                         const std::string& by, const std::string& at);
std::vector<std::string> removed_case_ids(const StoreIo& io);
struct RemovalRecord {
  std::string case_id;
};
// The removal log's reader: every entry an object with its case id; the other members text.
Result<std::vector<RemovalRecord>> removal_log_from_text(std::string_view text);

}  // namespace certdesk::ui
