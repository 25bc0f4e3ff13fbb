// The --demo start-up load (see demo_data.h).
#include "server/demo_data.h"

#include <algorithm>

#include "demo/council.h"
#include "demo/load.h"
#include "server/accounts.h"

namespace pathway::server {

Result<bool> load_demo_council_if_empty(store::Store& store, Instant now) {
  const auto staff = store.all_staff();
  if (!staff) return staff.error();
  if (!staff->empty()) return false;
  demo::DemoOptions options;
  options.today = uk_date_of(now);
  if (Status loaded = demo::load_generated(store, options); !loaded) return loaded.error();
  return true;
}

namespace {

struct DemoStaffChoice {
  const char* username;
  const core::Staff* staff;
  Role role;
};

const core::Staff* find_staff(const demo::Council& council, auto&& matches) {
  const auto found = std::find_if(council.staff.begin(), council.staff.end(), matches);
  return found == council.staff.end() ? nullptr : &*found;
}

}  // namespace

Result<std::vector<DemoAccount>> ensure_demo_accounts(AccountStore& accounts, store::Store& record, Instant now) {
  // The default council's staff, as load_demo_council_if_empty saved them
  // (staff come from a random stream of their own: the same ids every time).
  const demo::Council council = demo::generate_staff(demo::DemoOptions{});
  const core::Id pa_id = demo::demo_device_pa(council);
  const core::Staff* pa = find_staff(council, [&](const core::Staff& s) { return s.id == pa_id; });
  if (!pa) return Error{ErrorCode::internal, "The demo council has no Personal Adviser"};
  const core::Staff* other_pa = find_staff(council, [&](const core::Staff& s) {
    return s.role == core::StaffRole::personal_adviser && s.team_id != pa->team_id;
  });
  const auto team = std::find_if(council.teams.begin(), council.teams.end(),
                                 [&](const core::Team& t) { return t.id == pa->team_id; });
  const core::Staff* manager =
      team == council.teams.end() ? nullptr : find_staff(council, [&](const core::Staff& s) { return s.id == team->manager_id; });
  const auto with_role = [&](core::StaffRole role) {
    return find_staff(council, [&](const core::Staff& s) { return s.role == role; });
  };
  const DemoStaffChoice choices[] = {
      {"demo-pa", pa, Role::pa},
      {"demo-pa2", other_pa, Role::pa},
      {"demo-tm", manager, Role::team_manager},
      {"demo-sm", with_role(core::StaffRole::service_manager), Role::service_manager},
      {"demo-admin", with_role(core::StaffRole::admin), Role::admin},
  };

  std::vector<DemoAccount> made;
  for (const auto& choice : choices) {
    if (!choice.staff) return Error{ErrorCode::internal, std::string("The demo council has nobody for ") + choice.username};
    auto in_record = record.staff(choice.staff->id);
    if (!in_record) {
      if (in_record.error().code != ErrorCode::not_found) return in_record.error();
      return Error{ErrorCode::conflict, "This database holds another council, not the demo one: no demo accounts made"};
    }
    auto existing = accounts.user_by_username(choice.username);
    if (!existing) return existing.error();
    if (!*existing) {
      auto created = create_account(accounts,
                                    {.username = choice.username,
                                     .display_name = choice.staff->name,
                                     .role = choice.role,
                                     .team_id = choice.staff->team_id,
                                     .staff_id = choice.staff->id},
                                    demo_password, now, {.username = "(demo set-up)"});
      if (!created) return created.error();
    }
    std::string team_name;
    for (const auto& t : council.teams) {
      if (t.id == choice.staff->team_id) team_name = t.name;
    }
    made.push_back({choice.username, choice.staff->name, choice.role, std::move(team_name)});
  }
  return made;
}

}  // namespace pathway::server
