#include "intake/reports/render.h"

#include "intake/reports/render_parts.h"

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
      return texts.get("report_cell_missing");
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
    for (const auto& row : t.rows) {
      if (j >= row.cells.size()) continue;
      const Cell& c = row.cells[j];
      interval = interval || (c.low && c.high);
      mark = mark || c.indicator.has_value();
      percent_only = percent_only && (c.kind == CellKind::kPercent || c.kind == CellKind::kHidden ||
                                      c.kind == CellKind::kMissing);
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
    case Format::kCsv:
      return {render_csv(document, texts), "text/csv; charset=utf-8", document.id + ".csv"};
    case Format::kXlsx:
      return {render_xlsx(document, texts),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", document.id + ".xlsx"};
    case Format::kJson:
      return {render_json(document), "application/json", document.id + ".json"};
  }
  throw std::logic_error("unknown format");
}

}  // namespace tilfreds::intake::reports
