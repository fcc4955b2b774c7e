// ui/notices/notices.cpp — the applicant's inbox and the body's notice log: JSON, links, actors.
#include "ui/notices/notices.hpp"

#include <algorithm>

#include "domain/json_read.hpp"

namespace certdesk::ui {

using nlohmann::json;

std::string answer_attachment_file(const std::string& notice_id, const std::string& attachment_id) {
  return "applicant/notice-att/" + notice_id + "/" + attachment_id;
}

const ReceivedNotice* NoticeInbox::find(const std::string& notice_id) const {
  for (const ReceivedNotice& r : notices)
    if (r.notice.notice_id == notice_id) return &r;
  return nullptr;
}
ReceivedNotice* NoticeInbox::find(const std::string& notice_id) {
  for (ReceivedNotice& r : notices)
    if (r.notice.notice_id == notice_id) return &r;
  return nullptr;
}

namespace {
// Both notice files are {"version": 1, …}; a later version is not read as this one (issue 17).
json_read::Error known_version(const json& j) {
  int version = 1;
  CERTDESK_TRY_READ(json_read::read_int(j, "version", "", version, 1, 1000000, false));
  if (version != 1) return input_error("version", "文件格式版本 " + std::to_string(version) + " 不是本程序能读取的版本（1）");
  return std::nullopt;
}
}  // namespace

json inbox_to_json(const NoticeInbox& inbox) {
  json list = json::array();
  for (const ReceivedNotice& r : inbox.notices) {
    json metas = json::array();
    for (const auto& a : r.attachments) metas.push_back(package::attachment_meta_to_json(a));
    list.push_back({{"notice", notice::notice_to_json(r.notice)}, {"digest", r.digest}, {"received_at", r.received_at},
                    {"answer", notice::answer_to_json(r.answer)}, {"attachments", metas},
                    {"response_id", r.response_id}, {"exported", r.exported}});
  }
  return json{{"version", 1}, {"notices", list}};
}

Result<NoticeInbox> inbox_from_json(const json& j) {
  if (!j.is_object() || !j.contains("notices") || !j["notices"].is_array()) return input_error("notices", "应为数组");
  CERTDESK_TRY_READ(known_version(j));
  NoticeInbox inbox;
  for (std::size_t i = 0; i < j["notices"].size(); ++i) {
    const json& e = j["notices"][i];
    const std::string p = "notices[" + std::to_string(i) + "]";
    if (!e.is_object() || !e.contains("notice") || !e.contains("answer") || !e.contains("attachments"))
      return input_error(p, "条目不完整");
    ReceivedNotice r;
    auto n = notice::notice_from_json(e["notice"]);
    if (!n) return input_error(p + ".notice." + n.error().front().field, n.error().front().message_zh);
    r.notice = std::move(n.value());
    auto a = notice::answer_from_json(e["answer"], p + ".answer");
    if (!a) return input_error(a.error().front().field, a.error().front().message_zh);
    r.answer = std::move(a.value());
    // The attachment list uses the application package's reader (ids, sizes, hashes).
    auto d = package::draft_from_json(package::content_to_json(package::ApplicationDraft{}), e["attachments"]);
    if (!d) return input_error(p + "." + d.error().front().field, d.error().front().message_zh);
    r.attachments = std::move(d.value().attachments);
    CERTDESK_TRY_READ(json_read::read_string(e, "digest", p, r.digest, false, false));
    CERTDESK_TRY_READ(json_read::read_string(e, "received_at", p, r.received_at, false, false));
    CERTDESK_TRY_READ(json_read::read_string(e, "response_id", p, r.response_id, false, false));
    CERTDESK_TRY_READ(json_read::read_string(e, "exported", p, r.exported, false, false));
    inbox.notices.push_back(std::move(r));
  }
  return inbox;
}

json sent_to_json(const std::vector<notice::SentNotice>& sent) {
  json list = json::array();
  for (const notice::SentNotice& s : sent) {
    json items = json::array();
    for (const notice::NoticeItem& i : s.items)
      items.push_back({{"id", i.id}, {"clause", i.clause}, {"description", i.description}, {"grade", i.grade},
                       {"deadline", i.deadline ? json(i.deadline->iso()) : json(nullptr)}});
    list.push_back({{"notice_id", s.notice_id}, {"case_id", s.case_id}, {"kind", std::string(notice::notice_kind_id(s.kind))},
                    {"created_at", s.created_at}, {"audit_id", s.audit_id}, {"items", items},
                    {"answered_by", s.answered_by}, {"answered_on", s.answered_on}});
  }
  return json{{"version", 1}, {"sent", list}};
}

Result<std::vector<notice::SentNotice>> sent_from_json(const json& j) {
  if (!j.is_object() || !j.contains("sent") || !j["sent"].is_array()) return input_error("sent", "应为数组");
  CERTDESK_TRY_READ(known_version(j));
  std::vector<notice::SentNotice> out;
  for (std::size_t i = 0; i < j["sent"].size(); ++i) {
    const json& e = j["sent"][i];
    const std::string p = "sent[" + std::to_string(i) + "]";
    if (!e.is_object()) return input_error(p, "应为对象");
    notice::SentNotice s;
    std::string kind_id;
    CERTDESK_TRY_READ(json_read::read_string(e, "notice_id", p, s.notice_id));
    CERTDESK_TRY_READ(json_read::read_string(e, "case_id", p, s.case_id));
    CERTDESK_TRY_READ(json_read::read_string(e, "kind", p, kind_id));
    const auto kind = notice::notice_kind_from_id(kind_id);
    if (!kind) return input_error(p + ".kind", "未知的通知类型“" + kind_id + "”");
    s.kind = *kind;
    CERTDESK_TRY_READ(json_read::read_string(e, "created_at", p, s.created_at, false, false));
    CERTDESK_TRY_READ(json_read::read_string(e, "audit_id", p, s.audit_id, false, false));
    const json* items = nullptr;
    CERTDESK_TRY_READ(json_read::read_array(e, "items", p, items, false));
    for (std::size_t k = 0; items && k < items->size(); ++k) {
      const json& it = (*items)[k];
      const std::string ip = json_read::path(p + ".items", k);
      CERTDESK_TRY_READ(json_read::require_object(it, ip));
      notice::NoticeItem item;
      CERTDESK_TRY_READ(json_read::read_string(it, "id", ip, item.id, false, false));
      CERTDESK_TRY_READ(json_read::read_string(it, "clause", ip, item.clause, false, false));
      CERTDESK_TRY_READ(json_read::read_string(it, "description", ip, item.description, false, false));
      CERTDESK_TRY_READ(json_read::read_string(it, "grade", ip, item.grade, false, false));
      if (const auto d = it.find("deadline"); d != it.end() && !d->is_null()) {
        if (!d->is_string() || !Date::parse(d->get<std::string>()))
          return input_error(ip + ".deadline", "应为日期（YYYY-MM-DD）或 null");
        item.deadline = Date::parse(d->get<std::string>());
      }
      s.items.push_back(std::move(item));
    }
    CERTDESK_TRY_READ(json_read::read_string(e, "answered_by", p, s.answered_by, false, false));
    CERTDESK_TRY_READ(json_read::read_string(e, "answered_on", p, s.answered_on, false, false));
    out.push_back(std::move(s));
  }
  return out;
}

Result<NoticeInbox> inbox_from_text(std::string_view text) {
  auto j = json_read::parse_text(text);
  if (!j) return j.error();
  return inbox_from_json(j.value());
}

Result<std::vector<notice::SentNotice>> sent_from_text(std::string_view text) {
  auto j = json_read::parse_text(text);
  if (!j) return j.error();
  return sent_from_json(j.value());
}

bool overdue(const ReceivedNotice& r, Date today) {
  return r.exported.empty() && r.notice.deadline && *r.notice.deadline < today;
}

std::string next_answer_attachment_id(const ReceivedNotice& r) {
  int best = 0;
  for (const auto& a : r.attachments)
    if (a.id.rfind("att-", 0) == 0) best = std::max(best, std::atoi(a.id.c_str() + 4));
  return "att-" + std::to_string(best + 1);
}

void link_answer_attachment(notice::Answer& a, const std::string& attachment_id, const std::string& nc_id) {
  if (nc_id.empty()) {
    if (std::find(a.documents.begin(), a.documents.end(), attachment_id) == a.documents.end())
      a.documents.push_back(attachment_id);
    return;
  }
  for (notice::CorrectiveAnswer& c : a.corrective_actions)
    if (c.nc_id == nc_id && std::find(c.evidence.begin(), c.evidence.end(), attachment_id) == c.evidence.end())
      c.evidence.push_back(attachment_id);
}

void unlink_answer_attachment(notice::Answer& a, const std::string& attachment_id) {
  const auto drop = [&](std::vector<std::string>& list) { std::erase(list, attachment_id); };
  drop(a.documents);
  for (notice::CorrectiveAnswer& c : a.corrective_actions) drop(c.evidence);
}

Actor response_actor(const std::string& organisation, const std::string& response_id, const Actor& me) {
  Actor a;
  a.user_id = (organisation.empty() ? std::string("申请组织") : organisation) + "（答复包 " + response_id.substr(0, 8) + "，" +
              me.name + " 导入）";
  a.name = a.user_id;
  a.roles = {Role::Applicant};
  return a;
}

std::string case_attachment_id(const std::string& response_id, const std::string& id, const std::vector<std::string>& taken) {
  const std::string base = response_id.substr(0, 8) + "-" + id;
  std::string out = base;
  for (int n = 2; std::find(taken.begin(), taken.end(), out) != taken.end(); ++n) out = base + "-" + std::to_string(n);
  return out;
}

}  // namespace certdesk::ui
