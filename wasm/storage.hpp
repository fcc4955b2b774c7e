// wasm/storage.hpp — the durable store on IDBFS (mounted at /store by js/store_load.js, loaded from
// IndexedDB before main() runs): atomic file writes and the sync status behind "已保存".
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "ui/shell/store.hpp"

namespace certdesk::wasm {

// Write sequence numbers: a change counts as saved once a sync that started after it is done.
// Failures (issue 17) are kept per file: each goes only when that very file has been written.
struct StorageStatus {
  double written = 0;  // last write handed to the sync queue
  double synced = 0;   // last write known to be in IndexedDB or in `failed`
  std::string error;   // the last sync failed as a whole (the database; it is retried)
  std::map<std::string, std::string> failed;        // store path → why IndexedDB did not take it (retried)
  std::map<std::string, std::string> write_failed;  // store path → why the file system did not
  std::string load_error;  // the store could not be loaded: nothing is written
};

StorageStatus& storage_status();
ui::StoreIo store_io();
bool store_read_only();
// Why the store could not be loaded from IndexedDB ("" if it was); asked once, before attach.
const std::string& store_load_error();
// The save indicator's failure text naming each failed file (`label` turns a store path into
// words: the attachment's name, the case…); "" when no file failed.
std::string failed_files_text(const std::function<std::string(const std::string&)>& label);

// Something changed outside a frame (a save synced): draw it (wasm/main.cpp, drawing on demand).
void changed_outside_frame();

}  // namespace certdesk::wasm
