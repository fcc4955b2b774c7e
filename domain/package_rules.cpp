// Application package: completeness of an application (§6.1, R12), attachment consistency and
// limits, contact formats, duplicate detection, and the text checks shared by import and export.
#include <algorithm>
#include <cstdio>
#include <set>

#include "domain/case_rules.hpp"
#include "domain/credit_code.hpp"
#include "domain/package_detail.hpp"
#include "domain/procedure_rules.hpp"

namespace certdesk::package {
namespace {

using detail::mib;

Problem incomplete(const std::string& field, const std::string& message_zh) {
  Problem p = input_error(field, message_zh);
  p.rule = "INCOMPLETE";
  return p;
}

Problem with_rule(Problem p, const char* rule) {
  p.rule = rule;
  return p;
}

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

constexpr const char* kApp = "content.application";
constexpr const char* kOrg = "content.application.organisation";

void require_text(Problems& out, const std::string& value, const std::string& field, const char* what) {
  if (blank(value)) out.push_back(incomplete(field, std::string("请填写") + what));
}

void eligibility_problems(const ApplicationDraft& d, Date today, Problems& out) {
  const std::string p = "content.eligibility";
  const Eligibility& e = d.eligibility;
  if (!e.legal_entity) out.push_back(incomplete(p + ".legal_entity", "请回答：申请组织是否为依法登记的法人或其他组织"));
  else if (!*e.legal_entity)
    out.push_back(incomplete(p + ".legal_entity", "申请组织须为依法登记的法人或其他组织（§6.1.1），不符合申请条件"));
  if (!e.licences_complete) out.push_back(incomplete(p + ".licences_complete", "请回答：法律法规要求的行政许可是否均已取得"));
  else if (!*e.licences_complete)
    out.push_back(incomplete(p + ".licences_complete", "法律法规要求的行政许可须全部取得（§6.1.1），不符合申请条件"));
  if (!e.penalty_in_last_year)
    out.push_back(incomplete(p + ".penalty_in_last_year", "请回答：申请前一年内是否受到过行政处罚"));
  else if (*e.penalty_in_last_year)
    out.push_back(with_rule(input_error(p + ".penalty_in_last_year",
                                        "申请前一年内受到过行政处罚，不符合申请条件（R12 §6.1.1），满一年后方可申请"),
                            "R12"));
  // R12 from the date as well: the case aggregate's own check, with the package's field path.
  Application a;
  a.last_administrative_penalty = d.last_administrative_penalty;
  if (auto r = check_no_recent_penalty(a, today, CaseRules{}); !r)
    out.push_back(with_rule(input_error(std::string(kApp) + ".last_administrative_penalty", r.error().message_zh), "R12"));
}

void organisation_problems(const ApplicationDraft& d, Problems& out) {
  const Organisation& o = d.organisation;
  const std::string p = kOrg;
  require_text(out, o.name, p + ".name", "组织名称");
  if (auto r = validate_credit_code(o.credit_code, p + ".credit_code"); !r)
    out.push_back(with_rule(r.error(), "INCOMPLETE"));
  require_text(out, o.registered_address, p + ".registered_address", "注册地址");
  require_text(out, o.office_address, p + ".office_address", "办公地址");
  require_text(out, o.legal_representative, p + ".legal_representative", "法定代表人");
  if (o.contacts.empty()) out.push_back(incomplete(p + ".contacts", "至少应有一位联系人"));
  for (std::size_t i = 0; i < o.contacts.size(); ++i) {
    const Contact& c = o.contacts[i];
    const std::string cp = p + ".contacts[" + std::to_string(i) + "]";
    require_text(out, c.name, cp + ".name", "联系人姓名");
    if (!valid_phone(c.phone))
      out.push_back(incomplete(cp + ".phone", "电话号码格式不正确（手机 11 位，如 13812345678；固定电话带区号，如 010-12345678）"));
    if (!valid_email(c.email)) out.push_back(incomplete(cp + ".email", "电子邮箱格式不正确（如 name@example.com）"));
  }
  require_text(out, o.business_scope, p + ".business_scope", "经营范围");
}

void application_problems(const ApplicationDraft& d, const Catalogue& c, Date today, Problems& out) {
  const std::string p = kApp;
  if (d.org_chart.empty()) out.push_back(incomplete(p + ".org_chart", "请上传组织机构图"));
  if (d.business_licence.empty()) out.push_back(incomplete(p + ".business_licence", "请上传营业执照或登记证书"));
  if (d.headcount_in_scope < 1) out.push_back(incomplete(p + ".headcount_in_scope", "认证范围内人数应至少为 1"));
  if (d.sites.empty()) out.push_back(incomplete(p + ".sites", "至少应有一个场所"));
  for (std::size_t i = 0; i < d.sites.size(); ++i) {
    const std::string sp = p + ".sites[" + std::to_string(i) + "]";
    require_text(out, d.sites[i].name, sp + ".name", "场所名称");
    require_text(out, d.sites[i].address, sp + ".address", "场所地址");
  }
  for (std::size_t i = 0; i < d.licences.size(); ++i) {
    const Licence& l = d.licences[i];
    const std::string lp = p + ".licences[" + std::to_string(i) + "]";
    require_text(out, l.name, lp + ".name", "许可名称");
    require_text(out, l.number, lp + ".number", "许可证编号");
    if (l.valid_until && *l.valid_until < today)
      out.push_back(incomplete(lp + ".valid_until", "许可已于 " + l.valid_until->iso() + " 过期"));
  }
  if (d.scope.empty()) out.push_back(incomplete(p + ".scope", "认证范围至少应包含一个服务类别"));
  for (std::size_t i = 0; i < d.scope.size(); ++i) {
    const std::string ip = p + ".scope[" + std::to_string(i) + "]";
    // The catalogue's own check, item by item so that every bad item is listed.
    if (auto r = validate_scope(c, {d.scope[i]}); !r) {
      const std::string& f = r.error().field;  // "scope[0].category" / "scope[0].level"
      const std::string& m = r.error().message_zh;
      out.push_back(incomplete(ip + f.substr(f.find(']') + 1), m.substr(m.find(": ") + 2)));
      continue;
    }
    for (std::size_t k = 0; k < i; ++k)
      if (d.scope[k].category == d.scope[i].category) {
        out.push_back(incomplete(ip + ".category", "服务类别 " + d.scope[i].category + " 重复申请"));
        break;
      }
  }
  if (!d.founded_on) out.push_back(incomplete(p + ".founded_on", "请填写成立日期（证明经营年限）"));
  else if (*d.founded_on > today) out.push_back(incomplete(p + ".founded_on", "成立日期不能晚于申请日期"));
}

void assessment_problems(const std::vector<AssessmentEntry>& entries, const Catalogue& c, AssessmentKind kind,
                         const std::vector<ScopeItem>& scope, Problems& out) {
  const std::string p = kind == AssessmentKind::management ? "content.management_self_assessment"
                                                           : "content.capability_self_assessment";
  const char* title = kind == AssessmentKind::management ? "管理能力自评" : "专业能力自评";
  // Requirements follow the valid part of the scope (bad items are listed by application_problems).
  std::vector<ScopeItem> valid;
  for (const ScopeItem& s : scope)
    if (validate_scope(c, {s}) &&
        std::none_of(valid.begin(), valid.end(), [&](const ScopeItem& v) { return v.category == s.category; }))
      valid.push_back(s);
  if (valid.empty()) return;
  const auto applicable = applicable_requirements(c, kind, valid);
  if (!applicable) return;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const AssessmentEntry& e = entries[i];
    const std::string ep = p + "[" + std::to_string(i) + "]";
    const bool known = std::any_of(applicable.value().begin(), applicable.value().end(),
                                   [&](const Requirement& r) { return r.id == e.requirement_id; });
    if (!known) {
      out.push_back(incomplete(ep + ".requirement_id", "要求 " + e.requirement_id + " 不适用于所申请的认证范围，请删除"));
      continue;
    }
    if (!seen.insert(e.requirement_id).second) {
      out.push_back(incomplete(ep + ".requirement_id", "要求 " + e.requirement_id + " 重复填写"));
      continue;
    }
    if (e.claim == Claim::unanswered) out.push_back(incomplete(ep + ".claim", "请选择要求 " + e.requirement_id + " 的符合情况"));
    if (blank(e.description)) out.push_back(incomplete(ep + ".description", "请说明要求 " + e.requirement_id + " 的实施情况"));
    if ((e.claim == Claim::conforms || e.claim == Claim::partly_conforms) && e.evidence.empty())
      out.push_back(incomplete(ep + ".evidence", "要求 " + e.requirement_id + " 声明符合，请附上证据文件"));
  }
  for (const Requirement& r : applicable.value())
    if (!seen.count(r.id))
      out.push_back(incomplete(p, std::string(title) + "缺少要求 " + r.id + "（" + r.clause + "）的答复"));
}

}  // namespace

