// ui/shell/panel_home.cpp — the welcome page: what the workbench is for and who uses it.
#include <imgui.h>

#include "ui/shell/app.hpp"

namespace certdesk::ui {

namespace {
void heading(const char* text) {
  ImGui::PushFont(nullptr, ImGui::GetStyle().FontSizeBase * 1.45f);
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
}
void bullet(const char* text) {
  ImGui::Bullet();
  ImGui::TextWrapped("%s", text);
}
}  // namespace

void draw_home(const AppView& view, UiState& ui, Commands& out) {
  heading("认证工作台");
  ImGui::TextWrapped("网络空间安全服务资质认证的申请、受理、审核、决定与证后管理，"
                     "全部在浏览器中完成，数据保存在本机，不经过任何服务器。");
  ImGui::Spacing();
  ImGui::SeparatorText("申请组织");
  bullet("在线填写认证申请书（QP-21-01）、管理体系自评表和专业能力自评表，附上证明材料；");
  bullet("导出一个 JSON 申请包发送给认证机构，之后导入机构的通知并提交答复。");
  ImGui::SeparatorText("认证机构");
  bullet("质控、市场运营、项目管理、审核组长、审核员、复核与认证决定人员在此完成受理评审、"
         "人日计算、合同、审核安排、第一阶段与第二阶段审核、不符合项整改、认证决定和发证；");
  bullet("证书的监督、变更、暂停、恢复、注销、撤销与再认证，以及投诉申诉、满意度调查和记录保存。");
  ImGui::Spacing();
  ImGui::SeparatorText("开始之前");
  if (view.model.mode == Mode::Applicant) {
    ImGui::TextWrapped("您当前的身份是申请组织：在“填写申请”中按步骤填写，内容随时自动保存在本机。");
    if (ImGui::Button("继续填写申请")) out.push(ShowView{View::Apply});
    mark_widget(ui, "home.apply");
    return;
  }
  if (view.model.profile.name.empty()) {
    ImGui::TextWrapped("请先在“我的资料”中填写您的姓名和所担任的角色：每条记录都会署名，"
                       "公正性检查（R15、R16）也依据这些信息。");
  } else {
    ImGui::Text("当前用户：%s", view.model.profile.name.c_str());
  }
  if (ImGui::Button("填写我的资料")) out.push(ShowView{View::Profile});
  mark_widget(ui, "home.profile");
}

}  // namespace certdesk::ui
