#include "intake/review/scheme.h"

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "intake/dates.h"

namespace tilfreds::intake::review {

namespace {
using nlohmann::json;

bool is_stable_id(const std::string& s) {
  static const std::regex kId("[a-z0-9][a-z0-9_-]{0,63}");
  return std::regex_match(s, kId);
}

struct Reader {
  Problems& problems;

  void problem(const std::string& path, std::string message) { problems.push_back({path, std::move(message)}); }

  const json* member(const json& obj, const std::string& path, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end()) {
      problem(path + "/" + key, "is missing");
      return nullptr;
    }
    return &*it;
  }

  std::string id(const json& obj, const std::string& path, const char* key) {
    const json* v = member(obj, path, key);
    if (v && v->is_string() && is_stable_id(v->get<std::string>())) return v->get<std::string>();
    if (v) problem(path + "/" + key, "must be a stable id: lower-case letters, digits, '_' or '-', at most 64");
    return {};
  }

  survey::Text text(const json& obj, const std::string& path, const char* key) {
    survey::Text out;
    const json* v = member(obj, path, key);
    if (!v) return out;
    const std::string here = path + "/" + key;
    if (!v->is_object()) {
      problem(here, "must be texts per language: {\"da\": \"…\", \"en\": \"…\"}");
      return out;
    }
    for (const char* lang : {"da", "en"}) {
      auto it = v->find(lang);
      if (it == v->end() || !it->is_string() || it->get<std::string>().empty()) {
        problem(here + "/" + lang, std::string("the ") + (lang[0] == 'd' ? "Danish" : "English") + " text is missing");
      } else {
        out[lang] = it->get<std::string>();
      }
    }
    return out;
  }

  std::string word(const json& obj, const std::string& path, const char* key, const std::set<std::string>& allowed,
                   const std::string& hint) {
    const json* v = member(obj, path, key);
    if (v && v->is_string() && allowed.count(v->get<std::string>())) return v->get<std::string>();
    if (v) problem(path + "/" + key, "must be " + hint);
    return {};
  }
};
}  // namespace

const ControlPoint* TargetGroup::find(const std::string& cp) const {
  for (const auto& p : control_points) {
    if (p.id == cp) return &p;
  }
  return nullptr;
}

const TargetGroup* Scheme::find(const std::string& group) const {
  for (const auto& g : groups) {
    if (g.id == group) return &g;
  }
  return nullptr;
}

Result<Scheme> parse_scheme(const std::string& json_text) {
  json doc = json::parse(json_text, nullptr, false);
  if (doc.is_discarded()) return Result<Scheme>::failure("/", "is not valid JSON");
  if (!doc.is_object()) return Result<Scheme>::failure("/", "must be an object with area, version, valid_from, groups");
  Problems problems;
  Reader r{problems};
  Scheme s;
  s.area = r.id(doc, "", "area");
  if (const json* v = r.member(doc, "", "version")) {
    if (v->is_number_integer() && v->get<std::int64_t>() >= 1) {
      s.version = v->get<std::int64_t>();
    } else {
      r.problem("/version", "must be a whole number from 1");
    }
  }
  if (const json* v = r.member(doc, "", "valid_from")) {
    if (v->is_string() && is_iso_date(v->get<std::string>())) {
      s.valid_from = v->get<std::string>();
    } else {
      r.problem("/valid_from", "must be a date written YYYY-MM-DD");
    }
  }
  const json* groups = r.member(doc, "", "groups");
  if (groups && (!groups->is_array() || groups->empty())) r.problem("/groups", "must be a non-empty list of target groups");
  std::set<std::string> group_ids;
  for (std::size_t i = 0; groups && groups->is_array() && i < groups->size(); ++i) {
    const json& g = (*groups)[i];
    const std::string path = "/groups/" + std::to_string(i);
    if (!g.is_object()) {
      r.problem(path, "must be an object with id, label and control_points");
      continue;
    }
    TargetGroup group;
    group.id = r.id(g, path, "id");
    if (!group.id.empty() && !group_ids.insert(group.id).second) r.problem(path + "/id", "'" + group.id + "' is listed twice");
    group.label = r.text(g, path, "label");
    const json* points = r.member(g, path, "control_points");
    if (points && (!points->is_array() || points->empty())) {
      r.problem(path + "/control_points", "must be a non-empty list of control points");
    }
    std::set<std::string> point_ids;
    for (std::size_t j = 0; points && points->is_array() && j < points->size(); ++j) {
      const json& p = (*points)[j];
      const std::string here = path + "/control_points/" + std::to_string(j);
      if (!p.is_object()) {
        r.problem(here, "must be an object with id, text, category and source");
        continue;
      }
      ControlPoint cp;
      cp.id = r.id(p, here, "id");
      if (!cp.id.empty() && !point_ids.insert(cp.id).second) r.problem(here + "/id", "'" + cp.id + "' is listed twice");
      cp.text = r.text(p, here, "text");
      cp.category = r.word(p, here, "category", {"noeglekontrol", "kvalitetsmaal", "formalia"},
                           "noeglekontrol, kvalitetsmaal or formalia");
      cp.source = r.word(p, here, "source", {"star", "lokal"}, "star or lokal");
      group.control_points.push_back(std::move(cp));
    }
    s.groups.push_back(std::move(group));
  }
  if (!problems.empty()) return {std::nullopt, problems};
  return {s, {}};
}

namespace {
Scheme parse_stored(const db::ReviewSchemeRow& row) {
  auto parsed = parse_scheme(row.definition);
  if (!parsed.ok()) {
    throw std::runtime_error("the stored scheme " + row.area_id + " version " + std::to_string(row.version) +
                             " does not parse: " + parsed.problems.front().message);
  }
  return *parsed.value;
}
}  // namespace

std::optional<Scheme> scheme_on(const std::vector<db::ReviewSchemeRow>& schemes, const std::string& date) {
  const db::ReviewSchemeRow* best = nullptr;
  for (const auto& s : schemes) {
    if (s.valid_from <= date && (!best || s.valid_from > best->valid_from ||
                                 (s.valid_from == best->valid_from && s.version > best->version))) {
      best = &s;
    }
  }
  if (!best) return std::nullopt;
  return parse_stored(*best);
}

Scheme stored_scheme(const std::vector<db::ReviewSchemeRow>& schemes, std::int64_t version) {
  for (const auto& s : schemes) {
    if (s.version == version) return parse_stored(s);
  }
  throw std::runtime_error("scheme version " + std::to_string(version) + " is not stored");
}

SchemeChange compare_schemes(const Scheme& before, const Scheme& now) {
  auto ids = [](const Scheme& s) {
    std::set<std::string> out;
    for (const auto& g : s.groups) {
      for (const auto& p : g.control_points) out.insert(g.id + "/" + p.id);
    }
    return out;
  };
  auto a = ids(before), b = ids(now);
  SchemeChange change;
  for (const auto& id : b) {
    if (!a.count(id)) change.added.push_back(id);
  }
  for (const auto& id : a) {
    if (!b.count(id)) change.removed.push_back(id);
  }
  return change;
}

}  // namespace tilfreds::intake::review
