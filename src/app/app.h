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

enum class Screen { caseload, young_person, visit, guide };

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
  core::Id staff_id;          // the Personal Adviser whose caseload this device holds
  core::Id person_id;         // the young person open on Screen::young_person or Screen::visit
  uint64_t data_version = 0;  // bumped by every write: screens reload what they show
  std::string open_error;     // what went wrong preparing the database after it opened
  bool visit_just_saved = false;  // the young person screen says when the saved visit is on the device
  bool update_available = false;
  bool update_requested = false;  // "Reload to update" pressed; waits until saved
  GuideContent guide;
  GuideView guide_view;
};

// The clock lives here, at the edge: core and store are given the time.
Instant now();
Date today();  // England's calendar date (core's UK time)

// The database has just been opened (created = first start on this device):
// a new device gets its caseload, and the caseload screen opens.
void database_opened(App& app, bool created);

// Opens the young person's screen / goes back to the caseload.
void open_young_person(App& app, const core::Id& person_id);
void open_caseload(App& app);
// Opens "Record a visit" for the young person (their draft, if one is kept).
void open_visit(App& app, const core::Id& person_id);

// Opens the guide at a page ("" = its start) / leaves it for the screen it was opened from.
void open_guide(App& app, GuidePage page, const std::string& topic = {});
void close_guide(App& app);

// Draws the whole UI for one frame.
void draw(App& app);

}  // namespace pathway::app
