// Signing in, sessions and the request guard, through the real routing table
// with a clock the tests move: the cookie and bearer token, lockout and
// throttling (the same answer for a username that does not exist), expiry,
// sign-out, tampered tokens, hostile bodies, and an audit log that never
// holds a password or a token. Every case runs on both account engines.
#include <doctest/doctest.h>

#include <sodium.h>

#include <atomic>
#include <cstring>
#include <thread>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/accounts.h"
#include "server/passwords.h"
#include "server/routes.h"
#include "server/sign_in.h"
#include "server_account_engines.h"

using namespace pathway;
using namespace pathway::server;
using nlohmann::json;
using testing::PostgresEngine;
using testing::SqliteEngine;

namespace {

constexpr const char* pa_password = "a long pa password";

std::string token_of(const Response& signed_in) { return json::parse(signed_in.body)["token"].get<std::string>(); }

template <class Engine>
struct SignInWorld {
  testing::FreshAccounts<Engine> fresh;
  std::unique_ptr<AccountStore>& accounts = fresh.store;
  Instant now{1'780'000'000};
  Router router = make_router({.check_database = [] { return ok_status(); },
                               .accounts = accounts.get(),
                               .now = [this] { return now; }});
  int64_t pa_id = 0;

  SignInWorld() {
    auto created = create_account(*accounts, {.username = "demo-pa", .display_name = "Ash Example", .role = Role::pa,
                                              .team_id = "team-1", .staff_id = "staff-1"},
                                  pa_password, now, {.username = "test"});
    REQUIRE(created.ok());
    pa_id = *created;
  }

  Response call(std::string method, std::string path, std::string body = {}, Headers headers = {},
                std::string address = "192.0.2.1") {
    return router.handle(Request{.method = std::move(method), .path = std::move(path), .headers = std::move(headers),
                                 .body = std::move(body), .client_address = std::move(address)});
  }
  Response sign_in(std::string username, std::string password, std::string address = "192.0.2.1",
                   std::string device = "device-1") {
    const json body = {{"username", username}, {"password", password}, {"device_id", device},
                       {"device_name", "Ash's tablet"}};
    return call("POST", "/api/session", body.dump(), {}, std::move(address));
  }
  // Signs the demo PA in and returns the token.
  std::string token() {
    const auto response = sign_in("demo-pa", pa_password);
    REQUIRE(response.status == 200);
    return token_of(response);
  }
  Response who(const std::string& token) { return call("GET", "/api/session", {}, {{"Authorization", "Bearer " + token}}); }
  std::vector<AuditEntry> audit() {
    auto rows = accounts->audit_after(0, 10000);
    REQUIRE(rows.ok());
    return *rows;
  }
  void wait(int64_t seconds) { now.seconds += seconds; }
};

std::string error_of(const Response& response) {
  return json::parse(response.body, nullptr, false).value("error", std::string());
}

}  // namespace

TEST_CASE_TEMPLATE("sign-in: a session by cookie or bearer token, who is signed in, sign-out", Engine, SqliteEngine, PostgresEngine) {
  if (!Engine::available()) return;
  SignInWorld<Engine> world;
  const auto signed_in = world.sign_in("Demo-PA", pa_password);  // usernames ignore case
  REQUIRE(signed_in.status == 200);
  const auto body = json::parse(signed_in.body);
  const std::string token = body["token"];
  CHECK(token.size() == 43);
  CHECK(body["user"]["role"] == "pa");
  CHECK(body["user"]["staff_id"] == "staff-1");
  CHECK(body["idle_timeout_seconds"] == 12 * 3600);
  CHECK(body["expires_at"] == Instant{world.now.seconds + 14 * 24 * 3600}.iso());
  const std::string cookie(signed_in.header("Set-Cookie").value_or(""));
  CHECK(cookie == "pathway_session=" + token + "; Path=/api; Max-Age=1209600; HttpOnly; SameSite=Strict");

  const auto by_bearer = world.who(token);
  REQUIRE(by_bearer.status == 200);
  CHECK(json::parse(by_bearer.body) ==
        json{{"user", {{"username", "demo-pa"}, {"display_name", "Ash Example"}, {"role", "pa"},
                       {"team_id", "team-1"}, {"staff_id", "staff-1"}}},
             {"device", {{"id", "device-1"}, {"name", "Ash's tablet"}}}});
  const auto by_cookie = world.call("GET", "/api/session", {}, {{"Cookie", "theme=dark; pathway_session=" + token}});
  CHECK(by_cookie.status == 200);
  CHECK(world.call("GET", "/api/session", {}, {{"authorization", "bearer " + token}}).status == 200);

  // Behind an https proxy the cookie is Secure.
  const json again = {{"username", "demo-pa"}, {"password", pa_password}, {"device_id", "device-1"},
                      {"device_name", "tablet"}};
  const auto over_https = world.call("POST", "/api/session", again.dump(), {{"X-Forwarded-Proto", "https"}});
  CHECK(std::string(over_https.header("Set-Cookie").value_or("")).ends_with("; Secure"));

  const auto signed_out = world.call("DELETE", "/api/session", {}, {{"Authorization", "Bearer " + token}});
  CHECK(signed_out.status == 200);
  CHECK(std::string(signed_out.header("Set-Cookie").value_or("")).starts_with("pathway_session=; Path=/api; Max-Age=0"));
  const auto after = world.who(token);
  CHECK(after.status == 401);
  CHECK(error_of(after) == "The session was ended; sign in again");

  const auto device = world.accounts->device("device-1");
  REQUIRE(device.ok());
  REQUIRE(device->has_value());
  CHECK((*device)->user_id == world.pa_id);
}

TEST_CASE_TEMPLATE("sign-in: a hash made at an older cost is replaced at the next sign-in", Engine, SqliteEngine, PostgresEngine) {
  if (!Engine::available()) return;
  SignInWorld<Engine> world;
  // The same password hashed at a lower cost (libsodium's interactive limits, Argon2i).
  char old_hash[crypto_pwhash_STRBYTES];
  REQUIRE(crypto_pwhash_str_alg(old_hash, pa_password, std::strlen(pa_password), 4, size_t{32} << 20,
                                crypto_pwhash_ALG_ARGON2I13) == 0);
  REQUIRE(world.accounts->set_password_hash(world.pa_id, old_hash).ok());
  CHECK(world.sign_in("demo-pa", pa_password).status == 200);
  const auto hash = (*world.accounts->user_by_id(world.pa_id))->password_hash;
  CHECK(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
  CHECK(world.sign_in("demo-pa", pa_password).status == 200);
}

TEST_CASE_TEMPLATE("sign-in: refusals that tell nothing about which usernames exist", Engine, SqliteEngine, PostgresEngine) {
  if (!Engine::available()) return;
  SignInWorld<Engine> world;
  const auto wrong_password = world.sign_in("demo-pa", "not the password");
  const auto no_such_user = world.sign_in("nobody", "not the password");
  CHECK(wrong_password.status == 401);
  CHECK(no_such_user.status == 401);
  CHECK(wrong_password.body == no_such_user.body);
  CHECK(error_of(wrong_password) == "Wrong username or password");

  // Four more wrong passwords within 15 minutes lock the username, existing or not.
  for (const char* username : {"demo-pa", "nobody"}) {
    CAPTURE(username);
    Response last;
    for (int attempt = 2; attempt <= failures_before_lockout; ++attempt) {
      world.wait(60);
      last = world.sign_in(username, "not the password", "192.0.2." + std::to_string(attempt));
      if (attempt < failures_before_lockout) CHECK(last.status == 401);
    }
    CHECK(last.status == 429);
    CHECK(last.header("Retry-After") == "900");
    const auto locked = world.sign_in(username, username == std::string("demo-pa") ? pa_password : "x");
    CHECK(locked.status == 429);  // even with the right password
    CHECK(locked.body == last.body);
  }
  world.wait(lockout_seconds);
  CHECK(world.sign_in("demo-pa", pa_password).status == 200);

  const auto audit = world.audit();
  int failed = 0, locked = 0, refused_while_locked = 0;
  for (const auto& row : audit) {
    failed += row.action == "sign_in_failed";
    locked += row.action == "account_locked";
    refused_while_locked += row.action == "sign_in_locked";
  }
  CHECK(failed == 2 * failures_before_lockout);
  CHECK(locked == 2);
  CHECK(refused_while_locked == 2);
  CHECK(audit.back().action == "sign_in");
  CHECK(audit.back().user_id == world.pa_id);
  CHECK(audit.back().device_id == "device-1");
  CHECK(audit.back().client_address == "192.0.2.1");
}

TEST_CASE_TEMPLATE("sign-in: a burst of guesses at once gets no more than 5 passwords checked", Engine, SqliteEngine, PostgresEngine) {
  if (!Engine::available()) return;
  SignInWorld<Engine> world;
  std::vector<std::thread> guessers;
  std::atomic<int> refused_as_locked = 0;
  for (int i = 0; i < 16; ++i) {
    guessers.emplace_back([&, i] {
      const auto response = world.sign_in("demo-pa", "guess number " + std::to_string(i), "203.0.113." + std::to_string(i));
      refused_as_locked += response.status == 429;
    });
  }
  for (auto& guesser : guessers) guesser.join();
  int checked = 0;
  for (const auto& row : world.audit()) checked += row.action == "sign_in_failed";
  CHECK(checked == failures_before_lockout);
  CHECK(refused_as_locked == 16 - failures_before_lockout + 1);  // the 5th failure answers "locked" too
}

TEST_CASE_TEMPLATE("sign-in: failures spread over more than 15 minutes, or cleared by a success, do not lock", Engine, SqliteEngine, PostgresEngine) {
  if (!Engine::available()) return;
  SignInWorld<Engine> world;
  for (int i = 0; i < 2 * failures_before_lockout; ++i) {
    CHECK(world.sign_in("demo-pa", "not the password").status == 401);
    world.wait(failure_window_seconds / (failures_before_lockout - 1) + 1);
  }
  world.wait(failure_window_seconds);
  for (int i = 0; i < failures_before_lockout - 1; ++i) CHECK(world.sign_in("demo-pa", "wrong again").status == 401);
  CHECK(world.sign_in("demo-pa", pa_password).status == 200);
  world.wait(1);
  CHECK(world.sign_in("demo-pa", "wrong again").status == 401);  // the count started again
}

TEST_CASE_TEMPLATE("sign-in: one address guessing across many usernames is throttled", Engine, SqliteEngine, PostgresEngine) {
  if (!Engine::available()) return;
  SignInWorld<Engine> world;
  for (int i = 0; i < failures_per_address_limit; ++i) {
    CHECK(world.sign_in("guess" + std::to_string(i), "not the password", "198.51.100.7").status == 401);
  }
  const auto throttled = world.sign_in("demo-pa", pa_password, "198.51.100.7");
  CHECK(throttled.status == 429);
  CHECK(world.sign_in("demo-pa", pa_password, "198.51.100.8").status == 200);  // other addresses are not
  world.wait(failure_window_seconds + 1);
  CHECK(world.sign_in("demo-pa", pa_password, "198.51.100.7").status == 200);
}

TEST_CASE_TEMPLATE("sessions: expired, revoked, tampered and missing tokens get 401", Engine, SqliteEngine, PostgresEngine) {
  if (!Engine::available()) return;
  SignInWorld<Engine> world;
  const std::string token = world.token();
  CHECK(world.who(token).status == 200);

  // Use keeps it alive past 12 hours; 12 hours unused ends it.
  for (int hour = 0; hour < 20; ++hour) {
    world.wait(3600);
    REQUIRE(world.who(token).status == 200);
  }
  world.wait(session_idle_seconds);
  const auto idle = world.who(token);
  CHECK(idle.status == 401);
  CHECK(error_of(idle) == "The session has expired; sign in again");

  // 14 days after sign-in it ends however much it is used.
  const std::string busy = world.token();
  for (int64_t waited = 0; waited < session_absolute_seconds; waited += 6 * 3600) {
    CHECK(world.who(busy).status == 200);
    world.wait(6 * 3600);
  }
  CHECK(world.who(busy).status == 401);

  // An admin ends every session of the user.
  const std::string revoked = world.token();
  REQUIRE(world.accounts->revoke_sessions_of_user(world.pa_id, world.now, {.action = "sessions_revoked"}).ok());
  CHECK(error_of(world.who(revoked)) == "The session was ended; sign in again");

  const std::string live = world.token();
  std::string tampered = live;
  tampered[10] = tampered[10] == 'A' ? 'B' : 'A';
  const std::string refused_tokens[] = {tampered, live.substr(0, 42), live + "A", "", std::string(43, '='),
                                        std::string(43, '\xff'), "x"};
  for (const auto& bad : refused_tokens) {
    CAPTURE(bad);
    const auto refused = world.who(bad);
    CHECK(refused.status == 401);
    CHECK(refused.header("WWW-Authenticate") == "Bearer");
  }
  CHECK(world.call("GET", "/api/session").status == 401);
  CHECK(world.call("GET", "/api/session", {}, {{"Cookie", "pathway_session="}}).status == 401);
  CHECK(world.who(live).status == 200);
}

TEST_CASE_TEMPLATE("sessions: a revoked device loses its sessions and cannot sign in again", Engine, SqliteEngine, PostgresEngine) {
  if (!Engine::available()) return;
  SignInWorld<Engine> world;
  const std::string token = world.token();
  const std::string elsewhere = [&] {
    const auto response = world.sign_in("demo-pa", pa_password, "192.0.2.1", "device-2");
    REQUIRE(response.status == 200);
    return token_of(response);
  }();
  REQUIRE(world.accounts->revoke_device("device-1", world.now, {.username = "admin", .action = "device_revoked"}).ok());
  const auto cut_off = world.who(token);
  CHECK(cut_off.status == 401);
  CHECK(error_of(cut_off) == "This device has been removed from Pathway; ask an administrator");
  const auto again = world.sign_in("demo-pa", pa_password);
  CHECK(again.status == 403);
  CHECK(world.audit().back().action == "sign_in_refused_device");
  CHECK(world.who(elsewhere).status == 200);  // the person's other device is unaffected
  CHECK(world.accounts->revoke_device("no-such-device", world.now, {}).error().code == ErrorCode::not_found);
}

TEST_CASE_TEMPLATE("sessions: every API route but the public ones needs a session", Engine, SqliteEngine, PostgresEngine) {
  if (!Engine::available()) return;
  SignInWorld<Engine> world;
  for (const auto& route : world.router.routes()) {
    bool is_public = false;
    for (const auto& [method, path] : public_routes) is_public = is_public || (route.method == method && route.path == path);
    if (is_public) continue;
    const std::string path = route.path + (route.prefix ? "some-id" : "");
    CAPTURE(route.method);
    CAPTURE(path);
    CHECK(world.call(route.method, path).status == 401);
  }
}

TEST_CASE_TEMPLATE("sign-in: hostile bodies get 400 or 413, never a crash", Engine, SqliteEngine, PostgresEngine) {
  if (!Engine::available()) return;
  SignInWorld<Engine> world;
  const struct {
    std::string body;
    int status;
    const char* field;
  } cases[] = {
      {"", 400, ""},
      {"not json", 400, ""},
      {"[]", 400, ""},
      {"\"text\"", 400, ""},
      {"{", 400, ""},
      {std::string(sign_in_max_body_bytes + 1, ' '), 413, ""},
      {std::string(20000, '[') + std::string(20000, ']'), 400, ""},
      {R"({"username":{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":{"j":1}}}}}}}}}}})", 400, ""},
      {R"({"username":["a"],"password":"x","device_id":"d","device_name":"n"})", 400, "username"},
      {R"({"username":"demo-pa","password":"x","device_id":"d"})", 400, "device_name"},
      {R"({"username":"demo-pa","password":7,"device_id":"d","device_name":"n"})", 400, "password"},
      {R"({"username":null,"password":"x","device_id":"d","device_name":"n"})", 400, "username"},
      {R"({"username":"","password":"x","device_id":"d","device_name":"n"})", 400, "username"},
      {R"({"username":"a","password":"x","device_id":"../etc","device_name":"n"})", 400, "device_id"},
      {R"({"username":"a","password":"x","device_id":"d","device_name":"line\nbreak"})", 400, "device_name"},
      {R"({"username":"a","password":"x","device_id":"d","device_name":"n","admin":true})", 400, "admin"},
      {"{\"username\":\"\xff\xfe\",\"password\":\"x\",\"device_id\":\"d\",\"device_name\":\"n\"}", 400, ""},
      {std::string("{\"username\":\"a\0b\",\"password\":\"x\"}", 33), 400, ""},
      {R"({"username":"a","password":")" + std::string(password_max_bytes + 1, 'p') +
           R"(","device_id":"d","device_name":"n"})",
       400, "password"},
  };
  for (const auto& row : cases) {
    CAPTURE(row.body.substr(0, 80));
    const auto response = world.call("POST", "/api/session", row.body);
    CHECK(response.status == row.status);
    const auto body = json::parse(response.body, nullptr, false);
    REQUIRE(body.is_object());
    CHECK_FALSE(body.value("error", std::string()).empty());
    CHECK(body.value("field", std::string()) == row.field);
  }
  // Random bytes of every length up to 300: always a readable refusal.
  uint32_t seed = 12345;
  for (size_t length = 0; length < 300; ++length) {
    std::string bytes(length, '\0');
    for (char& c : bytes) c = static_cast<char>((seed = seed * 1103515245u + 12345u) >> 24);
    const auto response = world.call("POST", "/api/session", bytes);
    CHECK((response.status == 400 || response.status == 401));
  }
  CHECK(world.sign_in("demo-pa", pa_password).status == 200);  // and the server still works
}

