// The demo's offer quality: for each demo offer (demo_complaints.h) a supervision
// rating, effect counts and age bands in this half-year and the one before, and an
// effect target, so the first README command shows the whole overview, the offer
// guide and an offer's history. Written once, through the same import functions
// a municipality uses.
#pragma once

#include "db/database.h"

namespace tilfreds::intake::offers {

// Adds the demo's quality figures unless some offer has a rating already.
// Throws db::Error on a database fault, std::runtime_error if a demo file is refused.
void ensure_demo_quality(db::Database& db);

}  // namespace tilfreds::intake::offers
