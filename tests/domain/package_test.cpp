// Application package v1: export → import round trip, the canonical text, two phases, every
// completeness rule, integrity (digest, attachment hashes), limits, duplicates, all-or-nothing.
#include <doctest/doctest.h>

#include "tests/domain/package_fixture.hpp"

using namespace pkgtest;
using nlohmann::json;

namespace {

std::string exported(const Sample& s, Kind kind = Kind::final) {
  auto text = export_package(header(kind), s.draft, s.data, example_catalogue(), kFake);
  INFO(report(text));
  REQUIRE(text.ok());
  return text.value();
}

Problems import_problems(std::string_view text, const Limits& limits = {}) {
  auto r = import_package(text, {example_catalogue()}, kFake, limits);
  REQUIRE_FALSE(r.ok());
  return r.error();
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a complete final package round-trips: header, draft, attachments, digest") {
  const Catalogue c = example_catalogue();
  const Sample s = complete_sample(c);
  CHECK(completeness(s.draft, c, Date{2026, 3, 2}).empty());
  const std::string text = exported(s);
  auto r = import_package(text, {c}, kFake);
  INFO(report(r));
  REQUIRE(r.ok());
  CHECK(r.value().header == header());
  CHECK(r.value().draft == s.draft);
  CHECK(r.value().data == s.data);
  CHECK(r.value().warnings.empty());
  CHECK(r.value().digest.size() == 64);
  const json doc = json::parse(text);
  CHECK(doc["format"] == "certdesk.application-package");
  CHECK(doc["format_version"] == 1);
  CHECK(doc["attachments"][1]["data_base64"] == "JVBERi0xLjQg6JCl5Lia5omn54WnAAEC/w==");
  CHECK(doc["content"]["application"]["organisation"]["credit_code"] == "91350100M000100Y43");
}

TEST_CASE("canonical text: the package without digest and data_base64, keys sorted, compact") {
  const Catalogue c = example_catalogue();
  const Sample s = complete_sample(c);
  auto pending = prepare_export(header(), s.draft, s.data, c);
  REQUIRE(pending.ok());
  const std::string canonical = pending.value().canonical;
  CHECK(canonical.find("data_base64") == std::string::npos);
  CHECK(canonical.find("\"digest\"") == std::string::npos);
  CHECK(canonical.rfind("{\"attachments\":[{\"id\":\"att-1\",\"media_type\":\"application/pdf\",\"name\":", 0) == 0);
  CHECK(canonical.find("北京安信网络科技有限公司") != std::string::npos);  // UTF-8 as is, not \u escapes
  const auto blobs = pending.value().blobs();
  REQUIRE(blobs.size() == 3);
  CHECK(blobs[0] == canonical);
  CHECK(blobs[2] == s.data[1]);

  // Rebuilding it from the file by the documented rule gives the same text, and so does import.
  std::vector<std::string> hashes;
  for (auto b : blobs) hashes.push_back(fake_sha256(b));
  auto text = finish_export(std::move(pending.value()), hashes);
  REQUIRE(text.ok());
  json doc = json::parse(text.value());
  CHECK(doc["digest"]["value"] == fake_sha256(canonical));
  CHECK(doc["digest"]["algorithm"] == "SHA-256");
  doc.erase("digest");
  for (json& a : doc["attachments"]) a.erase("data_base64");
  CHECK(doc.dump() == canonical);
  auto in = prepare_import(text.value(), {c});
  REQUIRE(in.ok());
  CHECK(in.value().canonical == canonical);
  CHECK(in.value().blobs().size() == 3);
}

TEST_CASE("any change to content, header or an attachment is detected after hashing") {
  const Sample s = complete_sample(example_catalogue());
  const std::string text = exported(s);
  auto renamed = import_problems(replace(text, "北京安信网络科技有限公司", "北京安信网络科技股份公司"));
  CHECK(has(renamed, "INTEGRITY", "digest.value", "内容摘要不符"));
  CHECK(renamed.size() == 1);
  auto redated = import_problems(replace(text, "2026-03-02T09:30:00+08:00", "2026-03-01T09:30:00+08:00"));
  CHECK(has(redated, "INTEGRITY", "digest.value"));
  // "JVBERi0xLjQg6JCl5Lia5omn54WnAAEC/w==" is att-2: change one byte of it, same length.
  auto swapped = import_problems(replace(text, "AAEC/w==", "AAED/w=="));
  CHECK(has(swapped, "INTEGRITY", "attachments[1].sha256", "营业执照.pdf"));
  CHECK(swapped.size() == 1);
}

TEST_CASE("finish_import reports every mismatch and refuses a wrong number of hashes") {
  const Catalogue c = example_catalogue();
  auto p = prepare_import(exported(complete_sample(c)), {c});
  REQUIRE(p.ok());
  const std::string zero(64, '0');
  auto bad = finish_import(PendingImport(p.value()), {zero, zero, zero});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().size() == 3);
  CHECK(has(bad.error(), "INTEGRITY", "attachments[0].sha256"));
  auto short_list = finish_import(PendingImport(p.value()), {zero});
  REQUIRE_FALSE(short_list.ok());
  CHECK(short_list.error()[0].message_zh.find("应提供 3 个 SHA-256 值") != std::string::npos);
}

