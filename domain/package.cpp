// Application package v1: two-phase import and export (prepare → caller hashes blobs → finish)
// and the synchronous wrappers. Canonical text = nlohmann dump() of the package object without
// "digest" and without each attachment's "data_base64" (keys sorted, no spaces, UTF-8 as is);
// see public/schemas/README.md.
#include <algorithm>
#include <cstdlib>
#include <optional>

#include "domain/base64.hpp"
#include "domain/package_detail.hpp"

namespace certdesk::package {
namespace {

using nlohmann::json;
using detail::Lifted;
using detail::Reader;

Problems one(const char* rule, const std::string& field, const std::string& message_zh) {
  Problem p = input_error(field, message_zh);
  p.rule = rule;
  return Problems{std::move(p)};
}

// nlohmann's own DOM builder, keeping the position of a syntax error (the wasm build has no
// exceptions, so json::parse could not report it). The builder's interface is nlohmann's
// documented SAX interface; the class itself is its detail, pinned by the packaged version.
struct DomBuilder : nlohmann::detail::json_sax_dom_parser<json> {
  using json_sax_dom_parser::json_sax_dom_parser;
  std::optional<std::size_t> error_byte;  // 1-based, as parse_error::byte
  template <class Exception> bool parse_error(std::size_t position, const std::string& token, const Exception& ex) {
    error_byte = position;
    return json_sax_dom_parser::parse_error(position, token, ex);
  }
};

std::size_t original_offset(const Lifted& l, std::size_t offset) {
  std::size_t shift = 0;
  for (const auto& [at, removed] : l.shifts)
    if (at <= offset) shift = removed;
  return offset + shift;
}

}  // namespace

Checked<json> detail::parse_document(std::string_view text, const Limits& limits, Lifted& lifted, std::string_view what) {
  const std::string noun(what);
  if (text.empty()) return one("INPUT", "", "文件为空，不是" + noun);
  if (text.size() > limits.max_package_bytes)
    return one("LIMIT", "", "文件大小 " + std::to_string(text.size()) + " 字节，超过" + noun + "上限 " +
                                detail::mib(limits.max_package_bytes));
  detail::Scanned scanned = detail::scan_import_text(text, limits.max_depth);
  if (const std::size_t at = scanned.invalid_utf8; at != std::string_view::npos)
    return one("INPUT", "", "第 " + std::to_string(at + 1) + " 字节处不是有效的 UTF-8 编码（" + noun + "须为 UTF-8 文本）");
  if (const std::size_t at = scanned.too_deep; at != std::string_view::npos)
    return one("LIMIT", "", "JSON 嵌套超过 " + std::to_string(limits.max_depth) + " 层（第 " + std::to_string(at + 1) +
                                " 字节处）");
  lifted = std::move(scanned.lifted);
  // Parsed through the SAX interface to learn where a syntax error is without an exception
  // (the wasm build has none).
  json doc;
  DomBuilder builder(doc, /*allow_exceptions=*/false);
  const bool ok = json::sax_parse(lifted.text, &builder);
  if (ok && !builder.error_byte && !doc.is_discarded()) return doc;
  const std::size_t byte = builder.error_byte.value_or(0);
  if (byte == 0) return one("INPUT", "", "不是有效的 JSON");
  // One past the end means the text stopped mid-value.
  if (byte > lifted.text.size()) return one("INPUT", "", "文件意外结束，可能被截断（JSON 不完整）");
  return one("INPUT", "", "不是有效的 JSON：第 " + std::to_string(original_offset(lifted, byte)) + " 字节附近有语法错误");
}

// "FORMAT" problems are reported alone: a file of another format is not worth dissecting.
Problems detail::format_problems(const json& doc, std::string_view format, std::string_view what) {
  const std::string noun(what);
  if (!doc.is_object()) return one("INPUT", "", noun + "应为 JSON 对象");
  const auto f = doc.find("format");
  if (f == doc.end() || !f->is_string() || f->get_ref<const std::string&>() != format)
    return one("FORMAT", "format", "不是 CertDesk " + noun + "（format 应为 \"" + std::string(format) + "\"）");
  const auto v = doc.find("format_version");
  if (v == doc.end()) return one("FORMAT", "format_version", "缺少格式版本");
  if (!v->is_number_unsigned() || v->get<std::uint64_t>() != static_cast<std::uint64_t>(kFormatVersion))
    return one("FORMAT", "format_version", "不支持的格式版本 " + v->dump() + "（本程序读取第 " +
                                               std::to_string(kFormatVersion) + " 版），请升级认证工作台或按第 1 版重新导出");
  return {};
}

void detail::read_attachments(json& doc, Reader& r, const Limits& limits, Lifted& lifted,
                              std::vector<AttachmentMeta>& metas, AttachmentData& data, Problems& out) {
  const json* arr = r.member(doc, "attachments", "");
  if (!arr) return;
  if (!arr->is_array()) return r.add("attachments", "应为数组");
  json& list = doc["attachments"];
  metas.assign(list.size(), AttachmentMeta{});
  data.assign(list.size(), std::string());
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string p = "attachments[" + std::to_string(i) + "]";
    json& item = list[i];
    if (!r.object(item, p)) continue;
    r.keys(item, p, {"id", "name", "media_type", "size", "sha256", "data_base64"});
    AttachmentMeta& meta = metas[i];
    detail::read_attachment_meta(item, p, r, meta);
    const json* b64 = r.member(item, "data_base64", p);
    if (!b64) continue;
    if (!b64->is_string()) {
      r.add(p + ".data_base64", "应为 Base64 字符串");
      continue;
    }
    std::string_view text = b64->get_ref<const std::string&>();
    if (text.size() > 2 && text[0] == '\0' && text[1] == '#') {  // a lifted value (see Lifted)
      const std::size_t n = std::strtoul(std::string(text.substr(2)).c_str(), nullptr, 10);
      if (n < lifted.blobs.size() && !lifted.used[n]) {
        lifted.used[n] = true;
        text = lifted.blobs[n];
      }
    }
    if (meta.size > limits.max_attachment_bytes) {
      item.erase("data_base64");  // attachment_problems reports the size
      continue;
    }
    if (text.size() != base64::encoded_size(meta.size)) {
      out.push_back(Problem{"INTEGRITY",
                            p + ".size: 声明大小 " + std::to_string(meta.size) + " 字节与 Base64 数据长度（" +
                                std::to_string(text.size()) + " 个字符）不符，附件不完整或已损坏",
                            p + ".size"});
      item.erase("data_base64");
      continue;
    }
    base64::DecodeError error;
    if (!base64::decode(text, data[i], error)) r.add(p + ".data_base64", "不是有效的 Base64：" + error.message_zh);
    else if (data[i].size() != meta.size)  // same Base64 length, one or two bytes off
      out.push_back(Problem{"INTEGRITY",
                            p + ".size: 声明大小 " + std::to_string(meta.size) + " 字节与解码后的数据（" +
                                std::to_string(data[i].size()) + " 字节）不符，附件不完整或已损坏",
                            p + ".size"});
    item.erase("data_base64");
  }
}

