#include "db/response_store.h"

#include <map>
#include <optional>
#include <string_view>
#include <tuple>

#include "db/invitee_store.h"

namespace tilfreds::db {

namespace {
void add_answer_count(Connection& conn, std::int64_t wave_id, const CountKey& c, std::int64_t by) {
  conn.prepare("INSERT INTO answer_count (wave_id, dim, dim_value, question_id, answer, n)"
               " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (wave_id, dim, dim_value, question_id, answer)"
               " DO UPDATE SET n = answer_count.n + excluded.n")
      .bind_all(wave_id, c.dim, c.dim_value, c.question_id, c.answer, by)
      .run();
}

void add_respondent_count(Connection& conn, std::int64_t wave_id, const DimValue& d, std::int64_t by) {
  conn.prepare("INSERT INTO respondent_count (wave_id, dim, dim_value, n)"
               " VALUES (?, ?, ?, ?) ON CONFLICT (wave_id, dim, dim_value)"
               " DO UPDATE SET n = respondent_count.n + excluded.n")
      .bind_all(wave_id, d.dim, d.dim_value, by)
      .run();
}

// Whether the invitee may submit now: nullopt if so.
std::optional<SubmitOutcome> refusal(Connection& conn, std::int64_t invitee_id) {
  auto st = conn.prepare("SELECT status FROM invitee WHERE id = ?");
  st.bind_all(invitee_id);
  if (!st.step()) throw Error("submit for unknown invitee", 0);
  std::string status = st.text(0);
  if (status == "completed") return SubmitOutcome::kAlreadyCompleted;
  if (status == "ineligible" || status == "undeliverable") return SubmitOutcome::kNotOpen;
  return std::nullopt;
}

// What every submission does after storing its answers: the invitee completed, its
// draft and sessions gone, and the journal emptied before the acknowledgement.
SubmitOutcome finish_submission(Connection& conn, std::int64_t invitee_id, const std::string& completed_day) {
  complete_invitee(conn, invitee_id, completed_day);
  conn.prepare("DELETE FROM draft WHERE invitee_id = ?").bind_all(invitee_id).run();
  conn.prepare("DELETE FROM citizen_session WHERE invitee_id = ?").bind_all(invitee_id).run();
  // This transaction's journal frames (and the earlier ones of the draft) pair the
  // invitee with its answers: the writer must not acknowledge before they are gone.
  conn.forget_journal_after_commit();
  return SubmitOutcome::kStored;
}

// A random 63-bit key (SQLite's random() draws from the OS; dialect.cpp rewrites it
// for PostgreSQL) instead of rowid order; a collision is astronomically rare and then
// simply fails this one job.
constexpr const char* kRandomKey = "abs(random() % 9223372036854775807)";

// Inserts `responses` in order (under random keys, or after the table's largest)
// and adds their counts once per distinct cell, by the number of responses in it.
void insert_and_count(Connection& conn, std::span<const NewResponse> responses, bool random_keys) {
  // Views into `responses`, which outlive the maps: no string is copied per answer.
  using AnswerCell = std::tuple<std::int64_t, std::string_view, std::string_view, std::string_view,
                                std::string_view>;
  using RespondentCell = std::tuple<std::int64_t, std::string_view, std::string_view>;
  std::map<AnswerCell, std::pair<const CountKey*, std::int64_t>> answers;
  std::map<RespondentCell, std::pair<const DimValue*, std::int64_t>> respondents;
  const std::string insert = random_keys ? std::string("INSERT INTO response (id, wave_id, grp, background, answers)"
                                                       " VALUES (") + kRandomKey + ", ?, ?, ?, ?)"
                                         : "INSERT INTO response (wave_id, grp, background, answers) VALUES (?, ?, ?, ?)";
  for (const auto& r : responses) {
    conn.prepare(insert).bind_all(r.wave_id, r.group, r.background, r.answers).run();
    for (const auto& c : r.answer_counts) {
      auto& cell = answers[{r.wave_id, c.dim, c.dim_value, c.question_id, c.answer}];
      cell.first = &c;
      ++cell.second;
    }
    for (const auto& d : r.respondent_dims) {
      auto& cell = respondents[{r.wave_id, d.dim, d.dim_value}];
      cell.first = &d;
      ++cell.second;
    }
  }
  for (const auto& [key, cell] : answers) add_answer_count(conn, std::get<0>(key), *cell.first, cell.second);
  for (const auto& [key, cell] : respondents) {
    add_respondent_count(conn, std::get<0>(key), *cell.first, cell.second);
  }
}
}  // namespace

SubmitOutcome submit_response(Connection& conn, std::int64_t invitee_id, const NewResponse& r,
                              const std::string& completed_day) {
  if (auto refused = refusal(conn, invitee_id)) return *refused;
  insert_and_count(conn, std::span(&r, 1), true);
  return finish_submission(conn, invitee_id, completed_day);
}

SubmitOutcome queue_submission(Connection& conn, std::int64_t invitee_id, std::int64_t wave_id,
                               std::string_view sealed, const std::string& completed_day) {
  if (auto refused = refusal(conn, invitee_id)) return *refused;
  conn.prepare(std::string("INSERT INTO response_queue (id, wave_id, sealed) VALUES (") + kRandomKey + ", ?, ?)")
      .bind(1, wave_id)
      .bind_blob(2, sealed)
      .run();
  return finish_submission(conn, invitee_id, completed_day);
}

std::vector<std::pair<std::int64_t, std::int64_t>> waiting_per_wave(Connection& conn) {
  auto st = conn.prepare("SELECT wave_id, count(*) FROM response_queue GROUP BY wave_id ORDER BY wave_id");
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  while (st.step()) out.emplace_back(st.int64(0), st.int64(1));
  return out;
}

std::vector<WaitingSubmission> lock_waiting_submissions(Connection& conn, std::int64_t wave_id) {
  // Under READ COMMITTED the SELECT below starts after the lock is ours, so a second
  // mixer sees the first one's deletions and finds nothing twice.
  conn.prepare("UPDATE wave SET label = label WHERE id = ?").bind_all(wave_id).run();
  auto st = conn.prepare("SELECT id, sealed FROM response_queue WHERE wave_id = ? ORDER BY id");
  st.bind_all(wave_id);
  std::vector<WaitingSubmission> out;
  while (st.step()) out.push_back({st.int64(0), st.text(1)});
  return out;
}

void store_mixed(Connection& conn, std::int64_t wave_id, std::span<const NewResponse> responses,
                 std::span<const std::int64_t> taken) {
  insert_and_count(conn, responses, true);
  for (std::int64_t id : taken) {
    conn.prepare("DELETE FROM response_queue WHERE id = ? AND wave_id = ?").bind_all(id, wave_id).run();
  }
  // Every completed invitee gets this transaction's id, so none keeps its own
  // submission's: which invitee completed in which transaction is no longer written
  // anywhere a query can read. (The queue rows still carry it, sealed, until mixed.)
  conn.prepare("UPDATE invitee SET completed_day = completed_day WHERE wave_id = ? AND status = 'completed'")
      .bind_all(wave_id)
      .run();
}

void store_responses(Connection& conn, std::span<const NewResponse> responses) {
  insert_and_count(conn, responses, false);
}

std::vector<CountRow> answer_counts(Connection& conn, std::int64_t wave_id, const std::string& dim) {
  auto st = conn.prepare(
      "SELECT dim_value, question_id, answer, n FROM answer_count"
      " WHERE wave_id = ? AND dim = ? ORDER BY dim_value, question_id, answer");
  st.bind_all(wave_id, dim);
  std::vector<CountRow> out;
  while (st.step()) out.push_back({st.text(0), st.text(1), st.text(2), st.int64(3)});
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> respondent_counts(Connection& conn,
                                                                    std::int64_t wave_id,
                                                                    const std::string& dim) {
  auto st = conn.prepare(
      "SELECT dim_value, n FROM respondent_count WHERE wave_id = ? AND dim = ? ORDER BY dim_value");
  st.bind_all(wave_id, dim);
  std::vector<std::pair<std::string, std::int64_t>> out;
  while (st.step()) out.emplace_back(st.text(0), st.int64(1));
  return out;
}

std::vector<std::string> response_answers(Connection& conn, std::int64_t wave_id) {
  auto st = conn.prepare("SELECT answers FROM response WHERE wave_id = ? ORDER BY id");
  st.bind_all(wave_id);
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

}  // namespace tilfreds::db
