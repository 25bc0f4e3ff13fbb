// Small builders for the core rule tests: obviously fictional people and
// records, dates written as ISO strings so each table row reads as data.
#pragma once

#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "core/model.h"

namespace pathway::core::testing {

// A date from "YYYY-MM-DD"; a bad literal fails the test that wrote it.
inline Date d(const char* iso) {
  const std::optional<Date> date = Date::parse(iso);
  REQUIRE_MESSAGE(date.has_value(), "bad date literal ", iso);
  return *date;
}
inline std::optional<Date> maybe(const char* iso) { return iso ? std::optional(d(iso)) : std::nullopt; }

// An instant at noon UTC on the given day.
inline Instant noon(const char* iso) { return *uk_instant_of(d(iso), 12, 0); }

// A period looked after from `start` to the day it `ceased` (SSDA903 DEC, the
// first day no longer looked after; nullptr: still looked after).
inline CarePeriod looked_after(const char* start, const char* ceased, LegalBasis basis = LegalBasis::care_order) {
  return CarePeriod{d(start), maybe(ceased), basis};
}

inline YoungPerson person(const char* dob, std::string id = "yp-1") {
  YoungPerson p;
  p.id = std::move(id);
  p.legal_given_name = "Testy";
  p.legal_family_name = "McExample";
  p.date_of_birth = d(dob);
  return p;
}

inline Contact contact(std::string id, std::string person_id, const char* day,
                       ContactOutcome outcome = ContactOutcome::seen) {
  Contact c;
  c.id = std::move(id);
  c.young_person_id = std::move(person_id);
  c.staff_id = "pa-1";
  c.occurred_at = noon(day);
  c.recorded_at = c.occurred_at;
  c.outcome = outcome;
  if (outcome == ContactOutcome::not_seen) c.not_seen_reason = NotSeenReason::no_answer;
  return c;
}

}  // namespace pathway::core::testing
