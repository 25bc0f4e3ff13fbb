// POST /api/sync/push and POST /api/sync/pull (docs/sync.md), behind the
// session guard. The signed-in member of staff is the author, and the device
// of their session the client:
//
// Push: each change set in its own transaction with the client's last seq
// (sync::decide_push): duplicates answered again (a refusal repeated word for
// word), an earlier one missing: this and the rest `later`. One that can be
// applied is authorised change by change (the record's young person must be
// in the author's scope before and after the change: a PA their caseload, a
// team manager their team's, a service manager anyone; an administrator no
// case record; reference data, teams, staff and the duty rota, service
// managers and administrators only), merged (sync::merge) and applied; a
// record out of scope and a record that does not exist get the same refusal.
// A refused change set changes nothing, is final, and its records are sent
// again so the device that changed them gets them back.
//
// Pull: a page of what changed after the cursor within the caller's scope
// now, and `leave` for young people who have left it (store/ledger.h).
//
// Both: bodies over sync::max_message_bytes 413, bad bytes 400 naming the
// member at fault, a device on a schema the server does not accept 409 with
// "update the app" (nothing applied). Every write and every pull is audited:
// a row per change written or refused, a row per pull and per young person
// whose records it sent, appended before the answer goes. The change log in
// the shared record's database is itself the write audit, in the same
// transactions.
#pragma once

#include "server/http.h"
#include "server/sessions.h"
#include "server/sync_store.h"

namespace pathway::server {

struct SyncServices {
  SyncStore* sync = nullptr;
  AccountServices accounts;
};

// Whose young people a principal's device holds (record_access.h's rule).
store::RecordScope scope_of(const Principal& principal);

Response sync_push(const SyncServices& services, const Principal& principal, const Request& request);
Response sync_pull(const SyncServices& services, const Principal& principal, const Request& request);

}  // namespace pathway::server
