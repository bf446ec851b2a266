#include "db/offer_quality_store.h"

namespace tilfreds::db {

namespace {
constexpr const char* kRatingColumns =
    "SELECT offer_id, period, version, smiley, visited_on, supervisor, summary, changed_at,"
    " changed_by, changed_by_name FROM offer_rating_version r ";

RatingRow rating_from(const Statement& st) {
  RatingRow r;
  r.offer_id = st.int64(0);
  r.period = st.text(1);
  r.version = st.int64(2);
  r.smiley = st.text(3);
  r.visited_on = st.text(4);
  r.supervisor = st.text(5);
  r.summary = st.text(6);
  r.changed_at = st.text(7);
  if (!st.is_null(8)) r.changed_by = st.int64(8);
  r.changed_by_name = st.text(9);
  return r;
}

std::vector<RatingRow> ratings(Statement& st) {
  std::vector<RatingRow> out;
  while (st.step()) out.push_back(rating_from(st));
  return out;
}
}  // namespace

std::int64_t add_rating_version(Connection& conn, const RatingRow& r) {
  std::int64_t version = 1;
  if (auto now = current_rating(conn, r.offer_id, r.period)) version = now->version + 1;
  auto st = conn.prepare(
      "INSERT INTO offer_rating_version (offer_id, period, version, smiley, visited_on, supervisor, summary,"
      " changed_at, changed_by, changed_by_name)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?8, ?9)");
  st.bind_all(r.offer_id, r.period, version, r.smiley, r.visited_on, r.supervisor, r.summary);
  if (r.changed_by) {
    st.bind(8, *r.changed_by);
  } else {
    st.bind_null(8);
  }
  st.bind(9, r.changed_by_name);
  st.run();
  return version;
}

std::optional<RatingRow> current_rating(Connection& conn, std::int64_t offer_id, const std::string& period) {
  auto st = conn.prepare(std::string(kRatingColumns) +
                         "WHERE offer_id = ? AND period = ? ORDER BY version DESC LIMIT 1");
  st.bind_all(offer_id, period);
  if (!st.step()) return std::nullopt;
  return rating_from(st);
}

std::vector<RatingRow> current_ratings(Connection& conn, const std::string& period) {
  auto st = conn.prepare(std::string(kRatingColumns) +
                         "WHERE period = ?1 AND version = (SELECT MAX(version) FROM offer_rating_version w"
                         " WHERE w.offer_id = r.offer_id AND w.period = ?1) ORDER BY offer_id");
  st.bind_all(period);
  return ratings(st);
}

std::vector<RatingRow> rating_history(Connection& conn, std::int64_t offer_id) {
  auto st = conn.prepare(std::string(kRatingColumns) + "WHERE offer_id = ? ORDER BY period DESC, version DESC");
  st.bind_all(offer_id);
  return ratings(st);
}

void put_effect(Connection& conn, const EffectRow& row) {
  conn.prepare("INSERT INTO offer_effect (offer_id, period, ended, in_work, in_education) VALUES (?, ?, ?, ?, ?)"
               " ON CONFLICT (offer_id, period) DO UPDATE SET ended = excluded.ended,"
               " in_work = excluded.in_work, in_education = excluded.in_education")
      .bind_all(row.offer_id, row.period, row.ended, row.in_work, row.in_education)
      .run();
}

void put_age(Connection& conn, const AgeRow& row) {
  conn.prepare("INSERT INTO offer_age (offer_id, period, under_30, age_30_49, age_50_plus) VALUES (?, ?, ?, ?, ?)"
               " ON CONFLICT (offer_id, period) DO UPDATE SET under_30 = excluded.under_30,"
               " age_30_49 = excluded.age_30_49, age_50_plus = excluded.age_50_plus")
      .bind_all(row.offer_id, row.period, row.under_30, row.age_30_49, row.age_50_plus)
      .run();
}

std::vector<EffectRow> list_effects(Connection& conn, std::int64_t offer_id, const std::string& period) {
  auto st = conn.prepare("SELECT offer_id, period, ended, in_work, in_education FROM offer_effect"
                         " WHERE (?1 = 0 OR offer_id = ?1) AND (?2 = '' OR period = ?2) ORDER BY period, offer_id");
  st.bind_all(offer_id, period);
  std::vector<EffectRow> out;
  while (st.step()) out.push_back({st.int64(0), st.text(1), st.int64(2), st.int64(3), st.int64(4)});
  return out;
}

std::vector<AgeRow> list_ages(Connection& conn, std::int64_t offer_id, const std::string& period) {
  auto st = conn.prepare("SELECT offer_id, period, under_30, age_30_49, age_50_plus FROM offer_age"
                         " WHERE (?1 = 0 OR offer_id = ?1) AND (?2 = '' OR period = ?2) ORDER BY period, offer_id");
  st.bind_all(offer_id, period);
  std::vector<AgeRow> out;
  while (st.step()) out.push_back({st.int64(0), st.text(1), st.int64(2), st.int64(3), st.int64(4)});
  return out;
}

void set_target(Connection& conn, const TargetRow& row) {
  conn.prepare("INSERT INTO offer_target (column_name, green_from, yellow_from) VALUES (?, ?, ?)"
               " ON CONFLICT (column_name) DO UPDATE SET green_from = excluded.green_from,"
               " yellow_from = excluded.yellow_from")
      .bind_all(row.column, std::int64_t{row.green_from}, std::int64_t{row.yellow_from})
      .run();
}

bool clear_target(Connection& conn, const std::string& column) {
  conn.prepare("DELETE FROM offer_target WHERE column_name = ?").bind_all(column).run();
  return conn.changes() > 0;
}

std::vector<TargetRow> list_targets(Connection& conn) {
  auto st = conn.prepare("SELECT column_name, green_from, yellow_from FROM offer_target ORDER BY column_name");
  std::vector<TargetRow> out;
  while (st.step()) out.push_back({st.text(0), static_cast<int>(st.int64(1)), static_cast<int>(st.int64(2))});
  return out;
}

}  // namespace tilfreds::db
