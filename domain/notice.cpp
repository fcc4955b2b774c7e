// Notices built from a case, what each invites in answer, the answer's checks, and the body's
// reading of a response as the domain commands its staff forms would have run (issue 7).
#include "domain/notice.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "domain/forms.hpp"
#include "domain/procedure_rules.hpp"

namespace certdesk::notice {
namespace {

struct KindRow {
  NoticeKind kind;
  std::string_view id, label_zh, form;
};
constexpr KindRow kNotices[] = {
    {NoticeKind::Acceptance, "acceptance", "受理通知书", "ACCEPTANCE-NOTICE"},
    {NoticeKind::Supplement, "supplement_request", "补充材料通知", ""},
    {NoticeKind::AuditPlan, "audit_plan", "现场审核计划", "QP-21-07"},
    {NoticeKind::Stage1Report, "stage1_report", "第一阶段审核报告", "QP-21-05B"},
    {NoticeKind::Nonconformity, "nonconformity_report", "不符合项报告", "QP-21-13"},
    {NoticeKind::Observation, "observation_report", "观察项报告", "QP-21-12"},
    {NoticeKind::Decision, "decision", "认证决定通知", "QP-21-15"},
    {NoticeKind::Suspension, "suspension", "证书暂停通知", "QP-21-20"},
    {NoticeKind::Cancellation, "cancellation", "证书注销通知", "QP-21-21"},
    {NoticeKind::Revocation, "revocation", "证书撤销通知", "QP-21-22"},
    {NoticeKind::Restoration, "restoration", "证书恢复通知", "QP-21-25"},
};
struct ResponseRow {
  ResponseKind kind;
  std::string_view id, label_zh;
};
constexpr ResponseRow kResponses[] = {
    {ResponseKind::Supplement, "supplement", "补充材料"},
    {ResponseKind::CorrectiveActions, "corrective_actions", "纠正措施"},
    {ResponseKind::ChangeApplication, "change_application", "变更申请（QP-21-26）"},
    {ResponseKind::RestorationApplication, "restoration_application", "恢复申请（QP-21-24）"},
    {ResponseKind::CancellationApplication, "cancellation_application", "注销申请（QP-21-19）"},
    {ResponseKind::Complaint, "complaint", "投诉"},
    {ResponseKind::Appeal, "appeal", "申诉"},
    {ResponseKind::Survey, "survey", "满意度调查（QP-21-16）"},
};

const KindRow& row(NoticeKind k) {
  for (const KindRow& r : kNotices)
    if (r.kind == k) return r;
  return kNotices[0];
}
const ResponseRow& row(ResponseKind k) {
  for (const ResponseRow& r : kResponses)
    if (r.kind == k) return r;
  return kResponses[0];
}

RuleViolation not_now(const std::string& message_zh) { return RuleViolation{"STEP", message_zh, "kind"}; }

std::string team_text(const std::vector<TeamMember>& team) {
  std::string out;
  for (const TeamMember& m : team) out += (out.empty() ? "" : "、") + m.name + "（" + std::string(enum_label(m.role)) + "）";
  return out;
}

std::string period(const Audit& a) {
  if (!a.start || !a.end) return a.planned_start ? a.planned_start->iso() + " 起（计划）" : "";
  return a.start->iso() + " 至 " + a.end->iso();
}

const StatusChange* last_status(const CaseState& s, CertStatus status) {
  if (!s.certificate) return nullptr;
  for (auto it = s.certificate->history.rbegin(); it != s.certificate->history.rend(); ++it)
    if (it->status == status) return &*it;
  return nullptr;
}

std::vector<const Finding*> open_findings(const CaseState& s, FindingKind kind) {
  std::vector<const Finding*> out;
  for (const Finding& f : s.findings)
    if (f.kind == kind && (kind == FindingKind::Observation || !f.verified_on)) out.push_back(&f);
  return out;
}

bool has(const std::vector<ResponseKind>& list, ResponseKind k) {
  return std::find(list.begin(), list.end(), k) != list.end();
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

const std::vector<NoticeKind>& all_notice_kinds() {
  static const std::vector<NoticeKind> list = [] {
    std::vector<NoticeKind> v;
    for (const KindRow& r : kNotices) v.push_back(r.kind);
    return v;
  }();
  return list;
}
std::string_view notice_kind_id(NoticeKind k) { return row(k).id; }
std::string_view notice_label_zh(NoticeKind k) { return row(k).label_zh; }
std::string_view notice_form(NoticeKind k) { return row(k).form; }
std::optional<NoticeKind> notice_kind_from_id(std::string_view id) {
  for (const KindRow& r : kNotices)
    if (r.id == id) return r.kind;
  return std::nullopt;
}
const std::vector<ResponseKind>& all_response_kinds() {
  static const std::vector<ResponseKind> list = [] {
    std::vector<ResponseKind> v;
    for (const ResponseRow& r : kResponses) v.push_back(r.kind);
    return v;
  }();
  return list;
}
std::string_view response_kind_id(ResponseKind k) { return row(k).id; }
std::string_view response_label_zh(ResponseKind k) { return row(k).label_zh; }
std::optional<ResponseKind> response_kind_from_id(std::string_view id) {
  for (const ResponseRow& r : kResponses)
    if (r.id == id) return r.kind;
  return std::nullopt;
}

std::vector<ResponseKind> answers_to(NoticeKind k) {
  using R = ResponseKind;
  switch (k) {
    case NoticeKind::Supplement: return {R::Supplement, R::Complaint, R::Appeal};
    case NoticeKind::Nonconformity: return {R::CorrectiveActions, R::Survey, R::Complaint, R::Appeal};
    case NoticeKind::Stage1Report:
    case NoticeKind::Observation: return {R::Survey, R::Complaint, R::Appeal};
    case NoticeKind::Decision:
    case NoticeKind::Restoration: return {R::ChangeApplication, R::CancellationApplication, R::Survey, R::Appeal, R::Complaint};
    case NoticeKind::Suspension: return {R::RestorationApplication, R::CancellationApplication, R::Appeal, R::Complaint};
    case NoticeKind::Cancellation:
    case NoticeKind::Revocation: return {R::Appeal, R::Complaint};
    case NoticeKind::Acceptance:
    case NoticeKind::AuditPlan: return {R::Complaint, R::Appeal};
  }
  return {R::Complaint};
}

std::vector<NoticeKind> available_notices(const CaseState& s) {
  std::vector<NoticeKind> out;
  const Cycle* c = s.cycle();
  if (c && c->review) out.push_back(NoticeKind::Acceptance);
  if (c && !c->supplements.empty() && !c->supplements.back().answered_on) out.push_back(NoticeKind::Supplement);
  if (c && c->stage2 && c->stage2->planned_start) out.push_back(NoticeKind::AuditPlan);
  if (c && c->stage1 && c->stage1->end) out.push_back(NoticeKind::Stage1Report);
  if (!open_findings(s, FindingKind::Nonconformity).empty()) out.push_back(NoticeKind::Nonconformity);
  if (!open_findings(s, FindingKind::Observation).empty()) out.push_back(NoticeKind::Observation);
  if (c && c->decision) out.push_back(NoticeKind::Decision);
  if (const auto st = s.status()) {
    if (*st == CertStatus::Suspended) out.push_back(NoticeKind::Suspension);
    if (*st == CertStatus::Cancelled) out.push_back(NoticeKind::Cancellation);
    if (*st == CertStatus::Revoked) out.push_back(NoticeKind::Revocation);
    if (*st == CertStatus::Restored) out.push_back(NoticeKind::Restoration);
  }
  return out;
}

Result<Notice> build_notice(const CaseState& s, NoticeKind kind, const NoticeSource& src) {
  const auto avail = available_notices(s);
  if (std::find(avail.begin(), avail.end(), kind) == avail.end())
    return not_now("案件 " + s.id + " 目前没有可发出的" + std::string(notice_label_zh(kind)));
  const Cycle& c = *s.cycle();
  Notice n;
  n.notice_id = src.notice_id;
  n.created_at = src.created_at;
  n.kind = kind;
  n.body = src.body;
  n.case_id = s.id;
  n.application_package_id = src.application_package_id;
  if (s.certificate) n.certificate_number = s.certificate->number;
  n.organisation = s.certificate && !s.certificate->name.empty() ? s.certificate->name : c.application.organisation.name;
  n.issued_on = s.last_event_on.value_or(c.applied_on);
  const auto line = [&](std::string label, std::string value) {
    if (!value.empty()) n.lines.push_back({std::move(label), std::move(value)});
  };
  switch (kind) {
    case NoticeKind::Acceptance: {
      const Review& r = *c.review;
      n.issued_on = r.reviewed_on;
      n.summary = "贵组织的认证申请已经受理（§6.2）。审核人日按附录A计算，依据如下；报价经认证事业部批准后确认。";
      line("受理日期", r.reviewed_on.iso());
      char days[64];
      std::snprintf(days, sizeof days, "%.1f（第一阶段 %.1f，第二阶段 %.1f）", r.person_days, r.stage1_days, r.stage2_days);
      line("审核人日", days);
      line("人日计算依据", r.justification);
      if (r.approved_on) line("报价（元）", std::to_string(static_cast<long long>(r.quote)));
      break;
    }
    case NoticeKind::Supplement: {
      const SupplementRequest& r = c.supplements.back();
      n.issued_on = r.requested_on;
      n.deadline = r.deadline;
      n.summary = "贵组织的申请材料尚不完整，请在期限内补充下列材料；逾期未补充且无说明的，视为撤回申请（R17 §6.2）。";
      for (std::size_t i = 0; i < r.items.size(); ++i)
        n.items.push_back({"item-" + std::to_string(i + 1), "", r.items[i], "", r.deadline});
      line("补充期限", r.deadline.iso() + (r.deadline_estimated ? "（按周一至周五估算）" : ""));
      break;
    }
    case NoticeKind::AuditPlan: {
      const Audit& a = *c.stage2;
      n.audit_id = a.id;
      n.issued_on = a.plan_sent_on.value_or(n.issued_on);
      n.summary = "第二阶段（现场）审核计划（QP-21-07）如下，请做好准备并安排相关人员参加首末次会议（§6.4.1）。";
      line("审核", a.id);
      line("计划开始日期", a.planned_start->iso());
      line("审核组", team_text(c.team));
      line("审核方式", c.remote ? "远程（已按 R14 批准并签订协议）" : "现场");
      break;
    }
    case NoticeKind::Stage1Report: {
      const Audit& a = *c.stage1;
      n.audit_id = a.id;
      n.issued_on = *a.end;
      n.summary = c.stage1_ready ? "第一阶段审核结论：具备第二阶段审核条件（R13 §6.4.2.1）。下列问题可能在第二阶段成为不符合项，请提前关注。"
                                 : "第一阶段审核结论：尚不具备第二阶段审核条件，不能进行第二阶段审核（R13 §6.4.2.1）。";
      line("审核日期", period(a));
      line("结论", c.stage1_ready ? "具备第二阶段审核条件" : "不具备第二阶段审核条件");
      for (std::size_t i = 0; i < c.stage1_likely_ncs.size(); ++i)
        n.items.push_back({"L-" + std::to_string(i + 1), "", c.stage1_likely_ncs[i], "", std::nullopt});
      break;
    }
    case NoticeKind::Nonconformity:
    case NoticeKind::Observation: {
      const bool nc = kind == NoticeKind::Nonconformity;
      n.summary = nc ? "审核发现下列不符合项（QP-21-13）。请分析原因，提出纠正和纠正措施并附证据，在期限内答复；"
                       "审核结束后 6 个月内未能验证关闭的，审核不通过（R2 §6.4.4）。"
                     : "审核发现下列观察项（QP-21-12），请在下次审核前改进，届时将予以验证（§6.4.4）。";
      for (const Finding* f : open_findings(s, nc ? FindingKind::Nonconformity : FindingKind::Observation)) {
        NoticeItem item{f->id, f->clause, f->description, nc ? (f->major ? "严重" : "一般") : "", std::nullopt};
        const Audit* a = find_audit(s, f->audit_id);
        if (nc && a && a->end) {
          item.deadline = nc_deadline(*a->end, src.rules);
          if (!n.deadline || *item.deadline < *n.deadline) n.deadline = item.deadline;
        }
        n.audit_id = f->audit_id;
        n.issued_on = std::max(n.issued_on, f->raised_on);
        n.items.push_back(std::move(item));
      }
      if (const Audit* a = find_audit(s, n.audit_id)) line("审核", n.audit_id + "（" + period(*a) + "）");
      if (n.deadline) line("答复期限", n.deadline->iso() + "（R2：审核结束后 6 个月内验证关闭）");
      break;
    }
    case NoticeKind::Decision: {
      const Decision& d = *c.decision;
      n.issued_on = d.decided_on;
      n.summary = d.granted ? "经认证决定（QP-21-15），批准贵组织的认证。证书信息如下。对决定有异议的，可以提出申诉（§8）。"
                            : "经认证决定（QP-21-15），不予认证，理由如下。贵组织可以重新申请；对决定有异议的，可以提出申诉（§8）。";
      line("决定日期", d.decided_on.iso());
      line("决定", d.granted ? "批准认证" : "不予认证");
      line("理由", d.reasons);
      if (s.certificate) {
        line("证书编号", s.certificate->number);
        line("有效期", s.certificate->issued_on.iso() + " 至 " + s.certificate->expires_on.iso() + "（R4）");
      }
      break;
    }
    case NoticeKind::Suspension:
    case NoticeKind::Cancellation:
    case NoticeKind::Revocation:
    case NoticeKind::Restoration: {
      const CertStatus st = kind == NoticeKind::Suspension     ? CertStatus::Suspended
                            : kind == NoticeKind::Cancellation ? CertStatus::Cancelled
                            : kind == NoticeKind::Revocation   ? CertStatus::Revoked
                                                               : CertStatus::Restored;
      const StatusChange* ch = last_status(s, st);
      n.issued_on = ch->on;
      line("证书编号", s.certificate->number);
      line("生效日期", ch->on.iso());
      line("说明", ch->note);
      if (kind == NoticeKind::Suspension) {
        n.summary = "贵组织的认证证书自下列日期起暂停，暂停期间证书无效，此信息将予公开（§6.7.3.2）。"
                    "请在暂停期限内纠正并提出恢复申请（QP-21-24）；期满未恢复的，证书将被撤销（R8）。";
        if (s.certificate->suspended_until) {
          n.deadline = s.certificate->suspended_until;
          line("暂停至", s.certificate->suspended_until->iso() + "（R8：通常 3 个月，最长 6 个月）");
        }
      } else if (kind == NoticeKind::Cancellation) {
        n.summary = "贵组织的认证证书已注销，此信息将予公开（§6.7.3.4）。";
      } else if (kind == NoticeKind::Revocation) {
        n.summary = "贵组织的认证证书已撤销，此信息将予公开（§6.7.3.5）。对决定有异议的，可以提出申诉（§8）。";
      } else {
        n.summary = "经信息核查（QP-21-23），贵组织的认证证书自下列日期起恢复有效，此信息将予公开（§6.7.3.3）。";
      }
      break;
    }
  }
  return n;
}

std::string notice_file_name(const Notice& n) {
  return (n.organisation.empty() ? std::string("申请组织") : n.organisation) + "-" + std::string(notice_label_zh(n.kind)) +
         "-" + n.created_at.substr(0, 10) + ".json";
}

std::string response_file_name(const Notice& n, Date on) {
  return (n.organisation.empty() ? std::string("申请组织") : n.organisation) + "-" + std::string(notice_label_zh(n.kind)) +
         "答复-" + on.iso() + ".json";
}

Answer answer_for(const Notice& n) {
  Answer a;
  a.kind = answers_to(n.kind).front();
  if (n.kind == NoticeKind::Nonconformity)
    for (const NoticeItem& i : n.items) a.corrective_actions.push_back({i.id, "", "", "", {}});
  if (a.kind == ResponseKind::Survey) a.score = 5;
  return a;
}

Problems answer_problems(const Answer& a, const Notice& n, const std::vector<AttachmentMeta>& attachments) {
  Problems out;
  const auto add = [&](const std::string& field, const std::string& message_zh) {
    out.push_back(input_error("content." + field, message_zh));
  };
  std::set<std::string> ids;
  for (const AttachmentMeta& m : attachments) ids.insert(m.id);
  const auto ref = [&](const std::string& id, const std::string& field) {
    if (!ids.count(id)) {
      Problem p = input_error("content." + field, "引用的附件 " + id + " 不在附件列表中");
      p.rule = "INTEGRITY";
      out.push_back(std::move(p));
    }
  };
  if (!has(answers_to(n.kind), a.kind))
    add("kind", std::string(notice_label_zh(n.kind)) + "不接受“" + std::string(response_label_zh(a.kind)) + "”答复");
  if (blank(a.respondent)) add("respondent", "须填写答复人");
  for (std::size_t i = 0; i < a.documents.size(); ++i) ref(a.documents[i], "documents[" + std::to_string(i) + "]");
  switch (a.kind) {
    case ResponseKind::Supplement:
      if (a.documents.empty()) add("documents", "须至少附一份补充材料（R17）");
      break;
    case ResponseKind::CorrectiveActions: {
      std::set<std::string> answered;
      for (std::size_t i = 0; i < a.corrective_actions.size(); ++i) {
        const CorrectiveAnswer& c = a.corrective_actions[i];
        const std::string p = "corrective_actions[" + std::to_string(i) + "]";
        const bool known = std::any_of(n.items.begin(), n.items.end(), [&](const NoticeItem& it) { return it.id == c.nc_id; });
        if (!known) add(p + ".nc_id", "通知中没有不符合项“" + c.nc_id + "”");
        else if (!answered.insert(c.nc_id).second) add(p + ".nc_id", "不符合项 " + c.nc_id + " 重复答复");
        if (blank(c.cause)) add(p + ".cause", "须填写原因分析（§6.4.4）");
        if (blank(c.corrective_action)) add(p + ".corrective_action", "须填写纠正措施（§6.4.4）");
        for (std::size_t k = 0; k < c.evidence.size(); ++k) ref(c.evidence[k], p + ".evidence[" + std::to_string(k) + "]");
      }
      for (const NoticeItem& it : n.items)
        if (n.kind == NoticeKind::Nonconformity && !answered.count(it.id) &&
            std::none_of(a.corrective_actions.begin(), a.corrective_actions.end(),
                         [&](const CorrectiveAnswer& c) { return c.nc_id == it.id; }))
          add("corrective_actions", "不符合项 " + it.id + " 尚未答复");
      break;
    }
    case ResponseKind::ChangeApplication:
      if (blank(a.new_value)) add("new_value", "须填写变更后的内容（QP-21-26）");
      if (a.change_kind == ChangeKind::Name && a.documents.empty())
        add("documents", "名称变更须附工商登记变更证明（§6.7.3.1）");
      break;
    case ResponseKind::RestorationApplication:
    case ResponseKind::CancellationApplication:
    case ResponseKind::Complaint:
    case ResponseKind::Appeal:
      if (blank(a.text)) add("text", a.kind == ResponseKind::Complaint || a.kind == ResponseKind::Appeal ? "须填写投诉或申诉的内容"
                                                                                                        : "须填写申请理由");
      break;
    case ResponseKind::Survey:
      if (a.score < 1 || a.score > 5) add("score", "满意度评分应为 1 至 5");
      if (n.audit_id.empty()) add("kind", "该通知不涉及审核，无法作满意度调查");
      break;
  }
  return out;
}

Checked<std::vector<PlannedCommand>> response_commands(const Response& r, const CaseState& s,
                                                       const std::vector<SentNotice>& sent,
                                                       const std::vector<std::string>& attachment_ids) {
  const auto fail = [](const char* rule, const std::string& field, const std::string& message_zh) {
    Problem p = input_error(field, message_zh);
    p.rule = rule;
    return Problems{std::move(p)};
  };
  if (r.case_id != s.id) return fail("UNKNOWN", "case_id", "答复包所答的案件 " + r.case_id + " 不是案件 " + s.id);
  const auto it = std::find_if(sent.begin(), sent.end(),
                               [&](const SentNotice& n) { return n.notice_id == r.notice_id && n.case_id == s.id; });
  if (it == sent.end())
    return fail("UNKNOWN", "notice_id", "本机构没有向案件 " + s.id + " 发出过编号为 " + r.notice_id + " 的通知");
  if (!it->answered_by.empty())
    return fail("DUPLICATE", "notice_id", "该通知（" + std::string(notice_label_zh(it->kind)) + "）已于 " +
                                              it->answered_on.substr(0, 10) + " 由答复包 " + it->answered_by + " 答复，不再导入");
  if (r.notice_kind != it->kind)
    return fail("INPUT", "notice_kind", "答复包所称的通知类型与本机构发出的“" + std::string(notice_label_zh(it->kind)) + "”不符");
  if (attachment_ids.size() != r.attachments.size())
    return fail("INPUT", "attachments", "内部错误：附件编号数与附件数不符");
  // The notice as sent, for the answer's checks (items and the audit are what the body sent).
  Notice as_sent;
  as_sent.kind = it->kind;
  as_sent.items = it->items;
  as_sent.audit_id = it->audit_id;
  if (Problems p = answer_problems(r.answer, as_sent, r.attachments); !p.empty()) return p;

  const auto id_of = [&](const std::string& att) {
    for (std::size_t i = 0; i < r.attachments.size(); ++i)
      if (r.attachments[i].id == att) return attachment_ids[i];
    return att;
  };
  const auto ids_of = [&](const std::vector<std::string>& list) {
    std::vector<std::string> out;
    for (const std::string& a : list) out.push_back(id_of(a));
    return out;
  };
  const Answer& a = r.answer;
  std::vector<PlannedCommand> out;
  switch (a.kind) {
    case ResponseKind::Supplement: {
      std::vector<std::string> docs = ids_of(a.documents);
      if (!blank(a.text)) docs.push_back("说明：" + a.text);
      out.push_back({AnswerSupplement{docs}});
      break;
    }
    case ResponseKind::CorrectiveActions:
      for (const CorrectiveAnswer& c : a.corrective_actions)
        out.push_back({RecordCorrectiveAction{c.nc_id, c.cause, c.correction, c.corrective_action, ids_of(c.evidence)}});
      break;
    case ResponseKind::ChangeApplication:
      out.push_back({ApplyChange{a.change_kind, a.new_value, a.documents.empty() ? "" : id_of(a.documents.front()),
                                 a.major_change}});
      break;
    case ResponseKind::RestorationApplication:
    case ResponseKind::CancellationApplication: {
      const bool restore = a.kind == ResponseKind::RestorationApplication;
      nlohmann::json fields = {{"applicant", r.organisation}, {"respondent", a.respondent}, {"reason", a.text},
                               {"documents", ids_of(a.documents)}, {"notice_id", r.notice_id}, {"response_id", r.response_id}};
      out.push_back({RecordForm{restore ? "QP-21-24" : "QP-21-19", fields}});
      break;
    }
    case ResponseKind::Complaint:
    case ResponseKind::Appeal: {
      // §8: the body registers it (IP-11-01) under its next complaint number.
      int n = 0;
      for (const Complaint& c : s.complaints)
        if (c.id.rfind("CP-", 0) == 0) n = std::max(n, std::atoi(c.id.c_str() + 3));
      out.push_back({RegisterComplaint{"CP-" + std::to_string(n + 1),
                                       a.kind == ResponseKind::Appeal ? ComplaintKind::Appeal : ComplaintKind::Complaint,
                                       r.organisation + "（" + a.respondent + "）", a.text},
                     false});
      break;
    }
    case ResponseKind::Survey:
      out.push_back({RecordSurvey{it->audit_id, a.score, a.text}});
      break;
  }
  return out;
}

}  // namespace certdesk::notice
