// Registering one sampled case (the browser's page per case, and the demo): a
// result for every control point of the case's target group, and for each error
// the date of the act and whether it is still reproduced, from which the
// new/old rule decides. Saved per case, so a review can be resumed anywhere.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "intake/problem.h"
#include "intake/review/scheme.h"
#include "intake/staff/users.h"

namespace tilfreds::intake::review {

struct CaseAnswer {
  std::string control_point;
  std::string result;       // ok | fejl | ikke_relevant
  std::string act_date;     // errors only: YYYY-MM-DD
  std::string reproduced;   // errors only: ja | nej
};

// The scheme the case's review is bound to and the case's target group in it.
struct CaseContext {
  db::ReviewCaseRow kase;
  db::ReviewRow review;
  Scheme scheme;
  const TargetGroup* group = nullptr;  // into scheme
};
// The case `case_id` with its review and scheme, or nullopt when there is none.
std::optional<CaseContext> case_context(db::Database& db, std::int64_t case_id);

// Checks the answers against the group's control points (each answered once, a
// result of the three, for an error a real act date not after the review date
// or today and reproduced ja/nej; no date for a point that is not an error).
// Problems name the control point id as `where`. `errors_only`: the first step
// of the page, where only results are known: act dates are not yet asked.
Problems check_answers(const CaseContext& c, const std::vector<CaseAnswer>& answers, const std::string& today,
                       bool errors_only = false);

// check_answers, then stores the results (the rule applied) and an audit event.
Problems save_case(db::Database& db, const staff::Actor& actor, std::int64_t case_id,
                   const std::vector<CaseAnswer>& answers, const std::string& today);

}  // namespace tilfreds::intake::review
