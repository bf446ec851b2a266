#include "intake/reports/comment_coding.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "db/audit_store.h"
#include "intake/reports/redact.h"
#include "intake/survey/answers.h"
#include "intake/survey/fieldwork.h"
#include "intake/text.h"

namespace tilfreds::intake::reports {

namespace {
// "123.kommentar" → (123, "kommentar"); nullopt for anything else.
std::optional<std::pair<std::int64_t, std::string>> parse_comment_id(const std::string& id) {
  const auto dot = id.find('.');
  if (dot == std::string::npos || dot == 0 || dot > 19 || dot + 1 >= id.size() || id.size() > 120) return std::nullopt;
  const std::string digits = id.substr(0, dot);
  if (digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  try {
    return std::make_pair(std::stoll(digits), id.substr(dot + 1));
  } catch (const std::out_of_range&) {
    return std::nullopt;
  }
}

bool has_control_characters(const std::string& s, bool allow_newlines) {
  return std::any_of(s.begin(), s.end(), [&](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    if (allow_newlines && (c == '\n' || c == '\r' || c == '\t')) return false;
    return c < 0x20 || c == 0x7f;
  });
}
}  // namespace

const db::CommentThemeRow* WaveComments::theme(std::int64_t id) const {
  for (const auto& t : themes) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

const db::CommentThemeRow* WaveComments::theme_named(const std::string& name) const {
  for (const auto& t : themes) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

WaveComments wave_comments(db::Database& db, const db::WaveRow& wave) {
  return wave_comments(db, wave, survey::questionnaire_for(db, wave));
}

WaveComments wave_comments(db::Database& db, const db::WaveRow& wave, const survey::Questionnaire& questionnaire) {
  WaveComments out;
  out.wave = wave;
  for (const auto& theme : questionnaire.themes) {
    for (const auto& q : theme.questions) {
      if (q.type == survey::QuestionType::kText) out.questions.push_back(q);
    }
  }
  std::vector<db::ResponseAnswers> responses;
  std::vector<db::CommentCodeRow> codes;
  db.read([&](db::Connection& c) {
    out.themes = db::comment_themes(c, wave.id);
    responses = db::wave_response_answers(c, wave.id);
    codes = db::comment_codes(c, wave.id);
    return 0;
  });
  std::map<std::pair<std::int64_t, std::string>, const db::CommentCodeRow*> code_of;
  for (const auto& k : codes) code_of[{k.response_id, k.question_id}] = &k;
  for (const auto& r : responses) {
    const auto answers = survey::parse_answers(r.answers);
    for (const auto& q : out.questions) {
      auto it = answers.find(q.id);
      if (it == answers.end() || trim(it->second).empty()) continue;
      CodedComment c;
      c.response_id = r.response_id;
      c.question_id = q.id;
      c.id = std::to_string(r.response_id) + "." + q.id;
      c.text = mask_personal_data(trim(it->second));
      if (auto k = code_of.find({r.response_id, q.id}); k != code_of.end()) {
        c.theme_id = k->second->theme_id;
        c.tone = k->second->tone;
        c.quote = k->second->quote;
        if (k->second->wording) c.wording = mask_personal_data(*k->second->wording);
      }
      out.comments.push_back(std::move(c));
    }
  }
  std::sort(out.comments.begin(), out.comments.end(),
            [](const CodedComment& a, const CodedComment& b) { return std::tie(a.text, a.id) < std::tie(b.text, b.id); });
  return out;
}

Problems code_comment(db::Database& db, const staff::Actor& actor, const db::WaveRow& wave, const CodingInput& in) {
  Problems problems;
  const auto key = parse_comment_id(trim(in.comment));
  const WaveComments all = wave_comments(db, wave);
  const CodedComment* comment = nullptr;
  if (key) {
    for (const auto& c : all.comments) {
      if (c.response_id == key->first && c.question_id == key->second) comment = &c;
    }
  }
  if (!comment) problems.push_back({"comment", "coding_error_comment"});
  const std::string theme_name = trim(in.theme);
  const db::CommentThemeRow* theme = theme_name.empty() ? nullptr : all.theme_named(theme_name);
  if (!theme_name.empty() && !theme) problems.push_back({"theme", "coding_error_theme"});
  std::string tone = trim(in.tone);
  if (tone == "ingen" || tone == "none") tone.clear();
  if (tone != "" && tone != "ris" && tone != "ros") problems.push_back({"tone", "coding_error_tone"});
  std::string wording = trim(in.wording);
  if (wording.size() > kMaxWording || !is_valid_utf8(wording) || has_control_characters(wording, true)) {
    problems.push_back({"wording", "coding_error_wording"});
  }
  if (!problems.empty()) return problems;

  db::CommentCodeRow row;
  row.response_id = comment->response_id;
  row.question_id = comment->question_id;
  row.wave_id = wave.id;
  if (theme) row.theme_id = theme->id;
  row.tone = tone;
  row.quote = in.quote;
  // The edit is stored as typed (masked again whenever it is read); the masked
  // original needs no copy: it is the answer itself.
  if (!wording.empty() && wording != comment->text) row.wording = wording;

  nlohmann::json changed = nlohmann::json::array();
  if (row.theme_id != comment->theme_id) changed.push_back("theme");
  if (row.tone != comment->tone) changed.push_back("tone");
  if (row.quote != comment->quote) changed.push_back("quote");
  const bool had_wording = comment->wording.has_value();
  if (row.wording.has_value() != had_wording || (row.wording && mask_personal_data(*row.wording) != *comment->wording)) {
    changed.push_back("wording");
  }
  if (changed.empty()) return {};
  nlohmann::json detail = {{"wave", wave.id}, {"changed", changed}, {"tone", row.tone}, {"quote", row.quote},
                           {"edited", row.wording.has_value()}};
  detail["theme"] = row.theme_id ? nlohmann::json(*row.theme_id) : nlohmann::json(nullptr);
  db.write([&](db::Connection& c) {
    db::put_comment_code(c, row);
    db::record_audit(c, {actor.id, actor.name, "code", "comment", comment->id, "", detail.dump()});
  });
  return {};
}

Result<std::int64_t> add_theme(db::Database& db, const staff::Actor& actor, const db::WaveRow& wave,
                               const std::string& raw) {
  const std::string name = trim(raw);
  if (name.empty()) return Result<std::int64_t>::failure("name", "coding_error_name_empty");
  if (name.size() > kMaxThemeName || !is_valid_utf8(name) || has_control_characters(name, false)) {
    return Result<std::int64_t>::failure("name", "coding_error_name");
  }
  std::optional<std::int64_t> id;
  db.write([&](db::Connection& c) {
    id = db::add_comment_theme(c, wave.id, name);
    if (id) {
      db::record_audit(c, {actor.id, actor.name, "create", "comment_theme", std::to_string(*id), "",
                           nlohmann::json{{"wave", wave.id}}.dump()});
    }
  });
  if (!id) return Result<std::int64_t>::failure("name", "coding_error_name_taken");
  return {id, {}};
}

void audit_comment_read(db::Database& db, const staff::Actor& actor, const db::WaveRow& wave) {
  db.write([&](db::Connection& c) {
    db::record_audit(c, {actor.id, actor.name, "read", "comments", wave.survey_id + " " + wave.label, "",
                         nlohmann::json{{"wave", wave.id}}.dump()});
  });
}

}  // namespace tilfreds::intake::reports
