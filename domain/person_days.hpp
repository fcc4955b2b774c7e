// Audit person-days (附录A 服务认证人日计算表, §6.2): the table is versioned JSON data (an example
// from IAF MD 5 QMS table 1 ships in domain/data/person-days-example.json); the calculation
// returns the figure with its justification line by line, because clients and accreditors ask.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/case_model.hpp"
#include "domain/enum_table.hpp"
#include "domain/result.hpp"

namespace certdesk {

// initial §6.4; surveillance §6.7.1; recertification §6.8; scope extension §6.9 ("as initial").
enum class AuditTimeKind { initial, surveillance, recertification, extension };

CERTDESK_ENUM_TABLE(AuditTimeKind, {AuditTimeKind::initial, "initial", "初次认证审核"},
    {AuditTimeKind::surveillance, "surveillance", "监督审核"},
    {AuditTimeKind::recertification, "recertification", "再认证审核"},
    {AuditTimeKind::extension, "extension", "扩大认证范围审核"})

// One band of the table: effective personnel min..max (inclusive) → audit days (stage 1 + 2).
struct PersonnelBand {
  int min_personnel = 1;
  int max_personnel = 1;
  double days = 0;
  bool operator==(const PersonnelBand&) const = default;
};

// Above the last band, every further step_personnel persons (or part) add step_days.
struct BeyondLastBand {
  int step_personnel = 2200;  // the width of IAF MD 5's last band (8501–10700)
  double step_days = 1.0;
  bool operator==(const BeyondLastBand&) const = default;
};

struct LevelFactor {        // complexity by certification level (一级/二级/三级)
  std::string level;
  double factor = 1.0;
  bool operator==(const LevelFactor&) const = default;
};

struct CategoryCountFactor {  // complexity by number of service categories in scope
  int min_categories = 1;   // applies from this count up to the next entry's min
  double factor = 1.0;
  bool operator==(const CategoryCountFactor&) const = default;
};

// A signed percentage change of the audit time with its written reason (IAF MD 5: every
// adjustment is justified). percent < 0 reduces.
struct Adjustment {
  std::string reason_zh;
  double percent = 0;
  bool operator==(const Adjustment&) const = default;
};

struct AdjustmentPreset {   // a standard adjustment the UI offers; the reviewer may still edit it
  std::string id;
  Adjustment adjustment;
  bool operator==(const AdjustmentPreset&) const = default;
};

struct KindFactors {        // share of the initial-audit time per audit kind (IAF MD 5 convention)
  double initial = 1.0;
  double surveillance = 1.0 / 3.0;    // "about one third"
  double recertification = 2.0 / 3.0; // "about two thirds"; §6.8 says "按初认证规则确定": 1.0 is allowed
  double extension = 1.0;             // §6.9 "as an initial certification", on the extended scope
  bool operator==(const KindFactors&) const = default;
};

struct PersonDaysTable {
  int schema_version = 1;
  std::string id;
  std::string version;
  std::string label;                 // must make plain that an example is an example
  std::string note;
  std::vector<PersonnelBand> bands;  // contiguous from 1, days strictly increasing
  BeyondLastBand beyond_last_band;
  std::vector<LevelFactor> level_factors;
  std::vector<CategoryCountFactor> category_count_factors;  // first min_categories is 1
  double max_total_reduction_percent = 30;  // IAF MD 5: net reduction at most 30 %
  double stage1_share = 0.2;         // stage 1 (off-site document review) share of initial time
  double min_onsite_share = 0.8;     // IAF MD 5: on-site at least 80 %; stage1_share must respect it
  double minimum_days = 1.0;         // no audit below this, after the kind factor
  KindFactors kind_factors;
  std::vector<AdjustmentPreset> adjustment_presets;
  bool operator==(const PersonDaysTable&) const = default;
};

struct PersonDaysInput {
  AuditTimeKind kind = AuditTimeKind::initial;
  int effective_personnel = 0;        // headcount in scope, ≥ 1
  std::string level;                  // scope level; with mixed levels pass the most demanding
  int service_categories = 1;         // number of service categories in scope (extension: the added ones)
  std::vector<Adjustment> adjustments;
  bool operator==(const PersonDaysInput&) const = default;
};

struct PersonDays {
  double table_days = 0;      // the band's figure (or the progression above the last band)
  double unrounded = 0;       // after factors, adjustments, kind factor and minimum
  double total = 0;           // rounded to the half day
  double stage1 = 0;          // off-site document review (initial, extension); 0 otherwise
  double stage2 = 0;          // on-site (for surveillance and recertification: everything)
  double applied_adjustment_percent = 0;  // net, after the cap
  bool reduction_capped = false;
  std::string table_id;
  std::string table_version;
  std::vector<std::string> justification;  // Chinese, one line per step
  bool operator==(const PersonDays&) const = default;
};

// Loads and validates a table (Chinese errors naming the field, rule "INPUT").
Result<PersonDaysTable> load_person_days_table(const nlohmann::json& j);
// Validates a table built in code (same checks as loading).
Result<void> validate_person_days_table(const PersonDaysTable& table);
// The input for the current cycle of a case (§6.2 附录A): its kind (initial, recertification,
// extension), headcount in scope, number of categories, and with mixed levels the most demanding
// one (the highest level factor of the table). Adjustments are the reviewer's to add.
PersonDaysInput person_days_input(const Cycle& cycle, const PersonDaysTable& table);

// Audit time for one audit, with justification. Errors: INPUT (bad headcount, unknown level,
// adjustment without reason, …).
Result<PersonDays> calculate_person_days(const PersonDaysTable& table, const PersonDaysInput& input);
// Rounds to the nearest half day; a quarter exactly (x.25, x.75) rounds up.
double round_to_half_day(double days);

// JSON. from_json for the table and input throw on bad data (trusted data only — use
// load_person_days_table / person_days_input_from_json for user data).
void to_json(nlohmann::json& j, const PersonDaysTable& t);
void from_json(const nlohmann::json& j, PersonDaysTable& t);
void to_json(nlohmann::json& j, const Adjustment& a);
void to_json(nlohmann::json& j, const PersonDaysInput& in);
Result<PersonDaysInput> person_days_input_from_json(const nlohmann::json& j);
void from_json(const nlohmann::json& j, PersonDaysInput& in);
void to_json(nlohmann::json& j, const PersonDays& r);
void from_json(const nlohmann::json& j, PersonDays& r);

}  // namespace certdesk
