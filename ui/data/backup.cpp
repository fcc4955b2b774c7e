// ui/data/backup.cpp — archives of the store and of single cases, restore by merging, and the
// removal of cases under R11 (format and rules: backup.hpp).
//
// [SECTION] helpers · making an archive · reading an archive · restore plan · retention
#include "ui/data/backup.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "domain/base64.hpp"
#include "domain/json_read.hpp"
#include "domain/package_detail.hpp"
#include "domain/procedure_rules.hpp"
#include "ui/settings/body_config.hpp"
#include "ui/cases/case_summary.hpp"
#include "ui/data/store_files.hpp"

namespace certdesk::ui {

using nlohmann::json;

// ---- [SECTION] helpers ------------------------------------------------------------------------

namespace {

bool is_temporary(const std::string& path) { return path.size() > 4 && path.compare(path.size() - 4, 4, ".tmp") == 0; }

// The case a store file belongs to: "cases/C2026-001.json" and "cases/C2026-001/…" → "C2026-001".
std::string case_of(const std::string& path) {
  if (path.rfind("cases/", 0) != 0 || path == kCaseIndexFile) return "";
  const std::string rest = path.substr(6);
  const std::size_t slash = rest.find('/');
  if (slash != std::string::npos) return rest.substr(0, slash);
  if (rest.size() > 5 && rest.compare(rest.size() - 5, 5, ".json") == 0) return rest.substr(0, rest.size() - 5);
  return "";
}

// Why a path from an archive may not be written, or "" when it is a plain relative path.
std::string unsafe_path(const std::string& path) {
  if (path.empty()) return "路径为空";
  if (path.size() > 512) return "路径过长";
  if (path.front() == '/') return "路径“" + path + "”是绝对路径，只允许数据目录内的相对路径";
  if (package::detail::invalid_utf8_at(path) != std::string::npos) return "路径不是有效的 UTF-8";
  for (unsigned char ch : path)
    if (ch < 0x20 || ch == '\\' || ch == ':') return "路径“" + path + "”含不允许的字符";
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    const std::string seg = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (seg.empty() || seg == "." || seg == "..")
      return "路径“" + path + "”越出数据目录（不得含“..”“.”或空的路径段）";
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  if (is_temporary(path)) return "路径“" + path + "”是临时文件";
  return "";
}

std::string text_member(const json& o, const char* key) { return json_read::text_or(o, key); }

json parse_object(const std::optional<std::string>& text) {
  if (!text) return json();
  json j = json::parse(*text, nullptr, false);
  return j.is_object() ? j : json();
}

// The entries of a store file {"<key>": [ … ]}; empty when absent or damaged.
json entries(const std::optional<std::string>& text, const char* key) {
  json j = parse_object(text);
  if (j.is_object() && j.contains(key) && j[key].is_array()) return j[key];
  return json::array();
}

void append_entry(const StoreIo& io, const char* file, const char* key, json entry) {
  json list = entries(io.read(file), key);
  list.push_back(std::move(entry));
  io.write(file, json{{key, list}}.dump(2));
}

std::string date_of(const std::string& iso_time) { return iso_time.substr(0, 10); }

}  // namespace

// ---- [SECTION] making an archive --------------------------------------------------------------

std::vector<std::string_view> PendingBackup::blobs() const {
  std::vector<std::string_view> out;
  for (const BackupFile& f : files) out.emplace_back(f.bytes);
  return out;
}

PendingBackup collect_store(const StoreIo& io, std::string created_at) {
  PendingBackup p;
  p.created_at = std::move(created_at);
  std::vector<std::string> paths = io.list ? io.list() : std::vector<std::string>{};
  std::sort(paths.begin(), paths.end());
  for (const std::string& path : paths) {
    if (is_temporary(path)) continue;  // an interrupted write; the file itself is there
    if (is_summary_file(path)) continue;  // derived from the cases, rebuilt after a restore
    if (std::optional<std::string> bytes = io.read(path)) p.files.push_back({path, std::move(*bytes)});
  }
  return p;
}

Result<PendingBackup> collect_case(const StoreIo& io, const CaseRecord& c, std::string created_at) {
  PendingBackup p;
  p.created_at = std::move(created_at);
  p.scope = "case";
  p.case_id = c.id;
  if (io.is_pending(case_file(c.id)) || io.is_pending("cases/" + c.id + "/"))
    return RuleViolation{"CASE-LOADING", "正在载入案件数据…（案件 " + c.id + "），请稍候再导出存档", "case"};
  std::optional<std::string> file = io.read(case_file(c.id));
  if (!file) return input_error("case", "案件 " + c.id + " 的文件在本机找不到");
  json own = json::array();
  for (const json& e : entries(io.read(kCaseIndexFile), "cases"))
    if (text_member(e, "id") == c.id) own.push_back(e);
  if (own.empty()) return input_error("case", "案件 " + c.id + " 不在案件索引中");
  p.files.push_back({kCaseIndexFile, json{{"cases", own}}.dump()});
  p.files.push_back({case_file(c.id), std::move(*file)});
  std::vector<std::string> paths = io.list ? io.list() : std::vector<std::string>{};
  std::sort(paths.begin(), paths.end());
  const std::string dir = "cases/" + c.id + "/";
  for (const std::string& path : paths)
    if (path.rfind(dir, 0) == 0 && !is_temporary(path))
      if (std::optional<std::string> bytes = io.read(path)) p.files.push_back({path, std::move(*bytes)});
  std::sort(p.files.begin(), p.files.end(), [](const BackupFile& a, const BackupFile& b) { return a.path < b.path; });
  return p;
}

std::string backup_canonical(const PendingBackup& p, const std::vector<std::string>& file_hashes) {
  json files = json::array();
  for (std::size_t i = 0; i < p.files.size(); ++i) {
    const BackupFile& f = p.files[i];
    const bool text = package::detail::invalid_utf8_at(f.bytes) == std::string::npos;
    files.push_back({{"path", f.path},
                     {"size", f.bytes.size()},
                     {"sha256", i < file_hashes.size() ? file_hashes[i] : ""},
                     {"encoding", text ? "text" : "base64"},
                     {"content", text ? f.bytes : base64::encode(f.bytes)}});
  }
  json doc{{"format", kBackupFormat},
           {"format_version", kBackupFormatVersion},
           {"created_at", p.created_at},
           {"scope", p.scope},
           {"files", std::move(files)}};
  if (p.scope == "case") doc["case_id"] = p.case_id;
  return doc.dump();  // sorted keys, compact: the canonical form
}

std::string backup_archive(const std::string& canonical, const std::string& digest) {
  // The canonical object with "digest" added last (a reader removes it and re-serialises).
  return canonical.substr(0, canonical.size() - 1) + ",\"digest\":\"" + digest + "\"}";
}

std::string backup_file_name(Date today) { return "certdesk-备份-" + today.iso() + ".json"; }
std::string case_archive_file_name(const std::string& case_id, Date today) {
  return "certdesk-案件存档-" + case_id + "-" + today.iso() + ".json";
}

// ---- [SECTION] reading an archive -------------------------------------------------------------

std::vector<std::string_view> PendingRestore::blobs() const {
  std::vector<std::string_view> out;
  for (const BackupFile& f : files) out.emplace_back(f.bytes);
  out.emplace_back(canonical);
  return out;
}

Result<PendingRestore> read_archive(std::string_view text) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) return input_error("备份文件", "不是有效的 JSON（文件可能不完整或已损坏）");
  if (!doc.is_object()) return input_error("备份文件", "应为 JSON 对象");
  if (!doc.contains("format") || doc["format"] != kBackupFormat)
    return input_error("format", "不是认证工作台的备份文件（应为 “certdesk-backup”）");
  if (!doc.contains("format_version") || !doc["format_version"].is_number_integer())
    return input_error("format_version", "缺少备份格式版本或不是整数");
  if (const int v = doc["format_version"].get<int>(); v != kBackupFormatVersion)
    return input_error("format_version", "不支持的备份格式版本 " + std::to_string(v) + "（本版本读取版本 " +
                                             std::to_string(kBackupFormatVersion) + "）");
  PendingRestore p;
  for (const char* key : {"created_at", "scope", "digest"})
    if (!doc.contains(key) || !doc[key].is_string()) return input_error(key, "缺少或不是字符串");
  p.created_at = doc["created_at"].get<std::string>();
  p.scope = doc["scope"].get<std::string>();
  p.digest = doc["digest"].get<std::string>();
  if (p.scope != "store" && p.scope != "case") return input_error("scope", "应为 “store” 或 “case”");
  if (p.scope == "case") {
    if (!doc.contains("case_id") || !doc["case_id"].is_string()) return input_error("case_id", "案件存档缺少案件编号");
    p.case_id = doc["case_id"].get<std::string>();
  }
  if (!package::detail::is_sha256_hex(p.digest)) return input_error("digest", "应为 64 位小写十六进制 SHA-256 值");
  if (!doc.contains("files") || !doc["files"].is_array()) return input_error("files", "缺少文件列表或不是数组");
  std::set<std::string> seen;
  const json& files = doc["files"];
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string at = "files[" + std::to_string(i) + "]";
    const json& f = files[i];
    if (!f.is_object()) return input_error(at, "应为对象");
    if (!f.contains("path") || !f["path"].is_string()) return input_error(at + ".path", "缺少或不是字符串");
    const std::string path = f["path"].get<std::string>();
    if (std::string why = unsafe_path(path); !why.empty()) return input_error(at + ".path", why);
    if (!seen.insert(path).second) return input_error(at + ".path", "文件“" + path + "”在备份中出现两次");
    if (!f.contains("size") || !f["size"].is_number_unsigned()) return input_error(at + ".size", "缺少或不是非负整数");
    if (!f.contains("sha256") || !f["sha256"].is_string() || !package::detail::is_sha256_hex(f["sha256"].get<std::string>()))
      return input_error(at + ".sha256", "应为 64 位小写十六进制 SHA-256 值");
    if (!f.contains("content") || !f["content"].is_string()) return input_error(at + ".content", "缺少或不是字符串");
    const std::string encoding = text_member(f, "encoding");  // a number here used to abort (issue 17)
    BackupFile file{path, {}};
    if (encoding == "text") {
      file.bytes = f["content"].get<std::string>();
    } else if (encoding == "base64") {
      base64::DecodeError err;
      if (!base64::decode(f["content"].get<std::string>(), file.bytes, err))
        return input_error(at + ".content", "Base64 内容无效：" + err.message_zh);
    } else {
      return input_error(at + ".encoding", "应为 “text” 或 “base64”");
    }
    if (file.bytes.size() != f["size"].get<std::uint64_t>())
      return input_error(at + ".size", "文件“" + path + "”的大小与内容不符（声明 " +
                                           std::to_string(f["size"].get<std::uint64_t>()) + " 字节，实际 " +
                                           std::to_string(file.bytes.size()) + " 字节）");
    p.files.push_back(std::move(file));
    p.sha256.push_back(f["sha256"].get<std::string>());
  }
  doc.erase("digest");
  p.canonical = doc.dump();
  return p;
}

