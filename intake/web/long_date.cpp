#include "intake/web/long_date.h"

#include <chrono>
#include <cstdio>

#include "intake/dates.h"

namespace tilfreds::intake::web {

namespace {
using namespace std::chrono;

// The last Sunday of `m` in `y`, 01:00 UTC.
sys_seconds last_sunday_1utc(int y, unsigned m) {
  const year_month_weekday_last sunday{year{y} / month{m} / Sunday[std::chrono::last]};
  return sys_days{sunday} + hours{1};
}

void replace(std::string& s, const std::string& from, const std::string& to) {
  if (auto pos = s.find(from); pos != std::string::npos) s.replace(pos, from.size(), to);
}
}  // namespace

std::string long_date(const Renderer& renderer, const std::string& lang, const std::string& iso) {
  if (!is_iso_date(iso)) return iso;
  int month = std::stoi(iso.substr(5, 2));
  std::string out = renderer.text(lang, "date_long");
  replace(out, "{day}", std::to_string(std::stoi(iso.substr(8, 2))));
  replace(out, "{month}", renderer.text(lang, "month_" + std::to_string(month)));
  replace(out, "{year}", iso.substr(0, 4));
  return out;
}

std::string copenhagen_time(const std::string& utc) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  char sep = 0;
  if (utc.size() < 19 || std::sscanf(utc.c_str(), "%4d-%2d-%2d%c%2d:%2d:%2d", &y, &mo, &d, &sep, &h, &mi, &s) != 7 ||
      (sep != 'T' && sep != ' ')) {
    return utc;
  }
  year_month_day ymd{year{y} / month{static_cast<unsigned>(mo)} / day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return utc;
  sys_seconds t = sys_days{ymd} + hours{h} + minutes{mi} + seconds{s};
  bool summer = t >= last_sunday_1utc(y, 3) && t < last_sunday_1utc(y, 10);
  sys_seconds local = t + hours{summer ? 2 : 1};
  auto day_point = floor<days>(local);
  year_month_day ld{day_point};
  hh_mm_ss<seconds> tod{local - day_point};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02ld:%02ld:%02ld %s", static_cast<int>(ld.year()),
                static_cast<unsigned>(ld.month()), static_cast<unsigned>(ld.day()),
                static_cast<long>(tod.hours().count()), static_cast<long>(tod.minutes().count()),
                static_cast<long>(tod.seconds().count()), summer ? "CEST" : "CET");
  return buf;
}

}  // namespace tilfreds::intake::web
