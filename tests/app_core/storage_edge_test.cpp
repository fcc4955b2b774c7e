// The storage edge in the core (issue 17 item 5): a store the browser could not read
// (ShellInfo::load_error) is never written — every change and every browser action is refused
// with a Chinese reason, and the state says read-only; a failed file is named in the user's words.
// The browser's side (IndexedDB failing) is tested end to end: tests/e2e/storage_edge.test.mjs.
#include "tests/app_core/fake_edge.hpp"

using namespace coretest;

TEST_CASE("storage edge: a store that could not be read takes no change and writes nothing") {
  FakeEdge app;
  app.ok({{"type", "SetMode"}, {"mode", "applicant"}});
  app.ok({{"type", "SetProfileName"}, {"name", "林晓"}});
  const auto before = app.store.files;
  app.core.shell().load_error = "浏览器中保存的数据无法读取（UnknownError）。为免覆盖这些数据，本页不会保存任何修改。";

  const json name = app.dispatch({{"type", "SetProfileName"}, {"name", "王五"}});
  CHECK_FALSE(name["ok"].get<bool>());
  CHECK(name["rule"] == "STORE-ERROR");
  CHECK(name["message"].get<std::string>().find("无法读取") != std::string::npos);
  const json attach = app.dispatch({{"type", "Attach"}});
  CHECK_FALSE(attach["ok"].get<bool>());
  CHECK(app.picks.empty());
  app.frame();
  CHECK(app.store.files == before);
  const json s = app.state();
  CHECK(s["shell"]["readOnly"] == true);
  CHECK(s["shell"]["loadError"].get<std::string>().find("无法读取") != std::string::npos);
  CHECK(s["model"]["profile"]["name"] == "林晓");
}

TEST_CASE("storage edge: a file whose save failed is named in the user's words") {
  FakeEdge app;
  app.ok({{"type", "SetMode"}, {"mode", "applicant"}});
  app.ok({{"type", "Attach"}});
  app.pick(app.picks.back().purpose, "营业执照.pdf", "application/pdf", "%PDF-1.4 营业执照");
  app.settle();
  const std::string id = app.state()["model"]["applicant"]["attachments"][0]["id"];
  CHECK(app.core.store_file_label("applicant/att/" + id) == "附件“营业执照.pdf”（applicant/att/" + id + "）");
  CHECK(app.core.store_file_label("profile.json") == "我的资料（profile.json）");
  CHECK(app.core.store_file_label("applicant/draft.json") == "申请填写内容（applicant/draft.json）");
  CHECK(app.core.store_file_label("cases/C2026-001.json") == "案件 C2026-001 的记录（cases/C2026-001.json）");
  CHECK(app.core.store_file_label("records/removals.json") == "案件删除记录（records/removals.json）");  // the store's kinds (store_files.hpp)
  // Just removed (its 撤销 still offered): still named.
  app.ok({{"type", "RemoveAttachment"}, {"id", id}});
  CHECK(app.core.store_file_label("applicant/att/" + id) == "附件“营业执照.pdf”（applicant/att/" + id + "）");
}
