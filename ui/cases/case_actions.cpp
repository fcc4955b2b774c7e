// ui/cases/case_actions.cpp — every case command as a form: fields, prefill, and reading it back.
#include "ui/cases/case_actions.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "domain/case_json.hpp"
#include "domain/forms.hpp"
#include "domain/json_reflect.hpp"
#include "ui/cases/case_flow.hpp"

namespace certdesk::ui {

namespace {

using nlohmann::json;
using K = FieldKind;

const std::vector<Choice> kStages = {{"stage1", "第一阶段（文件审核，QP-21-05A）"}, {"stage2", "第二阶段（现场审核，QP-21-07）"}};
const std::vector<Choice> kRemoteCauses = {
    {"extreme_weather", "极端天气"}, {"health_event", "卫生事件"}, {"security_event", "安全事件"}};
const std::vector<Choice> kRecommendations = {{"grant", "推荐认证"}, {"refuse", "不推荐认证"}};
const std::vector<Choice> kChangeKinds = {
    {"name", "名称变更"}, {"address", "地址变更"}, {"scope", "范围变更"}, {"other", "其他变更"}};
// The grounds lists of the brief (§6.7.3.2, §6.7.3.4, §6.7.3.5).
const std::vector<Choice> kSuspendGrounds = {
    {"persistent_failure", "持续或严重不满足认证要求"},
    {"surveillance_overdue", "未按期接受监督审核"},
    {"misuse_no_harm", "不当使用证书，尚未造成不良影响"},
    {"serious_nc_at_surveillance", "监督审核发现严重不符合"},
    {"client_request", "获证组织主动申请暂停"},
    {"other", "其他"}};
const std::vector<Choice> kCancelGrounds = {
    {"client_request", "获证组织申请注销（QP-21-19）"},
    {"expired_without_renewal", "证书到期未再认证"},
    {"replaced", "新证书替代"},
    {"other", "其他"}};
const std::vector<Choice> kRevokeGrounds = {
    {"surveillance_overdue", "监督审核超期 6 个月（R9）"},
    {"suspension_not_resolved", "暂停期内未整改并经验证（R8）"},
    {"misuse_harmful", "不当使用证书，造成不良影响"},
    {"serious_incident", "发生严重服务事故"},
    {"verified_complaint", "投诉经核实影响服务"},
    {"other", "其他"}};
const std::vector<Choice> kSpecialReasons = {
    {"complaint", "投诉"}, {"incident", "服务事故"}, {"negative_information", "负面信息"},
    {"no_longer_meets_requirements", "可能不再满足要求"}, {"change_response", "对变更的响应"},
    {"suspended_follow_up", "暂停组织的跟踪"}, {"failed_spot_check", "政府抽查不合格"}};
// Forms kept with the case as records of their own (the others are the record of a step).
const std::vector<Choice> kRecordedForms = {
    {"QP-21-06", "QP-21-06 审核方案"},         {"QP-21-05A", "QP-21-05A 文档审核计划"},
    {"QP-21-08", "QP-21-08 首次会议签到表"},   {"QP-21-09", "QP-21-09 公正性及保密性承诺"},
    {"QP-21-10", "QP-21-10 末次会议签到表"},   {"QP-21-18", "QP-21-18 项目文档清单"},
    {"REMOTE-AGREEMENT", "远程审核协议"},      {"ACCEPTANCE-NOTICE", "申请受理通知书"}};
const std::vector<Choice> kComplaintKinds = {{"complaint", "投诉"}, {"appeal", "申诉"}};

// A consequential field (issue 15): starts unchosen, must be chosen before the form runs.
FieldSpec decide(const char* key, const char* label, FieldKind kind, const char* prompt, std::vector<Choice> choices = {}) {
  FieldSpec f{key, label, kind, "", std::move(choices)};
  f.decision = true;
  f.prompt_zh = prompt;
  return f;
}

std::vector<ActionSpec> build() {
  constexpr auto F = ActionGroup::Flow;
  constexpr auto L = ActionGroup::Life;
  constexpr auto R = ActionGroup::Records;
  return {
      {"RequestSupplement", "要求补充材料", Step::Application, F, "", "质控部或市场运营部",
       {{"/items", "需补充的材料", K::Lines, "每行一项"}}, false, {Step::Review}},  // part of the acceptance review (§6.2)
      {"AnswerSupplement", "登记补充材料", Step::Application, F, "", "申请组织（由本机构登记）",
       {{"/documents", "收到的材料", K::Lines, "每行一项"}}, true},
      {"AcceptApplication", "受理申请（评审与人日）", Step::Review, F, "QP-21-02", "质控部",
       {{"/person_days", "审核人日", K::Number, "附录A 计算结果"},
        {"/stage1_days", "第一阶段人日", K::Number},
        {"/stage2_days", "第二阶段人日", K::Number},
        {"/justification", "人日计算依据", K::Multiline, "逐行说明"}}},
      {"ApproveReview", "批准评审并确认报价", Step::Review, F, "QP-21-02", "认证事业部",
       {{"/quote", "报价（元）", K::Number, "含年度监督费用"}}},
      {"RejectApplication", "不予受理", Step::Review, F, "", "质控部",
       {{"/reasons", "不予受理的理由", K::Multiline}}},
      {"WithdrawApplication", "撤回申请", Step::Application, F, "", "市场运营部（逾期视为撤回）或申请组织",
       {decide("/deemed", "逾期未补充，视为撤回（R17）", K::Bool, "请选择是否为逾期未补充、视为撤回（R17）"), {"/reason", "说明", K::Multiline}}},
      {"SignContract", "签订认证合同", Step::Contract, F, "QP-21-03", "市场运营部",
       {{"/number", "合同编号", K::Text},
        {"/valid_until", "有效期至", K::Date, "留空：签订之日起三年（R1）", {}, true},
        {"/price", "合同金额（元）", K::Number}}},
      {"AssignTeam", "组建审核组并委托", Step::Preparation, F, "QP-21-04", "项目管理人员",
       {{"/members", "审核组", K::Team}}},
      {"PlanAudit", "编制审核计划", Step::Preparation, F, "QP-21-05A / QP-21-07", "审核组长",
       {{"/stage", "审核阶段", K::Choice, "", kStages},
        {"/planned_start", "计划开始日期", K::Date},
        {"/plan_sent_on", "计划送达申请组织日期", K::Date, "现场审核前须送达", {}, true}},
       false, {Step::Stage2}},  // the stage-2 plan (07) is made once stage 1 is concluded
      {"ConcludeStage1", "完成第一阶段审核", Step::Stage1, F, "QP-21-05B", "审核组长",
       {{"/start", "开始日期", K::Date},
        {"/end", "结束日期", K::Date},
        decide("/ready", "具备第二阶段审核条件（R13）", K::Bool, "请选择是否具备第二阶段审核条件"),
        {"/likely_ncs", "可能成为不符合项的问题", K::Lines, "每行一项"}}},
      {"ApproveRemoteAudit", "批准远程审核", Step::Stage2, F, "远程审核协议", "认证事业部",
       {decide("/cause", "远程审核原因（R14）", K::Choice, "请选择远程审核原因", kRemoteCauses),
        {"/agreement_signed", "双方已签订远程审核协议", K::Bool}}},
      {"ConductStage2", "完成第二阶段审核", Step::Stage2, F, "QP-21-08 / 09 / 10", "审核组长",
       {{"/start", "开始日期", K::Date},
        {"/end", "结束日期", K::Date},
        {"/remote", "远程审核（须先批准，R14）", K::Bool},
        {"/commitments", "已签公正性及保密性承诺（QP-21-09）的成员", K::Lines, "每行一个用户名"}}},
      {"RaiseNonconformity", "开具不符合项", Step::Findings, F, "QP-21-13", "审核组长",
       {{"/id", "编号", K::Text},
        {"/audit_id", "所属审核", K::Text},
        {"/clause", "条款", K::Text},
        {"/description", "不符合事实", K::Multiline},
        decide("/major", "严重不符合", K::Bool, "请选择是否为严重不符合")},
       false, {Step::Stage2, Step::Report}},  // raised right after the audit, before the report
      {"RecordObservation", "开具观察项", Step::Findings, F, "QP-21-12", "审核组长",
       {{"/id", "编号", K::Text},
        {"/audit_id", "所属审核", K::Text},
        {"/clause", "条款", K::Text},
        {"/description", "观察事实", K::Multiline}},
       false, {Step::Stage2, Step::Report}},
      {"RecordCorrectiveAction", "登记纠正措施", Step::Findings, F, "QP-21-13", "申请组织（由本机构登记）",
       {{"/id", "不符合项编号", K::Text},
        {"/cause", "原因分析", K::Multiline},
        {"/correction", "纠正", K::Multiline},
        {"/corrective_action", "纠正措施", K::Multiline},
        {"/evidence_refs", "证据", K::Lines, "每行一项"}}, true},
      {"VerifyNonconformity", "验证不符合项", Step::Findings, F, "QP-21-13", "审核组长",
       {{"/id", "不符合项编号", K::Text},
        decide("/effective", "纠正措施有效", K::Bool, "请选择纠正措施是否有效"),
        {"/verification", "验证说明", K::Multiline}}},
      {"DeclareAuditFailed", "判定审核不通过", Step::Findings, F, "", "认证事业部",
       {{"/reason", "理由", K::Multiline}}},
      {"SubmitReport", "提交审核报告", Step::Report, F, "QP-21-11", "审核组长",
       {decide("/recommendation", "审核组推荐意见", K::Choice, "请选择审核组推荐意见", kRecommendations),
        {"/conclusion", "审核结论", K::Multiline}}},
      {"ReviewReport", "复核审核报告", Step::Report, F, "QP-21-11", "复核人员",
       {decide("/approved", "复核通过", K::Bool, "请选择是否复核通过"), {"/note", "复核意见", K::Multiline}}},
      {"ConfirmCertificateInfo", "确认证书信息", Step::Decision, F, "QP-21-14", "审核组长",
       {{"/name", "组织名称", K::Text},
        {"/registered_address", "注册地址", K::Text},
        {"/office_address", "办公地址", K::Text},
        {"/scope", "认证范围与级别", K::Scope},
        {"/headcount", "覆盖人数", K::Integer}}},
      {"DecideCertification", "作出认证决定", Step::Decision, F, "QP-21-15", "认证决定人员",
       {decide("/grant", "批准认证", K::Bool, "请选择是否批准认证"), {"/reasons", "决定理由", K::Multiline}}},
      {"IssueCertificate", "颁发证书", Step::Certificate, F, "QP-21-17", "质控部",
       {{"/number", "证书编号", K::Text, "按设置中的编号规则"}}},
      {"ReportToRegister", "上报认证信息（R5）", Step::Certificate, F, "", "质控部",
       {{"/reference", "上报回执编号", K::Text}}, false, {Step::Life}},  // suspensions, changes… too (R5)
      {"DeliverReport", "送达审核报告（R3）", Step::Certificate, F, "", "市场运营部",
       {{"/proof", "送达证明", K::Text, "如快递回执号"}}},
      {"ConductSurveillance", "完成监督审核", Step::Life, L, "QP-21-11", "审核组长",
       {{"/start", "开始日期", K::Date},
        {"/end", "结束日期", K::Date},
        {"/team", "审核组", K::Team},
        decide("/passed", "审核通过", K::Bool, "请选择审核是否通过"),
        {"/conclusion", "结论", K::Multiline}}},
      {"ApplyChange", "登记变更申请", Step::Life, L, "QP-21-26", "申请组织（由本机构登记）",
       {decide("/kind", "变更类型", K::Choice, "请选择变更类型", kChangeKinds),
        {"/new_value", "变更后内容", K::Text},
        {"/proof_ref", "证明材料", K::Text, "如营业执照变更证明"},
        decide("/major", "重大变更（组织结构、关键场所、服务过程），需增加监督", K::Bool, "请选择是否为重大变更")}, true},
      {"Suspend", "暂停证书", Step::Life, L, "QP-21-20", "认证事业部",
       {decide("/ground", "暂停依据", K::Choice, "请选择暂停依据", kSuspendGrounds),
        {"/months", "暂停月数", K::Integer, "0 为通常期限（R8）"},
        {"/note", "恢复条件与说明", K::Multiline}}},
      {"Restore", "恢复证书", Step::Life, L, "QP-21-23 / 24 / 25", "认证事业部",
       {{"/application_ref", "恢复申请书（QP-21-24）", K::Text}, {"/info_check", "信息核查报告（QP-21-23）", K::Multiline}}},
      {"Cancel", "注销证书", Step::Life, L, "QP-21-19 / 21", "认证事业部",
       {decide("/ground", "注销依据", K::Choice, "请选择注销依据", kCancelGrounds), {"/note", "说明", K::Multiline}}},
      {"Revoke", "撤销证书", Step::Life, L, "QP-21-22", "认证事业部",
       {decide("/ground", "撤销依据", K::Choice, "请选择撤销依据", kRevokeGrounds), {"/note", "说明", K::Multiline}}},
      {"Expire", "登记证书到期", Step::Life, L, "", "质控部", {}},
      {"OpenRecertification", "受理再认证申请", Step::Life, L, "QP-21-01", "市场运营部",
       {{"/application/scope", "再认证范围与级别", K::Scope},
        {"/application/headcount_in_scope", "范围内人数", K::Integer}}},
      {"OpenScopeExtension", "受理扩大范围申请", Step::Life, L, "QP-21-01", "市场运营部",
       {{"/application/scope", "扩大后的范围与级别", K::Scope},
        {"/application/headcount_in_scope", "范围内人数", K::Integer}}},
      {"ScheduleSpecialAudit", "安排特殊审核", Step::Life, L, "", "认证事业部",
       {{"/id", "编号", K::Text}, decide("/reason", "原因", K::Choice, "请选择特殊审核的原因", kSpecialReasons)}},
      {"RefuseSpecialAudit", "登记拒绝特殊审核（将暂停）", Step::Life, L, "", "认证事业部",
       {{"/id", "特殊审核编号", K::Text}}},
      {"ConductSpecialAudit", "完成特殊审核", Step::Life, L, "", "审核组长",
       {{"/id", "特殊审核编号", K::Text},
        {"/start", "开始日期", K::Date},
        {"/end", "结束日期", K::Date},
        {"/team", "审核组", K::Team},
        decide("/passed", "审核通过", K::Bool, "请选择审核是否通过"),
        {"/conclusion", "结论", K::Multiline}}},
      {"RegisterComplaint", "登记投诉或申诉", Step::Life, R, "IP-11-01", "质控部",
       {{"/id", "编号", K::Text},
        decide("/kind", "类别", K::Choice, "请选择是投诉还是申诉", kComplaintKinds),
        {"/complainant", "投诉（申诉）人", K::Text},
        {"/subject", "事由", K::Multiline}}},
      {"ResolveComplaint", "处理投诉或申诉", Step::Life, R, "IP-11-02 / 03", "质控部",
       {{"/id", "编号", K::Text},
        {"/outcome", "处理结果", K::Multiline},
        decide("/verified", "投诉经核实", K::Bool, "请选择投诉是否经核实"),
        decide("/extra_surveillance", "需增加监督审核", K::Bool, "请选择是否需增加监督审核")}},
      {"RecordSurvey", "登记满意度调查", Step::Life, R, "QP-21-16", "市场运营部",
       {{"/audit_id", "所属审核", K::Text}, {"/score", "满意度（1–5）", K::Integer}, {"/comments", "意见", K::Multiline}}},
      {"RecordForm", "登记表单（签到表、承诺书、方案等）", Step::Stage2, R, "附件1", "审核组长 / 质控部",
       {{"/code", "表单", K::Choice, "", kRecordedForms},
        {"/fields/date", "日期", K::Date},
        {"/fields/attendees", "出席或签署人员", K::Lines, "每行一人"},
        {"/fields/content", "内容", K::Multiline}},
       false,
       // Any form of the table can be kept with the case at any step.
       {Step::Application, Step::Review, Step::Contract, Step::Preparation, Step::Stage1, Step::Findings, Step::Report,
        Step::Decision, Step::Certificate, Step::Life}},
  };
}

json team_json(const std::vector<TeamMember>& team) {
  json out = json::array();
  for (const TeamMember& m : team) {
    certdesk::Command probe = AssignTeam{{m}};
    out.push_back(command_to_json(probe)["members"][0]);
  }
  return out;
}

json scope_json(const std::vector<ScopeItem>& scope) {
  json out = json::array();
  for (const ScopeItem& s : scope) out.push_back({{"category", s.category}, {"level", s.level}});
  return out;
}

// The next free id with this prefix among the case's findings / special audits / complaints.
template <class Range, class Get>
std::string next_id(const char* prefix, const Range& items, Get get) {
  for (int n = 1;; ++n) {
    const std::string id = std::string(prefix) + std::to_string(n);
    if (std::none_of(items.begin(), items.end(), [&](const auto& x) { return get(x) == id; })) return id;
  }
}

// The audit the findings of the current work belong to: the latest one held.
std::string latest_audit_id(const CaseState& s) {
  std::string id;
  std::optional<Date> when;
  auto consider = [&](const std::optional<Audit>& a) {
    if (a && a->end && (!when || *a->end >= *when)) {
      when = a->end;
      id = a->id;
    }
  };
  if (const Cycle* c = s.cycle()) {
    consider(c->stage1);
    consider(c->stage2);
  }
  for (const Audit& a : s.surveillances) consider(a);
  for (const SpecialAudit& sp : s.special_audits) consider(sp.audit);
  return id;
}

std::string first_open_nc(const CaseState& s, bool with_action) {
  for (const Finding& f : s.findings)
    if (f.kind == FindingKind::Nonconformity && !f.verified_on && (with_action == f.action_on.has_value())) return f.id;
  for (const Finding& f : s.findings)
    if (f.kind == FindingKind::Nonconformity && !f.verified_on) return f.id;
  return "";
}

}  // namespace

const std::vector<ActionSpec>& action_specs() {
  static const std::vector<ActionSpec> specs = build();
  return specs;
}

const ActionSpec* find_action(std::string_view type) {
  for (const ActionSpec& a : action_specs())
    if (type == a.type) return &a;
  return nullptr;
}

std::vector<const ActionSpec*> actions_of(Step step) {
  std::vector<const ActionSpec*> out;
  for (const ActionSpec& a : action_specs())
    if (a.step == step || std::find(a.also_in.begin(), a.also_in.end(), step) != a.also_in.end()) out.push_back(&a);
  return out;
}

Result<PersonDays> person_days_for(const CaseState& s, const PersonDaysTable& table) {
  const Cycle* c = s.cycle();
  if (!c) return input_error("case", "案件没有申请");
  return calculate_person_days(table, person_days_input(*c, table));
}

std::string next_certificate_number(const Settings& settings, const std::vector<CaseRecord>& cases, Date today) {
  std::set<std::string> used;
  for (const CaseRecord& c : cases) {
    if (c.state.certificate) used.insert(c.state.certificate->number);
    for (const Certificate& p : c.state.previous_certificates) used.insert(p.number);
  }
  auto n = certdesk::next_certificate_number(settings.certificate.number_pattern, today.year, used);
  return n ? n.value() : "";
}

json prefill(const ActionSpec& a, const CaseState& s, const PrefillContext& ctx) {
  const std::string type = a.type;
  json f = {{"type", type}};
  // Every field starts with an empty value of its kind, so the form has something to edit.
  for (const FieldSpec& fs : a.fields) {
    json::json_pointer p(fs.key);
    switch (fs.kind) {
      case K::Text: case K::Multiline: f[p] = ""; break;
      case K::Date: f[p] = fs.optional ? "" : ctx.today.iso(); break;
      case K::Number: f[p] = 0.0; break;
      case K::Integer: f[p] = 0; break;
      case K::Bool: f[p] = fs.decision ? json(nullptr) : json(false); break;
      case K::Choice: f[p] = fs.decision ? json(nullptr) : json(fs.choices.empty() ? "" : fs.choices.front().id); break;
      case K::Lines: case K::Team: case K::Scope: f[p] = json::array(); break;
    }
  }
  const Cycle* c = s.cycle();
  const Application* app = c ? &c->application : nullptr;
  if (type == "RequestSupplement") {
    // What the acceptance review marked as needing a supplement, one item per requirement.
    f["items"] = supplement_items(s);
  } else if (type == "AcceptApplication" && ctx.person_days) {
    if (auto pd = person_days_for(s, *ctx.person_days)) {
      f["person_days"] = pd.value().total;
      f["stage1_days"] = pd.value().stage1;
      f["stage2_days"] = pd.value().stage2;
      std::string lines;
      for (const std::string& l : pd.value().justification) lines += (lines.empty() ? "" : "\n") + l;
      f["justification"] = lines;
    }
  } else if (type == "ApproveReview" && c && c->review) {
    f["quote"] = c->review->quote;
  } else if (type == "SignContract") {
    f["number"] = "HT-" + std::to_string(ctx.today.year) + "-" + s.id;
    if (c && c->review) f["price"] = c->review->quote;
  } else if (type == "AssignTeam" && c) {
    f["members"] = team_json(c->team);
  } else if (type == "PlanAudit" && c) {
    f["stage"] = c->stage1 && c->stage1->end ? "stage2" : "stage1";
    f["plan_sent_on"] = ctx.today.iso();
  } else if (type == "ConductStage2" && c) {
    json ids = json::array();
    for (const TeamMember& m : c->team) ids.push_back(m.user_id);
    f["commitments"] = ids;
    if (c->stage2 && c->stage2->planned_start) f["start"] = c->stage2->planned_start->iso();
    f["remote"] = c->remote.has_value();
  } else if (type == "ConcludeStage1" && c && c->stage1 && c->stage1->planned_start) {
    f["start"] = c->stage1->planned_start->iso();
  } else if (type == "RaiseNonconformity" || type == "RecordObservation") {
    const bool nc = type == "RaiseNonconformity";
    f["id"] = next_id(nc ? "NC-" : "OB-", s.findings, [](const Finding& x) { return x.id; });
    f["audit_id"] = latest_audit_id(s);
  } else if (type == "RecordCorrectiveAction") {
    f["id"] = first_open_nc(s, false);
  } else if (type == "VerifyNonconformity") {
    f["id"] = first_open_nc(s, true);
  } else if (type == "ConfirmCertificateInfo" && app) {
    f["name"] = app->organisation.name;
    f["registered_address"] = app->organisation.registered_address;
    f["office_address"] = app->organisation.office_address;
    f["scope"] = scope_json(app->scope);
    f["headcount"] = app->headcount_in_scope;
  } else if (type == "IssueCertificate" && ctx.settings && ctx.cases && ctx.cases->pending_count() == 0) {
    // Every case's certificates are needed for the next free number (none while some still load).
    f["number"] = next_certificate_number(*ctx.settings, ctx.cases->cases(), ctx.today);
  } else if ((type == "ConductSurveillance" || type == "ConductSpecialAudit") && c) {
    f["team"] = team_json(c->team);
    if (type == "ConductSpecialAudit")
      for (const SpecialAudit& sp : s.special_audits)
        if (!sp.audit && !sp.refused_on) f["id"] = sp.id;
  } else if (type == "Suspend" && ctx.settings) {
    f["months"] = ctx.settings->suspension.default_months;
  } else if ((type == "OpenRecertification" || type == "OpenScopeExtension") && app) {
    // The organisation's data as the body holds it; the scope and headcount are edited here.
    certdesk::Command probe = OpenRecertification{*app};
    json ja = command_to_json(probe)["application"];
    if (s.certificate) {
      ja["organisation"]["name"] = s.certificate->name;
      ja["organisation"]["registered_address"] = s.certificate->registered_address;
      ja["organisation"]["office_address"] = s.certificate->office_address;
      ja["scope"] = scope_json(s.certificate->scope);
    }
    f["application"] = ja;
  } else if (type == "ScheduleSpecialAudit") {
    f["id"] = next_id("SP-", s.special_audits, [](const SpecialAudit& x) { return x.id; });
  } else if (type == "RefuseSpecialAudit") {
    for (const SpecialAudit& sp : s.special_audits)
      if (!sp.audit && !sp.refused_on) f["id"] = sp.id;
  } else if (type == "RegisterComplaint") {
    f["id"] = next_id("CP-", s.complaints, [](const Complaint& x) { return x.id; });
  } else if (type == "ResolveComplaint") {
    for (const Complaint& cp : s.complaints)
      if (!cp.resolved_on) {
        f["id"] = cp.id;
        break;
      }
  } else if (type == "RecordForm" && c) {
    json names = json::array();
    for (const TeamMember& m : c->team) names.push_back(m.name);
    f["fields"]["attendees"] = names;
  } else if (type == "RecordSurvey") {
    f["audit_id"] = latest_audit_id(s);
    f["score"] = 5;
  }
  return f;
}

Actor acting_actor(const ActionSpec& a, const Actor& me, const CaseState& s) {
  if (!a.by_applicant) return me;
  std::string org = "申请组织";
  if (s.certificate && !s.certificate->name.empty()) org = s.certificate->name;
  else if (const Cycle* c = s.cycle(); c && !c->application.organisation.name.empty()) org = c->application.organisation.name;
  Actor applicant;
  applicant.user_id = org + "（" + me.name + " 登记）";
  applicant.name = applicant.user_id;
  applicant.roles = {Role::Applicant};
  return applicant;
}

Result<certdesk::Command> form_command(const json& form) {
  // Optional dates left empty are not part of the command; typed dates are read leniently.
  json j = form;
  const std::string type = j.is_object() && j.contains("type") && j["type"].is_string() ? j["type"].get<std::string>() : "";
  if (const ActionSpec* a = find_action(type)) {
    for (const FieldSpec& fs : a->fields) {
      json::json_pointer p(fs.key);
      // Issue 15: an unchosen decision (null, as the form starts) is the user's to make, never a
      // default of the reader. A command that leaves the key out (the hook, scenarios) keeps the
      // domain's documented default.
      if (fs.decision && j.contains(p) && j[p].is_null()) return RuleViolation{"INPUT", fs.prompt_zh, fs.key.substr(1)};
      if (fs.kind != K::Date || !j.contains(p) || !j[p].is_string()) continue;
      if (fs.optional && j[p].get<std::string>().empty()) {
        j[p.parent_pointer()].erase(p.back());
      } else if (auto d = Date::parse_loose(j[p].get<std::string>())) {
        j[p] = d->iso();  // dates as people type them: "2025/3/5" is 2025-03-05 (issue 15)
      } else if (!j[p].get<std::string>().empty()) {
        // Not every command reads its dates (RecordForm keeps free fields): a typed date that is
        // not one never goes out, whatever the command does with it.
        std::string path = fs.key.substr(1);
        std::replace(path.begin(), path.end(), '/', '.');
        return input_error(path, "不是有效日期");
      }
    }
  }
  return certdesk::command_from_json(j);
}

// ---- issue 15: deliberate acts ----------------------------------------------------------------

namespace {

const FieldSpec* field_of(const ActionSpec& a, std::string_view key) {
  for (const FieldSpec& fs : a.fields)
    if (fs.key == key) return &fs;
  return nullptr;
}

// The value at a field's pointer, or null when the form lacks it.
json at(const json& form, const std::string& key) {
  json::json_pointer p(key);
  return form.contains(p) ? form[p] : json(nullptr);
}

std::string text_at(const json& form, const std::string& key) {
  const json v = at(form, key);
  return v.is_string() ? v.get<std::string>() : "";
}

// Blank: empty or only spaces (ASCII or full-width), so "  " is no reason.
bool blank(const std::string& text) {
  std::string_view t = text;
  for (std::size_t i = 0; i < t.size();) {
    if (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r') ++i;
    else if (t.substr(i, 3) == "\u3000") i += 3;
    else return false;
  }
  return true;
}

std::optional<bool> bool_at(const json& form, const std::string& key) {
  const json v = at(form, key);
  if (v.is_boolean()) return v.get<bool>();
  return std::nullopt;
}

std::optional<double> number_at(const json& form, const std::string& key) {
  const json v = at(form, key);
  if (v.is_number()) return v.get<double>();
  return std::nullopt;
}

std::string number_text(double d) {
  char buf[48];
  if (d == static_cast<double>(static_cast<long long>(d))) std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(d));
  else std::snprintf(buf, sizeof buf, "%.2f", d);
  std::string out = buf;
  if (out.find('.') != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  return out;
}

const char* choice_label(const FieldSpec& fs, const std::string& id) {
  for (const Choice& c : fs.choices)
    if (id == c.id) return c.label_zh;
  return nullptr;
}

}  // namespace

const FormIssue* FormIssues::error_for(std::string_view key) const {
  for (const FormIssue& i : errors)
    if (i.key == key) return &i;
  return nullptr;
}

const FormIssue* FormIssues::warning_for(std::string_view key) const {
  for (const FormIssue& i : warnings)
    if (i.key == key) return &i;
  return nullptr;
}

FormIssues form_issues(const ActionSpec& a, const json& form, const CaseState& s, const PrefillContext& ctx) {
  FormIssues out;
  const std::string type = a.type;
  auto error = [&](const char* key, std::string message) {
    if (!out.error_for(key)) out.errors.push_back({key, std::move(message)});
  };
  auto warn = [&](const std::string& key, std::string message) { out.warnings.push_back({key, std::move(message)}); };
  auto label = [&](const char* key) -> std::string {
    const FieldSpec* fs = field_of(a, key);
    return fs ? fs->label_zh : key;
  };
  // A reason the procedure asks for: "请填写<label>" (with why, when it depends on a choice).
  auto need_text = [&](const char* key, const std::string& when) {
    if (field_of(a, key) && blank(text_at(form, key))) error(key, when + "请填写“" + label(key) + "”");
  };

  // 1. Decisions chosen (null until the user picks one).
  for (const FieldSpec& fs : a.fields)
    if (fs.decision && at(form, fs.key).is_null()) error(fs.key.c_str(), fs.prompt_zh);

  // 2. Reasons where the procedure asks for one.
  if (type == "RejectApplication") need_text("/reasons", "不予受理须说明理由（§6.2）：");
  if (type == "WithdrawApplication" && bool_at(form, "/deemed") == false)
    need_text("/reason", "申请组织主动撤回时，");
  if (type == "DecideCertification") need_text("/reasons", "认证决定须说明理由（§6.5，QP-21-15）：");
  if (type == "ReviewReport" && bool_at(form, "/approved") == false) need_text("/note", "复核不通过时，");
  if (type == "DeclareAuditFailed") need_text("/reason", "判定审核不通过须说明理由：");
  if (type == "VerifyNonconformity" && bool_at(form, "/effective") == false) need_text("/verification", "纠正措施无效时，");
  if ((type == "ConductSurveillance" || type == "ConductSpecialAudit") && bool_at(form, "/passed") == false)
    need_text("/conclusion", "审核不通过时，");
  if (type == "SubmitReport" && text_at(form, "/recommendation") == "refuse") need_text("/conclusion", "不推荐认证时，");
  if (type == "Suspend") need_text("/note", "暂停通知须写明恢复条件（§6.7.3.2）：");
  if ((type == "Suspend" || type == "Cancel" || type == "Revoke") && text_at(form, "/ground") == "other")
    need_text("/note", "依据为“其他”时，");
  if (type == "Revoke") need_text("/note", "撤销须说明事实（§6.7.3.5）：");

  // 3. Warnings: allowed, but worth a second look.
  for (const char* key : {"/quote", "/price"})
    if (const auto v = number_at(form, key); v && field_of(a, key)) {
      if (*v < 0) warn(key, label(key) + "为负数（" + number_text(*v) + " 元），请核对");
      else if (*v == 0) warn(key, label(key) + "为 0 元，请核对");
    }
  const Cycle* c = s.cycle();
  if (type == "SignContract" && c && c->review && c->review->approved_on) {
    const auto price = number_at(form, "/price");
    if (price && *price > 0 && c->review->quote > 0 && *price != c->review->quote)
      warn("/price", "合同金额与批准的报价 " + number_text(c->review->quote) + " 元不一致");
  }
  if (type == "AcceptApplication") {
    const auto total = number_at(form, "/person_days");
    const auto s1 = number_at(form, "/stage1_days"), s2 = number_at(form, "/stage2_days");
    if (total && *total <= 0) warn("/person_days", "审核人日为 " + number_text(*total) + "，请核对");
    else if (total && ctx.person_days) {
      if (auto pd = person_days_for(s, *ctx.person_days); pd && pd.value().total > 0) {
        const double calc = pd.value().total;
        const double diff = (*total - calc) / calc;
        // 附录A allows reductions of at most 30 % with reasons; beyond that the number is suspect.
        if (diff > 0.3 || diff < -0.3)
          warn("/person_days", "与附录A计算结果 " + number_text(calc) + " 人日相差 " +
                                   number_text(static_cast<double>(static_cast<int>(std::abs(diff) * 100 + 0.5))) +
                                   "%，请在“人日计算依据”中说明");
      }
    }
    if (total && s1 && s2 && *total > 0 && std::abs(*s1 + *s2 - *total) > 0.01)
      warn("/stage2_days", "第一、二阶段人日之和（" + number_text(*s1 + *s2) + "）与审核人日（" + number_text(*total) + "）不一致");
  }
  for (const FieldSpec& fs : a.fields) {
    if (fs.kind == FieldKind::Integer && (fs.key == "/headcount" || fs.key == "/application/headcount_in_scope")) {
      if (const auto v = number_at(form, fs.key); v && *v <= 0) warn(fs.key, std::string(fs.label_zh) + "为 " + number_text(*v) + "，请核对");
    }
    if (fs.kind != FieldKind::Date) continue;
    const auto d = Date::parse(text_at(form, fs.key));
    if (!d) continue;
    // A contract runs three years (R1): its end lies that far ahead; other dates within a year.
    const bool until = fs.key.find("valid_until") != std::string::npos;
    const Date earliest = ctx.today.add_years(-1), latest = ctx.today.add_years(until ? 3 : 1).add_months(until ? 1 : 0);
    if (*d < earliest) warn(fs.key, std::string(fs.label_zh) + " " + d->iso() + " 早于一年前，请核对");
    else if (*d > latest)
      warn(fs.key, std::string(fs.label_zh) + " " + d->iso() + (until ? " 超过三年后，请核对（R1）" : " 晚于一年后，请核对"));
  }
  if (type == "RecordSurvey")
    if (const auto v = number_at(form, "/score"); v && (*v < 1 || *v > 5)) warn("/score", "满意度应为 1 至 5");
  return out;
}

json dry_run_form(const ActionSpec& a, const json& form) {
  json j = form;
  for (const FieldSpec& fs : a.fields) {
    if (!fs.decision) continue;
    json::json_pointer p(fs.key);
    if (j.contains(p) && !j[p].is_null()) continue;
    if (fs.kind == FieldKind::Bool) j[p] = true;
    else if (!fs.choices.empty()) j[p] = fs.choices.front().id;
  }
  return j;
}

bool needs_confirmation(const ActionSpec& a) {
  // Routine records (plans, findings, forms, registrations) are corrected by a later record; these
  // decide, approve, conclude or change the certificate — every one is part of the legal record.
  static const std::set<std::string_view> kConfirmed = {
      "AcceptApplication", "ApproveReview",      "RejectApplication",   "WithdrawApplication", "SignContract",
      "ConcludeStage1",    "ApproveRemoteAudit", "ConductStage2",       "VerifyNonconformity", "DeclareAuditFailed",
      "SubmitReport",      "ReviewReport",       "DecideCertification", "IssueCertificate",    "ConductSurveillance",
      "Suspend",           "Restore",            "Cancel",              "Revoke",              "Expire",
      "RefuseSpecialAudit", "ConductSpecialAudit", "ResolveComplaint"};
  if (kConfirmed.count(a.type)) return true;
  for (const FieldSpec& fs : a.fields)
    if (fs.decision) return true;
  return false;
}

std::vector<SummaryLine> form_summary(const ActionSpec& a, const json& form, const Catalogue* catalogue) {
  std::vector<SummaryLine> out;
  for (const FieldSpec& fs : a.fields) {
    const json v = at(form, fs.key);
    std::string text;
    switch (fs.kind) {
      case FieldKind::Bool: text = v.is_boolean() ? (v.get<bool>() ? "是" : "否") : "（未选择）"; break;
      case FieldKind::Choice:
        if (v.is_string()) {
          const char* l = choice_label(fs, v.get<std::string>());
          text = l ? l : v.get<std::string>();
        } else {
          text = "（未选择）";
        }
        break;
      case FieldKind::Number:
        text = v.is_number() ? number_text(v.get<double>()) : "";
        if (fs.key == "/quote" || fs.key == "/price") text += " 元";
        break;
      case FieldKind::Integer: text = v.is_number() ? number_text(v.get<double>()) : ""; break;
      case FieldKind::Text: case FieldKind::Multiline: case FieldKind::Date:
        text = v.is_string() ? v.get<std::string>() : "";
        break;
      case FieldKind::Lines:
        if (v.is_array())
          for (const json& l : v)
            if (l.is_string()) text += (text.empty() ? "" : "；") + l.get<std::string>();
        break;
      case FieldKind::Team:
        if (v.is_array())
          for (const json& m : v) {
            if (!m.is_object()) continue;
            const std::string name = m.contains("name") && m["name"].is_string() ? m["name"].get<std::string>() : "";
            std::string role = m.contains("role") && m["role"].is_string() ? m["role"].get<std::string>() : "";
            for (int r = 0; r <= static_cast<int>(TeamRole::Observer); ++r)
              if (role == enum_id(static_cast<TeamRole>(r))) role = enum_label(static_cast<TeamRole>(r));
            text += (text.empty() ? "" : "、") + name + "（" + role + "）";
          }
        break;
      case FieldKind::Scope:
        if (v.is_array())
          for (const json& it : v) {
            if (!it.is_object()) continue;
            const std::string code = it.contains("category") && it["category"].is_string() ? it["category"].get<std::string>() : "";
            const std::string level = it.contains("level") && it["level"].is_string() ? it["level"].get<std::string>() : "";
            const ServiceCategory* sc = catalogue ? find_category(*catalogue, code) : nullptr;
            text += (text.empty() ? "" : "、") + (sc ? sc->name_zh : code) + " " + level;
          }
        break;
    }
    // An optional date left empty says what that means ("留空：签订之日起三年（R1）").
    if (text.empty() || text == " 元")
      text = fs.kind == FieldKind::Date && fs.optional ? (*fs.hint_zh ? fs.hint_zh : "（留空）") : "（未填写）";
    out.push_back({fs.label_zh, text});
  }
  return out;
}

std::string row_removal_text_zh(const FieldSpec& fs, const json& rows, std::size_t index, const Catalogue* catalogue) {
  if (!rows.is_array() || index >= rows.size()) return "";
  const auto text = [](const json& row, const char* k) {
    return row.is_object() && row.contains(k) && row[k].is_string() ? row[k].get<std::string>() : std::string();
  };
  const json& row = rows[index];
  std::string out;
  if (fs.kind == FieldKind::Team) {
    std::string name = text(row, "name").empty() ? text(row, "user_id") : text(row, "name");
    if (name.empty()) name = "第 " + std::to_string(index + 1) + " 位";
    std::string role = text(row, "role");
    for (int r = 0; r <= static_cast<int>(TeamRole::Observer); ++r)
      if (role == enum_id(static_cast<TeamRole>(r))) role = enum_label(static_cast<TeamRole>(r));
    const std::string reg = text(row, "registration_no");
    out = "已删除审核组成员“" + name + "”";
    std::string with;
    if (!role.empty()) with = "组内角色（" + role + "）";
    if (!reg.empty()) with += (with.empty() ? "" : "和") + std::string("注册号（") + reg + "）";
    if (!text(row, "last_consulted_client").empty()) with += (with.empty() ? "" : "、") + std::string("咨询记录");
    if (!with.empty()) out += "，其" + with + "一并移除";
    // What the team is left without.
    bool leader_left = false;
    for (std::size_t i = 0; i < rows.size(); ++i)
      if (i != index && text(rows[i], "role") == "leader") leader_left = true;
    if (rows.size() == 1) out += "；审核组现在没有成员";
    else if (text(row, "role") == "leader" && !leader_left) out += "；审核组现在没有组长";
  } else {
    const std::string code = text(row, "category");
    const ServiceCategory* sc = catalogue ? find_category(*catalogue, code) : nullptr;
    out = std::string("已删除") + fs.label_zh + "中的“" + (sc ? sc->name_zh : code) + " " + text(row, "level") +
          "”，该服务类别及其级别不再列入范围";
    if (rows.size() == 1) out += "；范围现为空";
  }
  return out + "。尚未办理，可撤销。";
}

}  // namespace certdesk::ui
