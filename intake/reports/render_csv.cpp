// CSV as Danish Excel opens it without an import dialog: UTF-8 with a BOM, ';' as
// separator, a decimal comma, CRLF line ends. One block per table, its caption on
// the line above the header; percents as plain numbers with "(%)" in the header,
// so Excel reads them as numbers.
#include "intake/reports/render_parts.h"

namespace tilfreds::intake::reports {

namespace {
// Text beginning with = + - @ would be run as a formula by a spreadsheet (CSV
// injection, OWASP); a leading apostrophe makes it plain text.
std::string field(const std::string& s, bool is_text) {
  std::string v = s;
  if (is_text && !v.empty() && std::string("=+-@\t\r").find(v[0]) != std::string::npos) v = "'" + v;
  if (v.find_first_of(";\"\r\n") == std::string::npos) return v;
  std::string q = "\"";
  for (char c : v) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

void line(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? ";" : "") + fields[i];
  out += "\r\n";
}

std::string value_field(const Cell& c, FlatColumn::Part part, const ReportTexts& texts) {
  switch (part) {
    case FlatColumn::Part::kLow:
      return c.low && c.kind == CellKind::kPercent ? texts.number(*c.low, c.decimals) : "";
    case FlatColumn::Part::kHigh:
      return c.high && c.kind == CellKind::kPercent ? texts.number(*c.high, c.decimals) : "";
    case FlatColumn::Part::kMark:
      return c.indicator ? field(indicator_words(*c.indicator, texts), true) : "";
    case FlatColumn::Part::kValue:
      break;
  }
  if (c.kind == CellKind::kPercent) return texts.number(c.value, c.decimals);
  return field(cell_text(c, texts, false), c.kind == CellKind::kText);
}

void table(std::string& out, const Table& t, const ReportTexts& texts) {
  line(out, {field(t.caption, true)});
  auto columns = flat_columns(t, texts);
  bool notes = false;
  for (const auto& r : t.rows) notes = notes || !r.note.empty();
  std::vector<std::string> header = {field(t.corner, true)};
  for (const auto& c : columns) header.push_back(field(c.header, true));
  if (notes) header.push_back(field(texts.get("report_column_note"), true));
  line(out, header);
  for (const auto& r : t.rows) {
    std::vector<std::string> fields = {field(r.header, true)};
    for (const auto& c : columns) {
      fields.push_back(c.source < r.cells.size() ? value_field(r.cells[c.source], c.part, texts) : "");
    }
    if (notes) fields.push_back(field(r.note, true));
    line(out, fields);
  }
  for (const auto& f : t.footnotes) {
    line(out, {field(f.key.empty() ? f.text : f.key + " " + f.text, true)});
  }
  out += "\r\n";
}
}  // namespace

std::string render_csv(const Document& d, const ReportTexts& texts) {
  std::string out = "\xEF\xBB\xBF";
  line(out, {field(d.title, true)});
  line(out, {field(d.subtitle, true)});
  out += "\r\n";
  for (const auto& s : d.sections) {
    line(out, {field(s.heading, true)});
    for (const auto& b : s.blocks) {
      if (b.kind == Block::Kind::kTable && b.table) {
        table(out, *b.table, texts);
      } else if (b.kind == Block::Kind::kParagraph || b.kind == Block::Kind::kHeadline) {
        line(out, {field(b.text, true)});
      }
    }
    out += "\r\n";
  }
  if (!d.reading.empty()) {
    line(out, {field(texts.get("report_reading_heading"), true)});
    for (const auto& m : d.reading) line(out, {field(m.label, true), field(m.text, true)});
    out += "\r\n";
  }
  line(out, {field(texts.get("report_method_heading"), true)});
  for (const auto& m : d.method) {
    line(out, {field(m.label, true), field(m.text, true)});
  }
  return out;
}

}  // namespace tilfreds::intake::reports
