// ui/cases.hpp — the certification body's cases as the app keeps them: each case's append-only
// history in its own file (a save writes only the case that changed), an index of cases and of
// the packages they came from, and the import of an application package (issue 5, item 5).
// Pure C++ over the domain; tested natively.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/case_decide.hpp"
#include "domain/package.hpp"
#include "ui/commands.hpp"
#include "ui/store.hpp"

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

// The local user as the domain sees them (profile roles → domain roles).
Actor actor_from_profile(const Profile& p);

class Workspace {
 public:
  // Loads every case; a damaged file is an error naming it (nothing is changed then).
  Result<void> load(const StoreIo& io);
  const std::vector<CaseRecord>& cases() const { return cases_; }
  const CaseRecord* find(const std::string& id) const;

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
  void write_case(const StoreIo& io, const CaseRecord& c) const;
  std::string next_id(Date today) const;
  std::vector<CaseRecord> cases_;
  long revision_ = 0;
};

const char* phase_label_zh(CyclePhase p);

}  // namespace certdesk::ui
