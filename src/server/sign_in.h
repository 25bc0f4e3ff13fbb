// Signing in and out: POST, GET and DELETE /api/session.
//
// POST /api/session {username, password, device_id, device_name} checks the
// password (Argon2id), registers the device and starts a session (see
// sessions.h for the token and cookie); 200 with
// {token, expires_at, idle_timeout_seconds, user, device}. A wrong username
// and a wrong password get the same 401, after the same Argon2id work.
//
// Throttling, kept in the AccountStore so every server process sees it
// (OWASP Authentication Cheat Sheet, "Login Throttling"):
//  * 5 wrong passwords for a username within 15 minutes lock that username
//    for 15 minutes (429), whether or not such an account exists;
//  * 30 wrong passwords from one client address within 15 minutes refuse
//    that address for the rest of the window (429), which slows guessing
//    across many usernames.
// Each attempt is recorded as a failure before its password is checked, so
// a burst of guesses sent at once (to one process or several) gets no more
// than 5 passwords checked.
// Every success, failure, lockout and refusal is an audit row: who, device,
// address, when. Never the password or the token.
//
// GET /api/session says who is signed in; DELETE /api/session signs out.
// Both sit behind the session guard.
#pragma once

#include <cstdint>

#include "server/http.h"
#include "server/sessions.h"

namespace pathway::server {

inline constexpr size_t sign_in_max_body_bytes = 64 * 1024;
inline constexpr int failures_before_lockout = 5;
inline constexpr int failures_per_address_limit = 30;
inline constexpr int64_t failure_window_seconds = 15 * 60;
inline constexpr int64_t lockout_seconds = 15 * 60;
inline constexpr size_t device_id_max_bytes = 64;
inline constexpr size_t device_name_max_bytes = 100;

Response sign_in(const AccountServices& services, const Request& request);
Response who_is_signed_in(const AccountServices& services, const Principal& principal, const Request& request);
Response sign_out(const AccountServices& services, const Principal& principal, const Request& request);

}  // namespace pathway::server
