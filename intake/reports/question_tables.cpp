#include "intake/reports/question_tables.h"

#include <set>

#include "intake/reports/disclosure.h"
#include "intake/reports/method_note.h"
#include "stats/distribution.h"
#include "stats/indicator.h"

namespace tilfreds::intake::reports {

namespace {
using survey::Question;
using survey::QuestionType;

struct Asked {
  const Question* question = nullptr;
  std::string theme;
};

// The question as the newest wave that asked it words it; that version's
// categories are the table's columns.
std::optional<Asked> reference(const std::vector<WaveData>& waves, const std::string& id,
                               const std::string& lang) {
  for (auto w = waves.rbegin(); w != waves.rend(); ++w) {
    if (const Question* q = w->questionnaire.find(id)) {
      auto theme = w->questionnaire.theme_of(id);
      return Asked{q, survey::text_in(w->questionnaire.themes[*theme].title, lang)};
    }
  }
  return std::nullopt;
}

std::vector<std::string> question_order(const std::vector<WaveData>& waves) {
  std::vector<std::string> ids;
  std::set<std::string> seen;
  for (auto w = waves.rbegin(); w != waves.rend(); ++w) {
    for (const auto& theme : w->questionnaire.themes) {
      for (const auto& q : theme.questions) {
        if (q.type != QuestionType::kText && seen.insert(q.id).second) ids.push_back(q.id);
      }
    }
  }
  return ids;
}

std::optional<Indicator> mark(const std::optional<stats::Change>& change, stats::Polarity polarity) {
  if (!change || change->verdict == stats::Verdict::kNoClearChange) return std::nullopt;
  stats::Arrow a = stats::arrow(change->verdict, polarity);
  return Indicator{"", std::string(stats::direction_name(a.direction)),
                   std::string(stats::tone_name(a.tone))};
}

constexpr const char* kChangeFootnote = "*";

Cell percent_cell(const std::optional<double>& percent, bool hidden, int decimals, const ReportTexts& texts) {
  if (hidden) return Cell::hidden();
  if (!percent) {
    // Asked, but nobody answered it: not "not asked".
    Cell c = Cell::missing();
    c.text = texts.get("report_cell_no_answers");
    return c;
  }
  return Cell::percent(*percent, decimals);
}

void add_note(Row& row, const std::string& note) {
  if (note.empty()) return;
  row.note += (row.note.empty() ? "" : "; ") + note;
}

void fill_table(QuestionResult& r, const std::vector<WaveData>& waves, const ReportTexts& texts,
                const stats::ComparisonOptions& o, std::size_t comparisons) {
  Table& t = r.table;
  t.corner = texts.get("report_corner_wave");
  t.columns = r.categories;
  t.columns.push_back(texts.get("report_column_n"));
  if (r.has_top) {
    t.columns.push_back(texts.fill("report_column_top",
                                   {{"first", r.categories[0]}, {"second", r.categories[1]}}));
  }
  // The same spreadsheet columns in every question table of a kind, so tables
  // can be pasted under each other: marks always, the top share's interval always.
  t.specs.assign(r.categories.size(), ColumnSpec{CellKind::kPercent, false, true});
  t.specs.push_back(ColumnSpec{CellKind::kCount, false, false});
  if (r.has_top) t.specs.push_back(ColumnSpec{CellKind::kPercent, true, true});
  bool tested = false;
  for (std::size_t w = 0; w < waves.size(); ++w) {
    Row row;
    row.header = waves[w].wave.label;
    if (waves[w].totals.imported) row.note = texts.get("report_note_imported");
    if (!r.row_of_wave[w]) {
      row.cells.assign(t.columns.size(), Cell::missing());
      row.note = texts.get("report_note_not_asked");
      t.rows.push_back(std::move(row));
      continue;
    }
    const stats::Row& s = r.stats.rows[*r.row_of_wave[w]];
    for (std::size_t j = 0; j < s.cells.size(); ++j) {
      const stats::Cell& c = s.cells[j];
      Cell cell = percent_cell(c.percent, c.status != stats::CellStatus::kPublished, o.decimals, texts);
      const auto polarity = !r.has_top ? stats::Polarity::kNeutral
                            : j < 2    ? stats::Polarity::kUpIsGood
                                       : stats::Polarity::kUpIsBad;
      cell.indicator = mark(c.change, polarity);
      tested = tested || c.change.has_value();
      if (cell.indicator) cell.footnote = kChangeFootnote;
      row.cells.push_back(std::move(cell));
    }
    row.cells.push_back(s.hidden ? Cell::hidden() : Cell::count(s.n));
    if (r.has_top) {
      const stats::TopShare& top = *s.top;
      Cell cell = percent_cell(top.percent, top.hidden, o.decimals, texts);
      if (cell.kind == CellKind::kPercent && top.interval) {
        cell.low = stats::round_percent_half_up(top.interval->lower, o.decimals);
        cell.high = stats::round_percent_half_up(top.interval->upper, o.decimals);
      }
      cell.indicator = mark(top.change, stats::Polarity::kUpIsGood);
      tested = tested || top.change.has_value();
      if (cell.indicator) cell.footnote = kChangeFootnote;
      row.cells.push_back(std::move(cell));
    }
    if (s.hidden) {
      // Hidden because it is small, or so that another small figure cannot be
      // worked out: say which, so a reader is not told n = 60 is "too few".
      add_note(row, texts.get(s.n > 0 && s.n < o.suppression_threshold ? "report_note_too_few"
                                                                        : "report_note_protects"));
    } else if (s.n == 0) {
      add_note(row, texts.get("report_note_no_answers"));
    } else if (s.not_representative) {
      add_note(row, texts.get("report_note_not_representative"));
    }
    add_note(row, preliminary_note(waves[w], texts, o.suppression_threshold));
    t.rows.push_back(std::move(row));
  }
  if (tested) {
    t.footnotes.push_back({kChangeFootnote, texts.fill("report_footnote_change",
                                                       {{"level", texts.number(o.level * 100, 0)},
                                                        {"comparisons", std::to_string(comparisons)}})});
  }
  if (r.has_top) t.footnotes.push_back({"", texts.get("report_footnote_interval")});
}
}  // namespace

QuestionTables build_question_tables(const std::vector<WaveData>& waves, const ReportTexts& texts) {
  QuestionTables out;
  const std::string& lang = texts.lang();
  std::vector<stats::QuestionCounts> inputs;
  std::vector<stats::PresetMarks> marks;
  for (const auto& id : question_order(waves)) {
    auto ref = reference(waves, id, lang);
    const Question& q = *ref->question;
    if (q.options.size() < 2) continue;
    QuestionResult r;
    r.question_id = id;
    r.theme = ref->theme;
    r.has_top = q.type == QuestionType::kScale4;
    r.table.id = "q_" + id;
    r.table.caption = survey::text_in(q.text, lang);
    stats::QuestionCounts in;
    in.question = id;
    in.top = r.has_top ? 2 : 0;
    for (const auto& opt : q.options) {
      r.categories.push_back(survey::text_in(opt.label, lang));
      in.categories.push_back(opt.value);
    }
    const std::size_t warnings_before = out.warnings.size();
    stats::PresetMarks m;
    for (const auto& w : waves) {
      const Question* asked = w.questionnaire.find(id);
      // An imported year without counts for a question did not ask it in the
      // earlier tool: not asked, not a row of zeros.
      if (asked && w.totals.imported && w.counts.count(id) == 0) asked = nullptr;
      if (!asked) {
        r.row_of_wave.push_back(std::nullopt);
        out.warnings.push_back({texts.get("report_method_warning"),
                                texts.fill("report_warning_missing",
                                           {{"question", r.table.caption}, {"wave", w.wave.label}}),
                                true});
        continue;
      }
      if (survey::text_in(asked->text, "da") != survey::text_in(q.text, "da")) {
        out.warnings.push_back({texts.get("report_method_warning"),
                                texts.fill("report_warning_text",
                                           {{"question", r.table.caption}, {"wave", w.wave.label}}),
                                true});
      }
      std::vector<std::string> values;
      for (const auto& opt : asked->options) values.push_back(opt.value);
      if (values != in.categories) {
        out.warnings.push_back({texts.get("report_method_warning"),
                                texts.fill("report_warning_scale",
                                           {{"question", r.table.caption}, {"wave", w.wave.label}}),
                                true});
      }
      std::vector<std::int64_t> row;
      auto counts = w.counts.find(id);
      for (const auto& value : in.categories) {
        std::int64_t n = 0;
        if (counts != w.counts.end()) {
          auto it = counts->second.find(value);
          if (it != counts->second.end()) n = it->second;
        }
        row.push_back(n);
      }
      ViewMarks view = view_marks(w, id, in.categories, in.top, out.options.suppression_threshold);
      m.cells.push_back(std::move(view.cells));
      m.n_hidden.push_back(view.n_hidden);
      m.top_hidden.push_back(view.top_hidden);
      r.row_of_wave.push_back(in.waves.size());
      in.waves.push_back(w.wave.label);
      in.counts.push_back(std::move(row));
    }
    if (in.waves.empty()) {
      // Asked in none of the chosen waves (e.g. imported years that only brought a few
      // questions): no table at all, rather than one of "not asked" rows.
      out.warnings.resize(warnings_before);
      continue;
    }
    out.questions.push_back(std::move(r));
    inputs.push_back(std::move(in));
    marks.push_back(std::move(m));
  }
  auto tables = stats::build_comparison_tables(inputs, out.options, marks);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    out.questions[i].stats = std::move(tables[i]);
    for (const auto& row : out.questions[i].stats.rows) {
      for (const auto& c : row.cells) out.comparisons += c.change ? 1 : 0;
      if (row.top && row.top->change) ++out.comparisons;
    }
  }
  for (auto& q : out.questions) fill_table(q, waves, texts, out.options, out.comparisons);
  return out;
}

}  // namespace tilfreds::intake::reports
