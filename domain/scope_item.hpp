// ScopeItem: one line of a requested scope — a service category at a level, from the catalogue.
// Shared by the case model and the catalogue (both defined it; one definition avoids a clash
// when a file includes both, e.g. the application package).
#pragma once

#include <string>

namespace certdesk {

struct ScopeItem {
  std::string category;
  std::string level;
  bool operator==(const ScopeItem&) const = default;
};

}  // namespace certdesk
