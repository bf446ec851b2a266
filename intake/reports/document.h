// A report as its reader sees it, before it has a format: sections of headings,
// paragraphs, tables and charts, plus the method note that every number in it can
// be traced to. Committee reports (issue 4) and the complaint statistics and
// quality overview per offer (issue 5) build a Document; one renderer per format
// (HTML for screen and A4 print, CSV for Danish Excel, XLSX, JSON) writes it, so
// every report looks and exports the same way.
//
// Values are typed, not preformatted: a percent stays a number so XLSX can store
// it as a number with a percent format and CSV can print it with a decimal comma.
// What a cell that must not show a number shows ("–" for hidden, "ikke stillet"
// for a question not asked that year) is the renderer's business, chosen by kind
// and language, so no format can leak a suppressed count by accident.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "stats/distribution.h"

namespace tilfreds::intake::reports {

// ---- Cells -------------------------------------------------------------------

enum class CellKind {
  kText,     // `text` as it is (a label, a category name)
  kCount,    // `value` is a whole number of people, complaints, …
  kPercent,  // `value` in 0..100, printed with `decimals` decimals and " %"
  kNumber,   // `value` printed with `decimals` decimals (a median in days, per 1,000)
  kHidden,   // suppressed by disclosure control: no number in any format
  kMissing,  // not asked / not available / nobody answered: not a zero; `text`, if
             // set, says which ("ingen svar"), else the renderer says "ikke stillet"
};

// A traffic light on a share (stats::Light) or the arrow of a tested change
// (stats::Arrow), as words the renderers map to symbols, colours and alt text.
struct Indicator {
  std::string light;      // "", "green", "yellow", "red"
  std::string direction;  // "", "up", "down", "unchanged"
  std::string tone;       // "", "good", "bad", "neutral" (colour of the arrow)
};

struct Cell {
  CellKind kind = CellKind::kText;
  std::string text;
  double value = 0.0;
  int decimals = 0;
  // A confidence interval printed beside the value, in the value's unit
  // (percent points for kPercent): "80 % (76–83)".
  std::optional<double> low;
  std::optional<double> high;
  // A change the statistics module calls more than noise; refers to a footnote.
  std::optional<Indicator> indicator;
  std::string footnote;  // key of a Table::footnotes entry this cell points to, or ""

  // Built member by member: aggregate initialisation with fewer initialisers than
  // members trips -Wmissing-field-initializers under -Werror.
  static Cell of(CellKind kind, double value = 0.0, int decimals = 0) {
    Cell c;
    c.kind = kind;
    // Percents and numbers are stored rounded (stats::round_half_up), so XLSX and
    // JSON carry the very figure HTML, CSV and PDF print.
    c.value = kind == CellKind::kPercent || kind == CellKind::kNumber ? stats::round_half_up(value, decimals) : value;
    c.decimals = decimals;
    return c;
  }
  static Cell text_cell(std::string s) {
    Cell c;
    c.text = std::move(s);
    return c;
  }
  static Cell count(std::int64_t n) { return of(CellKind::kCount, static_cast<double>(n)); }
  static Cell percent(double p, int decimals = 0) { return of(CellKind::kPercent, p, decimals); }
  static Cell number(double v, int decimals) { return of(CellKind::kNumber, v, decimals); }
  static Cell hidden() { return of(CellKind::kHidden); }
  static Cell missing() { return of(CellKind::kMissing); }
};

// ---- Tables and charts -----------------------------------------------------------

struct Row {
  std::string header;  // the row's <th scope="row">: a wave, a group, an offer
  std::vector<Cell> cells;
  std::string note;    // e.g. "ikke repræsentativ", "importeret"; shown beside the header
};

struct Footnote {
  std::string key;   // "1", "a", … as cells refer to it
  std::string text;
};

// What a column holds, declared by the table's builder so that every table of a
// kind has the same spreadsheet columns, whatever its cells happen to be (a fully
// hidden count column is still a count column).
struct ColumnSpec {
  CellKind kind = CellKind::kText;  // kPercent, kCount, kNumber or kText
  bool interval = false;            // has low/high columns
  bool mark = false;                // has a mark column
};

struct Table {
  std::string id;       // stable, file- and sheet-name safe: "q_overall_satisfaction"
  std::string caption;  // the question text or the table's title (<caption>)
  std::string short_title;  // ≤ 31 characters for a sheet name ("Tilfreds alt i alt"), or 
  std::string corner;   // header of the row-header column: "År", "Gruppe", "Tilbud"
  std::vector<std::string> columns;  // one per cell of every row
  std::vector<ColumnSpec> specs;     // one per column, or empty: read from the cells
  std::vector<Row> rows;
  std::vector<Footnote> footnotes;
};

// A 100 % stacked bar per row (a wave, a group), segments in category order;
// readable in black and white, so segments carry patterns and their percent.
struct Bar {
  std::string label;
  std::vector<double> percents;  // one per category; hidden categories as 0 with hidden = true
  bool hidden = false;           // the whole bar is suppressed
};

struct Chart {
  std::string id;
  std::string title;
  std::vector<std::string> categories;
  std::vector<Bar> bars;
};

// ---- The document --------------------------------------------------------------

struct Block {
  enum class Kind { kParagraph, kHeadline, kTable, kChart };
  Kind kind = Kind::kParagraph;
  std::string text;              // kParagraph, kHeadline ("80 % er i nogen eller høj grad …")
  std::optional<Table> table;    // kTable
  std::optional<Chart> chart;    // kChart
  // kParagraph, kHeadline: the caption of the table its figures come from, so a
  // sentence pasted into an agenda can be checked against the appendix.
  std::string source;
};

struct Section {
  std::string heading;
  std::vector<Block> blocks;
};

// One line of the method note: questionnaire version, fielding dates, n,
// response-rate definition, suppression rule, rounding, tests and levels,
// imported waves, comparability warnings.
struct MethodItem {
  std::string label;
  std::string text;
  bool warning = false;  // waves not comparable, imported aggregates, …
};

struct Document {
  std::string id;        // "comparison", "total", … (file names, JSON)
  std::string lang = "da";
  std::string title;
  std::string subtitle;  // survey and waves, offer and period
  // Who publishes it ("Lejre Kommune"): the running header of print and PDF. Empty:
  // the municipality's settings (report_frame.h), as on every page.
  std::string organisation;
  // The privacy notice the colophon names: the survey's, or the complaints' for a
  // document about complaints.
  enum class Privacy { kSurvey, kComplaints };
  Privacy privacy = Privacy::kSurvey;
  std::vector<Section> sections;
  // "Sådan skal tallene læses": the plain-language part for politicians (what a
  // percent, an interval and a marked change mean, non-response, hidden figures),
  // printed before the technical method note.
  std::vector<MethodItem> reading;
  std::vector<MethodItem> method;
  // The report's figures under the names other systems read them by (case
  // review: "periods" → "groups" → "share_correct", …), written by the JSON
  // renderer only; null when the report has none. Hidden figures are left out
  // here as everywhere.
  nlohmann::json figures;
};

}  // namespace tilfreds::intake::reports
