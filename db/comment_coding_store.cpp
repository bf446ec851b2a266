#include "db/comment_coding_store.h"

namespace tilfreds::db {

namespace {
CommentCodeRow code_from(const Statement& st) {
  CommentCodeRow r;
  r.response_id = st.int64(0);
  r.question_id = st.text(1);
  r.wave_id = st.int64(2);
  if (!st.is_null(3)) r.theme_id = st.int64(3);
  r.tone = st.text(4);
  r.quote = st.int64(5) != 0;
  r.wording = st.optional_text(6);
  return r;
}
constexpr const char* kCodeColumns =
    "SELECT response_id, question_id, wave_id, theme_id, tone, quote, wording FROM comment_code ";
}  // namespace

std::optional<std::int64_t> add_comment_theme(Connection& conn, std::int64_t wave_id, const std::string& name) {
  {
    auto st = conn.prepare("SELECT 1 FROM comment_theme WHERE wave_id = ? AND name = ?");
    st.bind_all(wave_id, name);
    if (st.step()) return std::nullopt;
  }
  conn.prepare(
          "INSERT INTO comment_theme (wave_id, name, position)"
          " VALUES (?1, ?2, (SELECT COALESCE(MAX(position), 0) + 1 FROM comment_theme WHERE wave_id = ?1))")
      .bind_all(wave_id, name)
      .run();
  auto st = conn.prepare("SELECT id FROM comment_theme WHERE wave_id = ? AND name = ?");
  st.bind_all(wave_id, name);
  st.step();
  return st.int64(0);
}

std::vector<CommentThemeRow> comment_themes(Connection& conn, std::int64_t wave_id) {
  auto st = conn.prepare("SELECT id, wave_id, name, position FROM comment_theme WHERE wave_id = ? ORDER BY position");
  st.bind_all(wave_id);
  std::vector<CommentThemeRow> out;
  while (st.step()) out.push_back({st.int64(0), st.int64(1), st.text(2), st.int64(3)});
  return out;
}

std::vector<ResponseAnswers> wave_response_answers(Connection& conn, std::int64_t wave_id) {
  auto st = conn.prepare("SELECT id, answers FROM response WHERE wave_id = ? ORDER BY id");
  st.bind_all(wave_id);
  std::vector<ResponseAnswers> out;
  while (st.step()) out.push_back({st.int64(0), st.text(1)});
  return out;
}

std::optional<std::string> response_answers_in_wave(Connection& conn, std::int64_t wave_id,
                                                    std::int64_t response_id) {
  auto st = conn.prepare("SELECT answers FROM response WHERE id = ? AND wave_id = ?");
  st.bind_all(response_id, wave_id);
  if (!st.step()) return std::nullopt;
  return st.text(0);
}

std::vector<CommentCodeRow> comment_codes(Connection& conn, std::int64_t wave_id) {
  auto st = conn.prepare(std::string(kCodeColumns) + "WHERE wave_id = ? ORDER BY response_id, question_id");
  st.bind_all(wave_id);
  std::vector<CommentCodeRow> out;
  while (st.step()) out.push_back(code_from(st));
  return out;
}

std::optional<CommentCodeRow> find_comment_code(Connection& conn, std::int64_t response_id,
                                                const std::string& question_id) {
  auto st = conn.prepare(std::string(kCodeColumns) + "WHERE response_id = ? AND question_id = ?");
  st.bind_all(response_id, question_id);
  if (!st.step()) return std::nullopt;
  return code_from(st);
}

void put_comment_code(Connection& conn, const CommentCodeRow& c) {
  auto st = conn.prepare(
      "INSERT INTO comment_code (response_id, question_id, wave_id, theme_id, tone, quote, wording)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
      " ON CONFLICT (response_id, question_id) DO UPDATE SET wave_id = ?3, theme_id = ?4, tone = ?5,"
      " quote = ?6, wording = ?7");
  st.bind_all(c.response_id, c.question_id, c.wave_id);
  if (c.theme_id) {
    st.bind(4, *c.theme_id);
  } else {
    st.bind_null(4);
  }
  st.bind(5, c.tone);
  st.bind(6, static_cast<std::int64_t>(c.quote ? 1 : 0));
  st.bind(7, c.wording);
  st.run();
}

}  // namespace tilfreds::db
