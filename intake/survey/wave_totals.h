// How many were invited to a wave and what became of them, the same way for a
// wave fielded in tilfreds (counted from its invitees) and for an earlier year
// imported as aggregates (`tilfreds wave import-counts`, totals given with it):
// the denominators of every response rate a report prints.
#pragma once

#include <map>
#include <string>

#include "db/database.h"
#include "db/survey_store.h"
#include "stats/response_rate.h"

namespace tilfreds::intake::survey {

struct WaveTotals {
  // AAPOR dispositions: invited; ineligible; unknown = letters that came back
  // (undeliverable); partial = started but not sent; completed = answered.
  stats::Disposition total;
  std::map<std::string, stats::Disposition> by_group;  // benefit group → disposition
  // True for a wave imported as aggregates from an earlier tool: the method note
  // says so, and by_group is empty unless the import gave totals per group.
  bool imported = false;
};

// Returns the totals of `wave`. Throws db::Error on a database fault.
WaveTotals wave_totals(db::Database& db, const db::WaveRow& wave);

}  // namespace tilfreds::intake::survey
