#include "intake/review/sample.h"

#include <algorithm>
#include <map>
#include <sodium.h>

#include "db/audit_store.h"
#include "db/review_store.h"
#include "intake/csv.h"
#include "intake/review/period.h"
#include "intake/review/scheme.h"
#include "intake/survey/tokens.h"
#include "intake/text.h"
#include "stats/hypergeometric.h"

namespace tilfreds::intake::review {

namespace {
std::string hex(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

// One reference a line, or a CSV whose header has a `case` column.
std::vector<std::pair<int, std::string>> read_list(const std::string& text, Problems& problems) {
  CsvTable t = parse_csv(text);
  for (const auto& p : t.problems) problems.push_back(p);
  std::vector<std::pair<int, std::string>> out;
  auto col = column_index(t.header, "case");
  if (!col) {
    if (t.header.size() == 1 && !t.header[0].empty()) out.emplace_back(1, t.header[0]);
    col = 0;
  }
  for (const auto& r : t.rows) out.emplace_back(r.line, *col < r.fields.size() ? trim(r.fields[*col]) : "");
  return out;
}
}  // namespace

Draw draw_cases(std::vector<std::string> references, std::size_t size, std::uint64_t seed) {
  std::sort(references.begin(), references.end());
  std::string joined;
  for (const auto& r : references) joined += r + "\n";
  Draw d;
  d.list_digest = hex(survey::sha256(joined));
  // uniform01 is the same on every platform, unlike std::uniform_int_distribution.
  stats::Rng rng(seed);
  for (std::size_t i = 0; i < size; ++i) {
    const std::size_t left = references.size() - i;
    auto j = i + std::min(left - 1, static_cast<std::size_t>(stats::uniform01(rng) * static_cast<double>(left)));
    std::swap(references[i], references[j]);
    d.cases.push_back(references[i]);
  }
  return d;
}

Result<Sample> sample_cases(db::Database& db, const staff::Actor& actor, const SampleRequest& req) {
  Problems problems;
  auto area = db.read([&](db::Connection& c) { return db::find_review_area(c, req.area); });
  if (!area) return Result<Sample>::failure("--area", "there is no review area '" + req.area + "'");
  auto period = parse_period(req.period);
  if (!period) return Result<Sample>::failure("--period", "'" + req.period + "' is not a period: write 2024Q3, 2024H2 or 2024-09");
  const std::string review_date = req.review_date.value_or(period->last_day);
  if (!civil_date(review_date)) return Result<Sample>::failure("--review-date", "must be a date written YYYY-MM-DD");
  auto existing = db.read([&](db::Connection& c) { return db::find_review(c, req.area, period->label); });
  auto schemes = db.read([&](db::Connection& c) { return db::review_schemes(c, req.area); });
  std::optional<Scheme> scheme = existing ? std::optional(stored_scheme(schemes, existing->scheme_version))
                                          : scheme_on(schemes, review_date);
  if (!scheme) {
    return Result<Sample>::failure("--period", schemes.empty() ? "area " + req.area + " has no scheme yet"
                                                               : period->label + " is before the scheme's first version (valid from " +
                                                                     schemes.front().valid_from + ")");
  }
  if (!scheme->find(req.group)) {
    return Result<Sample>::failure("--group", "there is no target group '" + req.group + "' in the scheme of " + req.area);
  }
  if (existing) {
    auto drawn = db.read([&](db::Connection& c) { return db::review_samples(c, existing->id); });
    for (const auto& s : drawn) {
      if (s.group_id == req.group) {
        return Result<Sample>::failure("--group", req.group + " was drawn for " + period->label + " already (seed " +
                                                      std::to_string(s.seed) + ")");
      }
    }
  }
  std::vector<std::string> refs;
  std::map<std::string, int> first_line;
  for (const auto& [line, ref] : read_list(req.list, problems)) {
    const std::string where = "line " + std::to_string(line);
    if (ref.empty()) {
      problems.push_back({where, "the case reference is empty"});
    } else if (ref.size() > 100) {
      problems.push_back({where, "the case reference is longer than 100 characters"});
    } else if (auto [it, fresh] = first_line.emplace(ref, line); !fresh) {
      problems.push_back({where, "case " + ref + " is listed twice (first on line " + std::to_string(it->second) + ")"});
    } else {
      refs.push_back(ref);
    }
  }
  if (!problems.empty()) return {std::nullopt, problems};
  if (refs.empty()) return Result<Sample>::failure("--list", "the list has no case references");
  const std::optional<std::int64_t> size = req.size ? req.size : area->sample_size;
  if (!size) return Result<Sample>::failure("--size", "area " + req.area + " has no sample size: give --size");
  if (*size < 1) return Result<Sample>::failure("--size", "must be at least 1");
  if (*size > static_cast<std::int64_t>(refs.size())) {
    return Result<Sample>::failure("--size", "a sample of " + std::to_string(*size) + " is larger than the " +
                                                 std::to_string(refs.size()) + " cases in the list");
  }
  Sample out;
  if (req.seed) {
    out.seed = *req.seed;
  } else {
    randombytes_buf(&out.seed, sizeof out.seed);
  }
  out.population = static_cast<std::int64_t>(refs.size());
  out.draw = draw_cases(refs, static_cast<std::size_t>(*size), out.seed);
  db.write([&](db::Connection& c) {
    auto review = db::find_review(c, req.area, period->label);
    out.review_id = review ? review->id : db::create_review(c, {0, req.area, period->label, review_date, scheme->version});
    std::int64_t position = 0;
    for (const auto& ref : out.draw.cases) db::add_review_case(c, out.review_id, req.group, ++position, ref);
    db::record_review_sample(c, {out.review_id, req.group, out.seed, out.population, *size, out.draw.list_digest,
                                 actor.name, ""});
    db::record_audit(c, {actor.id, actor.name, "draw", "review", req.area + " " + period->label + " " + req.group, "",
                         "{\"seed\":" + std::to_string(out.seed) + ",\"population\":" +
                             std::to_string(out.population) + "}"});
  });
  return {out, {}};
}

}  // namespace tilfreds::intake::review
