#include "db/invitee_store.h"

#include <array>

namespace tilfreds::db {

namespace {
constexpr std::array<const char*, 6> kStatusNames = {
    "invited", "opened", "partial", "completed", "ineligible", "undeliverable"};

constexpr const char* kInviteeColumns =
    "SELECT id, wave_id, reference, grp, background, status FROM invitee ";

InviteeRow invitee_from(const Statement& st) {
  return InviteeRow{st.int64(0), st.int64(1), st.text(2), st.text(3), st.text(4),
                    parse_status(st.text(5)).value_or(InviteeStatus::kInvited)};
}

std::optional<InviteeRow> find_by_hash(Connection& conn, const char* column, const LookupHash& hash) {
  // The legacy SHA-256 only matches rows stored with it: a keyed row is never found
  // through an unkeyed hash, which anyone with the file could compute.
  auto st = conn.prepare(std::string(kInviteeColumns) + "WHERE " + column + " = ?1 OR (" + column +
                         " = ?2 AND hash_kind = 'sha256') LIMIT 1");
  st.bind_blob(1, hash.keyed);
  if (hash.legacy.empty()) {
    st.bind_null(2);  // "= NULL" matches nothing
  } else {
    st.bind_blob(2, hash.legacy);
  }
  if (!st.step()) return std::nullopt;
  return invitee_from(st);
}

// The dimension values an invitee is counted in: the wave, its group and each
// background value (SQLite's json_each reads the background, so db/ needs no JSON
// library). Gone once complete_invitee has erased them.
constexpr const char* kInviteeDims =
    "SELECT wave_id, 'all', '' FROM invitee WHERE id = ?1"
    " UNION ALL SELECT wave_id, 'group', grp FROM invitee WHERE id = ?1"
    " UNION ALL SELECT i.wave_id, j.key, j.value FROM invitee i, json_each(i.background) j"
    " WHERE i.id = ?1 AND j.type = 'text'";

// One more invitee in `status` in each of its dimension values.
void count_in(Connection& conn, std::int64_t invitee_id, InviteeStatus status) {
  conn.prepare(std::string("INSERT INTO invitee_count (wave_id, dim, dim_value, status, n)"
                           " SELECT d.*, ?2, 1 FROM (") +
               kInviteeDims +
               ") AS d WHERE true ON CONFLICT (wave_id, dim, dim_value, status) DO UPDATE SET n = invitee_count.n + 1")
      .bind_all(invitee_id, status_name(status))
      .run();
}

// One fewer. An UPDATE, not an upsert: SQLite checks `n >= 0` on the row an upsert
// would insert before it sees the conflict.
void count_out(Connection& conn, std::int64_t invitee_id, InviteeStatus status) {
  conn.prepare(std::string("UPDATE invitee_count SET n = n - 1 WHERE status = ?2 AND"
                           " (wave_id, dim, dim_value) IN (") +
               kInviteeDims + ")")
      .bind_all(invitee_id, status_name(status))
      .run();
}

void move_status(Connection& conn, std::int64_t invitee_id, InviteeStatus from, InviteeStatus to) {
  count_out(conn, invitee_id, from);
  count_in(conn, invitee_id, to);
  conn.prepare("UPDATE invitee SET status = ? WHERE id = ?").bind_all(status_name(to), invitee_id).run();
}

std::optional<InviteeStatus> current_status(Connection& conn, std::int64_t invitee_id) {
  auto st = conn.prepare("SELECT status FROM invitee WHERE id = ?");
  st.bind_all(invitee_id);
  if (!st.step()) return std::nullopt;
  return parse_status(st.text(0));
}

StatusCounts zero_counts() {
  StatusCounts out;
  for (size_t i = 0; i < kStatusNames.size(); ++i) out[static_cast<InviteeStatus>(i)] = 0;
  return out;
}
}  // namespace

const char* status_name(InviteeStatus status) {
  return kStatusNames[static_cast<size_t>(status)];
}

std::optional<InviteeStatus> parse_status(const std::string& name) {
  for (size_t i = 0; i < kStatusNames.size(); ++i) {
    if (name == kStatusNames[i]) return static_cast<InviteeStatus>(i);
  }
  return std::nullopt;
}

InsertInvitee insert_invitee(Connection& conn, std::int64_t wave_id, const NewInvitee& inv) {
  auto outcome = insert_invitee_uncounted(conn, wave_id, inv);
  if (outcome == InsertInvitee::kInserted) count_in(conn, conn.last_insert_rowid(), InviteeStatus::kInvited);
  return outcome;
}

InsertInvitee insert_invitee_uncounted(Connection& conn, std::int64_t wave_id, const NewInvitee& inv) {
  {
    auto st = conn.prepare("SELECT 1 FROM invitee WHERE wave_id = ? AND reference = ?");
    st.bind_all(wave_id, inv.reference);
    if (st.step()) return InsertInvitee::kDuplicateReference;
  }
  if (find_by_hash(conn, "code_hash", {inv.code_hash, {}})) return InsertInvitee::kDuplicateCode;
  conn.prepare("INSERT INTO invitee (wave_id, reference, grp, background, token_hash, code_hash,"
               " hash_kind, token_sealed, code_sealed) VALUES (?, ?, ?, ?, ?, ?, 'hmac', ?, ?)")
      .bind_all(wave_id, inv.reference, inv.group, inv.background)
      .bind_blob(5, inv.token_hash)
      .bind_blob(6, inv.code_hash)
      .bind_blob(7, inv.token_sealed)
      .bind_blob(8, inv.code_sealed)
      .run();
  return InsertInvitee::kInserted;
}

void count_invited_after(Connection& conn, std::int64_t wave_id, std::int64_t after_id) {
  // kInviteeDims for many invitees at once, summed per dimension value.
  conn.prepare("INSERT INTO invitee_count (wave_id, dim, dim_value, status, n)"
               " SELECT d.wave_id, d.dim, d.dim_value, ?3, count(*) FROM ("
               "SELECT wave_id, 'all' AS dim, '' AS dim_value FROM invitee WHERE wave_id = ?1 AND id > ?2"
               " UNION ALL SELECT wave_id, 'group', grp FROM invitee WHERE wave_id = ?1 AND id > ?2"
               " UNION ALL SELECT i.wave_id, j.key, j.value FROM invitee i, json_each(i.background) j"
               " WHERE i.wave_id = ?1 AND i.id > ?2 AND j.type = 'text'"
               ") AS d GROUP BY d.wave_id, d.dim, d.dim_value"
               " ON CONFLICT (wave_id, dim, dim_value, status) DO UPDATE SET n = invitee_count.n + excluded.n")
      .bind_all(wave_id, after_id, status_name(InviteeStatus::kInvited))
      .run();
}

std::int64_t begin_frame_import(Connection& conn) {
  if (conn.engine() == Engine::kPostgresql) conn.exec("SET LOCAL plan_cache_mode = force_custom_plan");
  auto st = conn.prepare("SELECT coalesce(max(id), 0) FROM invitee");
  st.step();
  return st.int64(0);
}

std::optional<InviteeRow> find_invitee_by_token(Connection& conn, const LookupHash& hash) {
  return find_by_hash(conn, "token_hash", hash);
}

std::optional<InviteeRow> find_invitee_by_code(Connection& conn, const LookupHash& hash) {
  return find_by_hash(conn, "code_hash", hash);
}

std::optional<InviteeRow> find_invitee(Connection& conn, std::int64_t id) {
  auto st = conn.prepare(std::string(kInviteeColumns) + "WHERE id = ?");
  st.bind_all(id);
  if (!st.step()) return std::nullopt;
  return invitee_from(st);
}

std::optional<InviteeRow> find_invitee_by_reference(Connection& conn, std::int64_t wave_id,
                                                    const std::string& reference) {
  auto st = conn.prepare(std::string(kInviteeColumns) + "WHERE wave_id = ? AND reference = ?");
  st.bind_all(wave_id, reference);
  if (!st.step()) return std::nullopt;
  return invitee_from(st);
}

bool advance_status(Connection& conn, std::int64_t invitee_id, InviteeStatus to) {
  auto from = current_status(conn, invitee_id);
  // The forward order is the enum order, and only the first three statuses move on here.
  if (!from || *from > InviteeStatus::kPartial || *from >= to) return false;
  move_status(conn, invitee_id, *from, to);
  return true;
}

void complete_invitee(Connection& conn, std::int64_t invitee_id, const std::string& completed_day) {
  auto from = current_status(conn, invitee_id);
  if (!from) throw Error("complete_invitee: no invitee " + std::to_string(invitee_id), 0);
  if (*from == InviteeStatus::kCompleted) throw Error("complete_invitee: completed twice", 0);
  count_out(conn, invitee_id, *from);
  count_in(conn, invitee_id, InviteeStatus::kCompleted);
  conn.prepare("UPDATE invitee SET status = 'completed', completed_day = ?, grp = '',"
               " background = '{}' WHERE id = ?")
      .bind_all(completed_day, invitee_id)
      .run();
}

MarkResult mark_invitees(Connection& conn, std::int64_t wave_id,
                         const std::vector<std::string>& references, InviteeStatus status) {
  MarkResult result;
  for (const auto& ref : references) {
    auto st = conn.prepare("SELECT id, status FROM invitee WHERE wave_id = ? AND reference = ?");
    st.bind_all(wave_id, ref);
    if (!st.step()) {
      result.unknown.push_back(ref);
      continue;
    }
    std::int64_t id = st.int64(0);
    auto from = parse_status(st.text(1)).value_or(InviteeStatus::kInvited);
    if (from == InviteeStatus::kCompleted) {
      result.completed.push_back(ref);
      continue;
    }
    if (from == status) continue;
    move_status(conn, id, from, status);
    ++result.changed;
  }
  return result;
}

std::map<std::string, StatusCounts> status_counts_by_dim(Connection& conn, std::int64_t wave_id,
                                                         const std::string& dim) {
  std::map<std::string, StatusCounts> out;
  auto st = conn.prepare(
      "SELECT dim_value, status, n FROM invitee_count WHERE wave_id = ? AND dim = ?");
  st.bind_all(wave_id, dim);
  while (st.step()) {
    auto& row = out[st.text(0)];
    if (row.empty()) row = zero_counts();
    if (auto s = parse_status(st.text(1))) row[*s] = st.int64(2);
  }
  return out;
}

StatusCounts status_counts(Connection& conn, std::int64_t wave_id) {
  auto all = status_counts_by_dim(conn, wave_id, "all");
  return all.empty() ? zero_counts() : all.begin()->second;
}

std::map<std::string, StatusCounts> status_counts_by_group(Connection& conn, std::int64_t wave_id) {
  return status_counts_by_dim(conn, wave_id, "group");
}

std::optional<SealedSecrets> find_sealed_secrets(Connection& conn, std::int64_t invitee_id) {
  auto st = conn.prepare("SELECT token_sealed, code_sealed FROM invitee WHERE id = ?");
  st.bind_all(invitee_id);
  if (!st.step()) return std::nullopt;
  return SealedSecrets{st.text(0), st.text(1)};
}

std::optional<std::string> key_check(Connection& conn) {
  auto st = conn.prepare("SELECT mac FROM key_check WHERE id = 1");
  if (!st.step()) return std::nullopt;
  return st.text(0);
}

bool put_key_check(Connection& conn, const std::string& mac) {
  conn.prepare("INSERT INTO key_check (id, mac) VALUES (1, ?) ON CONFLICT DO NOTHING")
      .bind_blob(1, mac)
      .run();
  return conn.changes() > 0;
}

std::optional<DraftRow> find_draft(Connection& conn, std::int64_t invitee_id) {
  auto st = conn.prepare("SELECT answers, page FROM draft WHERE invitee_id = ?");
  st.bind_all(invitee_id);
  if (!st.step()) return std::nullopt;
  return DraftRow{st.text(0), st.int64(1)};
}

void save_draft(Connection& conn, std::int64_t invitee_id, const DraftRow& draft) {
  conn.prepare("INSERT INTO draft (invitee_id, answers, page) VALUES (?, ?, ?)"
               " ON CONFLICT (invitee_id) DO UPDATE SET answers = excluded.answers,"
               " page = excluded.page")
      .bind_all(invitee_id, draft.answers, draft.page)
      .run();
}

void create_citizen_session(Connection& conn, const std::string& id_hash,
                            const CitizenSessionRow& s) {
  conn.prepare("INSERT INTO citizen_session (id_hash, invitee_id, csrf, expires_at)"
               " VALUES (?, ?, ?, ?)")
      .bind_blob(1, id_hash)
      .bind(2, s.invitee_id)
      .bind(3, s.csrf)
      .bind(4, s.expires_at)
      .run();
}

std::optional<CitizenSessionRow> find_citizen_session(Connection& conn,
                                                      const std::string& id_hash,
                                                      std::int64_t now) {
  auto st = conn.prepare(
      "SELECT invitee_id, csrf, expires_at FROM citizen_session"
      " WHERE id_hash = ? AND expires_at > ?");
  st.bind_blob(1, id_hash).bind(2, now);
  if (!st.step()) return std::nullopt;
  return CitizenSessionRow{st.int64(0), st.text(1), st.int64(2)};
}

int delete_expired_citizen_sessions(Connection& conn, std::int64_t now) {
  conn.prepare("DELETE FROM citizen_session WHERE expires_at <= ?").bind_all(now).run();
  return conn.changes();
}

}  // namespace tilfreds::db
