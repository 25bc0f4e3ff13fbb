// The change-set format (docs/sync.md): every message round-trips through its
// JSON byte for byte, and bad input is refused with an error naming the
// field at fault. One row per case.
#include <doctest/doctest.h>

#include <string>

#include "sync/change_set.h"

using namespace pathway;
using namespace pathway::sync;

namespace {

// A valid change set with one edit; cases below replace parts of its text.
const std::string valid_set =
    R"({"id":"w-1","client_id":"device-1","author":"staff-pa-1","schema":3,"seq":7,)"
    R"("made_at":"2026-11-23T10:00:00Z","changes":[)"
    R"({"entity":"young_people","id":"yp-1","op":"edit","base":4,"fields":{"town":"Newtown","languages":["English","Welsh"]}}]})";

std::string replaced(const std::string& text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  return text.substr(0, at) + to + text.substr(at + from.size());
}

std::string with_change(const std::string& change) {
  return R"({"id":"w-1","client_id":"device-1","author":"staff-pa-1","schema":3,"seq":1,)"
         R"("made_at":"2026-11-23T10:00:00Z","changes":[)" +
         change + "]}";
}

const std::string complete_risk_factor =
    R"({"entity":"risk_factors","id":"risk-1:factor:MISSING","op":"create","base":0,)"
    R"("fields":{"risk_assessment_id":"risk-1","position":0,"factor":"MISSING"}})";

}  // namespace

TEST_CASE("sync format: a valid change set parses and serialises to the same bytes") {
  auto parsed = parse_change_set(valid_set);
  REQUIRE_MESSAGE(parsed.ok(), parsed.error().message);
  CHECK(parsed->id == "w-1");
  CHECK(parsed->client_seq == 7);
  REQUIRE(parsed->changes.size() == 1);
  CHECK(parsed->changes[0].operation == Operation::edit);
  CHECK(parsed->changes[0].base_version == 4);
  CHECK(parsed->changes[0].fields["languages"][1] == "Welsh");  // a list travels as a JSON array, not a string
  const std::string again = serialize(*parsed);
  auto reparsed = parse_change_set(again);
  REQUIRE(reparsed.ok());
  CHECK(serialize(*reparsed) == again);
}

