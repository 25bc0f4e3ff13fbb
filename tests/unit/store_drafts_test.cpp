// Drafts: a form in progress is kept field by field on the device, comes back
// as typed, is never queued for sync (its table is declared local in the
// schema, so it has no outbox triggers), survives records saved or pulled
// meanwhile, and goes in the same transaction as the record it becomes: a
// save that fails keeps the draft.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/validate.h"

#include "store/schema.h"
#include "store_fixtures.h"

using namespace pathway;
using namespace pathway::store_test;

namespace {

using store::DraftField;
using store::DraftForm;

Status keep(store::Store& store, const std::vector<DraftField>& fields, DraftForm form = DraftForm::visit) {
  return store.write(test_actor, test_now, [&](store::Writer& w) { return w.save_draft("yp-1", form, fields); });
}

std::string value_of(store::Store& store, const char* name, DraftForm form = DraftForm::visit) {
  auto draft = store.draft("yp-1", form);
  REQUIRE(draft.ok());
  REQUIRE(draft->has_value());
  const std::string* value = (*draft)->value(name);
  return value ? *value : "(none)";
}

int64_t outbox_size(store::Store& store) {
  const int64_t size = *store.outbox_size();
  CHECK(size == static_cast<int64_t>(store.outbox_after(0, 100000)->size()));
  return size;
}

std::unique_ptr<store::Store> store_with_person() {
  auto store = open_memory_store();
  REQUIRE(store);
  REQUIRE(store->write(test_actor, test_now, [](store::Writer& w) { return w.save(sample_person()); }).ok());
  REQUIRE(store->outbox_acknowledge(1 << 30).ok());
  return store;
}

}  // namespace

TEST_CASE("store drafts: kept as typed, field by field, and never queued for sync") {
  auto store = store_with_person();
  CHECK_FALSE(store->draft("yp-1", DraftForm::visit)->has_value());
  REQUIRE(keep(*store, {{"words", "I want to"}, {"date", "2026-11-2"}}).ok());
  REQUIRE(keep(*store, {{"words", "I want to move nearer college"}}).ok());  // one keystroke later
  CHECK(value_of(*store, "words") == "I want to move nearer college");
  CHECK(value_of(*store, "date") == "2026-11-2");  // half typed, kept as it is
  CHECK((*store->draft("yp-1", DraftForm::visit))->updated_at == test_now.iso());
  CHECK_FALSE(store->draft("yp-1", DraftForm::plan)->has_value());  // a visit draft is not a plan draft
  CHECK(outbox_size(*store) == 0);

  REQUIRE(store->write(test_actor, test_now, [](store::Writer& w) { return w.discard_draft("yp-1", DraftForm::visit); }).ok());
  CHECK_FALSE(store->draft("yp-1", DraftForm::visit)->has_value());
  CHECK(outbox_size(*store) == 0);
}

TEST_CASE("store drafts: the draft table is declared local and has no outbox triggers") {
  auto store = open_memory_store();
  REQUIRE(store);
  const auto& local = store::detail::local_tables();
  CHECK(std::find(local.begin(), local.end(), "draft_fields") != local.end());
  auto triggers = store::testing::query(*store, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'draft_fields'");
  REQUIRE(triggers.ok());
  CHECK(triggers->at(0).at(0) == "0");
  // Without the declaration the table would be captured like any other
  // (the same check on a synced table finds its triggers).
  auto synced = store::testing::query(*store, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'contacts'");
  CHECK(synced->at(0).at(0) != "0");
}

TEST_CASE("store drafts: a record saved or pulled meanwhile leaves the draft alone") {
  auto store = store_with_person();
  REQUIRE(keep(*store, {{"notes", "Half a note"}}).ok());
  REQUIRE(store->write(test_actor, test_now, [](store::Writer& w) { return w.save(sample_contact()); }).ok());
  CHECK(outbox_size(*store) > 0);  // the contact is queued; the draft is not
  REQUIRE(store->apply_pulled(test_actor, test_now, [](store::Writer& w) {
    return w.save(sample_contact("contact-from-elsewhere"));
  }).ok());
  CHECK(value_of(*store, "notes") == "Half a note");
}

TEST_CASE("store drafts: saving the visit discards the draft in the same transaction; a failed save keeps it") {
  auto store = store_with_person();
  REQUIRE(keep(*store, {{"notes", "Visited at home"}}).ok());

  core::Contact invalid = sample_contact();
  invalid.outcome = core::ContactOutcome::not_seen;  // without a reason: refused
  auto refused = store->write(test_actor, test_now, [&](store::Writer& w) {
    (void)w.discard_draft("yp-1", DraftForm::visit);
    return w.save(invalid);
  });
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().field == "not_seen_reason");
  CHECK(value_of(*store, "notes") == "Visited at home");

  // A storage failure at any statement of the save also keeps the draft.
  for (int64_t step = 1; step <= 6; ++step) {
    CAPTURE(step);
    store::testing::inject_fault(*store, step);
    auto failed = store->write(test_actor, test_now, [&](store::Writer& w) {
      (void)w.discard_draft("yp-1", DraftForm::visit);
      return w.save(sample_contact("contact-" + std::to_string(step)));
    });
    store::testing::inject_fault(*store, 0);
    REQUIRE_FALSE(failed.ok());
    CHECK(value_of(*store, "notes") == "Visited at home");
    CHECK_FALSE(store->contact("contact-" + std::to_string(step)).ok());
  }

  REQUIRE(store->write(test_actor, test_now, [&](store::Writer& w) {
    (void)w.discard_draft("yp-1", DraftForm::visit);
    return w.save(sample_contact());
  }).ok());
  CHECK_FALSE(store->draft("yp-1", DraftForm::visit)->has_value());
  auto saved = store->contact("contact-1");
  REQUIRE_MESSAGE(saved.ok(), saved.error().message);
  CHECK(saved->follow_ups.at(0).owner == "Zeddy's PA");
}

TEST_CASE("store drafts: bad input is refused plainly") {
  auto store = store_with_person();
  CHECK(keep(*store, {{"", "x"}}).error().field == "name");
  CHECK(keep(*store, {{"notes", std::string("\xff\xfe", 2)}}).error().field == "notes");
  CHECK(keep(*store, {{"notes", std::string(4 * core::limits::long_text + 1, 'a')}}).error().field == "notes");
  auto no_person = store->write(test_actor, test_now, [](store::Writer& w) {
    const DraftField field{"notes", "x"};
    return w.save_draft("", DraftForm::visit, {&field, 1});
  });
  CHECK(no_person.error().field == "young_person_id");
  CHECK_FALSE(store->draft("yp-1", DraftForm::visit)->has_value());
}
