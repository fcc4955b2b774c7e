// ui/applicant/app_ops.cpp — the app's operations that need the browser: attaching files (hashed by
// WebCrypto), exporting and re-opening the application package, importing it at the body.
// Each runs in two phases around the asynchronous hashes and is all or nothing.
#include <algorithm>

#include "domain/case_rules.hpp"
#include "domain/json_read.hpp"
#include "ui/shell/app_core.hpp"

namespace certdesk::ui {

std::string problem_lines(const package::Problems& problems, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < problems.size() && i < n; ++i) {
    const package::Problem& p = problems[i];
    // The field by the wizard's label where the path is one of the application's (issue 15); the
    // rule id stays at the end of the line, where the banner moves it into its tooltip.
    const std::string field = p.field.rfind("content.", 0) == 0 ? p.field.substr(8) : p.field;
    const std::string label = field_label_zh(field);
    out += "\n· " + (label != field ? labelled(label, plain_text(p.message_zh, p.rule)) : p.message_zh);
    if (p.rule != "INPUT" && !p.rule.empty() && p.message_zh.find(p.rule) == std::string::npos) out += "（" + p.rule + "）";
  }
  if (problems.size() > n) out += "\n……另有 " + std::to_string(problems.size() - n) + " 项问题";
  return out;
}

std::optional<Request> request_from_json(const nlohmann::json& j) {
  // Test-hook commands are outside data (issue 17): a member of the wrong type reads as absent.
  const auto text = [&j](const char* key, const char* fallback = "") { return json_read::text_or(j, key, fallback); };
  if (!j.is_object() || !j.contains("type") || !j["type"].is_string()) return std::nullopt;
  const std::string t = j["type"].get<std::string>();
  if (t == "Export") return Request{RequestExport{text("kind", "final") == "draft" ? package::Kind::draft : package::Kind::final}};
  if (t == "Attach") return Request{RequestAttach{text("assessment"), text("requirement"), text("role")}};
  if (t == "Reopen") return Request{RequestReopen{}};
  if (t == "NewApplication") return Request{RequestNewApplication{}};
  if (t == "ImportPackage") return Request{RequestImport{}};
  // An unknown part is refused by handle() with its name.
  if (t == "ExportConfig") return Request{RequestConfigExport{text("part")}};
  if (t == "ImportConfig") return Request{RequestConfigImport{text("part")}};
  if (t == "DownloadAttachment") return Request{RequestCaseAttachment{text("case_id"), text("attachment_id")}};
  if (t == "Backup") return Request{RequestBackup{}};
  if (t == "Restore") return Request{RequestRestore{}};
  const std::string case_id = text("case");
  if (t == "ArchiveCase") return Request{RequestArchiveCase{case_id}};
  if (t == "RemoveCase") return Request{RequestRemoveCase{case_id}};
  if (t == "VerifyArchive") return Request{RequestVerifyArchive{case_id}};
  for (const char* n : {"ExportNotice", "ImportNotice", "AnswerNotice", "AttachToAnswer", "RemoveAnswerAttachment",
                        "ExportResponse", "ImportResponse", "OpenNotice"})
    if (t == n) return Request{RequestNotice{j}};
  if (t == "PrintForm")
    return Request{RequestPrintForm{case_id, j.contains("index") && j["index"].is_number_integer() ? j["index"].get<int>() : -1,
                                    text("code"), j.contains("fields") ? j["fields"] : nlohmann::json()}};
  if (t == "ExportRegister") return Request{RequestExportRegister{}};
  if (t == "Undo") return Request{RequestUndo{}};
  if (t == "DownloadQuarantined") return Request{RequestQuarantined{text("file")}};
  return std::nullopt;
}

void AppCore::set_catalogue(Catalogue c) {
  shipped_catalogue_ = c;
  config_.catalogue = std::move(c);
  ++config_.revision;
  review_revision_ = -1;
}

Date AppCore::today() const {
  const std::string now = now_iso();
  if (auto d = Date::parse(now.substr(0, 10))) return *d;
  return Date{2026, 1, 1};
}

