// Small pieces the survey administration pages share: the problems of a refused
// form or file as template data, the uploaded file of a form, figures in the
// page's language.
#pragma once

#include <httplib.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "intake/problem.h"

namespace tilfreds::intake::fieldwork {

// Adds to `ctx`: `errors` (every problem, for the error summary, each with the
// anchor of its field when `anchors` names one), `e` (field → message, beside the
// field), `has_errors`, and `v` (the values entered, to keep them).
void add_problems(nlohmann::json& ctx, const Problems& problems, const std::map<std::string, std::string>& anchors,
                  const std::multimap<std::string, std::string>& entered);

// The content of the uploaded file in form field `name`, or nullopt when no file
// was chosen (an empty file part).
std::optional<std::string> uploaded_file(const httplib::Request& req, const std::string& name);

// `s` trimmed, or nullopt when nothing is left (an empty optional field).
std::optional<std::string> nonempty(const std::string& s);

// A share as the page's language writes it: "23,5 %" / "23.5%"; "–" for none.
std::string percent(const std::optional<double>& share, const std::string& lang);

}  // namespace tilfreds::intake::fieldwork
