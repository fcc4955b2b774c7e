// ui/applicant/applicant.cpp — editing the applicant's draft, its autosave form and the review list.
#include "ui/applicant/applicant.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "ui/widgets/messages.hpp"

namespace certdesk::ui {

using package::ApplicationDraft;
using package::AssessmentEntry;
using package::Claim;

namespace {

RuleViolation refuse(const std::string& field, const std::string& message_zh) {
  return RuleViolation{"INPUT", message_zh, field};
}

// "contacts[3].phone" → ("contacts", 3, "phone"); false if the shape differs.
bool split_row(const std::string& rest, const std::string& list, std::size_t& index, std::string& member) {
  const std::string head = list + "[";
  if (rest.rfind(head, 0) != 0) return false;
  const std::size_t close = rest.find(']', head.size());
  if (close == std::string::npos || close == head.size() || close + 1 >= rest.size() || rest[close + 1] != '.')
    return false;
  const std::string digits = rest.substr(head.size(), close - head.size());
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) || digits.size() > 6)
    return false;
  index = static_cast<std::size_t>(std::stoul(digits));
  member = rest.substr(close + 2);
  return true;
}

// Dates as people type them ("2025/3/5", full-width digits …, issue 15); the message is the advice
// alone: the field's label is put before it where it is shown (ui/widgets/messages.hpp).
Result<std::optional<Date>> date_value(const std::string& field, const std::string& value) {
  if (trim_spaces(value).empty()) return std::optional<Date>{};
  auto d = Date::parse_loose(value);
  if (!d) return refuse(field, kDateAdviceZh);
  return std::optional<Date>{*d};
}

Result<void> set_text(std::string& target, const std::string& field, const std::string& value,
                      std::size_t max_bytes = 64u << 10) {
  if (value.size() > max_bytes)
    return refuse(field, "内容过长（最多 " + std::to_string(max_bytes / 1024) + " KB），未保存");
  target = value;
  return ok_void();
}

bool has_attachment(const ApplicationDraft& d, const std::string& id) {
  return std::any_of(d.attachments.begin(), d.attachments.end(),
                     [&](const package::AttachmentMeta& a) { return a.id == id; });
}

std::vector<AssessmentEntry>* assessment_list(ApplicationDraft& d, const std::string& name) {
  if (name == "management_self_assessment" || name == "management") return &d.management_self_assessment;
  if (name == "capability_self_assessment" || name == "capability") return &d.capability_self_assessment;
  return nullptr;
}

AssessmentEntry& entry_for(std::vector<AssessmentEntry>& list, const std::string& requirement) {
  for (AssessmentEntry& e : list)
    if (e.requirement_id == requirement) return e;
  list.push_back(AssessmentEntry{requirement, Claim::unanswered, "", {}});
  return list.back();
}

Result<void> set_assessment(ApplicationDraft& d, const std::string& field, const std::string& list_name,
                            const std::string& rest, const std::string& value) {
  const std::size_t dot = rest.rfind('.');
  if (dot == std::string::npos || dot == 0) return refuse(field, "未知字段");
  const std::string requirement = rest.substr(0, dot), member = rest.substr(dot + 1);
  if (requirement.size() > 64) return refuse(field, "要求编号过长");
  auto* list = assessment_list(d, list_name);
  if (member == "claim") {
    Claim claim = Claim::unanswered;
    bool known = value.empty();
    for (Claim c : {Claim::conforms, Claim::partly_conforms, Claim::does_not_conform, Claim::not_applicable})
      if (value == enum_id(c)) claim = c, known = true;
    if (!known) return refuse(field, "符合情况应为 符合 / 部分符合 / 不符合 / 不适用 之一");
    entry_for(*list, requirement).claim = claim;
    return ok_void();
  }
  if (member == "description") return set_text(entry_for(*list, requirement).description, field, value);
  return refuse(field, "未知字段");
}

