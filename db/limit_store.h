// The rate limits (intake/web/rate_limit.h) and login limits (intake/staff/
// login_throttle.h) as rows (migration 013), so that every server of one PostgreSQL
// database counts the same attempts. Each call is one step of the limiter's
// algorithm; the caller runs a whole attempt inside one write (Database::write), so
// an attempt's counts go in or stay out together. Times are unix seconds from the
// caller (for logins the staff clock, which tests move).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "db/connection.h"

namespace tilfreds::db {

// Sliding-window counts: events of (kind, key) younger than `window` seconds.
// Counts one event and returns true, or returns false (nothing counted) if `limit`
// events are already in the window. Two servers counting one key take turns (a
// row lock held to the end of the batch: two servers' batches that lock two keys in
// opposite orders meet PostgreSQL's deadlock detection, and one batch is refused as
// "try again shortly", 40P01, like any other lost race).
bool acquire_limit_event(Connection& conn, const std::string& kind, const std::string& key, std::int64_t now,
                         std::int64_t window, int limit);
// Events of (kind, key) younger than `window` seconds at `now`.
std::int64_t count_limit_events(Connection& conn, const std::string& kind, const std::string& key, std::int64_t now,
                                std::int64_t window);
// Counts one event, keeping only the newest `limit` (past the limit only they matter).
void record_limit_event(Connection& conn, const std::string& kind, const std::string& key, std::int64_t now,
                        std::int64_t window, int limit);
// Takes back the newest event of (kind, key).
void give_back_limit_event(Connection& conn, const std::string& kind, const std::string& key);

// The tries of one name from one address.
struct LoginPairRow {
  std::int64_t attempts = 0;
  std::int64_t next_allowed = 0;
  std::int64_t last = 0;
};
std::optional<LoginPairRow> find_login_pair(Connection& conn, const std::string& name, const std::string& address);
// The pair's row, made (with no tries) if new, and locked until the transaction ends:
// two servers' tries of one pair read its delay one after the other, so both cannot
// pass a delay the first one sets.
LoginPairRow lock_login_pair(Connection& conn, const std::string& name, const std::string& address,
                             std::int64_t now);
// Counts one try at `now` and returns the count after it; the pair is made if new.
std::int64_t count_login_try(Connection& conn, const std::string& name, const std::string& address, std::int64_t now);
void set_login_next_allowed(Connection& conn, const std::string& name, const std::string& address,
                            std::int64_t next_allowed);
void delete_login_pair(Connection& conn, const std::string& name, const std::string& address);
// Forgets pairs quiet since `quiet_since` that may try again at `now`, and events
// older than `oldest_event`: what an hour of quiet forgets.
void forget_quiet_logins(Connection& conn, std::int64_t quiet_since, std::int64_t now, std::int64_t oldest_event);

// Whether `name` logged in from `address` before (one of the newest `keep`).
bool is_known_login_address(Connection& conn, const std::string& name, const std::string& address);
// Records a login from `address` at `now` and keeps only the `keep` newest of the name.
void remember_login_address(Connection& conn, const std::string& name, const std::string& address, std::int64_t now,
                            int keep);

}  // namespace tilfreds::db
