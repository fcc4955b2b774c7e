// ui/data/panel_data.cpp — 数据与备份: the whole store as one backup file and back, and for the body
// each case's retention (R11 §7) with its archive export and, once allowed, its removal.
#include <imgui.h>

#include "ui/shell/app.hpp"
#include "ui/widgets/text_widgets.hpp"

namespace certdesk::ui {

namespace {

void draw_retention_table(const AppView& view, UiState& ui, Commands& out) {
  if (const std::size_t n = view.workspace.pending_count(); n > 0) {  // issue 8: retention needs every history
    ImGui::TextDisabled("正在载入案件数据…（还有 %d 件），载入完成后列出各案件的保存期。", static_cast<int>(n));
    return;
  }
  const auto& cases = view.workspace.cases();
  if (cases.empty()) {
    ImGui::TextDisabled("尚无案件。");
    return;
  }
  const std::vector<ArchiveRecord> none;
  const std::vector<ArchiveRecord>& archives = view.archives ? *view.archives : none;
  if (!begin_list_table("retention", {{"案件编号", -6.5f}, {"申请组织", 2.4f}, {"当前步骤", 1.4f}, {"保存期（R11）", 2.6f},
                                     {"操作", -23.0f}}))
    return;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(cases.size()));
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const CaseRecord& c = cases[static_cast<std::size_t>(row)];
      ImGui::PushID(c.id.c_str());
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(c.id.c_str());
      ImGui::TableNextColumn();
      text_fit(c.organisation);
      ImGui::TableNextColumn();
      if (c.unreadable) {  // issue 17: its file was set aside; nothing can be said of its retention
        ImGui::TextColored(ImVec4(0.70f, 0.20f, 0.15f, 1), "案件文件无法读取");
        ImGui::TableNextColumn();
        text_fit("已移入隔离区：" + c.problem);
        ImGui::TableNextColumn();
        ImGui::PopID();
        continue;
      }
      const RetentionStatus st = retention_status(c, view.today, view.case_ctx.rules, archives);
      // The step and certificate status exactly as the case list shows them (one definition;
      // "closed" for retention is the domain's case_retention_end, in the next column).
      text_fit(case_status_text_zh(c.state));
      ImGui::TableNextColumn();
      text_fit(st.text_zh());
      ImGui::TableNextColumn();
      ImGui::BeginDisabled(!view.busy.empty());
      if (ImGui::SmallButton("导出案件存档")) out.request(RequestArchiveCase{c.id});
      mark_widget(ui, ("data.archive." + c.id).c_str());
      if (st.archive && !st.verified) {  // issue 17 item 6: the saved file, read back, must match
        ImGui::SameLine();
        if (ImGui::SmallButton("核对存档…")) out.request(RequestVerifyArchive{c.id});
        mark_widget(ui, ("data.verify." + c.id).c_str());
        ImGui::SetItemTooltip("选择保存下来的存档文件：核对其内容与存档记录一致后，保存期满才可删除");
      }
      ImGui::EndDisabled();
      ImGui::SameLine();
      if (ui.confirm_remove == c.id) {
        if (ImGui::SmallButton("确认删除")) out.request(RequestRemoveCase{c.id});
        mark_widget(ui, ("data.remove.confirm." + c.id).c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("取消")) ui.confirm_remove.clear();
      } else {
        ImGui::BeginDisabled(!st.removable() || !view.busy.empty());
        if (ImGui::SmallButton("删除（保存期满）")) ui.confirm_remove = c.id;
        mark_widget(ui, ("data.remove." + c.id).c_str());
        ImGui::EndDisabled();
        if (!st.removable() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
          ImGui::SetTooltip("%s", !st.closed   ? "案件尚未关闭，记录须保存（R11）"
                                  : !st.ended  ? "保存期未满，不能删除（R11）"
                                  : !st.archive ? "请先导出案件存档（R11）"
                                                : "请先核对存档：点“核对存档…”选择保存下来的存档文件（R11）");
      }
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

// Issue 17: files of the store that did not read, kept byte for byte, never deleted.
void draw_quarantine(const AppView& view, UiState& ui, Commands& out) {
  if (!view.quarantine || view.quarantine->empty()) return;
  ImGui::Spacing();
  ImGui::SeparatorText("隔离区（无法读取的数据文件）");
  text_wrapped("下列文件在启动或读取时未通过检查，已原样移到隔离区（未删除、未修改），程序不再读取它们，其余数据照常可用。"
               "可下载后交技术支持检查；完整备份也包含它们。");
  if (!begin_list_table("quarantine", {{"移入时间", -9.5f}, {"文件", 2.0f}, {"原因", 3.0f}, {"大小", -6.0f}, {"操作", -4.5f}}))
    return;
  for (const QuarantinedFile& f : *view.quarantine) {
    ImGui::PushID(f.stored_as.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const std::string& st = f.stamp;  // "20261206T101502"
    const std::string when = st.size() == 15 ? st.substr(0, 4) + "-" + st.substr(4, 2) + "-" + st.substr(6, 2) + " " +
                                                   st.substr(9, 2) + ":" + st.substr(11, 2)
                                             : st;
    ImGui::TextUnformatted(when.c_str());
    ImGui::TableNextColumn();
    text_fit(std::string(store_file_info(f.original).label_zh) + "（" + f.original + "）");
    ImGui::TableNextColumn();
    text_fit(f.reason);
    ImGui::TableNextColumn();
    ImGui::Text("%d 字节", static_cast<int>(f.size));
    ImGui::TableNextColumn();
    if (ImGui::SmallButton("下载")) out.request(RequestQuarantined{f.stored_as});
    mark_widget(ui, ("data.quarantine." + f.original).c_str());
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace

void draw_data(const AppView& view, UiState& ui, Commands& out) {
  ImGui::SeparatorText("数据与备份");
  text_wrapped("所有数据只保存在本机浏览器中。请定期导出完整备份（一个 JSON 文件，含全部案件、附件、"
                     "资料和申请草稿，并附 SHA-256 摘要），换电脑或清理浏览器后可从备份恢复。"
                     "恢复时只补入本机没有的内容；与本机不同的文件列为冲突，保留本机版本，不会被覆盖。");
  if (!view.shell.storage_note.empty()) ImGui::TextDisabled("%s", view.shell.storage_note.c_str());
  ImGui::Spacing();
  ImGui::BeginDisabled(!view.busy.empty());
  if (ImGui::Button("导出完整备份")) out.request(RequestBackup{});
  mark_widget(ui, "data.backup");
  ImGui::SameLine();
  if (ImGui::Button("从备份恢复…")) out.request(RequestRestore{});
  mark_widget(ui, "data.restore");
  ImGui::EndDisabled();
  draw_quarantine(view, ui, out);
  if (view.model.mode != Mode::Body) return;

  ImGui::Spacing();
  ImGui::SeparatorText("证书公示（§6.7.3）");
  text_wrapped("证书的暂停、注销和撤销应予公开。导出两个静态文件：JSON 数据（格式见网站的 "
                     "schemas/certificate-register.schema.json）和无需脚本的 HTML 公示页，列出全部证书的编号、组织、"
                     "范围、级别、状态（有效/暂停/撤销/注销/过期）及日期，可直接发布到机构自己的静态网站。");
  ImGui::BeginDisabled(!view.busy.empty());
  if (ImGui::Button("导出证书公示")) out.request(RequestExportRegister{});
  mark_widget(ui, "data.register");
  ImGui::EndDisabled();

  ImGui::Spacing();
  ImGui::SeparatorText("案件记录的保存与删除（R11）");
  text_wrapped("记录自案件关闭（最后一项记录）起保存“机构设置”中的记录保存年限（至少 3 年，§7）。保存期满、已导出案件存档、"
                     "并用“核对存档…”选择保存下来的存档文件核对一致后，才可从本浏览器删除该案件（下载被取消或文件丢失的存档不算数）；"
                     "删除会记入删除记录（案件、组织、操作人、时间、存档摘要）。");
  ImGui::Spacing();
  draw_retention_table(view, ui, out);
}

}  // namespace certdesk::ui
