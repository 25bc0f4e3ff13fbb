// Table specs, generated statements and the bind/read pair of every record
// (records.h). A record's columns are listed once, in its TableSpec; its bind
// and read functions walk them in that order, and the store's round-trip test
// saves and reads back every record type to prove the two agree.
#include "store/records.h"

#include "core/text.h"
#include "core/validate.h"
#include "store/queries_sql.h"

namespace pathway::store::detail {
namespace {

std::string joined(const std::vector<std::string>& items, std::string_view prefix, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += separator;
    out += prefix;
    out += items[i];
  }
  return out;
}

TableSpec make_spec(std::string table, std::vector<std::string> columns) {
  TableSpec spec{std::move(table), std::move(columns)};
  const std::string names = joined(spec.columns, "", ", ");
  std::string placeholders;
  for (size_t i = 1; i <= spec.columns.size(); ++i) placeholders += (i > 1 ? ", ?" : "?") + std::to_string(i);
  std::vector<std::string> non_id(spec.columns.begin() + 1, spec.columns.end());
  std::string assignments;
  for (size_t i = 0; i < non_id.size(); ++i) {
    assignments += (i ? ", " : "") + non_id[i] + " = excluded." + non_id[i];
  }
  spec.select_sql = "SELECT " + names + " FROM " + spec.table;
  spec.insert_sql = "INSERT INTO " + spec.table + "(" + names + ") VALUES (" + placeholders + ")";
  const std::string upsert = spec.insert_sql + " ON CONFLICT(id) DO UPDATE SET " + assignments;
  spec.upsert_if_changed_sql = upsert + " WHERE (" + joined(non_id, spec.table + ".", ", ") + ") IS NOT (" +
                               joined(non_id, "excluded.", ", ") + ")";
  spec.versioned_upsert_sql = upsert + " WHERE " + spec.table + ".version = excluded.version - 1";
  return spec;
}

}  // namespace

std::string TableSpec::select_columns(std::string_view alias) const {
  return joined(columns, std::string(alias) + ".", ", ");
}

// [SECTION] Binder

std::string_view Binder::column() const {
  const size_t index = static_cast<size_t>(next_ - 1);
  return index < spec_.columns.size() ? std::string_view(spec_.columns[index]) : std::string_view("(extra)");
}

Binder& Binder::fail(std::string message) {
  if (!error_) error_ = invalid(std::string(column()), std::move(message));
  ++next_;
  return *this;
}

Binder& Binder::id(std::string_view value) {
  if (!core::is_valid_id(value)) {
    return fail("The record id in " + std::string(column()) + " must be 1 to 64 letters, digits, '-' or '_'");
  }
  statement_.bind(next_++, value);
  return *this;
}

Binder& Binder::optional_id(std::string_view value) {
  if (value.empty()) {
    statement_.bind_null(next_++);
    return *this;
  }
  return id(value);
}

Binder& Binder::text(std::string_view value) {
  if (value.size() > max_field_bytes) return fail(std::string(column()) + " is too long (over 100 KiB)");
  if (value.find('\0') != std::string_view::npos || !core::is_valid_utf8(value)) {
    return fail(std::string(column()) + " contains bytes that are not valid UTF-8 text");
  }
  statement_.bind(next_++, value);
  return *this;
}

Binder& Binder::integer(int64_t value) {
  statement_.bind(next_++, value);
  return *this;
}

Binder& Binder::date(Date value) {
  statement_.bind(next_++, value.iso());
  return *this;
}

Binder& Binder::optional_date(const std::optional<Date>& value) {
  if (!value) {
    statement_.bind_null(next_++);
    return *this;
  }
  return date(*value);
}

Binder& Binder::instant(Instant value) {
  statement_.bind(next_++, value.iso());
  return *this;
}

