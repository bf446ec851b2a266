#include "intake/review/period.h"

#include <cstdio>
#include <regex>

#include "intake/dates.h"

namespace tilfreds::intake::review {

namespace {
std::string iso(int y, int m, int d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

int last_day_of(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

Period span(const std::string& label, int y, int first_month, int months) {
  const int last_month = first_month + months - 1;
  return {label, iso(y, first_month, 1), iso(y, last_month, last_day_of(y, last_month))};
}
}  // namespace

std::optional<Period> parse_period(const std::string& s) {
  static const std::regex kPart("([0-9]{4})([QqHh])([0-9])");
  static const std::regex kMonth("([0-9]{4})-([0-9]{2})");
  std::smatch m;
  if (std::regex_match(s, m, kPart)) {
    const int y = std::stoi(m[1]);
    const int n = std::stoi(m[3]);
    const bool quarter = m[2] == "Q" || m[2] == "q";
    if (y < 1900 || n < 1 || n > (quarter ? 4 : 2)) return std::nullopt;
    std::string label = m[1].str() + (quarter ? "Q" : "H") + m[3].str();
    return quarter ? span(label, y, 3 * n - 2, 3) : span(label, y, 6 * n - 5, 6);
  }
  if (std::regex_match(s, m, kMonth)) {
    const int y = std::stoi(m[1]);
    const int mo = std::stoi(m[2]);
    if (y < 1900 || mo < 1 || mo > 12) return std::nullopt;
    return span(s, y, mo, 1);
  }
  return std::nullopt;
}

std::optional<stats::CivilDate> civil_date(const std::string& s) {
  if (!is_iso_date(s)) return std::nullopt;
  return stats::CivilDate{std::stoi(s.substr(0, 4)), std::stoi(s.substr(5, 2)), std::stoi(s.substr(8, 2))};
}

}  // namespace tilfreds::intake::review
