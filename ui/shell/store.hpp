// ui/shell/store.hpp — what the app keeps durably and how it is laid out: a small set of JSON files
// under the store root, each written whole and atomically by the shell. Pure C++ (the shell
// supplies the file access), so the layout and its versions are tested natively.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "ui/shell/commands.hpp"

namespace certdesk::ui {

// File access supplied by the shell. Paths are relative to the store root ("profile.json").
struct StoreIo {
  std::function<std::optional<std::string>(const std::string& path)> read;
  // Writes atomically (temporary file + rename) and schedules the durable sync.
  std::function<void(const std::string& path, const std::string& content)> write;
  // Removes a file (missing is fine) and schedules the durable sync.
  std::function<void(const std::string& path)> remove;
  // Every file under the store root, as paths relative to it (for backups; any order).
  std::function<std::vector<std::string>()> list;
  // Every file under one folder ("quarantine/"), as paths relative to the root; unset: list() is
  // filtered (the browser's walks only that folder: the start must not walk the whole store).
  std::function<std::vector<std::string>(const std::string& folder)> list_under;
  // True while `path` may exist in the durable store but is not in the file system yet (issue 8:
  // the browser loads case histories and attachments after the first frame). A pending file must
  // be neither read as absent nor written nor removed. Unset: nothing is ever pending.
  std::function<bool(const std::string& path)> pending;
  bool is_pending(const std::string& path) const { return pending && pending(path); }
};

// Store layout versions:
//   1  meta.json, profile.json {name, roles, note}
//   2  profile.json also holds the mode ("applicant" / "body"); applicant/draft.json is the
//      application being filled in, applicant/att/<id> its attachments' bytes.
// Migration 1 → 2: a version-1 store belonged to certification-body staff (only they had a
// profile), so a non-empty profile is given the mode "body"; an empty one asks at the start.
// Within version 2, summaries/<case id>.json (ui/cases/case_summary.hpp) is a cache of each case's list
// row: optional, validated against the case file's content hash and the configuration, rebuilt
// when missing or stale, left out of backups. A store without it (written before it existed, or
// by an older version) needs no migration: its summaries are built at the first start.
inline constexpr int kStoreFormatVersion = 2;
inline constexpr const char* kStoreMetaFile = "meta.json";
inline constexpr const char* kProfileFile = "profile.json";
inline constexpr const char* kApplicantFile = "applicant/draft.json";

// Reads the store into `model`. An empty store is fine (first start: the meta file is written).
// A store written by a newer version of the app, or a damaged file, is an error that names the
// file; the model is then left unchanged and nothing is written.
Result<void> load_store(const StoreIo& io, AppModel& model);

// The store files' readers (issue 17: the same at start, at restore and in the store check):
// text → a typed value, or an INPUT error whose field names the member.
Result<int> store_version_from_text(std::string_view text);  // meta.json: format and version
struct ProfileFile {
  std::string name, note, mode;
  std::vector<std::string> roles;
};
Result<ProfileFile> profile_from_text(std::string_view text);  // each field as the UI would take it
std::vector<Command> profile_commands(const ProfileFile& p);     // the UI's commands that set it
Result<ApplicantModel> applicant_from_text(std::string_view text);  // applicant/draft.json

// The content of each durable file for the current model.
std::string profile_file(const AppModel& model);
std::string applicant_file(const AppModel& model);
std::string meta_file();
// The content of `file` (one of the names above) for the model.
std::string file_content(const char* file, const AppModel& model);

}  // namespace certdesk::ui
