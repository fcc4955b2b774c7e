// The applicant's draft (issue 5): edits by field path, refusals that change nothing, the
// review list that leads to each field, autosave round trip, file names; the store migration
// from layout 1 (fixture) and the body's import of a package into a case.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "domain/calendar.hpp"
#include "tests/domain/package_fixture.hpp"
#include "ui/cases/cases.hpp"
#include "tests/ui/memory_store.hpp"
#include "ui/shell/commands.hpp"
#include "ui/shell/store.hpp"

using namespace certdesk;
using namespace certdesk::ui;

namespace {

const Date kToday{2026, 3, 2};

ApplicantModel complete_model(const Catalogue& c) {
  ApplicantModel m;
  m.package_id = "5f0c6a4e-2b1d-4c8e-9a7f-3e2d1c0b9a88";
  m.draft = pkgtest::complete_sample(c).draft;
  return m;
}

}  // namespace

TEST_CASE("draft edits go to the field their path names; bad values are refused and change nothing") {
  const Catalogue c = pkgtest::example_catalogue();
  ApplicantModel m;
  REQUIRE(apply_draft(m, SetDraftField{"application.organisation.name", "福州网安科技有限公司"}).ok());
  CHECK(m.draft.organisation.name == "福州网安科技有限公司");
  REQUIRE(apply_draft(m, SetDraftField{"application.organisation.credit_code", "91350100m000100y43"}).ok());
  CHECK(m.draft.organisation.credit_code == "91350100M000100Y43");
  REQUIRE(apply_draft(m, SetDraftField{"eligibility.penalty_in_last_year", "no"}).ok());
  CHECK(m.draft.eligibility.penalty_in_last_year == false);
  REQUIRE(apply_draft(m, SetDraftField{"eligibility.penalty_in_last_year", ""}).ok());
  CHECK_FALSE(m.draft.eligibility.penalty_in_last_year.has_value());

  const ApplicantModel before = m;
  auto date = apply_draft(m, SetDraftField{"application.founded_on", "2019-02-30"});
  REQUIRE_FALSE(date.ok());
  CHECK(date.error().field == "application.founded_on");
  CHECK(date.error().message_zh.find("日期") != std::string::npos);
  CHECK_FALSE(apply_draft(m, SetDraftField{"application.headcount_in_scope", "8a"}).ok());
  CHECK_FALSE(apply_draft(m, SetDraftField{"application.organisation.contacts[0].phone", "1"}).ok());  // no such row
  CHECK_FALSE(apply_draft(m, SetDraftField{"application.org_chart", "att-9"}).ok());                 // no such file
  CHECK_FALSE(apply_draft(m, SetDraftField{"application.organisation.nickname", "x"}).ok());
  CHECK_FALSE(apply_draft(m, SetDraftField{"eligibility.legal_entity", "maybe"}).ok());
  CHECK_FALSE(apply_draft(m, SetDraftField{"management_self_assessment.MR-01.claim", "perfect"}).ok());
  CHECK_FALSE(apply_draft(m, SetDraftField{"application.organisation.business_scope", std::string(70000, 'x')}).ok());
  CHECK(m.draft == before.draft);

  REQUIRE(apply_draft(m, AddDraftRow{"contacts"}).ok());
  REQUIRE(apply_draft(m, SetDraftField{"application.organisation.contacts[0].phone", "0591-87654321"}).ok());
  CHECK(m.draft.organisation.contacts.at(0).phone == "0591-87654321");
  REQUIRE(apply_draft(m, AddDraftRow{"licences"}).ok());
  REQUIRE(apply_draft(m, SetDraftField{"application.licences[0].valid_until", "2028-12-31"}).ok());
  CHECK(m.draft.licences.at(0).valid_until == Date{2028, 12, 31});
  REQUIRE(apply_draft(m, RemoveDraftRow{"contacts", 0}).ok());
  CHECK(m.draft.organisation.contacts.empty());
  CHECK_FALSE(apply_draft(m, RemoveDraftRow{"contacts", 0}).ok());

  REQUIRE(apply_draft(m, SetScopeLevel{"RA", "三级"}, c).ok());
  REQUIRE(apply_draft(m, SetScopeLevel{"SI", "二级"}, c).ok());
  CHECK(m.draft.scope == std::vector<ScopeItem>{{"SI", "二级"}, {"RA", "三级"}});  // catalogue order
  CHECK_FALSE(apply_draft(m, SetScopeLevel{"TR", "一级"}, c).ok());  // TR is offered at 三级 only
  CHECK_FALSE(apply_draft(m, SetScopeLevel{"XX", "一级"}, c).ok());
  REQUIRE(apply_draft(m, SetScopeLevel{"RA", ""}, c).ok());
  CHECK(m.draft.scope == std::vector<ScopeItem>{{"SI", "二级"}});
}