TEST_CASE("completeness lists every missing item of an empty draft with its field") {
  const Catalogue c = example_catalogue();
  const Problems list = completeness(ApplicationDraft{}, c, Date{2026, 3, 2});
  INFO(dump(list));
  CHECK(has(list, "INCOMPLETE", "content.eligibility.legal_entity", "请回答"));
  CHECK(has(list, "INCOMPLETE", "content.eligibility.licences_complete"));
  CHECK(has(list, "INCOMPLETE", "content.eligibility.penalty_in_last_year"));
  CHECK(has(list, "INCOMPLETE", "content.application.organisation.name", "请填写组织名称"));
  CHECK(has(list, "INCOMPLETE", "content.application.organisation.credit_code", "不能为空"));
  CHECK(has(list, "INCOMPLETE", "content.application.organisation.contacts", "至少应有一位联系人"));
  CHECK(has(list, "INCOMPLETE", "content.application.org_chart", "组织机构图"));
  CHECK(has(list, "INCOMPLETE", "content.application.business_licence"));
  CHECK(has(list, "INCOMPLETE", "content.application.headcount_in_scope"));
  CHECK(has(list, "INCOMPLETE", "content.application.sites"));
  CHECK(has(list, "INCOMPLETE", "content.application.scope"));
  CHECK(has(list, "INCOMPLETE", "content.application.founded_on"));
  CHECK(list.size() >= 15);
}

TEST_CASE("completeness: each domain rule with its path and Chinese text") {
  const Catalogue c = example_catalogue();
  const Date today{2026, 3, 2};
  Sample s = complete_sample(c);
  ApplicationDraft& d = s.draft;
  d.organisation.credit_code = "91350100M000100Y44";
  d.organisation.contacts.push_back(Contact{"王芳", "1381234567", "wang@@example"});
  d.eligibility.penalty_in_last_year = true;
  d.last_administrative_penalty = Date{2025, 9, 1};
  d.licences[0].valid_until = Date{2026, 1, 1};
  d.scope.push_back(ScopeItem{"XX", "一级"});
  d.scope.push_back(ScopeItem{"SO", "四级"});
  d.scope.push_back(ScopeItem{"SI", "一级"});
  d.management_self_assessment[0].claim = Claim::unanswered;
  d.management_self_assessment[1].description = "  ";
  d.management_self_assessment[2].evidence.clear();
  d.management_self_assessment.pop_back();
  d.capability_self_assessment.push_back(AssessmentEntry{"CR-RA-01", Claim::conforms, "x", {"att-9"}});
  d.founded_on = Date{2027, 1, 1};
  const Problems list = completeness(d, c, today);
  INFO(dump(list));
  CHECK(has(list, "INCOMPLETE", "content.application.organisation.credit_code",
            "content.application.organisation.credit_code: 校验位错误，应为 3"));
  CHECK(has(list, "INCOMPLETE", "content.application.organisation.contacts[1].phone", "电话号码格式不正确"));
  CHECK(has(list, "INCOMPLETE", "content.application.organisation.contacts[1].email", "电子邮箱格式不正确"));
  CHECK(has(list, "R12", "content.eligibility.penalty_in_last_year", "R12"));
  CHECK(has(list, "R12", "content.application.last_administrative_penalty", "2025-09-01"));
  CHECK(has(list, "INCOMPLETE", "content.application.licences[0].valid_until", "已于 2026-01-01 过期"));
  CHECK(has(list, "INCOMPLETE", "content.application.scope[1].category", "没有服务类别 \"XX\""));
  CHECK(has(list, "INCOMPLETE", "content.application.scope[2].level", "不设 \"四级\""));
  CHECK(has(list, "INCOMPLETE", "content.application.scope[3].category", "重复申请"));
  CHECK(has(list, "INCOMPLETE", "content.management_self_assessment[0].claim", "符合情况"));
  CHECK(has(list, "INCOMPLETE", "content.management_self_assessment[1].description"));
  CHECK(has(list, "INCOMPLETE", "content.management_self_assessment[2].evidence", "证据文件"));
  CHECK(has(list, "INCOMPLETE", "content.management_self_assessment", "缺少要求"));
  CHECK(has(list, "INCOMPLETE", "content.capability_self_assessment[" +
                                    std::to_string(d.capability_self_assessment.size() - 1) + "].requirement_id",
            "不适用于所申请的认证范围"));
  CHECK(has(list, "INTEGRITY", "content.capability_self_assessment[" +
                                   std::to_string(d.capability_self_assessment.size() - 1) + "].evidence[0]",
            "att-9"));
  CHECK(has(list, "INCOMPLETE", "content.application.founded_on", "不能晚于"));
}

