// wasm/storage.cpp — atomic writes into the IDBFS mount, and the sync queue's bookkeeping.
#include "wasm/storage.hpp"

#include <emscripten.h>
#include <emscripten/html5.h>
#include <fcntl.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <vector>
#include <dirent.h>
#include <sys/stat.h>

extern "C" {
// browser.js: schedule the sync to IndexedDB of `path` (written, or removed), covering seq.
void certdesk_js_sync(double seq, const char* path, int removed);
int certdesk_js_store_read_only();
// browser.js: calls certdesk_storage_load_failed if js/store_load.js could not read the store.
void certdesk_js_store_load_error();
// browser.js: 1 while `path` (or, ending in '/', anything under it) is in IndexedDB but not yet
// loaded into the file system (js/store_load.js loads the case files after the first frame).
int certdesk_js_store_pending(const char* path);
}

namespace certdesk::wasm {

namespace {
constexpr const char* kRoot = "/store/";

std::optional<std::string> read_file(const std::string& rel) {
  FILE* f = std::fopen((kRoot + rel).c_str(), "rb");
  if (!f) return std::nullopt;
  std::string text;
  char buf[8192];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
  std::fclose(f);
  return text;
}

// Every regular file under the store root, relative to it ("cases/C2026-001/att/att-1").
void list_files(const std::string& rel, std::vector<std::string>& out) {
  DIR* dir = opendir((kRoot + rel).c_str());
  if (!dir) return;
  std::vector<std::string> subdirs;
  while (const dirent* e = readdir(dir)) {
    const std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    const std::string path = rel + name;
    struct stat st {};
    if (stat((kRoot + path).c_str(), &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) subdirs.push_back(path + "/");
    else if (S_ISREG(st.st_mode)) out.push_back(path);
  }
  closedir(dir);
  for (const std::string& d : subdirs) list_files(d, out);
}

// Creates the directories of a store path ("cases/C2026-001/att/att-1").
void make_parents(const std::string& path) {
  for (std::size_t slash = path.find('/', 1); slash != std::string::npos; slash = path.find('/', slash + 1))
    mkdir(path.substr(0, slash).c_str(), 0755);  // EEXIST is fine
}

// The current mtime of a file in milliseconds (stat() gives whole seconds only), 0 if none.
EM_JS(double, certdesk_mtime_ms, (const char* path), {
  try { return FS.stat(UTF8ToString(path)).mtime.getTime(); } catch (e) { return 0; }
});

// IDBFS copies a file to IndexedDB only when its mtime differs from the one stored there, and
// MEMFS stamps files with Date.now(), to the millisecond. A version written in the same
// millisecond as the one a running sync is storing would look unchanged to the next sync, which
// would then report it saved without storing it. So each version of a file gets an mtime later
// than the previous version's (and than any earlier write of this session).
double next_mtime_ms(const std::string& path) {
  static double last = 0;
  last = std::max({std::floor(emscripten_date_now()), certdesk_mtime_ms(path.c_str()) + 1, last + 1});
  return last;
}

// Temporary file + rename: a reader (or a sync) sees the old file or the new one, never half.
bool write_atomic(const std::string& rel, const std::string& content, std::string& error) {
  const std::string path = kRoot + rel, tmp = path + ".tmp";
  make_parents(path);
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) {
    error = std::strerror(errno);
    return false;
  }
  const bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
  const bool closed = std::fclose(f) == 0;
  const double mtime = next_mtime_ms(path);
  const timespec stamp{static_cast<time_t>(mtime / 1000), static_cast<long>(std::fmod(mtime, 1000.0) * 1000000)};
  const timespec times[2] = {stamp, stamp};
  if (!ok || !closed || utimensat(AT_FDCWD, tmp.c_str(), times, 0) != 0 ||
      std::rename(tmp.c_str(), path.c_str()) != 0) {
    error = std::strerror(errno);
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}
}  // namespace

StorageStatus& storage_status() {
  static StorageStatus status;
  return status;
}

bool store_read_only() { return certdesk_js_store_read_only() != 0; }

const std::string& store_load_error() {
  certdesk_js_store_load_error();
  return storage_status().load_error;
}

std::string failed_files_text(const std::function<std::string(const std::string&)>& label) {
  const StorageStatus& s = storage_status();
  std::string text;
  auto add = [&](const std::map<std::string, std::string>& files) {
    for (const auto& [path, why] : files) text += (text.empty() ? "" : "；") + label(path) + why;
  };
  add(s.write_failed);
  add(s.failed);
  return text;
}

// INVARIANT (issue 8, the store loaded in two stages): no IndexedDB entry is overwritten or
// deleted because its file was not loaded yet. IndexedDB entries are put or deleted only for the
// paths named here after a write or removal in the file system (js/save_pump.js storeChanges; nothing
// calls FS.syncfs(false)), and a path still pending — in IndexedDB, not yet in the file system —
// is refused here, whatever the caller: it is neither written nor removed. The loaders in js/store_load.js
// only create files in the file system, never replace one it has, and never write IndexedDB.
ui::StoreIo store_io() {
  ui::StoreIo io;
  io.read = read_file;
  io.pending = [](const std::string& rel) { return certdesk_js_store_pending(rel.c_str()) != 0; };
  // A store that could not be loaded is never written (nothing overwrites what was not read);
  // the app refuses changes before they get here (AppCore, ShellInfo::load_error).
  io.write = [](const std::string& rel, const std::string& content) {
    StorageStatus& s = storage_status();
    if (!s.load_error.empty()) return;
    if (certdesk_js_store_pending(rel.c_str())) {  // the invariant above; callers wait for the file first
      s.write_failed[rel] = "尚未从浏览器存储中载入，未能保存";
      return;
    }
    std::string error;
    if (!write_atomic(rel, content, error)) {  // the model keeps the change
      s.write_failed[rel] = "未能保存（" + error + "）";
      return;
    }
    s.write_failed.erase(rel);  // this very file is written now
    s.written += 1;
    certdesk_js_sync(s.written, rel.c_str(), 0);
  };
  io.remove = [](const std::string& rel) {
    StorageStatus& s = storage_status();
    if (!s.load_error.empty()) return;
    if (certdesk_js_store_pending(rel.c_str())) {  // the invariant above: never removed unseen
      s.write_failed[rel] = "尚未从浏览器存储中载入，未能删除";
      return;
    }
    if (std::remove((kRoot + rel).c_str()) != 0 && errno != ENOENT) {
      s.write_failed[rel] = std::string("未能删除（") + std::strerror(errno) + "）";
      return;
    }
    s.write_failed.erase(rel);
    s.written += 1;
    certdesk_js_sync(s.written, rel.c_str(), 1);
  };
  io.list = [] {
    std::vector<std::string> out;
    list_files("", out);
    return out;
  };
  io.list_under = [](const std::string& folder) {
    std::vector<std::string> out;
    list_files(folder, out);
    return out;
  };
  return io;
}

}  // namespace certdesk::wasm

extern "C" {

// A sync covering writes up to `seq` finished; `error` is empty unless it failed as a whole.
// `failed`: every file whose own save failed so far and is not written yet ("<path>\t<why>" lines;
// js/save_pump.js retries each alone): the indicator stays until that very file is written.
EMSCRIPTEN_KEEPALIVE void certdesk_storage_synced(double seq, const char* error, const char* failed) {
  auto& s = certdesk::wasm::storage_status();
  if (error && *error) {
    s.error = error;
  } else {
    s.error.clear();
    if (seq > s.synced) s.synced = seq;
    s.failed.clear();
    for (std::string_view rest = failed ? failed : ""; !rest.empty();) {
      const std::size_t end = std::min(rest.find('\n'), rest.size());
      const std::string_view line = rest.substr(0, end);
      rest.remove_prefix(std::min(end + 1, rest.size()));
      const std::size_t tab = line.find('\t');
      if (tab != std::string_view::npos) s.failed[std::string(line.substr(0, tab))] = std::string(line.substr(tab + 1));
    }
  }
  certdesk::wasm::changed_outside_frame();  // the status bar's 已保存 / the failure
}

// js/store_load.js could not read the store (asked by store_load_error() before the store is attached).
EMSCRIPTEN_KEEPALIVE void certdesk_storage_load_failed(const char* why) {
  certdesk::wasm::storage_status().load_error = why && *why ? why : "浏览器中保存的数据无法读取";
}

}  // extern "C"
