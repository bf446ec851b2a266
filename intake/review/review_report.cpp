#include "intake/review/review_report.h"

#include <set>

#include "stats/case_review.h"
#include "stats/proportion.h"

namespace tilfreds::intake::review {

namespace {
using reports::Block;
using reports::Cell;
using reports::Indicator;
using reports::MethodItem;
using reports::Row;
using reports::Section;
using reports::Table;
using nlohmann::json;

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

Block table_block(Table t) {
  Block b;
  b.kind = Block::Kind::kTable;
  b.table = std::move(t);
  return b;
}

Block paragraph(std::string text, bool headline = false) {
  Block b;
  b.kind = headline ? Block::Kind::kHeadline : Block::Kind::kParagraph;
  b.text = std::move(text);
  return b;
}

// Group ids in the newest scheme's order, then those only older schemes had.
std::vector<const TargetGroup*> groups_of(const ReviewData& d, const std::optional<std::string>& only) {
  std::vector<const TargetGroup*> out;
  std::set<std::string> seen;
  for (auto it = d.periods.rbegin(); it != d.periods.rend(); ++it) {
    for (const auto& g : it->scheme.groups) {
      if ((!only || g.id == *only) && seen.insert(g.id).second) out.push_back(&g);
    }
  }
  return out;
}

// Hidden groups per period: fewer than kMinPublishedCases cases, and when that
// leaves exactly one hidden group the smallest other one too, so the area total
// cannot give the hidden one away.
std::vector<std::set<std::string>> hidden_groups(const ReviewData& d) {
  std::vector<std::set<std::string>> out;
  for (const auto& p : d.periods) {
    std::set<std::string> hidden;
    const db::ReviewGroupCount* smallest = nullptr;
    for (const auto& [id, g] : p.groups) {
      if (g.cases > 0 && g.cases < kMinPublishedCases) {
        hidden.insert(id);
      } else if (!smallest || g.cases < smallest->cases) {
        smallest = &g;
      }
    }
    if (hidden.size() == 1 && smallest) hidden.insert(smallest->group_id);
    out.push_back(std::move(hidden));
  }
  return out;
}

std::string arrow_word(stats::Direction d) {
  return d == stats::Direction::kUp ? "up" : d == stats::Direction::kDown ? "down" : "same";
}

Indicator arrow_indicator(const stats::Arrow& a) {
  return {"", std::string(stats::direction_name(a.direction)), std::string(stats::tone_name(a.tone))};
}

struct GroupFigures {
  bool present = false;  // the period reviewed this group
  bool hidden = false;
  std::int64_t cases = 0, correct = 0;
  std::optional<stats::Light> light;
  std::optional<stats::ShareInterval> interval;
};

GroupFigures group_figures(const ReviewData& d, std::size_t i, const std::string& group,
                           const std::vector<std::set<std::string>>& hidden) {
  GroupFigures f;
  const PeriodData& p = d.periods[i];
  auto it = p.groups.find(group);
  if (it == p.groups.end()) return f;
  f.present = true;
  f.hidden = hidden[i].count(group) > 0;
  f.cases = it->second.cases;
  f.correct = it->second.correct_cases;
  f.light = stats::review_light(f.correct, f.cases, {d.area.green_from, d.area.yellow_from});
  stats::ShareOptions o;
  if (auto s = p.samples.find(group); s != p.samples.end()) o.population = s->second.population;
  if (!o.population || *o.population >= f.cases) f.interval = stats::share_interval(f.correct, f.cases, o);
  return f;
}

Cell share_cell(const GroupFigures& f) {
  if (!f.present) return Cell::missing();
  if (f.hidden) return Cell::hidden();
  Cell c = Cell::percent(100.0 * static_cast<double>(f.correct) / static_cast<double>(f.cases), 1);
  if (f.interval) {
    c.low = 100.0 * f.interval->interval.lower;
    c.high = 100.0 * f.interval->interval.upper;
  }
  if (f.light) c.indicator = Indicator{std::string(stats::light_name(*f.light)), "", ""};
  return c;
}

std::int64_t point_errors(const PeriodData& p, const std::string& group, const std::string& point) {
  auto it = p.points.find({group, point});
  return it == p.points.end() ? 0 : it->second.errors;
}

// The headline sentences the committee quotes: the change of all errors from the
// first period to the last, and in how many groups errors fell since the one before.
std::vector<Block> headlines(const ReviewData& d, const std::vector<const TargetGroup*>& groups,
                             const reports::ReportTexts& texts) {
  std::vector<Block> out;
  if (d.periods.size() < 2) return out;
  const PeriodData& first = d.periods.front();
  const PeriodData& last = d.periods.back();
  const PeriodData& before = d.periods[d.periods.size() - 2];
  if (auto change = stats::relative_change(first.errors, last.errors)) {
    const char* key = *change < 0 ? "review_headline_fall" : *change > 0 ? "review_headline_rise" : "review_headline_same";
    out.push_back(paragraph(texts.fill(key, {{"percent", texts.number(std::abs(*change) * 100, 0)},
                                             {"from", first.review.period},
                                             {"to", last.review.period},
                                             {"before", std::to_string(first.errors)},
                                             {"after", std::to_string(last.errors)}}),
                            true));
  }
  int compared = 0, fewer = 0, more = 0;
  for (const auto* g : groups) {
    if (!before.groups.count(g->id) || !last.groups.count(g->id)) continue;
    std::int64_t a = 0, b = 0;
    for (const auto& [key, pt] : before.points) a += key.first == g->id ? pt.errors : 0;
    for (const auto& [key, pt] : last.points) b += key.first == g->id ? pt.errors : 0;
    ++compared;
    fewer += b < a;
    more += b > a;
  }
  if (compared > 1) {
    out.push_back(paragraph(texts.fill("review_headline_groups", {{"fewer", std::to_string(fewer)},
                                                                  {"more", std::to_string(more)},
                                                                  {"groups", std::to_string(compared)},
                                                                  {"from", before.review.period},
                                                                  {"to", last.review.period}}),
                            true));
  }
  return out;
}

std::vector<MethodItem> review_method(const ReviewData& d, const reports::ReportTexts& texts) {
  std::vector<MethodItem> note;
  auto item = [&](const std::string& key, std::string text, bool warning = false) {
    note.push_back({texts.get(key), std::move(text), warning});
  };
  item("review_method_area", texts.fill("review_method_area_text",
                                        {{"name", d.area.name},
                                         {"risk", texts.get("review_risk_" + d.area.risk)},
                                         {"frequency", texts.get("review_frequency_" + d.area.frequency)}}));
  std::map<std::int64_t, std::vector<std::string>> by_version;
  std::map<std::int64_t, const Scheme*> schemes;
  for (const auto& p : d.periods) {
    by_version[p.scheme.version].push_back(p.review.period);
    schemes[p.scheme.version] = &p.scheme;
  }
  std::vector<std::string> versions;
  for (const auto& [v, periods] : by_version) {
    versions.push_back(texts.fill("review_method_scheme_text", {{"version", std::to_string(v)},
                                                                {"valid_from", schemes[v]->valid_from},
                                                                {"periods", join(periods, ", ")}}));
  }
  item("review_method_scheme", join(versions, "; "));
  for (std::size_t i = 1; i < d.periods.size(); ++i) {
    const Scheme& a = d.periods[i - 1].scheme;
    const Scheme& b = d.periods[i].scheme;
    if (a.version == b.version) continue;
    auto change = compare_schemes(a, b);
    const std::string none = texts.get("review_method_none");
    item("review_method_comparability",
         texts.fill("review_method_comparability_text",
                    {{"from", d.periods[i - 1].review.period},
                     {"to", d.periods[i].review.period},
                     {"version_from", std::to_string(a.version)},
                     {"version_to", std::to_string(b.version)},
                     {"added", change.added.empty() ? none : join(change.added, ", ")},
                     {"removed", change.removed.empty() ? none : join(change.removed, ", ")}}),
         true);
  }
  std::vector<std::string> sizes;
  for (const auto& p : d.periods) {
    std::int64_t cases = 0;
    for (const auto& [id, g] : p.groups) cases += g.cases;
    std::string s = texts.fill("review_method_sample_text", {{"period", p.review.period},
                                                             {"cases", std::to_string(cases)},
                                                             {"groups", std::to_string(p.groups.size())},
                                                             {"date", p.review.review_date}});
    std::vector<std::string> draws;
    for (const auto& [id, smp] : p.samples) {
      draws.push_back(texts.fill("review_method_draw_text", {{"group", id},
                                                             {"size", std::to_string(smp.size)},
                                                             {"population", std::to_string(smp.population)},
                                                             {"seed", std::to_string(smp.seed)}}));
    }
    if (!draws.empty()) s += " (" + join(draws, ", ") + ")";
    sizes.push_back(s);
  }
  item("review_method_sample", join(sizes, "; "));
  item("review_method_age", texts.get("review_method_age_text"));
  item("review_method_light", texts.fill("review_method_light_text",
                                         {{"green", std::to_string(d.area.green_from)},
                                          {"yellow", std::to_string(d.area.yellow_from)},
                                          {"yellow_to", std::to_string(std::max(d.area.yellow_from, d.area.green_from - 1))},
                                          {"red_to", std::to_string(std::max(0, d.area.yellow_from - 1))}}));
  item("review_method_arrow", texts.get("review_method_arrow_text"));
  item("review_method_interval", texts.get("review_method_interval_text"));
  item("review_method_suppression",
       texts.fill("review_method_suppression_text", {{"threshold", std::to_string(kMinPublishedCases)}}));
  return note;
}
}  // namespace

reports::Document review_report(const ReviewData& d, const reports::ReportRequest& request,
                                const reports::ReportTexts& texts) {
  const std::string& lang = texts.lang();
  const std::optional<std::string> only = request.group ? std::optional(request.group->value) : std::nullopt;
  const auto groups = groups_of(d, only);
  const auto hidden = hidden_groups(d);
  std::vector<std::string> labels;
  for (const auto& p : d.periods) labels.push_back(p.review.period);

  reports::Document doc;
  doc.id = "review";
  doc.lang = lang;
  doc.title = texts.fill("review_title", {{"area", d.area.name}});
  doc.subtitle = texts.fill("review_subtitle", {{"periods", join(labels, ", ")}});
  if (only && !groups.empty()) doc.subtitle += " · " + survey::text_in(groups.front()->label, lang);

  json figures = {{"area", {{"id", d.area.id}, {"name", d.area.name}, {"risk", d.area.risk},
                            {"frequency", d.area.frequency}}},
                  {"periods", json::array()}};
  if (only) figures["group"] = *only;

  // The area's totals, one row per period.
  Table totals;
  totals.id = "review_totals";
  totals.caption = texts.get("review_totals_caption");
  totals.corner = texts.get("review_corner_period");
  totals.columns = {texts.get("review_column_cases"),  texts.get("review_column_correct"),
                    texts.get("review_column_share"),  texts.get("review_column_errors"),
                    texts.get("review_column_new"),    texts.get("review_column_old"),
                    texts.get("review_column_change")};
  for (std::size_t i = 0; i < d.periods.size(); ++i) {
    const PeriodData& p = d.periods[i];
    std::int64_t cases = 0, correct = 0, fresh = 0, old = 0;
    for (const auto& [id, g] : p.groups) {
      cases += g.cases;
      correct += g.correct_cases;
    }
    for (const auto& [key, pt] : p.points) {
      fresh += pt.new_errors;
      old += pt.old_errors;
    }
    GroupFigures all;
    all.present = cases > 0;
    all.cases = cases;
    all.correct = correct;
    if (cases > 0) {
      all.light = stats::review_light(correct, cases, {d.area.green_from, d.area.yellow_from});
      all.interval = stats::share_interval(correct, cases);
    }
    Row row;
    row.header = p.review.period;
    row.cells = {Cell::count(cases), Cell::count(correct), share_cell(all), Cell::count(p.errors),
                 Cell::count(fresh), Cell::count(old)};
    json period = {{"period", p.review.period}, {"review_date", p.review.review_date},
                   {"scheme_version", p.scheme.version}, {"errors", p.errors}, {"new_errors", fresh},
                   {"old_errors", old}, {"groups", json::array()}};
    if (i == 0) {
      row.cells.push_back(Cell::missing());
    } else if (auto change = stats::relative_change(d.periods[i - 1].errors, p.errors)) {
      row.cells.push_back(Cell::percent(*change * 100, 0));
      period["change_from_previous"] = *change;
    } else {
      row.cells.push_back(Cell::missing());
      period["change_from_previous"] = nullptr;
    }
    totals.rows.push_back(std::move(row));
    figures["periods"].push_back(std::move(period));
  }
  totals.footnotes.push_back({"", texts.get("review_totals_footnote")});

  // One light per group and period: the overview the committee reads first.
  Table lights;
  lights.id = "review_lights";
  lights.caption = texts.get("review_lights_caption");
  lights.corner = texts.get("review_corner_group");
  lights.columns = labels;
  for (const auto* g : groups) {
    Row row;
    row.header = survey::text_in(g->label, lang);
    for (std::size_t i = 0; i < d.periods.size(); ++i) row.cells.push_back(share_cell(group_figures(d, i, g->id, hidden)));
    lights.rows.push_back(std::move(row));
  }

  Section summary{texts.get("review_section_summary"), headlines(d, groups, texts)};
  summary.blocks.push_back(table_block(std::move(totals)));
  summary.blocks.push_back(table_block(std::move(lights)));
  doc.sections.push_back(std::move(summary));

  // Per group: its cases and share, then errors per control point.
  for (const auto* g : groups) {
    Section s{survey::text_in(g->label, lang), {}};
    Table cases;
    cases.id = "review_" + g->id + "_cases";
    cases.caption = texts.fill("review_cases_caption", {{"group", s.heading}});
    cases.corner = texts.get("review_corner_period");
    cases.columns = {texts.get("review_column_cases"), texts.get("review_column_correct"),
                     texts.get("review_column_share")};
    Table points;
    points.id = "review_" + g->id + "_points";
    points.caption = texts.fill("review_points_caption", {{"group", s.heading}});
    points.corner = texts.get("review_corner_point");
    for (const auto& label : labels) {
      points.columns.push_back(texts.fill("review_column_errors_in", {{"period", label}}));
      points.columns.push_back(texts.fill("review_column_new_in", {{"period", label}}));
      points.columns.push_back(texts.fill("review_column_old_in", {{"period", label}}));
    }
    // Control points in the newest scheme's order, then those only older schemes had.
    std::vector<const ControlPoint*> cps;
    std::set<std::string> seen;
    for (auto it = d.periods.rbegin(); it != d.periods.rend(); ++it) {
      if (const TargetGroup* tg = it->scheme.find(g->id)) {
        for (const auto& cp : tg->control_points) {
          if (seen.insert(cp.id).second) cps.push_back(&cp);
        }
      }
    }
    std::vector<json> group_json(d.periods.size());
    for (std::size_t i = 0; i < d.periods.size(); ++i) {
      GroupFigures f = group_figures(d, i, g->id, hidden);
      Row row;
      row.header = d.periods[i].review.period;
      if (!f.present) {
        row.cells = {Cell::missing(), Cell::missing(), Cell::missing()};
      } else if (f.hidden) {
        row.cells = {Cell::hidden(), Cell::hidden(), Cell::hidden()};
        row.note = texts.get("review_note_too_few");
      } else {
        row.cells = {Cell::count(f.cases), Cell::count(f.correct), share_cell(f)};
      }
      cases.rows.push_back(std::move(row));
      if (!f.present) continue;
      json gj = {{"id", g->id}};
      if (f.hidden) {
        gj["hidden"] = true;
      } else {
        gj["cases"] = f.cases;
        gj["correct_cases"] = f.correct;
        gj["share_correct"] = static_cast<double>(f.correct) / static_cast<double>(f.cases);
        gj["light"] = std::string(stats::light_name(*f.light));
        if (f.interval) gj["share_correct_interval"] = {f.interval->interval.lower, f.interval->interval.upper};
        gj["control_points"] = json::array();
      }
      group_json[i] = std::move(gj);
    }
    for (const auto* cp : cps) {
      Row row;
      row.header = survey::text_in(cp->text, lang);
      row.note = texts.get("review_category_" + cp->category) + ", " + texts.get("review_source_" + cp->source);
      for (std::size_t i = 0; i < d.periods.size(); ++i) {
        const PeriodData& p = d.periods[i];
        const TargetGroup* tg = p.scheme.find(g->id);
        GroupFigures f = group_figures(d, i, g->id, hidden);
        if (!tg || !tg->find(cp->id) || !f.present) {
          row.cells.insert(row.cells.end(), {Cell::missing(), Cell::missing(), Cell::missing()});
          continue;
        }
        if (f.hidden) {
          row.cells.insert(row.cells.end(), {Cell::hidden(), Cell::hidden(), Cell::hidden()});
          continue;
        }
        auto it = p.points.find({g->id, cp->id});
        const db::ReviewPointCount pc = it == p.points.end() ? db::ReviewPointCount{} : it->second;
        Cell errors = Cell::count(pc.errors);
        json cj = {{"id", cp->id}, {"category", cp->category}, {"source", cp->source}, {"checked", pc.checked},
                   {"errors", pc.errors}, {"new_errors", pc.new_errors}, {"old_errors", pc.old_errors}};
        // An arrow only against a previous review that had the point and published the group.
        if (i > 0) {
          const PeriodData& prev = d.periods[i - 1];
          const TargetGroup* ptg = prev.scheme.find(g->id);
          GroupFigures pf = group_figures(d, i - 1, g->id, hidden);
          if (ptg && ptg->find(cp->id) && pf.present && !pf.hidden) {
            auto a = stats::arrow(point_errors(prev, g->id, cp->id), pc.errors, stats::Polarity::kUpIsBad);
            errors.indicator = arrow_indicator(a);
            cj["arrow"] = arrow_word(a.direction);
          }
        }
        row.cells.push_back(errors);
        row.cells.push_back(Cell::count(pc.new_errors));
        row.cells.push_back(Cell::count(pc.old_errors));
        group_json[i]["control_points"].push_back(std::move(cj));
      }
      points.rows.push_back(std::move(row));
    }
    points.footnotes.push_back({"", texts.get("review_points_footnote")});
    for (std::size_t i = 0; i < d.periods.size(); ++i) {
      if (!group_json[i].is_null()) figures["periods"][i]["groups"].push_back(std::move(group_json[i]));
    }
    s.blocks.push_back(table_block(std::move(cases)));
    s.blocks.push_back(table_block(std::move(points)));
    doc.sections.push_back(std::move(s));
  }
  doc.method = review_method(d, texts);
  doc.figures = std::move(figures);
  return doc;
}

}  // namespace tilfreds::intake::review
