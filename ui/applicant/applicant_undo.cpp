// ui/applicant/applicant_undo.cpp — issue 15: what removing an attachment or a row takes with it, said in
// words, and the commands that put it back exactly (the attachment at its place with every
// evidence link, the row at its index). Pure C++, tested natively (tests/ui/applicant_test.cpp).
#include <algorithm>

#include "ui/applicant/applicant.hpp"

namespace certdesk::ui {

using nlohmann::json;
using package::ApplicationDraft;
using package::AssessmentEntry;

namespace {

RuleViolation refuse(const std::string& field, const std::string& message_zh) {
  return RuleViolation{"INPUT", message_zh, field};
}

std::vector<AssessmentEntry>* list_of(ApplicationDraft& d, const std::string& name) {
  if (name == "management") return &d.management_self_assessment;
  if (name == "capability") return &d.capability_self_assessment;
  return nullptr;
}

std::string str(const json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

const char* list_label(const std::string& list) {
  if (list == "contacts") return "联系人";
  if (list == "sites") return "场所";
  if (list == "licences") return "行政许可";
  return "";
}

}  // namespace

std::optional<AttachmentRemoval> attachment_removal(const ApplicationDraft& d, const std::string& id) {
  auto it = std::find_if(d.attachments.begin(), d.attachments.end(),
                         [&](const package::AttachmentMeta& a) { return a.id == id; });
  if (it == d.attachments.end()) return std::nullopt;
  AttachmentRemoval r;
  r.meta = *it;
  r.index = static_cast<std::size_t>(it - d.attachments.begin());
  r.org_chart = d.org_chart == id;
  r.business_licence = d.business_licence == id;
  const std::pair<const char*, const std::vector<AssessmentEntry>*> lists[] = {
      {"management", &d.management_self_assessment}, {"capability", &d.capability_self_assessment}};
  for (const auto& [name, list] : lists)
    for (const AssessmentEntry& e : *list)
      for (std::size_t i = 0; i < e.evidence.size(); ++i)
        if (e.evidence[i] == id) r.links.push_back({name, e.requirement_id, i});
  return r;
}

std::string removal_message_zh(const AttachmentRemoval& r) {
  std::string text = "已删除附件“" + r.meta.name + "”";
  std::vector<std::string> also;
  if (!r.links.empty()) also.push_back("同时移除 " + std::to_string(r.links.size()) + " 项要求的证据链接");
  if (r.org_chart) also.push_back("它是申请中指定的“组织机构图”，现已空缺");
  if (r.business_licence) also.push_back("它是申请中指定的“营业执照”，现已空缺");
  for (std::size_t i = 0; i < also.size(); ++i) text += (i == 0 ? "，" : "；") + also[i];
  return text + "。";
}

Result<void> apply_draft(ApplicantModel& m, const RestoreAttachment& c, const package::Limits& limits) {
  const AttachmentRemoval& r = c.removal;
  ApplicationDraft& d = m.draft;
  // The same limits as adding it, then everything it took with it (all or nothing).
  ApplicantModel probe = m;
  if (Result<void> added = apply_draft(probe, AddAttachment{r.meta}, limits); !added) return added;
  for (const EvidenceLink& l : r.links)
    if (!list_of(probe.draft, l.assessment) || l.requirement.empty() || l.requirement.size() > 64)
      return refuse("links", "证据链接“" + l.assessment + " " + l.requirement + "”无效");
  ApplicationDraft& p = probe.draft;
  // AddAttachment appended it: move it back to its place.
  const std::size_t at = std::min(r.index, p.attachments.size() - 1);
  std::rotate(p.attachments.begin() + static_cast<std::ptrdiff_t>(at), p.attachments.end() - 1, p.attachments.end());
  if (r.org_chart && p.org_chart.empty()) p.org_chart = r.meta.id;
  if (r.business_licence && p.business_licence.empty()) p.business_licence = r.meta.id;
  for (const EvidenceLink& l : r.links) {
    std::vector<AssessmentEntry>& list = *list_of(p, l.assessment);
    auto e = std::find_if(list.begin(), list.end(), [&](const AssessmentEntry& x) { return x.requirement_id == l.requirement; });
    if (e == list.end()) {
      list.push_back(AssessmentEntry{l.requirement, package::Claim::unanswered, "", {}});
      e = list.end() - 1;
    }
    if (std::find(e->evidence.begin(), e->evidence.end(), r.meta.id) != e->evidence.end()) continue;
    e->evidence.insert(e->evidence.begin() + static_cast<std::ptrdiff_t>(std::min(l.position, e->evidence.size())), r.meta.id);
  }
  d = std::move(p);
  return ok_void();
}

json draft_row(const ApplicationDraft& d, const std::string& list, int index) {
  if (index < 0) return nullptr;
  const auto i = static_cast<std::size_t>(index);
  if (list == "contacts" && i < d.organisation.contacts.size()) {
    const Contact& c = d.organisation.contacts[i];
    return {{"name", c.name}, {"phone", c.phone}, {"email", c.email}};
  }
  if (list == "sites" && i < d.sites.size()) return {{"name", d.sites[i].name}, {"address", d.sites[i].address}};
  if (list == "licences" && i < d.licences.size()) {
    const Licence& l = d.licences[i];
    return {{"name", l.name}, {"number", l.number}, {"valid_until", l.valid_until ? l.valid_until->iso() : ""}};
  }
  return nullptr;
}

std::string row_removal_message_zh(const std::string& list, int index, const json& row) {
  std::string text = std::string("已删除") + list_label(list) + " " + std::to_string(index + 1);
  const std::string name = str(row, "name");
  if (!name.empty()) text += "（" + name + "）";
  return text + "。";
}

Result<void> apply_draft(ApplicantModel& m, const RestoreDraftRow& c) {
  ApplicationDraft& d = m.draft;
  if (!c.row.is_object()) return refuse("row", "应为 JSON 对象");
  for (const auto& [k, v] : c.row.items())
    if (!v.is_string()) return refuse("row." + k, "应为文字");
  auto insert = [&](auto& v, auto item, const char* field) -> Result<void> {
    if (c.index < 0 || static_cast<std::size_t>(c.index) > v.size())
      return refuse(field, "没有第 " + std::to_string(c.index + 1) + " 行的位置");
    if (v.size() >= 50) return refuse(field, std::string(list_label(c.list)) + "最多 50 行");
    v.insert(v.begin() + c.index, std::move(item));
    return ok_void();
  };
  if (c.list == "contacts")
    return insert(d.organisation.contacts, Contact{str(c.row, "name"), str(c.row, "phone"), str(c.row, "email")},
                  "application.organisation.contacts");
  if (c.list == "sites") return insert(d.sites, Site{str(c.row, "name"), str(c.row, "address")}, "application.sites");
  if (c.list == "licences") {
    Licence l{str(c.row, "name"), str(c.row, "number"), std::nullopt};
    const std::string until = str(c.row, "valid_until");
    if (!until.empty()) {
      l.valid_until = Date::parse(until);
      if (!l.valid_until) return refuse("row.valid_until", "有效期应为“年-月-日”格式的日期");
    }
    return insert(d.licences, std::move(l), "application.licences");
  }
  return refuse("list", "未知列表“" + c.list + "”");
}

json restore_attachment_json(const AttachmentRemoval& r) {
  json links = json::array();
  for (const EvidenceLink& l : r.links)
    links.push_back({{"assessment", l.assessment}, {"requirement", l.requirement}, {"position", l.position}});
  return {{"type", "RestoreAttachment"},
          {"attachment", {{"id", r.meta.id}, {"name", r.meta.name}, {"media_type", r.meta.media_type},
                          {"size", r.meta.size}, {"sha256", r.meta.sha256}}},
          {"index", r.index},
          {"org_chart", r.org_chart},
          {"business_licence", r.business_licence},
          {"links", links}};
}

Result<RestoreAttachment> restore_attachment_from_json(const json& j) {
  if (!j.is_object()) return refuse("", "应为 JSON 对象");
  const json* a = j.contains("attachment") ? &j["attachment"] : nullptr;
  if (!a || !a->is_object()) return refuse("attachment", "应为 JSON 对象");
  RestoreAttachment out;
  AttachmentRemoval& r = out.removal;
  for (const char* k : {"id", "name", "media_type", "sha256"})
    if (!a->contains(k) || !(*a)[k].is_string()) return refuse(std::string("attachment.") + k, "应为文字");
  r.meta.id = str(*a, "id");
  r.meta.name = str(*a, "name");
  r.meta.media_type = str(*a, "media_type");
  r.meta.sha256 = str(*a, "sha256");
  if (r.meta.id.empty()) return refuse("attachment.id", "缺少附件编号");
  if (r.meta.sha256.size() != 64 ||
      !std::all_of(r.meta.sha256.begin(), r.meta.sha256.end(), [](char ch) { return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'); }))
    return refuse("attachment.sha256", "应为 64 位小写十六进制");
  if (!a->contains("size") || !(*a)["size"].is_number_unsigned()) return refuse("attachment.size", "应为非负整数");
  r.meta.size = (*a)["size"].get<std::uint64_t>();
  if (!j.contains("index") || !j["index"].is_number_unsigned()) return refuse("index", "应为非负整数");
  r.index = j["index"].get<std::size_t>();
  for (const char* k : {"org_chart", "business_licence"}) {
    if (!j.contains(k)) continue;
    if (!j[k].is_boolean()) return refuse(k, "应为 true 或 false");
    (std::string(k) == "org_chart" ? r.org_chart : r.business_licence) = j[k].get<bool>();
  }
  if (j.contains("links")) {
    if (!j["links"].is_array()) return refuse("links", "应为数组");
    for (std::size_t i = 0; i < j["links"].size(); ++i) {
      const json& l = j["links"][i];
      const std::string at = "links[" + std::to_string(i) + "]";
      if (!l.is_object() || !l.contains("assessment") || !l["assessment"].is_string() || !l.contains("requirement") ||
          !l["requirement"].is_string())
        return refuse(at, "应为 {assessment, requirement, position}");
      EvidenceLink link{str(l, "assessment"), str(l, "requirement"), 0};
      if (l.contains("position")) {
        if (!l["position"].is_number_unsigned()) return refuse(at + ".position", "应为非负整数");
        link.position = l["position"].get<std::size_t>();
      }
      r.links.push_back(std::move(link));
    }
  }
  return out;
}

Result<RestoreDraftRow> restore_row_from_json(const json& j) {
  if (!j.is_object() || !j.contains("list") || !j["list"].is_string()) return refuse("list", "应为文字");
  if (!j.contains("index") || !j["index"].is_number_integer()) return refuse("index", "应为整数");
  if (!j.contains("row") || !j["row"].is_object()) return refuse("row", "应为 JSON 对象");
  return RestoreDraftRow{j["list"].get<std::string>(), j["index"].get<int>(), j["row"]};
}

}  // namespace certdesk::ui
