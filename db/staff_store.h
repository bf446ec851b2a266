// Staff accounts and their sessions: the rows behind login, lockout and roles.
// Passwords arrive here already hashed (argon2id strings) and session ids as
// SHA-256 bytes; this file never sees a secret in clear. Times are unix seconds
// passed in by the caller, so tests can move the clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.h"

namespace tilfreds::db {

// Roles as stored: "admin", "staff", "secretary" (the schema refuses others).
struct StaffUserRow {
  std::int64_t id = 0;
  std::string name;
  std::string role;
  std::string password_hash;
  bool active = true;
  std::int64_t failed_logins = 0;
  std::int64_t locked_until = 0;  // unix seconds; not locked when <= now
  std::string created_at;         // UTC ISO-8601
};

// Inserts an active user and returns its id, or nullopt if the name is taken
// (nothing is written then). Throws Error for a role the schema refuses.
std::optional<std::int64_t> insert_staff_user(Connection& conn, const std::string& name,
                                              const std::string& role,
                                              const std::string& password_hash);

// The user with this id / exact name, or nullopt.
std::optional<StaffUserRow> find_staff_user(Connection& conn, std::int64_t id);
std::optional<StaffUserRow> find_staff_user_by_name(Connection& conn, const std::string& name);

// Every user, ordered by name.
std::vector<StaffUserRow> list_staff_users(Connection& conn);

// Each changes one column of user `id` and returns false if there is no such user.
bool set_staff_role(Connection& conn, std::int64_t id, const std::string& role);
bool set_staff_active(Connection& conn, std::int64_t id, bool active);
// Also clears failed logins and any lockout: an admin's reset unlocks.
bool set_staff_password(Connection& conn, std::int64_t id, const std::string& password_hash);

// Counts a failed login for user `id`. At `max_failures` the account is locked
// until now + lock_seconds and the count starts again. Returns whether this
// failure locked it.
bool record_login_failure(Connection& conn, std::int64_t id, std::int64_t now, int max_failures,
                          std::int64_t lock_seconds);
// Clears the failure count after a successful login.
void record_login_success(Connection& conn, std::int64_t id);

// Active admins, so the last one cannot be demoted or disabled.
std::int64_t count_active_admins(Connection& conn);

struct StaffSessionRow {
  std::int64_t user_id = 0;
  std::string csrf;
  std::int64_t expires_at = 0;       // absolute end
  std::int64_t idle_expires_at = 0;  // end unless used again
};
void create_staff_session(Connection& conn, const std::string& id_hash, const StaffSessionRow& session);
// The session with this id hash if neither of its ends has passed at `now`, else nullopt.
std::optional<StaffSessionRow> find_staff_session(Connection& conn, const std::string& id_hash,
                                                  std::int64_t now);
// Moves the idle end of a session (never past its absolute end).
void touch_staff_session(Connection& conn, const std::string& id_hash, std::int64_t idle_expires_at);
void delete_staff_session(Connection& conn, const std::string& id_hash);
// Ends every session of a user (disabled, role changed or password reset); returns how many.
int delete_staff_sessions_of(Connection& conn, std::int64_t user_id);
// Ends all but the `keep` newest sessions of a user (a login past the cap ends the
// oldest); returns how many ended.
int keep_newest_staff_sessions(Connection& conn, std::int64_t user_id, int keep);
// Removes sessions past either end at `now`; returns how many.
int delete_expired_staff_sessions(Connection& conn, std::int64_t now);

}  // namespace tilfreds::db