TEST_CASE_TEMPLATE("sign-in: the audit log never holds a password or a token", Engine, SqliteEngine, PostgresEngine) {
  if (!Engine::available()) return;
  SignInWorld<Engine> world;
  (void)world.sign_in("demo-pa", "a wrong guess here");
  (void)world.sign_in("a long pa password", "mistyped into the wrong field");
  const std::string token = world.token();
  (void)world.call("DELETE", "/api/session", {}, {{"Authorization", "Bearer " + token}});
  const auto audit = world.audit();
  REQUIRE(audit.size() >= 4);
  for (const auto& row : audit) {
    for (const std::string& text : {row.username, row.device_id, row.client_address, row.action, row.record_id,
                                    row.detail}) {
      CAPTURE(text);
      CHECK(text.find("a wrong guess here") == std::string::npos);
      CHECK(text.find("mistyped") == std::string::npos);
      CHECK(text.find(pa_password) == std::string::npos);  // typed into the username field
      CHECK(text.find(token) == std::string::npos);
    }
  }
  CHECK(audit.back().action == "sign_out");
}

TEST_CASE_TEMPLATE("sessions: two server processes on one account database share sessions and lockouts", Engine, SqliteEngine, PostgresEngine) {
  if (!Engine::available()) return;
  // Each "process" has its own connections and routing table; nothing is
  // shared but the database (one SQLite file, or one PostgreSQL schema), as
  // with several instances behind a load balancer.
  typename Engine::Database database;
  auto first_store = database.open();
  auto second_store = database.open();
  REQUIRE(first_store.ok());
  REQUIRE(second_store.ok());
  const Instant now{1'780'000'000};
  REQUIRE(create_account(**first_store, {.username = "demo-tm", .display_name = "T M", .role = Role::team_manager},
                         pa_password, now, {})
              .ok());
  const auto router_on = [&](AccountStore& accounts) {
    return make_router({.check_database = [] { return ok_status(); }, .accounts = &accounts, .now = [now] { return now; }});
  };
  const Router first = router_on(**first_store), second = router_on(**second_store);
  const auto sign_in = [](const Router& router, const char* password) {
    const json body = {{"username", "demo-tm"}, {"password", password}, {"device_id", "d"}, {"device_name", "n"}};
    return router.handle({.method = "POST", .path = "/api/session", .body = body.dump(), .client_address = "192.0.2.9"});
  };

  const auto signed_in = sign_in(first, pa_password);
  REQUIRE(signed_in.status == 200);
  const Headers bearer{{"Authorization", "Bearer " + token_of(signed_in)}};
  CHECK(second.handle({.method = "GET", .path = "/api/session", .headers = bearer}).status == 200);
  CHECK(second.handle({.method = "DELETE", .path = "/api/session", .headers = bearer}).status == 200);
  CHECK(first.handle({.method = "GET", .path = "/api/session", .headers = bearer}).status == 401);

  // Wrong passwords sent to both in turn lock the username on both.
  for (int i = 0; i < failures_before_lockout; ++i) (void)sign_in(i % 2 ? first : second, "wrong password");
  CHECK(sign_in(first, pa_password).status == 429);
  CHECK(sign_in(second, pa_password).status == 429);

  // A burst of guesses at once, spread over both, still gets no more than 5
  // passwords checked: the two count each other's attempts.
  std::vector<std::thread> guessers;
  for (int i = 0; i < 16; ++i) {
    guessers.emplace_back([&, i] {
      const json body = {{"username", "burst"}, {"password", "guess " + std::to_string(i)}, {"device_id", "d"},
                         {"device_name", "n"}};
      (void)(i % 2 ? first : second)
          .handle({.method = "POST", .path = "/api/session", .body = body.dump(),
                   .client_address = "203.0.113." + std::to_string(i)});
    });
  }
  for (auto& guesser : guessers) guesser.join();
  const auto audit = (*first_store)->audit_after(0, 10000);
  REQUIRE(audit.ok());
  int checked = 0;
  for (const auto& row : *audit) checked += row.action == "sign_in_failed" && row.username == "burst";
  CHECK(checked == failures_before_lockout);
}
