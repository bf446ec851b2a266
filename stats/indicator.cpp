#include "stats/indicator.h"

#include <stdexcept>

#include "stats/checks.h"
#include "stats/distribution.h"

namespace tilfreds::stats {
namespace {

void check_thresholds(const LightThresholds& t) {
  if (!(0 <= t.yellow_from && t.yellow_from <= t.green_from && t.green_from <= 100)) {
    throw std::invalid_argument("thresholds must satisfy 0 <= yellow_from <= green_from <= 100");
  }
}

Light classify(double whole_percent, const LightThresholds& t) {
  if (whole_percent >= t.green_from) return Light::kGreen;
  if (whole_percent >= t.yellow_from) return Light::kYellow;
  return Light::kRed;
}

Tone tone_of(Direction d, Polarity p) {
  if (d == Direction::kUnchanged || p == Polarity::kNeutral) return Tone::kNeutral;
  const bool up = d == Direction::kUp;
  return (up == (p == Polarity::kUpIsGood)) ? Tone::kGood : Tone::kBad;
}

}  // namespace

std::string_view light_name(Light light) {
  switch (light) {
    case Light::kGreen:
      return "green";
    case Light::kYellow:
      return "yellow";
    case Light::kRed:
      return "red";
  }
  return "red";
}

std::string_view direction_name(Direction direction) {
  switch (direction) {
    case Direction::kUp:
      return "up";
    case Direction::kDown:
      return "down";
    case Direction::kUnchanged:
      return "unchanged";
  }
  return "unchanged";
}

std::string_view tone_name(Tone tone) {
  switch (tone) {
    case Tone::kGood:
      return "good";
    case Tone::kBad:
      return "bad";
    case Tone::kNeutral:
      return "neutral";
  }
  return "neutral";
}

std::optional<Light> traffic_light(std::int64_t k, std::int64_t n,
                                   const LightThresholds& thresholds) {
  check_thresholds(thresholds);
  const std::optional<double> percent = percent_half_up(k, n, 0);
  if (!percent) return std::nullopt;
  return classify(*percent, thresholds);
}

Light traffic_light(double share, const LightThresholds& thresholds) {
  check_thresholds(thresholds);
  return classify(round_percent_half_up(share, 0), thresholds);
}

Arrow arrow(Verdict verdict, Polarity polarity) {
  Direction d = Direction::kUnchanged;
  if (verdict == Verdict::kHigher) d = Direction::kUp;
  if (verdict == Verdict::kLower) d = Direction::kDown;
  return {d, tone_of(d, polarity)};
}

Arrow arrow(std::int64_t before, std::int64_t after, Polarity polarity) {
  check_count(before, "before");
  check_count(after, "after");
  Direction d = Direction::kUnchanged;
  if (after > before) d = Direction::kUp;
  if (after < before) d = Direction::kDown;
  return {d, tone_of(d, polarity)};
}

}  // namespace tilfreds::stats