TEST_CASE("attachments: limits before adding, and removing one clears every reference to it") {
  ApplicantModel m;
  package::Limits limits;
  limits.max_attachment_bytes = 100;
  limits.max_total_attachment_bytes = 150;
  const auto meta = [](std::string id, std::uint64_t size) {
    return package::AttachmentMeta{std::move(id), "文件.pdf", "application/pdf", size, std::string(64, 'a')};
  };
  REQUIRE(apply_draft(m, AddAttachment{meta("att-1", 100)}, limits).ok());
  auto big = apply_draft(m, AddAttachment{meta("att-2", 101)}, limits);
  REQUIRE_FALSE(big.ok());
  CHECK(big.error().message_zh.find("超过单个附件上限") != std::string::npos);
  auto total = apply_draft(m, AddAttachment{meta("att-2", 60)}, limits);
  REQUIRE_FALSE(total.ok());
  CHECK(total.error().message_zh.find("合计超过") != std::string::npos);
  REQUIRE(apply_draft(m, AddAttachment{meta("att-2", 50)}, limits).ok());
  CHECK(next_attachment_id(m.draft) == "att-3");
  REQUIRE(apply_draft(m, SetDraftField{"application.org_chart", "att-2"}).ok());
  REQUIRE(apply_draft(m, LinkEvidence{"management", "MR-01", "att-2", true}).ok());
  REQUIRE(apply_draft(m, RemoveAttachment{"att-2"}).ok());
  CHECK(m.draft.org_chart.empty());
  CHECK(m.draft.management_self_assessment.at(0).evidence.empty());
  CHECK_FALSE(apply_draft(m, LinkEvidence{"management", "MR-01", "att-2", true}).ok());
}

TEST_CASE("issue 15: removing an attachment says what goes with it, and undoing it restores exactly that") {
  const Catalogue c = pkgtest::example_catalogue();
  ApplicantModel m = complete_model(c);
  const package::AttachmentMeta extra{"att-9", "管理手册.pdf", "application/pdf", 42, std::string(64, 'b')};
  REQUIRE(apply_draft(m, AddAttachment{extra}, {}).ok());
  // Cited by three requirements (first in one list that already cites another file), and named as the licence.
  auto& mgmt = m.draft.management_self_assessment;
  REQUIRE(mgmt.size() >= 2);
  REQUIRE_FALSE(mgmt[0].evidence.empty());
  mgmt[0].evidence.insert(mgmt[0].evidence.begin(), "att-9");
  mgmt[1].evidence.push_back("att-9");
  REQUIRE(apply_draft(m, LinkEvidence{"capability", m.draft.capability_self_assessment.at(0).requirement_id, "att-9", true}).ok());
  REQUIRE(apply_draft(m, SetDraftField{"application.business_licence", "att-9"}).ok());
  // Move it to the middle of the list, so its place matters.
  std::rotate(m.draft.attachments.begin(), m.draft.attachments.end() - 1, m.draft.attachments.end());
  const package::ApplicationDraft before = m.draft;

  auto removal = attachment_removal(m.draft, "att-9");
  REQUIRE(removal.has_value());
  CHECK(removal->index == 0);
  CHECK(removal->links.size() == 3);
  CHECK(removal->business_licence);
  CHECK_FALSE(removal->org_chart);
  const std::string text = removal_message_zh(*removal);
  CHECK(text.find("“管理手册.pdf”") != std::string::npos);
  CHECK(text.find("同时移除 3 项要求的证据链接") != std::string::npos);
  CHECK(text.find("营业执照") != std::string::npos);
  CHECK_FALSE(attachment_removal(m.draft, "att-404").has_value());

  REQUIRE(apply_draft(m, RemoveAttachment{"att-9"}).ok());
  CHECK(m.draft != before);
  // Through the hook's JSON, as the shell's 撤销 would issue it.
  auto parsed = command_from_json(restore_attachment_json(*removal));
  REQUIRE(parsed.ok());
  REQUIRE(std::holds_alternative<RestoreAttachment>(parsed.value()));
  CHECK(std::get<RestoreAttachment>(parsed.value()).removal == *removal);
  REQUIRE(apply_draft(m, std::get<RestoreAttachment>(parsed.value()), {}).ok());
  CHECK(m.draft == before);  // the file at its place, named again, every link at its place
  // Twice is refused and changes nothing.
  CHECK_FALSE(apply_draft(m, RestoreAttachment{*removal}, {}).ok());
  CHECK(m.draft == before);
  // A bad hook command names its field.
  nlohmann::json bad = restore_attachment_json(*removal);
  bad["attachment"]["sha256"] = "xyz";
  auto refused = command_from_json(bad);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().field == "attachment.sha256");
}