bool valid_phone(std::string_view phone) {
  std::string s(phone);
  std::string ext;
  for (std::string_view sep : {std::string_view("转"), std::string_view("#")}) {
    const auto at = s.find(sep);
    if (at != std::string::npos) {
      ext = s.substr(at + sep.size());
      s.erase(at);
      if (!digits(ext) || ext.size() > 6) return false;
    }
  }
  std::string n;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == ' ' || c == '-') continue;
    if (c == '+' && n.empty() && i == 0) {
      n += '+';
      continue;
    }
    if (c < '0' || c > '9') return false;
    n += c;
  }
  if (n.rfind("+86", 0) == 0) n.erase(0, 3);
  else if (!n.empty() && n[0] == '+') return false;
  if (n.size() == 11 && n[0] == '1') return n[1] >= '3' && n[1] <= '9' && ext.empty();
  if ((n.rfind("400", 0) == 0 || n.rfind("800", 0) == 0) && n.size() == 10) return true;
  if (n.size() >= 10 && n.size() <= 12 && n[0] == '0' && n[1] != '0') return true;
  // A landline with its extension after '-': 010-12345678-123.
  const auto last = s.rfind('-');
  if (ext.empty() && last != std::string::npos && last > 0) {
    const std::string tail = s.substr(last + 1);
    if (digits(tail) && tail.size() <= 6 && valid_phone(s.substr(0, last))) return s[0] == '0';
  }
  return false;
}

