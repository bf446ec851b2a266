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

std::optional<InviteeRow> find_one(Connection& conn, const char* where,
                                   const std::string& key_blob) {
  auto st = conn.prepare(std::string(kInviteeColumns) + where);
  st.bind_blob(1, key_blob);
  if (!st.step()) return std::nullopt;
  return invitee_from(st);
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
  {
    auto st = conn.prepare("SELECT 1 FROM invitee WHERE wave_id = ? AND reference = ?");
    st.bind_all(wave_id, inv.reference);
    if (st.step()) return InsertInvitee::kDuplicateReference;
  }
  if (find_one(conn, "WHERE code_hash = ?", inv.code_hash)) return InsertInvitee::kDuplicateCode;
  conn.prepare("INSERT INTO invitee (wave_id, reference, grp, background, token_hash, code_hash)"
               " VALUES (?, ?, ?, ?, ?, ?)")
      .bind_all(wave_id, inv.reference, inv.group, inv.background)
      .bind_blob(5, inv.token_hash)
      .bind_blob(6, inv.code_hash)
      .run();
  return InsertInvitee::kInserted;
}

std::optional<InviteeRow> find_invitee_by_token(Connection& conn, const std::string& hash) {
  return find_one(conn, "WHERE token_hash = ?", hash);
}

std::optional<InviteeRow> find_invitee_by_code(Connection& conn, const std::string& hash) {
  return find_one(conn, "WHERE code_hash = ?", hash);
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
  // The forward order is the enum order; the CASE keeps the rule in one statement.
  auto st = conn.prepare(
      "UPDATE invitee SET status = ?2 WHERE id = ?1 AND "
      "CASE status WHEN 'invited' THEN 0 WHEN 'opened' THEN 1 WHEN 'partial' THEN 2"
      " ELSE 99 END < ?3");
  st.bind_all(invitee_id, status_name(to), static_cast<std::int64_t>(to));
  st.run();
  return conn.changes() > 0;
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
    if (st.text(1) == "completed") {
      result.completed.push_back(ref);
      continue;
    }
    conn.prepare("UPDATE invitee SET status = ? WHERE id = ?")
        .bind_all(status_name(status), id)
        .run();
    result.changed += conn.changes();
  }
  return result;
}

std::map<InviteeStatus, std::int64_t> status_counts(Connection& conn, std::int64_t wave_id) {
  std::map<InviteeStatus, std::int64_t> out;
  for (size_t i = 0; i < kStatusNames.size(); ++i) out[static_cast<InviteeStatus>(i)] = 0;
  auto st = conn.prepare("SELECT status, count(*) FROM invitee WHERE wave_id = ? GROUP BY status");
  st.bind_all(wave_id);
  while (st.step()) {
    if (auto s = parse_status(st.text(0))) out[*s] = st.int64(1);
  }
  return out;
}

std::map<std::string, std::map<InviteeStatus, std::int64_t>> status_counts_by_group(
    Connection& conn, std::int64_t wave_id) {
  std::map<std::string, std::map<InviteeStatus, std::int64_t>> out;
  auto st = conn.prepare(
      "SELECT grp, status, count(*) FROM invitee WHERE wave_id = ? GROUP BY grp, status");
  st.bind_all(wave_id);
  while (st.step()) {
    auto& row = out[st.text(0)];
    if (row.empty()) {
      for (size_t i = 0; i < kStatusNames.size(); ++i) row[static_cast<InviteeStatus>(i)] = 0;
    }
    if (auto s = parse_status(st.text(1))) row[*s] = st.int64(2);
  }
  return out;
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
