// Calendar days as ISO strings (YYYY-MM-DD), the only form of date tilfreds stores.
#pragma once

#include <optional>
#include <string>

namespace tilfreds::intake {

// Whether `s` is a real calendar date written YYYY-MM-DD.
bool is_iso_date(const std::string& s);

// The years a date or half-year typed by a person may name. Outside them a value is
// a typo or an attack (0999H2 once aborted the server), never a period of ours.
constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2999;

// Whether `s` is a real calendar date YYYY-MM-DD with its year in kFirstYear..kLastYear.
bool is_plausible_date(const std::string& s);

// A half-year: 2026H1 is 2026-01-01 … 2026-06-30, 2026H2 2026-07-01 … 2026-12-31.
// Computed on numbers, so the one before 1900H1 is 1899H2 without parsing text again.
struct HalfYear {
  int year = 0;
  int half = 1;  // 1 or 2

  std::string label() const;      // "2026H1" (the year with four digits)
  std::string first_day() const;  // "2026-01-01"
  std::string last_day() const;   // "2026-06-30"
  HalfYear previous() const;
};

// The half-year written YYYYH1 or YYYYH2 with its year in kFirstYear..kLastYear, or nullopt.
std::optional<HalfYear> parse_half_year(const std::string& label);
// The half-year containing ISO date `day` (a valid date).
HalfYear half_year_of(const std::string& day);

// Today in the server's local time zone (the municipality's), as YYYY-MM-DD.
std::string today_iso();

}  // namespace tilfreds::intake
