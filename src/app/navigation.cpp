// Back in the browser (navigation.h). `entries` is the depth of the history
// entry the browser shows, which follow() keeps equal to the screen's depth.
#include "app/navigation.h"

#include "app/platform/platform.h"

namespace pathway::app::navigation {
namespace {

App* followed = nullptr;
int entries = 0;

void browser_moved(int depth) {
  entries = depth;
  if (!followed || followed->database.phase() != LocalDatabase::Phase::open) return;
  // Each step leaves one screen (a visit keeps its draft as its own Back does).
  for (int steps = 0; steps < 8 && depth_of(*followed, followed->screen) > depth; ++steps) go_back(*followed);
}

}  // namespace

int depth_of(const App& app, Screen screen) {
  switch (screen) {
    case Screen::caseload: return 0;
    case Screen::young_person:
    case Screen::authorisations:
    case Screen::sign_in: return 1;
    case Screen::authorise: return 2;
    case Screen::visit:
    case Screen::plan: return 2;
    case Screen::guide:
      return app.guide_view.came_from == Screen::guide ? 1 : depth_of(app, app.guide_view.came_from) + 1;
  }
  return 0;
}

void follow(App& app) {
  if (!followed) {
    followed = &app;
    platform::set_on_history_moved(browser_moved);
  }
  if (app.database.phase() != LocalDatabase::Phase::open) return;  // locked: the screen waits as it was
  const int depth = depth_of(app, app.screen);
  while (entries < depth) platform::push_history_entry(++entries);
  if (entries > depth) {
    platform::go_back_in_history(entries - depth);
    entries = depth;
  }
}

}  // namespace pathway::app::navigation
