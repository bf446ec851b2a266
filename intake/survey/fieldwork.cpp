#include "intake/survey/fieldwork.h"

#include <nlohmann/json.hpp>

#include "db/invitee_store.h"
#include "intake/csv.h"
#include "intake/dates.h"
#include "intake/survey/frame.h"
#include "intake/survey/tokens.h"

namespace tilfreds::intake::survey {

Result<ImportedSurvey> import_survey(db::Database& db, const std::string& json_text,
                                     const SurveyHook& in_transaction) {
  ParsedQuestionnaire parsed = parse_questionnaire(json_text);
  if (!parsed.questionnaire) return {std::nullopt, parsed.problems};
  const Questionnaire& q = *parsed.questionnaire;
  db::PutSurvey outcome;
  db.write([&](db::Connection& c) {
    outcome = db::put_survey(c, {q.id, q.version, json_text});
    if (outcome == db::PutSurvey::kCreated && in_transaction) in_transaction(c, {q.id, q.version, true});
  });
  if (outcome == db::PutSurvey::kConflict) {
    return Result<ImportedSurvey>::failure(
        "/version", "version " + std::to_string(q.version) + " of '" + q.id +
                        "' was imported before with different content; waves may use it, so "
                        "raise \"version\" to import the change");
  }
  return {ImportedSurvey{q.id, q.version, outcome == db::PutSurvey::kCreated}, {}};
}

Result<db::WaveRow> create_wave(db::Database& db, const std::string& survey_id,
                                const std::string& label, const std::optional<std::string>& opens,
                                const std::optional<std::string>& closes,
                                std::optional<std::int64_t> version, const WaveHook& in_transaction) {
  Problems problems;
  if (label.empty() || label.size() > 64) problems.push_back({"--label", "must be 1 to 64 characters"});
  if (opens && !is_iso_date(*opens)) problems.push_back({"--opens", "must be a date like 2024-09-01"});
  if (closes && !is_iso_date(*closes)) problems.push_back({"--closes", "must be a date like 2024-09-30"});
  if (problems.empty() && opens && closes && *closes < *opens) {
    problems.push_back({"--closes", "is before --opens"});
  }
  auto survey = db.read([&](db::Connection& c) {
    return version ? db::find_survey(c, survey_id, *version) : db::latest_survey(c, survey_id);
  });
  if (!survey && version) {
    problems.push_back({"--version", "questionnaire '" + survey_id + "' has no version " +
                                         std::to_string(*version)});
  } else if (!survey) {
    problems.push_back({"--survey", "no questionnaire '" + survey_id +
                                        "' is imported: run `tilfreds survey import FILE` first"});
  }
  if (!problems.empty()) return {std::nullopt, problems};
  db::WaveRow wave{0, survey_id, survey->version, label, opens, closes};
  std::optional<std::int64_t> id;
  db.write([&](db::Connection& c) {
    id = db::create_wave(c, wave);
    if (id && in_transaction) {
      wave.id = *id;
      in_transaction(c, wave);
    }
  });
  if (!id) {
    return Result<db::WaveRow>::failure("--label", "'" + survey_id + "' already has a wave '" + label + "'");
  }
  wave.id = *id;
  return {wave, {}};
}

Result<db::WaveRow> find_wave(db::Database& db, const std::string& label,
                              const std::optional<std::string>& survey_id) {
  auto waves = db.read([&](db::Connection& c) { return db::find_waves_by_label(c, label, survey_id); });
  if (waves.empty()) return Result<db::WaveRow>::failure("--wave", "there is no wave '" + label + "'");
  if (waves.size() > 1) {
    return Result<db::WaveRow>::failure(
        "--wave", "several questionnaires have a wave '" + label + "': add --survey ID");
  }
  return {waves.front(), {}};
}

Questionnaire questionnaire_for(db::Database& db, const db::WaveRow& wave) {
  auto row = db.read([&](db::Connection& c) {
    return db::find_survey(c, wave.survey_id, wave.survey_version);
  });
  if (!row) throw db::Error("wave " + wave.label + " names a questionnaire that is not stored", 0);
  auto parsed = stored_questionnaire(wave.survey_id, wave.survey_version, row->definition);
  if (!parsed) throw db::Error("stored questionnaire " + wave.survey_id + " no longer parses", 0);
  return *parsed;
}

WaveState wave_state(const db::WaveRow& wave, const std::string& today) {
  if (wave.opens && today < *wave.opens) return WaveState::kNotYetOpen;
  if (wave.closes && today > *wave.closes) return WaveState::kClosed;
  return WaveState::kOpen;
}

FrameImport import_frame(db::Database& db, const TokenKey& key, const db::WaveRow& wave, const std::string& csv_text,
                         const std::string& base_url, bool allow_errors, const FrameHooks& hooks) {
  FrameImport result;
  Frame frame = parse_frame(csv_text, questionnaire_for(db, wave));
  result.problems = frame.problems;
  if (!result.problems.empty() && !allow_errors) return result;

  std::vector<Letter> letters;
  std::vector<int> duplicate_lines;
  // One transaction for the whole file: a frame is imported entirely or not at all.
  struct RollBack {};
  try {
  db.write([&](db::Connection& c) {
    const std::int64_t before = db::begin_frame_import(c);  // (no other writer adds invitees meanwhile)
    const std::size_t total = frame.rows.size();
    for (std::size_t done = 0; done < total; ++done) {
      const auto& row = frame.rows[done];
      if (hooks.progress && done % 1000 == 0) hooks.progress(done, total);
      db::NewInvitee inv{row.reference, row.group, nlohmann::json(row.background).dump(), {}, {}, {}, {}};
      for (;;) {
        std::string token = new_token();
        std::string code = new_code();
        inv.token_hash = key.hash(token);
        inv.code_hash = key.hash(*normalise_code(code));
        inv.token_sealed = key.seal(token);
        inv.code_sealed = key.seal(code);
        auto outcome = db::insert_invitee_uncounted(c, wave.id, inv);
        if (outcome == db::InsertInvitee::kDuplicateCode) continue;  // draw another code
        if (outcome == db::InsertInvitee::kDuplicateReference) {
          duplicate_lines.push_back(row.line);
        } else {
          letters.push_back({row.reference, letter_url(base_url, token), code});
        }
        break;
      }
    }
    if (!duplicate_lines.empty() && !allow_errors) {
      throw RollBack{};
    }
    db::count_invited_after(c, wave.id, before);
    if (hooks.in_transaction && !letters.empty()) hooks.in_transaction(c, letters.size());
    if (hooks.progress) hooks.progress(total, total);
  });
  } catch (const RollBack&) {
    // The writer rolled the import back; the problems below say why.
  }
  for (int line : duplicate_lines) {
    result.problems.push_back({"line " + std::to_string(line),
                               "this reference is already invited in wave " + wave.label});
  }
  if (duplicate_lines.empty() || allow_errors) result.letters = std::move(letters);
  return result;
}

std::string letter_url(std::string base_url, const std::string& token) {
  while (!base_url.empty() && base_url.back() == '/') base_url.pop_back();
  return base_url + "/s/" + token;
}

std::string letters_csv(const std::vector<Letter>& letters) {
  std::string out = "\xEF\xBB\xBF" + csv_line({"reference", "url", "code"});
  for (const auto& l : letters) out += csv_line({l.reference, l.url, l.code});
  return out;
}

}  // namespace tilfreds::intake::survey
