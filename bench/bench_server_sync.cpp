// Sync on the server's SQLite shared record (a file, WAL, as pathway-server
// keeps it), in process through the routing table (no sockets): a push of
// 200 change sets from one device (each one Store::write: a visit with two
// follow-ups), beside the same 200 writes saved straight into the shared
// record in the same run; and a first pull of a 60-young-person caseload
// into an empty device store, page after page, beside applying the same
// pages (already parsed) to another empty store. Rows per second.
#include <chrono>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "bench.h"
#include "demo/load.h"
#include "server/account_store_sqlite.h"
#include "server/demo_data.h"
#include "server/routes.h"
#include "server/sync_store.h"
#include "support/store_testing.h"
#include "support/temp_folder.h"

namespace {

using namespace pathway;
using namespace pathway::server;

constexpr int change_sets = 200;
constexpr int caseload_size = 60;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

core::Contact visit(const std::string& person, const std::string& staff, int n, Instant at) {
  core::Contact contact;
  contact.id = "bench-visit-" + std::to_string(n) + "-" + std::to_string(at.seconds);
  contact.young_person_id = person;
  contact.staff_id = staff;
  contact.occurred_at = at;
  contact.recorded_at = at;
  contact.type = core::ContactType::home_visit;
  contact.outcome = core::ContactOutcome::seen;
  contact.young_persons_words = "Fictional words for the sync benchmark, about as long as a real entry.";
  contact.pa_notes = "Fictional notes: visited at home, talked about college and the rent.";
  contact.follow_ups = {{"Send the bursary form", std::nullopt, false, ""}, {"Ring the college", std::nullopt, false, ""}};
  return contact;
}

struct Server {
  testing::TempFolder folder{"bench-sync"};
  Instant now = *Instant::parse("2026-05-01T09:00:00Z");
  std::unique_ptr<store::Store> record_store = std::move(*open_shared_record((folder / "pathway.db").string()));
  std::unique_ptr<AccountStore> accounts = std::move(*open_sqlite_account_store((folder / "accounts.db").string()));
  SharedRecord record{*record_store};
  std::unique_ptr<SyncStore> sync = open_sqlite_sync_store(record);
  Router router = make_router(
      {.check_database = [] { return ok_status(); }, .accounts = accounts.get(), .record = &record, .sync = sync.get(),
       .now = [this] { return now; }});

  Server() {
    (void)load_demo_council_if_empty(*record_store, now);
    (void)ensure_demo_accounts(*accounts, *record_store, now);
  }
  std::string sign_in(const std::string& device) {
    const nlohmann::json body = {{"username", "demo-pa"}, {"password", demo_password}, {"device_id", device},
                                 {"device_name", "bench"}};
    return nlohmann::json::parse(router.handle({.method = "POST", .path = "/api/session", .body = body.dump()}).body)["token"];
  }
  Response post(const std::string& token, const std::string& path, std::string body) {
    return router.handle({.method = "POST", .path = path, .headers = {{"Authorization", "Bearer " + token}},
                          .body = std::move(body)});
  }
  std::string staff_of_demo_pa() { return (*accounts->user_by_username("demo-pa"))->staff_id; }
};

PATHWAY_BENCH(server_sync) {
  Server server;
  const std::string pa = server.staff_of_demo_pa();
  // demo-pa's caseload made 60 young people (from other PAs), before the
  // ledger adopts the council.
  (void)store::testing::execute(*server.record_store,
                                "UPDATE young_people SET allocated_pa_id = '" + pa +
                                    "' WHERE id IN (SELECT id FROM young_people ORDER BY allocated_pa_id = '" + pa +
                                    "' DESC, id LIMIT " + std::to_string(caseload_size) + ")");
  const auto adopted = server.sync->adopt_unlogged_records(server.now);
  std::printf("  (council adopted into the ledger: %lld records)\n", adopted ? static_cast<long long>(*adopted) : -1LL);
  const std::string person = (*server.record_store->caseload(pa, uk_date_of(server.now))).front().young_person_id;

  // First pull of the caseload.
  const std::string token = server.sign_in("bench-device");
  auto device = std::move(*store::Store::open({.path = ":memory:"}));
  (void)device->set_cache_size_kib(128 * 1024);
  std::vector<sync::PullResponse> pages;
  size_t rows = 0;
  const auto pull_start = std::chrono::steady_clock::now();
  for (bool more = true; more;) {
    const sync::PullRequest request{"bench-device", sync::current_schema_version, *device->sync_cursor(), 2000};
    auto page = sync::parse_pull_response(server.post(token, "/api/sync/pull", sync::serialize(request)).body);
    if (!page) {
      std::printf("  pull failed: %s\n", page.error().message.c_str());
      return;
    }
    (void)device->apply_pull_page(*page, server.now);
    for (const auto& set : page->change_sets) rows += set.rows.size();
    more = page->more;
    pages.push_back(std::move(*page));
  }
  const double pull_seconds = seconds_since(pull_start);
  auto baseline = std::move(*store::Store::open({.path = ":memory:"}));
  (void)baseline->set_cache_size_kib(128 * 1024);
  const auto apply_start = std::chrono::steady_clock::now();
  for (const auto& page : pages) (void)baseline->apply_pull_page(page, server.now);
  const double apply_seconds = seconds_since(apply_start);
  char note[96];
  std::snprintf(note, sizeof note, "(%zu rows, %zu pages, %.0f ms)", rows, pages.size(), pull_seconds * 1000);
  bench::print_value("first pull, 60-young-person caseload: rows/s", rows / pull_seconds, "rows/s", note);
  std::snprintf(note, sizeof note, "(%.0f ms; no server, no JSON)", apply_seconds * 1000);
  bench::print_value("  baseline: the same pages applied to a store", rows / apply_seconds, "rows/s", note);

  // Push of 200 change sets, each a visit with two follow-ups.
  const store::Actor actor{pa, "bench-device"};
  for (int i = 0; i < change_sets; ++i) {
    (void)device->write(actor, server.now, [&](store::Writer& w) { return w.save(visit(person, pa, i, server.now)); });
  }
  const std::string body = sync::serialize(sync::PushRequest{"bench-device", *device->pending_change_sets("bench-device")});
  const auto push_start = std::chrono::steady_clock::now();
  const Response pushed = server.post(token, "/api/sync/push", body);
  const double push_seconds = seconds_since(push_start);
  auto answer = sync::parse_push_response(pushed.body);
  int applied = 0;
  if (answer) {
    for (const auto& result : answer->results) applied += result.status == sync::PushStatus::applied;
  }
  std::snprintf(note, sizeof note, "(%d of %d applied, %.0f ms, %zu KiB)", applied, change_sets, push_seconds * 1000,
                body.size() / 1024);
  bench::print_value("push of 200 change sets: change sets/s", change_sets / push_seconds, "sets/s", note);
  bench::print_value("  the same push: rows/s (3 rows a change set)", 3 * change_sets / push_seconds, "rows/s");
  const Instant later{server.now.seconds + 1};  // other contact ids
  const auto direct_start = std::chrono::steady_clock::now();
  for (int i = 0; i < change_sets; ++i) {
    (void)server.record_store->write(actor, later, [&](store::Writer& w) { return w.save(visit(person, pa, i, later)); });
  }
  const double direct_seconds = seconds_since(direct_start);
  std::snprintf(note, sizeof note, "(%.0f ms; no ledger, no merge, no JSON)", direct_seconds * 1000);
  bench::print_value("  baseline: 200 Store::writes on the shared record", change_sets / direct_seconds, "sets/s", note);
}

}  // namespace
