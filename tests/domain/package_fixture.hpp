// Shared by the package tests: the example catalogue, a complete application draft with two
// attachments, and a fake SHA-256 (deterministic, 64 hex digits) so that the two-phase logic is
// tested the same natively and under node; real SHA-256 is tested in sha256_openssl_test.cpp.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "domain/catalogue.hpp"
#include "domain/package.hpp"
#include "tests/domain/test_data.hpp"

namespace pkgtest {

using namespace certdesk;
using namespace certdesk::package;

inline Catalogue example_catalogue() {
  auto c = load_catalogue(read_data_json("domain/data/catalogue-example.json"));
  REQUIRE(c.ok());
  return c.value();
}

// FNV-1a over the bytes, four lanes → 64 hex digits. Not SHA-256: the domain only compares.
inline std::string fake_sha256(std::string_view bytes) {
  std::string out;
  for (std::uint64_t lane = 0; lane < 4; ++lane) {
    std::uint64_t h = 1469598103934665603ull ^ (lane * 0x9E3779B97F4A7C15ull);
    for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
    static constexpr char hex[] = "0123456789abcdef";
    for (int i = 60; i >= 0; i -= 4) out.push_back(hex[(h >> i) & 15]);
  }
  return out;
}

inline const Sha256Fn kFake = [](std::string_view b) { return fake_sha256(b); };

inline Header header(Kind kind = Kind::final) {
  return Header{"5f0c6a4e-2b1d-4c8e-9a7f-3e2d1c0b9a88", "2026-03-02T09:30:00+08:00", kind,
                CatalogueRef{"catalogue-example", "2026.1-example"}};
}

struct Sample {
  ApplicationDraft draft;
  AttachmentData data;
};

inline AttachmentMeta meta(std::string id, std::string name, const std::string& bytes,
                           const Sha256Fn& sha = kFake) {
  return AttachmentMeta{std::move(id), std::move(name), "application/pdf", bytes.size(), sha(bytes)};
}

// A complete application for scope SI/二级 (every applicable requirement answered "conforms").
inline Sample complete_sample(const Catalogue& c, const Sha256Fn& sha = kFake) {
  Sample s;
  ApplicationDraft& d = s.draft;
  d.eligibility = Eligibility{true, true, false};
  d.organisation = Organisation{"北京安信网络科技有限公司", "91350100M000100Y43", "北京市海淀区中关村大街 1 号",
                                "北京市海淀区中关村大街 1 号 5 层", "张伟",
                                {Contact{"李娜", "13812345678", "lina@example.com"}},
                                "网络安全服务；信息系统集成"};
  s.data = {std::string("%PDF-1.4 组织机构图"), std::string("%PDF-1.4 营业执照") + std::string("\0\1\2\xff", 4)};
  d.attachments = {meta("att-1", "组织机构图.pdf", s.data[0], sha), meta("att-2", "营业执照.pdf", s.data[1], sha)};
  d.org_chart = "att-1";
  d.business_licence = "att-2";
  d.headcount_in_scope = 42;
  d.sites = {Site{"总部", "北京市海淀区中关村大街 1 号"}};
  d.licences = {Licence{"增值电信业务经营许可证", "京B2-20260001", Date{2028, 12, 31}}};
  d.scope = {ScopeItem{"SI", "二级"}};
  d.founded_on = Date{2015, 6, 1};
  for (auto kind : {AssessmentKind::management, AssessmentKind::capability}) {
    auto reqs = applicable_requirements(c, kind, d.scope);
    REQUIRE(reqs.ok());
    auto& list = kind == AssessmentKind::management ? d.management_self_assessment : d.capability_self_assessment;
    for (const Requirement& r : reqs.value())
      list.push_back(AssessmentEntry{r.id, Claim::conforms, "已建立并实施：" + r.text_zh, {"att-2"}});
  }
  return s;
}

inline bool has(const Problems& list, std::string_view rule, std::string_view field, std::string_view text = "") {
  for (const Problem& p : list)
    if (p.rule == rule && p.field == field && p.message_zh.find(text) != std::string::npos) return true;
  return false;
}

inline std::string dump(const Problems& list) {
  std::string s;
  for (const Problem& p : list) s += p.rule + " | " + p.message_zh + "\n";
  return s;
}

template <class T>
std::string report(const Checked<T>& c) {
  return c.ok() ? std::string() : dump(c.error());
}

}  // namespace pkgtest
