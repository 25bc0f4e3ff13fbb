// The migrations (schema.h). Conventions for every synced table: `id TEXT
// PRIMARY KEY` (a client-made UUID), dates and instants as ISO 8601 TEXT,
// enums as short stable text codes (they travel in JSON change sets),
// booleans as 0/1 with a CHECK, lists as JSON arrays in TEXT.
#include "store/schema.h"

#include <string>

namespace pathway::store::detail {
namespace {

// Version 1: the first real schema. References to staff and teams are plain
// ids, not foreign keys: a device holds one caseload and not every member of
// staff a record mentions (a previous PA, a duty manager). Records owned by a
// young person or a plan are foreign keys with ON DELETE CASCADE.
constexpr std::string_view migration_1 = R"sql(
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE outbox (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  write_id   TEXT NOT NULL,
  table_name TEXT NOT NULL,
  record_id  TEXT NOT NULL,
  operation  TEXT NOT NULL CHECK (operation IN ('insert', 'update', 'delete')),
  row_json   TEXT NOT NULL,
  actor      TEXT NOT NULL,
  device     TEXT NOT NULL,
  changed_at TEXT NOT NULL
);
CREATE TRIGGER outbox_is_append_only BEFORE UPDATE ON outbox
BEGIN SELECT RAISE(ABORT, 'outbox entries never change'); END;

CREATE TABLE teams (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  manager_id TEXT,
  version    INTEGER NOT NULL
);

CREATE TABLE staff (
  id      TEXT PRIMARY KEY,
  name    TEXT NOT NULL,
  role    TEXT NOT NULL,
  team_id TEXT,
  active  INTEGER NOT NULL CHECK (active IN (0, 1)),
  version INTEGER NOT NULL
);
CREATE INDEX staff_by_team ON staff(team_id);

CREATE TABLE duty_rota (
  id        TEXT PRIMARY KEY,
  staff_id  TEXT NOT NULL,
  team_id   TEXT,
  from_date TEXT NOT NULL,
  to_date   TEXT NOT NULL CHECK (to_date >= from_date),
  version   INTEGER NOT NULL
);
CREATE INDEX duty_rota_by_dates ON duty_rota(to_date, from_date);

CREATE TABLE young_people (
  id                       TEXT PRIMARY KEY,
  legal_given_name         TEXT NOT NULL,
  legal_family_name        TEXT NOT NULL,
  preferred_name           TEXT NOT NULL,
  date_of_birth            TEXT NOT NULL,
  date_of_death            TEXT,
  gender                   TEXT NOT NULL,
  ethnicity                TEXT NOT NULL,
  phone                    TEXT NOT NULL,
  email                    TEXT NOT NULL,
  address_line1            TEXT NOT NULL,
  address_line2            TEXT NOT NULL,
  town                     TEXT NOT NULL,
  postcode                 TEXT NOT NULL,
  languages                TEXT NOT NULL,  -- JSON array of strings, main language first
  interpreter_needed       INTEGER NOT NULL CHECK (interpreter_needed IN (0, 1)),
  uasc                     INTEGER NOT NULL CHECK (uasc IN (0, 1)),
  parent                   INTEGER NOT NULL CHECK (parent IN (0, 1)),
  disability               INTEGER NOT NULL CHECK (disability IN (0, 1)),
  in_custody               INTEGER NOT NULL CHECK (in_custody IN (0, 1)),
  send                     INTEGER NOT NULL CHECK (send IN (0, 1)),
  detained_on_16th         TEXT NOT NULL,
  sgo_made                 TEXT,
  looked_after_before_sgo  INTEGER NOT NULL CHECK (looked_after_before_sgo IN (0, 1)),
  privately_fostered_until TEXT,
  allocated_pa_id          TEXT,
  team_id                  TEXT,
  case_status              TEXT NOT NULL,
  case_closed_on           TEXT,
  contact_frequency        TEXT NOT NULL,
  version                  INTEGER NOT NULL
);
CREATE INDEX young_people_by_pa ON young_people(allocated_pa_id);
CREATE INDEX young_people_by_team ON young_people(team_id);

CREATE TABLE care_periods (
  id              TEXT PRIMARY KEY,
  young_person_id TEXT NOT NULL REFERENCES young_people(id) ON DELETE CASCADE,
  position        INTEGER NOT NULL,
  start_date      TEXT NOT NULL,
  end_date        TEXT,
  legal_basis     TEXT NOT NULL
);
CREATE INDEX care_periods_by_person ON care_periods(young_person_id, position);

CREATE TABLE education_periods (
  id              TEXT PRIMARY KEY,
  young_person_id TEXT NOT NULL REFERENCES young_people(id) ON DELETE CASCADE,
  position        INTEGER NOT NULL,
  start_date      TEXT NOT NULL,
  end_date        TEXT
);
CREATE INDEX education_periods_by_person ON education_periods(young_person_id, position);

CREATE TABLE in_touch_records (
  id              TEXT PRIMARY KEY,
  young_person_id TEXT NOT NULL REFERENCES young_people(id) ON DELETE CASCADE,
  age             INTEGER NOT NULL CHECK (age BETWEEN 17 AND 21),
  code            TEXT NOT NULL,
  note            TEXT NOT NULL,
  UNIQUE (young_person_id, age)
);

-- Append-only: a correction is a new row whose `supersedes` names the row it
-- replaces (enforced by the triggers below).
CREATE TABLE contacts (
  id                  TEXT PRIMARY KEY,
  young_person_id     TEXT NOT NULL REFERENCES young_people(id) ON DELETE CASCADE,
  staff_id            TEXT NOT NULL,
  occurred_at         TEXT NOT NULL,
  recorded_at         TEXT NOT NULL,
  type                TEXT NOT NULL,
  outcome             TEXT NOT NULL,
  not_seen_reason     TEXT NOT NULL,
  present             TEXT NOT NULL,
  young_persons_words TEXT NOT NULL,
  pa_notes            TEXT NOT NULL,
  supersedes          TEXT REFERENCES contacts(id),
  correction_reason   TEXT NOT NULL,
  withdrawn           INTEGER NOT NULL CHECK (withdrawn IN (0, 1))
);
CREATE INDEX contacts_by_person ON contacts(young_person_id, occurred_at);
CREATE INDEX contacts_by_supersedes ON contacts(supersedes) WHERE supersedes IS NOT NULL;
CREATE TRIGGER contacts_are_append_only BEFORE UPDATE ON contacts
BEGIN SELECT RAISE(ABORT, 'contacts are never edited: record a correction'); END;

CREATE TABLE contact_follow_ups (
  id         TEXT PRIMARY KEY,
  contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  text       TEXT NOT NULL,
  due        TEXT,
  done       INTEGER NOT NULL CHECK (done IN (0, 1))
);
CREATE INDEX follow_ups_by_contact ON contact_follow_ups(contact_id, position);
CREATE TRIGGER follow_ups_are_append_only BEFORE UPDATE ON contact_follow_ups
BEGIN SELECT RAISE(ABORT, 'contacts are never edited: record a correction'); END;

CREATE TABLE pathway_plans (
  id                     TEXT PRIMARY KEY,
  young_person_id        TEXT NOT NULL REFERENCES young_people(id) ON DELETE CASCADE,
  previous_plan_id       TEXT,
  author_id              TEXT NOT NULL,
  team_id                TEXT,
  status                 TEXT NOT NULL,
  needs_completed_on     TEXT,
  needs_completed_by     TEXT,
  needs_summary          TEXT NOT NULL,
  young_persons_views    TEXT NOT NULL,
  created_on             TEXT,
  submitted_on           TEXT,
  authorised_by          TEXT,
  authorised_on          TEXT,
  returned_by            TEXT,
  returned_on            TEXT,
  return_comments        TEXT NOT NULL,
  early_review_for       TEXT,
  early_review_reason    TEXT NOT NULL,
  version                INTEGER NOT NULL
);
CREATE INDEX plans_by_person ON pathway_plans(young_person_id, authorised_on);

CREATE TABLE plan_sections (
  id                  TEXT PRIMARY KEY,
  plan_id             TEXT NOT NULL REFERENCES pathway_plans(id) ON DELETE CASCADE,
  section             TEXT NOT NULL,
  position            INTEGER NOT NULL,
  assessed_needs      TEXT NOT NULL,
  young_persons_views TEXT NOT NULL,
  UNIQUE (plan_id, section)
);

CREATE TABLE plan_objectives (
  id       TEXT PRIMARY KEY,
  plan_id  TEXT NOT NULL REFERENCES pathway_plans(id) ON DELETE CASCADE,
  section  TEXT NOT NULL,
  position INTEGER NOT NULL,
  what     TEXT NOT NULL,
  how      TEXT NOT NULL,
  who      TEXT NOT NULL,
  by_when  TEXT,
  status   TEXT NOT NULL
);
CREATE INDEX objectives_by_plan ON plan_objectives(plan_id, position);

CREATE TABLE activity_spells (
  id              TEXT PRIMARY KEY,
  young_person_id TEXT NOT NULL REFERENCES young_people(id) ON DELETE CASCADE,
  start_date      TEXT NOT NULL,
  end_date        TEXT CHECK (end_date IS NULL OR end_date >= start_date),
  code            TEXT NOT NULL,
  detail          TEXT NOT NULL,
  version         INTEGER NOT NULL
);
CREATE INDEX activity_by_person ON activity_spells(young_person_id, start_date);

CREATE TABLE accommodation_spells (
  id              TEXT PRIMARY KEY,
  young_person_id TEXT NOT NULL REFERENCES young_people(id) ON DELETE CASCADE,
  start_date      TEXT NOT NULL,
  end_date        TEXT CHECK (end_date IS NULL OR end_date >= start_date),
  code            TEXT NOT NULL,
  suitability     TEXT NOT NULL,
  detail          TEXT NOT NULL,
  version         INTEGER NOT NULL
);
CREATE INDEX accommodation_by_person ON accommodation_spells(young_person_id, start_date);

CREATE TABLE risk_assessments (
  id              TEXT PRIMARY KEY,
  young_person_id TEXT NOT NULL REFERENCES young_people(id) ON DELETE CASCADE,
  assessed_by     TEXT NOT NULL,
  assessed_on     TEXT NOT NULL,
  review_due      TEXT NOT NULL,
  level           TEXT NOT NULL,
  summary         TEXT NOT NULL,
  version         INTEGER NOT NULL
);
CREATE INDEX risks_by_person ON risk_assessments(young_person_id, assessed_on);

CREATE TABLE risk_factors (
  id                 TEXT PRIMARY KEY,
  risk_assessment_id TEXT NOT NULL REFERENCES risk_assessments(id) ON DELETE CASCADE,
  position           INTEGER NOT NULL,
  factor             TEXT NOT NULL,
  UNIQUE (risk_assessment_id, factor)
);
)sql";

// Version 2: plan workflow events (who submitted, authorised or returned a
// plan, when), filled in from the dates already on each plan, and the index
// for a team's plans awaiting authorisation.
constexpr std::string_view migration_2 = R"sql(
CREATE TABLE plan_events (
  id       TEXT PRIMARY KEY,
  plan_id  TEXT NOT NULL REFERENCES pathway_plans(id) ON DELETE CASCADE,
  event    TEXT NOT NULL CHECK (event IN ('created', 'submitted', 'authorised', 'returned')),
  staff_id TEXT,
  on_date  TEXT NOT NULL,
  comments TEXT NOT NULL
);
CREATE INDEX plan_events_by_plan ON plan_events(plan_id, on_date);

INSERT INTO plan_events(id, plan_id, event, staff_id, on_date, comments)
  SELECT id || ':created', id, 'created', author_id, created_on, '' FROM pathway_plans WHERE created_on IS NOT NULL
  UNION ALL
  SELECT id || ':submitted', id, 'submitted', author_id, submitted_on, '' FROM pathway_plans WHERE submitted_on IS NOT NULL
  UNION ALL
  SELECT id || ':authorised', id, 'authorised', authorised_by, authorised_on, '' FROM pathway_plans WHERE authorised_on IS NOT NULL
  UNION ALL
  SELECT id || ':returned', id, 'returned', returned_by, returned_on, return_comments FROM pathway_plans WHERE returned_on IS NOT NULL;

CREATE INDEX plans_awaiting_authorisation ON pathway_plans(team_id, submitted_on) WHERE status = 'SUBMITTED';
)sql";

