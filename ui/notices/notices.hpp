// ui/notices/notices.hpp — notices and answers as the app keeps them (issue 7): the applicant's inbox of
// received notices, each with its answer being written and the evidence attached; the body's log
// of the notices it sent and the responses that answered them. Pure C++ over domain/notice.hpp,
// tested natively; the App's operations that need the browser are in ui/notices/app_notices.cpp.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/notice.hpp"
#include "domain/result.hpp"

namespace certdesk::ui {

// Store files: the applicant's inbox, its answers' attachments, and the body's log.
inline constexpr const char* kNoticeInboxFile = "applicant/notices.json";
inline constexpr const char* kSentNoticesFile = "records/notices.json";
// "applicant/notice-att/<notice id>/<attachment id>"
std::string answer_attachment_file(const std::string& notice_id, const std::string& attachment_id);

struct ReceivedNotice {
  notice::Notice notice;
  std::string digest;       // of the package as received
  std::string received_at;  // local time of the import
  notice::Answer answer;    // being written
  std::vector<package::AttachmentMeta> attachments;  // the answer's files (bytes in answer_attachment_file)
  std::string response_id;  // given at the first export and kept, so a re-export is the same response
  std::string exported;     // "<file>（<time>）" of the last export; "" = not answered yet
};

struct NoticeInbox {
  std::vector<ReceivedNotice> notices;  // newest last
  const ReceivedNotice* find(const std::string& notice_id) const;
  ReceivedNotice* find(const std::string& notice_id);
};

nlohmann::json inbox_to_json(const NoticeInbox& inbox);
// A damaged file is an error naming the field (the caller names the file); nothing is changed.
Result<NoticeInbox> inbox_from_json(const nlohmann::json& j);
nlohmann::json sent_to_json(const std::vector<notice::SentNotice>& sent);
Result<std::vector<notice::SentNotice>> sent_from_json(const nlohmann::json& j);
// The store files' readers (issue 17: at start, at restore and in the store check): JSON text →
// the inbox / the sent log, or an error naming the member.
Result<NoticeInbox> inbox_from_text(std::string_view text);
Result<std::vector<notice::SentNotice>> sent_from_text(std::string_view text);

// Overdue: a deadline before today and no answer exported yet.
bool overdue(const ReceivedNotice& r, Date today);
// The next attachment id of an answer ("att-1", "att-2"…).
std::string next_answer_attachment_id(const ReceivedNotice& r);
// Links or unlinks an attachment: to the corrective action of `nc_id`, or to the documents when
// nc_id is empty. Removing an attachment unlinks it everywhere.
void link_answer_attachment(notice::Answer& a, const std::string& attachment_id, const std::string& nc_id);
void unlink_answer_attachment(notice::Answer& a, const std::string& attachment_id);

// Who the domain sees acting for a response's applicant acts: the organisation, with the package
// and the staff member who imported it ("<组织>（答复包 1a2b3c4d，周敏 导入）"), applicant role.
Actor response_actor(const std::string& organisation, const std::string& response_id, const Actor& me);
// The id an answer's attachment gets in the case: "<first 8 of the response id>-<id>", made
// unique against `taken` (the case's attachments).
std::string case_attachment_id(const std::string& response_id, const std::string& id,
                               const std::vector<std::string>& taken);

}  // namespace certdesk::ui