Result<void> set_field(ApplicationDraft& d, const std::string& f, const std::string& v) {
  // Eligibility (§6.1.1): yes / no / not answered.
  if (f.rfind("eligibility.", 0) == 0) {
    const std::string key = f.substr(12);
    std::optional<bool>* slot = key == "legal_entity"           ? &d.eligibility.legal_entity
                                : key == "licences_complete"    ? &d.eligibility.licences_complete
                                : key == "penalty_in_last_year" ? &d.eligibility.penalty_in_last_year
                                                                : nullptr;
    if (!slot) return refuse(f, "未知字段");
    if (v == "yes") *slot = true;
    else if (v == "no") *slot = false;
    else if (v.empty()) *slot = std::nullopt;
    else return refuse(f, "应回答“是”或“否”");
    return ok_void();
  }
  for (const char* list : {"management_self_assessment", "capability_self_assessment"}) {
    const std::string head = std::string(list) + ".";
    if (f.rfind(head, 0) == 0) return set_assessment(d, f, list, f.substr(head.size()), v);
  }
  if (f.rfind("application.", 0) != 0) return refuse(f, "未知字段");
  const std::string a = f.substr(12);
  package::ApplicationDraft& x = d;
  Organisation& o = x.organisation;
  if (a.rfind("organisation.", 0) == 0) {
    const std::string m = a.substr(13);
    std::size_t i = 0;
    std::string member;
    if (split_row(m, "contacts", i, member)) {
      if (i >= o.contacts.size()) return refuse(f, "没有这一位联系人");
      Contact& c = o.contacts[i];
      if (member == "name") return set_text(c.name, f, v, 200);
      if (member == "phone") return set_text(c.phone, f, v, 64);
      if (member == "email") return set_text(c.email, f, v, 254);
      return refuse(f, "未知字段");
    }
    if (m == "name") return set_text(o.name, f, v, 400);
    if (m == "credit_code") {
      // Letters are entered in either case; the code itself is upper case (GB 32100-2015).
      std::string up = v;
      for (char& ch : up)
        if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
      return set_text(o.credit_code, f, up, 64);
    }
    if (m == "registered_address") return set_text(o.registered_address, f, v, 1000);
    if (m == "office_address") return set_text(o.office_address, f, v, 1000);
    if (m == "legal_representative") return set_text(o.legal_representative, f, v, 200);
    if (m == "business_scope") return set_text(o.business_scope, f, v);
    return refuse(f, "未知字段");
  }
  std::size_t i = 0;
  std::string member;
  if (split_row(a, "sites", i, member)) {
    if (i >= x.sites.size()) return refuse(f, "没有这一个场所");
    if (member == "name") return set_text(x.sites[i].name, f, v, 400);
    if (member == "address") return set_text(x.sites[i].address, f, v, 1000);
    return refuse(f, "未知字段");
  }
  if (split_row(a, "licences", i, member)) {
    if (i >= x.licences.size()) return refuse(f, "没有这一项许可");
    Licence& l = x.licences[i];
    if (member == "name") return set_text(l.name, f, v, 400);
    if (member == "number") return set_text(l.number, f, v, 200);
    if (member == "valid_until") {
      auto date = date_value(f, v);
      if (!date) return date.error();
      l.valid_until = date.value();
      return ok_void();
    }
    return refuse(f, "未知字段");
  }
  if (a == "headcount_in_scope") {
    if (trim_spaces(v).empty()) { x.headcount_in_scope = 0; return ok_void(); }
    // Full-width digits are digits; "八十" is refused (and kept in the field by the UI, issue 15).
    const auto n = parse_integer_loose(v);
    if (!n) return refuse(f, kHeadcountAdviceZh);
    if (*n < 0 || *n > 10'000'000) return refuse(f, "请填写 0 到 10000000 之间的人数");
    x.headcount_in_scope = static_cast<int>(*n);
    return ok_void();
  }
  if (a == "founded_on" || a == "last_administrative_penalty") {
    auto date = date_value(f, v);
    if (!date) return date.error();
    (a == "founded_on" ? x.founded_on : x.last_administrative_penalty) = date.value();
    return ok_void();
  }
  if (a == "org_chart" || a == "business_licence") {
    if (!v.empty() && !has_attachment(x, v)) return refuse(f, "附件 " + v + " 不存在");
    (a == "org_chart" ? x.org_chart : x.business_licence) = v;
    return ok_void();
  }
  return refuse(f, "未知字段");
}