TEST_CASE("R12: a penalty more than a year before the application is no obstacle") {
  const Catalogue c = example_catalogue();
  Sample s = complete_sample(c);
  s.draft.last_administrative_penalty = Date{2025, 3, 1};
  CHECK(completeness(s.draft, c, Date{2026, 3, 2}).empty());
  s.draft.last_administrative_penalty = Date{2025, 3, 3};
  CHECK(has(completeness(s.draft, c, Date{2026, 3, 2}), "R12", "content.application.last_administrative_penalty"));
}

TEST_CASE("drafts export incomplete and import with warnings; final packages must be complete") {
  const Catalogue c = example_catalogue();
  Sample s = complete_sample(c);
  s.draft.organisation.credit_code = "91350100M000100Y44";
  s.draft.sites.clear();
  auto final_export = prepare_export(header(Kind::final), s.draft, s.data, c);
  REQUIRE_FALSE(final_export.ok());
  CHECK(has(final_export.error(), "INCOMPLETE", "content.application.organisation.credit_code"));
  CHECK(has(final_export.error(), "INCOMPLETE", "content.application.sites"));

  const std::string draft_text = exported(s, Kind::draft);
  auto draft = import_package(draft_text, {c}, kFake);
  REQUIRE(draft.ok());
  CHECK(draft.value().header.kind == Kind::draft);
  CHECK(has(draft.value().warnings, "INCOMPLETE", "content.application.organisation.credit_code", "校验位错误，应为 3"));
  CHECK(draft.value().draft == s.draft);

  // The same content claimed final is refused before hashing, with every problem.
  auto claimed = prepare_import(replace(draft_text, "\"kind\":\"draft\"", "\"kind\":\"final\""), {c});
  REQUIRE_FALSE(claimed.ok());
  CHECK(has(claimed.error(), "INCOMPLETE", "content.application.organisation.credit_code",
            "content.application.organisation.credit_code: 校验位错误，应为 3"));
  CHECK(has(claimed.error(), "INCOMPLETE", "content.application.sites"));
}

TEST_CASE("the package must name a catalogue the body holds") {
  const Catalogue c = example_catalogue();
  Catalogue other = c;
  other.version = "2027.1";
  const Sample s = complete_sample(c);
  auto final_pkg = prepare_import(exported(s), {other});
  REQUIRE_FALSE(final_pkg.ok());
  CHECK(has(final_pkg.error(), "INPUT", "catalogue", "本机构没有申请包所用的目录 catalogue-example（版本 2026.1-example）"));
  auto draft_pkg = prepare_import(exported(s, Kind::draft), {other});
  REQUIRE(draft_pkg.ok());
  CHECK(has(draft_pkg.value().warnings, "INPUT", "catalogue"));
  auto mismatched = prepare_export(Header{"p1", "2026-03-02T09:30:00Z", Kind::draft, CatalogueRef{"x", "1"}}, s.draft,
                                   s.data, c);
  REQUIRE_FALSE(mismatched.ok());
  CHECK(has(mismatched.error(), "INPUT", "catalogue"));
}

