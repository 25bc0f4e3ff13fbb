// One access-log line per request: time, method, path, status, bytes, ms.
// Never the query string, headers or bodies: they can carry personal data or
// credentials; nor the id of a record in a path (the audit log has it). The
// path is reduced to printable ASCII and truncated, so no request can forge
// or flood log lines.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/date.h"

namespace pathway::server {

// Paths under these name a record by its id; the log shows "<prefix>:id".
inline constexpr std::string_view record_path_prefixes[] = {"/api/young-people/"};

struct AccessRecord {
  Instant when;
  std::string_view method;
  std::string_view path;  // as sent, without the query
  int status = 0;
  uint64_t bytes = 0;     // body bytes sent
  double milliseconds = 0;
};

std::string access_log_line(const AccessRecord& record);

}  // namespace pathway::server
