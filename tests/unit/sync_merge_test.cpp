// The server's per-field merge (src/sync/merge.h): one row per case, each a
// record on the server, a change arriving from a client, and the record that
// must result. Conflicts on free text keep both texts; appends never
// conflict; removals and edits meet deterministically.
#include <doctest/doctest.h>

#include <string>

#include "sync/merge.h"

using namespace pathway;
using namespace pathway::sync;

namespace {

// A plan section on the server at version 3: both texts last set at version
// 2 by device-a, the position at version 1.
RecordState section_at_3() {
  RecordState record;
  record.exists = true;
  record.row = ServerRow{"plan_sections", "plan-1:section:HEALTH", 3, false,
                         Json{{"plan_id", "plan-1"}, {"section", "HEALTH"}, {"position", 2},
                              {"assessed_needs", "Needs a GP"}, {"young_persons_views", "Fine"}},
                         {}};
  record.stamps = {{"plan_id", {1, "device-a"}},
                   {"section", {1, "device-a"}},
                   {"position", {1, "device-a"}},
                   {"assessed_needs", {2, "device-a"}},
                   {"young_persons_views", {3, "device-a"}}};
  return record;
}

RecordState with_conflict(RecordState record) {
  record.row.conflicts["assessed_needs"] = {"Needs a dentist"};
  record.conflict_stamps["assessed_needs"] = {3, "device-b"};
  return record;
}

RecordState position_moved_at_3(RecordState record) {
  record.stamps["position"] = {3, "device-a"};
  return record;
}

RecordState removed(RecordState record) {
  record.row.removed = true;
  record.row.version = 4;
  record.stamps["young_persons_views"] = {3, "device-a"};
  return record;
}

Change edit(int64_t base, Json fields, std::vector<std::string> resolves = {}) {
  return Change{"plan_sections", "plan-1:section:HEALTH", Operation::edit, base, std::move(fields), std::move(resolves)};
}

Change remove_from(int64_t base) {
  return Change{"plan_sections", "plan-1:section:HEALTH", Operation::remove, base, Json::object(), {}};
}

Json fields_with(Json changes) {
  Json fields = section_at_3().row.fields;
  for (auto it = changes.begin(); it != changes.end(); ++it) fields[it.key()] = it.value();
  return fields;
}

}  // namespace

