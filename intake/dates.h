// Calendar days as ISO strings (YYYY-MM-DD), the only form of date tilfreds stores.
#pragma once

#include <string>

namespace tilfreds::intake {

// Whether `s` is a real calendar date written YYYY-MM-DD.
bool is_iso_date(const std::string& s);

// Today in the server's local time zone (the municipality's), as YYYY-MM-DD.
std::string today_iso();

}  // namespace tilfreds::intake
