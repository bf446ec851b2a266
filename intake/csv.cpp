#include "intake/csv.h"

#include <algorithm>
#include <cctype>

#include "intake/text.h"

namespace tilfreds::intake {

namespace {
// Records as parse_csv reads them with separator `sep`: a quote opens a quoted field
// only at the start of a field, "" inside quotes is a quote, CRLF or LF ends a row,
// blank rows are skipped (but counted for line numbers).
struct Scan {
  std::vector<CsvRow> rows;
  bool stray_quote = false;  // a quote inside an unquoted field: a sign of the wrong separator
  std::optional<int> open_quote_line;
};

Scan scan(const std::string& text, char sep, bool first_record_only) {
  Scan out;
  CsvRow row;
  std::string field;
  bool in_quotes = false, field_started = false;
  int line = 1;
  row.line = 1;
  auto end_field = [&] {
    row.fields.push_back(field);
    field.clear();
    field_started = false;
  };
  auto end_row = [&] {
    end_field();
    bool blank = std::all_of(row.fields.begin(), row.fields.end(),
                             [](const std::string& f) { return trim(f).empty(); });
    if (!blank) out.rows.push_back(row);
    row = CsvRow{};
    row.line = line;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    if (first_record_only && !out.rows.empty()) return out;
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"' && !field_started) {
      in_quotes = true;
      field_started = true;
    } else if (c == sep) {
      end_field();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      ++line;
      end_row();
    } else {
      if (c == '"') out.stray_quote = true;
      field += c;
      field_started = true;
    }
  }
  if (in_quotes) out.open_quote_line = row.line;
  if (!field.empty() || !row.fields.empty()) end_row();
  return out;
}

// Excel writes ';' where the decimal mark is ',' (Danish locale): the header tells
// which one this file uses — the separator that splits it into more fields without
// stray quotes, ';' on a tie. Counting separator characters on the first line was
// fooled by quoted header names with commas ("tilbud, hold"), found by fuzz/frame_csv.
char detect_separator(const std::string& text) {
  auto shape = [&](char sep) {
    Scan s = scan(text, sep, true);
    bool clean = !s.stray_quote && !s.open_quote_line;
    return std::pair<bool, size_t>(clean, s.rows.empty() ? 0 : s.rows.front().fields.size());
  };
  return shape(',') > shape(';') ? ',' : ';';
}
}  // namespace

CsvTable parse_csv(const std::string& input) {
  CsvTable table;
  std::string text = input;
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  if (!is_valid_utf8(text)) {
    table.problems.push_back({"file", "is not UTF-8 text: save it from Excel as \"CSV UTF-8\""});
    return table;
  }
  table.separator = detect_separator(text);
  Scan s = scan(text, table.separator, false);
  if (s.open_quote_line) {
    table.problems.push_back({"line " + std::to_string(*s.open_quote_line), "a quoted field is never closed"});
  }
  if (s.rows.empty()) {
    table.problems.push_back({"line 1", "the file is empty: a header line is needed"});
    return table;
  }
  for (auto& h : s.rows.front().fields) table.header.push_back(trim(h));
  table.rows.assign(s.rows.begin() + 1, s.rows.end());
  return table;
}

std::optional<size_t> column_index(const std::vector<std::string>& header, const std::string& name) {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i].size() != name.size()) continue;
    bool same = std::equal(header[i].begin(), header[i].end(), name.begin(), [](char a, char b) {
      return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
    if (same) return i;
  }
  return std::nullopt;
}

std::string csv_cell(const std::string& value, bool is_text) {
  bool formula = is_text && !value.empty() && std::string("=+-@\t\r").find(value[0]) != std::string::npos;
  bool quote = value.find_first_of("\"\r\n;,") != std::string::npos;
  if (!quote && !formula) return value;
  std::string out = formula ? "\"'" : "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::string csv_line(const std::vector<std::string>& fields, char separator) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += separator;
    out += csv_cell(fields[i]);
  }
  out += "\r\n";
  return out;
}

}  // namespace tilfreds::intake
