// A store in memory for the app-model tests: the StoreIo the shell would supply, over a map.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ui/shell/store.hpp"

struct MemoryStore {
  std::map<std::string, std::string> files;
  certdesk::ui::StoreIo io() {
    certdesk::ui::StoreIo io;
    io.read = [this](const std::string& p) -> std::optional<std::string> {
      auto it = files.find(p);
      if (it == files.end()) return std::nullopt;
      return it->second;
    };
    io.write = [this](const std::string& p, const std::string& c) { files[p] = c; };
    io.remove = [this](const std::string& p) { files.erase(p); };
    io.list = [this] {
      std::vector<std::string> paths;
      for (const auto& [p, _] : files) paths.push_back(p);
      return paths;
    };
    return io;
  }
};
