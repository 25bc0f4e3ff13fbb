// The thin adapter between the network and the Router: cpp-httplib accepts
// connections on a thread pool, enforces size limits and timeouts, and hands
// each parsed request to Router::handle as a plain Request. Nothing else in
// the server includes <httplib.h>, so changing the HTTP library touches only
// http_listener.cpp.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "server/router.h"

namespace pathway::server {

struct ListenerLimits {
  // The largest request body accepted (413 beyond): a sync push of up to
  // 8 MiB (sync::max_message_bytes) and a little room for the handler to say
  // so in words; every handler keeps its own, smaller limit.
  size_t max_body_bytes = (8 << 20) + (64 << 10);
  std::chrono::seconds read_timeout{10};
  std::chrono::seconds write_timeout{30};
  std::chrono::seconds keep_alive_timeout{5};
  size_t keep_alive_max_requests = 100;
};

class Listener {
 public:
  // `log` receives one access-log line per request (see access_log.h).
  Listener(Router router, std::function<void(const std::string&)> log, ListenerLimits limits = {});
  ~Listener();
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  // Binds to host:port and returns the port bound (the free one chosen for 0).
  Result<int> bind(const std::string& host, int port);
  // Requests from these addresses are taken to come from the address they
  // forward (client_address_of in http.h). Call before run().
  void trust_proxies(std::vector<std::string> addresses);
  // Serves until stop() is called from another thread.
  Status run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pathway::server
