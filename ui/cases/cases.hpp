// ui/cases/cases.hpp — the certification body's cases as the app keeps them: each case's append-only
// history in its own file (a save writes only the case that changed), an index of cases and of
// the packages they came from, and the import of an application package (issue 5, item 5).
// Pure C++ over the domain; tested natively.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/case_decide.hpp"
#include "domain/package.hpp"
#include "ui/cases/case_summary.hpp"
#include "ui/shell/commands.hpp"
#include "ui/shell/store.hpp"

namespace certdesk::ui {

struct CaseRecord {
  std::string id;          // "C2026-001"
  std::string package_id;  // the application package it was created from
  std::string digest;
  std::string organisation;
  std::vector<Event> history;
  CaseState state;  // fold(history)
  std::vector<package::AttachmentMeta> attachments;
  long revision = 0;  // the workspace revision of its last change
  // False while only the index entry is known (cold start, issue 8): history, state and
  // attachments are read from the case file when first needed (Workspace::loaded).
  bool loaded = true;
  std::string file_hash;  // content_hash of the case file as last read or written
  bool unreadable = false;  // its file could not be read when its history was needed
  std::string problem;      // why ("cases/C2026-001.json.history[3].type：…"), for the list and the banner
  // Its files are still only in the durable store, not in the file system (issue 8: the browser
  // loads case histories and attachments after the first frame). A pending case is listed from
  // its summary; it is never read as absent or empty, and nothing of it is written or removed.
  bool pending = false;
  const package::AttachmentMeta* attachment(const std::string& id) const {
    for (const auto& a : attachments)
      if (a.id == id) return &a;
    return nullptr;
  }
};

// Store files: cases/index.json {"cases":[{id, package_id, digest, organisation}]},
// cases/<id>.json {"history":…, "attachments":[…]}, cases/<id>/att/<attachment id>.
inline constexpr const char* kCaseIndexFile = "cases/index.json";
std::string case_file(const std::string& id);
std::string case_attachment_file(const std::string& case_id, const std::string& attachment_id);

// The store files' readers (issue 17: at start, at restore and in the store check).
struct CaseIndexEntry {
  std::string id, package_id, digest, organisation;
};
// cases/index.json: every entry an object with a safe, unique id; the rest text.
Result<std::vector<CaseIndexEntry>> case_index_from_text(std::string_view text);
struct CaseFileContent {
  std::vector<Event> history;
  std::vector<package::AttachmentMeta> attachments;
};
// cases/<id>.json: the history (the domain's reader) and the attachments' metadata.
Result<CaseFileContent> case_file_from_text(std::string_view text);

// The local user as the domain sees them (profile roles → domain roles).
Actor actor_from_profile(const Profile& p);

class Workspace {
 public:
  // Loads the index and checks every case file against its stored summary (ui/cases/case_summary.hpp):
  // a case whose summary was made from this very file (same content hash) is not parsed now, its
  // history is read when first needed; any other case is read at once. A damaged file is an
  // error naming it (nothing is changed then). Keeps `io` to read the histories later.
  // A case whose files are pending (StoreIo::pending) is neither read nor hashed: it is listed
  // from its summary as it is stored (checked against the file once that arrives and is read),
  // or without one until then.
  Result<void> load(const StoreIo& io);
  // Files arrived in the file system (the shell loaded more of the store): cases that are no
  // longer pending become readable. Returns how many cases are still pending.
  std::size_t files_arrived();
  std::size_t pending_count() const { return pending_; }
  bool pending(const std::string& id) const;
  bool contains(const std::string& id) const;
  // The case with its history read; or why not: unknown case (INPUT), its files are still
  // loading (rule CASE-LOADING, "正在载入案件数据…"), or its file cannot be read.
  Result<const CaseRecord*> get(const std::string& id) const;
  // Every case with its history read (reads the ones not read yet). Only meaningful when
  // pending_count() == 0: a pending case is in the list with an empty history.
  const std::vector<CaseRecord>& cases() const;
  // The case with its history read, or nullptr (unknown, pending or unreadable: see get()).
  const CaseRecord* find(const std::string& id) const;
  // Without reading anything: the number of cases, and a case as far as it is read (see loaded).
  std::size_t size() const { return cases_.size(); }
  const CaseRecord& record(std::size_t i) const { return cases_[i]; }
  // The i-th case with its history read; nullptr while it is pending or if its file can no longer be read.
  const CaseRecord* loaded(std::size_t i) const;
  // Reads histories not read yet until `budget_ms` have passed (at least one); returns how many
  // are still unread. The app calls it between frames after the first.
  std::size_t read_some(double budget_ms) const;
  std::size_t unread() const { return unread_; }
  // Cases listed in the index whose file is missing or does not read (issue 17: each is listed
  // with its problem; every other case works): {case id, problem}.
  std::vector<std::pair<std::string, std::string>> problems() const;
  std::size_t problem_count() const { return problems_; }
  long loads() const { return loads_; }  // bumped by each history read after load()
  // The stored summary of the i-th case when it was made from the case file as it is, else nullptr.
  const CaseSummary* stored_summary(std::size_t i) const;
  // Keeps `s` as the case's stored summary and, with `io`, writes it (summaries/<id>.json).
  void store_summary(CaseSummary s, const StoreIo* io);
  // How the app summarises a case with its configuration: when set, a case written by
  // import_application or execute has its summary written right after it, in the same task (the
  // shell stores both in one IndexedDB transaction).
  void set_summarizer(std::function<CaseSummary(const CaseRecord&)> f) { summarizer_ = std::move(f); }

