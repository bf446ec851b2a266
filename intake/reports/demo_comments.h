// The demo's comment coding (issue 13 §4): the closed demo waves get a few themes,
// most comments a theme and ris or ros, and a few quotes (one with its wording
// edited), so the comments report of the demo shows the committee's appendix.
#pragma once

#include "db/database.h"

namespace tilfreds::intake::reports {

// Codes the comments of the closed waves of the demo questionnaire when none of
// them has a theme yet; a database whose waves have themes is left alone.
void ensure_demo_comments(db::Database& db);

}  // namespace tilfreds::intake::reports