// Version 3: drafts (forms in progress, kept on this device at every
// keystroke and never synced: a local table, see Migration::local_tables)
// and who owns each follow-up action.
constexpr std::string_view migration_3 = R"sql(
CREATE TABLE draft_fields (
  young_person_id TEXT NOT NULL,
  form            TEXT NOT NULL CHECK (form IN ('visit', 'plan')),
  name            TEXT NOT NULL,
  value           TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  PRIMARY KEY (young_person_id, form, name)
) WITHOUT ROWID;

ALTER TABLE contact_follow_ups ADD COLUMN owner TEXT NOT NULL DEFAULT '';
)sql";

// Version 4: the care history the 2010 Regulations need. Periods looked after
// take the SSDA903 convention councils export: the ceased day (DEC) is the
// first day not looked after, so stored last days move on a day. The start of
// a detention on the 16th birthday, the end of a special guardianship order,
// and times living at home with a parent (Care Leavers (England) Regulations
// 2010 reg 3; model.h).
constexpr std::string_view migration_4 = R"sql(
ALTER TABLE care_periods RENAME COLUMN end_date TO ceased_on;
UPDATE care_periods SET ceased_on = date(ceased_on, '+1 day') WHERE ceased_on IS NOT NULL;

ALTER TABLE young_people ADD COLUMN detention_began TEXT;
ALTER TABLE young_people ADD COLUMN sgo_ended TEXT;

