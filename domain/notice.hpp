// Notices to the applicant and the applicant's answers as JSON packages (issue 7, items 2 and 3).
// A NOTICE package (certdesk.notice-package v1) is built from a case: acceptance notice,
// supplement request (R17 deadline), on-site plan QP-21-07, stage-1 report QP-21-05B,
// nonconformity report QP-21-13 (each NC with its R2 deadline), observation report QP-21-12,
// decision QP-21-15, suspension QP-21-20, cancellation QP-21-21, revocation QP-21-22, restoration
// QP-21-25. A RESPONSE package (certdesk.response-package v1) answers one notice: supplement,
// corrective actions with evidence, change / restoration / cancellation application, complaint or
// appeal, satisfaction survey; attachments embedded as in the application package.
// Both carry format, version, id, creation time and a SHA-256 digest over the canonical content,
// and reuse the application package's machinery (package_detail.hpp): same canonical rule, same
// scanner, same readers reporting every problem by field path in Chinese, all or nothing.
// Public description: public/schemas/notice-package.schema.json, response-package.schema.json and
// public/schemas/README.md; keep them in step.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case_commands.hpp"
#include "domain/package.hpp"

namespace certdesk::notice {

using package::AttachmentData;
using package::AttachmentMeta;
using package::Checked;
using package::Limits;
using package::Problem;
using package::Problems;

inline constexpr std::string_view kNoticeFormat = "certdesk.notice-package";
inline constexpr std::string_view kResponseFormat = "certdesk.response-package";
inline constexpr int kFormatVersion = 1;

enum class NoticeKind {
  Acceptance, Supplement, AuditPlan, Stage1Report, Nonconformity, Observation, Decision,
  Suspension, Cancellation, Revocation, Restoration
};
enum class ResponseKind {
  Supplement, CorrectiveActions, ChangeApplication, RestorationApplication, CancellationApplication,
  Complaint, Appeal, Survey
};

const std::vector<NoticeKind>& all_notice_kinds();
std::string_view notice_kind_id(NoticeKind k);       // "nonconformity"
std::string_view notice_label_zh(NoticeKind k);      // "不符合项报告"
std::string_view notice_form(NoticeKind k);          // "QP-21-13", or "ACCEPTANCE-NOTICE"
std::optional<NoticeKind> notice_kind_from_id(std::string_view id);
const std::vector<ResponseKind>& all_response_kinds();
std::string_view response_kind_id(ResponseKind k);   // "corrective_actions"
std::string_view response_label_zh(ResponseKind k);  // "纠正措施"
std::optional<ResponseKind> response_kind_from_id(std::string_view id);
// The answers a notice invites, the one it asks for first. Every notice may be answered by a
// complaint or appeal (§8) and, after an audit, a satisfaction survey (§9, QP-21-16).
std::vector<ResponseKind> answers_to(NoticeKind k);

// One thing a notice reports or asks for: an NC (grade "严重"/"一般", deadline R2), an
// observation, a supplement item, a likely NC of stage 1.
struct NoticeItem {
  std::string id;
  std::string clause;
  std::string description;
  std::string grade;
  std::optional<Date> deadline;
  bool operator==(const NoticeItem&) const = default;
};
struct NoticeLine {  // a fact of the notice, label and value ("审核日期", "2026-11-02 至 2026-11-03")
  std::string label;
  std::string value;
  bool operator==(const NoticeLine&) const = default;
};

struct Notice {
  std::string notice_id;   // 1–64 of [A-Za-z0-9._-] (a UUID)
  std::string created_at;  // ISO 8601 date-time
  NoticeKind kind = NoticeKind::Acceptance;
  std::string body;                    // the certification body's name
  std::string case_id;                 // the body's case ("C2026-001")
  std::string application_package_id;  // the application package the case came from
  std::string certificate_number;      // "" before a certificate exists
  std::string organisation;
  Date issued_on;
  std::string summary;                 // what the notice says, in Chinese
  std::vector<NoticeLine> lines;
  std::vector<NoticeItem> items;
  std::optional<Date> deadline;        // answer by (R17 supplement, R2 corrective actions)
  std::string audit_id;                // the audit it concerns ("S2"), for the survey
  bool operator==(const Notice&) const = default;
};

// Kinds of notice the case's state supports now, in the order of the procedure.
std::vector<NoticeKind> available_notices(const CaseState& s);

struct NoticeSource {
  std::string notice_id;
  std::string created_at;
  std::string body;
  std::string application_package_id;
  CaseRules rules;  // R2 deadline of each NC
};
// The notice of this kind for the case as it stands; refused ("STEP") when the case has nothing
// to say of that kind yet (e.g. no nonconformity raised).
Result<Notice> build_notice(const CaseState& s, NoticeKind kind, const NoticeSource& src);
// "<organisation>-<通知名>-<date>.json"
std::string notice_file_name(const Notice& n);

// ---- response -----------------------------------------------------------------------------
struct CorrectiveAnswer {  // QP-21-13, the applicant's part for one NC
  std::string nc_id;
  std::string cause;
  std::string correction;
  std::string corrective_action;
  std::vector<std::string> evidence;  // attachment ids
  bool operator==(const CorrectiveAnswer&) const = default;
};

// What the applicant fills in. Format v1 writes every member; those the kind does not use stay
// empty (and must be, on import, only in the sense that they are ignored).
struct Answer {
  ResponseKind kind = ResponseKind::Supplement;
  std::string respondent;                  // who answers for the organisation
  std::string text;                        // supplement note, application reason, complaint subject, survey comment
  std::vector<std::string> documents;      // supplement documents / application proof: attachment ids
  std::vector<CorrectiveAnswer> corrective_actions;
  ChangeKind change_kind = ChangeKind::Name;  // QP-21-26
  std::string new_value;
  bool major_change = false;
  int score = 0;                           // survey 1–5 (QP-21-16)
  bool operator==(const Answer&) const = default;
};

struct Response {
  std::string response_id;
  std::string created_at;
  std::string notice_id;  // the notice answered
  NoticeKind notice_kind = NoticeKind::Acceptance;
  std::string case_id;
  std::string organisation;
  std::string audit_id;   // the audit the notice concerned (survey)
  Answer answer;
  std::vector<AttachmentMeta> attachments;
  bool operator==(const Response&) const = default;
};

// The answer's own problems (field paths under "content."), against the notice it answers:
// required texts per kind, every NC of a nonconformity report answered once, evidence and
// document references present in `attachments`, survey score 1–5.
Problems answer_problems(const Answer& a, const Notice& n, const std::vector<AttachmentMeta>& attachments);
// A fresh answer for the notice: its first invited kind, one corrective-action row per NC.
Answer answer_for(const Notice& n);
std::string response_file_name(const Notice& n, Date on);  // "<organisation>-<通知名>答复-<date>.json"

// ---- packages (two phases around the caller's SHA-256, as package.hpp) ------------------------
// Notice: no attachments; blobs() = [canonical].
Checked<package::PendingExport> prepare_notice_export(const Notice& n, const Limits& limits = {});
// Response: the notice it answers is checked against (answer_problems); data[i] ↔ attachments[i].
Checked<package::PendingExport> prepare_response_export(const Response& r, const Notice& answered,
                                                        AttachmentData data, const Limits& limits = {});
// Then package::finish_export(pending, hashes) writes the text.

template <class T>
struct PendingRead {
  T value;
  AttachmentData data;
  std::string digest;     // digest.value from the file
  std::string canonical;  // rebuilt from the file
  std::vector<std::string_view> blobs() const {
    std::vector<std::string_view> out{canonical};
    for (const std::string& d : data) out.push_back(d);
    return out;
  }
};
template <class T>
struct Read {
  T value;
  AttachmentData data;
  std::string digest;
};
Checked<PendingRead<Notice>> prepare_notice_import(std::string_view text, const Limits& limits = {});
Checked<PendingRead<Response>> prepare_response_import(std::string_view text, const Limits& limits = {});
// hashes of blobs(); a digest or attachment mismatch is "INTEGRITY".
Checked<Read<Notice>> finish_notice_import(PendingRead<Notice>&& p, const std::vector<std::string>& hashes);
Checked<Read<Response>> finish_response_import(PendingRead<Response>&& p, const std::vector<std::string>& hashes);

// Synchronous forms (tests, native tools).
Checked<std::string> export_notice(const Notice& n, const package::Sha256Fn& sha256, const Limits& limits = {});
Checked<std::string> export_response(const Response& r, const Notice& answered, AttachmentData data,
                                     const package::Sha256Fn& sha256, const Limits& limits = {});
Checked<Read<Notice>> import_notice(std::string_view text, const package::Sha256Fn& sha256, const Limits& limits = {});
Checked<Read<Response>> import_response(std::string_view text, const package::Sha256Fn& sha256,
                                        const Limits& limits = {});

// JSON of a notice and an answer (package content; also the applicant's store).
nlohmann::json notice_to_json(const Notice& n);  // the whole package minus digest/attachments
Checked<Notice> notice_from_json(const nlohmann::json& j);
nlohmann::json answer_to_json(const Answer& a);
Checked<Answer> answer_from_json(const nlohmann::json& j, const std::string& path = "content");

// ---- the body's side --------------------------------------------------------------------------
struct SentNotice {  // a notice the body exported, and the response that answered it
  std::string notice_id;
  std::string case_id;
  NoticeKind kind = NoticeKind::Acceptance;
  std::string created_at;
  std::string audit_id;
  std::vector<NoticeItem> items;
  std::string answered_by;  // response id; "" while open
  std::string answered_on;
};
// A domain command the response stands for, and whether the applicant acts in it (the body's
// own staff register complaints, §8).
struct PlannedCommand {
  Command command;
  bool by_applicant = true;
};
// The commands the staff forms would have run for this response, in order, with evidence and
// documents named by `attachment_ids` (the ids the attachments get in the case, same order).
// Refused when the response is not for this case, names a notice the body never sent for it
// ("UNKNOWN"), a notice already answered ("DUPLICATE"), or an NC the notice did not report.
Checked<std::vector<PlannedCommand>> response_commands(const Response& r, const CaseState& s,
                                                       const std::vector<SentNotice>& sent,
                                                       const std::vector<std::string>& attachment_ids);

}  // namespace certdesk::notice