Problems detail::first_per_field(Problems list) {
  Problems out;
  for (Problem& p : list) {
    const bool seen = !p.field.empty() && std::any_of(out.begin(), out.end(), [&](const Problem& q) { return q.field == p.field; });
    if (!seen) out.push_back(std::move(p));
  }
  return out;
}

namespace {

const Catalogue* find_catalogue(const std::vector<Catalogue>& list, const CatalogueRef& ref) {
  for (const Catalogue& c : list)
    if (c.id == ref.id && c.version == ref.version) return &c;
  return nullptr;
}

std::vector<std::string_view> blob_list(const std::string& canonical, const AttachmentData& data) {
  std::vector<std::string_view> out{canonical};
  for (const std::string& d : data) out.push_back(d);
  return out;
}

}  // namespace

Problems detail::hash_count(const std::vector<std::string>& hashes, std::size_t expected) {
  if (hashes.size() == expected) return {};
  return one("INPUT", "", "内部错误：应提供 " + std::to_string(expected) + " 个 SHA-256 值，实际 " +
                              std::to_string(hashes.size()) + " 个");
}

void detail::compare_attachment_hashes(const std::vector<AttachmentMeta>& metas, const std::vector<std::string>& hashes,
                                       Problems& out) {
  for (std::size_t i = 0; i < metas.size(); ++i)
    if (hashes[i + 1] != metas[i].sha256) {
      const std::string p = "attachments[" + std::to_string(i) + "].sha256";
      out.push_back(Problem{"INTEGRITY",
                            p + ": 附件“" + metas[i].name + "”的 SHA-256 与内容不符（文件已损坏或被替换；计算值 " +
                                hashes[i + 1] + "）",
                            p});
    }
}

