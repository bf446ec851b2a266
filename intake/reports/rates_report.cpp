// The rates report: one table of groups × waves — invited, ineligible,
// undeliverable, answered, the plain rate, RR1 and RR2 — so the years of a group
// sit under each other and the ineligible column makes RR1 followable by hand.
// Disclosure control per wave, as the group reports see it: a group whose
// respondents are hidden there (stats::protect_sizes) has its answered count and
// rates hidden here, and the answered/not-answered table of the wave is
// suppressed as a whole (a group where fewer than the threshold answered, or did
// not answer, could be recognised).
#include "intake/reports/build_report.h"
#include "intake/reports/disclosure.h"
#include "intake/reports/method_note.h"
#include "intake/reports/rate_columns.h"
#include "stats/response_rate.h"
#include "stats/suppression.h"

namespace tilfreds::intake::reports {

namespace {
struct GroupRow {
  std::string id;
  std::string label;
};

// Every group of any wave, in the newest questionnaire's order, then groups only
// the frame knows.
std::vector<GroupRow> groups_of(const std::vector<WaveData>& waves, const ReportTexts& texts) {
  std::vector<GroupRow> out;
  auto known = [&](const std::string& id) {
    for (const auto& g : out) {
      if (g.id == id) return true;
    }
    return false;
  };
  for (auto w = waves.rbegin(); w != waves.rend(); ++w) {
    for (const auto& g : w->questionnaire.groups) {
      if (!known(g.id)) out.push_back({g.id, survey::text_in(g.label, texts.lang())});
    }
  }
  for (const auto& w : waves) {
    for (const auto& [id, d] : w.totals.by_group) {
      if (!known(id)) out.push_back({id, id});
    }
  }
  return out;
}

// Which groups' answered counts one wave hides.
std::map<std::string, bool> hidden_answered(const WaveData& w) {
  std::vector<std::string> ids;
  stats::CountTable counts;
  for (const auto& [id, d] : w.totals.by_group) {
    ids.push_back(id);
    counts.push_back({d.completed, d.invited - d.completed});
  }
  std::map<std::string, bool> out;
  if (counts.empty()) return out;
  const auto marks = stats::suppress(counts);
  const auto sizes = sizes_hidden(w, stats::kDefaultSuppressionThreshold);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto set = sizes.find(ids[i]);
    out[ids[i]] = marks.hidden(i, 0) || marks.row_totals[i] != stats::CellStatus::kPublished ||
                  (set != sizes.end() && set->second);
  }
  return out;
}

Row rate_row(const std::string& header, const stats::Disposition& d, bool hidden) {
  Row row;
  row.header = header;
  row.cells = rate_cells(d, hidden);
  return row;
}
}  // namespace

Document rates_report(const std::vector<WaveData>& waves, const ReportRequest& request,
                      const ReportTexts& texts) {
  Document d;
  d.id = "rates";
  d.lang = texts.lang();
  d.title = texts.get("report_title_rates");
  d.subtitle = report_subtitle(waves, request, texts);

  Table t;
  t.id = "rates";
  t.caption = texts.get("report_rates_table_caption");
  t.corner = texts.get("report_corner_group_wave");
  set_rate_columns(t, texts);
  std::vector<std::map<std::string, bool>> hidden;
  for (const auto& w : waves) hidden.push_back(hidden_answered(w));
  const std::int64_t threshold = stats::kDefaultSuppressionThreshold;
  auto note = [&](Row& row, const WaveData& w, const std::string& text) {
    std::string all = text;
    const std::string preliminary = preliminary_note(w, texts, threshold);
    if (!preliminary.empty()) all += (all.empty() ? "" : "; ") + preliminary;
    if (w.totals.imported) all += (all.empty() ? "" : "; ") + texts.get("report_note_imported");
    row.note = all;
  };
  for (const auto& g : groups_of(waves, texts)) {
    for (std::size_t i = 0; i < waves.size(); ++i) {
      auto it = waves[i].totals.by_group.find(g.id);
      if (it == waves[i].totals.by_group.end()) continue;
      const stats::Disposition& disp = it->second;
      const bool h = hidden[i][g.id];
      Row row = rate_row(g.label + " " + waves[i].wave.label, disp, h);
      std::string text;
      if (h) {
        text = texts.get(disp.completed > 0 && disp.completed < threshold ? "report_note_too_few"
                                                                          : "report_note_protects");
      } else if (stats::not_representative(disp.completed)) {
        text = texts.get("report_note_not_representative");
      }
      note(row, waves[i], text);
      t.rows.push_back(std::move(row));
    }
  }
  for (const auto& w : waves) {
    Row row = rate_row(texts.get("report_total") + " " + w.wave.label, w.totals.total, false);
    note(row, w, "");
    t.rows.push_back(std::move(row));
  }
  t.footnotes.push_back({"", texts.get("report_rate_footnote")});

  Section s{texts.get("report_section_rate"), {}};
  Block b;
  b.kind = Block::Kind::kTable;
  b.table = std::move(t);
  s.blocks.push_back(std::move(b));
  d.sections.push_back(std::move(s));
  MethodFacts facts;
  facts.tables = false;
  d.method = method_note(waves, request, texts, facts);
  d.reading = reading_guide(texts, facts);
  return d;
}

}  // namespace tilfreds::intake::reports
