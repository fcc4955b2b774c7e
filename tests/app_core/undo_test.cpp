// The applicant's removals and their 撤销 (issue 15, ui/applicant/app_undo.cpp), natively through
// the fake edge: an attachment that is evidence for requirements goes with its bytes and says what
// goes with it; Undo writes the same bytes back and restores the attachment with every link; a
// draft row (contact, site) comes back at its place; another application drops the offer.
#include "tests/app_core/fake_edge.hpp"

using namespace coretest;

namespace {

// An applicant who re-opened the complete package (att-1 组织机构图, att-2 营业执照 cited by
// every requirement of both self-assessments), as in packages_test.cpp.
void reopened_applicant(FakeEdge& applicant) {
  applicant.ok({{"type", "SetMode"}, {"mode", "applicant"}});
  applicant.ok({{"type", "Reopen"}});
  applicant.pick("reopen", "申请包.json", "application/json", package_text());
  INFO(applicant.error());
  REQUIRE(applicant.info().find("已打开申请包") != std::string::npos);
}

json draft(const FakeEdge& e) { return e.state()["model"]["applicant"]; }

// The requirements whose evidence cites `id`, counted in the draft as the state shows it.
std::size_t citing(const json& applicant, const std::string& id) {
  std::size_t n = 0;
  for (const char* list : {"management_self_assessment", "capability_self_assessment"})
    for (const json& e : applicant["content"][list])
      for (const json& ev : e["evidence"])
        if (ev == id) ++n;
  return n;
}

}  // namespace

TEST_CASE("undo: an attachment cited as evidence is removed with its bytes and put back exactly") {
  FakeEdge applicant;
  reopened_applicant(applicant);
  const json before = draft(applicant);
  const std::size_t links = citing(before, "att-2");
  REQUIRE(links >= 2);  // both self-assessments cite it
  REQUIRE(before["content"]["application"]["business_licence"] == "att-2");
  const std::string bytes = applicant.store.files.at("applicant/att/att-2");
  const std::string draft_file = applicant.store.files.at(kApplicantFile);
  CHECK(applicant.state()["undo"] == "");

  applicant.ok({{"type", "RemoveAttachment"}, {"id", "att-2"}});
  // The message says what went with it: how many requirements lost their evidence, and the role.
  const std::string said = "已删除附件“营业执照.pdf”，同时移除 " + std::to_string(links) +
                           " 项要求的证据链接；它是申请中指定的“营业执照”，现已空缺。";
  CHECK(applicant.state()["undo"] == said);
  CHECK(applicant.core.ui().undo_text == said);
  // Gone from the draft, from every requirement, and its bytes from the store (the saved draft too).
  const json removed = draft(applicant);
  CHECK(removed["attachments"].size() == 1);
  CHECK(citing(removed, "att-2") == 0);
  CHECK(removed["content"]["application"]["business_licence"] == "");
  CHECK(applicant.store.files.count("applicant/att/att-2") == 0);
  CHECK(applicant.store.files.count("applicant/att/att-1") == 1);
  CHECK(applicant.store.files.at(kApplicantFile).find("att-2") == std::string::npos);

  applicant.ok({{"type", "Undo"}});
  CHECK(applicant.info() == "已恢复附件“营业执照.pdf”及其 " + std::to_string(links) + " 项要求的证据链接。");
  CHECK(applicant.error().empty());
  CHECK(applicant.state()["undo"] == "");
  // The same bytes, the attachment at its place, named 营业执照 again, every link at its place:
  // the draft as it was, and the saved file byte for byte.
  REQUIRE(applicant.store.files.count("applicant/att/att-2") == 1);
  CHECK(applicant.store.files.at("applicant/att/att-2") == bytes);
  CHECK(draft(applicant)["content"] == before["content"]);
  CHECK(draft(applicant)["attachments"] == before["attachments"]);
  CHECK(applicant.store.files.at(kApplicantFile) == draft_file);

  // A second Undo: refused with its reason, nothing changes.
  const auto files = applicant.store.files;
  const json r = applicant.dispatch({{"type", "Undo"}});
  CHECK_FALSE(r.value("ok", true));
  CHECK(applicant.error() == "没有可以撤销的删除");
  CHECK(applicant.store.files == files);
  CHECK(draft(applicant)["content"] == before["content"]);
  CHECK(!applicant.core.busy());

  // The restored application still exports as a final package whose attachments verify.
  applicant.ok({{"type", "Export"}, {"kind", "final"}});
  CHECK(package_verifies(applicant.last_download().bytes));
}

