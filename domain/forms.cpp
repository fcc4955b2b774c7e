// domain/forms.cpp — the form catalogue of 附件1 and what each form starts from. The printed
// document is built in forms_html.cpp. Labels carry no rule ids: the printed forms are official
// documents (issue 15); the rules are cited in the code and in the app.
#include "domain/forms.hpp"

#include <algorithm>

namespace certdesk::forms {

namespace {

using nlohmann::json;
using K = FieldKind;

// ---- fields shared by many forms: the same key is the same fact everywhere ------------------
FieldSpec line(const char* key, const char* label) { return {key, label, K::Line}; }
FieldSpec text(const char* key, const char* label) { return {key, label, K::Text}; }
FieldSpec date(const char* key, const char* label) { return {key, label, K::Date}; }
FieldSpec rows(const char* key, const char* label, std::vector<Column> cols) { return {key, label, K::Rows, std::move(cols)}; }

const FieldSpec kOrg = line("organisation", "组织名称");
const FieldSpec kRegAddr = line("registered_address", "注册地址");
const FieldSpec kOfficeAddr = line("office_address", "办公地址");
const FieldSpec kScope = rows("scope", "认证范围及级别", {{"服务类别"}, {"级别"}});
const FieldSpec kHeadcount = line("headcount", "认证范围内人数");
const FieldSpec kSites = rows("sites", "场所", {{"名称"}, {"地址"}});
const FieldSpec kTeam = rows("team", "审核组", {{"姓名"}, {"审核角色"}, {"注册号"}});
const FieldSpec kCriteria = line("criteria", "审核准则");
const FieldSpec kObjectives = text("objectives", "审核目的");
const FieldSpec kCertNo = line("certificate_no", "证书编号");
const FieldSpec kAttendees = rows("attendees", "签到", {{"姓名"}, {"单位"}, {"职务"}, {"联系电话"}});

std::vector<FormSpec> build() {
  return {
      {"QP-21-01", "认证申请书", "申请组织",
       {kOrg, line("credit_code", "统一社会信用代码"), kRegAddr, kOfficeAddr, line("legal_representative", "法定代表人"),
        rows("contacts", "联系人", {{"姓名"}, {"电话"}, {"电子邮箱"}}), text("business_scope", "经营范围"), kHeadcount, kSites,
        rows("licences", "行政许可", {{"名称"}, {"编号"}, {"有效期至"}}), kScope, date("founded_on", "成立日期"),
        line("penalty", "近一年行政处罚情况"), date("applied_on", "申请日期")},
       {"申请组织法定代表人（签字并盖章）"}},
      {"QP-21-02", "申请书评审表", "质控部",
       {kOrg, kRegAddr, kOfficeAddr, line("audit_type", "审核类型"), kScope, kHeadcount, line("person_days", "审核人日"),
        line("stage1_days", "第一阶段人日"), line("stage2_days", "第二阶段人日"), text("justification", "人日计算依据（附录A）"),
        text("competence", "人员能力及时间安排评审"), line("review_conclusion", "评审结论"), date("reviewed_on", "评审日期")},
       {"质控部评审人", "认证事业部批准"}},
      {"ACCEPTANCE-NOTICE", "申请受理通知书", "市场运营部",
       {kOrg, date("applied_on", "申请日期"), kScope, line("person_days", "审核人日"), line("quote", "认证费用报价（元）"),
        text("notice_text", "通知内容"), date("accepted_on", "受理日期")},
       {"市场运营部（盖章）"}},
      {"QP-21-03", "认证合同", "市场运营部",
       {line("contract_no", "合同编号"), kOrg, kRegAddr, kScope, line("price", "合同金额（元，含年度监督）"),
        date("contract_signed_on", "签订日期"), date("contract_valid_until", "有效期至"), kCriteria,
        text("terms", "双方权利和义务"), text("confidentiality", "保密及认证证书、标志使用")},
       {"认证机构授权代表（盖章）", "申请组织授权代表（盖章）"}},
      {"QP-21-04", "审核任务委托书", "项目管理人员",
       {kOrg, line("audit_type", "审核类型"), kScope, line("person_days", "审核人日"), line("stage1_days", "第一阶段人日"),
        line("stage2_days", "第二阶段人日"), kTeam, date("stage2_planned", "计划审核日期"), text("task", "任务要求")},
       {"项目管理人员", "审核组长（接受任务）"}},
      {"QP-21-05A", "文档审核计划", "审核组长",
       {kOrg, kScope, kCriteria, date("stage1_planned", "计划日期"), kTeam, text("review_items", "审核内容（文件清单）")},
       {"审核组长"}},
      {"QP-21-05B", "文档审核报告", "审核组长",
       {kOrg, kScope, date("stage1_start", "审核开始日期"), date("stage1_end", "审核结束日期"), kTeam, kCriteria,
        text("stage1_findings", "审核发现"), text("likely_ncs", "可能成为不符合的问题"),
        line("stage1_conclusion", "结论（是否具备第二阶段审核条件，R13）")},
       {"审核组长", "受审核方代表"}},
      {"QP-21-06", "审核方案", "审核组长",
       {kOrg, kScope, kHeadcount, kSites, kCriteria,
        rows("programme", "审核安排", {{"审核类型"}, {"计划时间"}, {"人日"}, {"审核组"}}), text("risks", "风险及关注点")},
       {"审核组长"}},
      {"QP-21-07", "现场审核计划", "审核组长",
       {kOrg, kScope, kSites, kCriteria, kObjectives, date("stage2_planned", "审核日期"), line("stage2_mode", "审核方式"), kTeam,
        rows("agenda", "审核日程", {{"日期时间"}, {"审核内容"}, {"条款"}, {"审核员"}}), date("plan_sent_on", "计划送达受审核方日期")},
       {"审核组长", "受审核方确认"}},
      {"QP-21-08", "首次会议签到表", "与会人员",
       {kOrg, date("meeting_date", "会议日期"), line("meeting_place", "会议地点"), kAttendees}, {"审核组长"}},
      {"QP-21-09", "公正性及保密性承诺", "审核组成员",
       {line("member_name", "承诺人"), line("member_role", "审核角色"), kOrg, text("commitment", "承诺内容"),
        line("last_consulted", "与受审核方的咨询关系（最近一次日期）")},
       {"承诺人"}},
      {"QP-21-10", "末次会议签到表", "与会人员",
       {kOrg, date("meeting_date", "会议日期"), line("meeting_place", "会议地点"), kAttendees}, {"审核组长"}},
      {"QP-21-11", "现场审核报告", "审核组长、复核人员",
       {kOrg, kRegAddr, kOfficeAddr, kScope, kCriteria, kObjectives, kTeam, date("stage2_start", "审核开始日期"),
        date("stage2_end", "审核结束日期"), kSites, line("stage2_mode", "审核方式"), text("findings", "审核发现"),
        rows("ncs", "不符合项", {{"编号"}, {"条款"}, {"描述"}, {"类型"}, {"状态"}}), text("conclusion", "审核结论"),
        line("recommendation", "审核组推荐意见")},
       {"审核组长", "复核人员"}},
      {"QP-21-12", "观察项报告", "审核组长",
       {kOrg, line("audit_id", "审核"), line("obs_id", "观察项编号"), line("clause", "条款"), text("description", "观察项描述"),
        date("raised_on", "提出日期"), text("improvement", "改进要求（下次审核时验证）")},
       {"审核组长", "受审核方代表"}},
      {"QP-21-13", "不符合项报告", "审核组长、受审核方",
       {kOrg, line("audit_id", "审核"), line("nc_id", "不符合项编号"), line("clause", "条款"), line("severity", "类型"),
        text("description", "不符合事实描述"), date("raised_on", "提出日期"), text("cause", "原因分析"),
        text("correction", "纠正"), text("corrective_action", "纠正措施"), text("evidence", "证据"),
        text("verification", "验证结论"), date("verified_on", "验证日期（不超过 6 个月）")},
       {"审核组长", "受审核方代表", "验证人"}},
      {"QP-21-14", "证书信息确认表", "审核组长、受审核方",
       {kOrg, kRegAddr, kOfficeAddr, kScope, kHeadcount, date("confirmed_on", "确认日期")},
       {"审核组长", "受审核方代表（盖章）"}},
      {"QP-21-15", "认证决定记录表", "认证决定人员",
       {kOrg, kScope, text("conclusion", "审核结论"), line("recommendation", "审核组推荐意见"), line("decision", "认证决定"),
        text("decision_reasons", "决定理由"), date("decided_on", "决定日期"), line("decided_by", "认证决定人员")},
       {"认证决定人员"}},
      {"QP-21-16", "顾客满意度调查表", "受审核方",
       {kOrg, line("audit_id", "审核"), rows("survey_items", "评价", {{"调查项目"}, {"评价（1–5）"}}), line("score", "总体评分（1–5）"),
        text("comments", "意见和建议")},
       {"受审核方代表"}},
      {"QP-21-17", "证书签批请示", "质控部",
       {kOrg, kCertNo, kScope, kRegAddr, kOfficeAddr, kHeadcount, date("decided_on", "认证决定日期"),
        date("issued_on", "发证日期"), date("expires_on", "有效期至"), text("request_text", "请示内容")},
       {"质控部", "批准人"}},
      {"QP-21-18", "项目文档清单", "质控部",
       {kOrg, line("case_id", "案件编号"), rows("documents", "文档", {{"序号"}, {"文件名称"}, {"日期"}, {"备注"}})},
       {"归档人", "质控部"}},
      {"QP-21-19", "注销认证证书申请书", "获证组织",
       {kOrg, kCertNo, kScope, text("cancel_reason", "申请注销原因"), date("applied_on", "申请日期")},
       {"获证组织法定代表人（盖章）"}},
      {"QP-21-20", "暂停通知单", "认证机构",
       {kOrg, kCertNo, kScope, line("status_ground", "暂停原因"), date("status_on", "暂停开始日期"),
        date("suspended_until", "暂停期限至（一般 3 个月，最长 6 个月）"), text("lift_conditions", "恢复条件"),
        text("status_note", "说明")},
       {"认证机构（盖章）"}},
      {"QP-21-21", "注销通知单", "认证机构",
       {kOrg, kCertNo, kScope, line("status_ground", "注销原因"), date("status_on", "注销日期"), text("status_note", "说明")},
       {"认证机构（盖章）"}},
      {"QP-21-22", "撤销通知单", "认证机构",
       {kOrg, kCertNo, kScope, line("status_ground", "撤销原因"), date("status_on", "撤销日期"), text("status_note", "说明")},
       {"认证机构（盖章）"}},
      {"QP-21-23", "暂停期间信息核查报告", "审核组长",
       {kOrg, kCertNo, line("status_ground", "暂停原因"), date("status_on", "暂停开始日期"), text("check_content", "核查内容"),
        text("check_conclusion", "核查结论")},
       {"审核组长"}},
      {"QP-21-24", "恢复使用认证证书和认证标志的申请书", "获证组织",
       {kOrg, kCertNo, line("status_ground", "暂停原因"), text("rectification", "整改情况"), date("applied_on", "申请日期")},
       {"获证组织法定代表人（盖章）"}},
      {"QP-21-25", "恢复使用认证证书和标志的通知", "认证机构",
       {kOrg, kCertNo, kScope, date("status_on", "恢复日期"), text("status_note", "说明")}, {"认证机构（盖章）"}},
      {"QP-21-26", "证书变更申请书", "获证组织",
       {kOrg, kCertNo, line("change_kind", "变更类型"), line("change_old", "原内容"), line("change_new_value", "变更后内容"),
        text("change_reason", "变更原因"), line("proof", "证明材料"), date("applied_on", "申请日期")},
       {"获证组织法定代表人（盖章）"}},
      {"IP-11-01", "申诉和投诉登记表", "认证机构",
       {kOrg, rows("complaints", "登记", {{"编号"}, {"类型"}, {"投诉/申诉人"}, {"事由"}, {"收到日期"}, {"状态"}})}, {"登记人"}},
      {"IP-11-02", "申诉和投诉处理表", "认证机构",
       {kOrg, line("complaint_id", "编号"), line("complaint_kind", "类型"), line("complainant", "投诉/申诉人"),
        text("subject", "事由"), date("received_on", "收到日期"), text("investigation", "调查情况"), text("outcome", "处理结果"),
        date("resolved_on", "处理日期")},
       {"处理人", "批准人"}},
      {"IP-11-03", "申诉和投诉处理通知单", "认证机构",
       {kOrg, line("complaint_id", "编号"), line("complainant", "投诉/申诉人"), text("subject", "事由"),
        text("outcome", "处理结果"), date("resolved_on", "处理日期")},
       {"认证机构（盖章）"}},
      {"REMOTE-AGREEMENT", "远程审核协议", "认证机构、受审核方",
       {kOrg, line("remote_cause", "远程审核原因"), line("remote_tools", "远程方式及工具"),
        text("remote_security", "信息安全与保密约定"), date("stage2_planned", "审核日期"), date("approved_on", "批准日期")},
       {"认证机构授权代表", "受审核方代表"}},
  };
}

// ---- what the case knows, by field key -------------------------------------------------------
std::string opt(const std::optional<Date>& d) { return d ? d->iso() : ""; }
std::string num(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

json scope_rows(const std::vector<ScopeItem>& scope, const Catalogue* cat) {
  json out = json::array();
  for (const ScopeItem& i : scope) {
    const ServiceCategory* c = cat ? find_category(*cat, i.category) : nullptr;
    out.push_back({c ? c->name_zh : i.category, i.level});
  }
  return out;
}

json team_rows(const std::vector<TeamMember>& team) {
  json out = json::array();
  for (const TeamMember& m : team) out.push_back({m.name, std::string(enum_label(m.role)), m.registration_no});
  return out;
}

const Finding* latest(const CaseState& s, FindingKind k) {
  for (auto it = s.findings.rbegin(); it != s.findings.rend(); ++it)
    if (it->kind == k) return &*it;
  return nullptr;
}

void put_finding(json& k, const Finding& f, bool nc) {
  k[nc ? "nc_id" : "obs_id"] = f.id;
  k["audit_id"] = f.audit_id;
  k["clause"] = f.clause;
  k["description"] = f.description;
  k["raised_on"] = f.raised_on.iso();
  if (!nc) return;
  k["severity"] = f.major ? "严重不符合" : "一般不符合";
  k["cause"] = f.cause;
  k["correction"] = f.correction;
  k["corrective_action"] = f.corrective_action;
  std::string ev;
  for (const std::string& e : f.evidence_refs) ev += (ev.empty() ? "" : "\n") + e;
  k["evidence"] = ev;
  k["verification"] = f.verification;
  k["verified_on"] = opt(f.verified_on);
}

void put_application(json& k, const Cycle& c, const PrefillInput& in) {
  const Application& a = c.application;
  const Organisation& o = a.organisation;
  k["organisation"] = o.name;
  k["credit_code"] = o.credit_code;
  k["registered_address"] = o.registered_address;
  k["office_address"] = o.office_address;
  k["legal_representative"] = o.legal_representative;
  k["contacts"] = json::array();
  for (const Contact& ct : o.contacts) k["contacts"].push_back({ct.name, ct.phone, ct.email});
  k["business_scope"] = o.business_scope;
  k["headcount"] = std::to_string(a.headcount_in_scope);
  k["sites"] = json::array();
  for (const Site& s : a.sites) k["sites"].push_back({s.name, s.address});
  k["licences"] = json::array();
  for (const Licence& l : a.licences) k["licences"].push_back({l.name, l.number, opt(l.valid_until)});
  k["scope"] = scope_rows(a.scope, in.catalogue);
  k["founded_on"] = opt(a.founded_on);
  k["penalty"] = a.last_administrative_penalty ? "最近一次：" + a.last_administrative_penalty->iso() : "无";
  k["applied_on"] = c.applied_on.iso();
  k["audit_type"] = c.kind == CycleKind::Initial ? "初次认证" : c.kind == CycleKind::Recertification ? "再认证" : "扩大范围";
}

void put_cycle(json& k, const Cycle& c) {
  if (const auto& r = c.review) {
    k["person_days"] = num(r->person_days);
    k["stage1_days"] = num(r->stage1_days);
    k["stage2_days"] = num(r->stage2_days);
    k["justification"] = r->justification;
    k["reviewed_on"] = r->reviewed_on.iso();
    k["review_conclusion"] = "予以受理";
    if (r->quote > 0) k["quote"] = num(r->quote);
    if (r->approved_on) k["accepted_on"] = r->approved_on->iso();
  }
  if (const auto& ct = c.contract) {
    k["contract_no"] = ct->number;
    k["contract_signed_on"] = ct->signed_on.iso();
    k["contract_valid_until"] = ct->valid_until.iso();
    k["price"] = num(ct->price);
  }
  if (!c.team.empty()) k["team"] = team_rows(c.team);
  if (const auto& a = c.stage1) {
    k["stage1_planned"] = opt(a->planned_start);
    k["stage1_start"] = opt(a->start);
    k["stage1_end"] = opt(a->end);
    if (a->end) k["stage1_conclusion"] = c.stage1_ready ? "具备第二阶段审核条件" : "不具备第二阶段审核条件";
  }
  std::string likely;
  for (const std::string& l : c.stage1_likely_ncs) likely += (likely.empty() ? "" : "\n") + l;
  k["likely_ncs"] = likely;
  if (const auto& a = c.stage2) {
    k["stage2_planned"] = opt(a->planned_start);
    k["plan_sent_on"] = opt(a->plan_sent_on);
    k["stage2_start"] = opt(a->start);
    k["stage2_end"] = opt(a->end);
    k["stage2_mode"] = a->remote ? "远程审核" : "现场审核";
    k["meeting_date"] = opt(a->start ? a->start : a->planned_start);
    if (!a->team.empty()) k["team"] = team_rows(a->team);
  }
  if (const auto& r = c.remote) {
    static const char* causes[] = {"", "极端天气", "卫生事件", "安全事件"};
    k["remote_cause"] = causes[static_cast<int>(r->cause)];
    k["approved_on"] = r->approved_on.iso();
  }
  if (const auto& r = c.report) {
    k["conclusion"] = r->conclusion;
    k["recommendation"] = r->recommendation == Recommendation::Grant ? "推荐认证" : "不推荐认证";
  }
  if (const auto& i = c.info) {
    k["organisation"] = i->name;
    k["registered_address"] = i->registered_address;
    k["office_address"] = i->office_address;
    k["headcount"] = std::to_string(i->headcount);
    k["confirmed_on"] = i->confirmed_on.iso();
  }
  if (const auto& d = c.decision) {
    k["decision"] = d->granted ? "批准认证" : "不予认证";
    k["decision_reasons"] = d->reasons;
    k["decided_on"] = d->decided_on.iso();
    k["decided_by"] = d->decided_by;
  }
}

void put_certificate(json& k, const CaseState& s, const PrefillInput& in) {
  const Certificate& c = *s.certificate;
  k["certificate_no"] = c.number;
  k["issued_on"] = c.issued_on.iso();
  k["expires_on"] = c.expires_on.iso();
  k["scope"] = scope_rows(c.scope, in.catalogue);
  k["organisation"] = c.name;
  k["suspended_until"] = opt(c.suspended_until);
  // The latest status change: the notices 20–25 speak of it.
  if (!c.history.empty() && c.history.back().ground != StatusGround::Issued) {
    const StatusChange& last = c.history.back();
    k["status_ground"] = std::string(enum_label(last.ground));
    k["status_on"] = last.on.iso();
    k["status_note"] = last.note;
  }
  // The suspension a restoration lifts (23, 24): its ground when the latest change names none.
  for (auto it = c.history.rbegin(); it != c.history.rend(); ++it)
    if (it->status == CertStatus::Suspended) {
      if (!k.contains("status_ground") || k["status_ground"] == "") k["status_ground"] = std::string(enum_label(it->ground));
      break;
    }
}

// application_only: the application form (01) shows the application as submitted, not the names
// confirmed (14) or changed (26) later.
json known_facts(const CaseState& s, const PrefillInput& in, bool application_only) {
  json k = json::object();
  k["case_id"] = s.id;
  k["criteria"] = "T/BJCSA 02-2022 及本机构认证规则";
  k["objectives"] = "确认受审核方的管理体系和服务能力是否满足认证要求，评价其在申请范围和级别内持续提供服务的能力。";
  k["commitment"] =
      "本人承诺：在本次审核中客观公正，不受任何商业、财务或其他压力影响；近两年未向受审核方提供咨询；"
      "对审核中获知的受审核方信息严格保密，未经授权不向任何第三方披露。";
  k["notice_text"] = "贵单位提交的认证申请经评审，予以受理。请按认证合同约定确认报价，我中心将与贵单位商定审核日期。";
  k["applied_on"] = in.today.iso();
  if (const Cycle* c = s.cycle()) {
    put_application(k, *c, in);
    put_cycle(k, *c);
  }
  if (s.certificate) put_certificate(k, s, in);
  json ncs = json::array();
  for (const Finding& f : s.findings)
    if (f.kind == FindingKind::Nonconformity)
      ncs.push_back({f.id, f.clause, f.description, f.major ? "严重" : "一般", f.verified_on ? "已验证" : "待验证"});
  k["ncs"] = ncs;
  if (const Finding* f = latest(s, FindingKind::Observation)) put_finding(k, *f, false);
  if (const Finding* f = latest(s, FindingKind::Nonconformity)) put_finding(k, *f, true);
  if (!s.changes.empty()) {
    static const char* kinds[] = {"名称变更", "地址变更", "范围变更", "其他变更"};
    const ChangeRequest& ch = s.changes.back();
    k["change_kind"] = kinds[static_cast<int>(ch.kind)];
    k["change_new_value"] = ch.new_value;
    k["proof"] = ch.proof_ref;
    k["applied_on"] = ch.applied_on.iso();
  }
  json complaints = json::array();
  for (const Complaint& c : s.complaints)
    complaints.push_back({c.id, c.kind == ComplaintKind::Complaint ? "投诉" : "申诉", c.complainant, c.subject,
                          c.received_on.iso(), c.resolved_on ? "已处理" : "处理中"});
  k["complaints"] = complaints;
  if (!s.complaints.empty()) {
    const Complaint& c = s.complaints.back();
    k["complaint_id"] = c.id;
    k["complaint_kind"] = c.kind == ComplaintKind::Complaint ? "投诉" : "申诉";
    k["complainant"] = c.complainant;
    k["subject"] = c.subject;
    k["received_on"] = c.received_on.iso();
    k["outcome"] = c.outcome;
    k["resolved_on"] = opt(c.resolved_on);
  }
  if (!s.surveys.empty()) {
    k["audit_id"] = s.surveys.back().audit_id;
    k["score"] = std::to_string(s.surveys.back().score);
    k["comments"] = s.surveys.back().comments;
  }
  k["survey_items"] = json::array({{"审核组专业能力", ""}, {"审核安排与沟通", ""}, {"服务态度", ""}, {"公正性", ""}});
  json docs = json::array();
  int n = 0;
  for (const FormRecord& f : s.forms) {
    const FormSpec* spec = find_form(f.code);
    docs.push_back({std::to_string(++n), f.code + " " + (spec ? spec->title_zh : ""), f.date.iso(), f.author});
  }
  k["documents"] = docs;
  if (application_only && s.cycle()) put_application(k, *s.cycle(), in);
  return k;
}

}  // namespace


const std::vector<FormSpec>& form_catalogue() {
  static const std::vector<FormSpec> forms = build();
  return forms;
}

const FormSpec* find_form(std::string_view code) {
  for (const FormSpec& f : form_catalogue())
    if (f.code == code) return &f;
  return nullptr;
}

std::string printed_code(const FormSpec& f, const BodySettings& body) {
  if (f.code.rfind("QP-", 0) == 0 || f.code.rfind("IP-", 0) == 0) return body.form_prefix + f.code;
  return "—";
}

json prefill(const FormSpec& f, const CaseState& s, const PrefillInput& in) {
  const json known = known_facts(s, in, f.code == "QP-21-01");
  json out = json::object();
  for (const FieldSpec& fs : f.fields) {
    const auto it = known.find(fs.key);
    const bool fits = it != known.end() && (fs.kind == K::Rows ? it->is_array() : it->is_string());
    out[fs.key] = fits ? *it : fs.kind == K::Rows ? json::array() : json("");
  }
  return out;
}

Result<void> validate_fields(const FormSpec& f, const json& fields) {
  if (!fields.is_object()) return input_error("fields", "表单内容应为对象");
  for (const auto& item : fields.items()) {
    const std::string& key = item.key();
    const json& value = item.value();
    const auto spec = std::find_if(f.fields.begin(), f.fields.end(), [&](const FieldSpec& s) { return s.key == key; });
    const std::string path = "fields." + key;
    if (spec == f.fields.end()) return input_error(path, std::string("表单 ") + f.code + " 没有这个字段");
    if (spec->kind != K::Rows) {
      if (!value.is_string()) return input_error(path, std::string(spec->label_zh) + "应为文字");
      continue;
    }
    if (!value.is_array()) return input_error(path, std::string(spec->label_zh) + "应为表格（行的数组）");
    for (std::size_t r = 0; r < value.size(); ++r) {
      const std::string row = path + "[" + std::to_string(r) + "]";
      if (!value[r].is_array() || value[r].size() > spec->columns.size())
        return input_error(row, "每行应为不超过 " + std::to_string(spec->columns.size()) + " 个单元格的数组");
      for (std::size_t c = 0; c < value[r].size(); ++c)
        if (!value[r][c].is_string()) return input_error(row + "[" + std::to_string(c) + "]", "单元格应为文字");
    }
  }
  return ok_void();
}

}  // namespace certdesk::forms