Result<void> verify_archive(const PendingRestore& p, const std::vector<std::string>& hashes) {
  if (hashes.size() != p.files.size() + 1) return input_error("digest", "校验值计算不完整");
  for (std::size_t i = 0; i < p.files.size(); ++i)
    if (hashes[i] != p.sha256[i])
      return RuleViolation{"INTEGRITY",
                           "files[" + std::to_string(i) + "].sha256: 文件“" + p.files[i].path +
                               "”的 SHA-256 校验值不符，备份已被改动或损坏",
                           "files[" + std::to_string(i) + "].sha256"};
  if (hashes.back() != p.digest)
    return RuleViolation{"INTEGRITY", "digest: 备份的内容摘要不符，备份已被改动或损坏", "digest"};
  return ok_void();
}

// ---- [SECTION] restore plan -------------------------------------------------------------------

json RestorePlan::to_json() const {
  json c = json::array();
  for (const RestoreConflict& x : conflicts) c.push_back({{"path", x.path}, {"case", x.case_id}, {"why", x.why_zh}});
  return {{"added", added}, {"identical", identical.size()}, {"conflicts", c}, {"casesAdded", cases_added},
          {"casesRemoved", cases_removed}};
}

std::string RestorePlan::report_zh(std::size_t max_lines) const {
  if (added.empty() && conflicts.empty() && cases_removed.empty())
    return "备份中的 " + std::to_string(identical.size()) + " 个文件本机都已有且相同，未做任何修改。";
  std::string out = "已从备份恢复：新增文件 " + std::to_string(added.size()) + " 个（新增案件 " +
                    std::to_string(cases_added.size()) + " 件），与本机相同而跳过 " + std::to_string(identical.size()) +
                    " 个，冲突 " + std::to_string(conflicts.size()) + " 个。";
  if (!conflicts.empty()) {
    out += "\n以下冲突保留了本机的版本，没有被备份覆盖：";
    for (std::size_t i = 0; i < conflicts.size() && i < max_lines; ++i) {
      const RestoreConflict& c = conflicts[i];
      out += "\n· " + (c.case_id.empty() ? std::string() : "案件 " + c.case_id + "：") + c.path + " — " + c.why_zh;
    }
    if (conflicts.size() > max_lines) out += "\n……另有 " + std::to_string(conflicts.size() - max_lines) + " 个冲突";
  }
  if (!cases_removed.empty()) {
    out += "\n以下案件已按 R11 从本机删除（见删除记录），未恢复：";
    for (const std::string& id : cases_removed) out += " " + id;
  }
  return out;
}

