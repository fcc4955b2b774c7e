// ui/cases/case_board.hpp — what the body's screens show about cases, computed from the workspace once
// per change and never per frame (issue 6): each case's position in the flow of §6 (a timeline
// of steps), one summary row per case for the list, the list's filter and sort, the due list
// across cases for 今日待办 and a month-by-month chart of what is coming. Pure C++, tested natively.
#pragma once

#include <array>
#include <optional>
#include <unordered_map>
#include <utility>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/catalogue.hpp"
#include "domain/case_rules.hpp"
#include "domain/deadlines.hpp"
#include "ui/cases/case_query.hpp"
#include "ui/cases/case_summary.hpp"
#include "ui/cases/cases.hpp"

namespace certdesk::ui {


// 今日待办's 待办事项 (issue 15): one action the procedure expects next in a case and who may do it,
// independent of the local user (ui/cases/case_flow.hpp computes it once per change of the case).
struct PendingAction {
  std::string type;     // the command type
  std::string label_zh;
  std::string who_zh;
  Step step = Step::Application;
  bool anyone = false;         // the applicant's act, recorded by any staff member
  std::vector<Role> roles;     // any of these roles may do it
  std::string user_id;         // or only this person (the team leader)
  bool operator==(const PendingAction&) const = default;
};
// The local user may do it (the applicant's acts: any staff member records them).
bool can_do(const PendingAction& p, const Actor& me);

struct TimelineItem {
  Step step = Step::Application;
  bool done = false;     // completed in the current cycle
  bool current = false;  // the open step
  std::string note;      // a date or a short fact ("2026-02-03 完成")
};
std::vector<TimelineItem> timeline(const CaseState& s);

// The case's step and certificate status as the case list shows them ("证书维持｜证书有效"): the one
// description of where a case stands, used wherever a case is listed (issue 15 item 10).
std::string case_status_text_zh(const CaseState& s);
const char* event_label_zh(std::string_view event_type);  // "ApplicationAccepted" → "受理申请"
// The step where an obligation's work is done (今日待办 opens the case there).
Step obligation_step(ObligationKind k);

// One row of the case list: everything it shows and filters on, as text ready to draw.
struct CaseRow {
  std::string id;
  std::string organisation;
  std::string scope;        // "风险评估 一级、…"
  Step step = Step::Application;
  std::optional<CertStatus> status;
  std::string certificate;  // number, when issued
  std::optional<Obligation> next_due;  // the earliest open obligation of the case's work
  std::string due_text;     // "2027-02-03 监督审核（逾期 3 天）"
  bool overdue = false;
  std::string search;       // what the text filter matches: id, organisation, scope, certificate
  std::vector<Obligation> obligations;  // every open obligation, by due date (R11 retention too)
  // Its history is still loading and it has no usable summary (issue 8): only id and
  // organisation (from the case index) are known; shown as 正在载入案件数据….
  bool loading = false;
  // Its file is missing or does not read (issue 17: set aside in the quarantine): why, in Chinese.
  std::string problem;
  // What the procedure expects next (issue 15), known once the history is read (not from a summary).
  std::vector<PendingAction> pending;
  bool pending_known = false;
};

CaseRow make_row(const CaseRecord& c, Date today, const WorkCalendar& cal, const CaseRules& rules,
                 const Catalogue& catalogue);
// The same row from a case's summary (ui/cases/case_summary.hpp): make_row is summarize, then this.
CaseRow row_from_summary(const CaseSummary& s, Date today, const CaseRules& rules);

// Upcoming surveillance audits, recertification windows and expiries per month.
struct MonthBucket {
  int year = 0, month = 0;
  int surveillance = 0, recertification = 0, expiry = 0;
};

// Rows, visible order, due list and chart, each recomputed only when its inputs change: a case
// whose history did not change keeps its row; the order is recomputed when the query or a row
// changed; nothing here runs per frame.
class CaseBoard {
 public:
  // Brings the rows up to date with the workspace (only changed cases are recomputed, unless the
  // date or the rules changed, which recomputes all).
  // config_revision: bumped by the caller whenever settings, calendar or catalogue change;
  // config: their config_digest. A case whose history is not read yet gets its row from its
  // stored summary when that was made with this configuration; otherwise (and once the history
  // is read) the row is computed from the history, and a summary that differs from the stored
  // one is queued for writing (take_changed_summaries).
  void refresh(const Workspace& w, Date today, const WorkCalendar& cal, const CaseRules& rules,
               const Catalogue& catalogue, long config_revision, const std::string& config = "");
  // Summaries computed from the histories that differ from the stored ones (or are missing).
  std::vector<CaseSummary> take_changed_summaries() { return std::exchange(changed_summaries_, {}); }
  const std::vector<CaseRow>& rows() const { return rows_; }
  const CaseRow* row(const std::string& case_id) const;
  // Indexes into rows() matching the query, in its order.
  const std::vector<int>& visible(const CaseQuery& q) const;
  // DueSoon and Overdue obligations across all cases (the domain's due_list): the overdue ones
  // first, then those due soon, each by due date.
  const std::vector<Obligation>& due() const { return due_; }
  std::size_t overdue_count() const { return overdue_count_; }
  const std::vector<int>& due_rows() const { return due_rows_; }  // the row of each due() entry
  // Rows whose case expects an action (待办事项), by step then case id; with `mine`, only those the
  // local user may do. Cached until the rows or the query change.
  const std::vector<int>& pending_rows(bool mine, const Actor& me) const;
  std::size_t pending_unknown() const { return pending_unknown_; }  // rows whose history is not read yet
  // The next `months` months from today's month.
  const std::vector<MonthBucket>& chart() const { return chart_; }
  long generation() const { return generation_; }  // bumped when anything above changed

 private:
  std::vector<CaseRow> rows_;
  std::vector<long> row_revision_;
  std::vector<bool> row_checked_;  // computed from the history, not only from a stored summary
  std::vector<CaseSummary> changed_summaries_;
  std::unordered_map<std::string, int> index_;  // case id → row
  mutable std::vector<int> visible_;  // cached order, recomputed when the query or the rows change
  mutable CaseQuery visible_query_;
  mutable long visible_generation_ = -1;
  std::vector<Obligation> due_;
  std::vector<int> due_rows_;
  std::size_t overdue_count_ = 0;
  std::vector<MonthBucket> chart_;
  std::size_t pending_unknown_ = 0;
  mutable std::vector<int> pending_rows_;
  mutable std::string pending_key_;
  mutable long pending_generation_ = -1;
  Date today_;
  long config_revision_ = -1;
  long generation_ = 0;
  long workspace_revision_ = -1;
  long workspace_loads_ = -1;
};

inline constexpr int kChartMonths = 13;  // this month and the next twelve: every surveillance due (R6, R7)

}  // namespace certdesk::ui
