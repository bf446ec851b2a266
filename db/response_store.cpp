#include "db/response_store.h"

namespace tilfreds::db {

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
  for (const auto& c : r.answer_counts) {
    conn.prepare("INSERT INTO answer_count (wave_id, dim, dim_value, question_id, answer, n)"
                 " VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT DO UPDATE SET n = n + 1")
        .bind_all(r.wave_id, c.dim, c.dim_value, c.question_id, c.answer)
        .run();
  }
  for (const auto& d : r.respondent_dims) {
    conn.prepare("INSERT INTO respondent_count (wave_id, dim, dim_value, n)"
                 " VALUES (?, ?, ?, 1) ON CONFLICT DO UPDATE SET n = n + 1")
        .bind_all(r.wave_id, d.dim, d.dim_value)
        .run();
  }
  conn.prepare("UPDATE invitee SET status = 'completed', completed_day = ? WHERE id = ?")
      .bind_all(completed_day, invitee_id)
      .run();
  conn.prepare("DELETE FROM draft WHERE invitee_id = ?").bind_all(invitee_id).run();
  conn.prepare("DELETE FROM citizen_session WHERE invitee_id = ?").bind_all(invitee_id).run();
  return SubmitOutcome::kStored;
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
