// Application package v1: JSON of the content, attachments' metadata and header; readers that
// collect every problem with its field path (public/schemas/application-package.schema.json).
#include <cstdio>

#include "domain/package_detail.hpp"

namespace certdesk::package {
namespace {

using nlohmann::json;

json tri_json(const std::optional<bool>& b) { return b ? json(*b) : json(nullptr); }
json date_json(const std::optional<Date>& d) { return d ? json(d->iso()) : json(nullptr); }

json entries_json(const std::vector<AssessmentEntry>& list) {
  json arr = json::array();
  for (const AssessmentEntry& e : list)
    arr.push_back({{"requirement_id", e.requirement_id}, {"claim", std::string(enum_id(e.claim))},
                   {"description", e.description}, {"evidence", e.evidence}});
  return arr;
}

void read_entry(const json& j, const std::string& path, detail::Reader& r, AssessmentEntry& e) {
  if (!r.object(j, path)) return;
  r.keys(j, path, {"requirement_id", "claim", "description", "evidence"});
  r.text(j, "requirement_id", path, e.requirement_id);
  std::string claim;
  r.text(j, "claim", path, claim);
  if (auto c = enum_from_id<Claim>(claim))
    e.claim = *c;
  else
    r.add(path + ".claim", "未知取值“" + claim + "”，可选：conforms、partly_conforms、does_not_conform、not_applicable 或空字符串（未填写）");
  r.texts(j, "evidence", path, e.evidence);
  r.text(j, "description", path, e.description);
}

}  // namespace


json content_to_json(const ApplicationDraft& d) {
  const Organisation& o = d.organisation;
  json contacts = json::array();
  for (const Contact& c : o.contacts) contacts.push_back({{"name", c.name}, {"phone", c.phone}, {"email", c.email}});
  json sites = json::array();
  for (const Site& s : d.sites) sites.push_back({{"name", s.name}, {"address", s.address}});
  json licences = json::array();
  for (const Licence& l : d.licences)
    licences.push_back({{"name", l.name}, {"number", l.number}, {"valid_until", date_json(l.valid_until)}});
  json scope = json::array();
  for (const ScopeItem& s : d.scope) scope.push_back({{"category", s.category}, {"level", s.level}});
  return json{
      {"eligibility",
       {{"legal_entity", tri_json(d.eligibility.legal_entity)},
        {"licences_complete", tri_json(d.eligibility.licences_complete)},
        {"penalty_in_last_year", tri_json(d.eligibility.penalty_in_last_year)}}},
      {"application",
       {{"organisation",
         {{"name", o.name}, {"credit_code", o.credit_code}, {"registered_address", o.registered_address},
          {"office_address", o.office_address}, {"legal_representative", o.legal_representative},
          {"contacts", contacts}, {"business_scope", o.business_scope}}},
        {"org_chart", d.org_chart},
        {"business_licence", d.business_licence},
        {"headcount_in_scope", d.headcount_in_scope},
        {"sites", sites},
        {"licences", licences},
        {"scope", scope},
        {"founded_on", date_json(d.founded_on)},
        {"last_administrative_penalty", date_json(d.last_administrative_penalty)}}},
      {"management_self_assessment", entries_json(d.management_self_assessment)},
      {"capability_self_assessment", entries_json(d.capability_self_assessment)},
  };
}

json attachment_meta_to_json(const AttachmentMeta& a) {
  return json{{"id", a.id}, {"name", a.name}, {"media_type", a.media_type}, {"size", a.size}, {"sha256", a.sha256}};
}

namespace detail {

std::string Reader::path_of(const std::string& base, std::string_view key) {
  return base.empty() ? std::string(key) : base + "." + std::string(key);
}

void Reader::add(const std::string& field, const std::string& message_zh) {
  out_.push_back(input_error(field, message_zh));
}

bool Reader::object(const json& j, const std::string& path) {
  if (j.is_object()) return true;
  add(path, "应为 JSON 对象");
  return false;
}

void Reader::keys(const json& obj, const std::string& path, std::initializer_list<std::string_view> known) {
  for (const auto& item : obj.items()) {
    bool found = false;
    for (std::string_view k : known) found = found || k == item.key();
    if (!found) add(path_of(path, item.key()), "未知字段（格式第 1 版没有此字段）");
  }
}

const json* Reader::member(const json& obj, std::string_view key, const std::string& path) {
  const auto it = obj.find(std::string(key));
  if (it != obj.end()) return &*it;
  add(path_of(path, key), "缺少字段");
  return nullptr;
}

void Reader::text(const json& obj, std::string_view key, const std::string& path, std::string& out) {
  const json* v = member(obj, key, path);
  if (!v) return;
  if (!v->is_string()) return add(path_of(path, key), "应为字符串");
  out = v->get_ref<const std::string&>();
}

void Reader::integer(const json& obj, std::string_view key, const std::string& path, int& out, int min, int max) {
  const json* v = member(obj, key, path);
  if (!v) return;
  const std::string field = path_of(path, key);
  if (!v->is_number_integer()) return add(field, "应为整数");
  // Unsigned values above INT64_MAX must not wrap into range.
  const bool huge = v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max);
  const std::int64_t n = huge ? std::int64_t{max} + 1 : v->get<std::int64_t>();
  if (n < min || n > max)
    return add(field, "应在 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间，实际为 " + v->dump());
  out = static_cast<int>(n);
}

void Reader::size(const json& obj, std::string_view key, const std::string& path, std::uint64_t& out) {
  const json* v = member(obj, key, path);
  if (!v) return;
  if (!v->is_number_unsigned())  // nlohmann stores non-negative integers as unsigned
    return add(path_of(path, key), "应为非负整数（字节数）");
  out = v->get<std::uint64_t>();
}

void Reader::tri(const json& obj, std::string_view key, const std::string& path, std::optional<bool>& out) {
  const json* v = member(obj, key, path);
  if (!v) return;
  if (v->is_null()) return out.reset();
  if (!v->is_boolean()) return add(path_of(path, key), "应为 true、false 或 null（未回答）");
  out = v->get<bool>();
}

void Reader::date(const json& obj, std::string_view key, const std::string& path, std::optional<Date>& out) {
  const json* v = member(obj, key, path);
  if (!v) return;
  if (v->is_null()) return out.reset();
  const auto d = v->is_string() ? Date::parse(v->get_ref<const std::string&>()) : std::nullopt;
  if (!d) return add(path_of(path, key), "应为日期 YYYY-MM-DD 或 null");
  out = d;
}

void Reader::texts(const json& obj, std::string_view key, const std::string& path, std::vector<std::string>& out) {
  list(obj, key, path, out, [&](const json& j, const std::string& item_path, std::string& s) {
    if (!j.is_string()) return add(item_path, "应为字符串");
    s = j.get_ref<const std::string&>();
  });
}

void read_content(const json& j, const std::string& path, Reader& r, ApplicationDraft& d) {
  if (!r.object(j, path)) return;
  r.keys(j, path, {"eligibility", "application", "management_self_assessment", "capability_self_assessment"});
  if (const json* e = r.member(j, "eligibility", path); e && r.object(*e, path + ".eligibility")) {
    const std::string p = path + ".eligibility";
    r.keys(*e, p, {"legal_entity", "licences_complete", "penalty_in_last_year"});
    r.tri(*e, "legal_entity", p, d.eligibility.legal_entity);
    r.tri(*e, "licences_complete", p, d.eligibility.licences_complete);
    r.tri(*e, "penalty_in_last_year", p, d.eligibility.penalty_in_last_year);
  }
  const std::string ap = path + ".application";
  if (const json* a = r.member(j, "application", path); a && r.object(*a, ap)) {
    r.keys(*a, ap, {"organisation", "org_chart", "business_licence", "headcount_in_scope", "sites", "licences", "scope",
                    "founded_on", "last_administrative_penalty"});
    const std::string op = ap + ".organisation";
    if (const json* o = r.member(*a, "organisation", ap); o && r.object(*o, op)) {
      Organisation& org = d.organisation;
      r.keys(*o, op, {"name", "credit_code", "registered_address", "office_address", "legal_representative",
                      "contacts", "business_scope"});
      r.text(*o, "name", op, org.name);
      r.text(*o, "credit_code", op, org.credit_code);
      r.text(*o, "registered_address", op, org.registered_address);
      r.text(*o, "office_address", op, org.office_address);
      r.text(*o, "legal_representative", op, org.legal_representative);
      r.list(*o, "contacts", op, org.contacts, [&](const json& c, const std::string& p, Contact& out) {
        if (!r.object(c, p)) return;
        r.keys(c, p, {"name", "phone", "email"});
        r.text(c, "name", p, out.name);
        r.text(c, "phone", p, out.phone);
        r.text(c, "email", p, out.email);
      });
      r.text(*o, "business_scope", op, org.business_scope);
    }
    r.text(*a, "org_chart", ap, d.org_chart);
    r.text(*a, "business_licence", ap, d.business_licence);
    r.integer(*a, "headcount_in_scope", ap, d.headcount_in_scope, 0, 10'000'000);
    r.list(*a, "sites", ap, d.sites, [&](const json& s, const std::string& p, Site& out) {
      if (!r.object(s, p)) return;
      r.keys(s, p, {"name", "address"});
      r.text(s, "name", p, out.name);
      r.text(s, "address", p, out.address);
    });
    r.list(*a, "licences", ap, d.licences, [&](const json& l, const std::string& p, Licence& out) {
      if (!r.object(l, p)) return;
      r.keys(l, p, {"name", "number", "valid_until"});
      r.text(l, "name", p, out.name);
      r.text(l, "number", p, out.number);
      r.date(l, "valid_until", p, out.valid_until);
    });
    r.list(*a, "scope", ap, d.scope, [&](const json& s, const std::string& p, ScopeItem& out) {
      if (!r.object(s, p)) return;
      r.keys(s, p, {"category", "level"});
      r.text(s, "category", p, out.category);
      r.text(s, "level", p, out.level);
    });
    r.date(*a, "founded_on", ap, d.founded_on);
    r.date(*a, "last_administrative_penalty", ap, d.last_administrative_penalty);
  }
  r.list(j, "management_self_assessment", path, d.management_self_assessment,
         [&](const json& e, const std::string& p, AssessmentEntry& out) { read_entry(e, p, r, out); });
  r.list(j, "capability_self_assessment", path, d.capability_self_assessment,
         [&](const json& e, const std::string& p, AssessmentEntry& out) { read_entry(e, p, r, out); });
}

// The values' form (unique id, hex digest, limits) is checked by attachment_problems().
void read_attachment_meta(const json& j, const std::string& path, Reader& r, AttachmentMeta& a) {
  r.text(j, "id", path, a.id);
  r.text(j, "name", path, a.name);
  r.text(j, "media_type", path, a.media_type);
  r.size(j, "size", path, a.size);
  r.text(j, "sha256", path, a.sha256);
}

void read_header(const json& root, Reader& r, Header& h) {
  r.text(root, "package_id", "", h.package_id);
  if (root.contains("package_id") && !valid_package_id(h.package_id))
    r.add("package_id", "应为 1–64 个字母、数字、“.”“_”或“-”（通常为 UUID）");
  r.text(root, "created_at", "", h.created_at);
  if (root.contains("created_at") && !valid_created_at(h.created_at))
    r.add("created_at", "应为 ISO 8601 日期时间，如 2026-03-02T09:30:00+08:00");
  std::string kind;
  r.text(root, "kind", "", kind);
  if (auto k = enum_from_id<Kind>(kind)) h.kind = *k;
  else if (root.contains("kind") && root["kind"].is_string()) r.add("kind", "应为 \"draft\"（草稿）或 \"final\"（正式）");
  if (const json* c = r.member(root, "catalogue", ""); c && r.object(*c, "catalogue")) {
    r.keys(*c, "catalogue", {"id", "version"});
    r.text(*c, "id", "catalogue", h.catalogue.id);
    r.text(*c, "version", "catalogue", h.catalogue.version);
  }
}

json header_to_json(const Header& h) {
  return json{{"format", std::string(kFormat)},
              {"format_version", kFormatVersion},
              {"package_id", h.package_id},
              {"created_at", h.created_at},
              {"kind", std::string(enum_id(h.kind))},
              {"catalogue", {{"id", h.catalogue.id}, {"version", h.catalogue.version}}}};
}

}  // namespace detail
Checked<ApplicationDraft> draft_from_json(const nlohmann::json& content, const nlohmann::json& attachments) {
  Problems out;
  detail::Reader r(out);
  ApplicationDraft d;
  if (r.object(content, "content")) detail::read_content(content, "content", r, d);
  if (!attachments.is_array()) {
    r.add("attachments", "应为数组");
  } else {
    d.attachments.assign(attachments.size(), AttachmentMeta{});
    for (std::size_t i = 0; i < attachments.size(); ++i) {
      const std::string path = "attachments[" + std::to_string(i) + "]";
      if (r.object(attachments[i], path)) detail::read_attachment_meta(attachments[i], path, r, d.attachments[i]);
    }
  }
  if (!out.empty()) return out;
  return d;
}

}  // namespace certdesk::package
