// ui/notices/app_notices.cpp — notices and answers (issue 7): the body exports a notice package from a
// case and imports the applicant's response package into it; the applicant imports a notice,
// writes the answer with its evidence and exports the response. Hashes run in two phases around
// WebCrypto like the application package (ui/applicant/app_ops.cpp); every import is all or nothing.
#include "ui/shell/app_core.hpp"

namespace certdesk::ui {

namespace {

std::string str(const nlohmann::json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

std::string with_rule(const RuleViolation& v) {
  std::string why = v.message_zh;
  if (!v.rule.empty() && v.rule != "INPUT" && why.find(v.rule) == std::string::npos) why += "（" + v.rule + "）";
  return why;
}

}  // namespace

void AppCore::load_notices() {
  // A file that does not read was set aside at the start (issue 17), so these read or are absent.
  inbox_ = {};
  sent_.clear();
  if (!store_) return;
  if (auto text = store_->read(kNoticeInboxFile))
    if (auto inbox = inbox_from_text(*text)) inbox_ = std::move(inbox.value());
  if (auto text = store_->read(kSentNoticesFile))
    if (auto sent = sent_from_text(*text)) sent_ = std::move(sent.value());
}

void AppCore::save_inbox() {
  if (store_) store_->write(kNoticeInboxFile, inbox_to_json(inbox_).dump());
}

void AppCore::handle_notice(const nlohmann::json& c) {
  const std::string type = str(c, "type");
  const bool body = type == "ExportNotice" || type == "ImportResponse";
  if (body && model_.mode != Mode::Body) return void(ui_.last_error = "只有认证机构可以导出通知或导入答复");
  if (!body && model_.mode != Mode::Applicant) return void(ui_.last_error = "只有申请组织可以导入通知和答复");
  if (type == "ExportNotice") return export_notice(str(c, "case"), str(c, "kind"));
  if (type == "ImportResponse") {
    ui_.show_notices_tab = true;
    pick_files("response", ".json,application/json", false);
    return;
  }
  if (type == "ImportNotice") {
    pick_files("notice", ".json,application/json", false);
    return;
  }
  const std::string id = str(c, "notice");
  ReceivedNotice* r = inbox_.find(id);
  if (!r) return void(ui_.last_error = "没有收到过编号为“" + id + "”的通知");
  if (type == "OpenNotice") {
    ui_.open_notice = id;
    model_.view = View::Notices;
  } else if (type == "AnswerNotice") {
    answer_notice(c);
  } else if (type == "AttachToAnswer") {
    pick_files("answer:" + id + ":" + str(c, "nc"), "", true);
  } else if (type == "RemoveAnswerAttachment") {
    const std::string att = str(c, "attachment");
    std::erase_if(r->attachments, [&](const package::AttachmentMeta& m) { return m.id == att; });
    unlink_answer_attachment(r->answer, att);
    save_inbox();
    if (store_) store_->remove(answer_attachment_file(id, att));
  } else if (type == "ExportResponse") {
    export_response(id);
  }
}

// ---- the body: export a notice ----------------------------------------------------------------

void AppCore::export_notice(const std::string& case_id, const std::string& kind_id) {
  const CaseRecord* c = workspace_.find(case_id);
  if (!c) return void(ui_.last_error = "没有编号为“" + case_id + "”的案件");
  const auto kind = notice::notice_kind_from_id(kind_id);
  if (!kind) return void(ui_.last_error = "kind: 未知的通知类型“" + kind_id + "”");
  notice::NoticeSource src{new_id(), now_iso(), config_.settings.body.name_zh,
                           c->package_id, case_rules_from(config_.settings)};
  auto built = notice::build_notice(c->state, *kind, src);
  if (!built) return void(ui_.last_error = "无法导出通知：" + with_rule(built.error()));
  auto prepared = notice::prepare_notice_export(built.value());
  if (!prepared) return void(ui_.last_error = "无法导出通知：" + problem_lines(prepared.error()));
  auto pending = std::make_shared<package::PendingExport>(std::move(prepared.value()));
  pending_ = pending;
  ui_.show_notices_tab = true;
  busy_ = "正在导出通知（计算校验值）…";
  const notice::Notice n = built.value();
  hash(pending->blobs(), [this, pending, n](std::vector<std::string> hashes, std::string error) {
    if (!error.empty()) return finish_operation("", "导出失败：" + error);
    auto text = package::finish_export(std::move(*pending), hashes);
    if (!text) return finish_operation("", "导出失败：" + problem_lines(text.error()));
    const std::string file = notice::notice_file_name(n);
    download(file, "application/json", text.value());
    sent_.push_back(notice::SentNotice{n.notice_id, n.case_id, n.kind, n.created_at, n.audit_id, n.items, "", ""});
    if (store_) store_->write(kSentNoticesFile, sent_to_json(sent_).dump());
    finish_operation(std::string(notice::notice_label_zh(n.kind)) + "已导出为“" + file + "”（通知编号 " + n.notice_id +
                         "），请发送给申请组织。",
                     "");
  });
}

// ---- the applicant: import a notice, answer it, export the response ----------------------------

void AppCore::read_notice(std::string text) {
  if (model_.mode != Mode::Applicant) return finish_operation("", "只有申请组织可以导入通知");
  auto prepared = notice::prepare_notice_import(text);
  if (!prepared)
    return finish_operation("", "通知未导入，共 " + std::to_string(prepared.error().size()) + " 项问题：" +
                                    problem_lines(prepared.error()));
  auto pending = std::make_shared<notice::PendingRead<notice::Notice>>(std::move(prepared.value()));
  pending_ = pending;
  busy_ = "正在核对通知的校验值…";
  hash(pending->blobs(), [this, pending](std::vector<std::string> hashes, std::string error) {
    if (!error.empty()) return finish_operation("", "核对失败：" + error);
    auto read = notice::finish_notice_import(std::move(*pending), hashes);
    if (!read) return finish_operation("", "通知未导入：" + problem_lines(read.error()));
    notice::Notice& n = read.value().value;
    if (const ReceivedNotice* had = inbox_.find(n.notice_id))
      return finish_operation("", "通知未导入：已收到过此通知（" + std::string(notice::notice_label_zh(had->notice.kind)) +
                                      "，编号 " + n.notice_id + "，" + had->received_at.substr(0, 10) + " 导入）");
    ReceivedNotice r;
    r.answer = notice::answer_for(n);
    r.answer.respondent = model_.profile.name;
    r.digest = read.value().digest;
    r.received_at = now_iso();
    r.notice = std::move(n);
    const std::string info = "已导入" + std::string(notice::notice_label_zh(r.notice.kind)) + "（" + r.notice.body + "，案件 " +
                             r.notice.case_id + "）" +
                             (r.notice.deadline ? "，答复期限 " + r.notice.deadline->iso() : std::string()) + "。";
    ui_.open_notice = r.notice.notice_id;
    inbox_.notices.push_back(std::move(r));
    save_inbox();
    model_.view = View::Notices;
    finish_operation(info, "");
  });
}

void AppCore::answer_notice(const nlohmann::json& c) {
  ReceivedNotice* r = inbox_.find(str(c, "notice"));
  if (!c.contains("answer")) return void(ui_.last_error = "answer: 缺少字段");
  auto a = notice::answer_from_json(c["answer"], "answer");
  if (!a) return void(ui_.last_error = a.error().front().message_zh);
  // References stay within the answer's own attachments.
  for (const std::string& id : a.value().documents)
    if (std::none_of(r->attachments.begin(), r->attachments.end(), [&](const auto& m) { return m.id == id; }))
      return void(ui_.last_error = "answer.documents: 引用的附件 " + id + " 不在附件列表中");
  r->answer = std::move(a.value());
  save_inbox();
}

void AppCore::attach_to_answer(const std::string& purpose, std::string name, std::string media_type, std::string bytes) {
  // purpose = "answer:<notice id>:<nc id or empty>"
  const std::string rest = purpose.substr(7);
  const std::size_t colon = rest.find(':');
  const std::string notice_id = rest.substr(0, colon);
  const std::string nc = colon == std::string::npos ? "" : rest.substr(colon + 1);
  if (!inbox_.find(notice_id)) return finish_operation("", "没有收到过编号为“" + notice_id + "”的通知");
  if (busy()) return void(ui_.last_error = "正在处理上一项操作，请稍候再添加“" + name + "”");
  const package::Limits limits;
  if (bytes.size() > limits.max_attachment_bytes)
    return void(ui_.last_error = "附件“" + name + "”大小 " + size_text_zh(bytes.size()) + "，超过单个附件上限 " +
                                 size_text_zh(limits.max_attachment_bytes));
  if (!store_) return;
  auto held = std::make_shared<std::string>(std::move(bytes));
  pending_ = held;
  busy_ = "正在计算“" + name + "”的 SHA-256 校验值…";
  hash({std::string_view(*held)}, [this, held, notice_id, nc, name, media_type](std::vector<std::string> hashes,
                                                                                             std::string error) {
    ReceivedNotice* r = inbox_.find(notice_id);
    if (!error.empty() || hashes.size() != 1 || !r) return finish_operation("", "附件未添加：" + (error.empty() ? "校验值计算失败" : error));
    package::AttachmentMeta meta{next_answer_attachment_id(*r), name,
                                 media_type.empty() ? "application/octet-stream" : media_type, held->size(), hashes[0]};
    store_->write(answer_attachment_file(notice_id, meta.id), *held);  // the bytes first, then the answer refers to them
    r->attachments.push_back(meta);
    link_answer_attachment(r->answer, meta.id, nc);
    save_inbox();
    finish_operation("已添加" + std::string(nc.empty() ? "材料" : "不符合项 " + nc + " 的证据") + "“" + name + "”（" +
                         size_text_zh(meta.size) + "）。",
                     "");
  });
}

void AppCore::export_response(const std::string& notice_id) {
  ReceivedNotice* r = inbox_.find(notice_id);
  if (!store_) return;
  if (r->response_id.empty()) {
    r->response_id = new_id();
    save_inbox();
  }
  notice::Response resp;
  resp.response_id = r->response_id;
  resp.created_at = now_iso();
  resp.notice_id = r->notice.notice_id;
  resp.notice_kind = r->notice.kind;
  resp.case_id = r->notice.case_id;
  resp.organisation = r->notice.organisation;
  resp.audit_id = r->notice.audit_id;
  resp.answer = r->answer;
  resp.attachments = r->attachments;
  package::AttachmentData data;
  for (const auto& att : r->attachments) {
    auto bytes = store_->read(answer_attachment_file(notice_id, att.id));
    if (!bytes) return void(ui_.last_error = "附件“" + att.name + "”的内容在本机找不到，请删除后重新添加");
    data.push_back(std::move(*bytes));
  }
  auto prepared = notice::prepare_response_export(resp, r->notice, std::move(data));
  if (!prepared)
    return void(ui_.last_error = "答复尚不能导出，共 " + std::to_string(prepared.error().size()) + " 项问题：" +
                                 problem_lines(prepared.error()));
  auto pending = std::make_shared<package::PendingExport>(std::move(prepared.value()));
  pending_ = pending;
  busy_ = "正在导出答复包（计算校验值）…";
  const std::string file = notice::response_file_name(r->notice, today());
  hash(pending->blobs(), [this, pending, file, notice_id](std::vector<std::string> hashes, std::string error) {
    if (!error.empty()) return finish_operation("", "导出失败：" + error);
    auto text = package::finish_export(std::move(*pending), hashes);
    if (!text) return finish_operation("", "导出失败：" + problem_lines(text.error()));
    download(file, "application/json", text.value());
    if (ReceivedNotice* r = inbox_.find(notice_id)) {
      r->exported = file + "（" + (time_text_zh(now_iso())) + "）";
      save_inbox();
    }
    finish_operation("答复包已导出为“" + file + "”，请发送给认证机构。", "");
  });
}

// ---- the body: import a response -----------------------------------------------------------------

void AppCore::read_response(std::string text) {
  if (model_.mode != Mode::Body) return finish_operation("", "只有认证机构可以导入答复");
  auto prepared = notice::prepare_response_import(text);
  if (!prepared)
    return finish_operation("", "答复包未导入，共 " + std::to_string(prepared.error().size()) + " 项问题：" +
                                    problem_lines(prepared.error()));
  auto pending = std::make_shared<notice::PendingRead<notice::Response>>(std::move(prepared.value()));
  pending_ = pending;
  busy_ = "正在核对答复包的校验值…";
  hash(pending->blobs(), [this, pending](std::vector<std::string> hashes, std::string error) {
    if (!error.empty()) return finish_operation("", "核对失败：" + error);
    auto read = notice::finish_response_import(std::move(*pending), hashes);
    if (!read) return finish_operation("", "答复包未导入：" + problem_lines(read.error()));
    auto got = std::make_shared<std::decay_t<decltype(read.value())>>(std::move(read.value()));
    // Its case's history may still be loading (issue 8): it is applied once that is there.
    const std::string case_id = got->value.case_id;
    when_cases_ready(case_id, [this, got] {
    notice::Response& resp = got->value;
    const CaseRecord* c = workspace_.find(resp.case_id);
    if (!c)
      return finish_operation("", "答复包未导入：case_id: 本机构没有案件 " + resp.case_id + "（" + resp.organisation +
                                      "），这份答复不是答复本机构的通知（UNKNOWN）");
    std::vector<std::string> taken;
    for (const auto& a : c->attachments) taken.push_back(a.id);
    std::vector<package::AttachmentMeta> metas = resp.attachments;
    std::vector<std::string> ids;
    for (auto& m : metas) {
      m.id = case_attachment_id(resp.response_id, m.id, taken);
      taken.push_back(m.id);
      ids.push_back(m.id);
    }
    auto planned = notice::response_commands(resp, c->state, sent_, ids);
    if (!planned) return finish_operation("", "答复包未导入：" + problem_lines(planned.error()));
    const Context staff = case_context();
    Context applicant = staff;
    applicant.actor = response_actor(resp.organisation, resp.response_id, staff.actor);
    std::vector<std::pair<certdesk::Command, Context>> commands;
    for (const notice::PlannedCommand& p : planned.value()) commands.emplace_back(p.command, p.by_applicant ? applicant : staff);
    auto events = workspace_.execute_all(c->id, commands, metas, got->data, *store_);
    if (!events) return finish_operation("", "答复包未导入，案件未改变：" + with_rule(events.error()));
    for (notice::SentNotice& s : sent_)
      if (s.notice_id == resp.notice_id) {
        s.answered_by = resp.response_id;
        s.answered_on = now_iso();
      }
    store_->write(kSentNoticesFile, sent_to_json(sent_).dump());
    ui_.show_notices_tab = true;
    finish_operation("已导入" + resp.organisation + "的答复（" + std::string(notice::response_label_zh(resp.answer.kind)) +
                         "）到案件 " + resp.case_id + "：办理 " + std::to_string(commands.size()) + " 项，附件 " +
                         std::to_string(metas.size()) + " 份。",
                     "");
    });
  });
}

nlohmann::json AppCore::notices_json() const {
  nlohmann::json inbox = nlohmann::json::array();
  const Date now = today();
  for (const ReceivedNotice& r : inbox_.notices) {
    nlohmann::json atts = nlohmann::json::array();
    for (const auto& a : r.attachments) atts.push_back(package::attachment_meta_to_json(a));
    nlohmann::json n = notice::notice_to_json(r.notice);
    inbox.push_back({{"notice_id", r.notice.notice_id}, {"kind", n["kind"]}, {"title", n["content"]["title"]},
                     {"case_id", r.notice.case_id}, {"organisation", r.notice.organisation}, {"items", n["content"]["items"]},
                     {"deadline", n["content"]["deadline"]}, {"overdue", overdue(r, now)},
                     {"answer", notice::answer_to_json(r.answer)}, {"attachments", atts}, {"exported", r.exported},
                     {"response_id", r.response_id}});
  }
  return {{"inbox", inbox}, {"sent", sent_to_json(sent_)["sent"]}, {"open", ui_.open_notice}};
}

}  // namespace certdesk::ui