Status Binder::finish() const {
  if (error_) return *error_;
  if (static_cast<size_t>(next_ - 1) != spec_.columns.size()) {
    return Error{ErrorCode::internal, "Store bug: " + spec_.table + " bound " + std::to_string(next_ - 1) +
                                          " of " + std::to_string(spec_.columns.size()) + " columns"};
  }
  return ok_status();
}

// [SECTION] Reader

void Reader::corrupt(std::string_view what) {
  const size_t index = static_cast<size_t>(next_ - 1 - first_);
  const std::string column = index < spec_.columns.size() ? spec_.columns[index] : "?";
  if (!error_) error_ = Error{ErrorCode::corrupt, "A stored " + spec_.table + " record has an " + std::string(what) + " in " + column};
}

std::string Reader::text() { return statement_.text(next_++); }

int64_t Reader::integer() { return statement_.integer(next_++); }

Date Reader::date() {
  const std::string value = text();
  if (auto parsed = Date::parse(value)) return *parsed;
  corrupt("unreadable date");
  return Date{};
}

std::optional<Date> Reader::optional_date() {
  if (statement_.is_null(next_)) {
    ++next_;
    return std::nullopt;
  }
  return date();
}

Instant Reader::instant() {
  const std::string value = text();
  if (auto parsed = Instant::parse(value)) return *parsed;
  corrupt("unreadable time");
  return Instant{};
}

void Reader::skip(int columns) { next_ += columns; }

Status Reader::finish() const {
  if (error_) return *error_;
  return ok_status();
}

// [SECTION] Table specs

#define PATHWAY_TABLE(function, name, ...)                     \
  const TableSpec& function() {                                \
    static const TableSpec spec = make_spec(name, __VA_ARGS__); \
    return spec;                                               \
  }

PATHWAY_TABLE(teams_table, "teams", {"id", "name", "manager_id", "version"})
PATHWAY_TABLE(staff_table, "staff", {"id", "name", "role", "team_id", "active", "version"})
PATHWAY_TABLE(duty_rota_table, "duty_rota", {"id", "staff_id", "team_id", "from_date", "to_date", "version"})
PATHWAY_TABLE(young_people_table, "young_people",
              {"id", "legal_given_name", "legal_family_name", "preferred_name", "date_of_birth", "date_of_death",
               "gender", "ethnicity", "phone", "email", "address_line1", "address_line2", "town", "postcode",
               "languages", "interpreter_needed", "uasc", "parent", "disability", "in_custody", "send",
               "detained_on_16th", "detention_began", "sgo_made", "sgo_ended", "looked_after_before_sgo",
               "privately_fostered_until",
               "allocated_pa_id", "team_id", "case_status", "case_closed_on", "contact_frequency", "version"})
PATHWAY_TABLE(care_periods_table, "care_periods",
              {"id", "young_person_id", "position", "start_date", "ceased_on", "legal_basis"})
PATHWAY_TABLE(education_periods_table, "education_periods",
              {"id", "young_person_id", "position", "start_date", "end_date"})
PATHWAY_TABLE(parent_home_periods_table, "parent_home_periods",
              {"id", "young_person_id", "position", "start_date", "end_date"})
PATHWAY_TABLE(in_touch_table, "in_touch_records", {"id", "young_person_id", "age", "code", "note"})
PATHWAY_TABLE(contacts_table, "contacts",
              {"id", "young_person_id", "staff_id", "occurred_at", "recorded_at", "type", "outcome",
               "not_seen_reason", "present", "young_persons_words", "pa_notes", "supersedes", "correction_reason",
               "withdrawn"})
PATHWAY_TABLE(follow_ups_table, "contact_follow_ups", {"id", "contact_id", "position", "text", "due", "done", "owner"})
PATHWAY_TABLE(plans_table, "pathway_plans",
              {"id", "young_person_id", "previous_plan_id", "author_id", "team_id", "status", "needs_completed_on",
               "needs_completed_by", "needs_summary", "young_persons_views", "created_on", "submitted_on",
               "authorised_by", "authorised_on", "returned_by", "returned_on", "return_comments", "early_review_for",
               "early_review_reason", "version"})