void AppCore::refresh_review() {
  // Recomputed when the model changes, never per frame.
  if (review_revision_ == model_.revision) return;
  review_revision_ = model_.revision;
  review_ = model_.mode == Mode::Applicant ? review(model_.applicant, config_.catalogue, today()) : std::vector<ReviewItem>{};
}

void AppCore::finish_operation(std::string info, std::string error) {
  busy_.clear();
  pending_.reset();
  ui_.info = std::move(info);
  ui_.last_error = std::move(error);
}

void AppCore::handle(const Request& r) {
  if (busy()) {
    ui_.last_error = "正在处理上一项操作，请稍候";
    return;
  }
  if (shell_.read_only || !shell_.store_error.empty()) {
    ui_.last_error = shell_.read_only ? "本页为只读：认证工作台已在另一个标签页中打开并负责保存。"
                                      : "本机数据无法读取，为避免覆盖，暂不接受修改：" + shell_.store_error;
    return;
  }
  ui_.info.clear();
  ui_.last_error.clear();
  // What needs case files that may still be loading (issue 8) waits for them: every case for the
  // whole store or the register, the named case for its archive, removal, documents and notices.
  // The file pickers open at once (they need the click), their files are checked when read.
  std::optional<std::string> needs;
  if (std::holds_alternative<RequestBackup>(r) || std::holds_alternative<RequestExportRegister>(r)) needs = "";
  else if (const auto* a = std::get_if<RequestArchiveCase>(&r)) needs = a->case_id;
  else if (const auto* d = std::get_if<RequestRemoveCase>(&r)) needs = d->case_id;
  else if (const auto* v = std::get_if<RequestVerifyArchive>(&r)) needs = v->case_id;
  else if (const auto* ca = std::get_if<RequestCaseAttachment>(&r)) needs = ca->case_id;
  else if (const auto* p = std::get_if<RequestPrintForm>(&r)) needs = p->case_id;
  else if (const auto* n = std::get_if<RequestNotice>(&r); n && json_read::text_or(n->command, "type") == "ExportNotice")
    needs = json_read::text_or(n->command, "case");
  if (needs && (needs->empty() || workspace_.contains(*needs))) {
    when_cases_ready(*needs, [this, r] { handle_now(r); });
    return;
  }
  handle_now(r);
}

bool AppCore::cases_ready(const std::string& case_id) const {
  if (!case_id.empty()) return !workspace_.pending(case_id);
  // Every case, and any other file under cases/ (a backup holds them all).
  return workspace_.pending_count() == 0 && !(store_ && store_->is_pending("cases/"));
}

void AppCore::when_cases_ready(const std::string& case_id, std::function<void()> then) {
  if (cases_ready(case_id)) return then();
  if (!case_id.empty()) load_case(case_id);
  waiting_ = {case_id, std::move(then)};
  run_waiting();
}

// Between frames: the waiting operation runs once its files are there; until then the banner
// says what it waits for.
void AppCore::run_waiting() {
  if (!waiting_.then) return;
  if (!cases_ready(waiting_.case_id)) {
    busy_ = waiting_.case_id.empty()
                ? "正在载入案件数据…（还有 " + std::to_string(workspace_.pending_count()) + " 件），载入完成后继续"
                : "正在载入案件数据…（案件 " + waiting_.case_id + "），载入完成后继续";
    return;
  }
  Waiting w = std::exchange(waiting_, {});
  busy_.clear();
  w.then();
}

