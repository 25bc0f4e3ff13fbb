// The server's one reading of the wall clock. Core and store never read a
// clock ("now" is passed in); the server reads it here, at its edges.
#pragma once

#include "core/date.h"

namespace pathway::server {

Instant utc_now();

}  // namespace pathway::server