namespace {

// A read-only view of the store as it would be after the plan (to check that it loads).
StoreIo overlay(const StoreIo& io, const std::vector<BackupFile>& writes) {
  auto planned = std::make_shared<std::map<std::string, std::string>>();
  for (const BackupFile& f : writes) (*planned)[f.path] = f.bytes;
  StoreIo view;
  view.read = [io, planned](const std::string& path) -> std::optional<std::string> {
    if (auto it = planned->find(path); it != planned->end()) return it->second;
    return io.read(path);
  };
  view.write = [](const std::string&, const std::string&) {};
  view.remove = [](const std::string&) {};
  view.list = io.list;
  view.pending = io.pending;
  return view;
}

// Order of writes: attachments, then other files, then record logs, then the case index.
int write_rank(const std::string& path) {
  if (path == kCaseIndexFile) return 3;
  if (path.rfind("records/", 0) == 0) return 2;
  if (path.find("/att/") != std::string::npos) return 0;
  return 1;
}

std::string organisation_of(const json& entry) { return text_member(entry, "organisation"); }

}  // namespace

Result<RestorePlan> plan_restore(const PendingRestore& p, const StoreIo& io) {
  // A file not loaded yet would look absent and be "added" over the stored one (issue 8).
  if (io.is_pending("cases/")) return RuleViolation{"CASE-LOADING", "正在载入案件数据…，载入完成后才能恢复备份", ""};
  // Every file read with the reader the app loads it with, before anything is written (issue 17):
  // a file that would not read is refused here instead of stopping the app at its next start.
  for (const BackupFile& f : p.files)
    if (Result<void> r = check_store_file(f.path, f.bytes); !r)
      return input_error(json_read::in_file(f.path, r.error().field),
                         "备份中的文件“" + f.path + "”无法读取，未做任何修改：" + r.error().message_zh);
  RestorePlan plan;
  const std::vector<std::string> removed = removed_case_ids(io);
  auto is_removed = [&](const std::string& id) { return !id.empty() && std::count(removed.begin(), removed.end(), id); };
  const BackupFile* index = nullptr;
  std::map<std::string, const BackupFile*> logs;
  // Cases whose own file differs here: the local case is kept whole.
  std::set<std::string> conflicting_cases;
  for (const BackupFile& f : p.files) {
    const std::string id = case_of(f.path);
    if (f.path == case_file(id) && !is_removed(id))
      if (std::optional<std::string> local = io.read(f.path); local && *local != f.bytes) conflicting_cases.insert(id);
  }
  for (const BackupFile& f : p.files) {
    if (f.path == kCaseIndexFile) { index = &f; continue; }
    if (f.path == kArchiveLogFile || f.path == kRemovalLogFile) { logs[f.path] = &f; continue; }
    const std::string id = case_of(f.path);
    if (is_removed(id)) {
      if (std::find(plan.cases_removed.begin(), plan.cases_removed.end(), id) == plan.cases_removed.end())
        plan.cases_removed.push_back(id);
      continue;
    }
    std::optional<std::string> local = io.read(f.path);
    if (local && *local == f.bytes) {
      plan.identical.push_back(f.path);
    } else if (conflicting_cases.count(id)) {
      plan.conflicts.push_back({f.path, id, f.path == case_file(id) ? "本机的案件记录与备份不同，保留本机版本（该案件的其他文件也一并保留）"
                                                                    : "所属案件与备份不同，随案件保留本机版本"});
    } else if (local) {
      plan.conflicts.push_back({f.path, id, "本机文件与备份内容不同，保留本机版本"});
    } else {
      plan.added.push_back(f.path);
      plan.writes.push_back(f);
    }
  }
  // cases/index.json: union by case id; an entry is added only with its case file.
  if (index) {
    const std::optional<std::string> local_text = io.read(kCaseIndexFile);
    json local = entries(local_text, "cases");
    std::map<std::string, json> here;
    for (const json& e : local)
      if (e.is_object()) here[text_member(e, "id")] = e;
    bool changed = false;
    for (const json& e : entries(index->bytes, "cases")) {
      const std::string id = text_member(e, "id");
      if (id.empty() || is_removed(id)) continue;
      if (auto it = here.find(id); it != here.end()) {
        if (it->second != e)
          plan.conflicts.push_back({kCaseIndexFile, id, "案件索引条目不同（本机：" + organisation_of(it->second) + "；备份：" +
                                                            organisation_of(e) + "），保留本机条目"});
        continue;
      }
      if (conflicting_cases.count(id)) continue;  // reported with its case file
      // An entry whose case file is missing everywhere makes the load check below refuse all.
      local.push_back(e);
      here[id] = e;
      plan.cases_added.push_back(id);
      changed = true;
    }
    if (!local_text) {
      plan.added.push_back(kCaseIndexFile);
      plan.writes.push_back({kCaseIndexFile, json{{"cases", local}}.dump()});
    } else if (changed) {
      plan.added.push_back(kCaseIndexFile);
      plan.writes.push_back({kCaseIndexFile, json{{"cases", local}}.dump()});
    } else {
      plan.identical.push_back(kCaseIndexFile);
    }
  }
  // Record logs: union of their entries (nothing recorded is ever dropped).
  for (const auto& [path, f] : logs) {
    const char* key = path == kArchiveLogFile ? "archives" : "removals";
    const std::optional<std::string> local_text = io.read(path);
    if (!local_text) {
      plan.added.push_back(path);
      plan.writes.push_back(*f);
      continue;
    }
    json merged = entries(local_text, key);
    bool changed = false;
    for (const json& e : entries(f->bytes, key))
      if (std::find(merged.begin(), merged.end(), e) == merged.end()) {
        merged.push_back(e);
        changed = true;
      }
    if (changed) {
      plan.added.push_back(path);
      plan.writes.push_back({path, json{{key, merged}}.dump(2)});
    } else {
      plan.identical.push_back(path);
    }
  }
  // All or nothing: the store as it would be must load, or nothing is written.
  const StoreIo after = overlay(io, plan.writes);
  AppModel probe;
  if (Result<void> r = load_store(after, probe); !r)
    return input_error(r.error().field, "备份中的数据无法载入，未做任何修改：" + r.error().message_zh);
  Workspace cases;
  if (Result<void> r = cases.load(after); !r)
    return input_error(r.error().field, "备份中的案件无法载入，未做任何修改：" + r.error().message_zh);
  if (const auto problems = cases.problems(); !problems.empty())  // a case listed without its file
    return input_error(case_file(problems.front().first), "备份中的案件无法载入，未做任何修改：" + problems.front().second);
  BodyConfig config;
  if (Result<void> r = load_config(after, config); !r)
    return input_error(r.error().field, "备份中的机构设置无法载入，未做任何修改：" + r.error().message_zh);
  std::stable_sort(plan.writes.begin(), plan.writes.end(),
                   [](const BackupFile& a, const BackupFile& b) { return write_rank(a.path) < write_rank(b.path); });
  return plan;
}

