// The complaint statistics per offer and the quality overview per offer
// (oversigt over tilbuddenes kvalitet) as report Documents (intake/reports/
// document.h), so they render like the committee reports. Neither holds any
// personal data: they are built from complaints_received (no personal columns)
// and from survey counts.
//
// Methods, printed in each Document's method note: the share upheld with a
// Wilson interval (stats/proportion.h), the change from the previous half-year
// tested by stats/two_proportions.h and shown with the arrow rule
// (stats/indicator.h; more upheld is bad), the median handling time
// (stats/median.h), and cells hidden as stats/suppression.h prescribes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "db/database.h"
#include "intake/complaints/figures.h"
#include "intake/reports/document.h"
#include "intake/web/render.h"

namespace tilfreds::intake::complaints {

// Statistics of the complaints received in `period`, compared with the half-year
// before: per offer the number of complaints, per 1,000 citizens, the share
// upheld with its interval and arrow, handling time; then outcomes and
// categories per offer.
reports::Document complaint_statistics(db::Database& db, const Period& period,
                                       const web::Renderer& renderer, const std::string& lang);

// Traffic-light thresholds of the quality overview, whole percents (local policy:
// the committee may change them; printed in the method note).
struct QualityThresholds {
  int satisfaction_green = 80;  // top-2 share "alt i alt tilfreds"
  int satisfaction_yellow = 60;
  int not_upheld_green = 90;  // share of judged complaints NOT upheld
  int not_upheld_yellow = 75;
};

// The quality overview per offer for `period`: satisfaction (top-2 share of the
// overall question "tilfreds_alt_i_alt" among respondents of `wave_id` whose
// frame column `tilbud` names the offer; missing when no wave is given or the
// offer has no respondents), complaints and upheld, citizens, and a light per
// indicator.
reports::Document quality_overview(db::Database& db, const Period& period,
                                   std::optional<std::int64_t> wave_id,
                                   const web::Renderer& renderer, const std::string& lang,
                                   const QualityThresholds& thresholds = {});

}  // namespace tilfreds::intake::complaints
