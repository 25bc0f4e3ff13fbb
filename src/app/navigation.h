// Back, as the browser has it: every screen deeper than the caseload (a young
// person, then their visit or plan) is an entry in the browser's history, so
// the Back button and the back gesture step back through the app as its own
// Back controls do. An entry holds only its depth: the address never changes
// and no record id or name goes into it (nothing personal in URLs).
#pragma once

#include "app/app.h"

namespace pathway::app::navigation {

// How many Backs lead from this screen to the caseload.
int depth_of(const App& app, Screen screen);

// Once a frame, after drawing: adds history entries for a screen opened
// deeper, or steps the browser back for one the app left by its own Back
// control. Listens to the browser's Back (once) and steps the app back to
// the depth the browser went to, with go_back() (app.h).
void follow(App& app);

}  // namespace pathway::app::navigation
