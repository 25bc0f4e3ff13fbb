// The demo council's words: invented names, addresses in "Example Town" with
// reserved ZZ99 postcodes, phone numbers from Ofcom's drama range
// (07700 900000-900999), example.org e-mail addresses, and case notes built
// from short sentence lists. Everything is obviously fictional, and the lists
// are small so the wasm app that seeds a device caseload stays small.
#pragma once

#include <string>
#include <string_view>

#include "demo/random.h"

namespace pathway::demo {

enum class NameStyle { feminine, masculine, any };

std::string_view given_name(DemoRandom& random, NameStyle style);
// Made-up family names (two invented halves, e.g. "Bramblewick").
std::string family_name(DemoRandom& random);

struct DemoAddress {
  std::string line1;     // "14 Sample Street"
  std::string town;      // always "Example Town"
  std::string postcode;  // "ZZ99 3QT"
};
DemoAddress address(DemoRandom& random);
// "07700 900123": `number` is taken modulo 1000.
std::string drama_phone(uint32_t number);
// "sam.bramblewick7@example.org", lower case ASCII.
std::string example_email(std::string_view given, std::string_view family, uint32_t number);

// How a contact happened, for choosing the opening of a note.
enum class NoteSetting { home_visit, office, phone, video, message, other };

// A PA's note of a contact with `name`: three or four plain sentences.
std::string contact_note(DemoRandom& random, NoteSetting setting, std::string_view name);
// What the young person said, in their own words (one or two sentences).
std::string young_person_words(DemoRandom& random);
// A follow-up action, e.g. "Ring the housing officer about the repairs".
std::string_view follow_up_action(DemoRandom& random);
// Why a contact did not happen (a "not seen" note), for how it was meant to happen.
std::string not_seen_note(DemoRandom& random, NoteSetting setting, std::string_view name);

// Plan text: an objective ("what") and how it will be met, for a plan section
// numbered 0-7 in the order of the Pathway Plan (contact, health, EET,
// family, practical skills, finance, accommodation, risk).
std::string_view objective_what(DemoRandom& random, int section);
std::string_view objective_how(DemoRandom& random, int section);
std::string_view section_views(DemoRandom& random, int section);

}  // namespace pathway::demo
