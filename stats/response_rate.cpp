#include "stats/response_rate.h"

#include <stdexcept>

#include "stats/checks.h"

namespace tilfreds::stats {
namespace {

std::optional<double> ratio(double num, double den) {
  if (!(den > 0.0)) return std::nullopt;
  return num / den;
}

std::int64_t add(std::int64_t a, std::int64_t b) {
  std::int64_t r = 0;
  if (__builtin_add_overflow(a, b, &r)) throw std::invalid_argument("counts overflow");
  return r;
}

}  // namespace

std::int64_t eligible_nonrespondents(const Disposition& d) {
  check_count(d.invited, "invited");
  check_count(d.ineligible, "ineligible");
  check_count(d.unknown, "unknown");
  check_count(d.partial, "partial");
  check_count(d.completed, "completed");
  const std::int64_t parts = add(add(add(d.ineligible, d.unknown), d.partial), d.completed);
  if (parts > d.invited) {
    throw std::invalid_argument("ineligible + unknown + partial + completed (" +
                                std::to_string(parts) + ") exceeds invited (" +
                                std::to_string(d.invited) + ")");
  }
  return d.invited - parts;
}

ResponseRates response_rates(const Disposition& d) {
  const double other = static_cast<double>(eligible_nonrespondents(d));
  const double i = static_cast<double>(d.completed);
  const double p = static_cast<double>(d.partial);
  const double u = static_cast<double>(d.unknown);
  const double ne = static_cast<double>(d.ineligible);
  const double known_eligible = i + p + other;
  ResponseRates r;
  // AAPOR (2023): RR1 = I/((I+P)+(R+NC+O)+(UH+UO)); RR2 = (I+P)/same.
  const double den12 = known_eligible + u;
  r.rr1 = ratio(i, den12);
  r.rr2 = ratio(i + p, den12);
  // AAPOR RR3/RR4 with e estimated from the cases of known eligibility.
  if (known_eligible + ne > 0.0) {
    const double e = known_eligible / (known_eligible + ne);
    const double den34 = known_eligible + e * u;
    r.rr3 = ratio(i, den34);
    r.rr4 = ratio(i + p, den34);
  }
  r.plain = ratio(i, static_cast<double>(d.invited));
  return r;
}

RateTable response_rate_table(std::span<const GroupDisposition> groups) {
  RateTable t;
  t.total.group = "total";
  Disposition& sum = t.total.disposition;
  for (const GroupDisposition& g : groups) {
    GroupRates row;
    row.group = g.group;
    row.disposition = g.disposition;
    try {
      row.rates = response_rates(g.disposition);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument("group \"" + g.group + "\": " + e.what());
    }
    sum.invited = add(sum.invited, g.disposition.invited);
    sum.ineligible = add(sum.ineligible, g.disposition.ineligible);
    sum.unknown = add(sum.unknown, g.disposition.unknown);
    sum.partial = add(sum.partial, g.disposition.partial);
    sum.completed = add(sum.completed, g.disposition.completed);
    t.groups.push_back(std::move(row));
  }
  t.total.rates = response_rates(sum);
  return t;
}

}  // namespace tilfreds::stats
