// wasm/storage.hpp — the durable store on IDBFS (mounted at /store by js/store_load.js, loaded from
// IndexedDB before main() runs): atomic file writes and the sync status behind "已保存".
#pragma once

#include <optional>
#include <string>

#include "ui/shell/store.hpp"

namespace certdesk::wasm {

// Write sequence numbers: a change counts as saved once a sync that started after it is done.
struct StorageStatus {
  double written = 0;  // last write handed to the sync queue
  double synced = 0;   // last write known to be in IndexedDB
  std::string error;   // last sync error (the sync is retried)
  std::string write_error;
};

StorageStatus& storage_status();
ui::StoreIo store_io();
bool store_read_only();

// Something changed outside a frame (a save synced): draw it (wasm/main.cpp, drawing on demand).
void changed_outside_frame();

}  // namespace certdesk::wasm