TEST_CASE("undo: a file added meanwhile keeps its id and bytes; the removed one comes back under a new id") {
  FakeEdge applicant;
  reopened_applicant(applicant);
  const std::size_t links = citing(draft(applicant), "att-2");
  const std::string bytes = applicant.store.files.at("applicant/att/att-2");
  applicant.ok({{"type", "RemoveAttachment"}, {"id", "att-2"}});

  // The next file takes the free id att-2.
  applicant.ok({{"type", "Attach"}});
  applicant.pick("attach", "质量手册.pdf", "application/pdf", "%PDF-1.4 质量手册");
  REQUIRE(applicant.store.files.count("applicant/att/att-2") == 1);
  CHECK(applicant.store.files.at("applicant/att/att-2") == "%PDF-1.4 质量手册");
  CHECK(applicant.state()["undo"] != "");  // adding a file does not take the offer away

  applicant.ok({{"type", "Undo"}});
  const json d = draft(applicant);
  REQUIRE(d["attachments"].size() == 3);
  CHECK(d["attachments"][1]["id"] == "att-3");  // back at its place, under the next free id
  CHECK(d["attachments"][1]["name"] == "营业执照.pdf");
  CHECK(d["attachments"][2]["id"] == "att-2");
  CHECK(d["attachments"][2]["name"] == "质量手册.pdf");
  CHECK(citing(d, "att-3") == links);
  CHECK(citing(d, "att-2") == 0);
  CHECK(d["content"]["application"]["business_licence"] == "att-3");
  CHECK(applicant.store.files.at("applicant/att/att-3") == bytes);
  CHECK(applicant.store.files.at("applicant/att/att-2") == "%PDF-1.4 质量手册");
}

TEST_CASE("undo: a removed contact or site comes back at its place") {
  FakeEdge applicant;
  reopened_applicant(applicant);
  // A second contact, so that the first one's place matters.
  applicant.ok({{"type", "AddDraftRow"}, {"list", "contacts"}});
  applicant.ok({{"type", "SetDraftField"}, {"field", "application.organisation.contacts[1].name"}, {"value", "吴静"}});
  applicant.ok({{"type", "SetDraftField"}, {"field", "application.organisation.contacts[1].phone"}, {"value", "13900001111"}});
  const json contacts = draft(applicant)["content"]["application"]["organisation"]["contacts"];
  REQUIRE(contacts.size() == 2);
  const json sites = draft(applicant)["content"]["application"]["sites"];
  REQUIRE(sites.size() == 1);
  const std::string draft_file = applicant.store.files.at(kApplicantFile);

  SUBCASE("a contact") {
    applicant.ok({{"type", "RemoveDraftRow"}, {"list", "contacts"}, {"index", 0}});
    CHECK(applicant.state()["undo"] == "已删除联系人 1（李娜）。");
    const json left = draft(applicant)["content"]["application"]["organisation"]["contacts"];
    REQUIRE(left.size() == 1);
    CHECK(left[0]["name"] == "吴静");
    CHECK(applicant.store.files.at(kApplicantFile).find("李娜") == std::string::npos);  // saved at once

    applicant.ok({{"type", "Undo"}});
    CHECK(applicant.info() == "已恢复联系人 1（李娜）。");
    CHECK(draft(applicant)["content"]["application"]["organisation"]["contacts"] == contacts);
    CHECK(applicant.store.files.at(kApplicantFile) == draft_file);
    CHECK(applicant.state()["undo"] == "");
  }
  SUBCASE("a site, after an attachment's removal: the offer is the last removal's") {
    applicant.ok({{"type", "RemoveAttachment"}, {"id", "att-1"}});
    applicant.ok({{"type", "RemoveDraftRow"}, {"list", "sites"}, {"index", 0}});
    CHECK(applicant.state()["undo"] == "已删除场所 1（总部）。");
    CHECK(draft(applicant)["content"]["application"]["sites"].empty());

    applicant.ok({{"type", "Undo"}});
    CHECK(applicant.info() == "已恢复场所 1（总部）。");
    CHECK(draft(applicant)["content"]["application"]["sites"] == sites);
    // The attachment's removal was replaced by the site's: it stays removed.
    CHECK(draft(applicant)["attachments"].size() == 1);
    CHECK(applicant.store.files.count("applicant/att/att-1") == 0);
    CHECK_FALSE(applicant.dispatch({{"type", "Undo"}}).value("ok", true));
    CHECK(applicant.error() == "没有可以撤销的删除");
    CHECK(draft(applicant)["content"]["application"]["sites"] == sites);
  }
}

TEST_CASE("undo: starting another application drops the pending undo") {
  FakeEdge applicant;
  reopened_applicant(applicant);
  applicant.ok({{"type", "RemoveAttachment"}, {"id", "att-2"}});
  REQUIRE(applicant.state()["undo"] != "");

  applicant.ok({{"type", "NewApplication"}});
  CHECK(applicant.info() == "已开始新的申请。");
  CHECK(applicant.state()["undo"] == "");
  const json fresh = draft(applicant);
  CHECK(fresh["attachments"].empty());
  CHECK(fresh["content"]["application"]["organisation"]["name"] == "");
  // The old application's files are gone with it.
  CHECK(applicant.store.files.count("applicant/att/att-1") == 0);
  CHECK(applicant.store.files.count("applicant/att/att-2") == 0);

  // Undo now puts nothing of the old application into the new one.
  const auto files = applicant.store.files;
  const json r = applicant.dispatch({{"type", "Undo"}});
  CHECK_FALSE(r.value("ok", true));
  CHECK(applicant.error() == "没有可以撤销的删除");
  CHECK(draft(applicant) == fresh);
  CHECK(applicant.store.files == files);
}
