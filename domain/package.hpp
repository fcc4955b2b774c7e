// Application package, format v1 (§6.1 application; issue 5): the applicant's whole application
// — eligibility, QP-21-01 data, both self-assessments, attachments — as one JSON document with
// a SHA-256 digest over its canonical form. Pure: the caller supplies ids, times and every
// SHA-256 (WebCrypto in the browser, OpenSSL natively), so import and export run in two phases:
//   prepare_* → blobs() to hash → finish_*(hashes).
// The public description of the format is public/schemas/README.md and
// public/schemas/application-package.schema.json; keep the three in step.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/case_model.hpp"
#include "domain/catalogue.hpp"
#include "domain/date.hpp"
#include "domain/enum_table.hpp"
#include "domain/result.hpp"

namespace certdesk::package {

inline constexpr std::string_view kFormat = "certdesk.application-package";
inline constexpr int kFormatVersion = 1;
inline constexpr std::string_view kDigestAlgorithm = "SHA-256";

// Rule ids of package problems (RuleViolation::rule):
//   "FORMAT"     not a package of a format/version we read (reported alone)
//   "INPUT"      not JSON, invalid UTF-8, truncated, wrong type, missing or unknown field, bad value
//   "LIMIT"      a Limits bound exceeded
//   "INTEGRITY"  digest, attachment hash or size do not match the bytes; dangling attachment ref
//   "INCOMPLETE" something a final package must have is missing or invalid (see completeness)
//   "R12"        administrative penalty within the year before applying (§6.1.1)
//   "DUPLICATE"  package already imported (find_duplicate)
// field is the JSON path in the package ("content.application.organisation.credit_code",
// "attachments[2].sha256"); message_zh starts with that path (input_error convention).
using Problem = RuleViolation;
using Problems = std::vector<Problem>;

// A value, or every problem found (never both, never an empty list): the domain's one result
// type with the whole list as its error. All or nothing: on failure no partial value exists.
template <class T>
using Checked = Result<T, Problems>;

// Bounds checked on import and export; defaults are the product's stated limits (shown to the
// applicant up front). MiB = 1,048,576 bytes.
struct Limits {
  std::size_t max_attachment_bytes = 20u << 20;         // 20 MiB per attachment (decoded)
  std::size_t max_total_attachment_bytes = 100u << 20;  // 100 MiB all attachments together
  std::size_t max_attachments = 200;                    // attachments per package
  std::size_t max_string_bytes = 64u << 10;             // 64 KiB per text (UTF-8), data_base64 excepted
  std::size_t max_package_bytes = 140u << 20;           // 140 MiB the whole file (100 MiB Base64 ≈ 134 MiB)
  std::size_t max_depth = 12;                           // JSON nesting; format v1 needs 6
};

enum class Kind { draft, final };  // draft: may be incomplete; final: complete, for submission

// Conformity claim of one self-assessment entry.
enum class Claim { unanswered, conforms, partly_conforms, does_not_conform, not_applicable };

// §6.1.1 eligibility, each condition answered yes/no (nullopt = not yet answered).
struct Eligibility {
  std::optional<bool> legal_entity;          // 依法登记的法人或其他组织 — must be yes
  std::optional<bool> licences_complete;     // 法律法规要求的行政许可均已取得（或无需许可）— must be yes
  std::optional<bool> penalty_in_last_year;  // 申请前一年内受到过行政处罚 — must be no (R12)
  bool operator==(const Eligibility&) const = default;
};

// One requirement of a self-assessment answered: claim, description, evidence attachment ids.
struct AssessmentEntry {
  std::string requirement_id;
  Claim claim = Claim::unanswered;
  std::string description;
  std::vector<std::string> evidence;  // attachment ids
  bool operator==(const AssessmentEntry&) const = default;
};

// An attachment's description; its bytes travel separately (AttachmentData) so that the
// wizard's state stays small. sha256 is computed by the caller when the file is picked.
struct AttachmentMeta {
  std::string id;          // unique in the package, referenced by evidence lists ("att-1")
  std::string name;        // file name as picked ("营业执照.pdf")
  std::string media_type;  // "application/pdf"; "application/octet-stream" if unknown
  std::uint64_t size = 0;  // bytes
  std::string sha256;      // 64 lower-case hex digits
  bool operator==(const AttachmentMeta&) const = default;
};
using AttachmentData = std::vector<std::string>;  // bytes, in the order of the metas

// Everything the applicant fills in: the wizard's model and a package's content.
struct ApplicationDraft {
  Eligibility eligibility;
  Organisation organisation;
  std::string org_chart;         // attachment id of the organisation chart
  std::string business_licence;  // attachment id: registration / how long the business has operated
  int headcount_in_scope = 0;
  std::vector<Site> sites;
  std::vector<Licence> licences;  // statutory licences (where the law requires them)
  std::vector<ScopeItem> scope;
  std::optional<Date> founded_on;
  std::optional<Date> last_administrative_penalty;  // R12
  std::vector<AssessmentEntry> management_self_assessment;
  std::vector<AssessmentEntry> capability_self_assessment;
  std::vector<AttachmentMeta> attachments;
  bool operator==(const ApplicationDraft&) const = default;
};

struct Header {
  std::string package_id;  // 1–64 of [A-Za-z0-9._-], a UUID in practice (supplied by the caller)
  std::string created_at;  // ISO 8601 "YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)" (supplied by the caller)
  Kind kind = Kind::draft;
  CatalogueRef catalogue;
  bool operator==(const Header&) const = default;
};

// ---- checks shared by the wizard and the import ---------------------------------------------
// Every missing or invalid item of a final package, in form order, each with its package field
// path and Chinese text (rule "INCOMPLETE", "R12", "LIMIT" or "INTEGRITY"); empty = complete.
// `today` is the application date for R12 and licence expiry.
Problems completeness(const ApplicationDraft& d, const Catalogue& c, Date today, const Limits& limits = {});
// The subset that makes even a draft unusable: attachment ids, refs, sizes and limits.
Problems attachment_problems(const ApplicationDraft& d, const Limits& limits = {});
// Contact formats: mainland mobile (1[3-9] + 9 digits, optional +86), landline with area code
// (0 + 9–11 digits, '-' and spaces allowed, extension after '-' '转' or '#'), 400/800 numbers.
bool valid_phone(std::string_view phone);
bool valid_email(std::string_view email);

// ---- export ---------------------------------------------------------------------------------
struct PendingExport {
  Header header;
  nlohmann::json document;  // the package without digest and without data_base64
  std::string canonical;    // canonical text (see canonical rule in README) to be hashed
  AttachmentData data;
  std::vector<AttachmentMeta> attachments;
  // Blobs to hash, in order: [0] canonical, [1 + i] attachment i. Views into this object: valid
  // until it is moved or destroyed.
  std::vector<std::string_view> blobs() const;
};
// Validates and prepares. A final package must be complete (completeness() empty, today = the
// date of created_at); a draft only needs consistent attachments. data[i] belongs to d.attachments[i].
Checked<PendingExport> prepare_export(const Header& h, const ApplicationDraft& d, AttachmentData data,
                                      const Catalogue& c, const Limits& limits = {});
// hashes = SHA-256 (hex) of blobs() in order. Checks each attachment's hash against its meta,
// then writes the package JSON text (attachments embedded in Base64, digest filled).
Checked<std::string> finish_export(PendingExport&& p, const std::vector<std::string>& hashes);

// ---- import ---------------------------------------------------------------------------------
struct PendingImport {
  Header header;
  ApplicationDraft draft;
  AttachmentData data;      // decoded attachments
  std::string digest;       // digest.value from the file
  std::string canonical;    // canonical text rebuilt from the file
  Problems warnings;        // draft: what completeness() still lists (the package imports anyway)
  std::vector<std::string_view> blobs() const;  // as PendingExport::blobs
};
struct ImportedPackage {
  Header header;
  ApplicationDraft draft;
  AttachmentData data;
  std::string digest;
  Problems warnings;
};
// Parses and checks everything but the hashes: size, UTF-8, depth, JSON syntax and
// truncation, format and version, every field's type, limits, references, and the domain rules
// (credit code, contacts, scope against the named catalogue, R12; errors for a final package,
// warnings for a draft). `catalogues`: those the body holds; the package must name one of them.
Checked<PendingImport> prepare_import(std::string_view text, const std::vector<Catalogue>& catalogues,
                                      const Limits& limits = {});
// hashes = SHA-256 (hex) of blobs() in order; any mismatch with the digest or an attachment's
// sha256 is reported ("INTEGRITY").
Checked<ImportedPackage> finish_import(PendingImport&& p, const std::vector<std::string>& hashes);

// ---- synchronous convenience (native tools, tests) ------------------------------------------
using Sha256Fn = std::function<std::string(std::string_view)>;  // bytes → 64 lower-case hex
Checked<std::string> export_package(const Header& h, const ApplicationDraft& d, AttachmentData data,
                                    const Catalogue& c, const Sha256Fn& sha256, const Limits& limits = {});
Checked<ImportedPackage> import_package(std::string_view text, const std::vector<Catalogue>& catalogues,
                                        const Sha256Fn& sha256, const Limits& limits = {});

// ---- after import -----------------------------------------------------------------------------
struct KnownPackage {
  std::string package_id;
  std::string digest;
};
// "已导入过此申请包（编号 …）" (rule "DUPLICATE") when the id or the digest is already held.
std::optional<Problem> find_duplicate(const Header& h, std::string_view digest, const std::vector<KnownPackage>& known);
// The case model's Application (for SubmitApplication): answers read "<claim>：<description>",
// documents are the attachment ids, catalogue_version from the header.
Application to_application(const ApplicationDraft& d, const CatalogueRef& catalogue);

// ---- JSON of the content (also usable for autosave) -----------------------------------------
nlohmann::json content_to_json(const ApplicationDraft& d);  // package "content" (attachments excluded)
nlohmann::json attachment_meta_to_json(const AttachmentMeta& a);
// The inverse, for the applicant's autosave: `content` as content_to_json wrote it and the
// attachment metadata list. Every problem is reported with its path ("content.…", "attachments[i].…").
Checked<ApplicationDraft> draft_from_json(const nlohmann::json& content, const nlohmann::json& attachments);

}  // namespace certdesk::package

namespace certdesk {
CERTDESK_ENUM_TABLE(package::Kind, {package::Kind::draft, "draft", "草稿"}, {package::Kind::final, "final", "正式"})
CERTDESK_ENUM_TABLE(package::Claim, {package::Claim::unanswered, "", "未填写"},
    {package::Claim::conforms, "conforms", "符合"}, {package::Claim::partly_conforms, "partly_conforms", "部分符合"},
    {package::Claim::does_not_conform, "does_not_conform", "不符合"},
    {package::Claim::not_applicable, "not_applicable", "不适用"})
}  // namespace certdesk