TEST_CASE("issue 15: a removed row comes back at its index") {
  const Catalogue c = pkgtest::example_catalogue();
  ApplicantModel m = complete_model(c);
  REQUIRE(apply_draft(m, AddDraftRow{"licences"}).ok());
  REQUIRE(apply_draft(m, SetDraftField{"application.licences[0].name", "等级保护测评机构推荐证书"}).ok());
  REQUIRE(apply_draft(m, SetDraftField{"application.licences[0].valid_until", "2027-06-30"}).ok());
  REQUIRE(apply_draft(m, AddDraftRow{"contacts"}).ok());
  REQUIRE(apply_draft(m, SetDraftField{"application.organisation.contacts[1].name", "黄丽"}).ok());
  const package::ApplicationDraft before = m.draft;
  for (const char* list : {"contacts", "licences"}) {
    CAPTURE(list);
    const nlohmann::json row = draft_row(m.draft, list, 0);
    REQUIRE(row.is_object());
    REQUIRE(apply_draft(m, RemoveDraftRow{list, 0}).ok());
    CHECK(row_removal_message_zh(list, 0, row).find("已删除") == 0);
    auto parsed = command_from_json({{"type", "RestoreDraftRow"}, {"list", list}, {"index", 0}, {"row", row}});
    REQUIRE(parsed.ok());
    REQUIRE(apply_draft(m, std::get<RestoreDraftRow>(parsed.value())).ok());
    CHECK(m.draft == before);
  }
  CHECK(row_removal_message_zh("contacts", 1, draft_row(m.draft, "contacts", 1)) == "已删除联系人 2（黄丽）。");
  CHECK(draft_row(m.draft, "sites", 99).is_null());
  CHECK_FALSE(apply_draft(m, RestoreDraftRow{"sites", 99, {{"name", "x"}}}).ok());
  CHECK_FALSE(apply_draft(m, RestoreDraftRow{"licences", 0, {{"valid_until", "2027-13-01"}}}).ok());
  CHECK(m.draft == before);
}

