// Reads a repository data file (domain/data/*.json) for tests; CERTDESK_SOURCE_DIR is set by CMake
// and the wasm build runs with NODERAWFS, so the same path works under node.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

inline nlohmann::json read_data_json(const std::string& relative) {
  std::ifstream in(std::string(CERTDESK_SOURCE_DIR) + "/" + relative);
  REQUIRE(in.good());
  std::stringstream buf;
  buf << in.rdbuf();
  return nlohmann::json::parse(buf.str());
}