CREATE TABLE parent_home_periods (
  id              TEXT PRIMARY KEY,
  young_person_id TEXT NOT NULL REFERENCES young_people(id) ON DELETE CASCADE,
  position        INTEGER NOT NULL,
  start_date      TEXT NOT NULL,
  end_date        TEXT
);
CREATE INDEX parent_home_periods_by_person ON parent_home_periods(young_person_id, position);
)sql";

// Version 5: sync (docs/sync.md). On a device: the server version each record
// was last pulled at with the text conflicts pulled with it (the `base` of its
// next edit), the sync cursor and the next change-set number, refused change
// sets with their reasons; outbox entries gain their change set's number, the
// base they were made from, the row before an update (so an edit sends only
// the fields that changed) and the schema they were written at. Entries
// queued before sync existed are numbered one change set per write, in order.
// On the server: the sync ledger beside the shared record (per record its
// merge state and the change-log entry that last sent it, the change log, per
// client its last seq and refusals, and where each young person was
// allocated at each point of the log, for `leave`). All of it is local: no
// outbox triggers, nothing of it syncs as a record.
constexpr std::string_view migration_5 = R"sql(
CREATE TABLE pulled_versions (
  entity    TEXT NOT NULL,
  record_id TEXT NOT NULL,
  version   INTEGER NOT NULL,
  conflicts TEXT NOT NULL DEFAULT '{}',  -- JSON object: text field -> the other texts
  PRIMARY KEY (entity, record_id)
) WITHOUT ROWID;

