// Bad input is refused with the field at fault and a clear message before
// any SQL runs, and nothing is written: wrong types (enum values outside
// their code tables), missing required fields, dates in the future, text over
// the limits, invalid UTF-8, malformed ids. Rows broken behind the store's
// back read as `corrupt`, never as a crash. The rules themselves are core's
// (validate.h); these cases prove the store applies them on every save.
#include <doctest/doctest.h>

#include <functional>
#include <random>

#include "core/validate.h"
#include "store_fixtures.h"

using namespace pathway;
using namespace pathway::store_test;

namespace {

struct BadInput {
  const char* name;
  std::function<Status(store::Writer&)> save;
  const char* field;
  const char* message_part;  // a phrase the message must contain
};

template <class Record, class Change>
std::function<Status(store::Writer&)> saving(Record record, Change change) {
  change(record);
  return [record](store::Writer& w) { return w.save(record); };
}

}  // namespace

TEST_CASE("store validation: bad input is rejected with the field and a clear message, and nothing is written") {
  const std::string long_note(core::limits::long_text + 1, 'x');
  const BadInput cases[] = {
      // Missing required fields (validate.h: required names, ids, summaries).
      {"person without family name", saving(sample_person("yp-9"), [](auto& p) { p.legal_family_name = ""; }),
       "legal_family_name", "required"},
      {"person with blank given name", saving(sample_person("yp-9"), [](auto& p) { p.legal_given_name = "   "; }),
       "legal_given_name", "required"},
      {"contact without staff", saving(sample_contact("c-9"), [](auto& c) { c.staff_id = ""; }), "staff_id", "required"},
      {"risk without summary", saving(sample_risk("r-9"), [](auto& r) { r.summary = ""; }), "summary", "required"},
      {"team without name", saving(sample_team("team-9"), [](auto& t) { t.name = ""; }), "name", "required"},
      {"PA without a team", saving(sample_staff("staff-9"), [](auto& s) { s.team_id = ""; }), "team_id", "team"},
      {"returned plan without comments",
       saving(sample_plan("plan-9"), [](auto& p) {
         p.status = core::PlanStatus::returned;
         p.returned_by = "staff-tm-1";
         p.returned_on = day("2026-05-13");
         p.return_comments = "";
       }),
       "return_comments", "required"},
      // Wrong types: values outside their enum's code table.
      {"contact type out of range", saving(sample_contact("c-9"), [](auto& c) { c.type = static_cast<core::ContactType>(42); }),
       "type", "not one of"},
      {"risk level out of range", saving(sample_risk("r-9"), [](auto& r) { r.level = static_cast<core::RiskLevel>(7); }),
       "level", "not one of"},
      {"activity code out of range",
       saving(sample_activity("a-9"), [](auto& a) { a.code = static_cast<core::ActivityCode>(99); }), "code", "not one of"},
      // Dates in the future where they are facts about the past.
      {"contact tomorrow", saving(sample_contact("c-9"), [](auto& c) { c.occurred_at = at("2026-11-25T09:00:00Z"); }),
       "occurred_at", "in the future"},
      {"born next year", saving(sample_person("yp-9"), [](auto& p) { p.date_of_birth = day("2027-01-01"); }),
       "date_of_birth", "in the future"},
      {"accommodation starting next month",
       saving(sample_accommodation("h-9"), [](auto& a) { a.start = day("2026-12-20"); }), "start", "in the future"},
      {"date before 1900", saving(sample_duty("d-9"), [](auto& d) { d.from = Date::from_ymd(1899, 12, 31); }), "from", "plausible"},
      {"spell ending before it starts",
       saving(sample_activity("a-9"), [](auto& a) { a.end = day("2026-08-01"); }), "end", "before it starts"},
      // Text over the limits (validate.h limits::).
      {"notes over 20,000 characters", saving(sample_contact("c-9"), [&](auto& c) { c.pa_notes = long_note; }),
       "pa_notes", "too long"},
      {"name over 100 characters",
       saving(sample_person("yp-9"), [](auto& p) { p.legal_given_name = std::string(101, 'n'); }), "legal_given_name",
       "too long"},
      {"eleven languages", saving(sample_person("yp-9"), [](auto& p) { p.languages.assign(11, "English"); }),
       "languages", "Too many"},
      // Invalid UTF-8 and control characters.
      {"stray continuation byte", saving(sample_contact("c-9"), [](auto& c) { c.pa_notes = "ok \x80 then"; }),
       "pa_notes", "UTF-8"},
      {"overlong slash", saving(sample_contact("c-9"), [](auto& c) { c.young_persons_words = "\xc0\xaf"; }),
       "young_persons_words", "UTF-8"},
      {"UTF-16 surrogate", saving(sample_person("yp-9"), [](auto& p) { p.town = "\xed\xa0\x80"; }), "town", "UTF-8"},
      {"truncated sequence", saving(sample_risk("r-9"), [](auto& r) { r.summary = "abc\xe2\x82"; }), "summary", "UTF-8"},
      {"NUL inside a name", saving(sample_person("yp-9"), [](auto& p) { p.preferred_name = std::string("Ze\0d", 4); }),
       "preferred_name", "control"},
      // Malformed ids.
      {"id with a space", saving(sample_person("yp 9"), [](auto&) {}), "id", "not a valid id"},
      {"id with a colon (child row ids use it)", saving(sample_activity("a:9"), [](auto&) {}), "id", "not a valid id"},
      {"id of 65 characters", saving(sample_team(std::string(65, 't')), [](auto&) {}), "id", "not a valid id"},
      {"empty person id on a contact", saving(sample_contact("c-9", ""), [](auto&) {}), "young_person_id", "required"},
      // Store-level limits on device settings.
      {"setting value over 64 KiB",
       [](store::Writer& w) { return w.set_setting("draft", std::string(64 * 1024 + 1, 's')); }, "value", "64 KiB"},
      {"setting without a name", [](store::Writer& w) { return w.set_setting("", "x"); }, "key", "name"},
  };

  auto store = open_memory_store();
  REQUIRE(store);
  REQUIRE(save_one_of_everything(*store).ok());
  const std::string before = *store::testing::dump(*store);
  for (const BadInput& c : cases) {
    const std::string name = c.name;
    CAPTURE(name);
    auto result = store->write(test_actor, test_now, c.save);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == ErrorCode::invalid_input);
    CHECK(result.error().field == c.field);
    CHECK_MESSAGE(result.error().message.find(c.message_part) != std::string::npos, result.error().message);
    CHECK(*store::testing::dump(*store) == before);
  }
}

