#include "intake/cli/report_command.h"

#include <chrono>
#include <fstream>
#include <memory>

#include "db/survey_store.h"
#include "intake/cli/keyed_database.h"
#include "intake/complaints/statistics.h"
#include "intake/dates.h"
#include "intake/offers/provider_report.h"
#include "intake/reports/build_report.h"
#include "intake/reports/render.h"
#include "intake/reports/render_pdf.h"
#include "intake/settings/site_frame.h"

namespace tilfreds::intake::cli {

namespace {
constexpr int kRefused = 1;
// A report slower than this says on stderr what it did and how long it took.
constexpr auto kSlow = std::chrono::seconds(2);

struct ReportCliArgs {
  reports::ReportArgs request;
  offers::OfferReportArgs offers;
  std::string out;
};

void list(const Problems& problems, Context& ctx) {
  *ctx.err << "tilfreds: the report was not made, " << problems.size()
           << (problems.size() == 1 ? " problem" : " problems") << ":\n";
  for (const auto& p : problems) *ctx.err << "  " << p << "\n";
  ctx.exit_code = kRefused;
}

bool write_file(const std::string& path, const std::string& bytes, Context& ctx) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out) {
    *ctx.err << "tilfreds: cannot write " << path << ": check the path and permissions\n";
    ctx.exit_code = kRefused;
    return false;
  }
  *ctx.out << "wrote " << path << " (" << bytes.size() << " bytes)\n";
  return true;
}

// `report offers`: the quality overview of the offers, whole, for one provider,
// or one file per provider in a zip (intake/offers/provider_report.h).
void offer_report(ReportCliArgs& a, Context& ctx) {
  KeyedDatabase db(ctx);
  a.offers.format = a.request.format;
  a.offers.lang = a.request.lang;
  if (!a.request.survey.empty()) a.offers.survey = a.request.survey;
  auto request = offers::parse_offer_report(db, a.offers, today_iso());
  if (!request.ok()) return list(request.problems, ctx);
  web::Renderer renderer;
  settings::publish(db, renderer);  // the municipality's name and contact on the document
  std::string bytes;
  try {
    bytes = offers::offer_report_file(db, *request.value, renderer);
  } catch (const reports::PdfEngineMissing& e) {
    return list({{"--format", e.what()}}, ctx);
  }
  write_file(a.out, bytes, ctx);
}
// `report complaints`: the complaint statistics per offer of /statistik/klager, for
// --period (default the last whole half-year, as the page), the same marks.
void complaint_report(ReportCliArgs& a, Context& ctx) {
  const auto format = reports::parse_format(a.request.format);
  Problems problems;
  if (!format || *format == reports::Format::kText) problems.push_back({"--format", "html, pdf, csv, xlsx or json"});
  const auto period = a.offers.period.empty() ? std::optional(complaints::previous_period(complaints::period_of(today_iso())))
                                              : complaints::parse_period(a.offers.period);
  if (!period) problems.push_back({"--period", "a half-year such as 2026H1"});
  if (!problems.empty()) return list(problems, ctx);
  KeyedDatabase db(ctx);
  web::Renderer renderer;
  std::string bytes;
  try {
    bytes = reports::render(complaints::complaint_statistics(db, *period, renderer, a.request.lang), *format, renderer).bytes;
  } catch (const reports::PdfEngineMissing& e) {
    return list({{"--format", e.what()}}, ctx);
  }
  write_file(a.out, bytes, ctx);
}
}  // namespace