void detail::read_digest(const json& doc, Reader& r, std::string& value) {
  if (const json* dg = r.member(doc, "digest", ""); dg && r.object(*dg, "digest")) {
    r.keys(*dg, "digest", {"algorithm", "value"});
    std::string algorithm;
    r.text(*dg, "algorithm", "digest", algorithm);
    if (dg->contains("algorithm") && algorithm != kDigestAlgorithm) r.add("digest.algorithm", "应为 \"SHA-256\"");
    r.text(*dg, "value", "digest", value);
    if (dg->contains("value") && !detail::is_sha256_hex(value))
      r.add("digest.value", "应为 64 位小写十六进制 SHA-256 值");
  }
}

std::vector<std::string_view> PendingExport::blobs() const { return blob_list(canonical, data); }
std::vector<std::string_view> PendingImport::blobs() const { return blob_list(canonical, data); }

Checked<PendingImport> prepare_import(std::string_view text, const std::vector<Catalogue>& catalogues,
                                      const Limits& limits) {
  Lifted lifted;
  auto parsed = detail::parse_document(text, limits, lifted, "申请包");
  if (!parsed) return parsed.error();
  json& doc = parsed.value();
  if (Problems f = detail::format_problems(doc, kFormat, "申请包"); !f.empty()) return f;

  Problems out;
  Reader r(out);
  PendingImport p;
  r.keys(doc, "", {"format", "format_version", "package_id", "created_at", "kind", "catalogue", "content",
                   "attachments", "digest"});
  detail::read_header(doc, r, p.header);
  detail::read_digest(doc, r, p.digest);
  if (const json* c = r.member(doc, "content", "")) detail::read_content(*c, "content", r, p.draft);
  detail::read_attachments(doc, r, limits, lifted, p.draft.attachments, p.data, out);
  detail::check_strings(doc, limits, false, out);
  for (Problem& a : attachment_problems(p.draft, limits)) out.push_back(std::move(a));
  if (!out.empty()) return detail::first_per_field(std::move(out));

  const Catalogue* catalogue = find_catalogue(catalogues, p.header.catalogue);
  Problems domain;
  if (!catalogue)
    domain.push_back(input_error("catalogue", "本机构没有申请包所用的目录 " + p.header.catalogue.id + "（版本 " +
                                                  p.header.catalogue.version + "），无法核对认证范围和自评要求"));
  else
    domain = detail::content_problems(p.draft, *catalogue, detail::created_on(p.header.created_at));
  if (p.header.kind == Kind::final && !domain.empty()) return domain;
  p.warnings = std::move(domain);

  doc.erase("digest");
  p.canonical = doc.dump();
  return p;
}

Checked<ImportedPackage> finish_import(PendingImport&& p, const std::vector<std::string>& hashes) {
  if (Problems e = detail::hash_count(hashes, p.data.size() + 1); !e.empty()) return e;
  Problems out;
  if (hashes[0] != p.digest)
    out.push_back(Problem{"INTEGRITY",
                          "digest.value: 内容摘要不符，申请包在导出后被修改或已损坏（计算值 " + hashes[0] + "）",
                          "digest.value"});
  detail::compare_attachment_hashes(p.draft.attachments, hashes, out);
  if (!out.empty()) return out;
  return ImportedPackage{std::move(p.header), std::move(p.draft), std::move(p.data), std::move(p.digest),
                         std::move(p.warnings)};
}

