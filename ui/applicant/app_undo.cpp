// ui/applicant/app_undo.cpp — issue 15: removing an attachment or a row of the application says what goes
// with it and offers 撤销. The offer lives in this session only (it does not survive a reload: the
// removal is saved at once, like any edit, and a reload shows the saved application); it is
// replaced by the next removal and dropped when another application is started or loaded. The
// restore is an ordinary command (RestoreAttachment / RestoreDraftRow), saved like any edit; an
// attachment's bytes, removed from the store with it, are written back first.
#include <algorithm>

#include "ui/shell/app_core.hpp"

namespace certdesk::ui {

std::optional<AppCore::UndoRecord> AppCore::undo_for(const Command& c) const {
  if (model_.mode != Mode::Applicant) return std::nullopt;
  if (const auto* ra = std::get_if<RemoveAttachment>(&c)) {
    auto removal = attachment_removal(model_.applicant.draft, ra->id);
    if (!removal) return std::nullopt;
    UndoRecord u;
    u.attachment = std::move(*removal);
    return u;
  }
  if (const auto* rr = std::get_if<RemoveDraftRow>(&c)) {
    nlohmann::json row = draft_row(model_.applicant.draft, rr->list, rr->index);
    if (row.is_null()) return std::nullopt;
    UndoRecord u;
    u.row = RestoreDraftRow{rr->list, rr->index, std::move(row)};
    return u;
  }
  return std::nullopt;
}

void AppCore::offer_undo(UndoRecord record) {
  if (record.attachment) {
    const std::string path = attachment_path(record.attachment->meta.id);
    // The bytes go with the attachment (nothing is left behind unreferenced), kept here for 撤销.
    if (store_ && !store_->is_pending(path)) {
      if (auto bytes = store_->read(path)) record.bytes = std::move(*bytes);
      store_->remove(path);
    }
    ui_.undo_text = removal_message_zh(*record.attachment);
  } else if (record.row) {
    ui_.undo_text = row_removal_message_zh(record.row->list, record.row->index, record.row->row);
  }
  undo_ = std::move(record);
}

void AppCore::undo_last() {
  if (!undo_ || ui_.undo_text.empty()) {
    ui_.last_error = "没有可以撤销的删除";
    return;
  }
  UndoRecord u = std::move(*undo_);
  undo_.reset();
  ui_.undo_text.clear();
  if (u.row) {
    const std::string list = u.row->list;
    if (apply(*u.row).ok()) ui_.info = "已恢复" + row_removal_message_zh(list, u.row->index, u.row->row).substr(9);
    return;
  }
  if (!u.attachment) return;
  AttachmentRemoval& r = *u.attachment;
  // A file added since may have taken its id (ids count up from the last one): it gets a new one.
  if (std::any_of(model_.applicant.draft.attachments.begin(), model_.applicant.draft.attachments.end(),
                  [&](const package::AttachmentMeta& a) { return a.id == r.meta.id; }))
    r.meta.id = next_attachment_id(model_.applicant.draft);
  if (u.bytes.size() != r.meta.size) {
    ui_.last_error = "附件“" + r.meta.name + "”的内容已不在本机，无法恢复；请重新添加";
    return;
  }
  const std::string path = attachment_path(r.meta.id);
  // The bytes first, then the draft refers to a file that is there (as when it was attached).
  if (store_) store_->write(path, u.bytes);
  if (!apply(RestoreAttachment{r}).ok()) {
    if (store_) store_->remove(path);
    return;
  }
  ui_.info = "已恢复附件“" + r.meta.name + "”" +
             (r.links.empty() ? std::string() : "及其 " + std::to_string(r.links.size()) + " 项要求的证据链接") + "。";
}

}  // namespace certdesk::ui
