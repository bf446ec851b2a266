#include "db/aggregate_store.h"

namespace tilfreds::db {

namespace {
void delete_imported_rows(Connection& conn, std::int64_t wave_id) {
  conn.prepare("DELETE FROM answer_count WHERE wave_id = ?").bind_all(wave_id).run();
  conn.prepare("DELETE FROM respondent_count WHERE wave_id = ?").bind_all(wave_id).run();
  conn.prepare("DELETE FROM imported_disposition WHERE wave_id = ?").bind_all(wave_id).run();
}
}  // namespace

PutImportedWave put_imported_wave(Connection& conn, const WaveRow& wave,
                                  const std::vector<ImportedCount>& counts,
                                  const std::vector<ImportedDisposition>& dispositions,
                                  bool replace) {
  auto existing = find_waves_by_label(conn, wave.label, wave.survey_id);
  std::int64_t wave_id = 0;
  PutImportedWave outcome = PutImportedWave::kCreated;
  if (!existing.empty()) {
    if (!existing.front().imported) return PutImportedWave::kFielded;
    if (!replace) return PutImportedWave::kExists;
    wave_id = existing.front().id;
    delete_imported_rows(conn, wave_id);
    conn.prepare("UPDATE wave SET survey_version = ?, opens = ?, closes = ? WHERE id = ?")
        .bind_all(wave.survey_version, wave.opens, wave.closes, wave_id)
        .run();
    outcome = PutImportedWave::kReplaced;
  } else {
    conn.prepare("INSERT INTO wave (survey_id, survey_version, label, opens, closes, source)"
                 " VALUES (?, ?, ?, ?, ?, 'imported')")
        .bind_all(wave.survey_id, wave.survey_version, wave.label, wave.opens, wave.closes)
        .run();
    wave_id = conn.last_insert_rowid();
  }
  for (const auto& c : counts) {
    conn.prepare("INSERT INTO answer_count (wave_id, dim, dim_value, question_id, answer, n)"
                 " VALUES (?, ?, ?, ?, ?, ?)")
        .bind_all(wave_id, c.dim, c.dim_value, c.question_id, c.answer, c.n)
        .run();
  }
  for (const auto& d : dispositions) {
    conn.prepare("INSERT INTO imported_disposition"
                 " (wave_id, grp, invited, ineligible, undeliverable, answered)"
                 " VALUES (?, ?, ?, ?, ?, ?)")
        .bind_all(wave_id, d.group, d.invited, d.ineligible, d.undeliverable, d.answered)
        .run();
    const bool whole = d.group.empty();
    conn.prepare("INSERT INTO respondent_count (wave_id, dim, dim_value, n) VALUES (?, ?, ?, ?)")
        .bind_all(wave_id, whole ? "all" : "group", d.group, d.answered)
        .run();
  }
  return outcome;
}

std::vector<ImportedDisposition> imported_dispositions(Connection& conn, std::int64_t wave_id) {
  auto st = conn.prepare(
      "SELECT grp, invited, ineligible, undeliverable, answered FROM imported_disposition"
      " WHERE wave_id = ? ORDER BY grp");
  st.bind_all(wave_id);
  std::vector<ImportedDisposition> out;
  while (st.step()) {
    out.push_back({st.text(0), st.int64(1), st.int64(2), st.int64(3), st.int64(4)});
  }
  return out;
}

}  // namespace tilfreds::db