std::string strip_path(const std::string& message, const std::string& field) {
  if (!field.empty() && message.rfind(field + ": ", 0) == 0) return message.substr(field.size() + 2);
  return message;
}

// Where an export-view path ("content.management_self_assessment[3].claim") is edited.
ReviewItem locate(const package::Problem& p, const ApplicationDraft& view) {
  std::string field = p.field.rfind("content.", 0) == 0 ? p.field.substr(8) : p.field;
  ReviewItem item{ApplyPage::Review, field, strip_path(p.message_zh, p.field)};
  // The rule id is the record's, shown to the user in a tooltip (issue 15), not in the sentence.
  if (p.rule != "INPUT" && p.rule != "INCOMPLETE" && !p.rule.empty()) {
    item.rule = p.rule;
    item.message = plain_text(item.message, p.rule);
  }
  const auto starts = [&](const char* s) { return field.rfind(s, 0) == 0; };
  if (starts("eligibility") || starts("application.last_administrative_penalty")) item.page = ApplyPage::Eligibility;
  else if (starts("application.scope")) item.page = ApplyPage::Scope;
  else if (starts("application.org_chart") || starts("application.business_licence") || starts("attachments"))
    item.page = ApplyPage::Attachments;
  else if (starts("application")) item.page = ApplyPage::Organisation;
  for (const char* list : {"management_self_assessment", "capability_self_assessment"}) {
    if (!starts(list)) continue;
    const bool mgmt = std::string(list) == "management_self_assessment";
    item.page = mgmt ? ApplyPage::Management : ApplyPage::Capability;
    const auto& entries = mgmt ? view.management_self_assessment : view.capability_self_assessment;
    const std::size_t open = field.find('[');
    const std::size_t close = field.find(']');
    if (open != std::string::npos && close != std::string::npos && close > open + 1) {
      const std::size_t i = std::strtoul(field.c_str() + open + 1, nullptr, 10);
      const std::string member = close + 1 < field.size() ? field.substr(close + 1) : "";
      if (i < entries.size()) field = std::string(list) + "." + entries[i].requirement_id + member;
      item.field = field;
    }
  }
  return item;
}

}  // namespace

Result<void> apply_draft(ApplicantModel& m, const SetDraftField& c) { return set_field(m.draft, c.field, c.value); }

Result<void> apply_draft(ApplicantModel& m, const AddDraftRow& c) {
  ApplicationDraft& d = m.draft;
  constexpr std::size_t kMaxRows = 50;
  if (c.list == "contacts") {
    if (d.organisation.contacts.size() >= kMaxRows) return refuse("application.organisation.contacts", "联系人最多 50 位");
    d.organisation.contacts.push_back({});
  } else if (c.list == "sites") {
    if (d.sites.size() >= kMaxRows) return refuse("application.sites", "场所最多 50 个");
    d.sites.push_back({});
  } else if (c.list == "licences") {
    if (d.licences.size() >= kMaxRows) return refuse("application.licences", "许可最多 50 项");
    d.licences.push_back({});
  } else {
    return refuse("list", "未知列表“" + c.list + "”");
  }
  return ok_void();
}

Result<void> apply_draft(ApplicantModel& m, const RemoveDraftRow& c) {
  ApplicationDraft& d = m.draft;
  const auto erase = [&](auto& v, const char* field) -> Result<void> {
    if (c.index < 0 || static_cast<std::size_t>(c.index) >= v.size()) return refuse(field, "没有第 " + std::to_string(c.index + 1) + " 行");
    v.erase(v.begin() + c.index);
    return ok_void();
  };
  if (c.list == "contacts") return erase(d.organisation.contacts, "application.organisation.contacts");
  if (c.list == "sites") return erase(d.sites, "application.sites");
  if (c.list == "licences") return erase(d.licences, "application.licences");
  return refuse("list", "未知列表“" + c.list + "”");
}

