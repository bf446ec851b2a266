// Coding of the comments of a wave (issue 13 §4): the themes a secretary adds per
// wave and, per comment, its theme, ris/ros and quote with the edited wording.
// A comment is a response's answer to one free-text question; its text is read
// from `response` and never rewritten here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.h"

namespace tilfreds::db {

struct CommentThemeRow {
  std::int64_t id = 0;
  std::int64_t wave_id = 0;
  std::string name;
  std::int64_t position = 0;
};

// Adds theme `name` to the wave, last; returns its id, or nullopt (nothing
// written) when the wave already has a theme of that name.
std::optional<std::int64_t> add_comment_theme(Connection& conn, std::int64_t wave_id, const std::string& name);
// The wave's themes in the order they were added.
std::vector<CommentThemeRow> comment_themes(Connection& conn, std::int64_t wave_id);

// A response of the wave with its answers (JSON), by id.
struct ResponseAnswers {
  std::int64_t response_id = 0;
  std::string answers;
};
std::vector<ResponseAnswers> wave_response_answers(Connection& conn, std::int64_t wave_id);
// The answers of response `response_id` when it belongs to `wave_id`, else nullopt.
std::optional<std::string> response_answers_in_wave(Connection& conn, std::int64_t wave_id,
                                                    std::int64_t response_id);

struct CommentCodeRow {
  std::int64_t response_id = 0;
  std::string question_id;
  std::int64_t wave_id = 0;
  std::optional<std::int64_t> theme_id;
  std::string tone;  // "", "ris", "ros"
  bool quote = false;
  std::optional<std::string> wording;  // the edited quote; nullopt: the original
};

// Every coded comment of the wave, by response and question.
std::vector<CommentCodeRow> comment_codes(Connection& conn, std::int64_t wave_id);
// The coding of one comment, or nullopt when it has none.
std::optional<CommentCodeRow> find_comment_code(Connection& conn, std::int64_t response_id,
                                                const std::string& question_id);
// Stores `code` in place of the comment's earlier coding. The caller checks that
// the response is of the wave and the theme of the wave (a foreign key refuses an
// unknown theme as a fault).
void put_comment_code(Connection& conn, const CommentCodeRow& code);

}  // namespace tilfreds::db
