// The store: Pathway's records in SQLite, on the server (a plain file) and on
// a device (encrypted with SQLite3 Multiple Ciphers, on the block VFS that
// persists pages to IndexedDB). The only place that writes SQL.
//
// Reading is a set of typed queries. Writing has exactly one path,
// Store::write(): the caller's lambda makes typed saves through a Writer, all
// of it one SQLite transaction, rolled back entirely on any error. Every row
// change in a synced table appends one outbox entry (by triggers in the
// schema, so even raw SQL cannot change a row without one); the sync layer
// reads the outbox with outbox_after() and clears it with
// outbox_acknowledge(). Changes pulled from the server are applied with
// Store::apply_pulled(), which does not queue them again.
//
// Sync, the device side (docs/sync.md; what the app's sync engine calls):
//   push  pending_change_sets(client_id) gives the outbox as change sets,
//         oldest first (each Store::write that changed a synced row is one,
//         numbered 1, 2, 3 ... in its own transaction); send them in one
//         POST /api/sync/push and hand the answer to record_push_results():
//         applied and duplicate ones leave the outbox, refused ones stay with
//         their reason (refused_change_sets(), for the status strip) and are
//         not sent again until discard_refused_change_set(). A push whose
//         answer was lost is simply sent again.
//   pull  sync_cursor() -> POST /api/sync/pull -> apply_pull_page(): the
//         page's rows, its `leave` and its new cursor in one transaction;
//         again while `more`. Push before pulling: a pulled row of a record
//         with a change still waiting is left as the device has it (the push
//         makes the server send it again, merged).
//   pending_change_set_count(), last_pull_at(), conflicts_of() for screens.
// On the server the same store is the shared record, and the sync ledger
// beside it (store/ledger.h) writes through Writer::apply_server_row().
//
// Index of this file:
// [SECTION] Opening
// [SECTION] Actor and outbox entries
// [SECTION] Sync
// [SECTION] Drafts
// [SECTION] Query results
// [SECTION] Writer: the typed saves available inside a write
// [SECTION] Store
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/figures.h"
#include "core/model.h"
#include "core/keeping_in_touch.h"
#include "core/plans.h"
#include "core/result.h"
#include "sync/change_set.h"

namespace pathway::store {

namespace detail {
class Database;
struct WriteContext;
}  // namespace detail
namespace testing {
struct StoreAccess;
}  // namespace testing
class Ledger;

// [SECTION] Opening

struct OpenOptions {
  std::string path;         // file path, or ":memory:"
  std::string vfs;          // SQLite VFS name; empty = default VFS
  std::string raw_key_hex;  // 64 hex chars = 256-bit key, applied with SQLite3MC's
                            // "raw:" key syntax, so SQLite3MC's own PBKDF2 never
                            // runs (the app derives the key with Argon2id).
                            // Empty = not encrypted (server, tests).
  // A device queues its writes in the outbox to push them. The server keeps
  // the shared record: its writes are the record itself, with nothing to
  // push, so it opens with `outbox = false` and no write is queued.
  bool outbox = true;
};

// [SECTION] Actor and outbox entries

// Who makes a change; recorded with every outbox entry.
struct Actor {
  std::string staff_id;   // the signed-in member of staff; empty for the system (demo loader, migrations)
  std::string device_id;  // the device the change was made on, when known
};

// One row change waiting to be pushed to the server.
struct OutboxEntry {
  int64_t seq = 0;           // increasing, never reused
  std::string write_id;      // the same for every change made by one Store::write
  std::string table;         // table name, e.g. "contacts"
  std::string record_id;     // the row's id
  std::string operation;     // "insert", "update" or "delete"
  std::string row_json;      // the row after the change (before it, for a delete) as a JSON object
  std::string actor;         // Actor::staff_id
  std::string device;        // Actor::device_id
  std::string changed_at;    // the write's time, ISO 8601 UTC
};

// [SECTION] Sync

// A change set the server refused (a refusal is final): it stays on the
// device, and out of pushes, until someone acts on it.
struct RefusedChangeSet {
  sync::ChangeSet change_set;
  std::string reason;      // the server's words, for the person
  std::string field;       // the path of the field at fault, when given
  std::string refused_at;  // when the answer came, ISO 8601 UTC
};

// [SECTION] Drafts

// A form in progress on this device: a visit being recorded or a plan being
// edited, kept field by field as it is typed (a half-typed date included),
// so that a reload, a crash or a flat battery loses nothing. Drafts are
// local data: they never reach the outbox (schema.h, local tables), and a
// record saved or pulled meanwhile never touches them.
enum class DraftForm { visit, plan };

struct DraftField {
  std::string name;   // the form's own name for the field, e.g. "words"
  std::string value;  // as typed
};

struct Draft {
  core::Id young_person_id;
  DraftForm form = DraftForm::visit;
  std::vector<DraftField> fields;  // by name
  std::string updated_at;          // the last save, ISO 8601 UTC

