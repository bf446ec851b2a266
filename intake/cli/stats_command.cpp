// `tilfreds stats share|compare|rate`: the statistics module as a calculator for
// analysts who have counts from elsewhere, and the surface other tools test it
// through (issue 3). Arguments arrive as strings and are parsed here, at the
// edge, so every invalid input ends the same way: one line on stderr, exit code 2.
#include "intake/cli/stats_command.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "intake/csv.h"
#include "intake/text.h"
#include "stats/comparison_table.h"
#include "stats/distribution.h"
#include "stats/proportion.h"
#include "stats/response_rate.h"

namespace tilfreds::intake::cli {
namespace {

namespace ts = tilfreds::stats;
using Json = nlohmann::ordered_json;

// An input the user can fix; the message is printed as is.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// ---- Parsing arguments ---------------------------------------------------------

std::int64_t parse_count(const std::string& text, const std::string& what) {
  std::int64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) {
    throw UsageError(what + " must be a whole number (got \"" + text + "\")");
  }
  return value;
}

double parse_level(const std::string& text) {
  double value = 0.0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) {
    throw UsageError("--level must be a number such as 0.95 (got \"" + text + "\")");
  }
  if (!(value > 0.0 && value < 1.0)) {
    throw UsageError("--level must lie strictly between 0 and 1 (got " + text + ")");
  }
  return value;
}

// ---- Tables of counts from CSV (intake/csv.h reads Danish Excel's dialect) -------

struct Csv {
  std::vector<std::string> header;
  std::vector<std::pair<int, std::vector<std::string>>> rows;  // (line number, fields)
};

Csv read_csv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("cannot open " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  CsvTable table = parse_csv(buffer.str());
  if (!table.problems.empty()) {
    const Problem& p = table.problems.front();
    throw UsageError(path + " " + p.where + ": " + p.message);
  }
  Csv csv{table.header, {}};
  for (auto& row : table.rows) {
    if (row.fields.size() != csv.header.size()) {
      throw UsageError(path + " line " + std::to_string(row.line) + ": expected " +
                       std::to_string(csv.header.size()) + " fields, found " +
                       std::to_string(row.fields.size()));
    }
    for (auto& f : row.fields) f = trim(f);
    csv.rows.emplace_back(row.line, std::move(row.fields));
  }
  return csv;
}

// Counts are people: far below these, and the statistics' integer arithmetic
// (e.g. 2000·k in percent rounding, sums over a table) cannot overflow. fuzz/stats_csv
// found a count of 1.5e18 overflowing in stats::percent_half_up.
constexpr std::int64_t kMaxCell = 1'000'000'000;
constexpr std::int64_t kMaxFileTotal = 1'000'000'000'000;

// One cell of counts; `file_total` accumulates every count read from the file.
std::int64_t cell_count(const std::string& path, int line_no, const std::string& column,
                        const std::string& text, std::int64_t& file_total) {
  const std::string where = path + " line " + std::to_string(line_no) + ", column \"" + column + "\"";
  const std::int64_t v = parse_count(text, where);
  if (v < 0) throw UsageError(where + ": counts must not be negative (got " + text + ")");
  if (v > kMaxCell) {
    throw UsageError(where + ": a count above " + std::to_string(kMaxCell) + " is not a count of people (got " +
                     text + ")");
  }
  file_total += v;
  if (file_total > kMaxFileTotal) {
    throw UsageError(path + ": the counts add up to more than " + std::to_string(kMaxFileTotal));
  }
  return v;
}

// ---- JSON helpers ----------------------------------------------------------------

