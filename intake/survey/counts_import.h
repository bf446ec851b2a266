// Earlier years' results, imported as aggregates so that the comparison across
// years can span the years before tilfreds (`tilfreds wave import-counts`).
//
// The counts file has the columns `question;answer;count` and optionally `group`
// (UTF-8, ';' or ',', as Danish Excel writes it): `question` is the question id,
// `answer` the category as the questionnaire labels it (Danish or English label,
// or the option's id), `group` a benefit group (id or label; empty for the whole
// wave). Without whole-wave rows for a question, its whole-wave counts are the sum
// over the groups. The totals — invited, answered, and optionally ineligible and
// undeliverable — come as options or as a small file with the columns
// `group;invited;answered[;ineligible][;undeliverable]` (group empty or "total"
// for the whole wave; without such a row the whole wave is the sum of the groups).
#pragma once

#include <functional>

#include <cstdint>
#include <optional>
#include <string>

#include "db/aggregate_store.h"
#include "db/database.h"
#include "intake/problem.h"

namespace tilfreds::intake::survey {

struct CountsImportRequest {
  std::string survey_id;
  std::optional<std::int64_t> survey_version;  // default: the latest imported version
  std::string label;                           // the wave, e.g. "2022"
  std::optional<std::string> opens;            // fielding dates for the method note
  std::optional<std::string> closes;
  std::string counts_csv;
  std::optional<std::string> totals_csv;       // the totals as a file …
  std::optional<db::ImportedDisposition> totals;  // … or as options (group "")
  bool replace = false;                        // re-import a wave imported before
};

struct CountsImport {
  db::WaveRow wave;
  std::size_t cells = 0;      // answer counts stored (whole wave and groups)
  std::size_t questions = 0;  // questions with counts
  bool replaced = false;
};

// Validates both files against the questionnaire and stores the wave, its counts
// and its totals in one transaction. Every problem is reported, with its line
// ("counts line 7", "totals line 2") or option; nothing is stored when there is
// any. Throws db::Error on a database fault.
// `in_transaction` (the number of counts stored) runs inside the transaction
// that stores them, e.g. to write the audit row.
using CountsHook = std::function<void(db::Connection&, std::size_t cells)>;
Result<CountsImport> import_counts(db::Database& db, const CountsImportRequest& request,
                                   const CountsHook& in_transaction = {});

}  // namespace tilfreds::intake::survey
