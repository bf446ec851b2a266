// A review scheme (kontrolskema): for one area and version, its target groups
// and each group's control points with a stable id, the text in Danish and
// English, a category (nøglekontrol: affects state refund; kvalitetsmål;
// formalia) and a source (STAR's central points or local). Versioned like the
// questionnaire: a review is bound to the version valid on its review date, and
// reports warn when periods were reviewed on different versions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/review_store.h"
#include "intake/problem.h"
#include "intake/survey/questionnaire.h"

namespace tilfreds::intake::review {

struct ControlPoint {
  std::string id;
  survey::Text text;
  std::string category;  // noeglekontrol | kvalitetsmaal | formalia
  std::string source;    // star | lokal
};

struct TargetGroup {
  std::string id;
  survey::Text label;
  std::vector<ControlPoint> control_points;
  const ControlPoint* find(const std::string& id) const;
};

struct Scheme {
  std::string area;
  std::int64_t version = 0;
  std::string valid_from;  // ISO date
  std::vector<TargetGroup> groups;
  const TargetGroup* find(const std::string& id) const;
};

// Parses and validates scheme JSON, reporting every problem with its JSON path
// ("/groups/2/control_points/0/category").
Result<Scheme> parse_scheme(const std::string& json_text);

// The stored version of `area` valid on `date` (the highest valid_from on or
// before it), parsed; nullopt when the first version starts later. Throws
// std::runtime_error when a stored definition no longer parses (a fault).
std::optional<Scheme> scheme_on(const std::vector<db::ReviewSchemeRow>& schemes, const std::string& date);
// The stored version `version` parsed, as scheme_on.
Scheme stored_scheme(const std::vector<db::ReviewSchemeRow>& schemes, std::int64_t version);

// Control points in `now` (by group/point id) that `before` lacks, and those
// `before` had that `now` lacks: "dagpenge/cp7".
struct SchemeChange {
  std::vector<std::string> added;
  std::vector<std::string> removed;
};
SchemeChange compare_schemes(const Scheme& before, const Scheme& now);

}  // namespace tilfreds::intake::review
