// Signing in to the server: on a new device before its passphrase is set
// (the first sync needs the network, and the server must know the device),
// and again on an open device when the session has ended ("Sign in again to
// sync" in the status strip). POST api/session registers the device; the
// session comes back as an HttpOnly cookie the app never sees, and only who
// signed in and the device id are kept (device_sync.h). The request never
// blocks: the answer is kept when it arrives and handled in the next frame.
// The password lives in a fixed buffer wiped, with Dear ImGui's copies, as
// soon as the request is made; the request body and the answer (which
// carries the token) are wiped too. Errors in plain words: a wrong password,
// locked out (429), offline.
#include <cstring>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/device_sync.h"
#include "app/platform/platform.h"
#include "app/screens/screens.h"
#include "app/ui/icons.h"
#include "app/ui/secret_field.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "core/wipe.h"
#include "imgui.h"
#include "store/uuid.h"

namespace pathway::app {
namespace {

constexpr std::size_t password_capacity = 1025;  // the server's longest password is 1,024 bytes
constexpr int sign_in_timeout_ms = 20'000;
constexpr const char* device_name = "Pathway in a browser";
constexpr const char* needs_network = "Sign-in needs the network the first time. Connect to the internet and try again.";

struct SignInForm {
  std::string username;
  char password[password_capacity] = {};
  std::string message;  // why the last attempt failed, for the person
  bool working = false;
  std::string device_id;              // the id this device registers with (kept after the first sign-in)
  std::optional<HttpResponse> answer;  // arrived, handled in the next frame
};

SignInForm form;

void wipe_password() {
  wipe(form.password, sizeof form.password);
  ui::wipe_imgui_text_copies();
}

// The member of staff in a 200 answer; nullopt when the answer is not one.
std::optional<Account> account_in(const std::string& body) {
  const auto answer = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!answer.is_object() || !answer.contains("user") || !answer["user"].is_object()) return std::nullopt;
  const auto& user = answer["user"];
  if (!user.contains("staff_id") || !user["staff_id"].is_string() || !user.contains("username") ||
      !user["username"].is_string())
    return std::nullopt;
  return Account{user["staff_id"].get<std::string>(), user["username"].get<std::string>(), form.device_id};
}

std::string refusal_words(const HttpResponse& answer, bool new_device) {
  switch (answer.status) {
    case 0: return new_device ? needs_network : "Pathway could not reach the server. Check the connection and try again.";
    case 401: return "That username and password did not match. Check them and try again.";
    case 429:
      return "Too many wrong passwords: signing in is paused for 15 minutes. Try again later, or ask your manager "
             "to check your account.";
    default: return error_words(answer, "Signing in did not work just now (error " + std::to_string(answer.status) + "). Try again.");
  }
}

void handle_answer(App& app, HttpResponse answer) {
  const bool new_device = app.database.phase() != LocalDatabase::Phase::open;
  form.working = false;
  std::optional<Account> account = answer.status == 200 ? account_in(answer.body) : std::nullopt;
  wipe(answer.body);  // it holds the session token
  if (answer.status != 200) {
    form.message = refusal_words(answer, new_device);
    return;
  }
  if (!account || account->staff_id.empty()) {
    form.message = "This account has no records to keep on a device. Sign in as a Personal Adviser or manager.";
    return;
  }
  if (!app.account.username.empty() && account->username != app.account.username) {
    form.message = "This device holds the records of " + app.account.username + ". Sign in as them to sync.";
    return;
  }
  if (Status kept = device_sync::signed_in(app, *account); !kept) {
    form.message = kept.error().message;
    return;
  }
  form.message.clear();
  if (!new_device) open_caseload(app);
}

void start_attempt(App& app) {
  if (form.username.empty() || form.password[0] == '\0') {
    form.message = "Type your username and password.";
    return;
  }
  if (form.device_id.empty()) form.device_id = app.account.device_id.empty() ? store::new_uuid() : app.account.device_id;
  nlohmann::json request = {{"username", form.username},
                            {"password", std::string_view(form.password, strnlen(form.password, password_capacity))},
                            {"device_id", form.device_id},
                            {"device_name", device_name}};
  std::string body = request.dump();
  wipe(request["password"].get_ref<std::string&>());
  wipe_password();
  form.working = true;
  form.message.clear();
  device_sync::http().post_json("api/session", std::move(body), sign_in_timeout_ms, [](HttpResponse answer) {
    form.answer = std::move(answer);
    platform::request_frame();
  });
}

}  // namespace

void draw_sign_in_screen(App& app) {
  if (form.answer) {
    HttpResponse answer = std::move(*form.answer);
    form.answer.reset();
    handle_answer(app, std::move(answer));
    platform::request_frame();  // the next screen, or the message
  }
  const bool new_device = app.database.phase() != LocalDatabase::Phase::open;
  if (!new_device && form.username.empty()) form.username = app.account.username;
  ImGui::Dummy(ImVec2(0, 24));
  ui::text_coloured(theme::accent, std::string(icon::lock) + "  Pathway");
  if (new_device) {
    if (ui::link("Care leaver? Read the guide to your rights: no account needed", "/guide", "##open-guide"))
      open_guide(app, GuidePage::home);
  } else if (ui::button("Back", ui::Emphasis::secondary)) {
    go_back(app);
  }
  ImGui::Spacing();
  if (form.working) {
    ui::heading("Signing in...");
    ui::text_muted("Checking your account with the server.");
    return;
  }
  ui::heading(new_device ? "Sign in to set up this device" : "Sign in again to sync");
  ui::text_wrapped(new_device
                       ? "Sign in with your council account. Pathway then brings the records of the young people "
                         "you support onto this device, and you set a passphrase to keep them safe here."
                       : "Your session has ended. Sign in to send your changes and get the latest records. "
                         "Everything on this device stays as it is.");
  if (!platform::online()) ui::banner(icon::cloud_off, needs_network, theme::warning_fill, theme::warning_text);
  ImGui::Spacing();
  bool submit = false;
  ui::text_field("Username", form.username);
  ui::field_caption("Password");
  submit |= ui::secret_field("##Password", form.password, password_capacity);
  if (!form.message.empty()) ui::banner(icon::warning, form.message, theme::warning_fill, theme::warning_text);
  ImGui::Spacing();
  submit |= ui::button("Sign in", ui::Emphasis::primary, -1);
  if (submit) start_attempt(app);
}

}  // namespace pathway::app
