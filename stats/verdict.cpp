#include "stats/verdict.h"

#include <stdexcept>

#include "stats/checks.h"

namespace tilfreds::stats {

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::kHigher:
      return "higher";
    case Verdict::kLower:
      return "lower";
    case Verdict::kNoClearChange:
      return "no clear change";
  }
  return "no clear change";
}

Verdict decide(double p, double direction, double level) {
  check_level(level);
  if (!(p >= 0.0 && p <= 1.0)) throw std::invalid_argument("p must lie in [0, 1]");
  // Neyman–Pearson: reject at alpha = 1 - level; the sign of the estimate then
  // names the direction (a two-sided test rejecting implies the sign is settled).
  // 1 - 0.95 is 0.050000000000000044 in binary; the relative slack keeps a p of
  // exactly 0.05 from counting as below it.
  const double alpha = (1.0 - level) * (1.0 - 1e-12);
  if (!(p < alpha) || direction == 0.0) return Verdict::kNoClearChange;
  return direction > 0.0 ? Verdict::kHigher : Verdict::kLower;
}

}  // namespace tilfreds::stats
