#include "intake/offers/provider_report.h"

#include <algorithm>
#include <set>

#include "db/response_store.h"
#include "db/survey_store.h"
#include "intake/complaints/statistics.h"
#include "intake/offers/overview_columns.h"
#include "intake/offers/quality_input.h"
#include "intake/zip_archive.h"
#include "intake/reports/render.h"
#include "intake/survey/fieldwork.h"

namespace tilfreds::intake::offers {

namespace {
// Every report format but the committee's plain text.
std::optional<reports::Format> format_of(const std::string& s) {
  auto f = reports::parse_format(s);
  return f == reports::Format::kText ? std::nullopt : f;
}
}  // namespace

std::string file_slug(const std::string& name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    std::string two = name.substr(i, 2);
    if (two == "æ" || two == "Æ") {
      out += "ae", ++i;
    } else if (two == "ø" || two == "Ø") {
      out += "oe", ++i;
    } else if (two == "å" || two == "Å") {
      out += "aa", ++i;
    } else if (std::isalnum(c) && c < 128) {
      out += static_cast<char>(std::tolower(c));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "leverandoer" : out;
}

std::optional<std::int64_t> latest_offer_wave(db::Database& db) {
  return db.read([](db::Connection& c) -> std::optional<std::int64_t> {
    std::optional<db::WaveRow> best;
    for (const auto& w : db::all_waves(c)) {
      if (db::respondent_counts(c, w.id, "tilbud").empty()) continue;
      auto key = [](const db::WaveRow& x) { return std::make_pair(x.opens.value_or(""), x.label); };
      if (!best || key(w) > key(*best)) best = w;
    }
    if (!best) return std::nullopt;
    return best->id;
  });
}

Result<OfferReportRequest> parse_offer_report(db::Database& db, const OfferReportArgs& a, const std::string& today) {
  OfferReportRequest r;
  Problems problems;
  if (auto p = complaints::parse_period(a.period)) {
    r.period = *p;
    if (period_problem(a.period, today)) problems.push_back({"--period", "the half-year " + a.period + " has not begun"});
  } else {
    problems.push_back({"--period", "write the half-year as YYYYH1 or YYYYH2, e.g. 2026H1"});
  }
  r.zip = a.per_provider || a.format == "zip";
  if (a.format == "zip") {
    r.format = reports::Format::kHtml;
  } else if (auto f = format_of(a.format)) {
    r.format = *f;
  } else {
    problems.push_back({"--format", "unknown format '" + a.format + "': use html, pdf, csv, xlsx, json or zip"});
  }
  if (a.lang == "da" || a.lang == "en") {
    r.lang = a.lang;
  } else {
    problems.push_back({"--lang", "unknown language '" + a.lang + "': use da or en"});
  }
  if (!a.provider.empty()) {
    if (r.zip) problems.push_back({"--provider", "a zip holds every provider: leave out --provider or --per-provider"});
    for (const auto& p : db.read([](db::Connection& c) { return db::list_providers(c); })) {
      if (p.name == a.provider) r.provider = p;
    }
    if (!r.provider) problems.push_back({"--provider", "there is no provider '" + a.provider + "' (see tilfreds offer list)"});
  }
  if (!a.wave.empty()) {
    auto wave = survey::find_wave(db, a.wave, a.survey);
    if (wave.ok()) {
      r.wave_id = wave.value->id;
    } else {
      problems.push_back({"--wave", "there is no wave '" + a.wave + "' of " + a.survey});
    }
  } else {
    r.wave_id = latest_offer_wave(db);
  }
  if (!problems.empty()) return {std::nullopt, problems};
  return {r, {}};
}

reports::Document offer_report(db::Database& db, const complaints::Period& period, std::optional<std::int64_t> wave_id,
                               const std::optional<db::ProviderRow>& provider, const web::Renderer& renderer,
                               const std::string& lang) {
  auto doc = complaints::quality_overview(db, period, wave_id, renderer, lang, quality_thresholds(db));
  if (!provider) return doc;
  std::set<std::string> own;
  for (const auto& o : db.read([](db::Connection& c) { return db::list_offers(c); })) {
    if (o.provider_id == provider->id) own.insert(o.name);
  }
  // Every table of the overview has one row per offer, headed by its name.
  for (auto& section : doc.sections) {
    for (auto& block : section.blocks) {
      if (!block.table) continue;
      auto& rows = block.table->rows;
      rows.erase(std::remove_if(rows.begin(), rows.end(), [&](const reports::Row& row) { return !own.count(row.header); }),
                 rows.end());
    }
  }
  doc.id += "_" + file_slug(provider->name);
  doc.subtitle = provider->name + " · " + doc.subtitle;
  return doc;
}

std::string offer_report_file(db::Database& db, const OfferReportRequest& q, const web::Renderer& renderer) {
  if (!q.zip) {
    return reports::render(offer_report(db, q.period, q.wave_id, q.provider, renderer, q.lang), q.format, renderer).bytes;
  }
  std::vector<ZipEntry> entries;
  auto [providers, offers] = db.read([](db::Connection& c) {
    return std::make_pair(db::list_providers(c), db::list_offers(c));
  });
  for (const auto& p : providers) {
    if (std::none_of(offers.begin(), offers.end(), [&](const db::OfferRow& o) { return o.provider_id == p.id; })) {
      continue;
    }
    auto out = reports::render(offer_report(db, q.period, q.wave_id, p, renderer, q.lang), q.format, renderer);
    entries.push_back({out.file_name, out.bytes});
  }
  return write_zip(entries);
}

}  // namespace tilfreds::intake::offers
