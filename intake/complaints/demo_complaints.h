// The demo's offers and complaints: three offers (an own centre and an external
// provider), their citizens per half-year, and a year of complaints in every state,
// so the complaint pages, the statistics per offer and the quality overview have
// something to show. Written once, through the same functions staff use.
#pragma once

#include "db/database.h"

namespace tilfreds::intake::complaints {

// Creates the demo offers and complaints unless the database has offers already.
// Throws db::Error on a database fault.
void ensure_demo_complaints(db::Database& db);

}  // namespace tilfreds::intake::complaints
