#include "intake/fieldwork/page_parts.h"

#include <cmath>
#include <cstdio>

#include "intake/text.h"

namespace tilfreds::intake::fieldwork {

void add_problems(nlohmann::json& ctx, const Problems& problems, const std::map<std::string, std::string>& anchors,
                  const std::multimap<std::string, std::string>& entered) {
  nlohmann::json errors = nlohmann::json::array();
  nlohmann::json by_field = nlohmann::json::object();
  for (const auto& p : problems) {
    auto anchor = anchors.find(p.where);
    nlohmann::json e{{"where", p.where}, {"message", p.message}};
    if (anchor != anchors.end()) {
      e["anchor"] = anchor->second;
      if (!by_field.contains(anchor->second)) by_field[anchor->second] = p.message;
    }
    errors.push_back(e);
  }
  nlohmann::json values = nlohmann::json::object();
  for (const auto& [k, v] : entered) {
    if (k != "csrf") values[k] = v;
  }
  ctx["errors"] = errors;
  ctx["e"] = by_field;
  ctx["v"] = values;
  ctx["has_errors"] = !problems.empty();
}

std::optional<std::string> uploaded_file(const httplib::Request& req, const std::string& name) {
  if (!req.has_file(name)) return std::nullopt;
  auto file = req.get_file_value(name);
  if (file.filename.empty() && file.content.empty()) return std::nullopt;
  return file.content;
}

std::optional<std::string> nonempty(const std::string& s) {
  std::string t = trim(s);
  return t.empty() ? std::nullopt : std::optional(t);
}

std::string percent(const std::optional<double>& share, const std::string& lang) {
  if (!share) return "–";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", std::round(*share * 1000.0) / 10.0);
  std::string s(buf);
  if (lang == "en") return s + "%";
  for (auto& c : s) c = c == '.' ? ',' : c;
  return s + " %";
}

}  // namespace tilfreds::intake::fieldwork