void AppCore::handle_now(const Request& r) {
  if (const auto* a = std::get_if<RequestAttach>(&r)) {
    std::string purpose = "attach";
    if (!a->assessment.empty()) purpose = "evidence:" + a->assessment + ":" + a->requirement;
    else if (!a->role.empty()) purpose = "role:" + a->role;
    pick_files(purpose, "", a->role.empty());
  } else if (const auto* e = std::get_if<RequestExport>(&r)) {
    export_package(e->kind);
  } else if (std::holds_alternative<RequestReopen>(r)) {
    pick_files("reopen", ".json,application/json", false);
  } else if (std::holds_alternative<RequestImport>(r)) {
    pick_files("import", ".json,application/json", false);
  } else if (const auto* ce = std::get_if<RequestConfigExport>(&r)) {
    const auto part = config_part_from_id(ce->part);
    if (model_.mode != Mode::Body) return void(ui_.last_error = "只有认证机构可以导出设置");
    if (!part) return void(ui_.last_error = "未知的设置项“" + ce->part + "”");
    const std::string file = std::string("certdesk-") + config_part_id(*part) + "-" + today().iso() + ".json";
    download(file, "application/json", config_json(config_, *part).dump(1));
    ui_.info = std::string(config_label_zh(*part)) + "已导出为“" + file + "”，请在浏览器的下载中查看。";
  } else if (const auto* ci = std::get_if<RequestConfigImport>(&r)) {
    const auto part = config_part_from_id(ci->part);
    if (model_.mode != Mode::Body) return void(ui_.last_error = "只有认证机构可以导入设置");
    if (!part) return void(ui_.last_error = "未知的设置项“" + ci->part + "”");
    pick_files(std::string("config:") + config_part_id(*part), ".json,application/json", false);
  } else if (const auto* ca = std::get_if<RequestCaseAttachment>(&r)) {
    const CaseRecord* c = workspace_.find(ca->case_id);
    const auto* meta = c ? c->attachment(ca->attachment_id) : nullptr;
    if (!meta) return void(ui_.last_error = "案件 " + ca->case_id + " 没有附件“" + ca->attachment_id + "”");
    std::optional<std::string> bytes = store_ ? store_->read(case_attachment_file(c->id, meta->id)) : std::nullopt;
    if (!bytes) return void(ui_.last_error = "附件“" + meta->name + "”的内容在本机找不到");
    download(meta->name, meta->media_type, *bytes);
    ui_.info = "已下载附件“" + meta->name + "”。";
  } else if (std::holds_alternative<RequestNewApplication>(r)) {
    // Attachments of the old application are removed with it.
    const auto old = model_.applicant.draft.attachments;
    if (apply(NewApplication{env_.new_id ? new_id() : "application"}).ok() && store_)
      for (const auto& att : old) store_->remove(attachment_path(att.id));
    if (ui_.last_error.empty()) ui_.info = "已开始新的申请。";
  } else if (const auto* n = std::get_if<RequestNotice>(&r)) {
    handle_notice(n->command);
  } else if (const auto* p = std::get_if<RequestPrintForm>(&r)) {
    print_form(*p);
  } else if (std::holds_alternative<RequestExportRegister>(r)) {
    export_register();
  } else if (std::holds_alternative<RequestUndo>(r)) {
    undo_last();
  } else if (const auto* q = std::get_if<RequestQuarantined>(&r)) {
    // Only a file the quarantine lists: the name the user knew it by, the bytes as they were.
    for (const QuarantinedFile& f : store_base_ ? list_quarantine(*store_base_) : std::vector<QuarantinedFile>{})
      if (f.stored_as == q->stored_as) {
        const std::optional<std::string> bytes = store_base_->read(f.stored_as);
        if (!bytes) break;
        std::string name = f.original;
        std::replace(name.begin(), name.end(), '/', '_');
        download("隔离-" + f.stamp + "-" + name, "application/octet-stream", *bytes);
        ui_.info = "已下载隔离区中的“" + f.original + "”（原样，" + std::to_string(bytes->size()) + " 字节）。";
        return;
      }
    ui_.last_error = "隔离区中没有文件“" + q->stored_as + "”";
  } else {
    handle_data(r);
  }
}

void AppCore::file_pick_failed(const std::string&, const std::string& why) {
  finish_operation("", "无法读取所选文件：" + why);
}

void AppCore::file_picked(const std::string& purpose, std::string name, std::string media_type, std::string bytes) {
  if (purpose == "reopen" || purpose == "import") return read_package(purpose, std::move(bytes));
  if (purpose.rfind("config:", 0) == 0) {
    if (auto part = config_part_from_id(purpose.substr(7))) return import_config(*part, bytes);
    return;
  }
  if (purpose == "restore") return read_backup(std::move(bytes));
  if (purpose.rfind("verify-archive:", 0) == 0) return verify_case_archive(purpose.substr(15), std::move(bytes));
  if (purpose == "notice") return read_notice(std::move(bytes));
  if (purpose == "response") return read_response(std::move(bytes));
  if (purpose.rfind("answer:", 0) == 0) return attach_to_answer(purpose, std::move(name), std::move(media_type), std::move(bytes));
  attach_file(purpose, std::move(name), std::move(media_type), std::move(bytes));
}

