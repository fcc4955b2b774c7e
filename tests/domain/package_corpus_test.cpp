// The bad-input corpus (tests/packages, written by make_corpus.py): every file gives exactly the
// expected outcome — its rule, field and Chinese message — and nothing partial on failure. The
// blob hashes come from expected.json (computed with hashlib), so the wasm run needs no SHA-256;
// natively they are checked against OpenSSL, which also proves the canonical rule is the same
// in Python and C++. The 10 MB string and the 100 MB attachment are generated here.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "domain/base64.hpp"
#include "tests/domain/package_fixture.hpp"
#ifndef __EMSCRIPTEN__
#include "tests/support/sha256_openssl.hpp"
#endif

using namespace pkgtest;
using nlohmann::json;

namespace {

std::string corpus_dir() { return std::string(CERTDESK_SOURCE_DIR) + "/tests/packages/"; }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

// Runs both phases with the given hashes; an empty list means "prepare must fail".
Checked<ImportedPackage> run(std::string_view text, const std::vector<std::string>& hashes) {
  auto p = prepare_import(text, {example_catalogue()});
  if (!p) return p.error();
  return finish_import(std::move(p.value()), hashes);
}

bool has_expected(const Problems& list, const json& e) {
  return has(list, e["rule"].get<std::string>(), e["field"].get<std::string>(), e["message"].get<std::string>());
}

}  // namespace

TEST_CASE("corpus: every file gives its expected rule, field and message") {
  const json expected = json::parse(read_file(corpus_dir() + "expected.json"));
  std::size_t malformed = 0;
  for (auto it = expected.begin(); it != expected.end(); ++it) {  // no structured binding: clang 14 cannot capture it
    const std::string file = it.key();
    const json& e = it.value();
    CAPTURE(file);
    const std::string text = read_file(corpus_dir() + file);
    const std::string phase = e["phase"];
    auto pending = prepare_import(text, {example_catalogue()});
    if (phase == "prepare") {
      ++malformed;
      REQUIRE_FALSE(pending.ok());
      INFO(dump(pending.error()));
      CHECK(has_expected(pending.error(), e));
      CHECK(pending.error().size() >= e.value("min_problems", 1u));
      // Pure: the same text gives the same problems again.
      auto again = prepare_import(text, {example_catalogue()});
      REQUIRE_FALSE(again.ok());
      CHECK(again.error() == pending.error());
      continue;
    }
    INFO(report(pending));
    REQUIRE(pending.ok());
    const std::vector<std::string> hashes = e["blob_sha256"];
    const auto blobs = pending.value().blobs();
    REQUIRE(blobs.size() == hashes.size());
#ifndef __EMSCRIPTEN__
    for (std::size_t i = 0; i < blobs.size(); ++i) CHECK(sha256_hex_openssl(blobs[i]) == hashes[i]);
#endif
    auto done = finish_import(std::move(pending.value()), hashes);
    if (phase == "finish") {
      ++malformed;
      REQUIRE_FALSE(done.ok());
      INFO(dump(done.error()));
      CHECK(has_expected(done.error(), e));
    } else {
      INFO(report(done));
      REQUIRE(done.ok());
      CHECK(enum_id(done.value().header.kind) == e["kind"].get<std::string>());
      if (e.contains("warnings")) CHECK(done.value().warnings.size() == e["warnings"].get<std::size_t>());
    }
  }
  CHECK(malformed >= 30);
}

TEST_CASE("corpus: a 10 MB string is refused by the text limit, with its path") {
  json doc = json::parse(read_file(corpus_dir() + "valid_final.json"));
  doc["content"]["application"]["organisation"]["business_scope"] = std::string(10u << 20, 'A');
  const auto r = run(doc.dump(), {});
  REQUIRE_FALSE(r.ok());
  CHECK(has(r.error(), "LIMIT", "content.application.organisation.business_scope", "文本长 10485760 字节，超过每项文本上限"));
}

TEST_CASE("corpus: a 100 MB attachment is refused by the attachment limit without being decoded") {
  json doc = json::parse(read_file(corpus_dir() + "valid_final.json"));
  const std::size_t size = 100u << 20;
  json& a = doc["attachments"][0];
  a["size"] = size;
  a["data_base64"] = std::string(base64::encoded_size(size), 'A');
  const std::string text = doc.dump();
  CHECK(text.size() > size);
  const auto r = run(text, {});
  REQUIRE_FALSE(r.ok());
  CHECK(has(r.error(), "LIMIT", "attachments[0].size", "大小 104857600 字节，超过单个附件上限 20 MB"));
  CHECK(has(r.error(), "LIMIT", "attachments", "附件合计"));
}

TEST_CASE("corpus: every truncation of a valid package is refused, never half-imported") {
  const std::string text = read_file(corpus_dir() + "valid_draft_no_attachments.json");
  for (std::size_t n = 0; n < text.size(); n += 37) {
    CAPTURE(n);
    auto p = prepare_import(std::string_view(text).substr(0, n), {example_catalogue()});
    CHECK_FALSE(p.ok());
  }
}
