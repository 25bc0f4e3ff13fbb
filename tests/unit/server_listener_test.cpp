// The cpp-httplib adapter over a real socket on 127.0.0.1: the bytes on the
// wire are exactly what the handlers produced. Debian's cpp-httplib is built
// with brotli and zlib and would otherwise compress a precompressed body a
// second time, or cut it by a Range header while still saying 200.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/http_listener.h"
#include "server/routes.h"
#include "support/temp_folder.h"

namespace fs = std::filesystem;
using namespace pathway;
using namespace pathway::server;

namespace {

struct RawResponse {
  std::string head;  // status line and headers
  std::string body;
};

// One HTTP/1.1 request with Connection: close, read to the end.
RawResponse raw_request(int port, const std::string& request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size()));
  std::string received;
  char buffer[4096];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) received.append(buffer, static_cast<size_t>(n));
  ::close(fd);
  const auto end_of_head = received.find("\r\n\r\n");
  REQUIRE(end_of_head != std::string::npos);
  return {received.substr(0, end_of_head + 2), received.substr(end_of_head + 4)};
}

// The app's routes plus one that answers a POST with the body it received.
Router router_with_echo(const fs::path& web) {
  Router router = make_router({.web_root = web, .check_database = [] { return ok_status(); }});
  router.add("POST", "/api/echo", [](const Request& request) { return json_response(200, request.body); });
  router.add("GET", "/api/peer", [](const Request& request) { return text_response(200, request.client_address); });
  return router;
}

struct RunningServer {
  testing::TempFolder web_folder{"listener-test"};  // of this process's own: test runs overlap
  fs::path web = web_folder.path();
  std::mutex log_mutex;
  std::vector<std::string> log;  // written by the server's threads
  Listener listener;
  int port = 0;
  std::thread serving;

  explicit RunningServer(std::vector<std::string> trusted_proxies = {})
      : listener(router_with_echo(web),
                 [this](const std::string& line) {
                   const std::lock_guard lock(log_mutex);
                   log.push_back(line);
                 },
                 ListenerLimits{.max_body_bytes = 1024}) {
    std::ofstream(web / "index.html") << "<!doctype html>";
    std::ofstream(web / "app.0123456789ab.js") << "plain javascript body";
    std::ofstream(web / "app.0123456789ab.js.br") << "pretend-brotli";
    listener.trust_proxies(std::move(trusted_proxies));
    const auto bound = listener.bind("127.0.0.1", 0);
    REQUIRE(bound.ok());
    port = *bound;
    serving = std::thread([this] { (void)listener.run(); });  // bind() already queues connections
  }
  std::vector<std::string> log_lines() {
    const std::lock_guard lock(log_mutex);
    return log;
  }
  ~RunningServer() {
    listener.stop();
    serving.join();
  }
};

}  // namespace

TEST_CASE("listener: precompressed bodies go out unchanged, Range is ignored") {
  RunningServer server;
  const auto compressed = raw_request(server.port,
                                      "GET /app.0123456789ab.js HTTP/1.1\r\nHost: test\r\nAccept-Encoding: br, gzip\r\n"
                                      "Range: bytes=0-3\r\nConnection: close\r\n\r\n");
  CHECK(compressed.head.starts_with("HTTP/1.1 200 "));
  CHECK(compressed.body == "pretend-brotli");  // not compressed again, not cut to 4 bytes
  CHECK(compressed.head.find("Content-Encoding: br\r\n") != std::string::npos);
  CHECK(compressed.head.find("Content-Range") == std::string::npos);
  CHECK(compressed.head.find("Content-Type: text/javascript; charset=utf-8\r\n") != std::string::npos);
  CHECK(compressed.head.find("Content-Security-Policy: default-src 'self'") != std::string::npos);

  const auto head = raw_request(server.port, "HEAD / HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
  CHECK(head.head.starts_with("HTTP/1.1 200 "));
  CHECK(head.body.empty());

  const auto health = raw_request(server.port, "GET /api/health?probe=1 HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
  CHECK(health.head.starts_with("HTTP/1.1 200 "));
  CHECK(health.body.find("\"database\":\"ok\"") != std::string::npos);

  const auto echoed = raw_request(server.port, "POST /api/echo HTTP/1.1\r\nHost: test\r\nContent-Length: 9\r\n"
                                               "Content-Type: application/json\r\nConnection: close\r\n\r\n{\"a\":\"b\"}");
  CHECK(echoed.body == "{\"a\":\"b\"}");  // request bodies reach the handlers

  // The peer's address reaches handlers (rate limits and the audit log use it).
  const auto peer = raw_request(server.port, "GET /api/peer HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
  CHECK(peer.body == "127.0.0.1");
  // A forwarded address is believed only once the peer is a trusted proxy.
  const std::string forwarded = "GET /api/peer HTTP/1.1\r\nHost: test\r\nX-Forwarded-For: 198.51.100.7\r\nConnection: close\r\n\r\n";
  CHECK(raw_request(server.port, forwarded).body == "127.0.0.1");
  RunningServer behind_proxy({"127.0.0.1"});
  CHECK(raw_request(behind_proxy.port, forwarded).body == "198.51.100.7");

  // httplib reads an over-long body to the end before answering, so send all of it.
  const auto too_big = raw_request(server.port, "POST /api/echo HTTP/1.1\r\nHost: test\r\nContent-Length: 2000\r\n"
                                                "Connection: close\r\n\r\n" + std::string(2000, 'x'));
  CAPTURE(too_big.head);
  CHECK(too_big.head.starts_with("HTTP/1.1 413 "));

  // The logger runs after the response is written; give it a moment.
  for (int i = 0; i < 100 && server.log_lines().size() < 7; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const auto log = server.log_lines();
  REQUIRE(log.size() >= 6);
  CHECK(log[0].find(" GET /app.0123456789ab.js 200 14 ") != std::string::npos);
  CHECK(log[2].find(" GET /api/health 200 ") != std::string::npos);  // no query in the log
  CHECK(log[3].find(" POST /api/echo 200 9 ") != std::string::npos);
}
