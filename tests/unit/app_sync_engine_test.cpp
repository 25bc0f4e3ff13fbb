// The app's sync engine (src/app/sync_engine.h) against the real server
// routes in process (the Example Council, demo accounts): a device store
// syncs through a fake HttpClient that hands each request to the routing
// table, and can lose it on the way (no answer), lose the answer after the
// server applied it, or answer 503. One request at a time, answers applied
// only at the next step, push before pull, pull to the end, a lost push
// answer applied once, backoff after failures, a 401 asking for sign-in.
#include <doctest/doctest.h>

#include <deque>

#include "app/sync_engine.h"
#include "server/demo_data.h"
#include "server_sync_world.h"
#include "store_fixtures.h"

using namespace pathway;
using namespace pathway::app;
using sync_test::SyncWorld;
using sync_test::visit_to;

namespace {

enum class Fault { none, lost_on_the_way, answer_lost, unavailable, session_ended };

// HttpClient over the in-process router, signed in as `username` on `device_id`.
class RoutedHttp : public HttpClient {
 public:
  RoutedHttp(SyncWorld& world, const std::string& username, const std::string& device_id) : world_(world) {
    const nlohmann::json body = {{"username", username}, {"password", server::demo_password},
                                 {"device_id", device_id}, {"device_name", "engine test"}};
    const auto signed_in = world.router.handle({.method = "POST", .path = "/api/session", .body = body.dump()});
    REQUIRE(signed_in.status == 200);
    token_ = nlohmann::json::parse(signed_in.body)["token"];
  }

  void post_json(std::string_view path, std::string body, int, Callback done) override {
    waiting_.push_back({std::string(path), std::move(body), std::move(done)});
  }

  size_t waiting() const { return waiting_.size(); }
  const std::string& next_path() const { return waiting_.front().path; }

  // Answers the oldest request (the engine's callback runs now, as the browser's would later).
  void answer(Fault fault = Fault::none) {
    REQUIRE_FALSE(waiting_.empty());
    Request request = std::move(waiting_.front());
    waiting_.pop_front();
    HttpResponse response;
    if (fault == Fault::unavailable) response.status = 503;
    else if (fault == Fault::session_ended) response = {401, R"({"error":"Sign in again"})"};
    else if (fault != Fault::lost_on_the_way) {
      const server::Response answered = world_.router.handle({.method = "POST", .path = "/" + request.path,
                                                              .headers = {{"Authorization", "Bearer " + token_}},
                                                              .body = request.body});
      if (fault == Fault::none) response = {answered.status, answered.body};  // answer_lost: applied, then dropped
    }
    request.done(std::move(response));
  }

 private:
  struct Request {
    std::string path;
    std::string body;
    Callback done;
  };
  SyncWorld& world_;
  std::string token_;
  std::deque<Request> waiting_;
};

struct EngineDevice {
  SyncWorld& world;
  RoutedHttp http;
  std::unique_ptr<store::Store> store = store_test::open_memory_store();
  SyncEngine engine{http};
  std::string staff_id;
  int64_t now_ms = 0;
  int answers_arrived = 0;

  EngineDevice(SyncWorld& w, const std::string& username, const std::string& device_id)
      : world(w), http(w, username, device_id), staff_id(w.user(username).staff_id) {
    engine.set_client_id(device_id);
    engine.set_on_answer([this] { ++answers_arrived; });
    engine.schedule().start(/*online=*/true, /*signed_in=*/true, now_ms);
  }

  bool step(double jitter = 0.5) { return engine.step(store.get(), now_ms, world.now, jitter); }

  // Steps and answers until the round ends; returns the paths asked, in order.
  std::vector<std::string> run_round(Fault fault_for_all = Fault::none) {
    std::vector<std::string> paths;
    for (int i = 0; i < 1000; ++i) {
      step();
      if (http.waiting() == 0) {
        if (!engine.running()) return paths;
        continue;
      }
      REQUIRE(http.waiting() == 1);  // one request in flight, never two
      paths.push_back(http.next_path());
      http.answer(fault_for_all);
    }
    FAIL("the round never ended");
    return paths;
  }

  void write_visit(const std::string& person, const std::string& id) {
    const Status written = store->write({staff_id, "dev"}, world.now, [&](store::Writer& w) {
      return w.save(visit_to(person, staff_id, id, world.now));
    });
    REQUIRE_MESSAGE(written.ok(), written.error().message);
    engine.schedule().changed(now_ms);
  }
};

}  // namespace

