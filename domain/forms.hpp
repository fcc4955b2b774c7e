// domain/forms.hpp — every form of the brief's table (附件1) as data: code, Chinese title, fields
// and signature lines; the values a case already knows for them (prefill); and the printable A4
// HTML document of a filled form. Pure C++: the browser edge only opens the string it returns.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case_model.hpp"
#include "domain/catalogue.hpp"
#include "domain/settings.hpp"

namespace certdesk::forms {

enum class FieldKind {
  Line,   // one line of text
  Text,   // several lines
  Date,   // YYYY-MM-DD (printed as written)
  Rows    // a table: an array of rows, each an array of strings, one per column
};

struct Column {
  const char* label_zh;
};

struct FieldSpec {
  std::string key;       // JSON key in the form's fields; the same key means the same fact in every form
  const char* label_zh;  // "组织名称"
  FieldKind kind = FieldKind::Line;
  std::vector<Column> columns = {};  // Rows only
};

struct FormSpec {
  std::string code;      // "QP-21-13", "ACCEPTANCE-NOTICE", "REMOTE-AGREEMENT" (the domain's RecordForm codes)
  const char* title_zh;  // "不符合项报告"
  const char* filled_by_zh;
  std::vector<FieldSpec> fields;
  std::vector<const char*> signatures;  // who signs, one line each with its date
};

// All 32 forms of the table, in its order.
const std::vector<FormSpec>& form_catalogue();
const FormSpec* find_form(std::string_view code);
// The code as printed: the body's prefix before the QP/IP codes ("WAL-QP-21-13"); the two forms
// without a number in the table print their title instead of a code ("—").
std::string printed_code(const FormSpec& f, const BodySettings& body);

// What prefilling reads besides the case.
struct PrefillInput {
  const Catalogue* catalogue = nullptr;  // scope names (the code is used without it)
  Date today;
};

// The form's fields from what the case knows: organisation and application (QP-21-01), review and
// person-days, contract, team, audits, findings (the latest NC for 13, observation for 12),
// report, decision, certificate and its status history, changes, complaints, surveys. Every
// field of the spec is present (empty string or empty table when the case does not know it).
nlohmann::json prefill(const FormSpec& f, const CaseState& s, const PrefillInput& in);

// Checks a filled form: an object whose keys are fields of the spec, Line/Text/Date strings,
// Rows an array of arrays of strings. Unknown keys or wrong types are INPUT errors naming the
// field ("fields.team[2][1]").
Result<void> validate_fields(const FormSpec& f, const nlohmann::json& fields);

struct PrintMeta {
  std::string case_id;  // printed beside the code ("" leaves it out)
  Date printed_on;
};

// A complete HTML document of the filled form for print or save-as-PDF: A4 page, Chinese system
// fonts by family name (nothing is fetched), the body's header, the printed code, every field,
// signature and date lines, page numbers in the page margin, long text wrapped. Every user string
// is HTML-escaped and bidi-isolated; a CSP meta forbids all script, and the document has none.
// Values of a wrong type are printed as their JSON text, so a stored form always prints.
std::string render_html(const FormSpec& f, const nlohmann::json& fields, const BodySettings& body,
                        const PrintMeta& meta);

// ---- Chinese labels shared by the forms and the notices (domain/notice.cpp) ----

// ---- HTML helpers shared with the public register (domain/register.cpp) ----
// & < > " ' as entities; NUL and other C0 controls except tab and newline become U+FFFD.
std::string html_escape(std::string_view text);
// Escaped and isolated: <bdi>…</bdi>, so right-to-left marks in user text cannot reorder the page.
std::string html_text(std::string_view text);
// The document head every printed page shares: charset, the no-script CSP, title, A4 style.
std::string html_head(std::string_view title, std::string_view extra_css = "");

}  // namespace certdesk::forms
