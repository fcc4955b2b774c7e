// Benchmark fixture (not a test): writes a backup archive of a certification body's store with
// N cases, for tests/bench/store_scale.mjs to restore into the browser. Each case has a history
// of 20–60 events (the procedure run by domain_bench's script, cut at a varying length), two
// attachments (1 KB binary, 3 KB text) and its index entry; plus meta.json and a body profile.
// Usage: make_store <cases> <out.json>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "domain/case_decide.hpp"
#include "domain/case_json.hpp"
#include "tests/support/case_script.hpp"
#include "tests/support/sha256_openssl.hpp"
#include "tests/ui/memory_store.hpp"
#include "ui/data/backup.hpp"

using namespace certdesk;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: make_store <cases> <out.json>\n");
    return 2;
  }
  const int n = std::atoi(argv[1]);
  std::ifstream in(std::string(CERTDESK_SOURCE_DIR) + "/domain/data/holidays-cn.json");
  std::stringstream buf;
  buf << in.rdbuf();
  auto cal = WorkCalendar::from_json(nlohmann::json::parse(buf.str(), nullptr, false));
  if (!cal.ok()) return 1;

  MemoryStore s;
  ui::AppModel m;
  (void)ui::load_store(s.io(), m);  // meta.json
  (void)ui::apply_command(m, ui::SetMode{ui::Mode::Body});
  (void)ui::apply_command(m, ui::SetProfileName{"周敏"});
  (void)ui::apply_command(m, ui::SetProfileRole{"marketing", true});
  s.files[ui::kProfileFile] = ui::profile_file(m);
  nlohmann::json index = nlohmann::json::array();
  std::size_t events = 0;
  for (int i = 0; i < n; ++i) {
    char id[24];
    std::snprintf(id, sizeof id, "C2025-%04d", i + 1);
    const std::size_t count = 20 + static_cast<std::size_t>(i % 41);
    auto history = script::scripted_case(cal.value(), i, id, count);
    events += history.size();
    std::string bin(1024, '\0');
    for (std::size_t k = 0; k < bin.size(); ++k) bin[k] = static_cast<char>((k * 131 + i) & 0xFF);
    const std::string text = std::string("营业执照扫描件 ") + id + " " + std::string(3000, 'x');
    nlohmann::json atts = nlohmann::json::array();
    atts.push_back({{"id", "att-1"}, {"name", "组织机构图.png"}, {"media_type", "image/png"}, {"size", bin.size()},
                    {"sha256", sha256_hex_openssl(bin)}});
    atts.push_back({{"id", "att-2"}, {"name", "营业执照.pdf"}, {"media_type", "application/pdf"}, {"size", text.size()},
                    {"sha256", sha256_hex_openssl(text)}});
    s.files[ui::case_attachment_file(id, "att-1")] = bin;
    s.files[ui::case_attachment_file(id, "att-2")] = text;
    char package_id[48];
    std::snprintf(package_id, sizeof package_id, "00000000-0000-4000-8000-%012d", i + 1);
    s.files[ui::case_file(id)] =
        nlohmann::json{{"history", history_to_json(history)}, {"attachments", atts}, {"package_id", package_id}}.dump();
    index.push_back({{"id", id}, {"package_id", package_id}, {"digest", sha256_hex_openssl(package_id)},
                     {"organisation", "测试组织" + std::to_string(i) + "网络科技有限公司"}});
  }
  if (n > 0) s.files[ui::kCaseIndexFile] = nlohmann::json{{"cases", index}}.dump();

  ui::PendingBackup p = ui::collect_store(s.io(), "2026-11-27T12:00:00+08:00");
  std::vector<std::string> hashes;
  for (std::string_view b : p.blobs()) hashes.push_back(sha256_hex_openssl(b));
  const std::string canonical = ui::backup_canonical(p, hashes);
  std::ofstream(argv[2], std::ios::binary) << ui::backup_archive(canonical, sha256_hex_openssl(canonical));
  std::size_t bytes = 0;
  for (const auto& [path, content] : s.files) bytes += content.size();
  std::printf("make_store: %d cases, %zu events, %zu files, %zu bytes of files, archive %zu bytes\n", n, events,
              s.files.size(), bytes, canonical.size() + 80);
  return 0;
}
