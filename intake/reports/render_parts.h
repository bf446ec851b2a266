// What the format writers share (internal to intake/reports): how a cell reads as
// text, how an indicator reads in words and symbols, and the flat columns of a
// table for spreadsheets, where an interval and a mark get columns of their own so
// the value stays a number.
#pragma once

#include <string>
#include <vector>

#include "intake/reports/document.h"
#include "intake/reports/report_texts.h"
#include "intake/web/render.h"

namespace tilfreds::intake::reports {

// "49 %", "80 % (76–83)", "512", "–" (hidden), "ikke stillet" (missing).
std::string cell_text(const Cell& cell, const ReportTexts& texts, bool with_interval = true);
// "▲", "▼", "►" for an arrow; "●", "◆", "■" for a green, yellow, red light.
std::string indicator_symbol(const Indicator& indicator);
// "▲ bedre", "▼ dårligere", "► uændret", "● grøn": what the cell prints beside its
// value, so the mark reads in black and white — shape and word, not colour alone.
std::string indicator_label(const Indicator& indicator, const ReportTexts& texts);
// "steget (bedre)", "lys: grøn": the words for screen readers and spreadsheets.
std::string indicator_words(const Indicator& indicator, const ReportTexts& texts);

// One column of a table flattened for a spreadsheet.
struct FlatColumn {
  enum class Part { kValue, kLow, kHigh, kMark };
  std::size_t source = 0;  // index into Table::columns
  Part part = Part::kValue;
  std::string header;
};
std::vector<FlatColumn> flat_columns(const Table& table, const ReportTexts& texts);

std::string render_html(const Document& document, const web::Renderer& renderer,
                        const std::string& stylesheet_href);
std::string render_csv(const Document& document, const ReportTexts& texts);
std::string render_xlsx(const Document& document, const ReportTexts& texts);
std::string render_json(const Document& document, const web::Renderer& renderer);
// A 100 % stacked horizontal bar per Bar, segments hatched differently and labelled
// with their percent so black-and-white print reads; role="img" with title and desc.
std::string chart_svg(const Chart& chart, const ReportTexts& texts);

}  // namespace tilfreds::intake::reports
