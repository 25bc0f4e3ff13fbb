// Every record survives a save and a read unchanged: read back, the record
// saved again into a fresh store gives exactly the same rows (so every bind
// and read function agree on every column), and chosen fields come back
// with their values.
#include <doctest/doctest.h>

#include "store_fixtures.h"

using namespace pathway;
using namespace pathway::store_test;

TEST_CASE("store round trip: every record type saved, read back and saved again gives identical rows") {
  auto first = open_memory_store();
  REQUIRE(first);
  auto saved = save_one_of_everything(*first);
  REQUIRE_MESSAGE(saved.ok(), saved.error().message);

  auto team = first->team("team-1");
  auto staff = first->staff("staff-pa-1");
  auto manager = first->staff("staff-tm-1");
  auto duty = first->duty_entry("duty-1");
  auto person = first->young_person("yp-1");
  auto contact = first->contact("contact-1");
  auto plan = first->pathway_plan("plan-1");
  auto activity = first->activity_spell("eet-1");
  auto accommodation = first->accommodation_spell("home-1");
  auto risk = first->risk_assessment("risk-1");
  REQUIRE(team.ok());
  REQUIRE(staff.ok());
  REQUIRE(manager.ok());
  REQUIRE(duty.ok());
  REQUIRE(person.ok());
  REQUIRE(contact.ok());
  REQUIRE(plan.ok());
  REQUIRE(activity.ok());
  REQUIRE(accommodation.ok());
  REQUIRE(risk.ok());

  // Spot checks that values land in their own fields.
  CHECK(person->version == 1);
  CHECK(person->preferred_name == "Zeddy");
  CHECK(person->email == "zed@example.org");
  CHECK(person->phone == "01632 960000");
  CHECK(person->languages == std::vector<std::string>{"English", "Welsh \"Cymraeg\""});
  CHECK(person->care_periods.size() == 2);
  CHECK(person->care_periods[1].basis == core::LegalBasis::care_order);
  CHECK(person->care_periods[1].ceased == day("2025-03-13"));
  CHECK(person->qualifying.special_guardianship_order_ended == day("2019-06-01"));
  REQUIRE(person->lived_with_parent.size() == 1);
  CHECK(person->lived_with_parent[0].start == day("2025-04-01"));
  CHECK_FALSE(person->lived_with_parent[0].end.has_value());
  CHECK(person->education_or_training.size() == 2);
  CHECK_FALSE(person->education_or_training[1].end.has_value());
  CHECK(person->in_touch_records.size() == 2);
  CHECK(person->in_touch_records[1].code == core::InTouchCode::refuses);
  CHECK(person->flags.uasc);
  CHECK_FALSE(person->flags.parent);
  CHECK(person->flags.send);
  CHECK(person->qualifying.looked_after_before_sgo);
  CHECK(contact->occurred_at == at("2026-11-02T14:30:00Z"));
  CHECK(contact->pa_notes == sample_contact().pa_notes);
  CHECK(contact->follow_ups.size() == 2);
  CHECK(contact->follow_ups[0].due == day("2026-12-01"));
  CHECK(contact->follow_ups[1].done);
  CHECK(plan->sections[2].objectives.size() == 2);
  CHECK(plan->sections[2].objectives[1].what == "Visit open day");
  CHECK(plan->sections[2].young_persons_views == "I like fixing bikes.");
  CHECK(plan->sections[5].objectives.size() == 1);
  CHECK(plan->sections[5].objectives[0].status == core::ObjectiveStatus::achieved);
  CHECK(plan->authorised_on == day("2026-05-12"));
  CHECK(risk->factors == std::vector<core::RiskFactor>{core::RiskFactor::substance_misuse, core::RiskFactor::financial_hardship});
  CHECK(accommodation->suitability == core::Suitability::suitable);
  CHECK(duty->to == day("2026-11-27"));
  CHECK(manager->role == core::StaffRole::team_manager);

  // Saved again as new records into a fresh store: the same rows.
  auto second = open_memory_store();
  REQUIRE(second);
  auto resaved = second->write(test_actor, test_now, [&](store::Writer& w) {
    auto as_new = [](auto record) {
      record.version = 0;
      return record;
    };
    (void)w.save(as_new(*team));
    (void)w.save(as_new(*staff));
    (void)w.save(as_new(*manager));
    (void)w.save(as_new(*duty));
    (void)w.save(as_new(*person));
    (void)w.save(*contact);
    (void)w.save(as_new(*plan));
    (void)w.save(as_new(*activity));
    (void)w.save(as_new(*accommodation));
    return w.save(as_new(*risk));
  });
  REQUIRE_MESSAGE(resaved.ok(), resaved.error().message);
  CHECK(domain_dump(*first) == domain_dump(*second));
  CHECK(domain_dump(*first).find("Fictional Row") != std::string::npos);  // the dump is not empty
}

TEST_CASE("store round trip: lists for a person come back oldest first") {
  auto store = open_memory_store();
  REQUIRE(store);
  REQUIRE(save_one_of_everything(*store).ok());
  auto saved = store->write(test_actor, test_now, [](store::Writer& w) {
    (void)w.save(sample_contact("contact-0", "yp-1", at("2026-01-05T09:00:00Z")));
    return w.save(sample_contact("contact-2", "yp-1", at("2026-11-20T09:00:00Z")));
  });
  REQUIRE(saved.ok());
  auto contacts = store->contacts_of("yp-1");
  REQUIRE(contacts.ok());
  REQUIRE(contacts->size() == 3);
  CHECK((*contacts)[0].id == "contact-0");
  CHECK((*contacts)[1].id == "contact-1");
  CHECK((*contacts)[2].id == "contact-2");
  CHECK((*contacts)[2].follow_ups.size() == 2);
  CHECK(store->plans_of("yp-1")->size() == 1);
  CHECK(store->activity_of("yp-1")->size() == 1);
  CHECK(store->accommodation_of("yp-1")->size() == 1);
  CHECK(store->risks_of("yp-1")->size() == 1);
  CHECK(store->teams()->size() == 1);
  CHECK(store->all_staff()->size() == 2);
  CHECK(store->duty_rota()->size() == 1);
  CHECK(store->contacts_of("nobody")->empty());
}

TEST_CASE("store reads: a missing id is not_found") {
  auto store = open_memory_store();
  REQUIRE(store);
  auto person = store->young_person("yp-missing");
  REQUIRE_FALSE(person.ok());
  CHECK(person.error().code == ErrorCode::not_found);
  CHECK(store->pathway_plan("plan-missing").error().code == ErrorCode::not_found);
}