Json opt(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

// ---- share -----------------------------------------------------------------------

struct ShareArgs {
  std::string k, n, method = "wilson", level = "0.95", population;
};

void run_share(const ShareArgs& a, Context& ctx) {
  ts::ShareOptions o;
  const std::int64_t k = parse_count(a.k, "K");
  const std::int64_t n = parse_count(a.n, "N");
  const auto method = ts::parse_method(a.method);
  if (!method) {
    throw UsageError("--method must be wilson, clopper-pearson, jeffreys or agresti-coull (got \"" +
                     a.method + "\")");
  }
  o.method = *method;
  o.level = parse_level(a.level);
  if (!a.population.empty()) o.population = parse_count(a.population, "--population");
  const auto r = ts::share_interval(k, n, o);
  if (!r) throw UsageError("N must be at least 1: a share of no respondents is not defined");
  Json j;
  j["k"] = k;
  j["n"] = n;
  j["estimate"] = r->interval.estimate;
  j["lower"] = r->interval.lower;
  j["upper"] = r->interval.upper;
  j["method"] = std::string(ts::method_name(o.method));
  j["level"] = o.level;
  j["fpc"] = r->fpc_applied;
  if (o.population) {
    j["population"] = *o.population;
    j["effective_n"] = std::isfinite(r->effective_n) ? Json(r->effective_n) : Json(nullptr);
  }
  j["percent"] = *ts::percent_half_up(k, n, 0);
  *ctx.out << j.dump(2) << '\n';
}

// ---- compare ---------------------------------------------------------------------

struct CompareArgs {
  std::string file, level = "0.95";
};

ts::QuestionCounts read_table(const std::string& path) {
  const Csv csv = read_csv(path);
  if (csv.header.size() < 3) {
    throw UsageError(
        path + ": the header must be wave;<category>;<category>... with at least two categories");
  }
  if (column_index(csv.header, "wave") != std::optional<std::size_t>(0)) {
    throw UsageError(path + ": the first column must be \"wave\" (got \"" + csv.header.front() +
                     "\")");
  }
  if (csv.rows.empty()) throw UsageError(path + ": the table has no rows of counts");
  ts::QuestionCounts q;
  std::int64_t file_total = 0;
  q.question = path;
  q.categories.assign(csv.header.begin() + 1, csv.header.end());
  for (const auto& [line_no, fields] : csv.rows) {
    q.waves.push_back(fields.front());
    std::vector<std::int64_t> row;
    for (std::size_t j = 1; j < fields.size(); ++j) {
      row.push_back(cell_count(path, line_no, csv.header[j], fields[j], file_total));
    }
    q.counts.push_back(std::move(row));
  }
  // The top-2 share only means something on a graded scale, not on yes/no.
  q.top = q.categories.size() >= 3 ? 2 : 0;
  return q;
}

Json change_json(const std::string& category, const std::string& from, const std::string& to,
                 const std::optional<ts::Change>& c) {
  Json j;
  j["from"] = from;
  j["to"] = to;
  j["category"] = category;
  if (!c) {
    // A wave without answers: nothing to compare, which is not "no change".
    for (const char* key : {"difference", "lower", "upper", "p", "p_adjusted", "verdict", "test"}) {
      j[key] = nullptr;
    }
    return j;
  }
  j["difference"] = c->test.difference;
  j["lower"] = c->test.lower;
  j["upper"] = c->test.upper;
  j["p"] = c->test.p;
  j["p_adjusted"] = c->p_adjusted;
  j["verdict"] = std::string(ts::verdict_name(c->verdict));
  j["test"] = std::string(ts::test_name(c->test.test));
  return j;
}

void run_compare(const CompareArgs& a, Context& ctx) {
  const double level = parse_level(a.level);
  const ts::QuestionCounts q = read_table(a.file);
  ts::ComparisonOptions o;
  o.level = level;
  o.suppress = false;  // the analyst already holds these counts
  const ts::ComparisonTable t = ts::build_comparison_table(q, o);

  Json j;
  if (t.chi_square) {
    j["chi_square"] = {{"statistic", t.chi_square->statistic},
                       {"df", t.chi_square->df},
                       {"p", t.chi_square->p},
                       {"method", std::string(ts::homogeneity_method_name(t.chi_square->method))},
                       {"min_expected", t.chi_square->min_expected},
                       {"replicates", t.chi_square->replicates}};
  } else {
    j["chi_square"] = nullptr;
  }
  if (t.ordinal) {
    j["ordinal"] = {{"p", t.ordinal->p},
                    {"method", std::string(ts::ordinal_method_name(t.ordinal->method))},
                    {"statistic", t.ordinal->statistic}};
    if (t.ordinal->superiority) j["ordinal"]["superiority"] = *t.ordinal->superiority;
  } else {
    j["ordinal"] = nullptr;
  }
  Json changes = Json::array();
  for (std::size_t i = 1; i < t.rows.size(); ++i) {
    const std::string& from = t.rows[i - 1].wave;
    const std::string& to = t.rows[i].wave;
    for (std::size_t c = 0; c < t.categories.size(); ++c) {
      changes.push_back(change_json(t.categories[c], from, to, t.rows[i].cells[c].change));
    }
    if (t.rows[i].top) changes.push_back(change_json("top2", from, to, t.rows[i].top->change));
  }
  j["changes"] = std::move(changes);
  if (t.trend) {
    j["trend"] = {{"method", "linear-by-linear"},
                  {"z", t.trend->z},
                  {"statistic", t.trend->statistic},
                  {"df", 1},
                  {"p", t.trend->p}};
  }
  if (t.top_trend) {
    j["top2_trend"] = {{"method", "cochran-armitage"},
                       {"z", t.top_trend->z},
                       {"statistic", t.top_trend->statistic},
                       {"df", 1},
                       {"p", t.top_trend->p}};
  }
  Json rows = Json::array();
  for (const ts::Row& r : t.rows) {
    Json row;
    row["wave"] = r.wave;
    row["n"] = r.n;
    Json percents = Json::array();
    for (const ts::Cell& c : r.cells) percents.push_back(opt(c.percent));
    row["percents"] = std::move(percents);
    if (r.top && r.top->interval) {
      row["top2"] = {{"estimate", r.top->interval->estimate},
                     {"lower", r.top->interval->lower},
                     {"upper", r.top->interval->upper},
                     {"percent", opt(r.top->percent)}};
    }
    rows.push_back(std::move(row));
  }
  j["waves"] = std::move(rows);
  j["categories"] = t.categories;
  j["level"] = level;
  j["adjustment"] = std::string(ts::adjustment_name(o.adjustment));
  *ctx.out << j.dump(2) << '\n';
}

// ---- rate ------------------------------------------------------------------------

struct RateArgs {
  std::string file;
};

Json rates_json(const ts::GroupRates& g) {
  Json j;
  j["group"] = g.group;
  j["invited"] = g.disposition.invited;
  j["ineligible"] = g.disposition.ineligible;
  j["unknown"] = g.disposition.unknown;
  j["partial"] = g.disposition.partial;
  j["completed"] = g.disposition.completed;
  j["rr1"] = opt(g.rates.rr1);
  j["rr2"] = opt(g.rates.rr2);
  j["rr3"] = opt(g.rates.rr3);
  j["rr4"] = opt(g.rates.rr4);
  j["rate"] = opt(g.rates.plain);
  return j;
}

void run_rate(const RateArgs& a, Context& ctx) {
  const Csv csv = read_csv(a.file);
  const std::vector<std::string> names{"group",   "invited", "ineligible",
                                       "unknown", "partial", "completed"};
  std::vector<std::size_t> index;
  for (const std::string& name : names) {
    const std::optional<std::size_t> found = column_index(csv.header, name);
    if (!found) {
      throw UsageError(
          a.file + ": column \"" + name +
          "\" is missing (expected group;invited;ineligible;unknown;partial;completed)");
    }
    index.push_back(*found);
  }
  std::vector<ts::GroupDisposition> groups;
  std::int64_t file_total = 0;
  for (const auto& row : csv.rows) {
    // Named copies, not structured bindings: clang 14 (the fuzz build) cannot
    // capture those in a lambda.
    const int line_no = row.first;
    const std::vector<std::string>& fields = row.second;
    ts::GroupDisposition g;
    g.group = fields[index[0]];
    auto count = [&](std::size_t i) {
      return cell_count(a.file, line_no, names[i], fields[index[i]], file_total);
    };
    g.disposition = {count(1), count(2), count(3), count(4), count(5)};
    groups.push_back(std::move(g));
  }
  const ts::RateTable t = ts::response_rate_table(groups);
  Json j;
  Json rows = Json::array();
  for (const ts::GroupRates& g : t.groups) rows.push_back(rates_json(g));
  j["groups"] = std::move(rows);
  j["total"] = rates_json(t.total);
  j["definitions"] = {
      {"rr1", "AAPOR RR1: completed / (invited - ineligible)"},
      {"rr2", "AAPOR RR2: (completed + partial) / (invited - ineligible)"},
      {"rr3", "AAPOR RR3: as RR1 with only the estimated eligible share of unknown"},
      {"rr4", "AAPOR RR4: as RR2 with only the estimated eligible share of unknown"},
      {"rate", "completed / invited"}};
  *ctx.out << j.dump(2) << '\n';
}

// Runs a command body; expected problems become one line and exit code 2.
template <typename F>
void guarded(const char* name, Context& ctx, F&& body) {
  try {
    body();
    ctx.exit_code = 0;
  } catch (const UsageError& e) {
    *ctx.err << "tilfreds stats " << name << ": " << e.what() << '\n';
    ctx.exit_code = 2;
  } catch (const std::invalid_argument& e) {
    *ctx.err << "tilfreds stats " << name << ": " << e.what() << '\n';
    ctx.exit_code = 2;
  }
}

}  // namespace

