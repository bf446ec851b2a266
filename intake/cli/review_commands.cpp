#include "intake/cli/review_commands.h"

#include <memory>

#include "db/database.h"
#include "db/review_store.h"
#include "intake/cli/input_files.h"
#include "intake/cli/keyed_database.h"
#include "intake/dates.h"
#include "intake/review/action_plan.h"
#include "intake/review/results_import.h"
#include "intake/review/sample.h"
#include "intake/review/setup.h"
#include "stats/case_review.h"

namespace tilfreds::intake::cli {

namespace {
struct ReviewArgs {
  db::ReviewAreaRow area;
  std::int64_t sample = 0;
  std::string file;
  std::string area_id;
  std::string period;
  std::string review_date;
  std::string group;
  std::string list;
  std::int64_t size = 0;
  std::uint64_t seed = 0;
  bool replace = false;
  int older_than = 0;
  std::int64_t population = 0;
  double margin = 0.05;
  double expected = 0.5;
  std::int64_t zero_errors = 0;
  review::StatusChange status;
};

std::optional<std::string> given(const std::string& s) { return s.empty() ? std::nullopt : std::optional(s); }

void add_area_commands(CLI::App* review, Context& ctx, std::shared_ptr<ReviewArgs> a) {
  auto* area = review->add_subcommand("area", "Review areas (tilsynsområder): risk level, frequency, sample size");
  area->require_subcommand(1);
  auto* add = area->add_subcommand("add", "Add an area");
  add->add_option("ID", a->area.id, "Stable id, e.g. jobcenter")->required();
  add->add_option("--name", a->area.name, "Name, e.g. Jobcenter")->required();
  add->add_option("--risk", a->area.risk, "overvaagning | tilsyn | intensiveret")
      ->required()
      ->check(CLI::IsMember({"overvaagning", "tilsyn", "intensiveret"}));
  add->add_option("--frequency", a->area.frequency, "monthly | quarterly | halfyearly | yearly")
      ->required()
      ->check(CLI::IsMember({"monthly", "quarterly", "halfyearly", "yearly"}));
  add->add_option("--sample", a->sample, "Cases per target group per review")->check(CLI::PositiveNumber);
  add->add_option("--green-from", a->area.green_from, "Green light from this % correct")->capture_default_str();
  add->add_option("--yellow-from", a->area.yellow_from, "Yellow light from this % correct")->capture_default_str();
  add->callback([&ctx, a] {
    KeyedDatabase db(ctx);
    if (a->sample > 0) a->area.sample_size = a->sample;
    auto problems = review::add_area(db, staff::Actor::cli(), a->area);
    if (!problems.empty()) return report(problems, "area " + a->area.id, ctx);
    *ctx.out << "added area " << a->area.id << "\n";
  });
  auto* list = area->add_subcommand("list", "List areas: id, name, risk, frequency, sample, scheme versions");
  list->callback([&ctx] {
    KeyedDatabase db(ctx);
    for (const auto& r : db.read([](db::Connection& c) { return db::review_areas(c); })) {
      auto schemes = db.read([&](db::Connection& c) { return db::review_schemes(c, r.id); });
      std::string versions;
      for (const auto& s : schemes) versions += (versions.empty() ? "" : ",") + std::to_string(s.version);
      *ctx.out << r.id << "\t" << r.name << "\t" << r.risk << "\t" << r.frequency << "\t"
               << (r.sample_size ? std::to_string(*r.sample_size) : "-") << "\t"
               << (versions.empty() ? "-" : versions) << "\n";
    }
  });
}

void add_import_commands(CLI::App* review, Context& ctx, std::shared_ptr<ReviewArgs> a) {
  auto* scheme = review->add_subcommand("scheme", "Review schemes (kontrolskemaer), versioned");
  scheme->require_subcommand(1);
  auto* import = scheme->add_subcommand("import", "Import a scheme version (JSON)");
  import->add_option("FILE", a->file, "Scheme JSON: area, version, valid_from, groups")->required();
  import->callback([&ctx, a] {
    auto text = read_file(a->file, ctx);
    if (!text) return;
    KeyedDatabase db(ctx);
    auto stored = review::import_scheme(db, staff::Actor::cli(), *text);
    if (!stored.ok()) return report(stored.problems, a->file, ctx);
    *ctx.out << "scheme " << stored.value->area_id << " version " << stored.value->version << " valid from "
             << stored.value->valid_from << "\n";
  });

  auto* results = review->add_subcommand("import", "Import review results (CSV group;case;control_point;result…)");
  results->add_option("FILE", a->file, "CSV as Danish Excel writes it")->required();
  results->add_option("--area", a->area_id, "Review area")->required();
  results->add_option("--period", a->period, "2024Q3, 2024H2 or 2024-09")->required();
  results->add_option("--review-date", a->review_date, "Default: the period's last day");
  results->add_flag("--replace", a->replace, "Replace the cases registered for the period");
  results->callback([&ctx, a] {
    auto text = read_file(a->file, ctx);
    if (!text) return;
    KeyedDatabase db(ctx);
    auto done = review::import_results(db, staff::Actor::cli(),
                                       {a->area_id, a->period, given(a->review_date), *text, today_iso(), a->replace});
    if (!done.ok()) return report(done.problems, a->file, ctx);
    const auto& r = *done.value;
    *ctx.out << "imported " << r.cases << " cases, " << r.results << " results, " << r.errors << " errors ("
             << r.new_errors << " new) for " << a->area_id << " " << r.period << ", scheme version "
             << r.scheme_version << ", review date " << r.review_date << "\n";
  });
}

void add_sample_commands(CLI::App* review, Context& ctx, std::shared_ptr<ReviewArgs> a) {
  auto* sample = review->add_subcommand("sample", "Draw the cases of a target group at random from a list");
  sample->add_option("--area", a->area_id, "Review area")->required();
  sample->add_option("--period", a->period, "2024Q3, 2024H2 or 2024-09")->required();
  sample->add_option("--group", a->group, "Target group")->required();
  sample->add_option("--list", a->list, "File of case references, one a line (or CSV with a case column)")
      ->required();
  sample->add_option("--size", a->size, "Cases to draw (default: the area's sample size)")->check(CLI::PositiveNumber);
  auto* seed = sample->add_option("--seed", a->seed, "Repeat an earlier draw (default: a fresh random seed)");
  sample->add_option("--review-date", a->review_date, "Default: the period's last day");
  sample->callback([&ctx, a, seed] {
    auto text = read_file(a->list, ctx);
    if (!text) return;
    KeyedDatabase db(ctx);
    review::SampleRequest req{a->area_id, a->period, given(a->review_date), a->group, *text,
                              a->size > 0 ? std::optional(a->size) : std::nullopt,
                              seed->count() ? std::optional(a->seed) : std::nullopt};
    auto done = review::sample_cases(db, staff::Actor::cli(), req);
    if (!done.ok()) return report(done.problems, "the sample", ctx);
    *ctx.out << "drew " << done.value->draw.cases.size() << " of " << done.value->population << " cases, seed "
             << done.value->seed << ", list sha256 " << done.value->draw.list_digest << "\n";
    for (const auto& c : done.value->draw.cases) *ctx.out << c << "\n";
  });

  auto* advise = review->add_subcommand(
      "advise", "Advise a sample size for a margin on the error share, or what zero errors in n cases prove");
  advise->add_option("--population", a->population, "Cases in the target group (finite population)")
      ->check(CLI::PositiveNumber);
  advise->add_option("--margin", a->margin, "Half-width of the 95 % interval, e.g. 0.05")->capture_default_str();
  advise->add_option("--expected", a->expected, "Expected error share (0.5 when unknown)")->capture_default_str();
  advise->add_option("--zero-errors", a->zero_errors, "Cases reviewed without any error")->check(CLI::PositiveNumber);
  advise->callback([&ctx, a] {
    auto population = a->population > 0 ? std::optional(a->population) : std::nullopt;
    try {
      if (a->zero_errors > 0) {
        auto b = stats::zero_error_upper_bound(a->zero_errors, population);
        *ctx.out << "0 errors in " << a->zero_errors << " cases: the error share is below " << b.share * 100
                 << " % (95 %, one-sided, exact)";
        if (b.errors_in_population) {
          *ctx.out << ", at most " << *b.errors_in_population << " of " << *population << " cases";
        }
        *ctx.out << "\n";
      } else {
        *ctx.out << stats::sample_size_for_margin(a->margin, population, 0.95, a->expected)
                 << " cases give a 95 % interval of ±" << a->margin * 100 << " percentage points\n";
      }
    } catch (const std::invalid_argument& e) {
      *ctx.err << "tilfreds: " << e.what() << "\n";
      ctx.exit_code = 2;
    }
  });
}

void add_plan_commands(CLI::App* review, Context& ctx, std::shared_ptr<ReviewArgs> a) {
  auto* actions = review->add_subcommand("actions", "Action plans (handleplaner) and their status");
  actions->require_subcommand(1);
  auto* import = actions->add_subcommand("import", "Import an action plan (JSON: area, period, actions)");
  import->add_option("FILE", a->file, "Plan JSON")->required();
  import->callback([&ctx, a] {
    auto text = read_file(a->file, ctx);
    if (!text) return;
    KeyedDatabase db(ctx);
    auto done = review::import_plan(db, staff::Actor::cli(), *text);
    if (!done.ok()) return report(done.problems, a->file, ctx);
    *ctx.out << "plan " << done.value->area << " " << done.value->period << ": " << done.value->actions
             << " actions, " << done.value->statuses << " new statuses\n";
  });
  auto* status = actions->add_subcommand("status", "Record the status of an action in a period");
  status->add_option("--area", a->status.area, "Review area")->required();
  status->add_option("--plan-period", a->status.plan_period, "The period the plan answers")->required();
  status->add_option("--action", a->status.number, "The action's number")->required();
  status->add_option("--period", a->status.period, "The period of the status")->required();
  status->add_option("--colour", a->status.colour, "green | yellow | red")->required();
  status->add_option("--text", a->status.text, "The status text")->required();
  status->callback([&ctx, a] {
    KeyedDatabase db(ctx);
    auto problems = review::set_action_status(db, staff::Actor::cli(), a->status);
    if (!problems.empty()) return report(problems, "the status", ctx);
    *ctx.out << "status recorded\n";
  });
}
}  // namespace

void add_review_commands(CLI::App& root, Context& ctx) {
  auto a = std::make_shared<ReviewArgs>();
  auto* review = root.add_subcommand("review", "Case review (ledelsestilsyn) and action plans");
  review->require_subcommand(1);
  add_area_commands(review, ctx, a);
  add_import_commands(review, ctx, a);
  add_sample_commands(review, ctx, a);
  add_plan_commands(review, ctx, a);
  auto* anonymise = review->add_subcommand("anonymise", "Clear the case references of reviews older than DAYS");
  anonymise->add_option("--older-than", a->older_than, "Days since the review date")
      ->required()
      ->check(CLI::Range(1, 100000));
  anonymise->callback([&ctx, a] {
    KeyedDatabase db(ctx);
    auto n = review::anonymise_reviews(db, staff::Actor::cli(), a->older_than, today_iso());
    *ctx.out << "anonymised " << n << " case references\n";
  });
}

}  // namespace tilfreds::intake::cli