Checked<PendingExport> prepare_export(const Header& h, const ApplicationDraft& d, AttachmentData data,
                                      const Catalogue& c, const Limits& limits) {
  Problems out;
  PendingExport p;
  p.header = h;
  if (p.header.catalogue.id.empty() && p.header.catalogue.version.empty()) p.header.catalogue = catalogue_ref(c);
  if (p.header.catalogue != catalogue_ref(c))
    out.push_back(input_error("catalogue", "申请包头所列目录与用于核对的目录 " + c.id + "（" + c.version + "）不一致"));
  if (!detail::valid_package_id(h.package_id))
    out.push_back(input_error("package_id", "应为 1–64 个字母、数字、“.”“_”或“-”（通常为 UUID）"));
  if (!detail::valid_created_at(h.created_at))
    out.push_back(input_error("created_at", "应为 ISO 8601 日期时间，如 2026-03-02T09:30:00+08:00"));
  if (data.size() != d.attachments.size())
    out.push_back(input_error("attachments", "附件数据 " + std::to_string(data.size()) + " 份，与附件清单 " +
                                                 std::to_string(d.attachments.size()) + " 项不符"));
  for (std::size_t i = 0; i < data.size() && i < d.attachments.size(); ++i)
    if (data[i].size() != d.attachments[i].size)
      out.push_back(Problem{"INTEGRITY",
                            "attachments[" + std::to_string(i) + "].size: 附件“" + d.attachments[i].name + "”声明 " +
                                std::to_string(d.attachments[i].size) + " 字节，实际 " + std::to_string(data[i].size()) + " 字节",
                            "attachments[" + std::to_string(i) + "].size"});
  for (Problem& a : attachment_problems(d, limits)) out.push_back(std::move(a));
  if (h.kind == Kind::final && detail::valid_created_at(h.created_at))
    for (Problem& a : detail::content_problems(d, c, detail::created_on(h.created_at))) out.push_back(std::move(a));

  p.document = detail::header_to_json(p.header);
  p.document["content"] = content_to_json(d);
  json metas = json::array();
  for (const AttachmentMeta& a : d.attachments) metas.push_back(attachment_meta_to_json(a));
  p.document["attachments"] = std::move(metas);
  detail::check_strings(p.document, limits, true, out);
  if (!out.empty()) return out;
  p.canonical = p.document.dump();
  p.data = std::move(data);
  p.attachments = d.attachments;
  return p;
}

Checked<std::string> finish_export(PendingExport&& p, const std::vector<std::string>& hashes) {
  if (Problems e = detail::hash_count(hashes, p.data.size() + 1); !e.empty()) return e;
  Problems out;
  detail::compare_attachment_hashes(p.attachments, hashes, out);
  if (!out.empty()) return out;

  // Written by hand around nlohmann's dump so the Base64 text is built once, in place.
  json attachments = std::move(p.document["attachments"]);
  p.document.erase("attachments");
  p.document["digest"] = {{"algorithm", std::string(kDigestAlgorithm)}, {"value", hashes[0]}};
  const std::string rest = p.document.dump();
  std::size_t size = rest.size() + 32;
  for (std::size_t i = 0; i < p.data.size(); ++i) size += base64::encoded_size(p.data[i].size()) + 256;
  std::string text;
  text.reserve(size);
  text += "{\"attachments\":[";
  for (std::size_t i = 0; i < p.data.size(); ++i) {
    std::string meta = attachments[i].dump();
    meta.pop_back();  // the closing brace
    text += (i ? "," : "") + meta + ",\"data_base64\":\"";
    base64::encode_append(p.data[i], text);
    std::string().swap(p.data[i]);  // free each attachment once encoded
    text += "\"}";
  }
  text += "],";
  text.append(rest, 1, std::string::npos);
  return text;
}

Checked<std::string> export_package(const Header& h, const ApplicationDraft& d, AttachmentData data,
                                    const Catalogue& c, const Sha256Fn& sha256, const Limits& limits) {
  auto p = prepare_export(h, d, std::move(data), c, limits);
  if (!p) return p.error();
  std::vector<std::string> hashes;
  for (std::string_view b : p.value().blobs()) hashes.push_back(sha256(b));
  return finish_export(std::move(p.value()), hashes);
}

Checked<ImportedPackage> import_package(std::string_view text, const std::vector<Catalogue>& catalogues,
                                        const Sha256Fn& sha256, const Limits& limits) {
  auto p = prepare_import(text, catalogues, limits);
  if (!p) return p.error();
  std::vector<std::string> hashes;
  for (std::string_view b : p.value().blobs()) hashes.push_back(sha256(b));
  return finish_import(std::move(p.value()), hashes);
}

}  // namespace certdesk::package