TEST_CASE("sync format: bad change sets are refused, naming the field") {
  struct Case {
    const char* name;
    std::string text;
    std::string field;  // the path the error names
  };
  const Case cases[] = {
      {"not JSON", "{", "message"},
      {"not an object", "[1]", "message"},
      {"missing id", replaced(valid_set, R"("id":"w-1",)", ""), "id"},
      {"id with a slash", replaced(valid_set, R"("w-1")", R"("w/1")"), "id"},
      {"seq zero", replaced(valid_set, R"("seq":7)", R"("seq":0)"), "seq"},
      {"seq a string", replaced(valid_set, R"("seq":7)", R"("seq":"7")"), "seq"},
      {"seq beyond int64", replaced(valid_set, R"("seq":7)", R"("seq":18446744073709551615)"), "seq"},
      {"schema missing", replaced(valid_set, R"("schema":3,)", ""), "schema"},
      {"made_at not a time", replaced(valid_set, "2026-11-23T10:00:00Z", "yesterday"), "made_at"},
      {"unknown member", replaced(valid_set, R"("seq":7,)", R"("seq":7,"extra":1,)"), "extra"},
      {"unknown entity", replaced(valid_set, R"("young_people")", R"("outbox")"), "changes[0].entity"},
      {"unknown operation", replaced(valid_set, R"("op":"edit")", R"("op":"upsert")"), "changes[0].op"},
      {"append on a versioned entity", replaced(valid_set, R"("op":"edit")", R"("op":"append")"), "changes[0].op"},
      {"edit of an append-only entity",
       with_change(R"({"entity":"contacts","id":"c-1","op":"edit","base":1,"fields":{"pa_notes":"x"}})"),
       "changes[0].op"},
      {"edit from a negative base", replaced(valid_set, R"("base":4)", R"("base":-1)"), "changes[0].base"},
      {"create from base 2", with_change(replaced(complete_risk_factor, R"("base":0)", R"("base":2)")),
       "changes[0].base"},
      {"unknown field", replaced(valid_set, R"("town")", R"("shoe_size")"), "changes[0].fields.shoe_size"},
      {"text as a number", replaced(valid_set, R"("Newtown")", "12"), "changes[0].fields.town"},
      {"list as a string (double-encoded)", replaced(valid_set, R"(["English","Welsh"])", R"("[\"English\"]")"),
       "changes[0].fields.languages"},
      {"list of numbers", replaced(valid_set, R"(["English","Welsh"])", "[1]"), "changes[0].fields.languages[0]"},
      {"flag as 1", replaced(valid_set, R"("town":"Newtown")", R"("uasc":1)"), "changes[0].fields.uasc"},
      {"date not a day", replaced(valid_set, R"("town":"Newtown")", R"("date_of_birth":"2007-02-30")"),
       "changes[0].fields.date_of_birth"},
      {"required date null", replaced(valid_set, R"("town":"Newtown")", R"("date_of_birth":null)"),
       "changes[0].fields.date_of_birth"},
      {"code with a space", replaced(valid_set, R"("town":"Newtown")", R"("gender":"NOT KNOWN")"),
       "changes[0].fields.gender"},
      {"empty edit", replaced(valid_set, R"({"town":"Newtown","languages":["English","Welsh"]})", "{}"),
       "changes[0].fields"},
      {"create missing a field", with_change(replaced(complete_risk_factor, R"("position":0,)", "")),
       "changes[0].fields.position"},
      {"resolves a code field", replaced(valid_set, R"("op":"edit",)", R"("op":"edit","resolves":["gender"],)"),
       "changes[0].resolves[0]"},
      {"remove with resolves",
       with_change(R"({"entity":"risk_factors","id":"r:factor:X","op":"remove","base":1,"resolves":[]})"),
       "changes[0].resolves"},
      {"remove with fields",
       with_change(R"({"entity":"risk_factors","id":"r:factor:X","op":"remove","base":1,"fields":{}})"),
       "changes[0].fields"},
      {"nested too deep", replaced(valid_set, R"(["English","Welsh"])", "[[[[[[[[[\"x\"]]]]]]]]]"), "message"},
      {"text with a NUL", replaced(valid_set, "Newtown", "New\\u0000town"), "changes[0].fields.town"},
      {"invalid UTF-8", replaced(valid_set, "Newtown", "New\xff"), "message"},
      {"text over 100 KiB", replaced(valid_set, "Newtown", std::string(100 * 1024 + 1, 'a')), "changes[0].fields.town"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    auto parsed = parse_change_set(c.text);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().code == ErrorCode::invalid_input);
    CHECK(parsed.error().field == c.field);
    CHECK(parsed.error().message.find(c.field) != std::string::npos);  // the message names it for people too
  }
}

TEST_CASE("sync format: every operation of every entity kind that is allowed parses") {
  const std::string cases[] = {
      complete_risk_factor,
      R"({"entity":"risk_factors","id":"risk-1:factor:MISSING","op":"remove","base":3})",
      R"({"entity":"plan_events","id":"ev-1","op":"append","base":0,"fields":{"plan_id":"plan-1","event":"submitted",)"
      R"("staff_id":null,"on_date":"2026-11-20","comments":""}})",
      R"({"entity":"pathway_plans","id":"plan-1","op":"edit","base":2,"fields":{},"resolves":["needs_summary"]})",
  };
  for (const std::string& change : cases) {
    CAPTURE(change);
    auto parsed = parse_change_set(with_change(change));
    CHECK_MESSAGE(parsed.ok(), (parsed.ok() ? "" : parsed.error().message));
  }
}

TEST_CASE("sync format: push and pull messages round-trip, and check what ties them together") {
  const std::string push = R"({"format":1,"client_id":"device-1","change_sets":[)" + valid_set + "," +
                           replaced(valid_set, R"("seq":7)", R"("seq":8)") + "]}";
  auto request = parse_push_request(push);
  REQUIRE_MESSAGE(request.ok(), request.error().message);
  CHECK(request->change_sets.size() == 2);
  CHECK(serialize(*parse_push_request(serialize(*request))) == serialize(*request));

  struct Case {
    const char* name;
    std::string text;
    std::string field;
  };
  const Case bad[] = {
      {"format 2", replaced(push, R"("format":1)", R"("format":2)"), "format"},
      {"another client's change set", replaced(push, R"("client_id":"device-1","change_sets")",
                                               R"("client_id":"device-2","change_sets")"),
       "change_sets[0].client_id"},
      {"seqs not increasing", R"({"format":1,"client_id":"device-1","change_sets":[)" + valid_set + "," + valid_set + "]}",
       "change_sets[1].seq"},
      {"a bad change inside", replaced(push, R"("Newtown")", "true"), "change_sets[0].changes[0].fields.town"},
  };
  for (const Case& c : bad) {
    CAPTURE(c.name);
    auto parsed = parse_push_request(c.text);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().field == c.field);
  }

  PushResponse response{8, {{"w-1", 7, PushStatus::applied, "", ""}, {"w-2", 8, PushStatus::refused, "No.", "base"}}};
  auto response_again = parse_push_response(serialize(response));
  REQUIRE_MESSAGE(response_again.ok(), response_again.error().message);
  CHECK(serialize(*response_again) == serialize(response));
  auto no_reason = parse_push_response(R"({"format":1,"last_seq":1,"results":[{"id":"w","seq":1,"status":"refused"}]})");
  REQUIRE_FALSE(no_reason.ok());
  CHECK(no_reason.error().field == "results[0].reason");

  PullRequest pull{"device-1", 3, "42", 500};
  CHECK(serialize(*parse_pull_request(serialize(pull))) == serialize(pull));

  ServerRow row{"risk_factors", "risk-1:factor:MISSING", 3, false,
                Json{{"risk_assessment_id", "risk-1"}, {"position", 0}, {"factor", "MISSING"}}, {}};
  ServerRow plan{"plan_sections", "plan-1:section:HEALTH", 5, false,
                 Json{{"plan_id", "plan-1"}, {"section", "HEALTH"}, {"position", 2}, {"assessed_needs", "A"},
                      {"young_persons_views", "B"}},
                 {{"assessed_needs", {"C"}}}};
  PullResponse page{"43", true, {{42, {row}}, {43, {plan}}}, {"yp-9"}};
  auto page_again = parse_pull_response(serialize(page));
  REQUIRE_MESSAGE(page_again.ok(), page_again.error().message);
  CHECK(serialize(*page_again) == serialize(page));
  auto incomplete = parse_pull_response(replaced(serialize(page), R"("position":0,)", ""));
  REQUIRE_FALSE(incomplete.ok());
  CHECK(incomplete.error().field == "change_sets[0].rows[0].fields.position");
  auto code_conflict = parse_pull_response(replaced(serialize(page), R"("assessed_needs":["C"])", R"("section":["C"])"));
  REQUIRE_FALSE(code_conflict.ok());
  CHECK(code_conflict.error().field == "change_sets[1].rows[0].conflicts.section");
}

TEST_CASE("sync format: pages hold whole change sets, at least one") {
  struct Case {
    std::vector<size_t> rows;
    size_t limit;
    size_t taken;
  };
  const Case cases[] = {
      {{}, 100, 0},
      {{10, 20, 30}, 100, 3},
      {{10, 20, 80}, 100, 2},      // the third would overflow the page
      {{500, 1}, 100, 1},          // larger than a page: alone, never split
      {{40, 60, 1}, 100, 2},       // exactly full
  };
  for (const Case& c : cases) CHECK(change_sets_in_page(c.rows, c.limit) == c.taken);
}

TEST_CASE("sync format: a message over the size limit is refused before parsing") {
  const std::string huge(max_message_bytes + 1, ' ');
  auto parsed = parse_push_request(huge);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().field == "message");
  CHECK(parsed.error().message.find("too large") != std::string::npos);
}
