// The start screen: on first start the user sets a passphrase for this device
// (typed twice, with the reason in plain words); afterwards they type it to
// unlock. On a new device the person signs in first (sign_in_screen.cpp).
// Argon2id takes a noticeable moment in the browser, so the screen
// first shows "Unlocking..." and runs the key derivation just after that frame
// is on screen. A link opens the public care leaver's guide, which needs no
// passphrase. Passphrases live only in fixed buffers here that are wiped as
// soon as the attempt is made, together with Dear ImGui's own copies of what
// was typed (its edit state, the copy it keeps of a deactivated field, its
// input queues); blocks ImGui frees are wiped too (platform.cpp).
#include <cstring>
#include <string>

#include <emscripten/emscripten.h>

#include "app/persist/key_derivation.h"
#include "app/platform/platform.h"
#include "app/screens/screens.h"
#include "app/ui/icons.h"
#include "app/ui/secret_field.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "core/wipe.h"
#include "imgui.h"

namespace pathway::app {
namespace {

constexpr std::size_t passphrase_capacity = 256;

struct UnlockForm {
  char passphrase[passphrase_capacity] = {};
  char repeat[passphrase_capacity] = {};
  std::string message;  // why the last attempt failed, for the person
  bool working = false;
  bool focus_requested = false;
};

UnlockForm form;
App* pending_app = nullptr;

void wipe_form() {
  wipe(form.passphrase, sizeof form.passphrase);
  wipe(form.repeat, sizeof form.repeat);
  ui::wipe_imgui_text_copies();
}

// Runs after the "Unlocking..." frame is on screen (emscripten_async_call).
void run_pending_attempt(void*) {
  platform::mark("pathway-unlock-start");  // unlock timing, to the caseload's first frame
  App& app = *pending_app;
  bool creating = app.database.phase() == LocalDatabase::Phase::needs_new_passphrase;
  std::string_view passphrase(form.passphrase, strnlen(form.passphrase, passphrase_capacity));
  Status status = creating ? app.database.create(passphrase) : app.database.unlock(passphrase);
  wipe_form();
  form.working = false;
  form.focus_requested = false;
  if (!status) {
    form.message = status.error().code == ErrorCode::wrong_key
                       ? "That passphrase did not open Pathway. Check it and try again."
                       : status.error().message;
  } else {
    form.message.clear();
    database_opened(app, creating);
  }
  platform::request_frame();
}

void start_attempt(App& app) {
  std::string_view passphrase(form.passphrase, strnlen(form.passphrase, passphrase_capacity));
  bool creating = app.database.phase() == LocalDatabase::Phase::needs_new_passphrase;
  if (creating && !passphrase_long_enough(passphrase)) {
    form.message = "Use at least " + std::to_string(kMinimumPassphraseLength) + " characters.";
    return;
  }
  if (creating && std::strcmp(form.passphrase, form.repeat) != 0) {
    form.message = "The two passphrases are not the same. Type them again.";
    wipe_form();
    return;
  }
  if (passphrase.empty()) {
    form.message = "Type your passphrase.";
    return;
  }
  platform::mark("pathway-unlock-tapped");
  form.working = true;
  form.message.clear();
  pending_app = &app;
  ui::wipe_imgui_text_copies();  // also closes the on-screen keyboard while we work
  // Let the browser show the "Unlocking..." frame before the key derivation
  // holds the thread for a moment.
  emscripten_async_call(run_pending_attempt, nullptr, 50);
  platform::request_frame();
}

bool passphrase_field(const char* label, char* buffer) { return ui::secret_field(label, buffer, passphrase_capacity); }

void focus_first_field_once() {
  // With a keyboard, typing can start at once. On touch screens the
  // on-screen keyboard opens only from a tap, so the field waits for one.
  if (form.focus_requested || platform::touch_device()) return;
  form.focus_requested = true;
  ImGui::SetKeyboardFocusHere();
}

}  // namespace

void draw_unlock_screen(App& app) {
  using Phase = LocalDatabase::Phase;
  Phase phase = app.database.phase();
  ImGui::Dummy(ImVec2(0, 24));
  ui::text_coloured(theme::accent, std::string(icon::lock) + "  Pathway");
  // The public guide needs no passphrase: care leavers open it from here.
  if (ui::link("Care leaver? Read the guide to your rights: no account needed", "/guide", "##open-guide"))
    open_guide(app, GuidePage::home);
  ImGui::Spacing();

  if (phase == Phase::loading) {
    ui::heading("Opening Pathway");
    ui::text_muted("Reading this device's records...");
    return;
  }
  if (phase == Phase::failed) {
    ui::heading("Pathway cannot open its records");
    ui::banner(icon::error, app.database.failure(), theme::warning_fill, theme::warning_text);
    return;
  }
  if (phase == Phase::damaged) {
    ui::heading("This device's copy is damaged");
    ui::banner(icon::error, app.database.failure(), theme::warning_fill, theme::warning_text);
    ui::text_wrapped(
        "Pathway found its records in this browser but cannot read them. Nothing has been deleted: the damaged "
        "copy is kept exactly as it is, so that it can be examined or recovered. Do not clear this browser's "
        "data; ask your IT support for help.");
    return;
  }
  if (phase == Phase::open_elsewhere || phase == Phase::closed) {
    ui::heading("Pathway is open in another tab or window");
    ui::text_wrapped(phase == Phase::closed
                         ? app.database.closed_reason()
                         : "Only one tab at a time can use this device's records, so that no note is ever "
                           "written over. Use it here and the other tab saves its work and stops.");
    ImGui::Spacing();
    if (ui::button("Use it here", ui::Emphasis::primary, -1)) app.database.take_over();
    return;
  }
  if (phase == Phase::taking_over || phase == Phase::handing_over) {
    ui::heading(phase == Phase::taking_over ? "Opening Pathway here" : "Pathway was opened in another tab");
    ui::text_muted(phase == Phase::taking_over ? "Waiting for the other tab to finish saving..."
                                               : "Finishing saving, then this tab stops...");
    return;
  }
  if (form.working) {
    ui::heading(phase == Phase::needs_new_passphrase ? "Setting up..." : "Unlocking...");
    ui::text_muted("This takes a moment.");
    return;
  }

  bool creating = phase == Phase::needs_new_passphrase;
  bool submit = false;
  if (creating) {
    ui::heading("Set a passphrase for this device");
    ui::text_wrapped(
        "Pathway keeps the records of the young people you support on this device, encrypted with this "
        "passphrase. You will type it each time you open Pathway.");
    ui::text_wrapped("Use at least " + std::to_string(kMinimumPassphraseLength) +
                     " characters: a few unrelated words are easy to remember and hard to guess. Nobody can "
                     "recover it, so keep it safe.");
    ImGui::Spacing();
    ui::field_caption("Passphrase");
    focus_first_field_once();
    submit |= passphrase_field("##Passphrase", form.passphrase);
    ui::field_caption("Passphrase again");
    submit |= passphrase_field("##Passphrase again", form.repeat);
  } else {
    platform::mark_when_drawn("pathway-unlock-screen");  // a cached start, as far as a person can act
    ui::heading("Enter your passphrase");
    if (app.locked_because.empty()) {
      ui::text_wrapped("Pathway is locked. Type the passphrase you set on this device.");
    } else {
      ui::text_wrapped(app.locked_because);
      ui::text_wrapped("Type your passphrase to carry on where you were: nothing you typed is lost.");
    }
    ImGui::Spacing();
    ui::field_caption("Passphrase");
    focus_first_field_once();
    submit |= passphrase_field("##Passphrase", form.passphrase);
  }
  if (!form.message.empty()) ui::banner(icon::warning, form.message, theme::warning_fill, theme::warning_text);
  ImGui::Spacing();
  submit |= ui::button(creating ? "Set passphrase" : "Unlock", ui::Emphasis::primary, -1);
  if (submit) start_attempt(app);
}

}  // namespace pathway::app
