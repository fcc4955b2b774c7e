// ui/cases/case_summary.hpp — the stored summary of a case (issue 8, cold start): what a row of the
// case list, the due list and the chart need, so the app starts from 2,000 small summaries
// instead of parsing and folding every history. A cache, never a source: it names the content
// hash of the case file and the digest of the configuration it was computed with, and it is
// rebuilt from the history when missing, damaged, made from another file or another configuration,
// or different from what the history gives once that is read. Pure C++, tested natively.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/deadlines.hpp"
#include "ui/cases/case_query.hpp"

namespace certdesk {
struct Catalogue;
}

namespace certdesk::ui {

struct BodyConfig;
struct CaseRecord;

// Store files: summaries/<case id>.json, one per case, written after the case's own file. Not in
// backups (derived data: rebuilt after a restore). Version of the summary's content:
inline constexpr int kCaseSummaryVersion = 1;
inline constexpr const char* kSummaryDir = "summaries/";
std::string summary_file(const std::string& case_id);
bool is_summary_file(const std::string& path);

struct CaseSummary {
  std::string id;
  std::string file_hash;  // content_hash of cases/<id>.json it was computed from
  std::string config;     // config_digest of the settings, calendar and catalogue it was computed with
  std::size_t events = 0;
  std::size_t attachments = 0;
  std::optional<CyclePhase> phase;  // of the current cycle
  // The row's facts (see CaseRow).
  std::string organisation;
  std::string scope;
  Step step = Step::Application;
  std::optional<CertStatus> status;
  std::string certificate;
  std::vector<Obligation> obligations;  // open_obligations: independent of the date
  bool operator==(const CaseSummary&) const = default;
};

// A 64-bit FNV-1a hash of the bytes as 16 hex digits: detects a file that changed (not an
// adversary: the summary is only a cache of what the file gives).
std::string content_hash(std::string_view bytes);
// What a row depends on besides the case: the case rules (settings), the calendar and the catalogue.
std::string config_digest(const BodyConfig& cfg);

// The summary of a case whose history is loaded.
CaseSummary summarize(const CaseRecord& c, const WorkCalendar& cal, const CaseRules& rules, const Catalogue& catalogue,
                      std::string config);

nlohmann::json summary_to_json(const CaseSummary& s);
// nullopt when the text is not a summary of this version (it is then rebuilt, never an error).
std::optional<CaseSummary> summary_from_json(const std::string& text);

}  // namespace certdesk::ui
