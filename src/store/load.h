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
#include "store/records.h"

namespace pathway::store::detail {

// Which records: an SQL condition on the record's own table (no alias), its
// text arguments for ?1, ?2 ..., and the order of the result.
struct Filter {
  std::string where = "1";
  std::vector<std::string> args;
  std::string order_by = "id";
  // Columns to read as empty text instead of their value (queries that do
  // not need long free text, e.g. the figures and contact notes).
  std::vector<std::string> blank_columns;
};

// SELECT <columns> FROM <table>, with the filter's blank columns as ''.
std::string select_sql(const TableSpec& spec, const Filter& filter);

// Reads every row of `spec` matching `filter` into a T (with records.h's
// read()) and hands it to `visit(T&&)`, one at a time: for queries that group
// or pick records as they come, rather than holding them all (a vector of
// plans can outgrow the allocator's threshold and cost a heap trim per call).
template <class T, class Visit>
Status visit_records(Database& db, const TableSpec& spec, const Filter& filter, Visit&& visit) {
  auto statement = db.prepare(select_sql(spec, filter) + " WHERE " + filter.where + " ORDER BY " + filter.order_by);
  if (!statement) return statement.error();
  for (size_t i = 0; i < filter.args.size(); ++i) statement->bind(static_cast<int>(i + 1), filter.args[i]);
  for (;;) {
    auto row = statement->step();
    if (!row) return row.error();
    if (!*row) return ok_status();
    T record;
    Reader reader(*statement, spec);
    read(reader, record);
    if (Status read_ok = reader.finish(); !read_ok) return read_ok;
    visit(std::move(record));
  }
}

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
