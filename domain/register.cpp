// domain/register.cpp — the public certificate register: entries from the cases, its JSON file
// and its static HTML page (§6.7.3).
#include "domain/register.hpp"

#include <algorithm>
#include <map>

#include "domain/forms.hpp"

namespace certdesk::reg {

using nlohmann::json;

PublicStatus public_status(const Certificate& c, Date today) {
  const CertStatus s = c.history.empty() ? CertStatus::Valid : c.history.back().status;
  switch (s) {
    case CertStatus::Revoked: return PublicStatus::Revoked;
    case CertStatus::Cancelled: return PublicStatus::Cancelled;
    case CertStatus::Expired: return PublicStatus::Expired;
    default: break;
  }
  // R4: a certificate is valid 3 years; past its date it is no longer valid, whatever is recorded.
  if (today > c.expires_on) return PublicStatus::Expired;
  return s == CertStatus::Suspended ? PublicStatus::Suspended : PublicStatus::Valid;
}

namespace {

Entry entry_of(const Certificate& c, const Catalogue* catalogue, Date today) {
  Entry e;
  e.certificate_no = c.number;
  e.organisation = c.name;
  for (const ScopeItem& i : c.scope) {
    const ServiceCategory* cat = catalogue ? find_category(*catalogue, i.category) : nullptr;
    e.scope.push_back({i.category, cat ? cat->name_zh : i.category, i.level});
  }
  e.status = public_status(c, today);
  e.issued_on = c.issued_on;
  e.expires_on = c.expires_on;
  if (c.history.size() > 1) e.status_changed_on = c.history.back().on;
  if (e.status == PublicStatus::Expired && !e.status_changed_on && today > c.expires_on) e.status_changed_on = c.expires_on;
  if (e.status == PublicStatus::Suspended) e.suspended_until = c.suspended_until;
  return e;
}

std::string opt_iso(const std::optional<Date>& d) { return d ? d->iso() : ""; }

}  // namespace

std::vector<Entry> build(const std::vector<const CaseState*>& cases, const Catalogue* catalogue, Date today) {
  std::vector<Entry> out;
  for (const CaseState* s : cases) {
    if (!s) continue;
    for (const Certificate& c : s->previous_certificates) out.push_back(entry_of(c, catalogue, today));
    if (s->certificate) out.push_back(entry_of(*s->certificate, catalogue, today));
  }
  std::stable_sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.certificate_no < b.certificate_no; });
  return out;
}

json to_json(const std::vector<Entry>& entries, const BodySettings& body, Date today) {
  json list = json::array();
  for (const Entry& e : entries) {
    json scope = json::array();
    for (const ScopeEntry& s : e.scope) scope.push_back({{"category", s.category}, {"category_zh", s.category_zh}, {"level", s.level}});
    json j = {{"certificate_no", e.certificate_no}, {"organisation", e.organisation}, {"scope", scope},
              {"status", enum_id(e.status)}, {"status_zh", enum_label(e.status)},
              {"issued_on", e.issued_on.iso()}, {"expires_on", e.expires_on.iso()},
              {"status_changed_on", e.status_changed_on ? json(e.status_changed_on->iso()) : json(nullptr)}};
    if (e.suspended_until) j["suspended_until"] = e.suspended_until->iso();
    list.push_back(std::move(j));
  }
  return {{"format", kFormat}, {"format_version", kVersion}, {"generated_on", today.iso()},
          {"body", {{"name_zh", body.name_zh}, {"header_zh", body.header_zh}}}, {"certificates", list}};
}

std::string to_html(const std::vector<Entry>& entries, const BodySettings& body, Date today) {
  using forms::html_escape;
  using forms::html_text;
  const char* css = R"CSS(
table.reg th { background: #f2f2f2; font-weight: normal; }
table.reg { font-size: 9pt; }
table.reg td.d { white-space: nowrap; overflow-wrap: normal; font-size: 8.5pt; }
table.reg td.st-suspended { color: #8a5a00; } table.reg td.st-revoked, table.reg td.st-cancelled { color: #a01e14; }
table.reg td.st-expired { color: #666; }
.counts { margin: 2mm 0 4mm; font-size: 9.5pt; }
)CSS";
  std::string out = forms::html_head(body.name_zh + " 认证证书公示", css);
  out += "<body><header><div class=\"body\">" + html_text(body.header_zh.empty() ? body.name_zh : body.header_zh) + "</div></header>";
  out += "<h1>认证证书公示</h1><p class=\"counts\">依据认证程序 §6.7.3，证书的暂停、注销和撤销予以公开。截至 " + today.iso() +
         "，共 " + std::to_string(entries.size()) + " 张证书";
  std::map<int, int> counts;
  for (const Entry& e : entries) ++counts[static_cast<int>(e.status)];
  for (const auto& [st, n] : counts)
    out += std::string("，") + std::string(enum_label(static_cast<PublicStatus>(st))) + " " + std::to_string(n) + " 张";
  // Widths add up to 100 %: the fixed table layout gives each column exactly its share.
  out += "。</p>\n<table class=\"reg\"><thead><tr><th style=\"width:13%\">证书编号</th><th style=\"width:20%\">获证组织</th>"
         "<th style=\"width:17%\">认证范围</th><th style=\"width:7%\">级别</th><th style=\"width:10%\">状态</th>"
         "<th style=\"width:11%\">发证日期</th><th style=\"width:11%\">有效期至</th><th style=\"width:11%\">状态变更日期</th>"
         "</tr></thead><tbody>\n";
  for (const Entry& e : entries) {
    std::string scope, level;
    for (const ScopeEntry& s : e.scope) {
      scope += (scope.empty() ? "" : "<br>") + html_text(s.category_zh);
      level += (level.empty() ? "" : "<br>") + html_text(s.level);
    }
    std::string status(enum_label(e.status));
    if (e.suspended_until) status += "（至 " + e.suspended_until->iso() + "）";
    out += "<tr><td>" + html_text(e.certificate_no) + "</td><td>" + html_text(e.organisation) + "</td><td>" + scope +
           "</td><td>" + level + "</td><td class=\"st-" + std::string(enum_id(e.status)) + "\">" + status + "</td><td class=\"d\">" +
           e.issued_on.iso() + "</td><td class=\"d\">" + e.expires_on.iso() + "</td><td class=\"d\">" +
           opt_iso(e.status_changed_on) + "</td></tr>\n";
  }
  if (entries.empty()) out += "<tr><td colspan=\"8\">暂无证书。</td></tr>";
  out += "</tbody></table></body></html>\n";
  return out;
}

std::string file_stem(Date today) { return "certificate-register-" + today.iso(); }

}  // namespace certdesk::reg
