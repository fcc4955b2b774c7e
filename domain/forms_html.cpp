// domain/forms_html.cpp — a filled form as a printable A4 HTML document (issue 7 item 1). The
// document is static: no script, a CSP that forbids any, every user string escaped and
// bidi-isolated, long text wrapped anywhere so that a 10,000-character line cannot widen the page.
#include "domain/forms.hpp"

namespace certdesk::forms {

namespace {

using nlohmann::json;

// Chinese system fonts by family name: nothing is fetched (the CSP forbids fonts from anywhere).
constexpr const char* kStyle = R"CSS(
@page { size: A4; margin: 18mm 16mm 20mm 16mm;
  @bottom-center { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-size: 9pt; color: #555; } }
html { background: #fff; }
body { margin: 0 auto; max-width: 178mm; padding: 8mm 0; color: #000;
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", "Noto Sans CJK SC",
    "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif;
  font-size: 10.5pt; line-height: 1.55; overflow-wrap: anywhere; word-break: break-word; }
@media print { body { padding: 0; max-width: none; } }
header { text-align: center; border-bottom: 1.5pt solid #000; padding-bottom: 2mm; margin-bottom: 4mm; }
header .body { font-size: 14pt; font-weight: bold; letter-spacing: 0.1em; }
header .sub { font-size: 9pt; color: #333; }
h1 { text-align: center; font-size: 16pt; margin: 3mm 0 1mm; letter-spacing: 0.15em; }
.meta { display: flex; justify-content: space-between; font-size: 9pt; margin-bottom: 3mm; gap: 4mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 0.75pt solid #000; padding: 1.5mm 2mm; vertical-align: top; text-align: left;
  overflow-wrap: anywhere; word-break: break-word; }
table.form > tbody > tr > th { width: 30mm; background: #f2f2f2; font-weight: normal; }
table.rows th { background: #f2f2f2; font-weight: normal; }
tr { break-inside: avoid; }
.v { white-space: pre-wrap; }
.empty { color: #999; }
.signs { margin-top: 8mm; break-inside: avoid; }
.sign { display: flex; gap: 6mm; margin: 6mm 0 0; align-items: flex-end; }
.sign .who { min-width: 50mm; }
.sign .line { flex: 1; border-bottom: 0.75pt solid #000; min-height: 6mm; }
.sign .date { width: 40mm; border-bottom: 0.75pt solid #000; }
)CSS";

// A stored value printed as text: strings as they are, anything else as its JSON.
std::string as_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump(-1, ' ', false, json::error_handler_t::replace);
}

// An empty field says so; an empty cell of a table stays blank, to be filled in by hand.
std::string value_cell(const json& v, bool mark_empty = true) {
  const std::string t = as_text(v);
  if (t.empty()) return mark_empty ? "<td class=\"v empty\">（未填写）</td>" : "<td class=\"v\"></td>";
  return "<td class=\"v\">" + html_text(t) + "</td>";
}

std::string rows_table(const FieldSpec& fs, const json& v) {
  std::string out = "<table class=\"rows\"><thead><tr>";
  for (const Column& c : fs.columns) out += "<th>" + html_escape(c.label_zh) + "</th>";
  out += "</tr></thead><tbody>";
  // A value that is not a table (a hand-edited store) prints as one row with its text.
  const json table = v.is_array() ? v : v.is_null() ? json::array() : json::array({json::array({v})});
  for (const json& row : table) {
    out += "<tr>";
    for (std::size_t c = 0; c < fs.columns.size(); ++c)
      out += value_cell(row.is_array() ? (c < row.size() ? row[c] : json("")) : (c == 0 ? row : json("")), false);
    out += "</tr>";
  }
  // Short tables get blank lines to fill in by hand.
  for (std::size_t n = table.size(); n < 3; ++n) {
    out += "<tr>";
    for (std::size_t c = 0; c < fs.columns.size(); ++c) out += "<td>&#160;</td>";
    out += "</tr>";
  }
  return out + "</tbody></table>";
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20 && ch != '\n' && ch != '\t') out += "\xEF\xBF\xBD";
        else out += ch;
    }
  }
  return out;
}

std::string html_text(std::string_view text) { return "<bdi>" + html_escape(text) + "</bdi>"; }

std::string html_head(std::string_view title, std::string_view extra_css) {
  return "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
         "<meta name=\"viewport\" content=\"width=device-width\">"
         "<meta name=\"referrer\" content=\"no-referrer\">"
         "<title>" + html_escape(title) + "</title><style>" + kStyle + std::string(extra_css) + "</style></head>\n";
}

std::string render_html(const FormSpec& f, const json& fields, const BodySettings& body, const PrintMeta& meta) {
  const std::string code = printed_code(f, body);
  const std::string title = (code == "—" ? "" : code + " ") + f.title_zh;
  std::string out = html_head(title);
  out += "<body><header><div class=\"body\">" + html_text(body.header_zh.empty() ? body.name_zh : body.header_zh) + "</div>";
  std::string sub = body.address_zh;
  if (!body.phone.empty()) sub += (sub.empty() ? "" : "　电话 ") + body.phone;
  if (!sub.empty()) out += "<div class=\"sub\">" + html_text(sub) + "</div>";
  out += "</header><h1>" + html_escape(f.title_zh) + "</h1><div class=\"meta\"><span>表单编号：" + html_text(code) + "</span>";
  if (!meta.case_id.empty()) out += "<span>案件：" + html_text(meta.case_id) + "</span>";
  out += "<span>打印日期：" + meta.printed_on.iso() + "</span></div>\n<table class=\"form\"><tbody>";
  const json none;
  for (const FieldSpec& fs : f.fields) {
    const json& v = fields.is_object() && fields.contains(fs.key) ? fields[fs.key] : none;
    out += "<tr><th>" + html_escape(fs.label_zh) + "</th>";
    out += fs.kind == FieldKind::Rows ? "<td>" + rows_table(fs, v) + "</td>" : value_cell(v);
    out += "</tr>\n";
  }
  out += "</tbody></table>\n<div class=\"signs\">";
  for (const char* who : f.signatures)
    out += "<div class=\"sign\"><span class=\"who\">" + html_escape(who) + "：</span><span class=\"line\"></span>"
           "<span>日期：</span><span class=\"date\"></span></div>";
  out += "</div></body></html>\n";
  return out;
}

}  // namespace certdesk::forms