TEST_CASE("export refuses inconsistent attachments, bad header values and invalid UTF-8") {
  const Catalogue c = example_catalogue();
  Sample s = complete_sample(c);
  AttachmentData short_data = {s.data[0]};
  auto missing = prepare_export(header(), s.draft, short_data, c);
  REQUIRE_FALSE(missing.ok());
  CHECK(has(missing.error(), "INPUT", "attachments", "附件数据 1 份"));

  AttachmentData longer = s.data;
  longer[0] += "x";
  auto resized = prepare_export(header(), s.draft, longer, c);
  REQUIRE_FALSE(resized.ok());
  CHECK(has(resized.error(), "INTEGRITY", "attachments[0].size"));

  Sample wrong_hash = s;
  wrong_hash.draft.attachments[0].sha256 = std::string(64, 'a');
  auto hashed = export_package(header(), wrong_hash.draft, wrong_hash.data, c, kFake);
  REQUIRE_FALSE(hashed.ok());
  CHECK(has(hashed.error(), "INTEGRITY", "attachments[0].sha256", "与内容不符"));

  Header h = header(Kind::draft);
  h.package_id = "含空格 id";
  h.created_at = "2026-03-02 09:30";
  Sample bad_text = s;
  bad_text.draft.organisation.business_scope = std::string("\xC3\x28", 2);
  auto p = prepare_export(h, bad_text.draft, bad_text.data, c);
  REQUIRE_FALSE(p.ok());
  CHECK(has(p.error(), "INPUT", "package_id"));
  CHECK(has(p.error(), "INPUT", "created_at"));
  CHECK(has(p.error(), "INPUT", "content.application.organisation.business_scope", "UTF-8"));
}

TEST_CASE("limits: per attachment, total, count, text, depth and file size") {
  const Catalogue c = example_catalogue();
  const Sample s = complete_sample(c);
  const std::string text = exported(s);
  Limits tight;
  tight.max_attachment_bytes = 20;
  CHECK(has(import_problems(text, tight), "LIMIT", "attachments[1].size", "超过单个附件上限 20 字节"));
  tight = Limits{};
  tight.max_total_attachment_bytes = 40;
  CHECK(has(import_problems(text, tight), "LIMIT", "attachments", "附件合计 49 字节"));
  tight = Limits{};
  tight.max_attachments = 1;
  CHECK(has(import_problems(text, tight), "LIMIT", "attachments", "附件数 2 超过上限 1"));
  tight = Limits{};
  tight.max_string_bytes = 30;
  CHECK(has(import_problems(text, tight), "LIMIT", "content.application.organisation.name", "超过每项文本上限 30 字节"));
  tight = Limits{};
  tight.max_depth = 5;
  CHECK(has(import_problems(text, tight), "LIMIT", "", "JSON 嵌套超过 5 层"));
  tight = Limits{};
  tight.max_package_bytes = 100;
  CHECK(has(import_problems(text, tight), "LIMIT", "", "超过申请包上限 100 字节"));
  // The same limits hold on export, so the wizard cannot produce what the body refuses.
  tight = Limits{};
  tight.max_attachment_bytes = 20;
  auto p = prepare_export(header(), s.draft, s.data, c, tight);
  REQUIRE_FALSE(p.ok());
  CHECK(has(p.error(), "LIMIT", "attachments[1].size"));
  // Defaults as documented in public/schemas/README.md.
  CHECK(Limits{}.max_attachment_bytes == 20u * 1024 * 1024);
  CHECK(Limits{}.max_total_attachment_bytes == 100u * 1024 * 1024);
}