PATHWAY_TABLE(plan_sections_table, "plan_sections",
              {"id", "plan_id", "section", "position", "assessed_needs", "young_persons_views"})
PATHWAY_TABLE(objectives_table, "plan_objectives",
              {"id", "plan_id", "section", "position", "what", "how", "who", "by_when", "status"})
PATHWAY_TABLE(plan_events_table, "plan_events", {"id", "plan_id", "event", "staff_id", "on_date", "comments"})
PATHWAY_TABLE(activity_table, "activity_spells",
              {"id", "young_person_id", "start_date", "end_date", "code", "detail", "version"})
PATHWAY_TABLE(accommodation_table, "accommodation_spells",
              {"id", "young_person_id", "start_date", "end_date", "code", "suitability", "detail", "version"})
PATHWAY_TABLE(risks_table, "risk_assessments",
              {"id", "young_person_id", "assessed_by", "assessed_on", "review_due", "level", "summary", "version"})
PATHWAY_TABLE(risk_factors_table, "risk_factors", {"id", "risk_assessment_id", "position", "factor"})

#undef PATHWAY_TABLE

const TableSpec* table_named(std::string_view name) {
  static const TableSpec* const all[] = {
      &teams_table(),        &staff_table(),        &duty_rota_table(),           &young_people_table(),
      &care_periods_table(), &education_periods_table(), &parent_home_periods_table(), &in_touch_table(),
      &contacts_table(),     &follow_ups_table(),   &plans_table(),               &plan_sections_table(),
      &objectives_table(),   &plan_events_table(),  &activity_table(),            &accommodation_table(),
      &risks_table(),        &risk_factors_table()};
  for (const TableSpec* spec : all) {
    if (spec->table == name) return spec;
  }
  return nullptr;
}

const std::string& sql::current_contacts_newest_first() {
  static const std::string text = "SELECT " + contacts_table().select_columns("c") +
                                  " FROM contacts c WHERE c.young_person_id = ?1 AND c.occurred_at < ?2"
                                  " AND NOT EXISTS (SELECT 1 FROM contacts s WHERE s.supersedes = c.id)"
                                  " ORDER BY c.occurred_at DESC";
  return text;
}

// [SECTION] Records
// A saved record's version is the one it was read with, plus one.

void bind(Binder& b, const core::Team& t) {
  b.id(t.id).text(t.name).optional_id(t.manager_id).integer(t.version + 1);
}
void read(Reader& r, core::Team& t) {
  t.id = r.id();
  t.name = r.text();
  t.manager_id = r.optional_id();
  t.version = r.integer();
}

void bind(Binder& b, const core::Staff& s) {
  b.id(s.id).text(s.name).code(s.role).optional_id(s.team_id).flag(s.active).integer(s.version + 1);
}
void read(Reader& r, core::Staff& s) {
  s.id = r.id();
  s.name = r.text();
  s.role = r.code<core::StaffRole>();
  s.team_id = r.optional_id();
  s.active = r.flag();
  s.version = r.integer();
}

void bind(Binder& b, const core::DutyManagerEntry& d) {
  b.id(d.id).id(d.staff_id).optional_id(d.team_id).date(d.from).date(d.to).integer(d.version + 1);
}
void read(Reader& r, core::DutyManagerEntry& d) {
  d.id = r.id();
  d.staff_id = r.id();
  d.team_id = r.optional_id();
  d.from = r.date();
  d.to = r.date();
  d.version = r.integer();
}