TEST_CASE("review lists every open item with the page and edit path that fix it") {
  const Catalogue c = pkgtest::example_catalogue();
  ApplicantModel m = complete_model(c);
  CHECK(review(m, c, kToday).empty());

  // A phone in the wrong format, an unanswered claim and a missing description.
  m.draft.organisation.contacts[0].phone = "123";
  const std::string req = m.draft.capability_self_assessment.at(0).requirement_id;
  m.draft.capability_self_assessment.at(0).claim = package::Claim::unanswered;
  m.draft.capability_self_assessment.at(0).description.clear();
  const auto items = review(m, c, kToday);
  REQUIRE(items.size() == 3);
  CHECK(items[0].page == ApplyPage::Organisation);
  CHECK(items[0].field == "application.organisation.contacts[0].phone");
  CHECK(items[0].message.find("电话号码格式不正确") != std::string::npos);
  CHECK(items[1].page == ApplyPage::Capability);
  CHECK(items[1].field == "capability_self_assessment." + req + ".claim");
  CHECK(items[2].field == "capability_self_assessment." + req + ".description");
  CHECK(problem_for(items, "application.organisation.contacts[0].phone") == items[0].message);
  CHECK(field_label_zh(items[0].field) == "联系人 1 · 电话");

  // Answers to requirements outside the scope stay in the draft but not in the package.
  ApplicantModel wide = complete_model(c);
  REQUIRE(apply_draft(wide, SetScopeLevel{"RA", "三级"}, c).ok());
  CHECK_FALSE(review(wide, c, kToday).empty());  // RA's own requirements are unanswered
  REQUIRE(apply_draft(wide, SetScopeLevel{"RA", ""}, c).ok());
  CHECK(review(wide, c, kToday).empty());
}

TEST_CASE("a penalty within the year is explained with R12") {
  const Catalogue c = pkgtest::example_catalogue();
  ApplicantModel m = complete_model(c);
  REQUIRE(apply_draft(m, SetDraftField{"application.last_administrative_penalty", "2025-09-01"}).ok());
  const auto items = review(m, c, kToday);
  REQUIRE(items.size() == 1);
  CHECK(items[0].page == ApplyPage::Eligibility);
  // Issue 15: the rule id is kept apart for the tooltip, the sentence is the user's.
  CHECK(items[0].rule == "R12");
  CHECK(items[0].message.find("R12") == std::string::npos);
  CHECK_FALSE(items[0].message.empty());
}

TEST_CASE("the autosave file round-trips the whole application; damage is reported by path") {
  const Catalogue c = pkgtest::example_catalogue();
  ApplicantModel m = complete_model(c);
  m.page = ApplyPage::Attachments;
  m.last_export = "x.json（2026-03-02T10:00）";
  auto back = applicant_from_json(nlohmann::json::parse(applicant_to_json(m).dump()));
  REQUIRE(back.ok());
  CHECK(back.value().draft == m.draft);
  CHECK(back.value().package_id == m.package_id);
  CHECK(back.value().page == ApplyPage::Attachments);
  CHECK(back.value().last_export == m.last_export);

  nlohmann::json bad = applicant_to_json(m);
  bad["content"]["application"]["headcount_in_scope"] = "many";
  auto r = applicant_from_json(bad);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().field == "content.application.headcount_in_scope");
}

TEST_CASE("package file names carry the organisation, the kind and the date, and are safe") {
  ApplicantModel m;
  m.draft.organisation.name = "福州网安/科技:有限公司";
  CHECK(package_file_name(m, package::Kind::final, kToday) == "福州网安_科技_有限公司-申请-2026-03-02.json");
  CHECK(package_file_name(m, package::Kind::draft, kToday) == "福州网安_科技_有限公司-申请草稿-2026-03-02.json");
  m.draft.organisation.name = "";
  CHECK(package_file_name(m, package::Kind::final, kToday) == "未命名组织-申请-2026-03-02.json");
  CHECK(size_text_zh(120) == "120 字节");
  CHECK(size_text_zh(3 * 1024) == "3.0 KB");
  CHECK(size_text_zh(20u << 20) == "20.0 MB");
}

TEST_CASE("a layout-1 store (fixture) migrates to layout 2 and keeps the profile") {
  MemoryStore s;
  const std::filesystem::path dir = std::filesystem::path(CERTDESK_SOURCE_DIR) / "tests/ui/fixtures/store-v1";
  for (const char* name : {"meta.json", "profile.json"}) {
    std::ifstream in(dir / name);
    REQUIRE(in.good());
    std::stringstream buf;
    buf << in.rdbuf();
    s.files[name] = buf.str();
  }
  AppModel m;
  REQUIRE(load_store(s.io(), m).ok());
  CHECK(m.profile.name == "李四");
  CHECK(m.profile.roles == std::vector<std::string>{"team_leader", "auditor"});
  CHECK(m.profile.note == "外出审核中");
  CHECK(m.mode == Mode::Body);  // version-1 profiles were the body's staff
  CHECK(m.view == View::Cases);
  CHECK(nlohmann::json::parse(s.files[kStoreMetaFile])["format_version"] == 2);
  CHECK(nlohmann::json::parse(s.files[kProfileFile])["mode"] == "body");

  // Loading the migrated store again changes nothing.
  const auto files = s.files;
  AppModel again;
  REQUIRE(load_store(s.io(), again).ok());
  CHECK(s.files == files);
  CHECK(again.profile.name == "李四");
  CHECK(again.mode == Mode::Body);
}

