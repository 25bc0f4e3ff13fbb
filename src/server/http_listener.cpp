// cpp-httplib glue. Every method and path goes to one handler that calls
// Router::handle (registered per method, as httplib reads a request body only
// for its regular handlers). Two things about the Debian build of cpp-httplib
// shape this file: it is compiled with zlib and brotli support and would
// compress an already-precompressed body a second time, and it slices any
// routed body by the request's Range header while keeping our status 200.
// Handing the body over as a fixed-length content provider avoids the first;
// dropping the parsed ranges (a server may ignore Range, RFC 9110 14.2) the
// second. So the bytes sent are exactly those Router::handle produced.
#include "server/http_listener.h"

#include <httplib.h>

#include <chrono>
#include <optional>

#include "server/access_log.h"
#include "server/clock.h"

namespace pathway::server {

namespace {

using Clock = std::chrono::steady_clock;

// httplib serves each connection on one pool thread, so the start of the
// request being handled can be kept per thread until the logger runs.
thread_local std::optional<Clock::time_point> request_started;

Request to_request(const httplib::Request& from, const std::vector<std::string>& trusted_proxies) {
  Request request;
  request.method = from.method;
  auto [path, query] = split_target(from.target);
  request.path = std::move(path);
  request.query = std::move(query);
  request.headers.assign(from.headers.begin(), from.headers.end());
  request.body = from.body;
  request.client_address = client_address_of(from.remote_addr, request.header("X-Forwarded-For"), trusted_proxies);
  return request;
}

void copy_response(Response&& from, httplib::Response& to) {
  to.status = from.status;
  std::string content_type = "application/octet-stream";
  for (auto& [name, value] : from.headers) {
    if (name == "Content-Type") content_type = value;
    else to.set_header(name.c_str(), value);
  }
  if (from.body.empty()) return;
  auto body = std::make_shared<std::string>(std::move(from.body));
  to.set_content_provider(body->size(), content_type.c_str(),
                          [body](size_t offset, size_t length, httplib::DataSink& sink) {
                            return sink.write(body->data() + offset, length);
                          });
}

}  // namespace

struct Listener::Impl {
  Router router;
  std::vector<std::string> trusted_proxies;
  std::function<void(const std::string&)> log;
  httplib::Server http;
};

Listener::Listener(Router router, std::function<void(const std::string&)> log, ListenerLimits limits)
    : impl_(std::make_unique<Impl>()) {
  impl_->router = std::move(router);
  impl_->log = std::move(log);
  auto& http = impl_->http;
  http.set_payload_max_length(limits.max_body_bytes);
  http.set_read_timeout(limits.read_timeout);
  http.set_write_timeout(limits.write_timeout);
  http.set_keep_alive_timeout(limits.keep_alive_timeout.count());
  http.set_keep_alive_max_count(limits.keep_alive_max_requests);
  http.set_tcp_nodelay(true);

  http.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    request_started = Clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  const auto handle = [impl = impl_.get()](const httplib::Request& request, httplib::Response& response) {
    // httplib owns this Request as a mutable local; it hands it over as const only by signature.
    const_cast<httplib::Request&>(request).ranges.clear();
    copy_response(impl->router.handle(to_request(request, impl->trusted_proxies)), response);
  };
  const std::string any_path = R"([\s\S]*)";
  http.Get(any_path, handle);  // and HEAD
  http.Post(any_path, handle);
  http.Put(any_path, handle);
  http.Patch(any_path, handle);
  http.Delete(any_path, handle);
  http.Options(any_path, handle);

  http.set_logger([impl = impl_.get()](const httplib::Request& request, const httplib::Response& response) {
    const double ms = request_started
                          ? std::chrono::duration<double, std::milli>(Clock::now() - *request_started).count()
                          : 0.0;
    request_started.reset();
    const uint64_t bytes = request.method == "HEAD" ? 0 : response.content_length_ + response.body.size();
    if (impl->log) {
      impl->log(access_log_line({.when = utc_now(),
                                 .method = request.method,
                                 .path = request.target,
                                 .status = response.status,
                                 .bytes = bytes,
                                 .milliseconds = ms}));
    }
  });
}

Listener::~Listener() = default;

void Listener::trust_proxies(std::vector<std::string> addresses) { impl_->trusted_proxies = std::move(addresses); }

Result<int> Listener::bind(const std::string& host, int port) {
  auto& http = impl_->http;
  const int bound = port == 0 ? http.bind_to_any_port(host) : (http.bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    return Error{ErrorCode::unavailable,
                 "Cannot listen on " + host + ":" + std::to_string(port) + " (in use, or not an address of this machine)",
                 "--port"};
  }
  return bound;
}

Status Listener::run() {
  if (!impl_->http.listen_after_bind()) return Error{ErrorCode::unavailable, "The server stopped listening", ""};
  return ok_status();
}

void Listener::stop() { impl_->http.stop(); }

}  // namespace pathway::server
