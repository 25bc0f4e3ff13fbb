// Pathway's WebAssembly app: sets up the platform layer (WebGL2 canvas, input,
// fonts), starts reading the encrypted local database from IndexedDB, and
// hands the frame loop to the browser. Sequential, like Dear ImGui's own
// examples: after main() returns, frames are drawn only when something
// changes (see platform/platform.h).
#include "app/app.h"
#include "app/platform/platform.h"
#include "app/ui/theme.h"

using namespace pathway::app;

int main() {
  if (pathway::Status started = platform::init(); !started) {
    platform::show_failure(started.error().message);
    return 1;
  }
  theme::apply(platform::touch_device());

  static App app;  // lives as long as the page
  app.database.set_on_change([] { platform::request_frame(); });
  app.database.set_on_stage(platform::mark);  // unlock timing (bench/browser_load.mjs)
  app.database.start();
  platform::run([] { draw(app); });
  return 0;
}