  // A verified package becomes a new case in the state "application received" (SubmitApplication,
  // §6.1). Refused, with nothing written, when the package is already held (DUPLICATE) or the
  // domain refuses (rule id in the error). Writes attachments, then the case, then the index.
  Result<std::string> import_application(const package::ImportedPackage& p, const Context& ctx, const StoreIo& io);

  // Runs a domain command on one case (decide, then append): refused → the rule's violation and
  // nothing written; accepted → the events, and only that case's file is rewritten (the index too
  // when the organisation's name changed).
  Result<std::vector<Event>> execute(const std::string& case_id, const certdesk::Command& command, const Context& ctx,
                                     const StoreIo& io);
  // Several commands on one case, all or nothing (a response package, issue 7): each is decided
  // on the state the previous ones left, with its own context; any refusal → that violation and
  // nothing written. New attachments (metadata and bytes, same order) are stored with the case.
  Result<std::vector<Event>> execute_all(const std::string& case_id,
                                         const std::vector<std::pair<certdesk::Command, Context>>& commands,
                                         const std::vector<package::AttachmentMeta>& attachments,
                                         const package::AttachmentData& data, const StoreIo& io);
  // What execute would answer, without changing anything (actions are disabled with this reason).
  Result<void> check(const std::string& case_id, const certdesk::Command& command, const Context& ctx) const;
  // Bumped by every change; a case's record carries the revision of its own last change.
  long revision() const { return revision_; }

  nlohmann::json summary_json() const;  // for the test hook: id, organisation, phase, package

 private:
  void write_index(const StoreIo& io) const;
  void write_case(const StoreIo& io, CaseRecord& c) const;
  std::string next_id(Date today) const;
  Result<void> read_history(CaseRecord& c, const std::string& text) const;
  bool read_case(std::size_t i) const;
  // Histories are read on first use from const accessors: the records are a cache of the files.
  mutable std::vector<CaseRecord> cases_;
  std::vector<std::optional<CaseSummary>> summaries_;  // parallel to cases_
  std::optional<StoreIo> io_;
  std::function<CaseSummary(const CaseRecord&)> summarizer_;
  mutable std::size_t unread_ = 0;  // pending cases included
  mutable std::size_t problems_ = 0;  // cases whose file is missing or does not read
  std::size_t pending_ = 0;
  mutable long loads_ = 0;
  long revision_ = 0;
};

// Times as people read them (issue 15 item 10): a local ISO timestamp "2026-12-05T20:02:03+08:00"
// → "2026-12-05 20:02"; a date alone stays a date; anything else is shown as it is.
std::string time_text_zh(std::string_view iso);
// A note "<file>（<time>）" as stored by earlier versions (ISO with a T) or now, shown with
// time_text_zh's time.
std::string note_time_text_zh(const std::string& note);
// The "HH:MM:SS" of a local ISO timestamp, or "" when it has none.
std::string time_of_day(std::string_view iso);

}  // namespace certdesk::ui
