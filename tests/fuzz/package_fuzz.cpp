// libFuzzer target for the application package parser: prepare_import on arbitrary bytes, then
// finish_import with the hashes the package claims (must succeed) and with wrong ones (must
// fail). Invariants checked beyond "no crash, no sanitizer report": a success never carries
// problems, a failure always lists at least one, each with a rule and a Chinese message.
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "domain/catalogue.hpp"
#include "domain/package.hpp"

using namespace certdesk;
using namespace certdesk::package;

namespace {

std::vector<Catalogue> g_catalogues;

void require(bool condition) {
  if (!condition) std::abort();
}

void check_problems(const Problems& list) {
  require(!list.empty());
  for (const Problem& p : list) require(!p.rule.empty() && !p.message_zh.empty());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  std::ifstream in(std::string(CERTDESK_SOURCE_DIR) + "/domain/data/catalogue-example.json");
  std::stringstream buf;
  buf << in.rdbuf();
  auto c = load_catalogue(nlohmann::json::parse(buf.str()));
  require(c.ok());
  g_catalogues.push_back(c.value());
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Limits limits;
  limits.max_attachment_bytes = 1u << 16;  // keep each run small
  limits.max_total_attachment_bytes = 1u << 18;
  auto pending = prepare_import(text, g_catalogues, limits);
  if (!pending) {
    check_problems(pending.error());
    return 0;
  }
  const PendingImport& p = pending.value();
  require(p.blobs().size() == p.draft.attachments.size() + 1);
  require(p.data.size() == p.draft.attachments.size());
  for (std::size_t i = 0; i < p.data.size(); ++i) require(p.data[i].size() == p.draft.attachments[i].size);
  if (p.header.kind == Kind::final) require(p.warnings.empty());

  std::vector<std::string> claimed{p.digest};
  for (const AttachmentMeta& a : p.draft.attachments) claimed.push_back(a.sha256);
  auto good = finish_import(PendingImport(p), claimed);
  require(good.ok());
  require(good.value().draft == p.draft);

  std::vector<std::string> wrong = claimed;
  wrong[0] = std::string(64, wrong[0] == std::string(64, '0') ? '1' : '0');
  auto bad = finish_import(PendingImport(p), wrong);
  require(!bad.ok());
  check_problems(bad.error());
  return 0;
}
