// Waves imported as aggregates from the tool a municipality used before tilfreds:
// their answer counts go into the same answer_count / respondent_count tables the
// citizen path maintains, so every report treats them like any other wave; their
// dispositions (invited, ineligible, …), which have no invitee rows to be counted
// from, are kept beside them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "db/connection.h"
#include "db/survey_store.h"

namespace tilfreds::db {

// One cell of an imported result: in this wave, `n` respondents with `dim` =
// `dim_value` (dim "all" with value "" is everybody; dim "group" a benefit group)
// answered `question_id` with option `answer`.
struct ImportedCount {
  std::string dim;
  std::string dim_value;
  std::string question_id;
  std::string answer;
  std::int64_t n = 0;
};

// The frame of an imported wave: the whole wave (group "") or one benefit group.
// `answered` is the number of respondents; it becomes the group's respondent count.
struct ImportedDisposition {
  std::string group;
  std::int64_t invited = 0;
  std::int64_t ineligible = 0;
  std::int64_t undeliverable = 0;
  std::int64_t answered = 0;
};

enum class PutImportedWave {
  kCreated,   // a new imported wave
  kReplaced,  // an imported wave of that label existed: its counts were replaced
  kExists,    // an imported wave of that label exists and replace was not asked
  kFielded,   // a wave of that label was fielded in tilfreds: never overwritten
};

// Stores an imported wave (`wave.id` and `wave.imported` are ignored) with its
// counts and dispositions, to be run inside one transaction so a failure leaves
// nothing behind. With `replace`, an earlier import of the same label loses its
// counts and dispositions first. Writes nothing when it returns kExists or kFielded.
// Throws Error on a fault (e.g. a negative count: the caller validates first).
PutImportedWave put_imported_wave(Connection& conn, const WaveRow& wave,
                                  const std::vector<ImportedCount>& counts,
                                  const std::vector<ImportedDisposition>& dispositions,
                                  bool replace);

// The dispositions stored for an imported wave, the whole wave (group "") first;
// empty for a fielded wave.
std::vector<ImportedDisposition> imported_dispositions(Connection& conn, std::int64_t wave_id);

}  // namespace tilfreds::db
