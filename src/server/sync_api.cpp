// The sync endpoints (sync_api.h).
#include "server/sync_api.h"

#include "server/json_body.h"
#include "server/record_access.h"
#include "sync/merge.h"

namespace pathway::server {
namespace {

constexpr std::string_view not_permitted = "You do not have access to this record";

std::string change_path(size_t index) { return "changes[" + std::to_string(index) + "]"; }

Error refusal(std::string reason, std::string field) { return Error{ErrorCode::forbidden, std::move(reason), std::move(field)}; }

// A failure that is the change set's fault (refused for good), as opposed to
// the server's (storage: nothing recorded, the device sends it again).
bool is_refusal(const Error& error) {
  return error.code == ErrorCode::forbidden || error.code == ErrorCode::invalid_input ||
         error.code == ErrorCode::conflict || error.code == ErrorCode::not_found;
}

Response too_large() {
  return json_error(413, "The message is larger than " + std::to_string(sync::max_message_bytes >> 20) +
                             " MiB: send fewer change sets at a time");
}

// The young person's place now, as record_access.h's rule reads it.
Result<bool> in_scope(SyncTransaction& transaction, const Principal& principal, const std::string& young_person) {
  auto place = transaction.placement(young_person);
  if (!place) return place.error();
  return place->exists && may_see(principal, {place->allocated_pa_id, place->pa_team_id});
}

// Authorises, merges and applies every change of `change_set` at server_seq
// `seq`; the first refusal stops it (the caller undoes everything).
Status apply_changes(SyncTransaction& transaction, const Principal& principal, const sync::ChangeSet& change_set,
                     int64_t seq, std::vector<AuditEntry>& audit, const AuditEntry& audit_base) {
  if (change_set.author != principal.staff_id) {
    return refusal("This change was made by another member of staff than the one signed in on this device", "author");
  }
  for (size_t i = 0; i < change_set.changes.size(); ++i) {
    const sync::Change& change = change_set.changes[i];
    const std::string path = change_path(i);
    auto person = transaction.young_person_of(change);
    if (!person) {
      if (is_refusal(person.error())) return refusal(std::string(not_permitted), path);
      return person.error();
    }
    const bool reference = person->empty();
    if (reference) {
      if (principal.role != Role::service_manager && principal.role != Role::admin) {
        return refusal("Only a service manager or an administrator changes teams, staff and the duty rota", path);
      }
    } else {
      if (principal.role == Role::admin) return refusal(std::string(not_permitted), path);
      auto visible = in_scope(transaction, principal, *person);
      if (!visible) return visible.error();
      const bool new_person = change.entity == "young_people" && change.operation == sync::Operation::create;
      auto place = transaction.placement(*person);
      if (!place) return place.error();
      if (!*visible && (place->exists || !new_person)) return refusal(std::string(not_permitted), path);
    }
    auto current = transaction.record(change.entity, change.record_id);
    if (!current) return current.error();
    const sync::MergeResult merged = sync::merge(*current, change, change_set.client_id);
    switch (merged.outcome) {
      case sync::MergeOutcome::refused:
        return refusal(merged.reason, path + (merged.field.empty() ? "" : "." + merged.field));
      case sync::MergeOutcome::applied:
        if (Status put = transaction.put(merged.record, *person, seq); !put) {
          if (is_refusal(put.error())) return refusal("The server could not keep this change: " + put.error().message, path);
          return put;
        }
        break;
      case sync::MergeOutcome::unchanged:
        if (Status resent = transaction.resend(change.entity, change.record_id, seq); !resent) return resent;
        break;
    }
    // Still in scope afterwards: a change cannot move a record out of reach.
    if (!reference) {
      auto visible = in_scope(transaction, principal, *person);
      if (!visible) return visible.error();
      if (!*visible) return refusal(std::string(not_permitted), path);
    }
    AuditEntry entry = audit_base;
    entry.action = "sync_write";
    entry.record_id = change.record_id;
    entry.detail = change.entity + " " + std::string(sync::code_of(change.operation)) +
                   (merged.outcome == sync::MergeOutcome::applied ? "" : " (no change)");
    audit.push_back(std::move(entry));
  }
  return ok_status();
}

// Records a refusal: its own change-log entry re-sends the records it named,
// so the device that changed them gets them back.
Status refuse(SyncTransaction& transaction, const sync::ChangeSet& change_set, const store::LedgerRefusal& why) {
  auto seq = transaction.log_entry("refused", change_set);
  if (!seq) return seq.error();
  for (const sync::Change& change : change_set.changes) {
    if (Status resent = transaction.resend(change.entity, change.record_id, *seq); !resent) return resent;
  }
  if (Status kept = transaction.record_refusal(change_set, why); !kept) return kept;
  return transaction.set_last_seq(change_set.client_id, change_set.client_seq);
}

// One change set in one transaction.
Result<sync::PushResult> process(SyncStore& sync, const Principal& principal, const sync::ChangeSet& change_set,
                                 Instant now, std::vector<AuditEntry>& audit, const AuditEntry& audit_base) {
  sync::PushResult result{change_set.id, change_set.client_seq, sync::PushStatus::later, {}, {}};
  std::vector<AuditEntry> written;
  Status done = sync.write(now, [&](SyncTransaction& transaction) -> Status {
    written.clear();
    auto last = transaction.last_seq(change_set.client_id);
    if (!last) return last.error();
    switch (sync::decide_push(*last, change_set.client_seq)) {
      case sync::PushDecision::out_of_order: result.status = sync::PushStatus::later; return ok_status();
      case sync::PushDecision::duplicate: {
        auto refused = transaction.refusal(change_set.client_id, change_set.client_seq);
        if (!refused) return refused.error();
        if (*refused) {
          result.status = sync::PushStatus::refused;
          result.reason = (*refused)->reason;
          result.field = (*refused)->field;
        } else {
          result.status = sync::PushStatus::duplicate;
        }
        return ok_status();
      }
      case sync::PushDecision::apply: break;
    }
    Status applied = transaction.attempt([&]() -> Status {
      auto seq = transaction.log_entry("applied", change_set);
      if (!seq) return seq.error();
      return apply_changes(transaction, principal, change_set, *seq, written, audit_base);
    });
    if (applied) {
      result.status = sync::PushStatus::applied;
      return transaction.set_last_seq(change_set.client_id, change_set.client_seq);
    }
    if (!is_refusal(applied.error())) return applied;
    written.clear();
    result.status = sync::PushStatus::refused;
    result.reason = applied.error().message.substr(0, sync::max_reason_bytes);
    result.field = applied.error().field;
    return refuse(transaction, change_set, {result.reason, result.field});
  });
  if (!done) return done.error();
  audit.insert(audit.end(), written.begin(), written.end());
  if (result.status == sync::PushStatus::refused) {
    AuditEntry entry = audit_base;
    entry.action = "sync_refused";
    entry.record_id = change_set.id;
    entry.detail = result.reason.substr(0, 200);
    audit.push_back(std::move(entry));
  }
  return result;
}

// The parts both endpoints check first: size, parse, device, schema.
Response device_mismatch() { return json_error(400, "client_id is not the device signed in", "client_id"); }

Response schema_refused(const Error& error, const std::string& field) { return json_error(409, error.message, field); }

}  // namespace

store::RecordScope scope_of(const Principal& principal) {
  switch (principal.role) {
    case Role::pa: return {principal.staff_id, {}, false};
    case Role::team_manager: return {{}, principal.team_id, false};
    case Role::service_manager: return {{}, {}, true};
    case Role::admin: return {};
  }
  return {};
}

Response sync_push(const SyncServices& services, const Principal& principal, const Request& request) {
  if (!services.sync) return json_error(503, "Sync is not available on this server");
  if (request.body.size() > sync::max_message_bytes) return too_large();
  auto push = sync::parse_push_request(request.body);
  if (!push) return json_error(400, push.error().message, push.error().field);
  if (push->client_id != principal.device_id) return device_mismatch();
  for (size_t i = 0; i < push->change_sets.size(); ++i) {
    if (Status accepted = sync::check_schema_version(push->change_sets[i].schema_version); !accepted) {
      return schema_refused(accepted.error(), "change_sets[" + std::to_string(i) + "].schema");
    }
  }
  const Instant now = services.accounts.now();
  const AuditEntry audit_base = audit_of(principal, request, now, "sync_write");
  sync::PushResponse response;
  std::vector<AuditEntry> audit;
  bool stopped = false;
  for (const sync::ChangeSet& change_set : push->change_sets) {
    if (stopped) {
      response.results.push_back({change_set.id, change_set.client_seq, sync::PushStatus::later, {}, {}});
      continue;
    }
    auto result = process(*services.sync, principal, change_set, now, audit, audit_base);
    if (!result) {
      // What committed before stays committed; the device sends the batch
      // again and those are answered `duplicate`.
      (void)services.accounts.store->append_audit(audit);
      return error_response(result.error());
    }
    stopped = result->status == sync::PushStatus::later;
    response.results.push_back(*result);
  }
  auto last = [&]() -> Result<int64_t> {
    int64_t value = 0;
    Status read = services.sync->write(now, [&](SyncTransaction& transaction) -> Status {
      auto seq = transaction.last_seq(push->client_id);
      if (!seq) return seq.error();
      value = *seq;
      return ok_status();
    });
    if (!read) return read.error();
    return value;
  }();
  if (!last) return error_response(last.error());
  response.last_seq = *last;
  if (Status audited = services.accounts.store->append_audit(audit); !audited) return error_response(audited.error());
  return json_response(200, sync::serialize(response));
}

Response sync_pull(const SyncServices& services, const Principal& principal, const Request& request) {
  if (!services.sync) return json_error(503, "Sync is not available on this server");
  if (request.body.size() > sync::max_message_bytes) return too_large();
  auto pull = sync::parse_pull_request(request.body);
  if (!pull) return json_error(400, pull.error().message, pull.error().field);
  if (pull->client_id != principal.device_id) return device_mismatch();
  if (Status accepted = sync::check_schema_version(pull->schema_version); !accepted) {
    return schema_refused(accepted.error(), "schema");
  }
  auto page = services.sync->pull(scope_of(principal), *pull);
  if (!page) return error_response(page.error());
  const Instant now = services.accounts.now();
  size_t rows = 0;
  for (const auto& set : page->response.change_sets) rows += set.rows.size();
  std::vector<AuditEntry> audit{audit_of(principal, request, now, "sync_pull")};
  audit.back().detail = std::to_string(rows) + " records, " + std::to_string(page->response.leave.size()) +
                        " young people left the device's scope";
  for (const std::string& person : page->young_people) audit.push_back(audit_of(principal, request, now, "sync_read", person));
  if (Status audited = services.accounts.store->append_audit(audit); !audited) return error_response(audited.error());
  return json_response(200, sync::serialize(page->response));
}

}  // namespace pathway::server
