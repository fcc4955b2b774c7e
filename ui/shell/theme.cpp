// ui/shell/theme.cpp — a light, calm office theme; every size scaled for the device pixel ratio so
// text stays crisp on HiDPI screens (the framebuffer is in device pixels).
#include <imgui.h>

#include "ui/shell/app.hpp"

namespace certdesk::ui {

void apply_theme(float dpr) {
  ImGuiStyle style;
  ImGui::StyleColorsLight(&style);
  style.WindowPadding = ImVec2(14, 12);
  style.FramePadding = ImVec2(8, 5);
  style.ItemSpacing = ImVec2(10, 8);
  style.ItemInnerSpacing = ImVec2(6, 5);
  style.ScrollbarSize = 14;
  style.WindowRounding = 0;
  style.ChildRounding = 6;
  style.FrameRounding = 4;
  style.GrabRounding = 4;
  style.PopupRounding = 4;
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 1;
  style.FrameBorderSize = 1;
  ImVec4* c = style.Colors;
  const ImVec4 paper(0.965f, 0.969f, 0.976f, 1), white(1, 1, 1, 1), ink(0.13f, 0.16f, 0.20f, 1);
  const ImVec4 accent(0.16f, 0.42f, 0.62f, 1), accent_soft(0.16f, 0.42f, 0.62f, 0.16f);
  const ImVec4 line(0.82f, 0.84f, 0.87f, 1);
  c[ImGuiCol_Text] = ink;
  c[ImGuiCol_TextDisabled] = ImVec4(0.45f, 0.49f, 0.54f, 1);
  c[ImGuiCol_WindowBg] = paper;
  c[ImGuiCol_ChildBg] = white;
  c[ImGuiCol_PopupBg] = white;
  c[ImGuiCol_MenuBarBg] = ImVec4(0.91f, 0.93f, 0.95f, 1);
  c[ImGuiCol_Border] = line;
  c[ImGuiCol_FrameBg] = white;
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.93f, 0.95f, 0.98f, 1);
  c[ImGuiCol_FrameBgActive] = ImVec4(0.90f, 0.93f, 0.97f, 1);
  c[ImGuiCol_CheckMark] = accent;
  c[ImGuiCol_Button] = accent_soft;
  c[ImGuiCol_ButtonHovered] = ImVec4(0.16f, 0.42f, 0.62f, 0.28f);
  c[ImGuiCol_ButtonActive] = ImVec4(0.16f, 0.42f, 0.62f, 0.40f);
  c[ImGuiCol_Header] = accent_soft;
  c[ImGuiCol_HeaderHovered] = ImVec4(0.16f, 0.42f, 0.62f, 0.24f);
  c[ImGuiCol_HeaderActive] = ImVec4(0.16f, 0.42f, 0.62f, 0.34f);
  c[ImGuiCol_Separator] = line;
  c[ImGuiCol_TextSelectedBg] = ImVec4(0.16f, 0.42f, 0.62f, 0.25f);
  c[ImGuiCol_NavCursor] = accent;
  style.ScaleAllSizes(dpr);
  style.FontSizeBase = 16.0f;
  style.FontScaleDpi = dpr;
  ImGui::GetStyle() = style;
}

}  // namespace certdesk::ui