bool valid_email(std::string_view email) {
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at > 64 || email.find('@', at + 1) != std::string_view::npos)
    return false;
  for (char c : email.substr(0, at)) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || std::string_view("()<>[]:;,\\\"").find(c) != std::string_view::npos) return false;
  }
  std::string_view domain = email.substr(at + 1);
  if (domain.empty() || domain.size() > 253) return false;
  int labels = 0;
  std::string_view last;
  while (!domain.empty()) {
    const auto dot = domain.find('.');
    const std::string_view label = domain.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label)
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return false;
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    domain.remove_prefix(dot + 1);
    if (domain.empty()) return false;  // trailing dot
  }
  return labels >= 2 && last.size() >= 2 && !digits(last);
}

Problems detail::attachment_list_problems(const std::vector<AttachmentMeta>& list, const Limits& limits) {
  Problems out;
  std::set<std::string> ids;
  std::uint64_t total = 0;
  if (list.size() > limits.max_attachments)
    out.push_back(with_rule(input_error("attachments", "附件数 " + std::to_string(list.size()) + " 超过上限 " +
                                                          std::to_string(limits.max_attachments)),
                            "LIMIT"));
  for (std::size_t i = 0; i < list.size(); ++i) {
    const AttachmentMeta& a = list[i];
    const std::string p = "attachments[" + std::to_string(i) + "]";
    if (a.id.empty()) out.push_back(input_error(p + ".id", "附件编号不能为空"));
    else if (!ids.insert(a.id).second) out.push_back(input_error(p + ".id", "附件编号 " + a.id + " 重复"));
    if (a.name.empty()) out.push_back(input_error(p + ".name", "附件文件名不能为空"));
    if (a.media_type.empty()) out.push_back(input_error(p + ".media_type", "附件类型不能为空"));
    if (!detail::is_sha256_hex(a.sha256)) out.push_back(input_error(p + ".sha256", "应为 64 位小写十六进制 SHA-256 值"));
    if (a.size > limits.max_attachment_bytes)
      out.push_back(with_rule(input_error(p + ".size", "附件“" + a.name + "”大小 " + std::to_string(a.size) +
                                                           " 字节，超过单个附件上限 " + mib(limits.max_attachment_bytes)),
                              "LIMIT"));
    total += a.size;
  }
  if (total > limits.max_total_attachment_bytes)
    out.push_back(with_rule(input_error("attachments", "附件合计 " + std::to_string(total) + " 字节，超过上限 " +
                                                           mib(limits.max_total_attachment_bytes)),
                            "LIMIT"));
  return out;
}