// ---- attachments -----------------------------------------------------------------------------

void AppCore::attach_file(const std::string& purpose, std::string name, std::string media_type, std::string bytes) {
  if (busy()) {
    ui_.last_error = "正在处理上一项操作，请稍候再添加“" + name + "”";
    return;
  }
  package::AttachmentMeta meta;
  meta.id = next_attachment_id(model_.applicant.draft);
  meta.name = std::move(name);
  meta.media_type = media_type.empty() ? "application/octet-stream" : std::move(media_type);
  meta.size = bytes.size();
  // Limits are checked before anything is hashed or stored: the same check runs again on apply.
  {
    ApplicantModel probe = model_.applicant;
    meta.sha256 = std::string(64, '0');
    if (Result<void> r = apply_draft(probe, AddAttachment{meta}, package::Limits{}); !r) {
      ui_.last_error = "附件：" + r.error().message_zh;
      return;
    }
  }
  if (!store_) return;
  auto held = std::make_shared<std::string>(std::move(bytes));
  pending_ = held;
  busy_ = "正在计算“" + meta.name + "”的 SHA-256 校验值…";
  hash({std::string_view(*held)}, [this, held, meta, purpose](std::vector<std::string> hashes,
                                                                            std::string error) mutable {
    if (!error.empty() || hashes.size() != 1) return finish_operation("", "附件未添加：" + (error.empty() ? "校验值计算失败" : error));
    meta.sha256 = hashes[0];  // lower-case hex (the edge's HashBlobs)
    // The bytes go to the store first; the draft then refers to a file that is there.
    store_->write(attachment_path(meta.id), *held);
    Result<void> r = apply(AddAttachment{meta});
    if (!r) {
      store_->remove(attachment_path(meta.id));
      return finish_operation("", ui_.last_error);
    }
    std::string info = "已添加附件“" + meta.name + "”（" + size_text_zh(meta.size) + "）。";
    if (purpose.rfind("evidence:", 0) == 0) {
      const std::string rest = purpose.substr(9);
      const std::size_t colon = rest.find(':');
      if (colon != std::string::npos) {
        apply(LinkEvidence{rest.substr(0, colon), rest.substr(colon + 1), meta.id, true});
        info = "已添加证据文件“" + meta.name + "”并关联到要求 " + rest.substr(colon + 1) + "。";
      }
    } else if (purpose.rfind("role:", 0) == 0) {
      apply(SetDraftField{"application." + purpose.substr(5), meta.id});
    }
    finish_operation(info, ui_.last_error);
  });
}

// ---- export ----------------------------------------------------------------------------------

void AppCore::export_package(package::Kind kind) {
  if (model_.mode != Mode::Applicant) {
    ui_.last_error = "只有申请组织可以导出申请包";
    return;
  }
  if (!store_) return;
  refresh_review();
  if (kind == package::Kind::final && !review_.empty()) {
    // The review page first: a command that succeeds clears the last message, and this one
    // belongs to that page.
    apply(ShowApplyPage{ApplyPage::Review});
    ui_.last_error = "申请尚不完整：还有 " + std::to_string(review_.size()) +
                     " 项需要补充或更正（见“检查与导出”页）。也可以先导出草稿。";
    return;
  }
  const ApplicantModel& a = model_.applicant;
  package::AttachmentData data;
  for (const auto& att : a.draft.attachments) {
    std::optional<std::string> bytes = store_->read(attachment_path(att.id));
    if (!bytes) {
      ui_.last_error = "附件“" + att.name + "”的内容在本机找不到，请删除后重新添加";
      return;
    }
    data.push_back(std::move(*bytes));
  }
  package::Header h;
  h.package_id = a.package_id;
  h.created_at = now_iso();
  h.kind = kind;
  h.catalogue = catalogue_ref(config_.catalogue);
  auto prepared = package::prepare_export(h, export_view(a.draft, config_.catalogue), std::move(data), config_.catalogue);
  if (!prepared) {
    ui_.last_error = "无法导出：" + problem_lines(prepared.error());
    return;
  }
  auto pending = std::make_shared<package::PendingExport>(std::move(prepared.value()));
  pending_ = pending;
  const std::string file = package_file_name(a, kind, today());
  busy_ = "正在导出申请包（计算校验值）…";
  hash(pending->blobs(), [this, pending, file, kind](std::vector<std::string> hashes, std::string error) {
    if (!error.empty()) return finish_operation("", "导出失败：" + error);
    auto text = package::finish_export(std::move(*pending), hashes);
    if (!text) return finish_operation("", "导出失败：" + problem_lines(text.error()));
    download(file, "application/json", text.value());
    const std::string when = time_text_zh(now_iso());
    apply(NoteExport{file + "（" + when + "）"});
    finish_operation(std::string(kind == package::Kind::final ? "申请包" : "草稿") + "已导出为“" + file +
                         "”，请在浏览器的下载中查看。",
                     "");
  });
}

