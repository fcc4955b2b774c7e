// Every enum table of the domain (issue 16 item 4): each value listed once, in declaration order,
// with a unique id that reads back to it, and a label wherever users read the value.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "domain/case_model.hpp"
#include "domain/case_rules.hpp"
#include "domain/case_step.hpp"
#include "domain/deadlines.hpp"
#include "domain/package.hpp"
#include "domain/person_days.hpp"
#include "domain/register.hpp"

namespace certdesk {
namespace {

// The table lists the values 0..n-1 in order (the enums are plain sequences), ids unique and
// reading back; `labelled`: every value a user can see has a Chinese label.
template <class E> void check_table(bool labelled, std::set<E> unlabelled = {}) {
  std::set<std::string> ids;
  int expected = 0;
  for (const auto& item : enum_items<E>()) {
    CAPTURE(item.id);
    CHECK(static_cast<int>(item.value) == expected++);
    CHECK(ids.insert(item.id).second);
    CHECK(enum_from_id<E>(item.id) == item.value);
    CHECK(std::string(enum_id(item.value)) == item.id);
    if (labelled && !unlabelled.count(item.value)) CHECK(std::string(enum_label(item.value)) != "");
  }
  CHECK_FALSE(enum_from_id<E>("no-such-id").has_value());
}

TEST_CASE("enum tables: each value once, in order, ids unique and read back, labels where users read them") {
  check_table<Role>(true);
  check_table<TeamRole>(true);
  check_table<RemoteCause>(true, {RemoteCause::None});
  check_table<AuditKind>(false);
  check_table<FindingKind>(false);
  check_table<Recommendation>(true);
  check_table<CycleKind>(false);
  check_table<CyclePhase>(true);
  check_table<CertStatus>(true);
  check_table<StatusGround>(true, {StatusGround::None, StatusGround::Issued});
  check_table<ChangeKind>(true);
  check_table<SpecialReason>(true);
  check_table<ReviewMark>(true);
  check_table<ComplaintKind>(true);
  check_table<SurveillanceAnchor>(true);
  check_table<ObligationKind>(true);
  check_table<DueStatus>(true);
  check_table<AuditTimeKind>(true);
  check_table<package::Kind>(true);
  check_table<package::Claim>(true);
  check_table<reg::PublicStatus>(true);
  check_table<Step>(true);
}

TEST_CASE("enum tables: the ids stored files carry are unchanged") {
  // A stored history and a package of the previous version carry these spellings.
  CHECK(std::string(enum_id(CertStatus::Suspended)) == "suspended");
  CHECK(std::string(enum_id(StatusGround::SeriousNcAtSurveillance)) == "serious_nc_at_surveillance");
  CHECK(std::string(enum_id(package::Claim::unanswered)).empty());
  CHECK(std::string(enum_id(package::Claim::partly_conforms)) == "partly_conforms");
  CHECK(std::string(enum_id(ObligationKind::RecertificationWindow)) == "recertification_window");
  CHECK(std::string(enum_id(SurveillanceAnchor::DecisionDate)) == "decision_date");
  CHECK(std::string(enum_id(Step::Stage2)) == "stage2");
  CHECK(std::string(enum_label(CyclePhase::Closed)) == "认证周期已完成");
  CHECK(std::string(enum_label(Role::DecisionMaker)) == "认证决定人员");
}

}  // namespace
}  // namespace certdesk
