// Query parameters read once at the edge into typed values with their ranges
// checked (issue 10 §2): code behind a route sees a number, a date or a half-year
// that is known to be sane, or the request was refused with 422 and a message
// that names the parameter and what it must look like. "0999H2" once reached the
// statistics code as text and aborted the whole server.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

#include "intake/dates.h"
#include "intake/problem.h"
#include "intake/web/render.h"

namespace tilfreds::intake::web {

class QueryParams {
 public:
  explicit QueryParams(const httplib::Request& req) : req_(req) {}

  // Each reads parameter `name`: nullopt when it is absent or empty. A value that is
  // repeated, longer than `max_bytes`, not UTF-8, or not of its kind and range adds
  // a problem (where = the name, message = a UI text key) and gives nullopt.
  std::optional<std::string> text(const std::string& name, std::size_t max_bytes = 200);
  // One of `allowed`, exactly.
  std::optional<std::string> choice(const std::string& name, std::initializer_list<const char*> allowed);
  // A whole number written in decimal digits (a leading '-' only if `min` < 0), min..max.
  std::optional<std::int64_t> number(const std::string& name, std::int64_t min, std::int64_t max);
  // A calendar date YYYY-MM-DD in kFirstYear..kLastYear.
  std::optional<std::string> date(const std::string& name);
  // A half-year YYYYH1 / YYYYH2 in kFirstYear..kLastYear.
  std::optional<HalfYear> half_year(const std::string& name);

  bool ok() const { return problems_.empty(); }
  const Problems& problems() const { return problems_; }

  // The 422 page: which parameter is wrong and what it must look like.
  void refuse(httplib::Response& res, const Renderer& renderer, const std::string& lang) const;

 private:
  // The one raw value, or nullopt (absent, empty, or a problem recorded).
  std::optional<std::string> raw(const std::string& name, std::size_t max_bytes);
  // As raw, with "too long" said as `shape_key` (what a value of the kind looks like).
  std::optional<std::string> shaped(const std::string& name, std::size_t max_bytes, const char* shape_key);

  const httplib::Request& req_;
  Problems problems_;
};

// The words of a parameter problem in `lang`: the text of its key, and for numbers
// the range ("… 1–100000").
std::string problem_text(const Problem& p, const Renderer& renderer, const std::string& lang);

}  // namespace tilfreds::intake::web