void bind(Binder& b, const core::YoungPerson& p, const std::string& languages_json) {
  b.id(p.id).text(p.legal_given_name).text(p.legal_family_name).text(p.preferred_name).date(p.date_of_birth);
  b.optional_date(p.date_of_death).code(p.gender).code(p.ethnicity);
  b.text(p.phone).text(p.email).text(p.address_line1).text(p.address_line2).text(p.town).text(p.postcode);
  b.text(languages_json).flag(p.interpreter_needed);
  b.flag(p.flags.uasc).flag(p.flags.parent).flag(p.flags.disability).flag(p.flags.in_custody).flag(p.flags.send);
  b.code(p.detained_on_16th_birthday).optional_date(p.detention_began);
  b.optional_date(p.qualifying.special_guardianship_order_made).optional_date(p.qualifying.special_guardianship_order_ended);
  b.flag(p.qualifying.looked_after_before_sgo).optional_date(p.qualifying.privately_fostered_or_accommodated_until);
  b.optional_id(p.allocated_pa_id).optional_id(p.team_id).code(p.case_status).optional_date(p.case_closed_on);
  b.code(p.contact_frequency).integer(p.version + 1);
}
void read(Reader& r, core::YoungPerson& p, std::string& languages_json) {
  p.id = r.id();
  p.legal_given_name = r.text();
  p.legal_family_name = r.text();
  p.preferred_name = r.text();
  p.date_of_birth = r.date();
  p.date_of_death = r.optional_date();
  p.gender = r.code<core::Gender>();
  p.ethnicity = r.code<core::Ethnicity>();
  p.phone = r.text();
  p.email = r.text();
  p.address_line1 = r.text();
  p.address_line2 = r.text();
  p.town = r.text();
  p.postcode = r.text();
  languages_json = r.text();
  p.interpreter_needed = r.flag();
  p.flags.uasc = r.flag();
  p.flags.parent = r.flag();
  p.flags.disability = r.flag();
  p.flags.in_custody = r.flag();
  p.flags.send = r.flag();
  p.detained_on_16th_birthday = r.code<core::DetainedOn16th>();
  p.detention_began = r.optional_date();
  p.qualifying.special_guardianship_order_made = r.optional_date();
  p.qualifying.special_guardianship_order_ended = r.optional_date();
  p.qualifying.looked_after_before_sgo = r.flag();
  p.qualifying.privately_fostered_or_accommodated_until = r.optional_date();
  p.allocated_pa_id = r.optional_id();
  p.team_id = r.optional_id();
  p.case_status = r.code<core::CaseStatus>();
  p.case_closed_on = r.optional_date();
  p.contact_frequency = r.code<core::ContactFrequency>();
  p.version = r.integer();
}

void bind(Binder& b, const core::Contact& c) {
  b.id(c.id).id(c.young_person_id).id(c.staff_id).instant(c.occurred_at).instant(c.recorded_at);
  b.code(c.type).code(c.outcome).code(c.not_seen_reason);
  b.text(c.present).text(c.young_persons_words).text(c.pa_notes);
  b.optional_id(c.supersedes).text(c.correction_reason).flag(c.withdrawn);
}
void read(Reader& r, core::Contact& c) {
  c.id = r.id();
  c.young_person_id = r.id();
  c.staff_id = r.id();
  c.occurred_at = r.instant();
  c.recorded_at = r.instant();
  c.type = r.code<core::ContactType>();
  c.outcome = r.code<core::ContactOutcome>();
  c.not_seen_reason = r.code<core::NotSeenReason>();
  c.present = r.text();
  c.young_persons_words = r.text();
  c.pa_notes = r.text();
  c.supersedes = r.optional_id();
  c.correction_reason = r.text();
  c.withdrawn = r.flag();
}