void add_report_command(CLI::App& root, Context& ctx) {
  auto a = std::make_shared<ReportCliArgs>();
  auto* cmd = root.add_subcommand(
      "report", "Committee reports from the stored counts: comparison, total, group, rates, comments, committee; "
                "offers: the quality overview of the offers per half-year; complaints: the complaint statistics "
                "per offer; case review: review, actions, review-overview");
  cmd->add_option("kind", a->request.kind,
                  "comparison | total | group | rates | comments | committee | offers | complaints | review | "
                  "actions | review-overview")
      ->required()
      ->check(CLI::IsMember({"comparison", "total", "group", "rates", "comments", "committee", "offers", "complaints",
                             "review", "actions", "review-overview"}));
  cmd->add_option("--survey", a->request.survey, "Questionnaire id, e.g. jobcenter (offers: of --wave)");
  cmd->add_option("--waves", a->request.waves,
                  "Wave labels, oldest first, e.g. 2022,2023,2024 (default: every closed wave of the survey)");
  cmd->add_option("--area", a->request.area, "Case-review area, e.g. jobcenter (review, actions)");
  cmd->add_option("--periods", a->request.periods, "Review periods, e.g. 2024Q1,2024Q2,2024Q3 (case review)");
  cmd->add_option("--period", a->offers.period, "offers, complaints: the half-year, e.g. 2026H1");
  cmd->add_option("--provider", a->offers.provider, "offers: only this provider's offers (the version sent to it)");
  cmd->add_option("--wave", a->offers.wave,
                  "offers: the wave whose frame column tilbud gives satisfaction (default: the latest such wave)");
  cmd->add_flag("--per-provider", a->offers.per_provider,
                "offers: a zip with one file per provider in --format (--format zip: HTML files)");
  cmd->add_option("--group", a->request.group,
                  "Benefit group (e.g. dagpenge) or COLUMN=VALUE of the frame (e.g. tilbud=praktik); "
                  "for review a target group");
  cmd->add_option("--format", a->request.format,
                  "html | pdf | csv | xlsx | json | txt (committee text) | zip (offers)")
      ->required()
      ->check(CLI::IsMember({"html", "pdf", "csv", "xlsx", "json", "txt", "zip"}));
  cmd->add_option("--out", a->out, "File to write")->required();
  cmd->add_option("--lang", a->request.lang, "da | en")
      ->capture_default_str()
      ->check(CLI::IsMember({"da", "en"}));
  cmd->callback([&ctx, a] {
    if (a->request.kind == "offers") return offer_report(*a, ctx);
    if (a->request.kind == "complaints") return complaint_report(*a, ctx);
    Problems usage;
    const bool review = reports::is_review_kind(*reports::parse_kind(a->request.kind));
    if (review && (a->request.area.empty() && a->request.kind != "review-overview")) {
      usage.push_back({"--area", "required for a " + a->request.kind + " report"});
    }
    if (review && a->request.periods.empty()) usage.push_back({"--periods", "required for a " + a->request.kind + " report"});
    if (!review && a->request.survey.empty()) usage.push_back({"--survey", "required for a " + a->request.kind + " report"});
    if (a->request.format == "zip") usage.push_back({"--format", "zip is for the offers report"});
    if (!a->offers.period.empty() || !a->offers.provider.empty() || a->offers.per_provider) {
      usage.push_back({"--period", "--period, --provider and --per-provider are for the offers report"});
    }
    if (!usage.empty()) {
      list(usage, ctx);
      ctx.exit_code = 2;
      return;
    }
    const auto start = std::chrono::steady_clock::now();
    KeyedDatabase db(ctx);
    if (!review && a->request.waves.empty()) {
      // An open wave is not a year (issue 13): by default only closed waves.
      const std::string today = today_iso();
      for (const auto& w : db.read([](db::Connection& c) { return db::all_waves(c); })) {
        if (w.survey_id != a->request.survey || reports::wave_is_open(w, today)) continue;
        a->request.waves += (a->request.waves.empty() ? "" : ",") + w.label;
      }
      if (a->request.waves.empty()) {
        return list({{"--waves", "no closed wave of survey " + a->request.survey + ": name the waves with --waves"}}, ctx);
      }
    }
    auto request = reports::parse_report_request(db, a->request);
    if (!request.ok()) return list(request.problems, ctx);
    web::Renderer renderer;
    settings::publish(db, renderer);  // the municipality's name and contact on the document
    auto document = reports::build_report(db, *request.value, renderer);
    if (!document.ok()) return list(document.problems, ctx);
    reports::Rendered rendered;
    try {
      rendered = reports::render(*document.value, request.value->format, renderer);
    } catch (const reports::PdfEngineMissing& e) {
      return list({{"--format", e.what()}}, ctx);
    }
    if (!write_file(a->out, rendered.bytes, ctx)) return;
    const auto took = std::chrono::steady_clock::now() - start;
    if (took > kSlow) {
      *ctx.err << "tilfreds: " << reports::kind_name(request.value->kind) << " report of "
               << request.value->waves.size() << " waves took "
               << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms\n";
    }
  });
}

}  // namespace tilfreds::intake::cli
