// The case-review part of `tilfreds demo`: the jobcentre area with Lejre's 13
// target groups, a scheme that changes mid-quarter (so the comparability warning
// shows), the last three completed quarters drawn and registered with errors
// falling from quarter to quarter, and an action plan with all three colours.
#pragma once

#include "db/database.h"

namespace tilfreds::intake::review {

// Creates the demo area and its reviews unless area "jobcenter" exists.
// Throws std::runtime_error when the shipped demo files do not validate (a bug).
void ensure_demo_review(db::Database& db);

}  // namespace tilfreds::intake::review
