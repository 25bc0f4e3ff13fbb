// Sign-in and sessions on the server: the Argon2id hash every sign-in pays
// (m = 19 MiB, t = 2, p = 1), and requests per second for an authenticated
// GET /api/session, first through the routing table alone (the guard's two
// indexed reads on accounts.db), then over loopback through cpp-httplib on
// keep-alive connections, one and four at once; on SQLite, and on PostgreSQL
// too when PATHWAY_BENCH_POSTGRES names one. Baseline in the same run:
// GET /api/health, which reads no session.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench.h"
#include "server/account_store_postgres.h"
#include "server/account_store_sqlite.h"
#include "server/accounts.h"
#include "server/clock.h"
#include "server/http_listener.h"
#include "server/passwords.h"
#include "server/routes.h"
#include "support/temp_folder.h"

namespace {

using namespace pathway;
using namespace pathway::server;
using bench::measure;
using bench::print_stats;
using bench::print_value;

constexpr const char* bench_password = "a bench password";

// One keep-alive connection that sends a request and reads its response
// (Content-Length bodies only, as every API answer has), reconnecting when
// the server closes it (it does after keep_alive_max_requests).
class Connection {
 public:
  explicit Connection(int port) : port_(port) {}
  ~Connection() { close_socket(); }

  // The status, or 0 when the exchange failed.
  int exchange(const std::string& request) {
    for (int tries = 0; tries < 2; ++tries) {
      if (fd_ < 0 && !connect_socket()) return 0;
      if (::send(fd_, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
        if (const int status = read_response(); status > 0) return status;
      }
      close_socket();
    }
    return 0;
  }

 private:
  bool connect_socket() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port_));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return fd_ >= 0 && ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  void close_socket() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    buffer_.clear();
  }
  int read_response() {
    size_t end_of_head;
    while ((end_of_head = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!receive()) return 0;
    }
    const std::string head = buffer_.substr(0, end_of_head);
    const auto length_at = head.find("Content-Length: ");
    const size_t length = length_at == std::string::npos ? 0 : std::stoul(head.substr(length_at + 16));
    while (buffer_.size() < end_of_head + 4 + length) {
      if (!receive()) return 0;
    }
    buffer_.erase(0, end_of_head + 4 + length);
    if (head.find("Connection: close") != std::string::npos) close_socket();
    return head.size() > 12 ? std::stoi(head.substr(9, 3)) : 0;
  }
  bool receive() {
    char chunk[8192];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<size_t>(n));
    return true;
  }

  int port_;
  int fd_ = -1;
  std::string buffer_;
};

// Requests per second over `connections` keep-alive connections, each
// sending `per_connection` requests; every answer must be 200.
double requests_per_second(int port, const std::string& request, int connections, int per_connection) {
  std::atomic<int> failures = 0;
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> clients;
  for (int c = 0; c < connections; ++c) {
    clients.emplace_back([&] {
      Connection connection(port);
      for (int i = 0; i < per_connection; ++i) failures += connection.exchange(request) != 200;
    });
  }
  for (auto& client : clients) client.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (failures > 0) std::printf("  (%d requests failed)\n", failures.load());
  return connections * per_connection / seconds;
}

// Sign-in and authenticated requests on one engine's account store.
void bench_engine(const std::string& engine, AccountStore& accounts) {
  std::printf("  -- accounts on %s\n", engine.c_str());
  (void)create_account(accounts, {.username = "bench-tm", .display_name = "Bench", .role = Role::team_manager},
                       bench_password, utc_now(), {});
  const Router router = make_router({.check_database = [] { return ok_status(); },
                                     .accounts = &accounts,
                                     .now = utc_now});
  const nlohmann::json credentials = {{"username", "bench-tm"}, {"password", bench_password},
                                      {"device_id", "bench-device"}, {"device_name", "bench"}};
  const Request sign_in{.method = "POST", .path = "/api/session", .body = credentials.dump(),
                        .client_address = "127.0.0.1"};
  const auto sign_ins = measure(10, [&] { (void)router.handle(sign_in); });
  print_stats("POST /api/session (sign-in, in process)", sign_ins);
  const auto signed_in = router.handle(sign_in);
  const std::string token = nlohmann::json::parse(signed_in.body)["token"];

  const Request who{.method = "GET", .path = "/api/session", .headers = {{"Authorization", "Bearer " + token}}};
  const Request health{.method = "GET", .path = "/api/health"};
  constexpr int in_process_requests = 20000;
  const auto per_second = [&](const Request& request) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < in_process_requests; ++i) (void)router.handle(request);
    return in_process_requests / std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  print_value("GET /api/session, routing table only", per_second(who), "requests/s");
  print_value("GET /api/health, routing table only (baseline)", per_second(health), "requests/s");

  Listener listener(make_router({.check_database = [] { return ok_status(); }, .accounts = &accounts, .now = utc_now}),
                    nullptr);
  const auto port = listener.bind("127.0.0.1", 0);
  if (!port) return;
  std::thread serving([&] { (void)listener.run(); });
  const std::string who_request = "GET /api/session HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer " + token + "\r\n\r\n";
  const std::string health_request = "GET /api/health HTTP/1.1\r\nHost: bench\r\n\r\n";
  (void)requests_per_second(*port, who_request, 1, 200);  // warm up
  print_value("GET /api/session over loopback, 1 connection", requests_per_second(*port, who_request, 1, 5000),
              "requests/s");
  print_value("GET /api/session over loopback, 4 connections", requests_per_second(*port, who_request, 4, 2500),
              "requests/s");
  print_value("GET /api/health over loopback, 4 connections (baseline)",
              requests_per_second(*port, health_request, 4, 2500), "requests/s");
  listener.stop();
  serving.join();
}

}  // namespace

PATHWAY_BENCH(server_sign_in_and_sessions) {
  const auto hashing = measure(10, [] { (void)hash_password(bench_password); });
  print_stats("Argon2id hash (m=19 MiB, t=2, p=1), as at account set-up", hashing);
  const std::string hash = *hash_password(bench_password);
  const auto verifying = measure(10, [&] { (void)verify_password(hash, bench_password); });
  print_stats("Argon2id verify, as at every sign-in", verifying);

  const testing::TempFolder folder("bench-sessions");
  if (auto sqlite = open_sqlite_account_store((folder / "accounts.db").string())) bench_engine("SQLite", **sqlite);
  // PostgreSQL when one is named (scripts/test-postgres.sh starts a throwaway one).
  if (const char* postgres = std::getenv("PATHWAY_BENCH_POSTGRES")) {
    auto opened = open_postgres_account_store(postgres);
    if (!opened) {
      std::printf("  (PostgreSQL: %s)\n", opened.error().message.c_str());
      return;
    }
    bench_engine("PostgreSQL", **opened);
  }
}
