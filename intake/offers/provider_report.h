// The quality overview of the offers as a file: the committee's (every offer),
// the version sent to one provider (only that provider's offers), or a zip with
// one file per provider (`tilfreds report offers`). A provider's version is the
// overview with every other provider's rows taken out of every table; the rows
// hold counts and the supervisor's judgement of the offer, never a citizen, and
// every small count is already hidden (per row, so removing rows cannot reveal
// one).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "db/offer_store.h"
#include "intake/complaints/figures.h"
#include "intake/problem.h"
#include "intake/reports/document.h"
#include "intake/reports/report_request.h"
#include "intake/web/render.h"

namespace tilfreds::intake::offers {

// As typed on the command line.
struct OfferReportArgs {
  std::string period;    // --period 2026H1
  std::string provider;  // --provider NAME; "" = every offer
  std::string wave;      // --wave LABEL of the survey whose frame column `tilbud` names offers; "" = latest
  std::string survey = "jobcenter";
  std::string format;    // html | csv | xlsx | json | zip (= --per-provider with html)
  bool per_provider = false;
  std::string lang = "da";
};

struct OfferReportRequest {
  complaints::Period period;
  std::optional<db::ProviderRow> provider;
  std::optional<std::int64_t> wave_id;
  reports::Format format = reports::Format::kHtml;
  bool zip = false;
  std::string lang = "da";
};

// The request, or every problem (unknown period, provider, wave, format, a period
// not yet begun by `today`, --provider with --per-provider).
Result<OfferReportRequest> parse_offer_report(db::Database& db, const OfferReportArgs& args,
                                              const std::string& today);

// The latest wave (by opening date, then label) whose respondents carry the frame
// column `tilbud`, or nullopt: the satisfaction per offer comes from it.
std::optional<std::int64_t> latest_offer_wave(db::Database& db);

// The overview of `period` for `provider`'s offers only (every offer when nullopt).
reports::Document offer_report(db::Database& db, const complaints::Period& period,
                               std::optional<std::int64_t> wave_id, const std::optional<db::ProviderRow>& provider,
                               const web::Renderer& renderer, const std::string& lang);

// The file the request asks for: one rendered document, or a zip of one per
// provider that has offers. Throws std::runtime_error on a renderer fault.
std::string offer_report_file(db::Database& db, const OfferReportRequest& request, const web::Renderer& renderer);

// A provider's name as a file-name part: "Jobcenter Lejre" → "jobcenter-lejre".
std::string file_slug(const std::string& name);

}  // namespace tilfreds::intake::offers