void apply_restore(const RestorePlan& plan, const StoreIo& io) {
  for (const BackupFile& f : plan.writes) io.write(f.path, f.bytes);
}

// ---- [SECTION] retention (R11 §7) -------------------------------------------------------------

namespace {
// A record log {"<key>": [ {…}, … ]}: each entry an object (issue 17: every member read with its
// type checked; a wrong type is an error naming it, never an abort).
Result<json> log_entries(std::string_view text, const char* key) {
  auto j = json_read::parse_text(text);
  if (!j) return j.error();
  CERTDESK_TRY_READ(json_read::require_object(j.value(), ""));
  const json* list = nullptr;
  CERTDESK_TRY_READ(json_read::read_array(j.value(), key, "", list));
  for (std::size_t i = 0; i < list->size(); ++i)
    CERTDESK_TRY_READ(json_read::require_object((*list)[i], json_read::path(key, i)));
  return *list;
}
}  // namespace

Result<std::vector<ArchiveRecord>> archive_log_from_text(std::string_view text) {
  auto list = log_entries(text, "archives");
  if (!list) return list.error();
  std::vector<ArchiveRecord> out;
  for (std::size_t i = 0; i < list.value().size(); ++i) {
    const json& e = list.value()[i];
    const std::string at = json_read::path("archives", i);
    ArchiveRecord r;
    CERTDESK_TRY_READ(json_read::read_string(e, "case_id", at, r.case_id));
    CERTDESK_TRY_READ(json_read::read_string(e, "organisation", at, r.organisation, false, false));
    CERTDESK_TRY_READ(json_read::read_string(e, "file", at, r.file, false, false));
    CERTDESK_TRY_READ(json_read::read_string(e, "created_at", at, r.created_at, false, false));
    CERTDESK_TRY_READ(json_read::read_string(e, "digest", at, r.digest, false, false));
    CERTDESK_TRY_READ(json_read::read_string(e, "verified_at", at, r.verified_at, false, false));
    if (const auto it = e.find("events"); it != e.end()) {
      if (!it->is_number_unsigned()) return input_error(json_read::path(at, "events"), "应为非负整数");
      r.events = it->get<std::size_t>();
    }
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<RemovalRecord>> removal_log_from_text(std::string_view text) {
  auto list = log_entries(text, "removals");
  if (!list) return list.error();
  std::vector<RemovalRecord> out;
  for (std::size_t i = 0; i < list.value().size(); ++i) {
    const json& e = list.value()[i];
    const std::string at = json_read::path("removals", i);
    RemovalRecord r;
    CERTDESK_TRY_READ(json_read::read_string(e, "case_id", at, r.case_id));
    for (const char* key : {"organisation", "package_id", "by", "at", "retention_ended_on", "archive_file",
                            "archive_created_at", "archive_digest"}) {
      std::string ignored;
      CERTDESK_TRY_READ(json_read::read_string(e, key, at, ignored, false, false));
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<ArchiveRecord> read_archive_log(const StoreIo& io) {
  const std::optional<std::string> text = io.read(kArchiveLogFile);
  if (!text) return {};
  auto log = archive_log_from_text(*text);  // a damaged log was set aside at the start (issue 17)
  return log ? std::move(log.value()) : std::vector<ArchiveRecord>{};
}

void record_archive(const StoreIo& io, const CaseRecord& c, const std::string& file, const std::string& created_at,
                    const std::string& digest) {
  append_entry(io, kArchiveLogFile, "archives",
               {{"case_id", c.id}, {"organisation", c.organisation}, {"file", file}, {"created_at", created_at},
                {"digest", digest}, {"events", c.history.size()}});
}

void record_archive_check(const StoreIo& io, const ArchiveRecord& a, const std::string& file, const std::string& at) {
  append_entry(io, kArchiveLogFile, "archives",
               {{"case_id", a.case_id}, {"organisation", a.organisation}, {"file", file}, {"created_at", a.created_at},
                {"digest", a.digest}, {"events", a.events}, {"verified_at", at}});
}

std::vector<std::string> removed_case_ids(const StoreIo& io) {
  std::vector<std::string> out;
  if (const std::optional<std::string> text = io.read(kRemovalLogFile))
    if (auto log = removal_log_from_text(*text))
      for (const RemovalRecord& r : log.value()) out.push_back(r.case_id);
  return out;
}

RetentionStatus retention_status(const CaseRecord& c, Date today, const CaseRules& rules,
                                 const std::vector<ArchiveRecord>& archives) {
  RetentionStatus st;
  st.ends_on = case_retention_end(c.state, rules);  // the domain's R11 date, as the due list shows it
  st.closed = st.ends_on.has_value();
  st.ended = st.closed && today > *st.ends_on;
  // The latest archive of the whole history, a checked one before any unchecked (issue 17 item 6:
  // a download the user cancelled, or a file they lost, must not count).
  for (const ArchiveRecord& a : archives) {
    if (a.case_id != c.id || a.events != c.history.size()) continue;
    const bool checked = !a.verified_at.empty();
    if (checked || !st.verified) {
      st.archive = a;
      st.verified = checked;
    }
  }
  return st;
}

std::string RetentionStatus::text_zh() const {
  std::string out;
  if (!closed) out = "进行中（关闭后起算保存期）";
  else if (!ended) out = "保存期至 " + ends_on->iso();
  else out = "保存期已满（" + ends_on->iso() + "）";
  out += !archive   ? std::string("；未存档")
         : verified ? "；已存档 " + date_of(archive->created_at) + "（已核对）"
                    : "；已存档 " + date_of(archive->created_at) + "（未核对）";
  return out;
}

Result<void> remove_case(const StoreIo& io, const CaseRecord& c, Date today, const CaseRules& rules,
                         const std::string& by, const std::string& at) {
  // Its files must all be in the file system: one not loaded yet would survive the removal (issue 8).
  if (c.pending || io.is_pending(case_file(c.id)) || io.is_pending("cases/" + c.id + "/"))
    return RuleViolation{"CASE-LOADING", "正在载入案件数据…（案件 " + c.id + "），请稍候再删除", "case"};
  const RetentionStatus st = retention_status(c, today, rules, read_archive_log(io));
  const std::string years = std::to_string(rules.retention_years);
  if (!st.closed)
    return RuleViolation{"R11",
                         "案件 " + c.id + " 尚未关闭（认证周期仍在进行，或证书有效、暂停中），其记录须保存，不能删除（R11 §7）",
                         "case"};
  if (!st.ended)
    return RuleViolation{"R11",
                         "案件 " + c.id + " 的记录须保存至 " + st.ends_on->iso() + "（自最后一项记录起 " + years +
                             " 年），保存期满前不能删除（R11 §7）",
                         "case"};
  if (!st.archive)
    return RuleViolation{"R11",
                         "案件 " + c.id + " 尚无覆盖全部记录的存档：请先“导出案件存档”并妥善保存，再删除（R11 §7）",
                         "case"};
  if (!st.verified)
    return RuleViolation{"R11",
                         "案件 " + c.id + " 的存档“" + st.archive->file +
                             "”尚未核对：请点“核对存档…”选择保存下来的存档文件，核对一致后再删除（R11 §7）",
                         "case"};
  // The log first: a removal is never left unrecorded (an interrupted one is simply redone).
  append_entry(io, kRemovalLogFile, "removals",
               {{"case_id", c.id}, {"organisation", c.organisation}, {"package_id", c.package_id}, {"by", by},
                {"at", at}, {"retention_ended_on", st.ends_on->iso()}, {"archive_file", st.archive->file},
                {"archive_created_at", st.archive->created_at}, {"archive_digest", st.archive->digest}});
  json kept = json::array();
  for (const json& e : entries(io.read(kCaseIndexFile), "cases"))
    if (text_member(e, "id") != c.id) kept.push_back(e);
  io.write(kCaseIndexFile, json{{"cases", kept}}.dump());
  const std::string dir = "cases/" + c.id + "/";
  for (const std::string& path : io.list ? io.list() : std::vector<std::string>{})
    if (path.rfind(dir, 0) == 0) io.remove(path);
  io.remove(case_file(c.id));
  io.remove(summary_file(c.id));
  return ok_void();
}

}  // namespace certdesk::ui