TEST_CASE("store validation: any bytes in any text field are stored exactly or refused, never a crash") {
  auto store = open_memory_store();
  REQUIRE(store);
  REQUIRE(save_one_of_everything(*store).ok());
  std::mt19937 random(20261123);  // fixed seed: the same byte strings every run
  int stored = 0, refused = 0;
  for (int i = 0; i < 400; ++i) {
    std::string bytes(random() % 40, '\0');
    for (char& b : bytes) b = static_cast<char>(random() % 256);
    if (i % 4 == 0) {
      for (char& b : bytes) b = static_cast<char>(0x20 + random() % 0x5f);  // some printable ASCII too
    }
    core::Contact contact = sample_contact("fuzz-" + std::to_string(i));
    contact.pa_notes = bytes;
    auto saved = store->write(test_actor, test_now, [&](store::Writer& w) { return w.save(contact); });
    if (saved.ok()) {
      ++stored;
      auto back = store->contact(contact.id);
      REQUIRE(back.ok());
      CHECK(back->pa_notes == bytes);
    } else {
      ++refused;
      CHECK(saved.error().code == ErrorCode::invalid_input);
      CHECK(saved.error().field == "pa_notes");
      CHECK(store->contact(contact.id).error().code == ErrorCode::not_found);
    }
  }
  CHECK(stored > 50);
  CHECK(refused > 50);
}

TEST_CASE("store validation: rows broken behind the store's back read as corrupt, not a crash") {
  struct Broken {
    const char* name;
    const char* sql;
  };
  const Broken cases[] = {
      {"a date that is not a date", "UPDATE young_people SET date_of_birth = 'not a date'"},
      {"a code from nowhere", "UPDATE young_people SET gender = 'Q'"},
      {"a care period with a bad basis", "UPDATE care_periods SET legal_basis = 'ZZ'"},
      {"languages that are not JSON", "UPDATE young_people SET languages = '[\"English\", '"},
      {"a number where a date goes", "UPDATE young_people SET date_of_death = 12"},
  };
  for (const Broken& c : cases) {
    const std::string name = c.name;
    CAPTURE(name);
    auto store = open_memory_store();
    REQUIRE(store);
    REQUIRE(save_one_of_everything(*store).ok());
    REQUIRE(store::testing::execute(*store, c.sql).ok());
    auto person = store->young_person("yp-1");
    REQUIRE_FALSE(person.ok());
    CHECK(person.error().code == ErrorCode::corrupt);
    auto caseload = store->caseload("staff-pa-1", test_today);
    REQUIRE_FALSE(caseload.ok());
    CHECK(caseload.error().code == ErrorCode::corrupt);
  }
}

TEST_CASE("store validation: 'today' for a save is the date in England at the moment of saving") {
  struct Row { const char* now; const char* start; bool accepted; const char* why; };
  const Row rows[] = {
      {"2026-01-15T23:30:00Z", "2026-01-16", false, "23:30 GMT: tomorrow is still in the future"},
      {"2026-01-15T23:30:00Z", "2026-01-15", true, "23:30 GMT: today"},
      {"2026-07-15T23:30:00Z", "2026-07-16", true, "00:30 BST: already the 16th in England"},
      {"2026-07-15T22:30:00Z", "2026-07-16", false, "23:30 BST: the 16th has not begun"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.why);
    auto store = open_memory_store();
    REQUIRE(store);
    REQUIRE(save_one_of_everything(*store).ok());
    const auto saved = store->write(test_actor, at(row.now), saving(sample_accommodation("h-9"), [&](auto& a) {
      a.start = day(row.start);
    }));
    CHECK(saved.ok() == row.accepted);
  }
}
