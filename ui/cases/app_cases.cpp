// ui/cases/app_cases.cpp — the app's side of the body's work (issue 6): running domain commands on a
// case, and changing, importing and exporting the body's configuration.
#include "domain/case_json.hpp"
#include "ui/shell/app_core.hpp"

namespace certdesk::ui {

void AppCore::set_calendar(WorkCalendar c) {
  config_.calendar = std::move(c);
  ++config_.revision;
}

void AppCore::set_person_days(PersonDaysTable t) {
  config_.person_days = std::move(t);
  ++config_.revision;
}

Context AppCore::case_context() const {
  // The time of day, "2026-11-27T16:02:03+08:00" → "16:02:03", is stamped on the events (the history shows it).
  return Context{actor_from_profile(model_.profile), today(), &config_.calendar, case_rules_from(config_.settings),
                 &config_.catalogue, time_of_day(now_iso())};
}

Result<void> AppCore::run_case_command(const RunCaseCommand& c) {
  if (model_.mode != Mode::Body) return input_error("mode", "只有认证机构可以办理案件");
  auto command = form_command(c.command);
  if (!command) return command.error();
  // The command's own type (form_command read it, checked): no second read of the hook's JSON.
  const std::string type(command_type(command.value()));
  const ActionSpec* spec = find_action(type);
  if (!store_) return RuleViolation{"STORE-ERROR", "本机存储尚未就绪", ""};
  if (workspace_.pending(c.case_id)) load_case(c.case_id);
  // A certificate number must be free across every case: not while some histories still load.
  if (type == "IssueCertificate" && workspace_.pending_count() > 0)
    return RuleViolation{"CASE-LOADING", "正在载入案件数据…（证书编号须与全部案件核对），请稍候再发证", ""};
  const CaseRecord* before = workspace_.find(c.case_id);
  Context ctx = case_context();
  if (spec && before) ctx.actor = acting_actor(*spec, ctx.actor, before->state);
  auto events = workspace_.execute(c.case_id, command.value(), ctx, *store_);
  if (!events) return events.error();
  // The form did its work: the next one starts again from what the case now knows.
  ui_.case_forms.erase(c.case_id + "/" + type);
  if (ui_.form_undo.form_key == c.case_id + "/" + type) ui_.form_undo = {};  // issue 15
  if (spec) ui_.info = std::string("已办理：") + spec->label_zh + "（案件 " + c.case_id + "）。";
  return ok_void();
}

Result<void> AppCore::save_config(const SaveConfig& c) {
  if (model_.mode != Mode::Body) return input_error("mode", "只有认证机构可以修改设置");
  const auto part = config_part_from_id(c.part);
  if (!part) return input_error("part", "未知的设置项“" + c.part + "”");
  if (auto r = set_config(config_, *part, c.data, store_ ? &*store_ : nullptr); !r) {
    RuleViolation v = r.error();
    // Named as the editor names it, once (issue 15: no "description：description: …").
    std::map<std::string, std::string> labels;
    for (const SettingInfo& s : describe_settings(config_.settings)) labels[s.field] = s.label_zh;
    v.message_zh = std::string(config_label_zh(*part)) + "未保存：" + config_field_message(v, labels).text;
    return v;
  }
  ui_.config_drafts.erase(c.part);
  ui_.info = std::string(config_label_zh(*part)) + "已保存。";
  return ok_void();
}

void AppCore::import_config(ConfigPart part, const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) {
    ui_.last_error = std::string(config_label_zh(part)) + "未导入：文件不是有效的 JSON";
    return;
  }
  if (apply(SaveConfig{config_part_id(part), std::move(j)}).ok())
    ui_.info = std::string(config_label_zh(part)) + "已导入并保存。";
  else
    ui_.last_error = std::string(config_label_zh(part)) + "未导入：" + ui_.last_error;
}

nlohmann::json AppCore::board_json() const {
  // At most 200 rows and obligations: the hook reports, it does not page through thousands.
  constexpr std::size_t kMax = 200;
  const auto& rows = board_.rows();
  const auto& order = board_.visible(model_.case_query);
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t i = 0; i < order.size() && i < kMax; ++i) {
    const CaseRow& r = rows[static_cast<std::size_t>(order[i])];
    nlohmann::json row = {{"id", r.id}, {"organisation", r.organisation}, {"scope", r.scope}, {"step", enum_id(r.step)},
                          {"step_label", enum_label(r.step)},
                          {"status", r.status ? std::string(enum_id(*r.status)) : ""},
                          {"certificate", r.certificate}, {"overdue", r.overdue}, {"loading", r.loading},
                          {"problem", r.problem}};
    if (r.next_due) row["next_due"] = obligation_to_json(*r.next_due);
    // Issue 15: what the case waits for and who may do it (today's 待办事项).
    nlohmann::json next = nlohmann::json::array();
    for (const PendingAction& p : r.pending)
      next.push_back({{"type", p.type}, {"label", p.label_zh}, {"who", p.who_zh}, {"step", enum_id(p.step)}});
    row["next"] = std::move(next);
    list.push_back(std::move(row));
  }
  nlohmann::json due = nlohmann::json::array();
  for (std::size_t i = 0; i < board_.due().size() && i < kMax; ++i) due.push_back(obligation_to_json(board_.due()[i]));
  nlohmann::json chart = nlohmann::json::array();
  for (const MonthBucket& b : board_.chart())
    chart.push_back({{"year", b.year}, {"month", b.month}, {"surveillance", b.surveillance},
                     {"recertification", b.recertification}, {"expiry", b.expiry}});
  nlohmann::json open = nullptr;
  if (const CaseRecord* c = workspace_.find(model_.open_case)) {
    nlohmann::json steps = nlohmann::json::array();
    for (const TimelineItem& t : timeline(c->state))
      steps.push_back({{"step", enum_id(t.step)}, {"done", t.done}, {"current", t.current}, {"note", t.note}});
    open = {{"id", c->id}, {"step", enum_id(current_step(c->state))}, {"timeline", steps},
            {"case", case_to_json(c->state)["case"]}, {"openAction", ui_.open_action}};
    // Issue 15: the open action's form as it stands (e.g. the supplement request prefilled from the review).
    if (auto f = ui_.case_forms.find(c->id + "/" + ui_.open_action); f != ui_.case_forms.end()) open["openForm"] = f->second;
  }
  return {{"total", rows.size()}, {"visible", order.size()}, {"rows", list}, {"due", due},
          {"pending", workspace_.pending_count()},
          {"dueTotal", board_.due().size()}, {"chart", chart}, {"open", open}};
}

}  // namespace certdesk::ui
