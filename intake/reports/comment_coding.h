// Coding the comments of a wave for the committee appendix (issue 13 §4): a
// secretary adds themes per wave and gives each comment a theme, ris or ros, and
// may pick it as a quote with edited wording. The citizen's answer is never
// changed; the edit is kept beside it. Every change is audited (only ids and
// codes from closed lists: nothing a person typed goes into the log).
//
// Masking (redact.h) is applied on every read: the coding page, the CLI listing
// and the report never see a comment, or an edited quote, unmasked.
//
// Used by the coding page (comment_coding_routes.h), `tilfreds comments …` and
// the comments report (comments_report.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/comment_coding_store.h"
#include "db/database.h"
#include "db/survey_store.h"
#include "intake/problem.h"
#include "intake/staff/users.h"
#include "intake/survey/questionnaire.h"

namespace tilfreds::intake::reports {

inline constexpr std::size_t kMaxThemeName = 80;
inline constexpr std::size_t kMaxWording = 2000;

struct CodedComment {
  std::string id;  // "<response id>.<question id>": what the page and the CLI name it by
  std::int64_t response_id = 0;
  std::string question_id;
  std::string text;  // the answer, masked
  std::optional<std::int64_t> theme_id;
  std::string tone;  // "", "ris", "ros"
  bool quote = false;
  std::optional<std::string> wording;  // the edited quote, masked; nullopt: none

  // The words a quote prints: the edit, else the masked original.
  const std::string& quote_text() const { return wording ? *wording : text; }
};

struct WaveComments {
  db::WaveRow wave;
  std::vector<survey::Question> questions;  // the questionnaire's free-text questions
  std::vector<db::CommentThemeRow> themes;
  std::vector<CodedComment> comments;  // sorted by text, so the order says nothing about who answered when

  const db::CommentThemeRow* theme(std::int64_t id) const;
  const db::CommentThemeRow* theme_named(const std::string& name) const;
};

// The wave's comments (non-blank answers to its free-text questions), masked, with
// their coding. Throws db::Error on a fault.
WaveComments wave_comments(db::Database& db, const db::WaveRow& wave);
// The same with the wave's questionnaire already at hand (a report's WaveData).
WaveComments wave_comments(db::Database& db, const db::WaveRow& wave, const survey::Questionnaire& questionnaire);

// What a secretary sets on one comment. Empty theme: none. Tone "", "ris", "ros"
// ("ingen"/"none" also mean ""). Wording: the quote's words; empty or equal to the
// masked original keeps the original.
struct CodingInput {
  std::string comment;
  std::string theme;
  std::string tone;
  bool quote = false;
  std::string wording;
};

// Each returns problems whose `where` is the field (comment, theme, tone,
// wording, name) and `message` a UI text key (templates/text/comments_coding.*).
Problems code_comment(db::Database& db, const staff::Actor& actor, const db::WaveRow& wave,
                      const CodingInput& input);
// Adds a theme to the wave: its id, or a problem (empty, too long, taken).
Result<std::int64_t> add_theme(db::Database& db, const staff::Actor& actor, const db::WaveRow& wave,
                               const std::string& name);

// Records that `actor` read the wave's comments (the page, the listing).
void audit_comment_read(db::Database& db, const staff::Actor& actor, const db::WaveRow& wave);

}  // namespace tilfreds::intake::reports