  // The field's value, or nullptr when the draft does not have it.
  const std::string* value(std::string_view name) const;
};

// [SECTION] Query results

// One line of a Personal Adviser's caseload, with what is due.
struct CaseloadRow {
  core::Id young_person_id;
  std::string display_name;  // preferred (or legal given) name and family name
  int age = 0;
  core::PersonFlags flags;  // UASC, parent, custody, SEND...
  core::CategoryResult category;
  core::ContactDue contact;                    // last counted contact, next due, overdue
  core::PlanStanding plan_standing = core::PlanStanding::no_plan;
  std::optional<Date> plan_review_due;         // of the plan in force
  std::optional<core::PlanStatus> newest_plan_status;  // e.g. a review draft or one awaiting authorisation
  std::optional<core::RiskLevel> risk_level;   // latest assessment on or before today
  bool risk_review_overdue = false;
  core::Id allocated_pa_id;  // whose caseload the line is on
};

// One member of a team and their open cases, for the team manager.
struct PaCaseload {
  core::Id staff_id;
  std::string name;
  std::vector<CaseloadRow> rows;  // most urgent first, as caseload() orders them
  int contacts_overdue = 0;       // rows whose contact is overdue (or who were never contacted)
  int plans_late = 0;             // rows whose plan review is overdue, or who have no plan
};

// One event in a young person's history, for the timeline screen. Codes are
// core's stable codes (label_of(enum_from_code<...>(code)) gives the words).
struct TimelineEntry {
  enum class Kind { contact, plan_event, activity, accommodation, risk };
  Kind kind = Kind::contact;
  core::Id record_id;  // contact, plan, spell or assessment id
  std::string at;      // ISO date or instant: when it happened
  std::string code;    // contact: ContactType; plan_event: created/submitted/authorised/returned;
                       // activity: ActivityCode; accommodation: AccommodationCode; risk: RiskLevel
  std::string detail_code;  // contact: ContactOutcome; accommodation: Suitability; otherwise empty
  std::string text;         // first 200 characters of the notes, comments, detail or summary
};

struct TimelinePage {
  std::vector<TimelineEntry> entries;  // newest first
  std::string next_cursor;             // pass to timeline() for the next page; empty at the end
};

// A plan waiting for a manager, oldest submission first.
struct PlanAwaitingAuthorisation {
  core::Id plan_id;
  core::Id young_person_id;
  std::string display_name;
  core::Id author_id;
  std::optional<Date> submitted_on;
};

// What load_world() reads.
struct WorldScope {
  core::Id team_id;                  // empty: the whole council
  std::optional<Date> contacts_from;  // contacts that occurred on or after this day only; none = all
};

// [SECTION] Writer: the typed saves available inside a write

// Handed to the lambda of Store::write() / Store::apply_pulled(). Each save
// validates its record first (field + message) and touches no SQL when the
// record is invalid. The first failure is remembered: the write is rolled
// back even if the lambda ignores the error and returns ok.
//
// Mutable records carry a version: save a record as read (version n) and it
// is stored as version n + 1, unless someone else saved version n + 1 first
// (ErrorCode::conflict: reload and try again). A new record has version 0.
// Lists inside a record (care periods, objectives...) are stored as rows of
// their own; saving again changes only the rows that differ.
class Writer {
 public:
  Status save(const core::Team& team);
  Status save(const core::Staff& staff);
  Status save(const core::DutyManagerEntry& entry);
  Status save(const core::YoungPerson& person);
  // Contacts are append-only: each save adds a contact, or a correction whose
  // `supersedes` names an earlier version for the same young person. Saving
  // an id that exists is a conflict.
  Status save(const core::Contact& contact);
  // Also records workflow events (created, submitted, authorised, returned):
  // for a new plan one per dated stage it already has, then one each time
  // its status changes.
  Status save(const core::PathwayPlan& plan);
  Status save(const core::ActivitySpell& spell);
  Status save(const core::AccommodationSpell& spell);
  Status save(const core::RiskAssessment& assessment);

  // Records entered in error. Young people, contacts and plans are never
  // deleted (a case is closed; a contact is withdrawn by a correction).
  Status remove_duty_entry(std::string_view id);
  Status remove_activity_spell(std::string_view id);
  Status remove_accommodation_spell(std::string_view id);
  Status remove_risk_assessment(std::string_view id);

  // App state that stays on this device (not synced, no outbox entry).
  Status set_setting(std::string_view key, std::string_view value);
  // Keeps these fields of a form in progress (fields kept earlier and not
  // given stay as they were); local like settings.
  Status save_draft(std::string_view young_person_id, DraftForm form, std::span<const DraftField> fields);
  // Removes the whole draft (it became a record, or was thrown away). No
  // draft is not an error.
  Status discard_draft(std::string_view young_person_id, DraftForm form);

