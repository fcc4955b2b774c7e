// Internal to the application package (package*.cpp): JSON readers that collect every problem,
// text checks shared by import and export. Not part of the public API.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/package.hpp"

namespace certdesk::package::detail {

using nlohmann::json;

// Reads members of JSON objects, appending a problem for each bad member and going on (the
// import reports every problem, not the first). In format v1 every member is required; text may
// be empty and optional values are null.
class Reader {
 public:
  explicit Reader(Problems& out) : out_(out) {}
  bool object(const json& j, const std::string& path);  // j is an object, else a problem
  void keys(const json& obj, const std::string& path, std::initializer_list<std::string_view> known);
  const json* member(const json& obj, std::string_view key, const std::string& path);  // required
  void text(const json& obj, std::string_view key, const std::string& path, std::string& out);
  void integer(const json& obj, std::string_view key, const std::string& path, int& out, int min, int max);
  void size(const json& obj, std::string_view key, const std::string& path, std::uint64_t& out);
  void tri(const json& obj, std::string_view key, const std::string& path, std::optional<bool>& out);
  void date(const json& obj, std::string_view key, const std::string& path, std::optional<Date>& out);
  void texts(const json& obj, std::string_view key, const std::string& path, std::vector<std::string>& out);
  // An array whose items are read by item(const json&, const std::string& item_path, T&).
  template <class T, class F>
  void list(const json& obj, std::string_view key, const std::string& path, std::vector<T>& out, F item) {
    const json* arr = member(obj, key, path);
    if (!arr) return;
    const std::string field = path_of(path, key);
    if (!arr->is_array()) return add(field, "应为数组");
    out.assign(arr->size(), T{});
    for (std::size_t i = 0; i < arr->size(); ++i) item((*arr)[i], field + "[" + std::to_string(i) + "]", out[i]);
  }
  void add(const std::string& field, const std::string& message_zh);
  static std::string path_of(const std::string& base, std::string_view key);

 private:
  Problems& out_;
};

void read_content(const json& j, const std::string& path, Reader& r, ApplicationDraft& d);
void read_attachment_meta(const json& j, const std::string& path, Reader& r, AttachmentMeta& a);
void read_header(const json& root, Reader& r, Header& h);  // package_id, created_at, kind, catalogue
nlohmann::json header_to_json(const Header& h);            // the same members, plus format/format_version

// completeness() without attachment_problems() (import reports those as errors even for drafts).
Problems content_problems(const ApplicationDraft& d, const Catalogue& c, Date today);

// Walks every string of `doc` (not data_base64 members): longer than max_string_bytes → LIMIT,
// invalid UTF-8 → INPUT (export only: imported text is checked as a whole first).
void check_strings(const json& doc, const Limits& limits, bool check_utf8, Problems& out);
// Byte offset of the first invalid UTF-8 sequence, or npos.
std::size_t invalid_utf8_at(std::string_view s);

// Base64 data lifted out of an imported text before parsing: nlohmann's lexer copies strings a
// byte at a time, which for 50 MB of attachments costs more time and memory than everything else
// together. Each "data_base64": "<no backslash, at least 64 bytes>" value is replaced by the
// placeholder "\u0000#<n>" and kept as a view into the caller's text. A placeholder can be forged
// only through an escaped key; each one resolves at most once, so a forgery fails (and NUL is no
// Base64 character anyway).
struct Lifted {
  std::string text;                                         // the JSON text with placeholders
  std::vector<std::string_view> blobs;                      // the Base64 values, by placeholder number
  std::vector<std::pair<std::size_t, std::size_t>> shifts;  // (offset in text, bytes removed so far)
  std::vector<bool> used;
};

// The checks an imported text gets before parsing, in one pass over its bytes (a package is
// mostly Base64, so the pass runs through long strings 8 bytes at a time):
// - invalid_utf8: offset of the first invalid UTF-8 sequence (as invalid_utf8_at), or npos;
// - too_deep: offset of the first '{' or '[' outside strings nested deeper than max_depth, or
//   npos (meaningful only when the text is valid UTF-8);
// - lifted: the text with its Base64 values lifted out (complete only when both are npos).
struct Scanned {
  std::size_t invalid_utf8 = std::string_view::npos;
  std::size_t too_deep = std::string_view::npos;
  Lifted lifted;
};
Scanned scan_import_text(std::string_view text, std::size_t max_depth);
// ---- shared by every package format (application, notice, response: domain/notice*.cpp) ----
// Size, UTF-8, depth and JSON syntax of an imported text, Base64 lifted out (Lifted). `what`
// names the kind of file in messages ("申请包", "通知包", "答复包").
Checked<json> parse_document(std::string_view text, const Limits& limits, Lifted& lifted, std::string_view what);
// format / format_version, reported alone ("FORMAT").
Problems format_problems(const json& doc, std::string_view format, std::string_view what);
// The "attachments" array: metadata, Base64 decoded (size checked), data_base64 removed.
void read_attachments(json& doc, Reader& r, const Limits& limits, Lifted& lifted, std::vector<AttachmentMeta>& metas,
                      AttachmentData& data, Problems& out);
// Ids unique and present, names, media types, hex digests, limits (no references).
Problems attachment_list_problems(const std::vector<AttachmentMeta>& list, const Limits& limits);
void read_digest(const json& doc, Reader& r, std::string& value);  // "digest": {algorithm, value}
// One problem per field (the first, the most basic: a wrong type before a bad value), so that a
// member of the wrong type is not reported again by the later value checks.
Problems first_per_field(Problems list);
Problems hash_count(const std::vector<std::string>& hashes, std::size_t expected);
void compare_attachment_hashes(const std::vector<AttachmentMeta>& metas, const std::vector<std::string>& hashes,
                               Problems& out);

bool valid_package_id(std::string_view s);
bool valid_created_at(std::string_view s);
bool is_sha256_hex(std::string_view s);
// The date part of a valid created_at.
Date created_on(std::string_view created_at);
std::string mib(std::size_t bytes);  // "20 MB" style figure for messages

}  // namespace certdesk::package::detail
