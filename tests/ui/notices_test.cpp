// Notices and answers as the app keeps them (issue 7): the applicant's inbox survives its file,
// attachments link and unlink, the actor and attachment ids of an imported response, and the
// workspace runs a response's commands all or nothing.
#include <doctest/doctest.h>

#include "tests/domain/package_fixture.hpp"
#include "tests/ui/memory_store.hpp"
#include "ui/cases/cases.hpp"
#include "ui/notices/notices.hpp"

using namespace certdesk;
using namespace certdesk::ui;

namespace {

ReceivedNotice received() {
  ReceivedNotice r;
  r.notice.notice_id = "n-1";
  r.notice.created_at = "2026-03-02T09:00:00+08:00";
  r.notice.kind = notice::NoticeKind::Nonconformity;
  r.notice.case_id = "C2026-001";
  r.notice.organisation = "厦门数安信息技术有限公司";
  r.notice.issued_on = Date{2026, 3, 2};
  r.notice.deadline = Date{2026, 9, 1};
  r.notice.items = {{"NC-1", "6.2", "应急预案未演练", "一般", Date{2026, 9, 1}}};
  r.answer = notice::answer_for(r.notice);
  r.attachments = {pkgtest::meta("att-1", "记录.pdf", "abc")};
  link_answer_attachment(r.answer, "att-1", "NC-1");
  r.received_at = "2026-03-03T10:00:00+08:00";
  return r;
}

}  // namespace

TEST_CASE("notices: the applicant's inbox survives its file") {
  NoticeInbox inbox;
  inbox.notices.push_back(received());
  inbox.notices[0].answer.corrective_actions[0].cause = "计划缺失";
  auto back = inbox_from_json(nlohmann::json::parse(inbox_to_json(inbox).dump()));
  REQUIRE(back.ok());
  REQUIRE(back.value().notices.size() == 1);
  const ReceivedNotice& r = back.value().notices[0];
  CHECK(r.notice == inbox.notices[0].notice);
  CHECK(r.answer == inbox.notices[0].answer);
  CHECK(r.attachments == inbox.notices[0].attachments);
  CHECK(r.answer.corrective_actions[0].evidence == std::vector<std::string>{"att-1"});

  auto bad = inbox_to_json(inbox);
  bad["notices"][0]["answer"]["score"] = "five";
  auto refused = inbox_from_json(bad);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().field == "notices[0].answer.score");
}

TEST_CASE("notices: attachments link to an NC or the documents, removal unlinks everywhere; overdue") {
  ReceivedNotice r = received();
  CHECK(next_answer_attachment_id(r) == "att-2");
  link_answer_attachment(r.answer, "att-2", "");
  link_answer_attachment(r.answer, "att-2", "NC-1");
  CHECK(r.answer.documents == std::vector<std::string>{"att-2"});
  CHECK(r.answer.corrective_actions[0].evidence == std::vector<std::string>{"att-1", "att-2"});
  unlink_answer_attachment(r.answer, "att-2");
  CHECK(r.answer.documents.empty());
  CHECK(r.answer.corrective_actions[0].evidence == std::vector<std::string>{"att-1"});
  CHECK_FALSE(overdue(r, Date{2026, 9, 1}));
  CHECK(overdue(r, Date{2026, 9, 2}));
  r.exported = "x.json";
  CHECK_FALSE(overdue(r, Date{2026, 9, 2}));
}

TEST_CASE("notices: an imported response acts as the organisation, named with its package and importer") {
  const Actor me{"周敏", "周敏", {Role::Marketing}};
  const Actor a = response_actor("厦门数安", "1a2b3c4d-5e6f", me);
  CHECK(a.user_id == "厦门数安（答复包 1a2b3c4d，周敏 导入）");
  CHECK(a.roles == std::vector<Role>{Role::Applicant});
  CHECK(case_attachment_id("1a2b3c4d-5e6f", "att-1", {"att-1"}) == "1a2b3c4d-att-1");
  CHECK(case_attachment_id("1a2b3c4d-5e6f", "att-1", {"1a2b3c4d-att-1"}) == "1a2b3c4d-att-1-2");
}

TEST_CASE("notices: the body's log of sent notices survives its file") {
  std::vector<notice::SentNotice> sent{{"n-1", "C2026-001", notice::NoticeKind::Nonconformity, "2026-03-02T09:00:00+08:00",
                                        "S2", {{"NC-1", "6.2", "x", "一般", Date{2026, 9, 1}}}, "r-1", "2026-03-09T09:00:00+08:00"}};
  auto back = sent_from_json(sent_to_json(sent));
  REQUIRE(back.ok());
  REQUIRE(back.value().size() == 1);
  CHECK(back.value()[0].items == sent[0].items);
  CHECK(back.value()[0].answered_by == "r-1");
  CHECK(back.value()[0].kind == notice::NoticeKind::Nonconformity);
}

TEST_CASE("notices: a response's commands run all or nothing") {
  Catalogue catalogue = pkgtest::example_catalogue();
  WorkCalendar calendar;
  MemoryStore store;
  Workspace w;
  const auto ctx = [&](Actor a) { return Context{std::move(a), Date{2026, 3, 2}, &calendar, CaseRules{}, &catalogue}; };
  auto sample = pkgtest::complete_sample(catalogue);
  auto text = package::export_package(pkgtest::header(), sample.draft, sample.data, catalogue, pkgtest::kFake);
  auto imported = package::import_package(text.value(), {catalogue}, pkgtest::kFake);
  REQUIRE(imported.ok());
  auto id = w.import_application(imported.value(), ctx({"周敏", "周敏", {Role::Marketing}}), store.io());
  REQUIRE(id.ok());
  const std::size_t events = w.find(id.value())->history.size();
  const std::size_t files = store.files.size();
  const package::AttachmentMeta att = pkgtest::meta("r1-att-1", "补充.pdf", "pdf");

  // The second command is refused (no supplement was requested): nothing is written.
  std::vector<std::pair<certdesk::Command, Context>> bad{
      {AnswerSupplement{{"r1-att-1"}}, ctx(response_actor("组织", "r1", {"周敏", "周敏", {}}))}};
  bad.insert(bad.begin(), {RequestSupplement{{"营业执照副本"}}, ctx({"周敏", "周敏", {Role::Marketing}})});
  bad.push_back({AnswerSupplement{{"again"}}, ctx(response_actor("组织", "r1", {"周敏", "周敏", {}}))});
  auto refused = w.execute_all(id.value(), bad, {att}, {"pdf"}, store.io());
  REQUIRE_FALSE(refused.ok());
  CHECK(w.find(id.value())->history.size() == events);
  CHECK(store.files.size() == files);
  CHECK_FALSE(store.files.count(case_attachment_file(id.value(), "r1-att-1")));

  bad.pop_back();
  auto done = w.execute_all(id.value(), bad, {att}, {"pdf"}, store.io());
  REQUIRE(done.ok());
  const CaseRecord* c = w.find(id.value());
  CHECK(c->history.size() == events + 2);
  CHECK(c->attachment("r1-att-1") != nullptr);
  CHECK(store.files.at(case_attachment_file(id.value(), "r1-att-1")) == "pdf");
  CHECK(c->history.back().meta.actor == "组织（答复包 r1，周敏 导入）");
}