  // Writes a record as the server holds it (sync::ServerRow: every field at
  // the server's version, or a tombstone, which deletes it and every record
  // it owns), generically from the sync catalog, checking each value's kind
  // but not core's rules against this device's clock (the server decided).
  // For Store::apply_pulled(), on a device (which also keeps the row's
  // server version and open conflicts: the base of its next edit) and on
  // the server (store/ledger.h). A tombstone of a record not here is no
  // error.
  Status apply_server_row(const sync::ServerRow& row);

  Instant now() const { return now_; }
  // The latest UK calendar date at `now` (UK time is UTC or UTC+1): dates up
  // to and including it are not "in the future".
  Date today() const;

 private:
  friend class Store;
  friend class Ledger;
  Writer(detail::Database& db, Instant now, bool keeps_pulled_versions)
      : db_(db), now_(now), keeps_pulled_versions_(keeps_pulled_versions) {}
  // The connection, for a save: asserts the write's transaction is still
  // open (a Writer kept past its Store::write() must not write on its own).
  detail::Database& db();
  Status remember(Status status);
  Status remove(std::string_view table, std::string_view id, std::string_view what);

  detail::Database& db_;
  Instant now_;
  bool keeps_pulled_versions_;  // a device: apply_server_row() records what it pulled
  std::optional<Error> first_error_;
};

// [SECTION] Store

class Store {
 public:
  // Opens or creates the database, applies the key (when given), checks it
  // can be read (a wrong key is ErrorCode::wrong_key) and applies every
  // pending migration, each in its own transaction. A file on the default
  // VFS uses a write-ahead log (the server: readers never wait for the
  // writer); on a named VFS (the app's block VFS) the default rollback
  // journal is kept, opened through that VFS, so one commit = one xSync of
  // the main file.
  static Result<std::unique_ptr<Store>> open(const OpenOptions&);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The one write path. `changes` is called as `Status changes(Writer&)`;
  // everything it saves is one transaction, committed only if it returns ok
  // and no save failed, otherwise rolled back entirely. Writes do not nest.
  template <class F>
  Status write(const Actor& who, Instant now, F&& changes) {
    return run_write(who, now, /*queue_for_sync=*/true, std::forward<F>(changes));
  }

  // The same, for changes pulled from the server by the sync layer: rows
  // change exactly as with write(), but no outbox entries are queued (they
  // came from the outbox of another device). Also right for seeding a store
  // with data that already exists elsewhere. The typed saves keep their
  // version check; rows at the server's versions go through
  // Writer::apply_server_row().
  template <class F>
  Status apply_pulled(const Actor& who, Instant now, F&& changes) {
    return run_write(who, now, /*queue_for_sync=*/false, std::forward<F>(changes));
  }

  // Single records by id (ErrorCode::not_found when there is none).
  Result<core::YoungPerson> young_person(std::string_view id);
  Result<core::Contact> contact(std::string_view id);
  Result<core::PathwayPlan> pathway_plan(std::string_view id);
  Result<core::ActivitySpell> activity_spell(std::string_view id);
  Result<core::AccommodationSpell> accommodation_spell(std::string_view id);
  Result<core::RiskAssessment> risk_assessment(std::string_view id);
  Result<core::Staff> staff(std::string_view id);
  Result<core::Team> team(std::string_view id);
  Result<core::DutyManagerEntry> duty_entry(std::string_view id);

  // A young person's records, oldest first. contacts_of() returns every
  // version (core::current_versions() picks the current ones).
  Result<std::vector<core::Contact>> contacts_of(std::string_view young_person_id);
  Result<std::vector<core::PathwayPlan>> plans_of(std::string_view young_person_id);
  Result<std::vector<core::ActivitySpell>> activity_of(std::string_view young_person_id);
  Result<std::vector<core::AccommodationSpell>> accommodation_of(std::string_view young_person_id);
  Result<std::vector<core::RiskAssessment>> risks_of(std::string_view young_person_id);

  Result<std::vector<core::Team>> teams();
  Result<std::vector<core::Staff>> all_staff();
  Result<std::vector<core::DutyManagerEntry>> duty_rota();

