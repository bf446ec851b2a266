#include "db/staff_store.h"

namespace tilfreds::db {

namespace {
constexpr const char* kUserColumns =
    "SELECT id, name, role, password_hash, active, failed_logins, locked_until, created_at "
    "FROM staff_user ";

StaffUserRow user_from(const Statement& st) {
  return StaffUserRow{st.int64(0), st.text(1),  st.text(2),  st.text(3),
                      st.int64(4) != 0, st.int64(5), st.int64(6), st.text(7)};
}
}  // namespace

std::optional<std::int64_t> insert_staff_user(Connection& conn, const std::string& name,
                                              const std::string& role,
                                              const std::string& password_hash) {
  if (find_staff_user_by_name(conn, name)) return std::nullopt;
  conn.prepare("INSERT INTO staff_user (name, role, password_hash, created_at)"
               " VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))")
      .bind_all(name, role, password_hash)
      .run();
  return conn.last_insert_rowid();
}

std::optional<StaffUserRow> find_staff_user(Connection& conn, std::int64_t id) {
  auto st = conn.prepare(std::string(kUserColumns) + "WHERE id = ?");
  st.bind_all(id);
  if (!st.step()) return std::nullopt;
  return user_from(st);
}

std::optional<StaffUserRow> find_staff_user_by_name(Connection& conn, const std::string& name) {
  auto st = conn.prepare(std::string(kUserColumns) + "WHERE name = ?");
  st.bind_all(name);
  if (!st.step()) return std::nullopt;
  return user_from(st);
}

std::vector<StaffUserRow> list_staff_users(Connection& conn) {
  auto st = conn.prepare(std::string(kUserColumns) + "ORDER BY name");
  std::vector<StaffUserRow> out;
  while (st.step()) out.push_back(user_from(st));
  return out;
}

bool set_staff_role(Connection& conn, std::int64_t id, const std::string& role) {
  conn.prepare("UPDATE staff_user SET role = ? WHERE id = ?").bind_all(role, id).run();
  return conn.changes() > 0;
}

bool set_staff_active(Connection& conn, std::int64_t id, bool active) {
  conn.prepare("UPDATE staff_user SET active = ? WHERE id = ?")
      .bind_all(static_cast<std::int64_t>(active ? 1 : 0), id)
      .run();
  return conn.changes() > 0;
}

bool set_staff_password(Connection& conn, std::int64_t id, const std::string& password_hash) {
  conn.prepare("UPDATE staff_user SET password_hash = ?, failed_logins = 0, locked_until = 0"
               " WHERE id = ?")
      .bind_all(password_hash, id)
      .run();
  return conn.changes() > 0;
}

bool record_login_failure(Connection& conn, std::int64_t id, std::int64_t now, int max_failures,
                          std::int64_t lock_seconds) {
  // One statement, so concurrent failures cannot both read the old count.
  conn.prepare(
          "UPDATE staff_user SET"
          " locked_until = CASE WHEN failed_logins + 1 >= ?1 THEN ?2 ELSE locked_until END,"
          " failed_logins = CASE WHEN failed_logins + 1 >= ?1 THEN 0 ELSE failed_logins + 1 END"
          " WHERE id = ?3")
      .bind_all(static_cast<std::int64_t>(max_failures), now + lock_seconds, id)
      .run();
  auto st = conn.prepare("SELECT locked_until FROM staff_user WHERE id = ?");
  st.bind_all(id);
  return st.step() && st.int64(0) == now + lock_seconds;
}

void record_login_success(Connection& conn, std::int64_t id) {
  conn.prepare("UPDATE staff_user SET failed_logins = 0 WHERE id = ? AND failed_logins <> 0")
      .bind_all(id)
      .run();
}

std::int64_t count_active_admins(Connection& conn) {
  auto st = conn.prepare("SELECT count(*) FROM staff_user WHERE role = 'admin' AND active = 1");
  return st.step() ? st.int64(0) : 0;
}

void create_staff_session(Connection& conn, const std::string& id_hash, const StaffSessionRow& s) {
  conn.prepare("INSERT INTO staff_session (id_hash, user_id, csrf, expires_at, idle_expires_at)"
               " VALUES (?, ?, ?, ?, ?)")
      .bind_blob(1, id_hash)
      .bind(2, s.user_id)
      .bind(3, s.csrf)
      .bind(4, s.expires_at)
      .bind(5, s.idle_expires_at)
      .run();
}

std::optional<StaffSessionRow> find_staff_session(Connection& conn, const std::string& id_hash,
                                                  std::int64_t now) {
  auto st = conn.prepare(
      "SELECT user_id, csrf, expires_at, idle_expires_at FROM staff_session"
      " WHERE id_hash = ? AND expires_at > ? AND idle_expires_at > ?");
  st.bind_blob(1, id_hash).bind(2, now).bind(3, now);
  if (!st.step()) return std::nullopt;
  return StaffSessionRow{st.int64(0), st.text(1), st.int64(2), st.int64(3)};
}

void touch_staff_session(Connection& conn, const std::string& id_hash, std::int64_t idle_expires_at) {
  conn.prepare("UPDATE staff_session SET idle_expires_at ="
               " CASE WHEN ?1 < expires_at THEN ?1 ELSE expires_at END WHERE id_hash = ?2")
      .bind(1, idle_expires_at)
      .bind_blob(2, id_hash)
      .run();
}

void delete_staff_session(Connection& conn, const std::string& id_hash) {
  conn.prepare("DELETE FROM staff_session WHERE id_hash = ?").bind_blob(1, id_hash).run();
}

int keep_newest_staff_sessions(Connection& conn, std::int64_t user_id, int keep) {
  // Newest = latest absolute end (login + 8 h); rowid breaks ties within a second.
  conn.prepare("DELETE FROM staff_session WHERE user_id = ? AND rowid NOT IN"
               " (SELECT rowid FROM staff_session WHERE user_id = ?"
               "  ORDER BY expires_at DESC, rowid DESC LIMIT ?)")
      .bind_all(user_id, user_id, keep)
      .run();
  return conn.changes();
}

int delete_staff_sessions_of(Connection& conn, std::int64_t user_id) {
  conn.prepare("DELETE FROM staff_session WHERE user_id = ?").bind_all(user_id).run();
  return conn.changes();
}

int delete_expired_staff_sessions(Connection& conn, std::int64_t now) {
  conn.prepare("DELETE FROM staff_session WHERE expires_at <= ? OR idle_expires_at <= ?")
      .bind_all(now, now)
      .run();
  return conn.changes();
}

}  // namespace tilfreds::db
