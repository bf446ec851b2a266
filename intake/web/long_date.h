// Dates and times as people read them on a page: "1. december 2026" (the months
// are UI texts month_1..month_12, the order is the text date_long), and a stored
// UTC time shown in Danish local time with its zone ("2026-03-29 03:15:00 CEST").
#pragma once

#include <string>

#include "intake/web/render.h"

namespace tilfreds::intake::web {

// `iso` (YYYY-MM-DD) in words in `lang`; `iso` itself when it is not a date.
std::string long_date(const Renderer& renderer, const std::string& lang, const std::string& iso);

// A UTC time as stored ("YYYY-MM-DDTHH:MM:SS…" or "YYYY-MM-DD HH:MM:SS") in
// Europe/Copenhagen, "YYYY-MM-DD HH:MM:SS CET" or "… CEST". The EU rule since 1996:
// summer time from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
// Sunday of October (Directive 2000/84/EC). The input unchanged if it cannot be read.
std::string copenhagen_time(const std::string& utc);

}  // namespace tilfreds::intake::web