  // The open cases allocated to a PA with what is due on `today`, most
  // urgent contact first (overdue, then by due date, then by name).
  Result<std::vector<CaseloadRow>> caseload(std::string_view staff_id, Date today);
  // A team's open cases grouped by the member of staff they are allocated to
  // (the server's rule for a team manager: the cases of their team's PAs):
  // every active PA of the team by name, with or without cases, and any other
  // member of the team who holds cases.
  Result<std::vector<PaCaseload>> team_caseload(std::string_view team_id, Date today);
  // The same line for one young person, found by id (whoever they are allocated to).
  Result<CaseloadRow> caseload_row_of(std::string_view young_person_id, Date today);
  // A young person's history newest first: current contact versions, plan
  // workflow events, EET and accommodation spells (by start), risk
  // assessments. `cursor` is empty for the first page.
  Result<TimelinePage> timeline(std::string_view young_person_id, std::string_view cursor = {}, int limit = 50);
  Result<std::vector<PlanAwaitingAuthorisation>> plans_awaiting_authorisation(std::string_view team_id);
  // Everything core::compute_figures() needs for a team (its young people
  // and their records, its staff; every team and the whole duty rota) or the
  // council. Contacts come without follow-ups and without their free text
  // (present, words, notes, correction reason are empty), plans without
  // sections and objectives: the figures use none of them. Pass contacts_from to leave out old
  // contacts (the figures for [from, to] need contacts from about a year
  // before `from`, for the in-touch windows and the last contact).
  Result<core::Caseworld> load_world(const WorldScope& scope = {});

  // Outbox entries with seq > `after_seq`, oldest first, at most `limit`.
  Result<std::vector<OutboxEntry>> outbox_after(int64_t after_seq, int limit);
  // Removes entries with seq <= `up_to_seq` (the server has them).
  Status outbox_acknowledge(int64_t up_to_seq);
  // How many changes wait to be pushed (the status strip shows it).
  Result<int64_t> outbox_size();

  // Sync, the device side (see the top of this file). Change sets waiting
  // to be pushed (not refused), oldest first, at most `max_change_sets`,
  // sent as from `client_id` (the device id registered at sign-in). An edit
  // carries only the fields it changed, from the server version the record
  // was last pulled at.
  Result<std::vector<sync::ChangeSet>> pending_change_sets(std::string_view client_id,
                                                           size_t max_change_sets = sync::max_change_sets_per_message);
  // Change sets waiting, refused ones included.
  Result<int64_t> pending_change_set_count();
  // The server's answer to a push: applied and duplicate change sets leave
  // the outbox; refused ones are kept with their reason; `later` ones wait.
  // One transaction.
  Status record_push_results(const sync::PushResponse& response, Instant now);
  // Refused change sets, oldest first.
  Result<std::vector<RefusedChangeSet>> refused_change_sets(std::string_view client_id);
  // Someone has looked at a refused change set and lets it go: it leaves
  // the device (the record comes back from the server at the next pull).
  Status discard_refused_change_set(int64_t client_seq);
  // Where the next pull starts ("" before the first).
  Result<std::string> sync_cursor();
  // When a pull page was last applied (ISO 8601 UTC), or nullopt: never.
  Result<std::optional<std::string>> last_pull_at();
  // One pulled page in one transaction: its rows (as given; a tombstone
  // deletes), its `leave` (each young person and everything they own is
  // deleted from this device) and its cursor.
  Status apply_pull_page(const sync::PullResponse& page, Instant now);
  // The open conflicts of a record's text fields, pulled from the server:
  // field -> the other texts kept beside the current one.
  Result<std::map<std::string, std::vector<std::string>>> conflicts_of(std::string_view entity,
                                                                        std::string_view record_id);
  // The server version a record was last pulled at (0: never pulled).
  Result<int64_t> pulled_version(std::string_view entity, std::string_view record_id);

  // A device-local setting, or nullopt when never set.
  Result<std::optional<std::string>> setting(std::string_view key);
  // The form in progress for this young person, or nullopt when there is none.
  Result<std::optional<Draft>> draft(std::string_view young_person_id, DraftForm form);

  // The schema version of the open database (PRAGMA user_version).
  Result<int> schema_version();

  // Bulk loads (demo data, first sync): a larger page cache while loading.
  Status set_cache_size_kib(int kib);


 private:
  // Tests and benchmarks reach the connection through it (raw SQL, fault
  // injection: tests/support/store_testing.h), compiled only into them.
  friend struct testing::StoreAccess;
  friend class Ledger;
  Store();
  template <class F>
  Status run_write(const Actor& who, Instant now, bool queue_for_sync, F&& changes) {
    if (Status begun = begin_write(who, now, queue_for_sync); !begun) return begun;
    Writer writer(*db_, now, /*keeps_pulled_versions=*/outbox_);
    Status result = changes(writer);
    return finish_write(writer, std::move(result));
  }
  Status begin_write(const Actor& who, Instant now, bool queue_for_sync);
  Status finish_write(Writer& writer, Status result);

  std::unique_ptr<detail::Database> db_;
  std::unique_ptr<detail::WriteContext> context_;
  bool outbox_ = true;
};

}  // namespace pathway::store