Problems attachment_problems(const ApplicationDraft& d, const Limits& limits) {
  Problems out = detail::attachment_list_problems(d.attachments, limits);
  std::set<std::string> ids;
  for (const AttachmentMeta& a : d.attachments) ids.insert(a.id);
  const auto ref = [&](const std::string& id, const std::string& field) {
    if (!id.empty() && !ids.count(id))
      out.push_back(with_rule(input_error(field, "引用的附件 " + id + " 不在附件列表中"), "INTEGRITY"));
  };
  ref(d.org_chart, std::string(kApp) + ".org_chart");
  ref(d.business_licence, std::string(kApp) + ".business_licence");
  for (const auto* list : {&d.management_self_assessment, &d.capability_self_assessment}) {
    const std::string p = list == &d.management_self_assessment ? "content.management_self_assessment"
                                                                : "content.capability_self_assessment";
    for (std::size_t i = 0; i < list->size(); ++i)
      for (std::size_t k = 0; k < (*list)[i].evidence.size(); ++k)
        ref((*list)[i].evidence[k], p + "[" + std::to_string(i) + "].evidence[" + std::to_string(k) + "]");
  }
  return out;
}

Problems detail::content_problems(const ApplicationDraft& d, const Catalogue& c, Date today) {
  Problems out;
  eligibility_problems(d, today, out);
  organisation_problems(d, out);
  application_problems(d, c, today, out);
  assessment_problems(d.management_self_assessment, c, AssessmentKind::management, d.scope, out);
  assessment_problems(d.capability_self_assessment, c, AssessmentKind::capability, d.scope, out);
  return out;
}

Problems completeness(const ApplicationDraft& d, const Catalogue& c, Date today, const Limits& limits) {
  Problems out = detail::content_problems(d, c, today);
  for (Problem& p : attachment_problems(d, limits)) out.push_back(std::move(p));
  return out;
}

std::optional<Problem> find_duplicate(const Header& h, std::string_view digest, const std::vector<KnownPackage>& known) {
  for (const KnownPackage& k : known)
    if (k.package_id == h.package_id || (!digest.empty() && k.digest == digest)) {
      const char* how = k.package_id == h.package_id ? "编号相同" : "内容摘要相同";
      return Problem{"DUPLICATE", "已导入过此申请包（编号 " + k.package_id + "，" + how + "）", "package_id"};
    }
  return std::nullopt;
}

Application to_application(const ApplicationDraft& d, const CatalogueRef& catalogue) {
  Application a;
  a.organisation = d.organisation;
  a.headcount_in_scope = d.headcount_in_scope;
  a.sites = d.sites;
  a.licences = d.licences;
  a.scope = d.scope;
  a.catalogue_version = catalogue.version;
  a.founded_on = d.founded_on;
  a.last_administrative_penalty = d.last_administrative_penalty;
  const auto answers = [](const std::vector<AssessmentEntry>& list) {
    std::vector<Answer> out;
    for (const AssessmentEntry& e : list)
      out.push_back(Answer{e.requirement_id, std::string(enum_label(e.claim)) + "：" + e.description, e.evidence});
    return out;
  };
  a.management_self_assessment = answers(d.management_self_assessment);
  a.capability_self_assessment = answers(d.capability_self_assessment);
  for (const AttachmentMeta& m : d.attachments) a.documents.push_back(m.id);
  return a;
}

}  // namespace certdesk::package
