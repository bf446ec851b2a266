// In-process tests of `tilfreds stats share|compare|rate`: build the command
// tree, parse argv, read the JSON back. Reference values are from
// tests/data/stats/reference_values.py (scipy 1.10.1, statsmodels 0.13.5), each
// next to the call that produced it.
#include "intake/cli/stats_command.h"

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace cli = tilfreds::intake::cli;
using nlohmann::json;

namespace {

struct Run {
  int exit_code = 0;
  std::string out;
  std::string err;
  json parsed() const { return json::parse(out); }
};

Run run(std::vector<std::string> args) {
  std::ostringstream out, err;
  cli::Context ctx;
  ctx.out = &out;
  ctx.err = &err;
  CLI::App app{"tilfreds"};
  cli::add_stats_command(app, ctx);
  std::reverse(args.begin(), args.end());  // CLI11 takes the arguments reversed
  app.parse(args);
  return {ctx.exit_code, out.str(), err.str()};
}

// A CSV file in a fresh temporary directory, removed at scope end.
class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("tilfreds_stats_cli_" + std::to_string(rd()) + ".csv");
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

const json* find_change(const json& j, const std::string& from, const std::string& to,
                        const std::string& category) {
  for (const json& c : j.at("changes")) {
    if (c.at("from") == from && c.at("to") == to && c.at("category") == category) return &c;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("stats share: Wilson by default, keys as in the issue", "[cli][stats]") {
  const Run r = run({"stats", "share", "3", "10"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  const json j = r.parsed();
  CHECK(j.at("k") == 3);
  CHECK(j.at("n") == 10);
  CHECK(j.at("estimate").get<double>() == Approx(0.3));
  // proportion_confint(3, 10, alpha=0.05, method='wilson')
  CHECK(j.at("lower").get<double>() == Approx(0.10779126740630104).epsilon(1e-6));
  CHECK(j.at("upper").get<double>() == Approx(0.60322185253885463).epsilon(1e-6));
  CHECK(j.at("method") == "wilson");
  CHECK(j.at("level").get<double>() == 0.95);
  CHECK(j.at("fpc") == false);
}

TEST_CASE("stats share: method, level and population", "[cli][stats]") {
  Run r = run({"stats", "share", "3", "10", "--method", "clopper-pearson", "--level", "0.99"});
  REQUIRE(r.exit_code == 0);
  json j = r.parsed();
  CHECK(j.at("method") == "clopper-pearson");
  // proportion_confint(3, 10, alpha=0.01, method='beta')
  CHECK(j.at("lower").get<double>() == Approx(0.037007221096232092).epsilon(1e-6));
  CHECK(j.at("upper").get<double>() == Approx(0.73511398528713068).epsilon(1e-6));

  r = run({"stats", "share", "424", "531", "--population", "2415"});
  REQUIRE(r.exit_code == 0);
  j = r.parsed();
  CHECK(j.at("fpc") == true);
  CHECK(j.at("population") == 2415);
  // proportion_confint(424/531*neff, neff, alpha=0.05, method='wilson') with
  // neff=531*(2415-1)/(2415-531)
  CHECK(j.at("lower").get<double>() == Approx(0.76671493174556171).epsilon(1e-6));
  CHECK(j.at("upper").get<double>() == Approx(0.82692018758621466).epsilon(1e-6));

  r = run({"stats", "share", "0", "2000000", "--method", "jeffreys"});
  REQUIRE(r.exit_code == 0);
  j = r.parsed();
  CHECK(j.at("lower").get<double>() == 0.0);
  // scipy.stats.beta.ppf([0.025, 0.975], 0.5, 2000000.5)
  CHECK(j.at("upper").get<double>() == Approx(1.2559706011005357e-06).epsilon(1e-6));

  r = run({"stats", "share", "1", "1", "--method", "agresti-coull"});
  REQUIRE(r.exit_code == 0);
  // proportion_confint(1, 1, alpha=0.05, method='agresti_coull')
  CHECK(r.parsed().at("lower").get<double>() == Approx(0.16749948547941301).epsilon(1e-6));
  CHECK(r.parsed().at("upper").get<double>() == 1.0);
}

TEST_CASE("stats share: invalid input is one line on stderr and exit code 2", "[cli][stats]") {
  const std::vector<std::vector<std::string>> bad{
      {"stats", "share", "11", "10"},
      {"stats", "share", "--", "-1", "10"},
      {"stats", "share", "-1", "10"},
      {"stats", "share", "abc", "10"},
      {"stats", "share", "3", "0"},
      {"stats", "share", "3", "10", "--level", "1.5"},
      {"stats", "share", "3", "10", "--level", "0"},
      {"stats", "share", "3", "10", "--level", "x"},
      {"stats", "share", "3", "10", "--method", "wald"},
      {"stats", "share", "3", "10", "--population", "9"},
  };
  for (const auto& args : bad) {
    CAPTURE(args);
    const Run r = run(args);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_FALSE(r.err.empty());
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
  CHECK_THAT(run({"stats", "share", "11", "10"}).err, Catch::Contains("must not exceed"));
  CHECK_THAT(run({"stats", "share", "3", "10", "--level", "1.5"}).err, Catch::Contains("level"));
}

TEST_CASE("stats compare: the secretary's question", "[cli][stats]") {
  const TempFile table(
      "wave;I høj grad;I nogen grad;I mindre grad;Slet ikke\n"
      "2023;260;150;65;25\n"
      "2024;240;150;65;45\n");
  const Run r = run({"stats", "compare", table.path()});
  REQUIRE(r.exit_code == 0);
  const json j = r.parsed();
  const json& chi = j.at("chi_square");
  // scipy.stats.chi2_contingency([[260, 150, 65, 25], [240, 150, 65, 45]], correction=False)[:3]
  CHECK(chi.at("statistic").get<double>() == Approx(6.5142857142857142).epsilon(1e-6));
  CHECK(chi.at("df") == 3);
  CHECK(chi.at("p").get<double>() == Approx(0.089100810102699685).epsilon(1e-6));
  CHECK(chi.at("method") == "pearson");
  // mannwhitneyu(expand([240, 150, 65, 45]), expand([260, 150, 65, 25]), use_continuity=True,
  // method='asymptotic')
  CHECK(j.at("ordinal").at("p").get<double>() == Approx(0.088628361751103529).epsilon(1e-6));
  CHECK(j.at("ordinal").at("method") == "mann-whitney");

  // One change per category plus top2.
  CHECK(j.at("changes").size() == 5);
  const json* slet = find_change(j, "2023", "2024", "Slet ikke");
  REQUIRE(slet != nullptr);
  CHECK(slet->at("difference").get<double>() == Approx(0.04));
  // confint_proportions_2indep(45, 500, 25, 500, method='newcomb', compare='diff', alpha=0.05)
  CHECK(slet->at("lower").get<double>() == Approx(0.0082995211904224181).epsilon(1e-6));
  CHECK(slet->at("upper").get<double>() == Approx(0.072472014226348858).epsilon(1e-6));
  // proportions_ztest([45, 25], [500, 500])
  CHECK(slet->at("p").get<double>() == Approx(0.01318293900551698).epsilon(1e-6));
  // multipletests([0.2059.., 1, 1, 0.01318.., 0.1138..], method='fdr_bh')[1][3]
  CHECK(slet->at("p_adjusted").get<double>() == Approx(0.065914695027584902).epsilon(1e-6));
  CHECK(slet->at("verdict") == "no clear change");
  const json* top = find_change(j, "2023", "2024", "top2");
  REQUIRE(top != nullptr);
  // [proportions_ztest ...] for [[260, 150, 65, 25], [240, 150, 65, 45]]: top2 entry
  CHECK(top->at("p").get<double>() == Approx(0.11384629800665871).epsilon(1e-6));
  CHECK(j.at("adjustment") == "benjamini-hochberg");
  CHECK_FALSE(j.contains("trend"));
}

TEST_CASE("stats compare: three waves, commas, BOM and CRLF, --level", "[cli][stats]") {
  const TempFile table(
      "\xEF\xBB\xBFwave,I høj grad,I nogen grad,I mindre grad,Slet ikke\r\n"
      "2022,245,135,75,40\r\n"
      "\r\n"
      "2023,271,143,61,37\r\n"
      "2024,276,149,64,42\r\n");
  const Run r = run({"stats", "compare", table.path(), "--level", "0.90"});
  REQUIRE(r.exit_code == 0);
  const json j = r.parsed();
  // scipy.stats.chi2_contingency([[245, 135, 75, 40], [271, 143, 61, 37], [276, 149, 64, 42]],
  // correction=False)[:3]
  CHECK(j.at("chi_square").at("p").get<double>() == Approx(0.73873587383162764).epsilon(1e-6));
  CHECK(j.at("chi_square").at("df") == 6);
  // scipy.stats.kruskal(*expand([[245, 135, 75, 40], [271, 143, 61, 37], [276, 149, 64, 42]]))
  CHECK(j.at("ordinal").at("p").get<double>() == Approx(0.36731952431005171).epsilon(1e-6));
  CHECK(j.at("changes").size() == 10);
  const json* c = find_change(j, "2022", "2023", "I høj grad");
  REQUIRE(c != nullptr);
  // proportions_ztest per pair/category for the survey table: first entry
  CHECK(c->at("p").get<double>() == Approx(0.27565362487506784).epsilon(1e-6));
  // multipletests(raw, method='fdr_bh')[1]: first entry
  CHECK(c->at("p_adjusted").get<double>() == Approx(0.9188454162502262).epsilon(1e-6));
  // Table(..., shift_zeros=False).test_ordinal_association()
  CHECK(j.at("trend").at("z").get<double>() == Approx(-0.97709871104421642).epsilon(1e-6));
  CHECK(j.at("level").get<double>() == 0.90);
}

TEST_CASE("stats compare: level changes the Newcombe interval", "[cli][stats]") {
  const TempFile table("wave;Ja;Nej\n2023;25;475\n2024;45;455\n");
  const Run r = run({"stats", "compare", table.path(), "--level", "0.90"});
  REQUIRE(r.exit_code == 0);
  const json j = r.parsed();
  CHECK(j.at("changes").size() == 2);  // yes/no: no top2
  const json* ja = find_change(j, "2023", "2024", "Ja");
  // confint_proportions_2indep(45, 500, 25, 500, method='newcomb', compare='diff', alpha=0.10)
  CHECK(ja->at("lower").get<double>() == Approx(0.013484717013535714).epsilon(1e-6));
  CHECK(ja->at("upper").get<double>() == Approx(0.067068999532757828).epsilon(1e-6));
  // scipy.stats.chi2_contingency([[45, 455], [25, 475]], correction=False)[:3]
  CHECK(j.at("chi_square").at("p").get<double>() == Approx(0.01318293900551696).epsilon(1e-6));
}

TEST_CASE("stats compare: small tables, a zero column, not computable parts", "[cli][stats]") {
  const TempFile small("wave;A;B;C;D\n2023;3;1;0;2\n2024;0;4;1;1\n");
  Run r = run({"stats", "compare", small.path()});
  REQUIRE(r.exit_code == 0);
  json j = r.parsed();
  CHECK(j.at("chi_square").at("method") == "monte-carlo");
  // exact conditional chi-square p (enumeration) of [[3, 1, 0, 2], [0, 4, 1, 1]]
  CHECK(j.at("chi_square").at("p").get<double>() == Approx(0.18831168831168896).margin(0.02));

  const TempFile all_one("wave;A;B\n2023;50;0\n2024;40;0\n");
  r = run({"stats", "compare", all_one.path()});
  REQUIRE(r.exit_code == 0);
  j = r.parsed();
  CHECK(j.at("chi_square").is_null());

  const TempFile empty_wave("wave;A;B;C\n2022;10;5;5\n2023;0;0;0\n2024;12;4;4\n");
  r = run({"stats", "compare", empty_wave.path()});
  REQUIRE(r.exit_code == 0);
  j = r.parsed();
  const json* c = find_change(j, "2022", "2023", "A");
  REQUIRE(c != nullptr);
  CHECK(c->at("p").is_null());
  CHECK(c->at("verdict").is_null());
}

TEST_CASE("stats compare: invalid tables exit with 2", "[cli][stats]") {
  const TempFile negative("wave;A;B\n2023;5;-1\n2024;4;4\n");
  const TempFile ragged("wave;A;B\n2023;5\n");
  const TempFile text("wave;A;B\n2023;5;many\n");
  const TempFile no_rows("wave;A;B\n");
  const TempFile one_category("wave;A\n2023;5\n");
  const TempFile wrong_header("year;A;B\n2023;5;5\n");
  const TempFile empty("");
  for (const TempFile* f :
       {&negative, &ragged, &text, &no_rows, &one_category, &wrong_header, &empty}) {
    CAPTURE(f->path());
    const Run r = run({"stats", "compare", f->path()});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_FALSE(r.err.empty());
  }
  CHECK_THAT(run({"stats", "compare", negative.path()}).err, Catch::Contains("negative"));
  const Run missing = run({"stats", "compare", "/nonexistent/table.csv"});
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("cannot open"));
}

TEST_CASE("stats rate: AAPOR RR1/RR2 and the plain rate per group and in total", "[cli][stats]") {
  const TempFile frame(
      "group;invited;ineligible;unknown;partial;completed\n"
      "sygedagpenge;1000;50;20;10;300\n"
      "dagpenge;1415;130;40;15;231\n"
      "ressourceforløb;0;0;0;0;0\n");
  const Run r = run({"stats", "rate", frame.path()});
  REQUIRE(r.exit_code == 0);
  const json j = r.parsed();
  REQUIRE(j.at("groups").size() == 3);
  CHECK(j.at("groups")[0].at("group") == "sygedagpenge");
  CHECK(j.at("groups")[0].at("rr1").get<double>() == Approx(300.0 / 950.0).epsilon(1e-12));
  CHECK(j.at("groups")[0].at("rr2").get<double>() == Approx(310.0 / 950.0).epsilon(1e-12));
  CHECK(j.at("groups")[0].at("rate").get<double>() == Approx(0.3).epsilon(1e-12));
  CHECK(j.at("groups")[2].at("rr1").is_null());  // nobody invited: not computable
  const json& total = j.at("total");
  // invited=2415 ineligible=180 unknown=60 partial=25 completed=531 (AAPOR 2023 formulas)
  CHECK(total.at("rr1").get<double>() == Approx(0.23758389261744967).epsilon(1e-12));
  CHECK(total.at("rr2").get<double>() == Approx(0.24876957494407159).epsilon(1e-12));
  CHECK(total.at("rate").get<double>() == Approx(0.21987577639751552).epsilon(1e-12));
  CHECK(total.at("invited") == 2415);
}

TEST_CASE("stats rate: invalid frames exit with 2", "[cli][stats]") {
  const TempFile too_many("group;invited;ineligible;unknown;partial;completed\nA;10;2;2;2;5\n");
  const TempFile missing_column("group;invited;ineligible;partial;completed\nA;10;2;2;5\n");
  const TempFile negative("group;invited;ineligible;unknown;partial;completed\nA;10;-2;0;0;5\n");
  for (const TempFile* f : {&too_many, &missing_column, &negative}) {
    const Run r = run({"stats", "rate", f->path()});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_FALSE(r.err.empty());
  }
  CHECK_THAT(run({"stats", "rate", too_many.path()}).err, Catch::Contains("exceeds invited"));
  CHECK_THAT(run({"stats", "rate", missing_column.path()}).err, Catch::Contains("unknown"));
}

TEST_CASE("stats: counts too large to be people exit with 2, not overflow", "[cli][stats]") {
  // fuzz/stats_csv: 200 · 1.5e18 overflowed in the percent rounding (UBSan).
  const TempFile huge_cell("wave;A;B;C\n2022;1;1485690610386527122;5\n2023;1;0;0\n");
  const TempFile huge_total("group;invited;ineligible;unknown;partial;completed\n"
                            "A;1000000000;0;0;0;1000000000\n"
                            "B;1000000000;0;0;0;1000000000\n");
  const Run cell = run({"stats", "compare", huge_cell.path()});
  CHECK(cell.exit_code == 2);
  CHECK_THAT(cell.err, Catch::Contains("not a count of people"));
  std::string many = "group;invited;ineligible;unknown;partial;completed\n";
  for (int i = 0; i < 600; ++i) many += "G" + std::to_string(i) + ";1000000000;0;0;0;1000000000\n";
  const TempFile huge_file(many);
  const Run total = run({"stats", "rate", huge_file.path()});
  CHECK(total.exit_code == 2);
  CHECK_THAT(total.err, Catch::Contains("add up to more than"));
  CHECK(run({"stats", "rate", huge_total.path()}).exit_code == 0);  // large but plausible
}

TEST_CASE("every stats subcommand has a description for --help", "[cli][stats]") {
  cli::Context ctx;
  CLI::App app{"tilfreds"};
  cli::add_stats_command(app, ctx);
  CLI::App* stats = app.get_subcommand("stats");
  CHECK_FALSE(stats->get_description().empty());
  for (const char* name : {"share", "compare", "rate"}) {
    CAPTURE(name);
    CHECK_FALSE(stats->get_subcommand(name)->get_description().empty());
  }
  CHECK_THROWS_AS(run({"stats"}), CLI::ParseError);  // a subcommand is required
}
