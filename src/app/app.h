// The app's state between frames: the local database, which screen is open,
// and the few flags the browser sets (an update is waiting). Screens read
// records from the store (through small caches keyed by data_version), never
// keep their own copies, and draw from this every frame.
#pragma once

#include <cstdint>
#include <string>

#include "app/guide_content.h"
#include "app/persist/local_database.h"
#include "core/date.h"
#include "core/model.h"

namespace pathway::app {

// authorisations: a manager's queue of submitted plans; authorise: one of them (App::plan_id).
// sign_in: signing in again on an open device (a new device signs in before its passphrase).
enum class Screen { caseload, young_person, visit, plan, authorisations, authorise, guide, sign_in };

// Who this device syncs as: set by signing in, kept in the store's local
// settings (device_sync.h). Empty until the first sign-in.
struct Account {
  core::Id staff_id;      // the member of staff signed in
  std::string username;
  std::string device_id;  // this device, registered at sign-in (the sync client id)
};

// Where the care leaver's guide is (Screen::guide). The public guide needs no
// database: it opens before unlocking, and from its links (/guide/<topic>).
enum class GuidePage { home, topic, what_can_i_get, settings };
inline constexpr const char* easy_read_setting = "guide.easy_read";  // "1": easy-read pages
struct GuideView {
  GuidePage page = GuidePage::home;
  std::string topic;       // on GuidePage::topic
  bool easy_read = false;  // a device setting, kept in local storage
  Screen came_from = Screen::caseload;
};

struct App {
  LocalDatabase database;
  Screen screen = Screen::caseload;
  Account account;
  core::Id staff_id;          // the member of staff whose records this device holds (account.staff_id)
  core::Id person_id;         // the young person open on Screen::young_person, visit or plan
  core::Id plan_id;           // the plan open on Screen::authorise
  uint64_t data_version = 0;  // bumped by every write: screens reload what they show
  // Set by draw() each frame: a wide screen (a tablet in landscape) shows the
  // caseload beside the open screen, which then needs no Back to the caseload.
  bool two_panes = false;
  std::string open_error;     // what went wrong preparing the database after it opened
  std::string just_saved;  // "Visit" or "Note": the young person screen says when it is on the device
  // A visit just recorded a new home or activity: the young person screen
  // asks "review the plan?" (circumstances changed, Care Leavers (England)
  // Regulations 2010 reg 7). Words like "A new home", empty when not asked.
  std::string plan_review_prompt;
  // The auto-lock (auto_lock.h) closed the store: why, for the unlock screen,
  // and that unlocking returns to the screen that was open.
  std::string locked_because;
  bool resume_after_unlock = false;
  bool update_available = false;
  bool update_requested = false;  // "Reload to update" pressed; waits until saved
  GuideContent guide;
  GuideView guide_view;
};

// The clock lives here, at the edge: core and store are given the time.
Instant now();
Date today();  // England's calendar date (core's UK time)

// The database has just been opened (created = first start on this device):
// it keeps the account just signed in (or gives back the one it holds), sync
// starts (a new device's first sync brings its caseload), and the caseload
// screen opens (after an auto-lock, the screen that was open stays).
void database_opened(App& app, bool created);

// Opens the young person's screen / goes back to the caseload.
void open_young_person(App& app, const core::Id& person_id);
void open_caseload(App& app);
// Opens "Record a visit" for the young person (their draft, if one is kept).
void open_visit(App& app, const core::Id& person_id);
// Opens the young person's pathway plan in the editor (their draft, if one is kept).
void open_plan(App& app, const core::Id& person_id);

// One step back, as the screen's own Back control does (a visit keeps its
// draft): the browser's Back button comes here too (navigation.h).
void go_back(App& app);

// A manager's queue of plans awaiting authorisation (screens.h, may_authorise_plans).
void open_authorisations(App& app);

// Opens the guide at a page ("" = its start) / leaves it for the screen it was opened from.
void open_guide(App& app, GuidePage page, const std::string& topic = {});
void close_guide(App& app);

// Draws the whole UI for one frame.
void draw(App& app);

}  // namespace pathway::app
