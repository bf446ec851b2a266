// The case-review reports as Documents, so every format and the web form get
// them the same way as the survey reports:
//   review          the quarterly status of one area in the Lejre committee's
//                   form: errors per control point split new/old with an arrow
//                   against the previous review, the share of correct cases per
//                   target group with its interval and light, the area's totals;
//   actions         "Status på handleplan" (Nr., Handling, Forventet afslutning,
//                   Status, Status i farver) with the status history;
//   review-overview one light per area and category across areas (Copenhagen).
#pragma once

#include "db/database.h"
#include "intake/reports/document.h"
#include "intake/reports/report_request.h"
#include "intake/reports/report_texts.h"
#include "intake/review/review_data.h"

namespace tilfreds::intake::review {

// Groups with fewer reviewed cases than this show no figures in a period: with
// one or two cases a count of errors tells about one citizen's case and the
// caseworker who handled it.
inline constexpr std::int64_t kMinPublishedCases = 3;

reports::Document review_report(const ReviewData& data, const reports::ReportRequest& request,
                                const reports::ReportTexts& texts);
reports::Document actions_report(db::Database& db, const reports::ReportRequest& request,
                                 const reports::ReportTexts& texts);
reports::Document overview_report(db::Database& db, const reports::ReportRequest& request,
                                  const reports::ReportTexts& texts);

}  // namespace tilfreds::intake::review
