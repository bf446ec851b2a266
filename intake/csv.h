// CSV as Danish Excel writes it: UTF-8 with or without BOM, ';' or ',' between
// fields (whichever the header line uses), "quoted" fields with "" for a quote and
// line breaks inside quotes, CRLF or LF. Also writes CSV for Excel to open right.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "intake/problem.h"

namespace tilfreds::intake {

struct CsvRow {
  int line = 0;  // 1-based line where the row starts, for messages
  std::vector<std::string> fields;
};

struct CsvTable {
  char separator = ';';
  std::vector<std::string> header;  // trimmed
  std::vector<CsvRow> rows;         // blank lines skipped
  Problems problems;                // invalid UTF-8, an unterminated quote, no header
};

// Parses `text`. Problems are reported with their line; rows that parsed are kept.
CsvTable parse_csv(const std::string& text);

// The column index of `name` in `header` (case-insensitive), or nullopt.
std::optional<size_t> column_index(const std::vector<std::string>& header, const std::string& name);

// One cell as every CSV tilfreds writes it (reports, complaint statistics, the
// quality overview, letters): text beginning with = + - @ TAB or CR gets a leading
// ' so that a spreadsheet shows it instead of running it as a formula (CSV
// injection, OWASP's rule) — a citizen's comment or an offer's name is such text.
// Quoted when it holds a quote, a line break or either separator (; and ,), so a
// reader that splits on the other one cannot cut a cell into a formula either.
// `is_text` false: a number the program wrote ("-3,2"), kept as it is.
std::string csv_cell(const std::string& value, bool is_text = true);

// One CSV line (with CRLF) of `fields`, each a text csv_cell.
std::string csv_line(const std::vector<std::string>& fields, char separator = ';');

}  // namespace tilfreds::intake