// ---- re-open (applicant) and import (body) ---------------------------------------------------------

void AppCore::read_package(const std::string& purpose, std::string text) {
  const bool reopen = purpose == "reopen";
  if (reopen && model_.mode != Mode::Applicant) return finish_operation("", "只有申请组织可以打开申请包继续填写");
  if (!reopen && model_.mode != Mode::Body) return finish_operation("", "只有认证机构可以导入申请包");
  auto held = std::make_shared<std::string>(std::move(text));
  // The body's own catalogue, and the example shipped with the app that applicants start from.
  std::vector<Catalogue> known{config_.catalogue};
  if (catalogue_ref(shipped_catalogue_) != catalogue_ref(config_.catalogue)) known.push_back(shipped_catalogue_);
  auto prepared = package::prepare_import(*held, known);
  if (!prepared) {
    return finish_operation("", std::string(reopen ? "无法打开申请包，" : "申请包未导入，") + "共 " +
                                    std::to_string(prepared.error().size()) + " 项问题：" +
                                    problem_lines(prepared.error()));
  }
  held.reset();  // the decoded content is all that is needed now
  auto pending = std::make_shared<package::PendingImport>(std::move(prepared.value()));
  pending_ = pending;
  busy_ = "正在核对申请包的校验值…";
  hash(pending->blobs(), [this, pending, reopen](std::vector<std::string> hashes, std::string error) {
    if (!error.empty()) return finish_operation("", "核对失败：" + error);
    auto imported = package::finish_import(std::move(*pending), hashes);
    if (!imported) return finish_operation("", "申请包未导入：" + problem_lines(imported.error()));
    package::ImportedPackage& p = imported.value();
    if (reopen) {
      // The attachments' bytes replace the current ones, then the draft that refers to them.
      const auto old = model_.applicant.draft.attachments;
      for (const auto& att : old) store_->remove(attachment_path(att.id));
      for (std::size_t i = 0; i < p.draft.attachments.size(); ++i)
        store_->write(attachment_path(p.draft.attachments[i].id), p.data[i]);
      apply(LoadApplication{p.header.package_id, std::move(p.draft)});
      return finish_operation("已打开申请包（" + std::string(enum_label(p.header.kind)) +
                                  "，编号 " + p.header.package_id + "），可以继续填写。",
                              ui_.last_error);
    }
    Result<std::string> id = workspace_.import_application(p, case_context(), *store_);
    if (!id) {
      std::string why = id.error().message_zh;
      if (!id.error().rule.empty() && id.error().rule != "INPUT" && why.find(id.error().rule) == std::string::npos)
        why += "（" + id.error().rule + "）";
      return finish_operation("", "申请包未导入：" + why);
    }
    std::string info = "已导入申请包：新建案件 " + id.value() + "（" + p.draft.organisation.name + "），状态：已收到申请。";
    if (!p.warnings.empty())
      info += "\n这是一份草稿，尚缺 " + std::to_string(p.warnings.size()) + " 项，受理前须补齐：" + problem_lines(p.warnings, 5);
    finish_operation(info, "");
  });
}

}  // namespace certdesk::ui
