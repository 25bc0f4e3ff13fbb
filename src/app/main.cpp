// Pathway's WebAssembly app: sets up the platform layer (WebGL2 canvas, input,
// fonts), starts reading the encrypted local database from IndexedDB, and
// hands the frame loop to the browser. Sequential, like Dear ImGui's own
// examples: after main() returns, frames are drawn only when something
// changes (see platform/platform.h). It also starts the care leaver's guide,
// and opens it at once when the page was opened at one of its links.
#include <emscripten/emscripten.h>

#include "app/app.h"
#include "app/platform/platform.h"
#include "app/ui/theme.h"

using namespace pathway::app;

extern "C" void pathway_js_guide_start();  // js/guide.js: the kept guide, then a newer one if online

namespace {
App& the_app() {
  static App app;  // lives as long as the page
  return app;
}
}  // namespace

// The guide's files, from js/guide.js.
extern "C" EMSCRIPTEN_KEEPALIVE void pathway_guide_begin() { the_app().guide.begin_files(); }
extern "C" EMSCRIPTEN_KEEPALIVE void pathway_guide_file(const char* name, const char* text) {
  the_app().guide.add_file(name, text);
}
extern "C" EMSCRIPTEN_KEEPALIVE void pathway_guide_end(int is_update) { the_app().guide.finish_files(is_update != 0); }

int main() {
  if (pathway::Status started = platform::init(); !started) {
    platform::show_failure(started.error().message);
    return 1;
  }
  theme::init(platform::touch_device());

  App& app = the_app();
  app.database.set_on_change([] { platform::request_frame(); });
  app.database.set_on_stage(platform::mark);  // unlock timing (bench/browser_load.mjs)
  app.guide.load_settings();
  app.guide_view.easy_read = platform::local_setting(easy_read_setting) == "1";
  if (auto topic = platform::guide_topic_in_address())
    open_guide(app, topic->empty() ? GuidePage::home : GuidePage::topic, *topic);
  pathway_js_guide_start();
  app.database.start();
  platform::run([] { draw(the_app()); });
  return 0;
}
