// Indicators for overviews: the traffic light of a share against thresholds
// (case review: green 95–100 %, yellow 75–94 %, red 0–74 % of cases correct)
// and the arrow of a change, with whether "up" is good for that indicator
// (more correct cases: good; more errors: bad).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "stats/verdict.h"

namespace tilfreds::stats {

enum class Light { kGreen, kYellow, kRed };

// "green", "yellow", "red".
std::string_view light_name(Light light);

struct LightThresholds {
  // Whole percents, as printed: a share is green from `green_from` %, yellow from
  // `yellow_from` %, red below.
  int green_from = 95;
  int yellow_from = 75;
};

// Returns the light of the share k/n. The share is first rounded half up to a
// whole percent, the number the reader sees, so that a printed "95 %" is never
// yellow (94.6 % prints as 95 % and is green).
// Returns std::nullopt when n = 0.
// Throws std::invalid_argument when k < 0, n < 0, k > n, or the thresholds are
// not 0 <= yellow_from <= green_from <= 100.
std::optional<Light> traffic_light(std::int64_t k, std::int64_t n,
                                   const LightThresholds& thresholds = {});

// As above for a share given as a number in [0, 1] (e.g. a weighted share).
// Throws std::invalid_argument when share is outside [0, 1] or the thresholds
// are invalid.
Light traffic_light(double share, const LightThresholds& thresholds = {});

enum class Direction { kUp, kDown, kUnchanged };
enum class Polarity { kUpIsGood, kUpIsBad, kNeutral };
enum class Tone { kGood, kBad, kNeutral };

// "up"/"down"/"unchanged" and "good"/"bad"/"neutral".
std::string_view direction_name(Direction direction);
std::string_view tone_name(Tone tone);

struct Arrow {
  Direction direction = Direction::kUnchanged;
  Tone tone = Tone::kNeutral;  // green for good, red for bad, yellow for neutral
};

// Returns the arrow for a tested change: up for Verdict::kHigher, down for
// kLower, unchanged for kNoClearChange; the tone follows the polarity, and an
// unchanged arrow is always neutral.
Arrow arrow(Verdict verdict, Polarity polarity);

// Returns the arrow for two counts compared without a test (case review: errors
// per control point this review versus the last one): up when after > before,
// down when after < before, unchanged when equal.
// Throws std::invalid_argument when a count is negative.
Arrow arrow(std::int64_t before, std::int64_t after, Polarity polarity);

}  // namespace tilfreds::stats
