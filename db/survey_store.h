// Questionnaire definitions and waves. A wave is bound to the questionnaire version
// it was created with, so importing a new version never changes an old wave.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.h"

namespace tilfreds::db {

struct SurveyRow {
  std::string id;
  std::int64_t version = 0;
  std::string definition;  // JSON text, validated by intake before it gets here
};

enum class PutSurvey {
  kCreated,    // a new (id, version)
  kUnchanged,  // the same (id, version) with the same definition was already there
  kConflict,   // the same (id, version) with a different definition: bump the version
};

// Stores `survey` unless that id and version exist already.
PutSurvey put_survey(Connection& conn, const SurveyRow& survey);

// The questionnaire (id, version), or nullopt if it was never imported.
std::optional<SurveyRow> find_survey(Connection& conn, const std::string& id,
                                     std::int64_t version);

// The highest imported version of `id`, or nullopt if none.
std::optional<SurveyRow> latest_survey(Connection& conn, const std::string& id);

struct WaveRow {
  std::int64_t id = 0;
  std::string survey_id;
  std::int64_t survey_version = 0;
  std::string label;
  std::optional<std::string> opens;   // ISO date, inclusive
  std::optional<std::string> closes;  // ISO date, inclusive
  // Aggregates imported from an earlier tool (`wave import-counts`): no invitees,
  // no responses, only counts and dispositions.
  bool imported = false;
};

// Creates the wave and returns its id, or nullopt if the survey already has a wave
// with that label. `wave.id` is ignored.
std::optional<std::int64_t> create_wave(Connection& conn, const WaveRow& wave);

// Waves with this label, of `survey_id` only if given (labels repeat across surveys).
std::vector<WaveRow> find_waves_by_label(Connection& conn, const std::string& label,
                                         const std::optional<std::string>& survey_id);

// The wave with this id, or nullopt.
std::optional<WaveRow> find_wave(Connection& conn, std::int64_t id);

}  // namespace tilfreds::db
