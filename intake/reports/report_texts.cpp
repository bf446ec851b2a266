#include "intake/reports/report_texts.h"

#include <cstdio>

#include "stats/distribution.h"

namespace tilfreds::intake::reports {

std::string ReportTexts::fill(const std::string& key,
                              const std::map<std::string, std::string>& vars) const {
  std::string out = get(key);
  for (const auto& [name, value] : vars) {
    const std::string placeholder = "{" + name + "}";
    for (auto pos = out.find(placeholder); pos != std::string::npos;
         pos = out.find(placeholder, pos + value.size())) {
      out.replace(pos, placeholder.size(), value);
    }
  }
  return out;
}

std::string ReportTexts::number(double value, int decimals) const {
  return format_decimal(value, decimals, lang_ == "da" ? ',' : '.');
}

std::string format_decimal(double value, int decimals, char mark) {
  char buf[64];
  // Rounded once, half up, here for every text format (stats::round_half_up);
  // printf then only writes the digits of a value that is already rounded.
  std::snprintf(buf, sizeof buf, "%.*f", decimals, stats::round_half_up(value, decimals));
  std::string s = buf;
  if (s == "-0") s = "0";
  for (char& c : s) {
    if (c == '.') c = mark;
  }
  return s;
}

}  // namespace tilfreds::intake::reports
