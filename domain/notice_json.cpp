// Notice and response packages v1: JSON, readers that report every problem by field path, and
// the two-phase export and import, on the application package's machinery (package_detail.hpp).
#include <algorithm>

#include "domain/notice.hpp"
#include "domain/package_detail.hpp"

namespace certdesk::notice {
namespace {

using nlohmann::json;
using package::detail::Reader;
namespace pd = package::detail;

constexpr std::string_view kNoticeNoun = "通知包";
constexpr std::string_view kResponseNoun = "答复包";

json date_json(const std::optional<Date>& d) { return d ? json(d->iso()) : json(nullptr); }

constexpr std::pair<ChangeKind, std::string_view> kChangeKinds[] = {
    {ChangeKind::Name, "name"}, {ChangeKind::Address, "address"}, {ChangeKind::Scope, "scope"}, {ChangeKind::Other, "other"}};

std::string_view change_kind_id(ChangeKind k) {
  for (const auto& [v, id] : kChangeKinds)
    if (v == k) return id;
  return "other";
}

void read_id(const json& root, std::string_view key, Reader& r, std::string& out) {
  r.text(root, key, "", out);
  if (root.contains(std::string(key)) && root[std::string(key)].is_string() && !pd::valid_package_id(out))
    r.add(std::string(key), "应为 1–64 个字母、数字、“.”“_”或“-”（通常为 UUID）");
}
void read_created_at(const json& root, Reader& r, std::string& out) {
  r.text(root, "created_at", "", out);
  if (root.contains("created_at") && root["created_at"].is_string() && !pd::valid_created_at(out))
    r.add("created_at", "应为 ISO 8601 日期时间，如 2026-03-02T09:30:00+08:00");
}
void read_notice_kind(const json& obj, std::string_view key, const std::string& path, Reader& r, NoticeKind& out) {
  std::string id;
  r.text(obj, key, path, id);
  if (auto k = notice_kind_from_id(id)) out = *k;
  else if (obj.contains(std::string(key)) && obj[std::string(key)].is_string())
    r.add(Reader::path_of(path, key), "未知的通知类型“" + id + "”");
}
void read_required_date(const json& obj, std::string_view key, const std::string& path, Reader& r, Date& out) {
  std::optional<Date> d;
  r.date(obj, key, path, d);
  if (d) out = *d;
  else if (obj.contains(std::string(key)) && obj[std::string(key)].is_null()) r.add(Reader::path_of(path, key), "应为日期 YYYY-MM-DD");
}
void read_bool(const json& obj, std::string_view key, const std::string& path, Reader& r, bool& out) {
  std::optional<bool> b;
  r.tri(obj, key, path, b);
  if (b) out = *b;
  else if (obj.contains(std::string(key)) && obj[std::string(key)].is_null()) r.add(Reader::path_of(path, key), "应为 true 或 false");
}

void read_notice_content(const json& j, const std::string& path, Reader& r, Notice& n) {
  if (!r.object(j, path)) return;
  r.keys(j, path, {"title", "issued_on", "summary", "lines", "items", "deadline", "audit_id"});
  std::string title;
  r.text(j, "title", path, title);
  read_required_date(j, "issued_on", path, r, n.issued_on);
  r.text(j, "summary", path, n.summary);
  r.list(j, "lines", path, n.lines, [&](const json& l, const std::string& p, NoticeLine& out) {
    if (!r.object(l, p)) return;
    r.keys(l, p, {"label", "value"});
    r.text(l, "label", p, out.label);
    r.text(l, "value", p, out.value);
  });
  r.list(j, "items", path, n.items, [&](const json& i, const std::string& p, NoticeItem& out) {
    if (!r.object(i, p)) return;
    r.keys(i, p, {"id", "clause", "description", "grade", "deadline"});
    r.text(i, "id", p, out.id);
    if (i.contains("id") && i["id"].is_string() && out.id.empty()) r.add(p + ".id", "编号不能为空");
    r.text(i, "clause", p, out.clause);
    r.text(i, "description", p, out.description);
    r.text(i, "grade", p, out.grade);
    r.date(i, "deadline", p, out.deadline);
  });
  r.date(j, "deadline", path, n.deadline);
  r.text(j, "audit_id", path, n.audit_id);
}

void read_notice_header(const json& root, Reader& r, Notice& n) {
  read_id(root, "notice_id", r, n.notice_id);
  read_created_at(root, r, n.created_at);
  read_notice_kind(root, "kind", "", r, n.kind);
  r.text(root, "body", "", n.body);
  r.text(root, "case_id", "", n.case_id);
  if (root.contains("case_id") && root["case_id"].is_string() && n.case_id.empty()) r.add("case_id", "案件编号不能为空");
  r.text(root, "application_package_id", "", n.application_package_id);
  r.text(root, "certificate_number", "", n.certificate_number);
  r.text(root, "organisation", "", n.organisation);
}

void read_answer(const json& j, const std::string& path, Reader& r, Answer& a) {
  if (!r.object(j, path)) return;
  r.keys(j, path, {"kind", "respondent", "text", "documents", "corrective_actions", "change", "score"});
  std::string kind;
  r.text(j, "kind", path, kind);
  if (auto k = response_kind_from_id(kind)) a.kind = *k;
  else if (j.contains("kind") && j["kind"].is_string()) r.add(path + ".kind", "未知的答复类型“" + kind + "”");
  r.text(j, "respondent", path, a.respondent);
  r.text(j, "text", path, a.text);
  r.texts(j, "documents", path, a.documents);
  r.list(j, "corrective_actions", path, a.corrective_actions, [&](const json& c, const std::string& p, CorrectiveAnswer& out) {
    if (!r.object(c, p)) return;
    r.keys(c, p, {"nc_id", "cause", "correction", "corrective_action", "evidence"});
    r.text(c, "nc_id", p, out.nc_id);
    r.text(c, "cause", p, out.cause);
    r.text(c, "correction", p, out.correction);
    r.text(c, "corrective_action", p, out.corrective_action);
    r.texts(c, "evidence", p, out.evidence);
  });
  const std::string cp = path + ".change";
  if (const json* c = r.member(j, "change", path); c && r.object(*c, cp)) {
    r.keys(*c, cp, {"kind", "new_value", "major"});
    std::string id;
    r.text(*c, "kind", cp, id);
    bool known = false;
    for (const auto& [v, name] : kChangeKinds)
      if (name == id) a.change_kind = v, known = true;
    if (!known && c->contains("kind") && (*c)["kind"].is_string()) r.add(cp + ".kind", "应为 name、address、scope 或 other");
    r.text(*c, "new_value", cp, a.new_value);
    read_bool(*c, "major", cp, r, a.major_change);
  }
  r.integer(j, "score", path, a.score, 0, 5);
}

void read_response_header(const json& root, Reader& r, Response& x) {
  read_id(root, "response_id", r, x.response_id);
  read_created_at(root, r, x.created_at);
  read_id(root, "notice_id", r, x.notice_id);
  read_notice_kind(root, "notice_kind", "", r, x.notice_kind);
  r.text(root, "case_id", "", x.case_id);
  if (root.contains("case_id") && root["case_id"].is_string() && x.case_id.empty()) r.add("case_id", "案件编号不能为空");
  r.text(root, "organisation", "", x.organisation);
  r.text(root, "audit_id", "", x.audit_id);
}

json response_to_json(const Response& x) {
  json metas = json::array();
  for (const AttachmentMeta& a : x.attachments) metas.push_back(package::attachment_meta_to_json(a));
  return json{{"format", std::string(kResponseFormat)},
              {"format_version", kFormatVersion},
              {"response_id", x.response_id},
              {"created_at", x.created_at},
              {"notice_id", x.notice_id},
              {"notice_kind", std::string(notice_kind_id(x.notice_kind))},
              {"case_id", x.case_id},
              {"organisation", x.organisation},
              {"audit_id", x.audit_id},
              {"content", answer_to_json(x.answer)},
              {"attachments", metas}};
}

Problems header_problems(const std::string& id_key, const std::string& id, const std::string& created_at) {
  Problems out;
  if (!pd::valid_package_id(id)) out.push_back(input_error(id_key, "应为 1–64 个字母、数字、“.”“_”或“-”（通常为 UUID）"));
  if (!pd::valid_created_at(created_at))
    out.push_back(input_error("created_at", "应为 ISO 8601 日期时间，如 2026-03-02T09:30:00+08:00"));
  return out;
}

Checked<package::PendingExport> pending(json document, AttachmentData data, const std::vector<AttachmentMeta>& metas,
                                        const Limits& limits, Problems out) {
  pd::check_strings(document, limits, true, out);
  if (!out.empty()) return out;
  package::PendingExport p;
  p.canonical = document.dump();
  p.document = std::move(document);
  p.data = std::move(data);
  p.attachments = metas;
  return p;
}

// Parse, format, then `read(doc, reader)`; attachments and digest as in the application package.
template <class T, class ReadFn>
Checked<PendingRead<T>> prepare_read(std::string_view text, const Limits& limits, std::string_view format,
                                     std::string_view noun, std::vector<AttachmentMeta>* metas, ReadFn read) {
  pd::Lifted lifted;
  auto parsed = pd::parse_document(text, limits, lifted, noun);
  if (!parsed) return parsed.error();
  json& doc = parsed.value();
  if (Problems f = pd::format_problems(doc, format, noun); !f.empty()) return f;
  Problems out;
  Reader r(out);
  PendingRead<T> p;
  read(doc, r, p.value);
  pd::read_digest(doc, r, p.digest);
  std::vector<AttachmentMeta> none;
  std::vector<AttachmentMeta>& list = metas ? *metas : none;
  pd::read_attachments(doc, r, limits, lifted, list, p.data, out);
  if (!metas && !list.empty()) r.add("attachments", "第 1 版通知包不带附件，应为空数组");
  pd::check_strings(doc, limits, false, out);
  for (Problem& a : pd::attachment_list_problems(list, limits)) out.push_back(std::move(a));
  if (!out.empty()) return pd::first_per_field(std::move(out));
  doc.erase("digest");
  p.canonical = doc.dump();
  return p;
}

template <class T>
Checked<Read<T>> finish_read(PendingRead<T>&& p, const std::vector<std::string>& hashes,
                             const std::vector<AttachmentMeta>& metas, std::string_view noun) {
  if (Problems e = pd::hash_count(hashes, p.data.size() + 1); !e.empty()) return e;
  Problems out;
  if (hashes[0] != p.digest)
    out.push_back(Problem{"INTEGRITY",
                          "digest.value: 内容摘要不符，" + std::string(noun) + "在导出后被修改或已损坏（计算值 " + hashes[0] + "）",
                          "digest.value"});
  pd::compare_attachment_hashes(metas, hashes, out);
  if (!out.empty()) return out;
  return Read<T>{std::move(p.value), std::move(p.data), std::move(p.digest)};
}

std::vector<std::string> hash_all(const std::vector<std::string_view>& blobs, const package::Sha256Fn& sha256) {
  std::vector<std::string> out;
  for (std::string_view b : blobs) out.push_back(sha256(b));
  return out;
}

}  // namespace

json notice_to_json(const Notice& n) {
  json lines = json::array();
  for (const NoticeLine& l : n.lines) lines.push_back({{"label", l.label}, {"value", l.value}});
  json items = json::array();
  for (const NoticeItem& i : n.items)
    items.push_back({{"id", i.id}, {"clause", i.clause}, {"description", i.description}, {"grade", i.grade},
                     {"deadline", date_json(i.deadline)}});
  return json{{"format", std::string(kNoticeFormat)},
              {"format_version", kFormatVersion},
              {"notice_id", n.notice_id},
              {"created_at", n.created_at},
              {"kind", std::string(notice_kind_id(n.kind))},
              {"body", n.body},
              {"case_id", n.case_id},
              {"application_package_id", n.application_package_id},
              {"certificate_number", n.certificate_number},
              {"organisation", n.organisation},
              {"content",
               {{"title", std::string(notice_label_zh(n.kind))},
                {"issued_on", n.issued_on.iso()},
                {"summary", n.summary},
                {"lines", lines},
                {"items", items},
                {"deadline", date_json(n.deadline)},
                {"audit_id", n.audit_id}}}};
}

Checked<Notice> notice_from_json(const json& j) {
  Problems out;
  Reader r(out);
  Notice n;
  if (r.object(j, "")) {
    read_notice_header(j, r, n);
    if (const json* c = r.member(j, "content", "")) read_notice_content(*c, "content", r, n);
  }
  if (!out.empty()) return pd::first_per_field(std::move(out));
  return n;
}

json answer_to_json(const Answer& a) {
  json actions = json::array();
  for (const CorrectiveAnswer& c : a.corrective_actions)
    actions.push_back({{"nc_id", c.nc_id}, {"cause", c.cause}, {"correction", c.correction},
                       {"corrective_action", c.corrective_action}, {"evidence", c.evidence}});
  return json{{"kind", std::string(response_kind_id(a.kind))},
              {"respondent", a.respondent},
              {"text", a.text},
              {"documents", a.documents},
              {"corrective_actions", actions},
              {"change", {{"kind", std::string(change_kind_id(a.change_kind))}, {"new_value", a.new_value},
                          {"major", a.major_change}}},
              {"score", a.score}};
}

Checked<Answer> answer_from_json(const json& j, const std::string& path) {
  Problems out;
  Reader r(out);
  Answer a;
  read_answer(j, path, r, a);
  if (!out.empty()) return pd::first_per_field(std::move(out));
  return a;
}

Checked<package::PendingExport> prepare_notice_export(const Notice& n, const Limits& limits) {
  json doc = notice_to_json(n);
  doc["attachments"] = json::array();
  return pending(std::move(doc), {}, {}, limits, header_problems("notice_id", n.notice_id, n.created_at));
}

Checked<package::PendingExport> prepare_response_export(const Response& x, const Notice& answered, AttachmentData data,
                                                        const Limits& limits) {
  Problems out = header_problems("response_id", x.response_id, x.created_at);
  if (x.notice_id != answered.notice_id) out.push_back(input_error("notice_id", "与所答复的通知编号不符"));
  if (data.size() != x.attachments.size())
    out.push_back(input_error("attachments", "附件数据 " + std::to_string(data.size()) + " 份，与附件清单 " +
                                                 std::to_string(x.attachments.size()) + " 项不符"));
  for (std::size_t i = 0; i < data.size() && i < x.attachments.size(); ++i)
    if (data[i].size() != x.attachments[i].size)
      out.push_back(Problem{"INTEGRITY",
                            "attachments[" + std::to_string(i) + "].size: 附件“" + x.attachments[i].name + "”声明 " +
                                std::to_string(x.attachments[i].size) + " 字节，实际 " + std::to_string(data[i].size()) + " 字节",
                            "attachments[" + std::to_string(i) + "].size"});
  for (Problem& p : pd::attachment_list_problems(x.attachments, limits)) out.push_back(std::move(p));
  for (Problem& p : answer_problems(x.answer, answered, x.attachments)) out.push_back(std::move(p));
  return pending(response_to_json(x), std::move(data), x.attachments, limits, std::move(out));
}

Checked<PendingRead<Notice>> prepare_notice_import(std::string_view text, const Limits& limits) {
  return prepare_read<Notice>(text, limits, kNoticeFormat, kNoticeNoun, nullptr, [](const json& doc, Reader& r, Notice& n) {
    r.keys(doc, "", {"format", "format_version", "notice_id", "created_at", "kind", "body", "case_id",
                     "application_package_id", "certificate_number", "organisation", "content", "attachments", "digest"});
    read_notice_header(doc, r, n);
    if (const json* c = r.member(doc, "content", "")) read_notice_content(*c, "content", r, n);
  });
}

Checked<PendingRead<Response>> prepare_response_import(std::string_view text, const Limits& limits) {
  std::vector<AttachmentMeta> metas;
  auto p = prepare_read<Response>(text, limits, kResponseFormat, kResponseNoun, &metas,
                                  [](const json& doc, Reader& r, Response& x) {
                                    r.keys(doc, "", {"format", "format_version", "response_id", "created_at", "notice_id",
                                                     "notice_kind", "case_id", "organisation", "audit_id", "content",
                                                     "attachments", "digest"});
                                    read_response_header(doc, r, x);
                                    if (const json* c = r.member(doc, "content", "")) read_answer(*c, "content", r, x.answer);
                                  });
  if (!p) return p;
  p.value().value.attachments = std::move(metas);
  // The answer against what the response says it answers (the body checks again against the case).
  Notice shape;
  shape.kind = p.value().value.notice_kind;
  shape.audit_id = p.value().value.audit_id;
  for (const CorrectiveAnswer& c : p.value().value.answer.corrective_actions) shape.items.push_back({c.nc_id, "", "", "", {}});
  if (Problems a = answer_problems(p.value().value.answer, shape, p.value().value.attachments); !a.empty()) return a;
  return p;
}

Checked<Read<Notice>> finish_notice_import(PendingRead<Notice>&& p, const std::vector<std::string>& hashes) {
  return finish_read(std::move(p), hashes, {}, kNoticeNoun);
}

Checked<Read<Response>> finish_response_import(PendingRead<Response>&& p, const std::vector<std::string>& hashes) {
  const std::vector<AttachmentMeta> metas = p.value.attachments;
  return finish_read(std::move(p), hashes, metas, kResponseNoun);
}

Checked<std::string> export_notice(const Notice& n, const package::Sha256Fn& sha256, const Limits& limits) {
  auto p = prepare_notice_export(n, limits);
  if (!p) return p.error();
  const auto hashes = hash_all(p.value().blobs(), sha256);
  return package::finish_export(std::move(p.value()), hashes);
}

Checked<std::string> export_response(const Response& r, const Notice& answered, AttachmentData data,
                                     const package::Sha256Fn& sha256, const Limits& limits) {
  auto p = prepare_response_export(r, answered, std::move(data), limits);
  if (!p) return p.error();
  const auto hashes = hash_all(p.value().blobs(), sha256);
  return package::finish_export(std::move(p.value()), hashes);
}

Checked<Read<Notice>> import_notice(std::string_view text, const package::Sha256Fn& sha256, const Limits& limits) {
  auto p = prepare_notice_import(text, limits);
  if (!p) return p.error();
  const auto hashes = hash_all(p.value().blobs(), sha256);
  return finish_notice_import(std::move(p.value()), hashes);
}

Checked<Read<Response>> import_response(std::string_view text, const package::Sha256Fn& sha256, const Limits& limits) {
  auto p = prepare_response_import(text, limits);
  if (!p) return p.error();
  const auto hashes = hash_all(p.value().blobs(), sha256);
  return finish_response_import(std::move(p.value()), hashes);
}

}  // namespace certdesk::notice