void bind(Binder& b, const core::PathwayPlan& p) {
  b.id(p.id).id(p.young_person_id).optional_id(p.previous_plan_id).id(p.author_id).optional_id(p.team_id);
  b.code(p.status).optional_date(p.needs_assessment.completed_on).optional_id(p.needs_assessment.completed_by);
  b.text(p.needs_assessment.summary).text(p.young_persons_overall_views);
  b.optional_date(p.created_on).optional_date(p.submitted_on);
  b.optional_id(p.authorised_by).optional_date(p.authorised_on);
  b.optional_id(p.returned_by).optional_date(p.returned_on).text(p.return_comments);
  b.optional_date(p.early_review_requested_for).text(p.early_review_reason).integer(p.version + 1);
}
void read(Reader& r, core::PathwayPlan& p) {
  p.id = r.id();
  p.young_person_id = r.id();
  p.previous_plan_id = r.optional_id();
  p.author_id = r.id();
  p.team_id = r.optional_id();
  p.status = r.code<core::PlanStatus>();
  p.needs_assessment.completed_on = r.optional_date();
  p.needs_assessment.completed_by = r.optional_id();
  p.needs_assessment.summary = r.text();
  p.young_persons_overall_views = r.text();
  p.created_on = r.optional_date();
  p.submitted_on = r.optional_date();
  p.authorised_by = r.optional_id();
  p.authorised_on = r.optional_date();
  p.returned_by = r.optional_id();
  p.returned_on = r.optional_date();
  p.return_comments = r.text();
  p.early_review_requested_for = r.optional_date();
  p.early_review_reason = r.text();
  p.version = r.integer();
}

void bind(Binder& b, const core::ActivitySpell& s) {
  b.id(s.id).id(s.young_person_id).date(s.start).optional_date(s.end).code(s.code).text(s.detail);
  b.integer(s.version + 1);
}
void read(Reader& r, core::ActivitySpell& s) {
  s.id = r.id();
  s.young_person_id = r.id();
  s.start = r.date();
  s.end = r.optional_date();
  s.code = r.code<core::ActivityCode>();
  s.detail = r.text();
  s.version = r.integer();
}

void bind(Binder& b, const core::AccommodationSpell& s) {
  b.id(s.id).id(s.young_person_id).date(s.start).optional_date(s.end).code(s.code).code(s.suitability);
  b.text(s.detail).integer(s.version + 1);
}
void read(Reader& r, core::AccommodationSpell& s) {
  s.id = r.id();
  s.young_person_id = r.id();
  s.start = r.date();
  s.end = r.optional_date();
  s.code = r.code<core::AccommodationCode>();
  s.suitability = r.code<core::Suitability>();
  s.detail = r.text();
  s.version = r.integer();
}

void bind(Binder& b, const core::RiskAssessment& a) {
  b.id(a.id).id(a.young_person_id).id(a.assessed_by).date(a.assessed_on).date(a.review_due).code(a.level);
  b.text(a.summary).integer(a.version + 1);
}
void read(Reader& r, core::RiskAssessment& a) {
  a.id = r.id();
  a.young_person_id = r.id();
  a.assessed_by = r.id();
  a.assessed_on = r.date();
  a.review_due = r.date();
  a.level = r.code<core::RiskLevel>();
  a.summary = r.text();
  a.version = r.integer();
}

// [SECTION] Child rows
// Child ids are "<parent id>:<kind>:<key>" (child_id()); ':' never appears in
// a record id, so they cannot clash with one. They are made by the store, so
// they are bound as text; the parent id is checked like any id.

std::string child_id(std::string_view parent_id, std::string_view kind, std::string_view key) {
  std::string id(parent_id);
  id += ':';
  id += kind;
  id += ':';
  id += key;
  return id;
}

void bind(Binder& b, const ChildKey& key, int position, const core::CarePeriod& c) {
  b.text(key.id).id(key.parent_id).integer(position).date(c.start).optional_date(c.ceased).code(c.basis);
}
void read(Reader& r, core::CarePeriod& c) {
  r.skip(3);
  c.start = r.date();
  c.ceased = r.optional_date();
  c.basis = r.code<core::LegalBasis>();
}

void bind(Binder& b, const ChildKey& key, int position, const core::DateRange& d) {
  b.text(key.id).id(key.parent_id).integer(position).date(d.start).optional_date(d.end);
}
void read(Reader& r, core::DateRange& d) {
  r.skip(3);
  d.start = r.date();
  d.end = r.optional_date();
}