Result<void> apply_draft(ApplicantModel& m, const SetScopeLevel& c, const Catalogue& catalogue) {
  auto& scope = m.draft.scope;
  const ServiceCategory* cat = find_category(catalogue, c.category);
  if (!cat) return refuse("application.scope", "目录中没有服务类别“" + c.category + "”");
  if (!c.level.empty() && std::find(cat->levels.begin(), cat->levels.end(), c.level) == cat->levels.end())
    return refuse("application.scope", cat->name_zh + "没有“" + c.level + "”这一级别");
  auto it = std::find_if(scope.begin(), scope.end(), [&](const ScopeItem& s) { return s.category == c.category; });
  if (c.level.empty()) {
    if (it != scope.end()) scope.erase(it);
  } else if (it != scope.end()) {
    it->level = c.level;
  } else {
    // Keep the catalogue's order, so the package does not depend on the order of clicks.
    scope.push_back({c.category, c.level});
    std::vector<ScopeItem> ordered;
    for (const ServiceCategory& k : catalogue.categories)
      for (const ScopeItem& s : scope)
        if (s.category == k.code) ordered.push_back(s);
    scope = std::move(ordered);
  }
  return ok_void();
}

Result<void> apply_draft(ApplicantModel& m, const LinkEvidence& c) {
  auto* list = assessment_list(m.draft, c.assessment);
  if (!list) return refuse("assessment", "应为 management 或 capability");
  if (!has_attachment(m.draft, c.attachment)) return refuse("attachment", "附件 " + c.attachment + " 不存在");
  if (c.requirement.empty() || c.requirement.size() > 64) return refuse("requirement", "要求编号无效");
  auto& ev = entry_for(*list, c.requirement).evidence;
  ev.erase(std::remove(ev.begin(), ev.end(), c.attachment), ev.end());
  if (c.on) ev.push_back(c.attachment);
  return ok_void();
}

Result<void> apply_draft(ApplicantModel& m, const AddAttachment& c, const package::Limits& limits) {
  ApplicationDraft& d = m.draft;
  const package::AttachmentMeta& a = c.meta;
  if (has_attachment(d, a.id)) return refuse("attachments", "附件编号 " + a.id + " 已存在");
  if (d.attachments.size() >= limits.max_attachments)
    return refuse("attachments", "附件最多 " + std::to_string(limits.max_attachments) + " 个，未添加“" + a.name + "”");
  if (a.size > limits.max_attachment_bytes)
    return refuse("attachments", "“" + a.name + "”有 " + std::to_string(a.size / 1048576) + " MB，超过单个附件上限 " +
                                     std::to_string(limits.max_attachment_bytes / 1048576) + " MB，未添加");
  std::uint64_t total = a.size;
  for (const auto& x : d.attachments) total += x.size;
  if (total > limits.max_total_attachment_bytes)
    return refuse("attachments", "添加“" + a.name + "”后附件合计超过 " +
                                     std::to_string(limits.max_total_attachment_bytes / 1048576) + " MB，未添加");
  if (a.name.empty() || a.name.size() > 255) return refuse("attachments", "附件文件名应为 1–255 字节");
  d.attachments.push_back(a);
  return ok_void();
}

Result<void> apply_draft(ApplicantModel& m, const RemoveAttachment& c) {
  ApplicationDraft& d = m.draft;
  auto it = std::find_if(d.attachments.begin(), d.attachments.end(),
                         [&](const package::AttachmentMeta& a) { return a.id == c.id; });
  if (it == d.attachments.end()) return refuse("attachments", "附件 " + c.id + " 不存在");
  d.attachments.erase(it);
  // Nothing may point at a removed file.
  if (d.org_chart == c.id) d.org_chart.clear();
  if (d.business_licence == c.id) d.business_licence.clear();
  for (auto* list : {&d.management_self_assessment, &d.capability_self_assessment})
    for (AssessmentEntry& e : *list) e.evidence.erase(std::remove(e.evidence.begin(), e.evidence.end(), c.id), e.evidence.end());
  return ok_void();
}

