#include "intake/dates.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <regex>

namespace tilfreds::intake {

bool is_iso_date(const std::string& s) {
  static const std::regex kShape("\\d{4}-\\d{2}-\\d{2}");
  if (!std::regex_match(s, kShape)) return false;
  std::chrono::year_month_day ymd{std::chrono::year{std::stoi(s.substr(0, 4))},
                                  std::chrono::month{static_cast<unsigned>(std::stoi(s.substr(5, 2)))},
                                  std::chrono::day{static_cast<unsigned>(std::stoi(s.substr(8, 2)))}};
  return ymd.ok();
}

bool is_plausible_date(const std::string& s) {
  if (!is_iso_date(s)) return false;
  int year = std::stoi(s.substr(0, 4));
  return year >= kFirstYear && year <= kLastYear;
}

namespace {
std::string four_digits(int year) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d", year);
  return buf;
}
}  // namespace

std::string HalfYear::label() const { return four_digits(year) + (half == 1 ? "H1" : "H2"); }
std::string HalfYear::first_day() const { return four_digits(year) + (half == 1 ? "-01-01" : "-07-01"); }
std::string HalfYear::last_day() const { return four_digits(year) + (half == 1 ? "-06-30" : "-12-31"); }
HalfYear HalfYear::previous() const { return half == 2 ? HalfYear{year, 1} : HalfYear{year - 1, 2}; }

std::optional<HalfYear> parse_half_year(const std::string& label) {
  static const std::regex kShape("(\\d{4})H([12])");
  std::smatch m;
  if (!std::regex_match(label, m, kShape)) return std::nullopt;
  int year = std::stoi(m[1]);
  if (year < kFirstYear || year > kLastYear) return std::nullopt;
  return HalfYear{year, m[2] == "1" ? 1 : 2};
}

HalfYear half_year_of(const std::string& day) {
  return HalfYear{std::stoi(day.substr(0, 4)), std::stoi(day.substr(5, 2)) <= 6 ? 1 : 2};
}

std::string today_iso() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char buf[11];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &local);
  return buf;
}

}  // namespace tilfreds::intake
