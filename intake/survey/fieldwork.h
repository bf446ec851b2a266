// Fieldwork operations shared by the command line, the demo and the tests:
// importing questionnaires, creating waves, importing invitation frames.
// Input problems come back as values; database faults are thrown (db::Error).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "db/survey_store.h"
#include "intake/problem.h"
#include "intake/survey/questionnaire.h"

namespace tilfreds::intake::survey {

struct ImportedSurvey {
  std::string id;
  std::int64_t version = 0;
  bool created = false;  // false: this exact version was already imported
};

// Validates questionnaire JSON and stores it. Problems carry JSON paths; a version
// that exists with different content is refused (old waves must stay intact).
// `in_transaction`, when given, runs inside the transaction that stores a new
// version (not for one imported before), e.g. to write its audit row.
using SurveyHook = std::function<void(db::Connection&, const ImportedSurvey&)>;
Result<ImportedSurvey> import_survey(db::Database& db, const std::string& json_text,
                                     const SurveyHook& in_transaction = {});

// Creates a wave of `version` of `survey_id` (default: the latest). Dates are
// YYYY-MM-DD. `in_transaction` runs inside the transaction that creates it.
using WaveHook = std::function<void(db::Connection&, const db::WaveRow&)>;
Result<db::WaveRow> create_wave(db::Database& db, const std::string& survey_id,
                                const std::string& label, const std::optional<std::string>& opens,
                                const std::optional<std::string>& closes,
                                std::optional<std::int64_t> version = std::nullopt,
                                const WaveHook& in_transaction = {});

// The wave with this label (of `survey_id` when given); a problem if there is none
// or the label is ambiguous across surveys.
Result<db::WaveRow> find_wave(db::Database& db, const std::string& label,
                              const std::optional<std::string>& survey_id);

// The questionnaire version `wave` runs with. Throws db::Error if the stored
// definition no longer parses (a fault: it was validated on import).
Questionnaire questionnaire_for(db::Database& db, const db::WaveRow& wave);

enum class WaveState { kNotYetOpen, kOpen, kClosed };
WaveState wave_state(const db::WaveRow& wave, const std::string& today);

struct Letter {
  std::string reference;
  std::string url;   // base URL + /s/ + token: the only place the token ever appears
  std::string code;  // ABCD-EFGH, for typing in at /kode
};

struct FrameImport {
  std::vector<Letter> letters;  // one per imported invitee
  Problems problems;            // by line; with problems and !allow_errors nothing is imported
};

// Imports the frame into `wave`: a token and a code per row, only their hashes
// stored. Rows with problems are never imported; the other rows only if there are
// no problems or `allow_errors` is set.
// `progress` (done, total) is called from the writer thread every 1,000 rows and
// at the end; `in_transaction` (how many were imported) runs inside the import's
// transaction, e.g. to write its audit row, and only if something is imported.
struct FrameHooks {
  std::function<void(std::size_t done, std::size_t total)> progress;
  std::function<void(db::Connection&, std::size_t imported)> in_transaction;
};
FrameImport import_frame(db::Database& db, const db::WaveRow& wave, const std::string& csv_text,
                         const std::string& base_url, bool allow_errors, const FrameHooks& hooks = {});

// The letters file for mail merge: header reference;url;code, UTF-8 with BOM.
std::string letters_csv(const std::vector<Letter>& letters);

}  // namespace tilfreds::intake::survey