ApplicationDraft export_view(const ApplicationDraft& d, const Catalogue& c) {
  ApplicationDraft out = d;
  std::vector<ScopeItem> valid;
  for (const ScopeItem& s : d.scope)
    if (validate_scope(c, {s})) valid.push_back(s);
  for (AssessmentKind kind : {AssessmentKind::management, AssessmentKind::capability}) {
    const auto& source = kind == AssessmentKind::management ? d.management_self_assessment : d.capability_self_assessment;
    auto& target = kind == AssessmentKind::management ? out.management_self_assessment : out.capability_self_assessment;
    target.clear();
    if (valid.empty()) continue;
    auto reqs = applicable_requirements(c, kind, valid);
    if (!reqs) continue;
    for (const Requirement& r : reqs.value()) {
      auto it = std::find_if(source.begin(), source.end(), [&](const AssessmentEntry& e) { return e.requirement_id == r.id; });
      target.push_back(it != source.end() ? *it : AssessmentEntry{r.id, Claim::unanswered, "", {}});
    }
  }
  return out;
}

std::vector<ReviewItem> review(const ApplicantModel& m, const Catalogue& c, Date today, const package::Limits& limits) {
  const ApplicationDraft view = export_view(m.draft, c);
  std::vector<ReviewItem> items;
  for (const package::Problem& p : package::completeness(view, c, today, limits)) items.push_back(locate(p, view));
  std::stable_sort(items.begin(), items.end(), [](const ReviewItem& a, const ReviewItem& b) {
    return static_cast<int>(a.page) < static_cast<int>(b.page);
  });
  return items;
}

const ReviewItem* review_item(const std::vector<ReviewItem>& items, const std::string& field) {
  for (const ReviewItem& i : items)
    if (i.field == field) return &i;
  return nullptr;
}

std::string problem_for(const std::vector<ReviewItem>& items, const std::string& field) {
  for (const ReviewItem& i : items)
    if (i.field == field) return i.message;
  return "";
}

std::string field_label_zh(const std::string& field) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"eligibility.legal_entity", "资格条件 · 依法登记的法人或其他组织"},
      {"eligibility.licences_complete", "资格条件 · 行政许可"},
      {"eligibility.penalty_in_last_year", "资格条件 · 一年内行政处罚"},
      {"application.last_administrative_penalty", "最近一次行政处罚日期"},
      {"application.organisation.name", "组织名称"},
      {"application.organisation.credit_code", "统一社会信用代码"},
      {"application.organisation.registered_address", "注册地址"},
      {"application.organisation.office_address", "办公地址"},
      {"application.organisation.legal_representative", "法定代表人"},
      {"application.organisation.business_scope", "经营范围"},
      {"application.organisation.contacts", "联系人"},
      {"application.headcount_in_scope", "认证范围内人数"},
      {"application.founded_on", "成立日期"},
      {"application.org_chart", "组织机构图"},
      {"application.business_licence", "营业执照"},
      {"application.sites", "场所"},
      {"application.licences", "行政许可"},
      {"application.scope", "申请范围"},
      {"attachments", "附件"},
  };
  for (const auto& [path, name] : kNames)
    if (field == path) return name;
  std::size_t i = 0;
  std::string member;
  const auto row = [&](const char* what,
                       std::initializer_list<std::pair<const char*, const char*>> members) -> std::string {
    std::string out = std::string(what) + " " + std::to_string(i + 1);
    for (const auto& [key, name] : members)
      if (member == key) return out + " · " + name;
    return out;
  };
  if (field.rfind("application.organisation.", 0) == 0 && split_row(field.substr(25), "contacts", i, member))
    return row("联系人", {{"name", "姓名"}, {"phone", "电话"}, {"email", "电子邮箱"}});
  if (field.rfind("application.", 0) == 0 && split_row(field.substr(12), "sites", i, member))
    return row("场所", {{"name", "名称"}, {"address", "地址"}});
  if (field.rfind("application.", 0) == 0 && split_row(field.substr(12), "licences", i, member))
    return row("许可", {{"name", "名称"}, {"number", "编号"}, {"valid_until", "有效期至"}});
  for (const auto& [list, title] : {std::pair{"management_self_assessment.", "管理能力自评"},
                                    std::pair{"capability_self_assessment.", "专业能力自评"}}) {
    const std::string head = list;
    if (field.rfind(head, 0) != 0) continue;
    std::string rest = field.substr(head.size());
    const std::size_t dot = rest.rfind('.');
    const std::string req = dot == std::string::npos ? rest : rest.substr(0, dot);
    const std::string m = dot == std::string::npos ? "" : rest.substr(dot + 1);
    std::string out = std::string(title) + " · " + req;
    if (m == "claim") out += " · 符合情况";
    else if (m == "description") out += " · 实施情况说明";
    else if (m.rfind("evidence", 0) == 0) out += " · 证据";
    return out;
  }
  return field;
}

