// Wall-clock time for the server's edges (see clock.h).
#include "server/clock.h"

#include <chrono>

namespace pathway::server {

Instant utc_now() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return Instant{std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count()};
}

}  // namespace pathway::server
