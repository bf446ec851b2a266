#include "db/fieldwork_store.h"

namespace tilfreds::db {

std::vector<SurveyVersionRow> list_survey_versions(Connection& conn) {
  auto st = conn.prepare(
      "SELECT s.id, s.version, s.imported_at,"
      " (SELECT count(*) FROM wave w WHERE w.survey_id = s.id AND w.survey_version = s.version)"
      " FROM survey s ORDER BY s.id, s.version DESC");
  std::vector<SurveyVersionRow> out;
  while (st.step()) out.push_back({st.text(0), st.int64(1), st.text(2), st.int64(3)});
  return out;
}

bool update_wave_dates(Connection& conn, std::int64_t wave_id, const std::optional<std::string>& opens,
                       const std::optional<std::string>& closes) {
  conn.prepare("UPDATE wave SET opens = ?, closes = ? WHERE id = ?").bind_all(opens, closes, wave_id).run();
  return conn.changes() == 1;
}

std::vector<DayCount> completions_per_day(Connection& conn, std::int64_t wave_id) {
  auto st = conn.prepare(
      "SELECT completed_day, count(*) FROM invitee WHERE wave_id = ? AND status = 'completed'"
      " AND completed_day IS NOT NULL GROUP BY completed_day ORDER BY completed_day");
  st.bind_all(wave_id);
  std::vector<DayCount> out;
  while (st.step()) out.push_back({st.text(0), st.int64(1)});
  return out;
}

std::vector<LetterRecipient> letter_recipients(Connection& conn, std::int64_t wave_id, bool reminder) {
  auto st = conn.prepare(
      "SELECT id, reference FROM invitee WHERE wave_id = ?1 AND (?2 = 0 OR status IN"
      " ('invited', 'opened', 'partial')) ORDER BY reference");
  st.bind_all(wave_id, static_cast<std::int64_t>(reminder ? 1 : 0));
  std::vector<LetterRecipient> out;
  while (st.step()) out.push_back({st.int64(0), st.text(1)});
  return out;
}

void record_reminder_round(Connection& conn, std::int64_t wave_id, const std::string& day,
                           std::int64_t letters) {
  conn.prepare("INSERT INTO reminder_round (wave_id, sent_on, letters) VALUES (?, ?, ?)"
               " ON CONFLICT (wave_id, sent_on) DO UPDATE SET letters = excluded.letters")
      .bind_all(wave_id, day, letters)
      .run();
}

std::vector<ReminderRound> reminder_rounds(Connection& conn, std::int64_t wave_id) {
  auto st = conn.prepare("SELECT sent_on, letters FROM reminder_round WHERE wave_id = ? ORDER BY sent_on");
  st.bind_all(wave_id);
  std::vector<ReminderRound> out;
  while (st.step()) out.push_back({st.text(0), st.int64(1)});
  return out;
}

std::optional<std::string> find_letter_text(Connection& conn, const std::string& kind) {
  auto st = conn.prepare("SELECT body FROM letter_text WHERE kind = ?");
  st.bind_all(kind);
  if (!st.step()) return std::nullopt;
  return st.text(0);
}

void put_letter_text(Connection& conn, const std::string& kind, const std::optional<std::string>& body) {
  if (!body) {
    conn.prepare("DELETE FROM letter_text WHERE kind = ?").bind_all(kind).run();
    return;
  }
  conn.prepare("INSERT INTO letter_text (kind, body, updated_at) VALUES (?, ?, datetime('now'))"
               " ON CONFLICT (kind) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at")
      .bind_all(kind, *body)
      .run();
}

}  // namespace tilfreds::db