TEST_CASE("duplicates are recognised by package id or by digest") {
  const Catalogue c = example_catalogue();
  auto r = import_package(exported(complete_sample(c)), {c}, kFake);
  REQUIRE(r.ok());
  const Header& h = r.value().header;
  CHECK_FALSE(find_duplicate(h, r.value().digest, {{"other", std::string(64, '0')}}).has_value());
  auto same_id = find_duplicate(h, r.value().digest, {{h.package_id, std::string(64, '0')}});
  REQUIRE(same_id.has_value());
  CHECK(same_id->rule == "DUPLICATE");
  CHECK(same_id->message_zh == "已导入过此申请包（编号 " + h.package_id + "，编号相同）");
  auto same_digest = find_duplicate(h, r.value().digest, {{"pkg-earlier", r.value().digest}});
  REQUIRE(same_digest.has_value());
  CHECK(same_digest->message_zh == "已导入过此申请包（编号 pkg-earlier，内容摘要相同）");
}

TEST_CASE("to_application gives the case model's application for SubmitApplication") {
  const Catalogue c = example_catalogue();
  const Sample s = complete_sample(c);
  const Application a = to_application(s.draft, catalogue_ref(c));
  CHECK(a.organisation == s.draft.organisation);
  CHECK(a.catalogue_version == "2026.1-example");
  CHECK(a.scope == s.draft.scope);
  REQUIRE(a.management_self_assessment.size() == s.draft.management_self_assessment.size());
  CHECK(a.management_self_assessment[0].answer.rfind("符合：已建立并实施", 0) == 0);
  CHECK(a.management_self_assessment[0].evidence_refs == std::vector<std::string>{"att-2"});
  CHECK(a.documents == std::vector<std::string>{"att-1", "att-2"});
}

TEST_CASE("phone and e-mail formats") {
  for (const char* ok : {"13812345678", "+86 138 1234 5678", "+8613812345678", "010-12345678", "0755-8888 8888",
                         "010-12345678-123", "010-12345678转123", "400-810-8888", "02112345678"})
    CHECK_MESSAGE(valid_phone(ok), ok);
  for (const char* bad : {"", "1381234567", "12812345678", "138123456789", "12345678", "010-1234", "+1 415 555 0100",
                          "138abc45678", "010-12345678转", "00-12345678"})
    CHECK_FALSE_MESSAGE(valid_phone(bad), bad);
  for (const char* ok : {"lina@example.com", "li.na+cert@mail.example.com.cn", "a@b.cn"})
    CHECK_MESSAGE(valid_email(ok), ok);
  for (const char* bad : {"", "lina", "@example.com", "lina@", "li na@example.com", "lina@example", "lina@@example.com",
                          "lina@-example.com", "lina@example..com", "lina@example.com.", "李娜@example.com", "a@b.123"})
    CHECK_FALSE_MESSAGE(valid_email(bad), bad);
}

TEST_CASE("large Base64 values are read beside the parser, whatever the layout, and cannot be forged") {
  const Catalogue c = example_catalogue();
  Sample s = complete_sample(c);
  std::string big;
  for (int i = 0; i < 3000; ++i) big.push_back(static_cast<char>(i * 7));
  s.data[0] = big;
  s.draft.attachments[0] = meta("att-1", "组织机构图.pdf", big);
  const std::string compact = exported(s);
  auto r = import_package(compact, {c}, kFake);
  REQUIRE(r.ok());
  CHECK(r.value().data[0] == big);
  // Pretty-printed with spaces around ':' — the digest does not depend on layout.
  json doc = json::parse(compact);
  auto pretty = import_package(doc.dump(2), {c}, kFake);
  INFO(report(pretty));
  REQUIRE(pretty.ok());
  CHECK(pretty.value().data == s.data);
  // An escaped key whose value imitates the internal placeholder of the first attachment.
  std::string forged = doc.dump();
  forged = replace(forged, "\"data_base64\":\"JVBERi0xLjQg6JCl5Lia5omn54WnAAEC/w==\"",
                   "\"data_base\\u0036\\u0034\":\"\\u0000#0\"");
  auto f = prepare_import(forged, {c});
  REQUIRE_FALSE(f.ok());
  CHECK(has(f.error(), "INTEGRITY", "attachments[1].size"));
  // A syntax error after a lifted value is reported at its offset in the original text.
  std::string broken = compact;
  const auto at = broken.find("\"catalogue\"");
  broken.insert(at, "!");
  auto b = prepare_import(broken, {c});
  REQUIRE_FALSE(b.ok());
  CHECK(b.error()[0].message_zh == "不是有效的 JSON：第 " + std::to_string(at + 1) + " 字节附近有语法错误");
}
