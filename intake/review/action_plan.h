// Action plans (handleplaner) answer a review's findings: numbered actions
// grouped by theme, each with its text, the control points it answers, an owner,
// the expected completion, and per period a status text and colour — green:
// fulfilled; yellow: some delay; red: large delay, risk of not being fulfilled
// (Copenhagen 2011, "Status i farver"). Statuses are only added, so the history
// of a plan stays.
//
// `tilfreds review actions import FILE` takes JSON:
//   {"area": "jobcenter", "period": "2024Q3", "actions": [{"number": "1",
//    "theme": "…", "text": "…", "control_points": ["cp1"], "owner": "…",
//    "expected": "Q4 2024", "status": [{"period": "2024Q3", "text": "…",
//    "colour": "yellow"}]}]}
#pragma once

#include <string>

#include "db/database.h"
#include "intake/problem.h"
#include "intake/staff/users.h"

namespace tilfreds::intake::review {

struct PlanImport {
  std::string area;
  std::string period;
  std::size_t actions = 0;
  std::size_t statuses = 0;  // new status rows (an unchanged status is not repeated)
};

// Validates everything (JSON paths as "/actions/2/status/0/colour"; control
// points must exist in some version of the area's scheme) and stores the plan
// in one transaction. Throws db::Error on a database fault.
Result<PlanImport> import_plan(db::Database& db, const staff::Actor& actor, const std::string& json_text);

struct StatusChange {
  std::string area;
  std::string plan_period;  // the period the plan answers
  std::string number;       // the action
  std::string period;       // the period the status is for
  std::string text;
  std::string colour;
};

// Adds one status to an action. Problems name the option ("--action", "--colour", …).
Problems set_action_status(db::Database& db, const staff::Actor& actor, const StatusChange& change);

}  // namespace tilfreds::intake::review