void add_stats_command(CLI::App& root, Context& ctx) {
  CLI::App* stats = root.add_subcommand(
      "stats", "Statistics on counts: shares with intervals, wave comparisons, response rates");
  stats->require_subcommand(1);

  auto share = std::make_shared<ShareArgs>();
  CLI::App* share_cmd = stats->add_subcommand(
      "share", "Confidence interval for the share K of N respondents (JSON on stdout)");
  share_cmd->add_option("K", share->k, "Respondents in the category")
      ->required()
      ->type_name("COUNT");
  share_cmd->add_option("N", share->n, "Respondents in total")->required()->type_name("COUNT");
  share_cmd
      ->add_option("--method", share->method,
                   "wilson (default), clopper-pearson, jeffreys or agresti-coull")
      ->type_name("METHOD");
  share_cmd->add_option("--level", share->level, "Confidence level, default 0.95")
      ->type_name("LEVEL");
  share_cmd
      ->add_option("--population", share->population,
                   "Size of the population the N were drawn from (applies the finite "
                   "population correction)")
      ->type_name("COUNT");
  share_cmd->callback([share, &ctx] { guarded("share", ctx, [&] { run_share(*share, ctx); }); });

  auto compare = std::make_shared<CompareArgs>();
  CLI::App* compare_cmd =
      stats->add_subcommand("compare",
                            "Compare answer distributions across waves: TABLE.csv has the header "
                            "wave;<category>;... and one row of counts per wave, oldest first");
  compare_cmd->add_option("TABLE", compare->file, "CSV file of counts")
      ->required()
      ->type_name("FILE");
  compare_cmd->add_option("--level", compare->level, "Confidence level, default 0.95")
      ->type_name("LEVEL");
  compare_cmd->callback(
      [compare, &ctx] { guarded("compare", ctx, [&] { run_compare(*compare, ctx); }); });

  auto rate = std::make_shared<RateArgs>();
  CLI::App* rate_cmd = stats->add_subcommand(
      "rate",
      "AAPOR response rates RR1-RR4 and the plain rate per group and in total: FRAME.csv has "
      "the columns group;invited;ineligible;unknown;partial;completed");
  rate_cmd->add_option("FRAME", rate->file, "CSV file of dispositions per group")
      ->required()
      ->type_name("FILE");
  rate_cmd->callback([rate, &ctx] { guarded("rate", ctx, [&] { run_rate(*rate, ctx); }); });
}

}  // namespace tilfreds::intake::cli