CREATE TABLE sync_device (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  next_client_seq INTEGER NOT NULL,
  cursor          TEXT NOT NULL,
  last_pull_at    TEXT
);

CREATE TABLE refused_change_sets (
  client_seq INTEGER PRIMARY KEY,
  reason     TEXT NOT NULL,
  field      TEXT NOT NULL,
  refused_at TEXT NOT NULL
);

DROP TRIGGER outbox_is_append_only;
ALTER TABLE outbox ADD COLUMN client_seq INTEGER;
ALTER TABLE outbox ADD COLUMN base INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN old_json TEXT;
ALTER TABLE outbox ADD COLUMN schema INTEGER NOT NULL DEFAULT 4;
WITH writes AS (SELECT write_id, row_number() OVER (ORDER BY min(seq)) AS n FROM outbox GROUP BY write_id)
UPDATE outbox SET client_seq = (SELECT n FROM writes WHERE writes.write_id = outbox.write_id);
INSERT INTO sync_device(id, next_client_seq, cursor) SELECT 1, coalesce(max(client_seq), 0) + 1, '' FROM outbox;
CREATE INDEX outbox_by_change_set ON outbox(client_seq, seq);
CREATE INDEX outbox_by_record ON outbox(table_name, record_id);
CREATE TRIGGER outbox_is_append_only BEFORE UPDATE ON outbox
BEGIN SELECT RAISE(ABORT, 'outbox entries never change'); END;

CREATE TABLE server_records (
  entity          TEXT NOT NULL,
  record_id       TEXT NOT NULL,
  young_person_id TEXT,              -- whose record it is (scope); NULL: reference data
  version         INTEGER NOT NULL,
  removed         INTEGER NOT NULL CHECK (removed IN (0, 1)),
  fields          TEXT NOT NULL,     -- JSON object: every field
  conflicts       TEXT NOT NULL,     -- JSON object: text field -> the other texts
  stamps          TEXT NOT NULL,     -- JSON object: field -> [version, client]
  conflict_stamps TEXT NOT NULL,
  last_seq        INTEGER NOT NULL,  -- the change-log entry that last changed or re-sent it
  PRIMARY KEY (entity, record_id)
) WITHOUT ROWID;
CREATE INDEX server_records_by_seq ON server_records(last_seq);
CREATE INDEX server_records_by_person ON server_records(young_person_id, last_seq);

