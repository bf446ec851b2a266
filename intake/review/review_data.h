// What the case-review reports read, loaded once per report: the area, and per
// requested period its review, the scheme version it was made on, the stored
// counts and the draws. Nothing here reads results per case, so a report costs
// the same whatever the number of cases.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "db/review_store.h"
#include "intake/problem.h"
#include "intake/reports/report_request.h"
#include "intake/review/scheme.h"

namespace tilfreds::intake::review {

struct PeriodData {
  db::ReviewRow review;
  Scheme scheme;
  std::map<std::string, db::ReviewGroupCount> groups;  // by group id
  std::map<std::pair<std::string, std::string>, db::ReviewPointCount> points;  // (group, point)
  std::map<std::string, db::ReviewSampleRow> samples;  // by group id
  std::int64_t errors = 0;                              // in the whole area (or the one group)
};

struct ReviewData {
  db::ReviewAreaRow area;
  std::vector<PeriodData> periods;  // oldest first
};

// Checks the review part of a report request: --area known, --periods each a
// period of the area with a review (kReview, kOverview) or an action plan
// (kActions), none repeated; --group a target group of some period's scheme.
// Sets request.area and request.periods (sorted oldest first). Problems name the
// option. Throws db::Error on a database fault.
Problems check_review_request(db::Database& db, const reports::ReportArgs& args, reports::ReportRequest& request);

// The data of `area` in `periods` (which check_review_request has checked);
// with `group`, the area's error total counts that group only.
ReviewData load_review_data(db::Database& db, const std::string& area, const std::vector<std::string>& periods,
                            const std::optional<std::string>& group);

}  // namespace tilfreds::intake::review
