// A body's store with `n` cases of varying length (the benchmark's scripted procedure, cut at
// 20–60 events, some with a complaint and a name change), as make_store writes it; shared by
// the summary and two-stage-load tests.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/calendar.hpp"
#include "domain/case_json.hpp"
#include "tests/support/case_script.hpp"
#include "tests/ui/memory_store.hpp"
#include "ui/cases/cases.hpp"

namespace certdesk::testing {

// Writes the cases (and, with `attachment`, one attachment each) and the case index into
// `files`; returns the case ids in order.
inline std::vector<std::string> write_scripted_cases(MemoryStore& files, const WorkCalendar& calendar, int n,
                                                     bool attachment = false) {
  using nlohmann::json;
  std::vector<std::string> ids;
  json index = json::array();
  for (int i = 0; i < n; ++i) {
    char id[24];
    std::snprintf(id, sizeof id, "C2025-%04d", i + 1);
    auto history = script::scripted_case(calendar, i, id, 20 + static_cast<std::size_t>((i * 7) % 41), i % 3 == 0);
    files.files[ui::case_file(id)] = json{{"history", history_to_json(history)}, {"attachments", json::array()},
                                          {"package_id", "p" + std::to_string(i)}}.dump();
    if (attachment) files.files[ui::case_attachment_file(id, "att-1")] = "bytes of " + std::string(id);
    index.push_back({{"id", id}, {"package_id", "p" + std::to_string(i)}, {"digest", "d" + std::to_string(i)},
                     {"organisation", "测试组织" + std::to_string(i)}});
    ids.push_back(id);
  }
  files.files[ui::kCaseIndexFile] = json{{"cases", index}}.dump();
  return ids;
}

}  // namespace certdesk::testing
