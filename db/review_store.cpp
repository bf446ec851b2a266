#include "db/review_store.h"

namespace tilfreds::db {

namespace {
std::optional<std::int64_t> optional_int(const Statement& st, int column) {
  if (st.is_null(column)) return std::nullopt;
  return st.int64(column);
}

ReviewAreaRow area_from(const Statement& st) {
  ReviewAreaRow a;
  a.id = st.text(0);
  a.name = st.text(1);
  a.risk = st.text(2);
  a.frequency = st.text(3);
  a.sample_size = optional_int(st, 4);
  a.green_from = static_cast<int>(st.int64(5));
  a.yellow_from = static_cast<int>(st.int64(6));
  return a;
}
constexpr const char* kAreaColumns =
    "SELECT id, name, risk, frequency, sample_size, green_from, yellow_from FROM review_area ";

ReviewRow review_from(const Statement& st) {
  return {st.int64(0), st.text(1), st.text(2), st.text(3), st.int64(4)};
}
constexpr const char* kReviewColumns =
    "SELECT id, area_id, period, review_date, scheme_version FROM review ";

ReviewCaseRow case_from(const Statement& st) {
  return {st.int64(0), st.int64(1), st.text(2), st.int64(3), st.optional_text(4), st.int64(5) != 0};
}
constexpr const char* kCaseColumns =
    "SELECT id, review_id, group_id, position, case_ref, done FROM review_case ";

ReviewActionRow action_from(const Statement& st) {
  return {st.int64(0), st.text(1), st.text(2), st.text(3), st.int64(4),
          st.text(5),  st.text(6), st.text(7), st.text(8), st.text(9)};
}
constexpr const char* kActionColumns =
    "SELECT id, area_id, period, number, position, theme, text, control_points, owner, expected"
    " FROM review_action ";

void replace_results(Connection& conn, std::int64_t case_id, const std::vector<ReviewResultRow>& results) {
  conn.prepare("DELETE FROM review_result WHERE case_id = ?").bind_all(case_id).run();
  for (const auto& r : results) {
    auto st = conn.prepare(
        "INSERT INTO review_result (case_id, control_point, result, error_age, act_date, reproduced)"
        " VALUES (?, ?, ?, ?, ?, ?)");
    st.bind_all(case_id, r.control_point, r.result, r.error_age, r.act_date);
    st.bind(6, r.reproduced ? std::optional<std::int64_t>(*r.reproduced ? 1 : 0) : std::nullopt);
    st.run();
  }
  conn.prepare("UPDATE review_case SET done = 1 WHERE id = ?").bind_all(case_id).run();
}

// Recounted from the review's own rows: a review holds hundreds of cases, so this
// costs little at write time and keeps every report independent of them.
void refresh_counts(Connection& conn, std::int64_t review_id) {
  conn.prepare("DELETE FROM review_group_count WHERE review_id = ?").bind_all(review_id).run();
  conn.prepare(
          "INSERT INTO review_group_count (review_id, group_id, cases, correct_cases)"
          " SELECT c.review_id, c.group_id, count(*),"
          "  sum(CASE WHEN EXISTS (SELECT 1 FROM review_result r WHERE r.case_id = c.id AND r.result = 'fejl')"
          "  THEN 0 ELSE 1 END)"
          " FROM review_case c WHERE c.review_id = ? AND c.done = 1 GROUP BY c.review_id, c.group_id")
      .bind_all(review_id)
      .run();
  conn.prepare("DELETE FROM review_point_count WHERE review_id = ?").bind_all(review_id).run();
  conn.prepare(
          "INSERT INTO review_point_count"
          " (review_id, group_id, control_point, checked, errors, new_errors, old_errors)"
          " SELECT c.review_id, c.group_id, r.control_point,"
          "  sum(CASE WHEN r.result <> 'ikke_relevant' THEN 1 ELSE 0 END),"
          "  sum(CASE WHEN r.result = 'fejl' THEN 1 ELSE 0 END),"
          "  sum(CASE WHEN r.error_age = 'ny' THEN 1 ELSE 0 END),"
          "  sum(CASE WHEN r.error_age = 'gammel' THEN 1 ELSE 0 END)"
          " FROM review_result r JOIN review_case c ON c.id = r.case_id"
          " WHERE c.review_id = ? GROUP BY c.review_id, c.group_id, r.control_point")
      .bind_all(review_id)
      .run();
}
}  // namespace

bool add_review_area(Connection& conn, const ReviewAreaRow& a) {
  if (find_review_area(conn, a.id)) return false;
  auto st = conn.prepare(
      "INSERT INTO review_area (id, name, risk, frequency, sample_size, green_from, yellow_from)"
      " VALUES (?, ?, ?, ?, ?, ?, ?)");
  st.bind_all(a.id, a.name, a.risk, a.frequency);
  st.bind(5, a.sample_size);
  st.bind(6, static_cast<std::int64_t>(a.green_from)).bind(7, static_cast<std::int64_t>(a.yellow_from));
  st.run();
  return true;
}

std::vector<ReviewAreaRow> review_areas(Connection& conn) {
  auto st = conn.prepare(std::string(kAreaColumns) + "ORDER BY id");
  std::vector<ReviewAreaRow> out;
  while (st.step()) out.push_back(area_from(st));
  return out;
}

std::optional<ReviewAreaRow> find_review_area(Connection& conn, const std::string& id) {
  auto st = conn.prepare(std::string(kAreaColumns) + "WHERE id = ?");
  st.bind_all(id);
  if (!st.step()) return std::nullopt;
  return area_from(st);
}

PutScheme put_review_scheme(Connection& conn, const ReviewSchemeRow& s) {
  auto st = conn.prepare("SELECT valid_from, definition FROM review_scheme WHERE area_id = ? AND version = ?");
  st.bind_all(s.area_id, s.version);
  if (st.step()) {
    return st.text(0) == s.valid_from && st.text(1) == s.definition ? PutScheme::kUnchanged
                                                                    : PutScheme::kConflict;
  }
  conn.prepare("INSERT INTO review_scheme (area_id, version, valid_from, definition, imported_at)"
               " VALUES (?, ?, ?, ?, datetime('now'))")
      .bind_all(s.area_id, s.version, s.valid_from, s.definition)
      .run();
  return PutScheme::kCreated;
}

std::vector<ReviewSchemeRow> review_schemes(Connection& conn, const std::string& area_id) {
  auto st = conn.prepare(
      "SELECT version, valid_from, definition FROM review_scheme WHERE area_id = ? ORDER BY version");
  st.bind_all(area_id);
  std::vector<ReviewSchemeRow> out;
  while (st.step()) out.push_back({area_id, st.int64(0), st.text(1), st.text(2)});
  return out;
}

std::optional<ReviewRow> find_review(Connection& conn, const std::string& area_id, const std::string& period) {
  auto st = conn.prepare(std::string(kReviewColumns) + "WHERE area_id = ? AND period = ?");
  st.bind_all(area_id, period);
  if (!st.step()) return std::nullopt;
  return review_from(st);
}

std::optional<ReviewRow> find_review_by_id(Connection& conn, std::int64_t id) {
  auto st = conn.prepare(std::string(kReviewColumns) + "WHERE id = ?");
  st.bind_all(id);
  if (!st.step()) return std::nullopt;
  return review_from(st);
}

std::vector<ReviewRow> reviews_of_area(Connection& conn, const std::string& area_id) {
  auto st = conn.prepare(std::string(kReviewColumns) + "WHERE area_id = ? ORDER BY review_date, period");
  st.bind_all(area_id);
  std::vector<ReviewRow> out;
  while (st.step()) out.push_back(review_from(st));
  return out;
}

std::int64_t create_review(Connection& conn, const ReviewRow& r) {
  conn.prepare("INSERT INTO review (area_id, period, review_date, scheme_version, created_at)"
               " VALUES (?, ?, ?, ?, datetime('now'))")
      .bind_all(r.area_id, r.period, r.review_date, r.scheme_version)
      .run();
  return conn.last_insert_rowid();
}

void update_review(Connection& conn, const ReviewRow& r) {
  conn.prepare("UPDATE review SET review_date = ?, scheme_version = ? WHERE id = ?")
      .bind_all(r.review_date, r.scheme_version, r.id)
      .run();
}

void clear_review(Connection& conn, std::int64_t review_id) {
  conn.prepare("DELETE FROM review_result WHERE case_id IN (SELECT id FROM review_case WHERE review_id = ?)")
      .bind_all(review_id)
      .run();
  for (const char* table : {"review_case", "review_sample", "review_group_count", "review_point_count"}) {
    conn.prepare(std::string("DELETE FROM ") + table + " WHERE review_id = ?").bind_all(review_id).run();
  }
}

std::int64_t add_review_case(Connection& conn, std::int64_t review_id, const std::string& group_id,
                             std::int64_t position, const std::optional<std::string>& case_ref) {
  conn.prepare("INSERT INTO review_case (review_id, group_id, position, case_ref) VALUES (?, ?, ?, ?)")
      .bind_all(review_id, group_id, position, case_ref)
      .run();
  return conn.last_insert_rowid();
}

std::vector<ReviewCaseRow> review_cases(Connection& conn, std::int64_t review_id) {
  auto st = conn.prepare(std::string(kCaseColumns) + "WHERE review_id = ? ORDER BY group_id, position, id");
  st.bind_all(review_id);
  std::vector<ReviewCaseRow> out;
  while (st.step()) out.push_back(case_from(st));
  return out;
}

std::optional<ReviewCaseRow> find_review_case(Connection& conn, std::int64_t id) {
  auto st = conn.prepare(std::string(kCaseColumns) + "WHERE id = ?");
  st.bind_all(id);
  if (!st.step()) return std::nullopt;
  return case_from(st);
}

void save_case_results(Connection& conn, std::int64_t case_id, const std::vector<ReviewResultRow>& results) {
  auto c = find_review_case(conn, case_id);
  if (!c) throw Error("there is no review case " + std::to_string(case_id), 0);
  replace_results(conn, case_id, results);
  refresh_counts(conn, c->review_id);
}

void save_review_results(Connection& conn, std::int64_t review_id,
                         const std::vector<std::pair<std::int64_t, std::vector<ReviewResultRow>>>& cases) {
  for (const auto& [case_id, results] : cases) replace_results(conn, case_id, results);
  refresh_counts(conn, review_id);
}

std::vector<ReviewResultRow> case_results(Connection& conn, std::int64_t case_id) {
  auto st = conn.prepare(
      "SELECT control_point, result, error_age, act_date, reproduced FROM review_result"
      " WHERE case_id = ? ORDER BY control_point");
  st.bind_all(case_id);
  std::vector<ReviewResultRow> out;
  while (st.step()) {
    ReviewResultRow r{st.text(0), st.text(1), st.optional_text(2), st.optional_text(3), std::nullopt};
    if (!st.is_null(4)) r.reproduced = st.int64(4) != 0;
    out.push_back(std::move(r));
  }
  return out;
}

ReviewCounts review_counts(Connection& conn, std::int64_t review_id) {
  ReviewCounts out;
  auto g = conn.prepare(
      "SELECT group_id, cases, correct_cases FROM review_group_count WHERE review_id = ? ORDER BY group_id");
  g.bind_all(review_id);
  while (g.step()) out.groups.push_back({g.text(0), g.int64(1), g.int64(2)});
  auto p = conn.prepare(
      "SELECT group_id, control_point, checked, errors, new_errors, old_errors FROM review_point_count"
      " WHERE review_id = ? ORDER BY group_id, control_point");
  p.bind_all(review_id);
  while (p.step()) out.points.push_back({p.text(0), p.text(1), p.int64(2), p.int64(3), p.int64(4), p.int64(5)});
  return out;
}

std::int64_t clear_case_refs(Connection& conn, const std::string& before) {
  conn.prepare(
          "UPDATE review_case SET case_ref = NULL WHERE case_ref IS NOT NULL"
          " AND review_id IN (SELECT id FROM review WHERE review_date < ?)")
      .bind_all(before)
      .run();
  return conn.changes();
}

bool record_review_sample(Connection& conn, const ReviewSampleRow& s) {
  auto st = conn.prepare("SELECT 1 FROM review_sample WHERE review_id = ? AND group_id = ?");
  st.bind_all(s.review_id, s.group_id);
  if (st.step()) return false;
  conn.prepare(
          "INSERT INTO review_sample (review_id, group_id, seed, population, size, list_digest, drawn_at, drawn_by)"
          " VALUES (?, ?, ?, ?, ?, ?, datetime('now'), ?)")
      .bind_all(s.review_id, s.group_id, static_cast<std::int64_t>(s.seed), s.population, s.size, s.list_digest,
                s.drawn_by)
      .run();
  return true;
}

std::vector<ReviewSampleRow> review_samples(Connection& conn, std::int64_t review_id) {
  auto st = conn.prepare(
      "SELECT group_id, seed, population, size, list_digest, drawn_by, drawn_at FROM review_sample"
      " WHERE review_id = ? ORDER BY group_id");
  st.bind_all(review_id);
  std::vector<ReviewSampleRow> out;
  while (st.step()) {
    out.push_back({review_id, st.text(0), static_cast<std::uint64_t>(st.int64(1)), st.int64(2), st.int64(3),
                   st.text(4), st.text(5), st.text(6)});
  }
  return out;
}

std::int64_t put_review_action(Connection& conn, const ReviewActionRow& a) {
  auto st = conn.prepare("SELECT id FROM review_action WHERE area_id = ? AND period = ? AND number = ?");
  st.bind_all(a.area_id, a.period, a.number);
  if (st.step()) {
    std::int64_t id = st.int64(0);
    conn.prepare(
            "UPDATE review_action SET position = ?, theme = ?, text = ?, control_points = ?, owner = ?,"
            " expected = ? WHERE id = ?")
        .bind_all(a.position, a.theme, a.text, a.control_points, a.owner, a.expected, id)
        .run();
    return id;
  }
  conn.prepare(
          "INSERT INTO review_action (area_id, period, number, position, theme, text, control_points, owner,"
          " expected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind_all(a.area_id, a.period, a.number, a.position, a.theme, a.text, a.control_points, a.owner,
                a.expected)
      .run();
  return conn.last_insert_rowid();
}

std::vector<ReviewActionRow> review_actions(Connection& conn, const std::string& area_id,
                                            const std::string& period) {
  auto st = conn.prepare(std::string(kActionColumns) + "WHERE area_id = ? AND period = ? ORDER BY position, id");
  st.bind_all(area_id, period);
  std::vector<ReviewActionRow> out;
  while (st.step()) out.push_back(action_from(st));
  return out;
}

std::optional<ReviewActionRow> find_review_action(Connection& conn, std::int64_t id) {
  auto st = conn.prepare(std::string(kActionColumns) + "WHERE id = ?");
  st.bind_all(id);
  if (!st.step()) return std::nullopt;
  return action_from(st);
}

void add_action_status(Connection& conn, const ActionStatusRow& s) {
  conn.prepare(
          "INSERT INTO review_action_status (action_id, period, status_text, colour, recorded_at, recorded_by)"
          " VALUES (?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?)")
      .bind_all(s.action_id, s.period, s.text, s.colour, s.recorded_by)
      .run();
}

std::vector<ActionStatusRow> action_statuses(Connection& conn, std::int64_t action_id) {
  auto st = conn.prepare(
      "SELECT period, status_text, colour, recorded_by, recorded_at FROM review_action_status"
      " WHERE action_id = ? ORDER BY id");
  st.bind_all(action_id);
  std::vector<ActionStatusRow> out;
  while (st.step()) out.push_back({action_id, st.text(0), st.text(1), st.text(2), st.text(3), st.text(4)});
  return out;
}

}  // namespace tilfreds::db
