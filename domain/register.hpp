// domain/register.hpp — the public certificate register (issue 7 item 4; §6.7.3: suspensions,
// cancellations and revocations are made public). From every case, one entry per certificate the
// body has issued: number, organisation, scope and level, status and dates; exported as a static
// JSON file (schema: public/schemas/certificate-register.schema.json) and a static HTML page that
// needs no script, for the body to publish on its own static host.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/case_model.hpp"
#include "domain/catalogue.hpp"
#include "domain/enum_table.hpp"
#include "domain/settings.hpp"

namespace certdesk::reg {

inline constexpr const char* kFormat = "certdesk.certificate-register";
inline constexpr int kVersion = 1;

enum class PublicStatus { Valid, Suspended, Revoked, Cancelled, Expired };

struct ScopeEntry {
  std::string category;     // catalogue code
  std::string category_zh;  // its name (the code when the catalogue does not know it)
  std::string level;
};

struct Entry {
  std::string certificate_no;
  std::string organisation;  // the name on the certificate
  std::vector<ScopeEntry> scope;
  PublicStatus status = PublicStatus::Valid;
  Date issued_on;
  Date expires_on;
  std::optional<Date> status_changed_on;  // the last change after issue (suspension, restoration…)
  std::optional<Date> suspended_until;    // while suspended (R8)
};

// The public status of a certificate on `today`: suspended, revoked, cancelled as recorded; a
// certificate still in force past its expiry date is shown as expired (R4) even before the body
// records the expiry. Restored and changed certificates are valid.
PublicStatus public_status(const Certificate& c, Date today);

// Every certificate of every case — the current one and those a recertification replaced —
// sorted by certificate number. Cases without a certificate contribute nothing.
std::vector<Entry> build(const std::vector<const CaseState*>& cases, const Catalogue* catalogue, Date today);

// {"format", "format_version", "generated_on", "body": {name, header}, "certificates": [...]}
nlohmann::json to_json(const std::vector<Entry>& entries, const BodySettings& body, Date today);
// A complete static HTML page: the same content as a table, with counts by status. Every text is
// escaped and bidi-isolated; a CSP meta forbids all script and the page has none.
std::string to_html(const std::vector<Entry>& entries, const BodySettings& body, Date today);

// File names of the export: "certificate-register-<date>.json" / ".html".
std::string file_stem(Date today);

}  // namespace certdesk::reg

namespace certdesk {
CERTDESK_ENUM_TABLE(reg::PublicStatus, {reg::PublicStatus::Valid, "valid", "有效"},
    {reg::PublicStatus::Suspended, "suspended", "暂停"}, {reg::PublicStatus::Revoked, "revoked", "撤销"},
    {reg::PublicStatus::Cancelled, "cancelled", "注销"}, {reg::PublicStatus::Expired, "expired", "过期"})
}  // namespace certdesk