TEST_CASE("sync merge: per-field outcomes of an edit, a removal and a resolution") {
  using Conflicts = std::map<std::string, std::vector<std::string>>;
  struct Case {
    const char* name;
    RecordState current;
    Change change;
    std::string client;
    MergeOutcome outcome;
    int64_t version;  // of the result
    bool removed;
    Json fields;      // of the result
    Conflicts conflicts;
  };
  const Case cases[] = {
      {"an edit from the current version applies", section_at_3(), edit(3, {{"assessed_needs", "Needs a GP soon"}}),
       "device-b", MergeOutcome::applied, 4, false, fields_with({{"assessed_needs", "Needs a GP soon"}}), {}},
      {"an edit of a field unchanged since its base applies, though the record moved on", section_at_3(),
       edit(2, {{"assessed_needs", "Needs a GP soon"}}), "device-b", MergeOutcome::applied, 4, false,
       fields_with({{"assessed_needs", "Needs a GP soon"}}), {}},
      {"concurrent edits of a text field keep both texts", section_at_3(), edit(1, {{"assessed_needs", "Needs a dentist"}}),
       "device-b", MergeOutcome::applied, 4, false, section_at_3().row.fields, {{"assessed_needs", {"Needs a dentist"}}}},
      {"the same client's own later edit is not a conflict with itself", section_at_3(),
       edit(1, {{"assessed_needs", "Needs a GP, booked"}}), "device-a", MergeOutcome::applied, 4, false,
       fields_with({{"assessed_needs", "Needs a GP, booked"}}), {}},
      {"a concurrent edit with the same text is no conflict and no change", section_at_3(),
       edit(1, {{"assessed_needs", "Needs a GP"}}), "device-b", MergeOutcome::unchanged, 3, false,
       section_at_3().row.fields, {}},
      {"a concurrent edit of a non-text field: the later arrival wins", position_moved_at_3(section_at_3()), edit(1, {{"position", 5}}),
       "device-b", MergeOutcome::applied, 4, false, fields_with({{"position", 5}}), {}},
      {"a third text joins the open conflict", with_conflict(section_at_3()),
       edit(1, {{"assessed_needs", "Needs an optician"}}), "device-c", MergeOutcome::applied, 4, false,
       section_at_3().row.fields, {{"assessed_needs", {"Needs a dentist", "Needs an optician"}}}},
      {"a text already in the conflict is not added twice", with_conflict(section_at_3()),
       edit(1, {{"assessed_needs", "Needs a dentist"}}), "device-c", MergeOutcome::unchanged, 3, false,
       section_at_3().row.fields, {{"assessed_needs", {"Needs a dentist"}}}},
      {"a resolution by someone who saw the conflict settles it", with_conflict(section_at_3()),
       edit(3, {{"assessed_needs", "Needs a dentist"}}, {"assessed_needs"}), "device-a", MergeOutcome::applied, 4,
       false, fields_with({{"assessed_needs", "Needs a dentist"}}), {}},
      {"choosing the text already there settles it too", with_conflict(section_at_3()),
       edit(3, Json::object(), {"assessed_needs"}), "device-c", MergeOutcome::applied, 4, false,
       section_at_3().row.fields, {}},
      {"a resolution that did not see the newest text keeps every text", with_conflict(section_at_3()),
       edit(2, {{"assessed_needs", "Needs both"}}, {"assessed_needs"}), "device-c", MergeOutcome::applied, 4, false,
       fields_with({{"assessed_needs", "Needs both"}}), {{"assessed_needs", {"Needs a dentist", "Needs a GP"}}}},
      {"an edit over an open conflict that does not resolve it keeps the text it replaces", with_conflict(section_at_3()),
       edit(3, {{"assessed_needs", "Needs a GP and a dentist"}}), "device-c", MergeOutcome::applied, 4, false,
       fields_with({{"assessed_needs", "Needs a GP and a dentist"}}),
       {{"assessed_needs", {"Needs a dentist", "Needs a GP"}}}},
      {"a removal from the current version applies", section_at_3(), remove_from(3), "device-b", MergeOutcome::applied,
       4, true, section_at_3().row.fields, {}},
      {"a removal by the last editor from an older version applies", section_at_3(), remove_from(1), "device-a",
       MergeOutcome::applied, 4, true, section_at_3().row.fields, {}},
      {"a removal that missed someone else's edit is refused", section_at_3(), remove_from(2), "device-b",
       MergeOutcome::refused, 3, false, section_at_3().row.fields, {}},
      {"removing a removed record changes nothing", removed(section_at_3()), remove_from(3), "device-b",
       MergeOutcome::unchanged, 4, true, section_at_3().row.fields, {}},
      {"an edit that meets a removal brings the record back, edited", removed(section_at_3()),
       edit(3, {{"position", 7}}), "device-b", MergeOutcome::applied, 5, false, fields_with({{"position", 7}}), {}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const MergeResult result = merge(c.current, c.change, c.client);
    CHECK(result.outcome == c.outcome);
    CHECK(result.record.row.version == c.version);
    CHECK(result.record.row.removed == c.removed);
    CHECK(result.record.row.fields == c.fields);
    CHECK(result.record.row.conflicts == c.conflicts);
    if (c.outcome == MergeOutcome::refused) CHECK_FALSE(result.reason.empty());
    // Deterministic: the same inputs, the same bytes.
    CHECK(serialize(merge(c.current, c.change, c.client).record.row) == serialize(result.record.row));
  }
}

TEST_CASE("sync merge: creates and appends") {
  const Json contact = {{"young_person_id", "yp-1"}, {"staff_id", "staff-pa-1"}, {"pa_notes", "Met at the library"}};
  const Change append{"contacts", "c-1", Operation::append, 0, contact, {}};
  struct Case {
    const char* name;
    RecordState current;
    Change change;
    MergeOutcome outcome;
  };
  RecordState appended = merge(RecordState{}, append, "device-a").record;
  Json other = contact;
  other["pa_notes"] = "Something else";
  RecordState section_two_devices = section_at_3();
  const Change create_same_id{"plan_sections", "plan-1:section:HEALTH", Operation::create, 0,
                              fields_with({{"assessed_needs", "Needs housing"}}), {}};
  const Case cases[] = {
      {"an append of a new record applies at version 1", RecordState{}, append, MergeOutcome::applied},
      {"the same append again (a retry) changes nothing", appended, append, MergeOutcome::unchanged},
      {"a different record under the same id is refused", appended,
       Change{"contacts", "c-1", Operation::append, 0, other, {}}, MergeOutcome::refused},
      {"an edit of a record the server does not have is refused", RecordState{},
       edit(2, {{"position", 1}}), MergeOutcome::refused},
      // Two devices adding the same list entry offline make the same child
      // id: the second create is an edit from version 0, so its text is
      // kept beside the first.
      {"a create of an existing id merges as an edit from version 0", section_two_devices, create_same_id,
       MergeOutcome::applied},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(merge(c.current, c.change, "device-b").outcome == c.outcome);
  }
  CHECK(appended.row.version == 1);
  CHECK(appended.row.fields == contact);
  const MergeResult both = merge(section_two_devices, create_same_id, "device-b");
  CHECK(both.record.row.fields["assessed_needs"] == "Needs a GP");
  CHECK(both.record.row.conflicts.at("assessed_needs") == std::vector<std::string>{"Needs housing"});
}

TEST_CASE("sync merge: idempotent pushes and schema versions") {
  struct Case {
    int64_t last_seq;
    int64_t client_seq;
    PushDecision decision;
  };
  const Case cases[] = {
      {0, 1, PushDecision::apply},     {6, 7, PushDecision::apply},       {7, 7, PushDecision::duplicate},
      {7, 3, PushDecision::duplicate}, {7, 9, PushDecision::out_of_order}, {0, 2, PushDecision::out_of_order},
  };
  for (const Case& c : cases) CHECK(decide_push(c.last_seq, c.client_seq) == c.decision);

  CHECK(check_schema_version(current_schema_version).ok());
  auto old = check_schema_version(oldest_supported_schema_version - 1);
  REQUIRE_FALSE(old.ok());
  CHECK(old.error().message.find("update the app") != std::string::npos);
  CHECK_FALSE(check_schema_version(current_schema_version + 1).ok());
}
