#include "db/limit_store.h"

namespace tilfreds::db {

namespace {
// The key's row first: a second server counting this key waits here until this
// transaction commits, and its count (a new snapshot under READ COMMITTED) then
// sees this one's event, so the two cannot both take the last free one. Then the
// key's events that have left the window go.
void lock_key(Connection& conn, const std::string& kind, const std::string& key, std::int64_t now,
              std::int64_t window) {
  conn.prepare(
          "INSERT INTO limit_key (kind, key, at) VALUES (?1, ?2, ?3)"
          " ON CONFLICT (kind, key) DO UPDATE SET at = ?3")
      .bind_all(kind, key, now)
      .run();
  conn.prepare("DELETE FROM limit_event WHERE kind = ? AND key = ? AND at <= ?").bind_all(kind, key, now - window).run();
}
}  // namespace

std::int64_t count_limit_events(Connection& conn, const std::string& kind, const std::string& key, std::int64_t now,
                                std::int64_t window) {
  auto st = conn.prepare("SELECT count(*) FROM limit_event WHERE kind = ? AND key = ? AND at > ?");
  st.bind_all(kind, key, now - window);
  st.step();
  return st.int64(0);
}

void record_limit_event(Connection& conn, const std::string& kind, const std::string& key, std::int64_t now,
                        std::int64_t window, int limit) {
  lock_key(conn, kind, key, now, window);
  conn.prepare("INSERT INTO limit_event (kind, key, at) VALUES (?, ?, ?)").bind_all(kind, key, now).run();
  conn.prepare(
          "DELETE FROM limit_event WHERE kind = ?1 AND key = ?2 AND id NOT IN"
          " (SELECT id FROM limit_event WHERE kind = ?1 AND key = ?2 ORDER BY id DESC LIMIT ?3)")
      .bind_all(kind, key, static_cast<std::int64_t>(limit))
      .run();
}

bool acquire_limit_event(Connection& conn, const std::string& kind, const std::string& key, std::int64_t now,
                         std::int64_t window, int limit) {
  lock_key(conn, kind, key, now, window);
  conn.prepare("INSERT INTO limit_event (kind, key, at) VALUES (?, ?, ?)").bind_all(kind, key, now).run();
  const std::int64_t id = conn.last_insert_rowid();
  auto count = conn.prepare("SELECT count(*) FROM limit_event WHERE kind = ? AND key = ?");
  count.bind_all(kind, key);
  count.step();
  if (count.int64(0) <= limit) return true;
  conn.prepare("DELETE FROM limit_event WHERE id = ?").bind_all(id).run();
  return false;
}

void give_back_limit_event(Connection& conn, const std::string& kind, const std::string& key) {
  conn.prepare(
          "DELETE FROM limit_event WHERE id = (SELECT max(id) FROM limit_event WHERE kind = ? AND key = ?)")
      .bind_all(kind, key)
      .run();
}

std::optional<LoginPairRow> find_login_pair(Connection& conn, const std::string& name, const std::string& address) {
  auto st = conn.prepare("SELECT attempts, next_allowed, last FROM login_pair WHERE name = ? AND address = ?");
  st.bind_all(name, address);
  if (!st.step()) return std::nullopt;
  return LoginPairRow{st.int64(0), st.int64(1), st.int64(2)};
}

LoginPairRow lock_login_pair(Connection& conn, const std::string& name, const std::string& address,
                             std::int64_t now) {
  conn.prepare(
          "INSERT INTO login_pair (name, address, attempts, next_allowed, last) VALUES (?1, ?2, 0, 0, ?3)"
          " ON CONFLICT (name, address) DO UPDATE SET attempts = login_pair.attempts")
      .bind_all(name, address, now)
      .run();
  return *find_login_pair(conn, name, address);
}

std::int64_t count_login_try(Connection& conn, const std::string& name, const std::string& address,
                             std::int64_t now) {
  // One statement: the row lock it takes orders two servers' tries of one pair.
  conn.prepare(
          "INSERT INTO login_pair (name, address, attempts, next_allowed, last) VALUES (?1, ?2, 1, 0, ?3)"
          " ON CONFLICT (name, address) DO UPDATE SET attempts = login_pair.attempts + 1, last = ?3")
      .bind_all(name, address, now)
      .run();
  return find_login_pair(conn, name, address)->attempts;
}

void set_login_next_allowed(Connection& conn, const std::string& name, const std::string& address,
                            std::int64_t next_allowed) {
  conn.prepare("UPDATE login_pair SET next_allowed = ? WHERE name = ? AND address = ?")
      .bind_all(next_allowed, name, address)
      .run();
}

void delete_login_pair(Connection& conn, const std::string& name, const std::string& address) {
  conn.prepare("DELETE FROM login_pair WHERE name = ? AND address = ?").bind_all(name, address).run();
}

void forget_quiet_logins(Connection& conn, std::int64_t quiet_since, std::int64_t now, std::int64_t oldest_event) {
  conn.prepare("DELETE FROM login_pair WHERE last < ? AND next_allowed <= ?").bind_all(quiet_since, now).run();
  conn.prepare("DELETE FROM limit_event WHERE at < ?").bind_all(oldest_event).run();
  conn.prepare("DELETE FROM limit_key WHERE at < ?").bind_all(oldest_event).run();
}

bool is_known_login_address(Connection& conn, const std::string& name, const std::string& address) {
  auto st = conn.prepare("SELECT 1 FROM login_address WHERE name = ? AND address = ?");
  st.bind_all(name, address);
  return st.step();
}

void remember_login_address(Connection& conn, const std::string& name, const std::string& address, std::int64_t now,
                            int keep) {
  conn.prepare(
          "INSERT INTO login_address (name, address, at) VALUES (?1, ?2, ?3)"
          " ON CONFLICT (name, address) DO UPDATE SET at = ?3")
      .bind_all(name, address, now)
      .run();
  conn.prepare(
          "DELETE FROM login_address WHERE name = ?1 AND address NOT IN"
          " (SELECT address FROM login_address WHERE name = ?1 ORDER BY at DESC, address LIMIT ?2)")
      .bind_all(name, static_cast<std::int64_t>(keep))
      .run();
}

}  // namespace tilfreds::db
