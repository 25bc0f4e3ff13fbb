// How each core record maps to table rows (internal to src/store).
//
// Every table is described once by a TableSpec (name and column list); the
// INSERT / upsert / SELECT statements are generated from it, and one bind
// function and one read function per record walk the columns in the same
// order. A Binder checks every value on the way in (ids well formed, text
// valid UTF-8 without NUL and within an absolute size cap, enums as their
// stable codes), under core's validate() which checks the meaning and a Reader checks every value on the way out (a date that
// does not parse or an unknown code is a corrupt record, not a crash).
//
// Records a person or plan owns in lists (care periods, plan objectives...)
// are child rows with ids made from the parent's id and their place in the
// list ("<plan id>:objective:EET:2"), so saving the parent again updates
// only the rows that changed and each change is one outbox entry.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "store/database.h"

namespace pathway::store::detail {

struct TableSpec {
  std::string table;
  std::vector<std::string> columns;  // "id" first
  std::string select_sql;            // SELECT <columns> FROM <table> (add WHERE/ORDER BY)
  std::string insert_sql;            // plain INSERT (append-only records)
  std::string upsert_if_changed_sql; // INSERT, or UPDATE when any column differs (child rows)
  std::string versioned_upsert_sql;  // INSERT, or UPDATE when the stored version is the new one - 1
  std::string select_columns(std::string_view alias) const;  // "a.c1, a.c2, ..."
};

// The largest text any single field may hold, whatever core's own (smaller,
// per-field) limits say: a last line of defence for raw input.
inline constexpr size_t max_field_bytes = 100 * 1024;

// Binds a record's values to ?1, ?2 ... in TableSpec column order.
class Binder {
 public:
  Binder(Statement& statement, const TableSpec& spec) : statement_(statement), spec_(spec) {}

  Binder& id(std::string_view value);           // required, well formed
  Binder& optional_id(std::string_view value);  // empty = NULL
  Binder& text(std::string_view value);
  Binder& integer(int64_t value);
  Binder& flag(bool value) { return integer(value ? 1 : 0); }
  Binder& date(Date value);
  Binder& optional_date(const std::optional<Date>& value);
  Binder& instant(Instant value);
  template <class E>
  Binder& code(E value) {
    return text(core::code_of(value));
  }
  // Every column bound, every value acceptable; otherwise the first problem
  // as invalid_input naming the column.
  Status finish() const;

 private:
  std::string_view column() const;
  Binder& fail(std::string message);

  Statement& statement_;
  const TableSpec& spec_;
  int next_ = 1;
  std::optional<Error> error_;
};

// Reads a row in TableSpec column order from `first` (for joined selects).
class Reader {
 public:
  Reader(const Statement& statement, const TableSpec& spec, int first = 0)
      : statement_(statement), spec_(spec), first_(first), next_(first) {}

  std::string id() { return text(); }
  std::string optional_id() { return text(); }  // NULL = empty
  std::string text();
  int64_t integer();
  bool flag() { return integer() != 0; }
  Date date();
  std::optional<Date> optional_date();
  Instant instant();
  template <class E>
  E code() {
    const std::string value = text();
    if (auto parsed = core::enum_from_code<E>(value)) return *parsed;
    corrupt("unknown code");
    return E{};
  }
  void skip(int columns);
  Status finish() const;

 private:
  void corrupt(std::string_view what);
  const Statement& statement_;
  const TableSpec& spec_;
  int first_;
  int next_;
  std::optional<Error> error_;
};

// [SECTION] Table specs

const TableSpec& teams_table();
const TableSpec& staff_table();
const TableSpec& duty_rota_table();
const TableSpec& young_people_table();
const TableSpec& care_periods_table();
const TableSpec& education_periods_table();
const TableSpec& parent_home_periods_table();
const TableSpec& in_touch_table();
const TableSpec& contacts_table();
const TableSpec& follow_ups_table();
const TableSpec& plans_table();
const TableSpec& plan_sections_table();
const TableSpec& objectives_table();
const TableSpec& plan_events_table();
const TableSpec& activity_table();
const TableSpec& accommodation_table();
const TableSpec& risks_table();
const TableSpec& risk_factors_table();
// Every table above, by name (nullptr for any other name).
const TableSpec* table_named(std::string_view name);

// [SECTION] Bind and read, one pair per record (column order = spec order)

void bind(Binder&, const core::Team&);
void read(Reader&, core::Team&);
void bind(Binder&, const core::Staff&);
void read(Reader&, core::Staff&);
void bind(Binder&, const core::DutyManagerEntry&);
void read(Reader&, core::DutyManagerEntry&);
// The young person's own row; lists are child rows below. `languages_json`
// is the JSON array text of person.languages.
void bind(Binder&, const core::YoungPerson&, const std::string& languages_json);
void read(Reader&, core::YoungPerson&, std::string& languages_json);
// A young person's row as read, before the languages are parsed.
struct PersonRow {
  core::YoungPerson person;
  std::string languages_json;
};
inline void read(Reader& r, PersonRow& row) { read(r, row.person, row.languages_json); }
void bind(Binder&, const core::Contact&);
void read(Reader&, core::Contact&);
void bind(Binder&, const core::PathwayPlan&);
void read(Reader&, core::PathwayPlan&);
void bind(Binder&, const core::ActivitySpell&);
void read(Reader&, core::ActivitySpell&);
void bind(Binder&, const core::AccommodationSpell&);
void read(Reader&, core::AccommodationSpell&);
void bind(Binder&, const core::RiskAssessment&);
void read(Reader&, core::RiskAssessment&);

// Child rows: the child's id (child_id()) and its parent's, and its place
// in the list. Reads skip the id, parent and position columns.
std::string child_id(std::string_view parent_id, std::string_view kind, std::string_view key);
struct ChildKey {
  std::string id;
  std::string_view parent_id;
};
// A plan objective with the section it belongs to (one table for all eight).
struct SectionObjective {
  core::PlanSection section = core::PlanSection::contact_and_support;
  core::Objective objective;
};
void bind(Binder&, const ChildKey&, int position, const core::CarePeriod&);
void read(Reader&, core::CarePeriod&);
void bind(Binder&, const ChildKey&, int position, const core::DateRange&);
void read(Reader&, core::DateRange&);
void bind(Binder&, const ChildKey&, int position, const core::InTouchRecord&);
void read(Reader&, core::InTouchRecord&);
void bind(Binder&, const ChildKey&, int position, const core::FollowUpAction&);
void read(Reader&, core::FollowUpAction&);
void bind(Binder&, const ChildKey&, int position, const core::PlanSectionContent&);
void read(Reader&, core::PlanSectionContent&);
void bind(Binder&, const ChildKey&, int position, const SectionObjective&);
void read(Reader&, SectionObjective&);
void bind(Binder&, const ChildKey&, int position, const core::RiskFactor&);
void read(Reader&, core::RiskFactor&);

// JSON array of strings (for YoungPerson::languages), and back.
std::string json_string_array(const std::vector<std::string>& items);
Result<std::vector<std::string>> parse_json_string_array(Database& db, const std::string& json);

}  // namespace pathway::store::detail