TEST_CASE("sync engine: the first sync pulls demo-pa's caseload page by page, then waits a minute") {
  SyncWorld world;
  EngineDevice tablet(world, "demo-pa", "engine-tablet");
  tablet.step();
  REQUIRE(tablet.engine.running());
  CHECK(tablet.engine.first_sync());
  const auto paths = tablet.run_round();
  REQUIRE(paths.size() > 2);  // several pages of about 1,000 rows
  for (const std::string& path : paths) CHECK(path == "api/sync/pull");  // nothing to push on a new device
  CHECK(tablet.engine.rows_pulled() > 2000);
  CHECK(tablet.engine.problem().empty());
  const auto caseload = tablet.store->caseload(tablet.staff_id, uk_date_of(world.now));
  REQUIRE(caseload.ok());
  std::set<std::string> got;
  for (const auto& row : *caseload) got.insert(row.young_person_id);
  CHECK(got == world.caseload_ids(tablet.staff_id));
  CHECK(tablet.store->last_pull_at()->has_value());
  // The next round is due a minute after this one ended.
  CHECK(tablet.engine.next_check() == tablet.now_ms + 60'000);
  tablet.now_ms += 59'999;
  tablet.step();
  CHECK_FALSE(tablet.engine.running());
  tablet.now_ms += 1;
  tablet.step();
  CHECK(tablet.engine.running());
  CHECK_FALSE(tablet.engine.first_sync());
}

TEST_CASE("sync engine: answers are applied at the next step, not when they arrive") {
  SyncWorld world;
  EngineDevice tablet(world, "demo-pa", "engine-tablet");
  tablet.step();
  REQUIRE(tablet.http.waiting() == 1);
  tablet.http.answer();
  CHECK(tablet.answers_arrived == 1);
  CHECK(tablet.store->sync_cursor()->empty());  // arrived, not yet applied
  CHECK(tablet.step());                         // applied now: the screens read again
  CHECK_FALSE(tablet.store->sync_cursor()->empty());
}

TEST_CASE("sync engine: a visit is pushed before the pull; an answer lost after the server applied it is sent again and applied once") {
  SyncWorld world;
  EngineDevice tablet(world, "demo-pa", "engine-tablet");
  tablet.run_round();
  const std::string person = world.case_of(tablet.staff_id);
  const int64_t contacts_before = world.count("SELECT count(*) FROM contacts");
  tablet.write_visit(person, "engine-visit-1");
  CHECK(*tablet.store->pending_change_set_count() == 1);

  // Pushed 2 s after the change; the answer is lost on the way back.
  tablet.now_ms += 2'000;
  tablet.step();
  REQUIRE(tablet.http.waiting() == 1);
  CHECK(tablet.http.next_path() == "api/sync/push");
  tablet.http.answer(Fault::answer_lost);
  tablet.step();
  CHECK_FALSE(tablet.engine.running());
  CHECK(tablet.engine.problem() == "Cannot reach the server just now");
  CHECK(tablet.engine.schedule().failures_in_a_row() == 1);
  CHECK(world.count("SELECT count(*) FROM contacts") == contacts_before + 1);  // the server has it
  CHECK(*tablet.store->pending_change_set_count() == 1);                      // the device does not know

  // Retried after the backoff (1-2 s after one failure): duplicate, so nothing twice.
  tablet.now_ms += 2'000;
  const auto paths = tablet.run_round();
  REQUIRE_FALSE(paths.empty());
  CHECK(paths.front() == "api/sync/push");
  CHECK(paths.back() == "api/sync/pull");
  CHECK(*tablet.store->pending_change_set_count() == 0);
  CHECK(world.count("SELECT count(*) FROM contacts") == contacts_before + 1);
  CHECK(tablet.engine.problem().empty());
  CHECK(tablet.engine.schedule().failures_in_a_row() == 0);
}

TEST_CASE("sync engine: failures back off, the network returning syncs at once, a 401 asks for sign-in") {
  SyncWorld world;
  EngineDevice tablet(world, "demo-pa", "engine-tablet");
  tablet.run_round(Fault::unavailable);  // 503
  CHECK(tablet.engine.schedule().failures_in_a_row() == 1);
  CHECK(tablet.engine.next_check() == 1'500);  // 1-2 s after one failure; the draw is 0.5
  tablet.now_ms = 1'500;
  tablet.run_round(Fault::lost_on_the_way);   // no answer at all
  CHECK(tablet.engine.schedule().failures_in_a_row() == 2);
  CHECK(tablet.engine.next_check() == 1'500 + 3'000);  // 2-4 s after two
  CHECK(tablet.store->sync_cursor()->empty());

  tablet.engine.schedule().network_changed(false, 2'000);
  CHECK(tablet.engine.next_check() == std::nullopt);
  tablet.engine.schedule().network_changed(true, 2'100);
  CHECK(tablet.engine.next_check() == 2'100);  // the wait is forgotten
  tablet.now_ms = 2'100;
  tablet.run_round(Fault::session_ended);
  CHECK(tablet.engine.schedule().needs_sign_in());
  CHECK(tablet.engine.next_check() == std::nullopt);
  tablet.now_ms = 10'000'000;
  tablet.step();
  CHECK(tablet.http.waiting() == 0);  // nothing is sent until a new sign-in

  tablet.engine.schedule().signed_in(tablet.now_ms);
  tablet.run_round();
  CHECK(tablet.engine.problem().empty());
  CHECK_FALSE(tablet.store->sync_cursor()->empty());
}

TEST_CASE("sync engine: an answer arriving while the store is locked is not applied; the round comes again") {
  SyncWorld world;
  EngineDevice tablet(world, "demo-pa", "engine-tablet");
  tablet.step();
  tablet.http.answer();
  CHECK_FALSE(tablet.engine.step(nullptr, tablet.now_ms, world.now, 0.5));  // locked
  CHECK_FALSE(tablet.engine.running());
  CHECK(tablet.store->sync_cursor()->empty());
  tablet.step();  // unlocked: due at once
  CHECK(tablet.engine.running());
  tablet.run_round();
  CHECK_FALSE(tablet.store->sync_cursor()->empty());
}
