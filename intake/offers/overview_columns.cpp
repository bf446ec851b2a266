#include "intake/offers/overview_columns.h"

#include <algorithm>
#include <map>

#include "db/offer_quality_store.h"
#include "db/offer_store.h"
#include "db/response_store.h"
#include "db/survey_store.h"
#include "stats/indicator.h"
#include "stats/proportion.h"
#include "stats/suppression.h"
#include "stats/two_proportions.h"

namespace tilfreds::intake::offers {

namespace {
using reports::Cell;

bool small(std::int64_t n) { return n > 0 && n < stats::kDefaultSuppressionThreshold; }

int smiley_rank(const std::string& s) { return s == "glad" ? 2 : s == "neutral" ? 1 : 0; }

std::string light_of(const std::string& smiley) {
  return smiley == "glad" ? "green" : smiley == "neutral" ? "yellow" : "red";
}

template <typename Row>
std::map<std::int64_t, Row> by_offer(const std::vector<Row>& rows) {
  std::map<std::int64_t, Row> out;
  for (const auto& r : rows) out[r.offer_id] = r;
  return out;
}

// The effect share in percent with its Wilson interval; hidden below the
// suppression threshold, as every share of few people is.
Cell effect_cell(const db::EffectRow& e, const std::optional<db::EffectRow>& before,
                 const std::optional<std::pair<int, int>>& target) {
  if (e.ended == 0) return Cell::missing();
  if (small(e.ended)) return Cell::hidden();
  std::int64_t k = e.in_work + e.in_education;
  auto ci = stats::proportion_interval(k, e.ended);
  Cell c = Cell::percent(100.0 * ci->estimate);
  c.low = 100.0 * ci->lower;
  c.high = 100.0 * ci->upper;
  reports::Indicator mark;
  if (target) {
    auto light = stats::traffic_light(k, e.ended, stats::LightThresholds{target->first, target->second});
    mark.light = std::string(stats::light_name(*light));
  }
  if (before && before->ended >= stats::kDefaultSuppressionThreshold) {
    auto change = stats::compare_proportions(before->in_work + before->in_education, before->ended, k, e.ended);
    auto a = stats::arrow(stats::decide(change->p, change->difference), stats::Polarity::kUpIsGood);
    mark.direction = std::string(stats::direction_name(a.direction));
    mark.tone = std::string(stats::tone_name(a.tone));
  }
  if (!mark.light.empty() || !mark.direction.empty()) c.indicator = mark;
  return c;
}

std::string method_text(const web::Renderer& r, const std::string& lang, const std::string& key) {
  return r.text(lang, "offer_method_" + key);
}
}  // namespace

std::string smiley_shape(const std::string& smiley) {
  if (smiley == "glad") return "☺";
  if (smiley == "neutral") return "😐";
  return "☹";
}

Cell smiley_cell(const std::string& smiley, const web::Renderer& r, const std::string& lang) {
  Cell c = Cell::text_cell(smiley_shape(smiley) + " " + r.text(lang, "offer_smiley_" + smiley));
  c.indicator = reports::Indicator{light_of(smiley), "", ""};
  return c;
}

std::map<std::string, std::pair<std::int64_t, std::int64_t>> satisfaction_by_offer(db::Database& db,
                                                                                   std::int64_t wave_id) {
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> out;
  for (const auto& row : db.read([&](db::Connection& c) { return db::answer_counts(c, wave_id, "tilbud"); })) {
    if (row.question_id != "tilfreds_alt_i_alt") continue;
    auto& [top2, n] = out[row.dim_value];
    n += row.n;
    if (row.answer == "i_hoej_grad" || row.answer == "i_nogen_grad") top2 += row.n;
  }
  return out;
}

std::optional<std::int64_t> previous_offer_wave(db::Database& db, std::int64_t wave_id) {
  return db.read([&](db::Connection& c) -> std::optional<std::int64_t> {
    auto now = db::find_wave(c, wave_id);
    if (!now) return std::nullopt;
    auto key = [](const db::WaveRow& w) { return std::make_pair(w.opens.value_or(""), w.label); };
    std::optional<db::WaveRow> best;
    for (const auto& w : db::all_waves(c)) {
      if (w.survey_id != now->survey_id || !(key(w) < key(*now))) continue;
      if (best && !(key(*best) < key(w))) continue;
      if (!db::respondent_counts(c, w.id, "tilbud").empty()) best = w;
    }
    if (!best) return std::nullopt;
    return best->id;
  });
}

complaints::QualityThresholds quality_thresholds(db::Database& db) {
  complaints::QualityThresholds th;
  for (const auto& t : db.read([](db::Connection& c) { return db::list_targets(c); })) {
    if (t.column == "satisfaction") {
      th.satisfaction_green = t.green_from;
      th.satisfaction_yellow = t.yellow_from;
    } else if (t.column == "not_upheld") {
      th.not_upheld_green = t.green_from;
      th.not_upheld_yellow = t.yellow_from;
    }
  }
  return th;
}

std::optional<std::pair<int, int>> effect_target(db::Database& db) {
  for (const auto& t : db.read([](db::Connection& c) { return db::list_targets(c); })) {
    if (t.column == "effect") return std::pair{t.green_from, t.yellow_from};
  }
  return std::nullopt;
}

namespace {
// The arrow of each offer's satisfaction (column 1) against the previous wave: the
// survey is yearly, so "before" is the previous measurement, not the half-year.
void satisfaction_arrows(db::Database& db, std::int64_t wave_id, reports::Table& t) {
  auto before_wave = previous_offer_wave(db, wave_id);
  if (!before_wave) return;
  auto now = satisfaction_by_offer(db, wave_id);
  auto before = satisfaction_by_offer(db, *before_wave);
  for (auto& row : t.rows) {
    auto a = now.find(row.header);
    auto b = before.find(row.header);
    if (a == now.end() || b == before.end()) continue;
    auto [k1, n1] = a->second;
    auto [k0, n0] = b->second;
    if (n1 < stats::kDefaultSuppressionThreshold || n0 < stats::kDefaultSuppressionThreshold) continue;
    auto change = stats::compare_proportions(k0, n0, k1, n1);
    auto arrow = stats::arrow(stats::decide(change->p, change->difference), stats::Polarity::kUpIsGood);
    reports::Cell& cell = row.cells[1];
    if (cell.kind != reports::CellKind::kPercent) continue;  // no arrow beside a hidden share
    if (!cell.indicator) cell.indicator = reports::Indicator{};
    cell.indicator->direction = std::string(stats::direction_name(arrow.direction));
    cell.indicator->tone = std::string(stats::tone_name(arrow.tone));
  }
}
}  // namespace

void add_quality_columns(db::Database& db, const complaints::Period& period, std::optional<std::int64_t> wave_id,
                         const std::vector<std::int64_t>& offer_ids, reports::Table& t, reports::Section& section,
                         std::vector<reports::MethodItem>& method, const web::Renderer& r, const std::string& lang) {
  if (wave_id) satisfaction_arrows(db, *wave_id, t);
  const std::string before_label = complaints::previous_period(period).label;
  struct Data {
    std::map<std::int64_t, db::AgeRow> ages;
    std::map<std::int64_t, db::EffectRow> effects, effects_before;
    std::map<std::int64_t, db::RatingRow> ratings, ratings_before;
  };
  Data d = db.read([&](db::Connection& c) {
    return Data{by_offer(db::list_ages(c, 0, period.label)), by_offer(db::list_effects(c, 0, period.label)),
                by_offer(db::list_effects(c, 0, before_label)), by_offer(db::current_ratings(c, period.label)),
                by_offer(db::current_ratings(c, before_label))};
  });
  auto target = effect_target(db);
  for (const char* key : {"under_30", "age_30_49", "age_50_plus", "effect", "ended", "smiley"}) {
    t.columns.push_back(r.text(lang, std::string("offer_column_") + key));
  }
  // Age bands: one additive line per offer (the bands and the citizens printed
  // beside them); no column totals are printed, so rows are independent.
  stats::CountTable bands;
  std::vector<std::size_t> band_rows;
  for (std::size_t i = 0; i < offer_ids.size(); ++i) {
    if (auto it = d.ages.find(offer_ids[i]); it != d.ages.end()) {
      bands.push_back({it->second.under_30, it->second.age_30_49, it->second.age_50_plus});
      band_rows.push_back(i);
    }
  }
  std::optional<stats::SuppressionResult> marks;
  if (!bands.empty()) {
    stats::SuppressionOptions options;
    options.column_totals_published = false;
    options.grand_total_published = false;
    marks = stats::suppress(bands, options);
  }
  reports::Table visits;
  visits.id = "supervision_per_offer";
  visits.caption = r.text(lang, "offer_visits_caption");
  visits.corner = t.corner;
  for (const char* key : {"smiley", "visited", "supervisor", "summary"}) {
    visits.columns.push_back(r.text(lang, std::string("offer_column_") + key));
  }
  for (std::size_t i = 0; i < offer_ids.size(); ++i) {
    auto& cells = t.rows[i].cells;
    auto band = std::find(band_rows.begin(), band_rows.end(), i);
    for (std::size_t j = 0; j < 3; ++j) {
      if (band == band_rows.end()) {
        cells.push_back(Cell::missing());
        continue;
      }
      std::size_t b = static_cast<std::size_t>(band - band_rows.begin());
      cells.push_back(marks->hidden(b, j) ? Cell::hidden() : Cell::count(bands[b][j]));
    }
    const std::int64_t id = offer_ids[i];
    if (auto e = d.effects.find(id); e != d.effects.end()) {
      std::optional<db::EffectRow> before;
      if (auto b = d.effects_before.find(id); b != d.effects_before.end()) before = b->second;
      cells.push_back(effect_cell(e->second, before, target));
      cells.push_back(small(e->second.ended) ? Cell::hidden() : Cell::count(e->second.ended));
    } else {
      cells.push_back(Cell::missing());
      cells.push_back(Cell::missing());
    }
    if (auto rt = d.ratings.find(id); rt != d.ratings.end()) {
      Cell c = smiley_cell(rt->second.smiley, r, lang);
      if (auto b = d.ratings_before.find(id); b != d.ratings_before.end()) {
        auto a = stats::arrow(smiley_rank(b->second.smiley), smiley_rank(rt->second.smiley),
                              stats::Polarity::kUpIsGood);
        c.indicator->direction = std::string(stats::direction_name(a.direction));
        c.indicator->tone = std::string(stats::tone_name(a.tone));
      }
      cells.push_back(c);
      visits.rows.push_back({t.rows[i].header,
                             {smiley_cell(rt->second.smiley, r, lang), Cell::text_cell(rt->second.visited_on),
                              Cell::text_cell(rt->second.supervisor), Cell::text_cell(rt->second.summary)},
                             ""});
    } else {
      cells.push_back(Cell::missing());
    }
  }
  if (!visits.rows.empty()) {
    reports::Block b;
    b.kind = reports::Block::Kind::kTable;
    b.table = visits;
    section.blocks.push_back(b);
  }

  std::string targets = method_text(r, lang, "targets");
  targets += target ? " " + r.text(lang, "offer_column_effect") + ": " + std::to_string(target->first) + "/" +
                          std::to_string(target->second) + " %."
                    : " " + method_text(r, lang, "no_effect_target");
  for (const char* key : {"effect", "ages", "smiley", "arrows"}) {
    method.push_back({r.text(lang, std::string("offer_method_") + key + "_label"), method_text(r, lang, key), false});
  }
  method.push_back({r.text(lang, "offer_method_targets_label"), targets, false});
}

}  // namespace tilfreds::intake::offers
