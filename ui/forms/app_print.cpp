// ui/forms/app_print.cpp — printed forms and the public certificate register (issue 7 items 1 and 4):
// the domain renders the documents (domain/forms.hpp, domain/register.hpp); the browser edge
// opens a form in a print window and downloads the register's two files.
#include "domain/forms.hpp"
#include "domain/register.hpp"
#include "ui/shell/app_core.hpp"

namespace certdesk::ui {

void AppCore::print_form(const RequestPrintForm& r) {
  if (model_.mode != Mode::Body) return void(ui_.last_error = "只有认证机构可以打印案件表单");
  const CaseRecord* c = workspace_.find(r.case_id);
  if (!c) return void(ui_.last_error = "没有编号为“" + r.case_id + "”的案件");
  std::string code = r.code;
  nlohmann::json fields = r.fields;
  if (r.index >= 0) {  // a saved form: its own fields, or the case's data when the step's event is its content
    if (static_cast<std::size_t>(r.index) >= c->state.forms.size())
      return void(ui_.last_error = "index：案件 " + c->id + " 没有第 " + std::to_string(r.index + 1) + " 份表单");
    code = c->state.forms[r.index].code;
    fields = c->state.forms[r.index].fields;
  }
  const forms::FormSpec* spec = forms::find_form(code);
  if (!spec) return void(ui_.last_error = "code：未知的表单编号 " + code);
  const Date now = today();
  if (fields.is_null()) fields = forms::prefill(*spec, c->state, {&config_.catalogue, now});
  const std::string html = forms::render_html(*spec, fields, config_.settings.body, {c->id, now});
  const std::string title = forms::printed_code(*spec, config_.settings.body) + " " + spec->title_zh;
  nlohmann::json keys = nlohmann::json::array(), tables = nlohmann::json::array();
  for (const forms::FieldSpec& fs : spec->fields) (fs.kind == forms::FieldKind::Rows ? tables : keys).push_back(fs.key);
  for (const auto& t : tables) keys.push_back(t);
  last_print_ = {{"case", c->id}, {"code", code}, {"title", title}, {"bytes", html.size()}, {"fields", keys}, {"tables", tables}};
  const long op = ++next_op_;
  printing_[op] = PrintWaiting{title, c->id + "-" + code + ".html", html};
  effects_.push_back(OpenPrintWindow{op, title, html});
}

void AppCore::print_opened(long op, bool opened) {
  const auto it = printing_.find(op);
  if (it == printing_.end()) return;
  const PrintWaiting w = std::move(it->second);
  printing_.erase(it);
  if (opened) return void(ui_.info = "已在新窗口中打开“" + w.title + "”，可在那里打印或另存为 PDF。");
  // The browser blocked the window: the same document as a file.
  download(w.file, "text/html;charset=utf-8", w.html);
  ui_.info = "浏览器阻止了打印窗口，已改为下载“" + w.file + "”，用浏览器打开后即可打印。";
}

// §6.7.3: suspensions, cancellations and revocations are made public. Both files carry the
// same entries; the body publishes them on its own static host.
void AppCore::export_register() {
  if (model_.mode != Mode::Body) return void(ui_.last_error = "只有认证机构可以导出证书公示");
  const Date now = today();
  std::vector<const CaseState*> states;
  for (const CaseRecord& c : workspace_.cases()) states.push_back(&c.state);
  const auto entries = reg::build(states, &config_.catalogue, now);
  const std::string stem = reg::file_stem(now);
  download(stem + ".json", "application/json", reg::to_json(entries, config_.settings.body, now).dump(1));
  download(stem + ".html", "text/html;charset=utf-8", reg::to_html(entries, config_.settings.body, now));
  ui_.info = "已导出证书公示（" + std::to_string(entries.size()) + " 张证书）：“" + stem + ".json”和“" + stem +
             ".html”，可直接发布到机构的静态网站。";
}

nlohmann::json AppCore::print_json() const {
  nlohmann::json forms = nlohmann::json::array();
  if (const CaseRecord* c = workspace_.find(model_.open_case))
    for (const FormRecord& f : c->state.forms)
      forms.push_back({{"code", f.code}, {"date", f.date.iso()}, {"author", f.author}, {"filled", !f.fields.is_null()}, {"fields", f.fields}});
  const bool editing = ui_.form_key.rfind(model_.open_case + "|", 0) == 0;
  return {{"forms", forms}, {"last", last_print_}, {"editing", editing ? ui_.form_key : ""},
          {"pick", ui_.form_pick}};
}

}  // namespace certdesk::ui
