// Formats access-log lines (see access_log.h for what is left out and why).
#include "server/access_log.h"

#include <cstdio>

namespace pathway::server {

namespace {

constexpr size_t kMaxLoggedChars = 200;

std::string printable(std::string_view text) {
  std::string out;
  for (const char c : text.substr(0, kMaxLoggedChars)) {
    const auto byte = static_cast<unsigned char>(c);
    out.push_back(byte > 0x20 && byte < 0x7f ? c : '?');
  }
  if (text.size() > kMaxLoggedChars) out += "...";
  return out;
}

}  // namespace

std::string access_log_line(const AccessRecord& record) {
  // A query that slipped into the path is cut here too.
  std::string path(record.path.substr(0, record.path.find('?')));
  // A record's id says whose record was asked for: that belongs in the audit
  // log, not here.
  for (const std::string_view prefix : record_path_prefixes) {
    if (path.starts_with(prefix) && path.size() > prefix.size()) path = std::string(prefix) + ":id";
  }
  char numbers[64];
  std::snprintf(numbers, sizeof numbers, " %d %llu %.1fms", record.status,
                static_cast<unsigned long long>(record.bytes), record.milliseconds);
  return record.when.iso() + ' ' + printable(record.method) + ' ' + printable(path) + numbers;
}

}  // namespace pathway::server
