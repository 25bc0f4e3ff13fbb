// The sync protocol's messages as C++ values, and their JSON (docs/sync.md is
// the specification; this is its one implementation, used by the app and the
// server). Parsing is strict and bounded: a size limit before anything is
// read, a nesting limit before the JSON parser runs, every member checked for
// its type and range, unknown members refused, every value of a record field
// checked against its kind in the catalog. A failure is an invalid_input
// Error whose `field` is the path of the offending member, e.g.
// "change_sets[2].changes[0].fields.town", and whose message says what is
// wrong with it. Serialising writes keys in sorted order, so equal values
// give equal bytes.
//
// Index of this file:
// [SECTION] Limits
// [SECTION] Change sets
// [SECTION] Push
// [SECTION] Pull
// [SECTION] JSON
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "sync/catalog.h"

namespace pathway::sync {

using Json = nlohmann::json;

// [SECTION] Limits

inline constexpr int format_version = 1;              // of these messages (not of the store's schema)
inline constexpr size_t max_message_bytes = 8 << 20;  // a push or pull body
inline constexpr int max_json_depth = 8;              // a pull row's string list is the deepest, at 7
inline constexpr size_t max_change_sets_per_message = 200;
inline constexpr size_t max_changes_per_change_set = 5000;
inline constexpr size_t max_text_bytes = 100 * 1024;  // as the store's own cap on a field
inline constexpr size_t max_id_bytes = 200;           // child ids are "<parent id>:<kind>:<key>"
inline constexpr size_t max_list_items = 100;
inline constexpr size_t max_reason_bytes = 1000;
inline constexpr int max_pull_limit = 10000;

// [SECTION] Change sets

enum class Operation {
  create,  // a new versioned record: every field, base 0
  edit,    // changed fields of a versioned record, from the version it was read at
  append,  // a new append-only record: every field; never conflicts
  remove,  // a versioned record removed, from the version it was read at
};
std::string_view code_of(Operation operation);

// One row change of a Store::write.
struct Change {
  std::string entity;     // catalog entity, e.g. "young_people"
  std::string record_id;
  Operation operation = Operation::edit;
  int64_t base_version = 0;   // the server version the device read the record at (0: new)
  Json fields = Json::object();  // create/append: every field; edit: the changed ones; remove: none
  std::vector<std::string> resolves;  // edit: text fields whose open conflict this edit settles
};

// Everything one Store::write changed, in order. Applied whole or not at all.
struct ChangeSet {
  std::string id;             // client-made UUID (the store's write id)
  std::string client_id;      // the device's id, registered at sign-in
  std::string author;         // the member of staff who made the write
  int schema_version = 0;     // the device store's schema when the write was made
  int64_t client_seq = 0;     // 1, 2, 3 ... per device, no gaps: the idempotency key
  std::string made_at;        // the write's time, ISO 8601 UTC (informative: never used to merge)
  std::vector<Change> changes;
};

// [SECTION] Push

struct PushRequest {
  std::string client_id;
  std::vector<ChangeSet> change_sets;  // in client_seq order
};

enum class PushStatus {
  applied,    // applied now, in one transaction with the client's new last seq
  duplicate,  // applied before: nothing done again (a refused one is answered `refused` again)
  refused,    // not applied, and never will be: `reason` says why; the device keeps it
  later,      // not looked at (an earlier one was out of order, or the batch stopped): send again
};
std::string_view code_of(PushStatus status);

struct PushResult {
  std::string id;
  int64_t client_seq = 0;
  PushStatus status = PushStatus::later;
  std::string reason;  // refused: for the person, e.g. "This plan was removed on the server"
  std::string field;   // refused: the path of the field at fault, when there is one
};

struct PushResponse {
  int64_t last_seq = 0;  // the highest client_seq the server has processed for this client
  std::vector<PushResult> results;
};

// [SECTION] Pull

// A record as the server holds it after merging, sent to devices as is.
struct ServerRow {
  std::string entity;
  std::string record_id;
  int64_t version = 0;  // the server's version; the base of the device's next edit
  bool removed = false; // a tombstone: the device deletes the record
  Json fields = Json::object();  // every field (the last ones known, for a tombstone)
  // Text fields with an open conflict: the other texts kept beside the
  // field's current value, oldest first, until someone chooses.
  std::map<std::string, std::vector<std::string>> conflicts;
};

// What one change set made of the server's records, in the order it was applied.
struct PulledChangeSet {
  int64_t server_seq = 0;      // its place in the server's change log
  std::vector<ServerRow> rows;
};

struct PullRequest {
  std::string client_id;
  int schema_version = 0;
  std::string cursor;  // empty: from the start (first sync)
  int limit = 1000;    // rows per page, roughly: a change set is never split
};

struct PullResponse {
  std::string cursor;  // pass back for the next page
  bool more = false;   // another page is waiting now
  std::vector<PulledChangeSet> change_sets;
  std::vector<std::string> leave;  // young people no longer in this device's scope: remove them
};

// How many of the next change sets (their row counts, in order) go in one
// page of at most `limit` rows: whole change sets only, and always at least
// one, so a change set larger than a page travels alone.
size_t change_sets_in_page(const std::vector<size_t>& row_counts, size_t limit);

// [SECTION] JSON

Result<ChangeSet> parse_change_set(std::string_view text);
Result<PushRequest> parse_push_request(std::string_view text);
Result<PushResponse> parse_push_response(std::string_view text);
Result<PullRequest> parse_pull_request(std::string_view text);
Result<PullResponse> parse_pull_response(std::string_view text);
// One field value checked against its kind (the store and merge use it too).
Status check_field_value(const FieldSpec& field, const Json& value, const std::string& path);

Json to_json(const Change& change);
Json to_json(const ChangeSet& change_set);
Json to_json(const ServerRow& row);
std::string serialize(const ChangeSet& change_set);
std::string serialize(const PushRequest& request);
std::string serialize(const PushResponse& response);
std::string serialize(const PullRequest& request);
std::string serialize(const PullResponse& response);
std::string serialize(const ServerRow& row);

}  // namespace pathway::sync
