// package_tool (native, not a test): `verify FILE [CATALOGUE.json]` checks an application package
// the way the body's import does (real SHA-256 via OpenSSL) and prints every problem in Chinese
// or OK; `bench [MB]` times export and import of a package with MB (default 50) of attachments
// and reports peak memory (getrusage), each phase in its own process.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "domain/catalogue.hpp"
#include "domain/package.hpp"
#include "tests/support/sha256_openssl.hpp"

using namespace certdesk;
using namespace certdesk::package;

namespace {

const Sha256Fn kSha = [](std::string_view b) { return sha256_hex_openssl(b); };

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  in.seekg(0, std::ios::end);
  out.resize(static_cast<std::size_t>(in.tellg()));
  in.seekg(0);
  in.read(out.data(), static_cast<std::streamsize>(out.size()));
  return static_cast<bool>(in);
}

Catalogue load(const std::string& path) {
  std::string text;
  if (!read_file(path, text)) {
    std::cerr << "无法读取目录文件 " << path << "\n";
    std::exit(2);
  }
  auto c = load_catalogue(nlohmann::json::parse(text));
  if (!c) {
    std::cerr << c.error().message_zh << "\n";
    std::exit(2);
  }
  return c.value();
}

std::string default_catalogue() { return std::string(CERTDESK_SOURCE_DIR) + "/domain/data/catalogue-example.json"; }

double peak_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // Linux: kilobytes
}

double cpu_ms() {  // user + system time of this process: the figure that host load does not inflate
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

int verify(const std::string& file, const std::string& catalogue_path, bool timed) {
  std::string text;
  if (!read_file(file, text)) {
    std::cerr << "无法读取 " << file << "\n";
    return 2;
  }
  const std::vector<Catalogue> catalogues{load(catalogue_path)};
  const double before = peak_mb();
  const double cpu0 = cpu_ms();
  const auto t0 = std::chrono::steady_clock::now();
  auto r = import_package(text, catalogues, kSha);
  const double ms = ms_since(t0), cpu = cpu_ms() - cpu0;
  if (!r) {
    std::cout << "申请包有 " << r.error().size() << " 个问题：\n";
    for (const Problem& p : r.error()) std::cout << "  [" << p.rule << "] " << p.message_zh << "\n";
    return 1;
  }
  const ImportedPackage& p = r.value();
  std::cout << "OK  " << p.header.package_id << "  " << enum_id(p.header.kind) << "  "
            << p.draft.organisation.name << "  附件 " << p.data.size() << " 个  摘要 " << p.digest << "\n";
  for (const Problem& w : p.warnings) std::cout << "  提示 [" << w.rule << "] " << w.message_zh << "\n";
  if (timed)
    std::printf("import: %.0f ms (CPU %.0f ms), peak RSS %.1f MB (%.1f MB before import), file %.1f MB\n", ms, cpu, peak_mb(), before,
                static_cast<double>(text.size()) / (1 << 20));
  return 0;
}

// A complete final package for scope SI/二级 with `mb` MB of attachments in 10 MB files.
int bench(const char* self, std::size_t mb) {
  const Catalogue c = load(default_catalogue());
  ApplicationDraft d;
  d.eligibility = Eligibility{true, true, false};
  d.organisation = Organisation{"基准测试有限公司", "91350100M000100Y43", "北京市海淀区", "北京市海淀区", "张伟",
                                {Contact{"李娜", "13812345678", "lina@example.com"}}, "网络安全服务"};
  d.headcount_in_scope = 10;
  d.sites = {Site{"总部", "北京市海淀区"}};
  d.scope = {ScopeItem{"SI", "二级"}};
  d.founded_on = Date{2015, 6, 1};
  AttachmentData data;
  std::uint32_t x = 2463534242u;
  for (std::size_t left = mb << 20, i = 1; left > 0; ++i) {
    const std::size_t n = std::min<std::size_t>(left, 10u << 20);
    std::string bytes(n, '\0');
    for (char& ch : bytes) {  // xorshift: incompressible, deterministic
      x ^= x << 13, x ^= x >> 17, x ^= x << 5;
      ch = static_cast<char>(x);
    }
    d.attachments.push_back(AttachmentMeta{"att-" + std::to_string(i), "证据" + std::to_string(i) + ".bin",
                                           "application/octet-stream", n, kSha(bytes)});
    data.push_back(std::move(bytes));
    left -= n;
  }
  d.org_chart = d.business_licence = "att-1";
  for (auto kind : {AssessmentKind::management, AssessmentKind::capability}) {
    const auto reqs = applicable_requirements(c, kind, d.scope);  // keep the Result alive for the loop
    for (const Requirement& r : reqs.value())
      (kind == AssessmentKind::management ? d.management_self_assessment : d.capability_self_assessment)
          .push_back(AssessmentEntry{r.id, Claim::conforms, "已实施", {"att-1"}});
  }
  const double before = peak_mb();
  const double cpu0 = cpu_ms();
  const auto t0 = std::chrono::steady_clock::now();
  auto text = export_package(Header{"bench-1", "2026-03-02T09:30:00+08:00", Kind::final, catalogue_ref(c)}, d,
                             std::move(data), c, kSha);
  const double ms = ms_since(t0), cpu = cpu_ms() - cpu0;
  if (!text) {
    for (const Problem& p : text.error()) std::cerr << p.message_zh << "\n";
    return 1;
  }
  std::printf("export: %zu MB of attachments → %.1f MB package in %.0f ms (CPU %.0f ms), peak RSS %.1f MB (%.1f MB before export)\n",
              mb, static_cast<double>(text.value().size()) / (1 << 20), ms, cpu, peak_mb(), before);
  const std::string path = "/tmp/certdesk-package-bench.json";
  std::ofstream(path, std::ios::binary) << text.value();
  text.value().clear();
  const std::string cmd = std::string(self) + " verify-timed " + path;
  const int rc = std::system(cmd.c_str());
  if (!std::getenv("KEEP_BENCH")) std::remove(path.c_str());
  return rc == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string cmd = argc > 1 ? argv[1] : "";
  if ((cmd == "verify" || cmd == "verify-timed") && argc >= 3)
    return verify(argv[2], argc >= 4 ? argv[3] : default_catalogue(), cmd == "verify-timed");
  if (cmd == "bench") return bench(argv[0], argc >= 3 ? std::strtoul(argv[2], nullptr, 10) : 50);
  std::cerr << "用法：package_tool verify 申请包.json [目录.json]\n      package_tool bench [附件总 MB，默认 50]\n";
  return 2;
}
