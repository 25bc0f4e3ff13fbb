// Loading records with everything they own (internal to src/store): one
// query for the records and one per kind of child row, whatever the number
// of records, so a caseload or a whole council loads in a handful of
// statements. Used by the single-record reads, the lists and the queries.
#pragma once

#include <string>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "store/database.h"

namespace pathway::store::detail {

// Which records: an SQL condition on the record's own table (no alias), its
// text arguments for ?1, ?2 ..., and the order of the result.
struct Filter {
  std::string where = "1";
  std::vector<std::string> args;
  std::string order_by = "id";
};

Result<std::vector<core::YoungPerson>> load_people(Database& db, const Filter& filter);
// `with_children` = false loads the records' own rows only (a contact's
// follow-ups, a plan's sections and objectives are left empty), for queries
// and figures that need only status and dates.
Result<std::vector<core::Contact>> load_contacts(Database& db, const Filter& filter, bool with_children = true);
Result<std::vector<core::PathwayPlan>> load_plans(Database& db, const Filter& filter, bool with_children = true);
Result<std::vector<core::ActivitySpell>> load_activity(Database& db, const Filter& filter);
Result<std::vector<core::AccommodationSpell>> load_accommodation(Database& db, const Filter& filter);
Result<std::vector<core::RiskAssessment>> load_risks(Database& db, const Filter& filter);
Result<std::vector<core::Staff>> load_staff(Database& db, const Filter& filter);
Result<std::vector<core::Team>> load_teams(Database& db, const Filter& filter);
Result<std::vector<core::DutyManagerEntry>> load_duty_rota(Database& db, const Filter& filter);

}  // namespace pathway::store::detail
