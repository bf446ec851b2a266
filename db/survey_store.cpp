#include "db/survey_store.h"

namespace tilfreds::db {

namespace {
constexpr const char* kWaveColumns =
    "SELECT id, survey_id, survey_version, label, opens, closes, source FROM wave ";

WaveRow wave_from(const Statement& st) {
  return WaveRow{st.int64(0), st.text(1), st.int64(2), st.text(3), st.optional_text(4),
                 st.optional_text(5), st.text(6) == "imported"};
}
}  // namespace

PutSurvey put_survey(Connection& conn, const SurveyRow& survey) {
  if (auto existing = find_survey(conn, survey.id, survey.version)) {
    return existing->definition == survey.definition ? PutSurvey::kUnchanged
                                                     : PutSurvey::kConflict;
  }
  conn.prepare("INSERT INTO survey (id, version, definition, imported_at)"
               " VALUES (?, ?, ?, datetime('now'))")
      .bind_all(survey.id, survey.version, survey.definition)
      .run();
  return PutSurvey::kCreated;
}

std::optional<SurveyRow> find_survey(Connection& conn, const std::string& id,
                                     std::int64_t version) {
  auto st = conn.prepare("SELECT definition FROM survey WHERE id = ? AND version = ?");
  st.bind_all(id, version);
  if (!st.step()) return std::nullopt;
  return SurveyRow{id, version, st.text(0)};
}

std::optional<SurveyRow> latest_survey(Connection& conn, const std::string& id) {
  auto st = conn.prepare(
      "SELECT version, definition FROM survey WHERE id = ? ORDER BY version DESC LIMIT 1");
  st.bind_all(id);
  if (!st.step()) return std::nullopt;
  return SurveyRow{id, st.int64(0), st.text(1)};
}

std::optional<std::int64_t> create_wave(Connection& conn, const WaveRow& wave) {
  if (!find_waves_by_label(conn, wave.label, wave.survey_id).empty()) return std::nullopt;
  conn.prepare("INSERT INTO wave (survey_id, survey_version, label, opens, closes)"
               " VALUES (?, ?, ?, ?, ?)")
      .bind_all(wave.survey_id, wave.survey_version, wave.label, wave.opens, wave.closes)
      .run();
  return conn.last_insert_rowid();
}

std::vector<WaveRow> find_waves_by_label(Connection& conn, const std::string& label,
                                         const std::optional<std::string>& survey_id) {
  auto st = conn.prepare(std::string(kWaveColumns) +
                         "WHERE label = ?1 AND (?2 IS NULL OR survey_id = ?2) ORDER BY id");
  st.bind_all(label, survey_id);
  std::vector<WaveRow> out;
  while (st.step()) out.push_back(wave_from(st));
  return out;
}

std::optional<WaveRow> find_wave(Connection& conn, std::int64_t id) {
  auto st = conn.prepare(std::string(kWaveColumns) + "WHERE id = ?");
  st.bind_all(id);
  if (!st.step()) return std::nullopt;
  return wave_from(st);
}

}  // namespace tilfreds::db
