#include "intake/dates.h"

#include <chrono>
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

std::string today_iso() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char buf[11];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &local);
  return buf;
}

}  // namespace tilfreds::intake
