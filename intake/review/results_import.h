// Review results kept elsewhere (a spreadsheet, a vendor system), imported per
// area and period: `tilfreds review import FILE --area A --period 2024Q3`.
//
// The file is CSV as Danish Excel writes it (';' or ',', BOM or not) with the
// columns group;case;control_point;result and, for errors, either error_age
// (ny | gammel) or act_date (YYYY-MM-DD) with reproduced (ja | nej), from which
// the new/old rule decides. result is ok, fejl or ikke_relevant. Every bad line
// is listed and nothing is stored from a file with a problem.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "db/database.h"
#include "intake/problem.h"
#include "intake/staff/users.h"

namespace tilfreds::intake::review {

struct ResultsImportRequest {
  std::string area;
  std::string period;
  std::optional<std::string> review_date;  // default: the period's last day
  std::string csv;
  std::string today;     // ISO date: nothing may be dated after it
  bool replace = false;  // the period was registered before: replace its cases
};

struct ResultsImport {
  std::int64_t review_id = 0;
  std::string period;
  std::string review_date;
  std::int64_t scheme_version = 0;
  std::size_t cases = 0;
  std::size_t results = 0;
  std::size_t errors = 0;
  std::size_t new_errors = 0;
};

// Validates everything, then stores the review, its cases and results and an
// audit event in one transaction. Problems name "--area", "--period",
// "--review-date", "header" or "line N". Throws db::Error on a database fault.
Result<ResultsImport> import_results(db::Database& db, const staff::Actor& actor, const ResultsImportRequest& request);

}  // namespace tilfreds::intake::review
