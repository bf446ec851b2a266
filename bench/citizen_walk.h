// A citizen as the load benchmarks simulate one: the letter link, the intro, every
// theme page answered from the questionnaire itself (the conditional follow-up
// question appears only after "ja" is posted, as in a browser), the final submit
// and the thank-you page — each request timed into a latency histogram.
//
// Lean on purpose: the client shares two cores with the server it measures, so it
// finds the CSRF token and the shown questions with string searches, not regexes.
#pragma once

#include <httplib.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "intake/survey/questionnaire.h"

namespace tilfreds::bench {

// Request latencies in µs, recorded lock-free from many threads: 1 µs steps up to
// 10 ms, 100 µs steps up to 1 s, 10 ms steps up to 60 s (enough for p50/p99).
class Histogram {
 public:
  void record(std::uint64_t micros);
  std::uint64_t count() const;
  // The latency below which `q` (0..1) of the recorded requests fall, in µs.
  double quantile(double q) const;
  // Counts as they are now, to subtract a later snapshot from (per-minute figures).
  std::vector<std::uint64_t> snapshot() const;
  // `q` of the requests recorded between snapshot `before` and snapshot `after`.
  static double quantile_between(const std::vector<std::uint64_t>& before,
                                 const std::vector<std::uint64_t>& after, double q);

 private:
  static constexpr std::size_t kBuckets = 10000 + 9900 + 5900;
  std::array<std::atomic<std::uint64_t>, kBuckets> buckets_{};
};

// What a walk's requests are, for separate figures.
struct WalkStats {
  Histogram views;        // GETs: /s/{token}, /svar, /tak
  Histogram saves;        // POST /svar of a page (its answers saved as a draft)
  Histogram submissions;  // the final POST that stores the response
  std::atomic<std::uint64_t> acknowledged{0};  // submissions answered 303 → /tak
  std::atomic<std::uint64_t> errors{0};        // unexpected status or no response
};

enum class WalkOutcome { kSubmitted, kFailed };

// Walks one citizen from `link_path` (/s/TOKEN) to /tak over `client` (keep-alive),
// answering at random from `questionnaire`. `pace` is called after every request
// (the soak uses it to hold a steady rate). Stops at the first unexpected response,
// counting it in `stats.errors`.
WalkOutcome walk_citizen(httplib::Client& client, const std::string& link_path,
                         const intake::survey::Questionnaire& questionnaire, std::mt19937& rng,
                         WalkStats& stats, const std::function<void()>& pace = {});

// The value of the hidden input `name` in `html`, or "" (the CSRF token, the shown questions).
std::string hidden_value(const std::string& html, const std::string& name);

// The resident set size of process `pid` (0: this process) in KiB, from /proc.
long resident_kib(int pid = 0);

}  // namespace tilfreds::bench