TEST_CASE("the applicant's draft is stored and loaded with layout 2") {
  const Catalogue c = pkgtest::example_catalogue();
  MemoryStore s;
  AppModel m;
  REQUIRE(load_store(s.io(), m).ok());
  REQUIRE(apply_command(m, SetMode{Mode::Applicant}).ok());
  m.applicant = complete_model(c);
  s.files[kProfileFile] = file_content(kProfileFile, m);
  s.files[kApplicantFile] = file_content(kApplicantFile, m);
  AppModel loaded;
  REQUIRE(load_store(s.io(), loaded).ok());
  CHECK(loaded.mode == Mode::Applicant);
  CHECK(loaded.applicant.draft == m.applicant.draft);

  s.files[kApplicantFile] = "{\"package_id\": 5}";
  AppModel damaged;
  auto r = load_store(s.io(), damaged);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().field.rfind(kApplicantFile, 0) == 0);
  CHECK(damaged.applicant.draft.organisation.name.empty());  // nothing half-loaded
}

TEST_CASE("the body imports a package into a new case, once; the case survives a reload") {
  const Catalogue c = pkgtest::example_catalogue();
  auto sample = pkgtest::complete_sample(c);
  auto text = package::export_package(pkgtest::header(), sample.draft, sample.data, c, pkgtest::kFake);
  REQUIRE(text.ok());
  auto imported = package::import_package(text.value(), {c}, pkgtest::kFake);
  REQUIRE(imported.ok());
  const WorkCalendar calendar;
  Profile staff{"周敏", {"marketing"}, ""};
  Context ctx{actor_from_profile(staff), kToday, &calendar, CaseRules{}, &c};
  MemoryStore s;
  Workspace w;
  REQUIRE(w.load(s.io()).ok());

  Context auditor = ctx;
  auditor.actor = actor_from_profile(Profile{"王五", {"auditor"}, ""});
  auto refused = w.import_application(imported.value(), auditor, s.io());
  REQUIRE_FALSE(refused.ok());
  CHECK(s.files.empty());  // nothing written

  auto id = w.import_application(imported.value(), ctx, s.io());
  REQUIRE(id.ok());
  CHECK(id.value() == "C2026-001");
  REQUIRE(w.cases().size() == 1);
  CHECK(w.cases()[0].state.cycles.at(0).phase == CyclePhase::Applied);
  CHECK(s.files.at(case_attachment_file("C2026-001", "att-2")) == sample.data[1]);

  auto again = w.import_application(imported.value(), ctx, s.io());
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().rule == "DUPLICATE");
  CHECK(again.error().message_zh.find("C2026-001") != std::string::npos);

  Workspace reloaded;
  REQUIRE(reloaded.load(s.io()).ok());
  REQUIRE(reloaded.cases().size() == 1);
  CHECK(reloaded.cases()[0].history == w.cases()[0].history);
  CHECK(reloaded.cases()[0].organisation == sample.draft.organisation.name);

  // A damaged case file no longer stops the load (issue 17): the case is listed with its problem.
  s.files[case_file("C2026-001")] = "{";
  Workspace broken;
  REQUIRE(broken.load(s.io()).ok());
  REQUIRE(broken.problems().size() == 1);
  CHECK(broken.problems()[0].first == "C2026-001");
  CHECK(broken.problems()[0].second.find(case_file("C2026-001")) == 0);
  auto r = broken.get("C2026-001");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().field == case_file("C2026-001"));
}