std::string size_text_zh(std::uint64_t bytes) {
  char buf[32];
  if (bytes >= 1048576) std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1048576.0);
  else if (bytes >= 1024) std::snprintf(buf, sizeof buf, "%.1f KB", static_cast<double>(bytes) / 1024.0);
  else std::snprintf(buf, sizeof buf, "%llu 字节", static_cast<unsigned long long>(bytes));
  return buf;
}

std::string package_file_name(const ApplicantModel& m, package::Kind kind, Date today) {
  std::string org = m.draft.organisation.name;
  for (char& ch : org)
    if (ch == '/' || ch == '\\' || ch == ':' || ch == '*' || ch == '?' || ch == '"' || ch == '<' || ch == '>' ||
        ch == '|' || (static_cast<unsigned char>(ch) < 0x20))
      ch = '_';
  if (org.find_first_not_of(" ._") == std::string::npos) org = "未命名组织";
  if (org.size() > 120) {
    std::size_t cut = 120;
    while (cut > 0 && (static_cast<unsigned char>(org[cut]) & 0xC0) == 0x80) --cut;  // whole characters
    org.resize(cut);
  }
  return org + (kind == package::Kind::final ? "-申请-" : "-申请草稿-") + today.iso() + ".json";
}

nlohmann::json applicant_to_json(const ApplicantModel& m) {
  nlohmann::json atts = nlohmann::json::array();
  for (const auto& a : m.draft.attachments) atts.push_back(package::attachment_meta_to_json(a));
  return {{"package_id", m.package_id},
          {"page", enum_id(m.page)},
          {"last_export", m.last_export},
          {"content", package::content_to_json(m.draft)},
          {"attachments", atts}};
}

Result<ApplicantModel> applicant_from_json(const nlohmann::json& j) {
  if (!j.is_object()) return refuse("", "应为 JSON 对象");
  ApplicantModel m;
  const auto text = [&](const char* key, std::string& out) -> bool {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return false;
    out = it->get<std::string>();
    return true;
  };
  if (!text("package_id", m.package_id)) return refuse("package_id", "缺少申请编号");
  text("last_export", m.last_export);
  std::string page;
  text("page", page);
  m.page = enum_from_id<ApplyPage>(page).value_or(ApplyPage::Eligibility);
  if (!j.contains("content") || !j.contains("attachments")) return refuse("content", "缺少申请内容");
  auto d = package::draft_from_json(j["content"], j["attachments"]);
  if (!d) {
    const package::Problem& first = d.error().front();
    return RuleViolation{"INPUT", first.message_zh, first.field};
  }
  m.draft = std::move(d.value());
  return m;
}

std::string attachment_path(const std::string& id) { return "applicant/att/" + id; }

std::string next_attachment_id(const ApplicationDraft& d) {
  long best = 0;
  for (const auto& a : d.attachments)
    if (a.id.rfind("att-", 0) == 0) best = std::max(best, std::strtol(a.id.c_str() + 4, nullptr, 10));
  return "att-" + std::to_string(best + 1);
}

}  // namespace certdesk::ui
