#include "intake/reports/render.h"

#include "intake/reports/committee_text.h"
#include "intake/reports/render_parts.h"
#include "intake/reports/render_pdf.h"

namespace tilfreds::intake::reports {

std::string cell_text(const Cell& c, const ReportTexts& texts, bool with_interval) {
  switch (c.kind) {
    case CellKind::kText:
      return c.text;
    case CellKind::kCount:
      return texts.number(c.value, 0);
    case CellKind::kPercent: {
      std::string s = texts.number(c.value, c.decimals) + " %";
      if (with_interval && c.low && c.high) {
        s += " (" + texts.number(*c.low, c.decimals) + "–" + texts.number(*c.high, c.decimals) + ")";
      }
      return s;
    }
    case CellKind::kNumber:
      return texts.number(c.value, c.decimals);
    case CellKind::kHidden:
      return texts.get("report_cell_hidden");
    case CellKind::kMissing:
      // The reason when there is a truer one than "not asked" ("no answers").
      return c.text.empty() ? texts.get("report_cell_missing") : c.text;
  }
  return "";
}

// A cell may carry a light and an arrow (the offer overview's effect and smiley):
// both symbols are shown, light first.
std::string indicator_symbol(const Indicator& i) {
  std::string s;
  if (i.light == "green") s = "●";
  if (i.light == "yellow") s = "◆";
  if (i.light == "red") s = "■";
  if (i.direction == "up") s += "▲";
  if (i.direction == "down") s += "▼";
  if (i.direction == "unchanged") s += "►";
  return s;
}

std::string indicator_label(const Indicator& i, const ReportTexts& texts) {
  std::string word;
  if (!i.light.empty()) {
    word = texts.get("report_light_" + i.light);
  } else if (i.tone == "good" || i.tone == "bad") {
    word = texts.get("report_tone_" + i.tone);
  } else if (!i.direction.empty()) {
    word = texts.get("report_direction_" + i.direction);
  }
  const std::string symbol = indicator_symbol(i);
  return word.empty() ? symbol : symbol + " " + word;
}

std::string indicator_words(const Indicator& i, const ReportTexts& texts) {
  std::string s;
  if (!i.light.empty()) s = texts.get("report_light_" + i.light);
  if (!i.direction.empty()) {
    s += (s.empty() ? "" : ", ") + texts.get("report_direction_" + i.direction);
    if (!i.tone.empty() && i.tone != "neutral") s += " (" + texts.get("report_tone_" + i.tone) + ")";
  }
  return s;
}

std::vector<FlatColumn> flat_columns(const Table& t, const ReportTexts& texts) {
  std::vector<FlatColumn> out;
  for (std::size_t j = 0; j < t.columns.size(); ++j) {
    bool interval = false, mark = false, percent_only = true;
    if (j < t.specs.size()) {
      interval = t.specs[j].interval;
      mark = t.specs[j].mark;
      percent_only = t.specs[j].kind == CellKind::kPercent;
    } else {
      for (const auto& row : t.rows) {
        if (j >= row.cells.size()) continue;
        const Cell& c = row.cells[j];
        interval = interval || (c.low && c.high);
        mark = mark || c.indicator.has_value();
        percent_only = percent_only && (c.kind == CellKind::kPercent || c.kind == CellKind::kHidden ||
                                        c.kind == CellKind::kMissing);
      }
    }
    const std::string& name = t.columns[j];
    out.push_back({j, FlatColumn::Part::kValue, percent_only ? name + " (%)" : name});
    if (interval) {
      out.push_back({j, FlatColumn::Part::kLow, texts.fill("report_column_low", {{"column", name}})});
      out.push_back({j, FlatColumn::Part::kHigh, texts.fill("report_column_high", {{"column", name}})});
    }
    if (mark) out.push_back({j, FlatColumn::Part::kMark, texts.fill("report_column_mark", {{"column", name}})});
  }
  return out;
}

Rendered render(const Document& document, Format format, const web::Renderer& renderer,
                const RenderOptions& options) {
  ReportTexts texts(renderer, renderer.language(document.lang));
  switch (format) {
    case Format::kHtml:
      return {render_html(document, renderer, options.stylesheet_href), "text/html; charset=utf-8",
              document.id + ".html"};
    case Format::kText:
      return {render_text(document, texts), "text/plain; charset=utf-8", document.id + ".txt"};
    case Format::kPdf:
      // The same HTML as the print, self-contained (its styles inline), laid out
      // by Chromium: one layout for paper and PDF.
      return {html_to_pdf(render_html(document, renderer, "")), "application/pdf", document.id + ".pdf"};
    case Format::kCsv:
      return {render_csv(document, texts), "text/csv; charset=utf-8", document.id + ".csv"};
    case Format::kXlsx:
      return {render_xlsx(document, texts),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", document.id + ".xlsx"};
    case Format::kJson:
      return {render_json(document, renderer), "application/json", document.id + ".json"};
  }
  throw std::logic_error("unknown format");
}

}  // namespace tilfreds::intake::reports
