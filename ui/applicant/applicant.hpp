// ui/applicant/applicant.hpp — the applicant's side (issue 5): the application being filled in, the
// commands that edit it, its autosave file and the checks the review page lists. Pure C++ over
// domain/package.hpp, so every edit rule is tested natively.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalogue.hpp"
#include "domain/package.hpp"
#include "domain/result.hpp"

namespace certdesk::ui {

// Pages of the applicant wizard, in order.
enum class ApplyPage { Eligibility, Organisation, Scope, Management, Capability, Attachments, Review };
inline constexpr int kApplyPageCount = 7;

struct ApplicantModel {
  std::string package_id;  // stable for this application: re-exports are recognised as the same one
  package::ApplicationDraft draft;
  ApplyPage page = ApplyPage::Eligibility;
  std::string last_export;  // "<file name>（<time>）" of the last export, shown on the review page
};

// Edits. Field paths are those of the package content without "content." — the same paths the
// checks report, so a problem leads straight to its field:
//   "eligibility.legal_entity" ("yes" / "no" / "")
//   "application.organisation.name", ….credit_code, ….registered_address, ….office_address,
//   ….legal_representative, ….business_scope, ….contacts[i].name / .phone / .email
//   "application.sites[i].name" / ".address", "application.licences[i].name" / ".number" /
//   ".valid_until" (YYYY-MM-DD or ""), "application.headcount_in_scope" (digits),
//   "application.founded_on", "application.last_administrative_penalty" (YYYY-MM-DD or ""),
//   "application.org_chart", "application.business_licence" (attachment id or "")
//   "management_self_assessment.<requirement id>.claim" (conforms | partly_conforms |
//   does_not_conform | not_applicable | ""), "….<requirement id>.description"; likewise
//   "capability_self_assessment.…"
struct SetDraftField { std::string field; std::string value; };
struct AddDraftRow { std::string list; };  // "contacts", "sites", "licences"
struct RemoveDraftRow { std::string list; int index = 0; };
struct SetScopeLevel { std::string category; std::string level; };  // "" takes the category out
struct LinkEvidence { std::string assessment; std::string requirement; std::string attachment; bool on = true; };
struct AddAttachment { package::AttachmentMeta meta; };  // the bytes are stored by the shell first
struct RemoveAttachment { std::string id; };
// Issue 15: removals say what goes with them and can be undone (ui/applicant/applicant_undo.cpp).
// Where an attachment was cited: a requirement of a self-assessment and its place in that list.
struct EvidenceLink {
  std::string assessment;  // "management" / "capability"
  std::string requirement;
  std::size_t position = 0;
  bool operator==(const EvidenceLink&) const = default;
};
// Everything removing an attachment takes with it, enough to put it back exactly.
struct AttachmentRemoval {
  package::AttachmentMeta meta;
  std::size_t index = 0;  // its place in the attachment list
  bool org_chart = false;          // it was the named 组织机构图
  bool business_licence = false;   // it was the named 营业执照
  std::vector<EvidenceLink> links;  // every requirement citing it
  bool operator==(const AttachmentRemoval&) const = default;
};
// Puts a removed attachment back: at its index, named again where that role is still empty, cited
// again by every requirement at its place. The bytes are written by the shell first.
struct RestoreAttachment { AttachmentRemoval removal; };
// Puts a removed row back at its index: {"name","phone","email"} (contacts), {"name","address"}
// (sites), {"name","number","valid_until"} (licences; valid_until "" or YYYY-MM-DD).
struct RestoreDraftRow { std::string list; int index = 0; nlohmann::json row; };
struct NewApplication { std::string package_id; };
struct LoadApplication { std::string package_id; package::ApplicationDraft draft; };
struct ShowApplyPage { ApplyPage page; };
struct NoteExport { std::string text; };

// Each returns a refusal naming the field in Chinese and leaves the model unchanged.
Result<void> apply_draft(ApplicantModel& m, const SetDraftField& c);
Result<void> apply_draft(ApplicantModel& m, const AddDraftRow& c);
Result<void> apply_draft(ApplicantModel& m, const RemoveDraftRow& c);
Result<void> apply_draft(ApplicantModel& m, const SetScopeLevel& c, const Catalogue& catalogue);
Result<void> apply_draft(ApplicantModel& m, const LinkEvidence& c);
Result<void> apply_draft(ApplicantModel& m, const AddAttachment& c, const package::Limits& limits);
Result<void> apply_draft(ApplicantModel& m, const RemoveAttachment& c);
Result<void> apply_draft(ApplicantModel& m, const RestoreAttachment& c, const package::Limits& limits);
Result<void> apply_draft(ApplicantModel& m, const RestoreDraftRow& c);

// What removing attachment `id` would take with it (nullopt: no such attachment), and the message
// after it was removed: "已删除附件“管理手册.pdf”，同时移除 16 项要求的证据链接。".
std::optional<AttachmentRemoval> attachment_removal(const package::ApplicationDraft& d, const std::string& id);
std::string removal_message_zh(const AttachmentRemoval& r);
// A row of "contacts" / "sites" / "licences" as RestoreDraftRow holds it (null: no such row), and
// the message after it was removed ("已删除联系人 2（吴静）").
nlohmann::json draft_row(const package::ApplicationDraft& d, const std::string& list, int index);
std::string row_removal_message_zh(const std::string& list, int index, const nlohmann::json& row);
// The hook's JSON of the two restores ({"type":"RestoreAttachment","attachment":{…},"index":…,
// "org_chart":…,"business_licence":…,"links":[{"assessment","requirement","position"}]} and
// {"type":"RestoreDraftRow","list":…,"index":…,"row":{…}}); fields checked, never thrown on.
nlohmann::json restore_attachment_json(const AttachmentRemoval& r);
Result<RestoreAttachment> restore_attachment_from_json(const nlohmann::json& j);
Result<RestoreDraftRow> restore_row_from_json(const nlohmann::json& j);

// The draft as it is exported: self-assessment entries only for the requirements that apply to
// the requested scope, in catalogue order (answers to requirements that no longer apply stay in
// the autosave, in case the scope is changed back).
package::ApplicationDraft export_view(const package::ApplicationDraft& d, const Catalogue& c);

// One line of the review page: where the problem is, and what to do.
struct ReviewItem {
  ApplyPage page;
  std::string field;    // edit path (see SetDraftField), for jumping to the field
  std::string message;  // Chinese, what to do (without the rule id)
  std::string rule = {};  // the rule id where there is one ("R12"), for a tooltip
};
std::vector<ReviewItem> review(const ApplicantModel& m, const Catalogue& c, Date today,
                               const package::Limits& limits = {});
// The problem for one edit path, if review() lists one ("" if none).
std::string problem_for(const std::vector<ReviewItem>& items, const std::string& field);
// The item for one edit path, or null.
const ReviewItem* review_item(const std::vector<ReviewItem>& items, const std::string& field);

// The Chinese name of an edit path's field, for messages ("统一社会信用代码", "联系人 2 · 电话").
std::string field_label_zh(const std::string& field);

// "12.5 MB", "3.0 KB", "120 字节".
std::string size_text_zh(std::uint64_t bytes);

// "<organisation>-申请-<date>.json" (draft: "…-申请草稿-…"); characters a file system refuses are
// replaced.
std::string package_file_name(const ApplicantModel& m, package::Kind kind, Date today);

// Autosave: applicant/draft.json holds everything but the attachments' bytes, which live in
// applicant/att/<id> (written once when the file is attached).
nlohmann::json applicant_to_json(const ApplicantModel& m);
Result<ApplicantModel> applicant_from_json(const nlohmann::json& j);
std::string attachment_path(const std::string& id);
// Next free attachment id ("att-1", "att-2", …).
std::string next_attachment_id(const package::ApplicationDraft& d);

}  // namespace certdesk::ui

namespace certdesk {
CERTDESK_ENUM_TABLE(ui::ApplyPage, {ui::ApplyPage::Eligibility, "eligibility", "资格条件"},
    {ui::ApplyPage::Organisation, "organisation", "组织信息"}, {ui::ApplyPage::Scope, "scope", "申请范围"},
    {ui::ApplyPage::Management, "management", "管理能力自评"}, {ui::ApplyPage::Capability, "capability", "专业能力自评"},
    {ui::ApplyPage::Attachments, "attachments", "附件"}, {ui::ApplyPage::Review, "review", "检查与导出"})
}  // namespace certdesk
