// ui/cases/case_query.hpp — the case list's query: plain values shared by
// the app model (the list's filter is view state the test hook can set) and the case board.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/case_step.hpp"

namespace certdesk::ui {

// Defined in case_board.cpp.
enum class SortKey { Id, Organisation, Scope, Step, Status, NextDue };
enum class StatusFilter { Any, NoCertificate, InForce, Suspended, Ended };

struct CaseQuery {
  std::string text;                 // matched in id, organisation, scope, certificate number
  std::optional<Step> step;         // nullopt: every step
  StatusFilter status = StatusFilter::Any;
  bool overdue_only = false;
  SortKey sort = SortKey::NextDue;
  bool ascending = true;
  bool operator==(const CaseQuery&) const = default;
};

}  // namespace certdesk::ui

namespace certdesk {
CERTDESK_ENUM_TABLE(ui::SortKey, {ui::SortKey::Id, "id"}, {ui::SortKey::Organisation, "organisation"},
    {ui::SortKey::Scope, "scope"}, {ui::SortKey::Step, "step"}, {ui::SortKey::Status, "status"},
    {ui::SortKey::NextDue, "next_due"})
CERTDESK_ENUM_TABLE(ui::StatusFilter, {ui::StatusFilter::Any, "any"}, {ui::StatusFilter::NoCertificate, "no_certificate"},
    {ui::StatusFilter::InForce, "in_force"}, {ui::StatusFilter::Suspended, "suspended"}, {ui::StatusFilter::Ended, "ended"})
}  // namespace certdesk