CREATE TABLE server_change_log (
  server_seq    INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('applied', 'refused', 'adopted', 'reallocated')),
  client_id     TEXT NOT NULL,
  client_seq    INTEGER NOT NULL,
  change_set_id TEXT NOT NULL,
  author        TEXT NOT NULL,
  at            TEXT NOT NULL
);
CREATE TABLE server_change_rows (
  server_seq INTEGER NOT NULL REFERENCES server_change_log(server_seq),
  entity     TEXT NOT NULL,
  record_id  TEXT NOT NULL,
  version    INTEGER NOT NULL,
  PRIMARY KEY (server_seq, entity, record_id)
) WITHOUT ROWID;

CREATE TABLE server_clients (
  client_id TEXT PRIMARY KEY,
  last_seq  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE server_refusals (
  client_id     TEXT NOT NULL,
  client_seq    INTEGER NOT NULL,
  change_set_id TEXT NOT NULL,
  reason        TEXT NOT NULL,
  field         TEXT NOT NULL,
  at            TEXT NOT NULL,
  PRIMARY KEY (client_id, client_seq)
) WITHOUT ROWID;

CREATE TABLE server_placements (
  young_person_id TEXT NOT NULL,
  server_seq      INTEGER NOT NULL,
  allocated_pa_id TEXT,
  PRIMARY KEY (young_person_id, server_seq)
) WITHOUT ROWID;
CREATE INDEX server_placements_by_seq ON server_placements(server_seq);
)sql";

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1, "first schema: every record of the leaving care model, settings and the outbox", migration_1,
       {"settings", "outbox"}},
      {2, "plan workflow events; index of plans awaiting authorisation", migration_2, {}},
      {3, "drafts kept on the device; follow-up owners", migration_3, {"draft_fields"}},
      {4, "care periods dated as SSDA903 (ceased day not looked after); detention, SGO end, home with a parent",
       migration_4, {}},
      {5, "sync: pulled versions, cursor, change-set numbers, refusals; the server's sync ledger", migration_5,
       {"pulled_versions", "sync_device", "refused_change_sets", "server_records", "server_change_log",
        "server_change_rows", "server_clients", "server_refusals", "server_placements"}},
  };
  return all;
}

int latest_schema_version() { return migrations().back().version; }

const std::vector<std::string_view>& local_tables() {
  static const std::vector<std::string_view> all = [] {
    std::vector<std::string_view> names;
    for (const Migration& migration : migrations())
      names.insert(names.end(), migration.local_tables.begin(), migration.local_tables.end());
    return names;
  }();
  return all;
}

Result<int> read_schema_version(Database& db) {
  auto query = db.prepare("PRAGMA user_version");
  if (!query) return query.error();
  auto row = query->step();
  if (!row) return row.error();
  return static_cast<int>(query->integer(0));
}

Status migrate(Database& db, WriteContext& context, int target) {
  if (target < 0) target = latest_schema_version();
  auto current = read_schema_version(db);
  if (!current) return current.error();
  if (*current > latest_schema_version()) {
    return Error{ErrorCode::conflict, "This database was made by a newer version of Pathway (schema " +
                                          std::to_string(*current) + "): update the app to open it"};
  }
  const bool captured = context.capture;
  context.capture = false;
  Status result = ok_status();
  for (const Migration& migration : migrations()) {
    if (migration.version <= *current || migration.version > target) continue;
    result = db.exec("BEGIN IMMEDIATE");
    if (result) result = db.exec(migration.sql);
    if (result) result = refresh_outbox_triggers(db, local_tables(), migration.version);
    if (result) result = db.exec("PRAGMA user_version = " + std::to_string(migration.version));
    if (result) result = db.exec("COMMIT");
    if (!result) {
      if (!sqlite3_get_autocommit(db.handle())) (void)db.exec("ROLLBACK");
      result = Error{result.error().code, "Could not upgrade the database to schema " +
                                              std::to_string(migration.version) + ": " + result.error().message};
      break;
    }
  }
  context.capture = captured;
  // Cached statements may refer to tables a migration replaced.
  db.clear_statement_cache();
  return result;
}

}  // namespace pathway::store::detail
