// ui/cases/case_board.cpp — steps, rows, filter and sort, due list and chart of the body's cases.
#include "ui/cases/case_board.hpp"

#include <algorithm>
#include <cctype>

#include "domain/procedure_rules.hpp"
#include "ui/cases/case_flow.hpp"
#include "ui/cases/case_summary.hpp"

namespace certdesk::ui {

namespace {

// Retention (R11) is a records matter, not a task of the case's work: the workspace lists it
// with the case's deadlines, the list and 今日待办 do not (数据与备份 handles removal).
bool is_work(const Obligation& o) { return o.kind != ObligationKind::RetentionEnd; }

std::string lower_ascii(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

}  // namespace

std::string case_status_text_zh(const CaseState& s) {
  std::string out = enum_label(current_step(s));
  if (auto st = s.status()) out += std::string("｜证书") + enum_label(*st);
  return out;
}

std::vector<TimelineItem> timeline(const CaseState& s) {
  const Step now = current_step(s);
  const Cycle* c = s.cycle();
  std::vector<TimelineItem> out;
  for (int i = 0; i < kStepCount - 1; ++i) {
    TimelineItem t;
    t.step = static_cast<Step>(i);
    t.done = now != Step::Ended ? static_cast<int>(now) > i : false;
    t.current = t.step == now;
    out.push_back(t);
  }
  if (!c) return out;
  auto note = [&](Step st, std::string text) { out[static_cast<int>(st)].note = std::move(text); };
  note(Step::Application, c->applied_on.iso() + " 收到");
  if (c->review) note(Step::Review, c->review->reviewed_on.iso() + " 评审，" + std::to_string(c->review->person_days).substr(0, 4) + " 人日");
  if (c->contract) note(Step::Contract, c->contract->number + "，" + c->contract->signed_on.iso());
  if (!c->team.empty()) note(Step::Preparation, "审核组 " + std::to_string(c->team.size()) + " 人");
  if (c->stage1 && c->stage1->end) note(Step::Stage1, c->stage1->end->iso() + (c->stage1_ready ? " 具备条件" : " 不具备条件"));
  if (c->stage2 && c->stage2->end) note(Step::Stage2, c->stage2->end->iso() + (c->stage2->remote ? " 远程" : " 现场"));
  if (c->stage2) {
    int total = 0, open = 0;
    for (const Finding& f : s.findings)
      if (f.kind == FindingKind::Nonconformity && f.audit_id == c->stage2->id) {
        ++total;
        open += !f.verified_on;
      }
    note(Step::Findings, total == 0 ? "无不符合项" : std::to_string(total) + " 项，" + std::to_string(open) + " 项待验证");
  }
  if (c->report) note(Step::Report, c->report->submitted_on.iso() + (c->report->approved ? " 已复核" : " 待复核"));
  if (c->decision) note(Step::Decision, c->decision->decided_on.iso() + (c->decision->granted ? " 批准" : " 不批准"));
  if (s.certificate) note(Step::Certificate, s.certificate->number);
  if (auto st = s.status()) note(Step::Life, enum_label(*st));
  if (now == Step::Ended) {
    // The steps reached before the end stay marked as done.
    for (auto& t : out) t.done = !t.note.empty();
  }
  return out;
}

const char* event_label_zh(std::string_view t) {
  static constexpr std::pair<std::string_view, const char*> kLabels[] = {
      {"CycleOpened", "收到申请"}, {"SupplementRequested", "要求补充材料"}, {"SupplementAnswered", "收到补充材料"},
      {"ApplicationAccepted", "受理申请"}, {"ReviewApproved", "批准评审、确认报价"},
      {"ApplicationRejected", "不予受理"}, {"ApplicationWithdrawn", "申请撤回"}, {"ContractSigned", "签订合同"},
      {"TeamAssigned", "组建审核组"}, {"AuditPlanned", "编制审核计划"}, {"Stage1Concluded", "完成第一阶段审核"},
      {"RemoteAuditApproved", "批准远程审核"}, {"Stage2Conducted", "完成第二阶段审核"},
      {"NonconformityRaised", "开具不符合项"}, {"CorrectiveActionRecorded", "登记纠正措施"},
      {"NonconformityVerified", "验证不符合项"}, {"ObservationRecorded", "开具观察项"},
      {"AuditFailed", "审核不通过"}, {"ReportSubmitted", "提交审核报告"}, {"ReportReviewed", "复核审核报告"},
      {"CertificateInfoConfirmed", "确认证书信息"}, {"CertificationDecided", "作出认证决定"},
      {"CertificateIssued", "颁发证书"}, {"RegisterReported", "上报认证信息"}, {"ReportDelivered", "送达审核报告"},
      {"SurveillanceConducted", "完成监督审核"}, {"ChangeApplied", "办理变更"}, {"CertificateChanged", "证书变更"},
      {"CertificateSuspended", "暂停证书"}, {"CertificateRestored", "恢复证书"}, {"CertificateCancelled", "注销证书"},
      {"CertificateRevoked", "撤销证书"}, {"CertificateExpired", "证书到期"}, {"SpecialAuditScheduled", "安排特殊审核"},
      {"SpecialAuditRefused", "拒绝特殊审核"}, {"SpecialAuditConducted", "完成特殊审核"},
      {"ComplaintRegistered", "登记投诉或申诉"}, {"ComplaintResolved", "处理投诉或申诉"},
      {"SurveyRecorded", "登记满意度调查"}, {"FormRecorded", "登记表单"},
      {"ApplicationReviewNoted", "核实申请材料"}};
  for (const auto& [k, v] : kLabels)
    if (k == t) return v;
  return "";
}

Step obligation_step(ObligationKind k) {
  switch (k) {
    case ObligationKind::Supplement: return Step::Application;
    case ObligationKind::NcVerification: return Step::Findings;
    case ObligationKind::ReportDelivery:
    case ObligationKind::RegisterReport: return Step::Certificate;
    default: return Step::Life;
  }
}

CaseRow row_from_summary(const CaseSummary& sm, Date today, const CaseRules& rules) {
  CaseRow r;
  r.id = sm.id;
  r.organisation = sm.organisation;
  r.scope = sm.scope;
  r.step = sm.step;
  r.status = sm.status;
  r.certificate = sm.certificate;
  r.obligations = obligations_as_of(sm.obligations, today, rules);
  for (const Obligation& o : r.obligations) {
    if (!is_work(o)) continue;
    if (!r.next_due || o.due < r.next_due->due) r.next_due = o;
    r.overdue |= o.status == DueStatus::Overdue;
  }
  if (r.next_due) {
    const Obligation& o = *r.next_due;
    r.due_text = o.due.iso() + " " + enum_label(o.kind);
    if (o.status == DueStatus::Overdue)
      r.due_text += "（逾期 " + std::to_string(today.serial() - o.due.serial()) + " 天）";
  }
  r.search = lower_ascii(r.id + "\n" + r.organisation + "\n" + r.scope + "\n" + r.certificate);
  return r;
}

CaseRow make_row(const CaseRecord& c, Date today, const WorkCalendar& cal, const CaseRules& rules,
                 const Catalogue& catalogue) {
  return row_from_summary(summarize(c, cal, rules, catalogue, ""), today, rules);
}

void CaseBoard::refresh(const Workspace& w, Date today, const WorkCalendar& cal, const CaseRules& rules,
                        const Catalogue& catalogue, long config_revision, const std::string& config) {
  const bool all = today != today_ || config_revision != config_revision_ || rows_.size() != w.size();
  if (!all && w.revision() == workspace_revision_ && w.loads() == workspace_loads_) return;
  today_ = today;
  config_revision_ = config_revision;
  workspace_revision_ = w.revision();
  workspace_loads_ = w.loads();
  if (all) {
    rows_.clear();
    row_revision_.clear();
    row_checked_.clear();
  }
  rows_.resize(w.size());
  row_revision_.resize(w.size(), -1);
  row_checked_.resize(w.size(), false);
  index_.clear();
  for (std::size_t i = 0; i < w.size(); ++i) {
    const CaseRecord& c = w.record(i);
    index_.emplace(c.id, static_cast<int>(i));
    // A row is current when made at the case's revision, and checked against the history once
    // that is read (a row from a stored summary is trusted only until then).
    if (row_revision_[i] == c.revision && rows_[i].id == c.id && (row_checked_[i] || !c.loaded) &&
        rows_[i].problem.empty() != c.unreadable)
      continue;
    if (c.unreadable) {
      // Its file is missing or does not read (set aside, issue 17): listed as such, not from a
      // summary made of the file as it was.
      CaseRow r;
      r.id = c.id;
      r.organisation = c.organisation;
      r.problem = c.problem.empty() ? std::string("案件文件无法读取") : c.problem;
      r.pending_known = true;
      r.search = lower_ascii(r.id + "\n" + r.organisation);
      rows_[i] = std::move(r);
      row_checked_[i] = true;
      row_revision_[i] = c.revision;
      continue;
    }
    const CaseSummary* stored = w.stored_summary(i);
    if (!c.loaded && stored && stored->config == config) {
      rows_[i] = row_from_summary(*stored, today, rules);  // cold start: the history is not read
      row_checked_[i] = false;
    } else if (c.pending) {
      // Its files are not loaded yet and no summary fits: a placeholder, replaced once they arrive.
      CaseRow r;
      r.id = c.id;
      r.organisation = c.organisation;
      r.loading = true;
      r.search = lower_ascii(r.id + "\n" + r.organisation);
      rows_[i] = std::move(r);
      row_checked_[i] = false;
      row_revision_[i] = -1;
      continue;
    } else {
      // Missing, made with another configuration, or the history is at hand: recompute.
      const CaseRecord* full = w.loaded(i);
      if (!full) {
        row_revision_[i] = -1;  // it did not read just now: listed as such at the next refresh
        continue;
      }
      CaseSummary sm = summarize(*full, cal, rules, catalogue, config);
      if (!stored || !(*stored == sm)) changed_summaries_.push_back(sm);
      rows_[i] = row_from_summary(sm, today, rules);
      // What comes next needs the state itself: known once the history is read (issue 15).
      rows_[i].pending = pending_actions(full->state, Context{{}, today, &cal, rules, &catalogue, {}});
      rows_[i].pending_known = true;
      row_checked_[i] = true;
    }
    row_revision_[i] = c.revision;
  }
  std::vector<std::pair<Obligation, int>> due;
  for (std::size_t i = 0; i < rows_.size(); ++i)
    for (const Obligation& o : rows_[i].obligations)
      if (is_work(o) && o.status != DueStatus::Upcoming) due.emplace_back(o, static_cast<int>(i));
  std::stable_sort(due.begin(), due.end(), [](const auto& a, const auto& b) {
    const bool ao = a.first.status == DueStatus::Overdue, bo = b.first.status == DueStatus::Overdue;
    if (ao != bo) return ao;
    return a.first.due != b.first.due ? a.first.due < b.first.due : a.first.case_id < b.first.case_id;
  });
  due_.clear();
  due_rows_.clear();
  overdue_count_ = static_cast<std::size_t>(
      std::count_if(due.begin(), due.end(), [](const auto& d) { return d.first.status == DueStatus::Overdue; }));
  for (auto& [o, row] : due) {
    due_.push_back(std::move(o));
    due_rows_.push_back(row);
  }
  pending_unknown_ = static_cast<std::size_t>(
      std::count_if(rows_.begin(), rows_.end(), [](const CaseRow& r) { return !r.pending_known; }));
  chart_.clear();
  for (int i = 0; i < kChartMonths; ++i) {
    const Date d = Date{today.year, today.month, 1}.add_months(i);
    chart_.push_back({d.year, d.month});
  }
  const Date first{today.year, today.month, 1};
  for (const CaseRow& r : rows_)
    for (const Obligation& o : r.obligations) {
      const Date when = o.kind == ObligationKind::RecertificationWindow && o.opens ? *o.opens : o.due;
      if (when < first) continue;
      const int idx = (when.year - first.year) * 12 + (when.month - first.month);
      if (idx < 0 || idx >= kChartMonths) continue;
      MonthBucket& b = chart_[static_cast<std::size_t>(idx)];
      if (o.kind == ObligationKind::Surveillance || o.kind == ObligationKind::ExtraSurveillance) ++b.surveillance;
      else if (o.kind == ObligationKind::RecertificationWindow) ++b.recertification;
      else if (o.kind == ObligationKind::CertificateExpiry) ++b.expiry;
    }
  ++generation_;
}

namespace {

bool status_matches(const CaseRow& r, StatusFilter f) {
  switch (f) {
    case StatusFilter::Any: return true;
    case StatusFilter::NoCertificate: return !r.status;
    case StatusFilter::InForce: return r.status && in_force(*r.status);
    case StatusFilter::Suspended: return r.status == CertStatus::Suspended;
    case StatusFilter::Ended:
      return r.step == Step::Ended;
  }
  return true;
}

int compare_rows(const CaseRow& a, const CaseRow& b, SortKey k) {
  auto cmp = [](const auto& x, const auto& y) { return x < y ? -1 : y < x ? 1 : 0; };
  switch (k) {
    case SortKey::Id: return cmp(a.id, b.id);
    case SortKey::Organisation: return cmp(a.organisation, b.organisation);
    case SortKey::Scope: return cmp(a.scope, b.scope);
    case SortKey::Step: return cmp(static_cast<int>(a.step), static_cast<int>(b.step));
    case SortKey::Status:
      return cmp(a.status ? static_cast<int>(*a.status) : -1, b.status ? static_cast<int>(*b.status) : -1);
    case SortKey::NextDue:
      // Cases with nothing due sort after every case with a due date, whatever the direction.
      if (!a.next_due || !b.next_due) return 0;
      return cmp(a.next_due->due, b.next_due->due);
  }
  return 0;
}

}  // namespace

const CaseRow* CaseBoard::row(const std::string& id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &rows_[static_cast<std::size_t>(it->second)];
}

const std::vector<int>& CaseBoard::pending_rows(bool mine, const Actor& me) const {
  std::string key = mine ? "mine:" + me.user_id : "all";
  if (mine)
    for (Role r : me.roles) key.append(",").append(std::to_string(static_cast<int>(r)));
  if (key == pending_key_ && pending_generation_ == generation_) return pending_rows_;
  pending_key_ = std::move(key);
  pending_generation_ = generation_;
  pending_rows_.clear();
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    const auto& p = rows_[i].pending;
    if (p.empty()) continue;
    if (mine && std::none_of(p.begin(), p.end(), [&](const PendingAction& a) { return can_do(a, me); })) continue;
    pending_rows_.push_back(static_cast<int>(i));
  }
  std::stable_sort(pending_rows_.begin(), pending_rows_.end(), [&](int a, int b) {
    const CaseRow& x = rows_[static_cast<std::size_t>(a)];
    const CaseRow& y = rows_[static_cast<std::size_t>(b)];
    if (x.step != y.step) return static_cast<int>(x.step) < static_cast<int>(y.step);
    return x.id < y.id;
  });
  return pending_rows_;
}

const std::vector<int>& CaseBoard::visible(const CaseQuery& q) const {
  if (q == visible_query_ && visible_generation_ == generation_) return visible_;
  visible_query_ = q;
  visible_generation_ = generation_;
  visible_.clear();
  const std::string needle = lower_ascii(q.text);
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    const CaseRow& r = rows_[i];
    if (q.step && r.step != *q.step) continue;
    if (!status_matches(r, q.status)) continue;
    if (q.overdue_only && !r.overdue) continue;
    if (!needle.empty() && r.search.find(needle) == std::string::npos) continue;
    visible_.push_back(static_cast<int>(i));
  }
  std::stable_sort(visible_.begin(), visible_.end(), [&](int ia, int ib) {
    const CaseRow& a = rows_[static_cast<std::size_t>(ia)];
    const CaseRow& b = rows_[static_cast<std::size_t>(ib)];
    if (q.sort == SortKey::NextDue && (!a.next_due || !b.next_due)) {
      if (a.next_due || b.next_due) return static_cast<bool>(a.next_due);
      return a.id < b.id;
    }
    const int c = compare_rows(a, b, q.sort);
    if (c != 0) return q.ascending ? c < 0 : c > 0;
    return a.id < b.id;
  });
  return visible_;
}

}  // namespace certdesk::ui
