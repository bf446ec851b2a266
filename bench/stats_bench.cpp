// stats_bench: the cost of a full three-year comparison report built from
// counts — every question × (every benefit group + the total) × 3 waves, one
// Benjamini–Hochberg family over the whole report — and evidence that the cost
// does not grow with the number of responses behind the counts (DESIGN.md:
// reports read counts, not responses).
//
// Usage: stats_bench [repetitions]   (default 20; the median is printed)
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "stats/comparison_table.h"

namespace ts = tilfreds::stats;

namespace {

// Benefit groups with their share of the respondents (2024 report: 36 % sick pay,
// 23 % unemployment benefit, the rest small).
struct Group {
  const char* name;
  double share;
};
constexpr Group kGroups[] = {
    {"sygedagpenge", 0.36},
    {"dagpenge", 0.23},
    {"kontanthjælp", 0.12},
    {"uddannelseshjælp", 0.06},
    {"jobafklaringsforløb", 0.05},
    {"ressourceforløb", 0.05},
    {"ledighedsydelse og fleksjob", 0.05},
    {"førtidspension", 0.02},
    {"S&H", 0.03},
    {"flere ydelser", 0.03},
};

struct Question {
  const char* id;
  std::vector<std::string> categories;
  std::vector<double> shares;  // base distribution
  std::size_t top;
};

std::vector<Question> questions() {
  const std::vector<std::string> scale{"I høj grad", "I nogen grad", "I mindre grad", "Slet ikke"};
  return {
      {"conversation_type",
       {"Personligt fremmøde", "Telefonisk samtale", "Begge"},
       {0.45, 0.35, 0.20},
       0},
      {"meaningful", scale, {0.45, 0.30, 0.15, 0.10}, 2},
      {"closer_to_work", scale, {0.25, 0.30, 0.25, 0.20}, 2},
      {"belief", scale, {0.30, 0.30, 0.22, 0.18}, 2},
      {"cooperation", scale, {0.50, 0.28, 0.13, 0.09}, 2},
      {"follow_up", scale, {0.40, 0.30, 0.18, 0.12}, 2},
      {"understood_plan", scale, {0.48, 0.30, 0.14, 0.08}, 2},
      {"involved_in_plan", scale, {0.35, 0.30, 0.20, 0.15}, 2},
      {"took_part", {"Ja", "Nej"}, {0.35, 0.65}, 0},
      {"offer_meaningful", scale, {0.38, 0.30, 0.18, 0.14}, 2},
      {"overall", scale, {0.50, 0.28, 0.14, 0.08}, 2},
  };
}

// Deterministic synthetic counts: the base distribution drifted a little per
// wave and group, times `respondents`.
std::int64_t cell(double share, int wave, std::size_t group, std::size_t category,
                  double respondents) {
  const double drift = 1.0 + 0.04 * (wave - 1) * ((category % 2 == 0) ? 1 : -1) +
                       0.03 * static_cast<double>((group * 7 + category * 3) % 5) / 5.0;
  return static_cast<std::int64_t>(share * drift * respondents + 0.5);
}

std::vector<ts::QuestionCounts> report(std::int64_t scale) {
  const std::vector<std::string> waves{"2022", "2023", "2024"};
  const double per_wave[] = {495, 512, 531};
  std::vector<ts::QuestionCounts> out;
  for (const Question& q : questions()) {
    ts::QuestionCounts total{q.id + std::string(" / total"), q.categories, waves,
                             ts::CountTable(3, std::vector<std::int64_t>(q.categories.size(), 0)),
                             q.top};
    for (std::size_t g = 0; g < std::size(kGroups); ++g) {
      ts::QuestionCounts t{
          q.id + std::string(" / ") + kGroups[g].name, q.categories, waves, {}, q.top};
      for (int w = 0; w < 3; ++w) {
        std::vector<std::int64_t> row;
        for (std::size_t c = 0; c < q.categories.size(); ++c) {
          const double respondents = per_wave[w] * kGroups[g].share * static_cast<double>(scale);
          row.push_back(cell(q.shares[c], w, g, c, respondents));
          total.counts[w][c] += row.back();
        }
        t.counts.push_back(std::move(row));
      }
      out.push_back(std::move(t));
    }
    out.push_back(std::move(total));
  }
  return out;
}

std::int64_t responses(const std::vector<ts::QuestionCounts>& r) {
  // Answers behind the counts: the "overall" total table, all three waves.
  std::int64_t n = 0;
  for (const auto& row : r.back().counts) {
    for (std::int64_t c : row) n += c;
  }
  return n;
}

struct Timing {
  double median_ms;
  int tables;
  int marks;
  int monte_carlo;
};

Timing time_report(const std::vector<ts::QuestionCounts>& input, int repetitions,
                   const ts::ComparisonOptions& options) {
  std::vector<double> ms;
  int tables = 0, marks = 0, mc = 0;
  for (int i = 0; i < repetitions; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const auto result = ts::build_comparison_tables(input, options);
    const auto stop = std::chrono::steady_clock::now();
    ms.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
    tables = static_cast<int>(result.size());
    marks = 0;
    mc = 0;
    for (const auto& t : result) {
      if (t.chi_square && t.chi_square->method == ts::HomogeneityMethod::kMonteCarlo) ++mc;
      for (const auto& r : t.rows) {
        for (const auto& c : r.cells) {
          if (c.change && c.change->verdict != ts::Verdict::kNoClearChange) ++marks;
        }
      }
    }
  }
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], tables, marks, mc};
}

}  // namespace

int main(int argc, char** argv) {
  const int repetitions = argc > 1 ? std::max(1, std::atoi(argv[1])) : 20;
  ts::ComparisonOptions options;  // defaults: Wilson 95 %, BH, suppression at 5

  std::printf("stats_bench: full three-year comparison report from counts\n");
  std::printf("(%zu questions x (%zu benefit groups + total) x 3 waves; median of %d runs)\n\n",
              questions().size(), std::size(kGroups), repetitions);

  const auto real = report(1);
  const Timing t1 = time_report(real, repetitions, options);
  std::printf(
      "real size (x1, %lld answers per question over 3 waves): %.2f ms per report,\n"
      "  %d tables, %d Monte Carlo chi-square p-values (10,000 replicates each, for the\n"
      "  small groups), %d cells marked changed\n\n",
      static_cast<long long>(responses(real)), t1.median_ms, t1.tables, t1.monte_carlo, t1.marks);

  std::printf("%-8s %16s %14s %10s %6s\n", "scale", "answers/question", "ms/report", "ratio", "MC");
  double base = 0.0;
  for (std::int64_t scale = 100; scale <= 1000000; scale *= 10) {
    const auto input = report(scale);
    const Timing t = time_report(input, repetitions, options);
    if (base == 0.0) base = t.median_ms;
    std::printf("x%-7lld %16lld %14.3f %10.2f %6d\n", static_cast<long long>(scale),
                static_cast<long long>(responses(input)), t.median_ms, t.median_ms / base,
                t.monte_carlo);
  }
  return 0;
}
