#include "db/response_store.h"

#include <map>
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
}  // namespace

SubmitOutcome submit_response(Connection& conn, std::int64_t invitee_id, const NewResponse& r,
                              const std::string& completed_day) {
  {
    auto st = conn.prepare("SELECT status FROM invitee WHERE id = ?");
    st.bind_all(invitee_id);
    if (!st.step()) throw Error("submit for unknown invitee", 0);
    std::string status = st.text(0);
    if (status == "completed") return SubmitOutcome::kAlreadyCompleted;
    if (status == "ineligible" || status == "undeliverable") return SubmitOutcome::kNotOpen;
  }
  // A random 63-bit key (SQLite's random() draws from the OS) instead of rowid order;
  // a collision is astronomically rare and then simply fails this one submission.
  conn.prepare("INSERT INTO response (id, wave_id, grp, background, answers)"
               " VALUES (abs(random() % 9223372036854775807), ?, ?, ?, ?)")
      .bind_all(r.wave_id, r.group, r.background, r.answers)
      .run();
  for (const auto& c : r.answer_counts) add_answer_count(conn, r.wave_id, c, 1);
  for (const auto& d : r.respondent_dims) add_respondent_count(conn, r.wave_id, d, 1);
  complete_invitee(conn, invitee_id, completed_day);
  conn.prepare("DELETE FROM draft WHERE invitee_id = ?").bind_all(invitee_id).run();
  conn.prepare("DELETE FROM citizen_session WHERE invitee_id = ?").bind_all(invitee_id).run();
  // This transaction's journal frames (and the earlier ones of the draft) pair the
  // invitee with its answers: the writer must not acknowledge before they are gone.
  conn.forget_journal_after_commit();
  return SubmitOutcome::kStored;
}

void store_responses(Connection& conn, std::span<const NewResponse> responses) {
  // Views into `responses`, which outlive the maps: no string is copied per answer.
  using AnswerCell = std::tuple<std::int64_t, std::string_view, std::string_view, std::string_view,
                                std::string_view>;
  using RespondentCell = std::tuple<std::int64_t, std::string_view, std::string_view>;
  std::map<AnswerCell, std::pair<const CountKey*, std::int64_t>> answers;
  std::map<RespondentCell, std::pair<const DimValue*, std::int64_t>> respondents;
  for (const auto& r : responses) {
    conn.prepare("INSERT INTO response (wave_id, grp, background, answers) VALUES (?, ?, ?, ?)")
        .bind_all(r.wave_id, r.group, r.background, r.answers)
        .run();
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