void bind(Binder& b, const ChildKey& key, int, const core::InTouchRecord& t) {
  b.text(key.id).id(key.parent_id).integer(t.age).code(t.code).text(t.note);
}
void read(Reader& r, core::InTouchRecord& t) {
  r.skip(2);
  t.age = static_cast<int>(r.integer());
  t.code = r.code<core::InTouchCode>();
  t.note = r.text();
}

void bind(Binder& b, const ChildKey& key, int position, const core::FollowUpAction& f) {
  b.text(key.id).id(key.parent_id).integer(position).text(f.text).optional_date(f.due).flag(f.done).text(f.owner);
}
void read(Reader& r, core::FollowUpAction& f) {
  r.skip(3);
  f.text = r.text();
  f.due = r.optional_date();
  f.done = r.flag();
  f.owner = r.text();
}

void bind(Binder& b, const ChildKey& key, int position, const core::PlanSectionContent& s) {
  b.text(key.id).id(key.parent_id).code(s.section).integer(position).text(s.assessed_needs);
  b.text(s.young_persons_views);
}
void read(Reader& r, core::PlanSectionContent& s) {
  r.skip(2);
  s.section = r.code<core::PlanSection>();
  r.skip(1);
  s.assessed_needs = r.text();
  s.young_persons_views = r.text();
}

void bind(Binder& b, const ChildKey& key, int position, const SectionObjective& o) {
  b.text(key.id).id(key.parent_id).code(o.section).integer(position).text(o.objective.what);
  b.text(o.objective.how).text(o.objective.who).optional_date(o.objective.by_when).code(o.objective.status);
}
void read(Reader& r, SectionObjective& o) {
  r.skip(2);
  o.section = r.code<core::PlanSection>();
  r.skip(1);
  o.objective.what = r.text();
  o.objective.how = r.text();
  o.objective.who = r.text();
  o.objective.by_when = r.optional_date();
  o.objective.status = r.code<core::ObjectiveStatus>();
}

void bind(Binder& b, const ChildKey& key, int position, const core::RiskFactor& factor) {
  b.text(key.id).id(key.parent_id).integer(position).code(factor);
}
void read(Reader& r, core::RiskFactor& factor) {
  r.skip(3);
  factor = r.code<core::RiskFactor>();
}

// [SECTION] JSON string arrays

std::string json_string_array(const std::vector<std::string>& items) {
  std::string json = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) json += ',';
    json += '"';
    for (unsigned char c : items[i]) {
      if (c == '"' || c == '\\') {
        json += '\\';
        json += static_cast<char>(c);
      } else if (c < 0x20) {
        static const char digits[] = "0123456789abcdef";
        json += "\\u00";
        json += digits[c >> 4];
        json += digits[c & 15];
      } else {
        json += static_cast<char>(c);
      }
    }
    json += '"';
  }
  return json + "]";
}

Result<std::vector<std::string>> parse_json_string_array(Database& db, const std::string& json) {
  std::vector<std::string> items;
  if (json == "[]") return items;
  const Error unreadable{ErrorCode::corrupt, "A stored list of languages cannot be read"};
  // One row per element, or a single row of NULLs when the text is not a
  // JSON array (json_each would fail or read an object).
  auto query = db.prepare(
      "SELECT e.value, e.type FROM (SELECT json_valid(?1) AND json_type(?1) = 'array' AS ok) AS check_ "
      "LEFT JOIN json_each(CASE WHEN check_.ok THEN ?1 ELSE '[]' END) AS e "
      "WHERE check_.ok ORDER BY e.key");
  if (!query) return query.error();
  query->bind(1, json);
  for (;;) {
    auto row = query->step();
    if (!row) return unreadable;
    if (!*row) break;
    if (query->text(1) != "text") return unreadable;
    items.push_back(query->text(0));
  }
  if (items.empty()) return unreadable;  // not "[]" yet no text elements: not an array of strings
  return items;
}

}  // namespace pathway::store::detail
