// XLSX through libxlsxwriter for secretaries who finish the layout themselves: an
// overview sheet, one sheet per table (caption on top, numbers as numbers, percents
// stored as value/100 with a percent format so Excel computes with them), and the
// method note on a sheet of its own.
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "intake/reports/render_parts.h"
#include "intake/reports/report_frame.h"

namespace tilfreds::intake::reports {

namespace {
constexpr std::size_t kMaxSheetName = 31;  // Excel's limit

// Excel refuses []:*?/\ in sheet names and compares them case-insensitively.
std::string sheet_name(const std::string& wanted, std::set<std::string>& used) {
  std::string base;
  for (char c : wanted) base += std::string("[]:*?/\\'").find(c) == std::string::npos ? c : '_';
  if (base.empty()) base = "sheet";
  for (int i = 1;; ++i) {
    std::string suffix = i == 1 ? "" : "_" + std::to_string(i);
    std::string name = base.substr(0, kMaxSheetName - suffix.size());
    // Do not cut a UTF-8 sequence in half (only when cut: a name may end in "…").
    if (name.size() < base.size()) {
      const std::size_t keep = name.size();
      std::size_t start = keep;
      while (start > 0 && (static_cast<unsigned char>(base[start]) & 0xC0) == 0x80) --start;
      name.resize(start);
    }
    name += suffix;
    std::string key = name;
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    if (used.insert(key).second) return name;
  }
}

// A sheet name a secretary can read: the table's short title, else its caption
// cut at a word boundary to Excel's 31 characters ("Hvor tilfreds er du alt i…").
std::string readable_name(const Table& t) {
  std::string wanted = !t.short_title.empty() ? t.short_title : !t.caption.empty() ? t.caption : t.id;
  // Excel refuses "?" in a sheet name; a question reads as well without it.
  wanted.erase(std::remove(wanted.begin(), wanted.end(), '?'), wanted.end());
  if (wanted.size() <= kMaxSheetName) return wanted;
  const std::string ellipsis = "…";
  std::string cut = wanted.substr(0, kMaxSheetName - ellipsis.size());
  while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();
  if (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0xC0) cut.pop_back();
  const auto space = cut.find_last_of(' ');
  if (space != std::string::npos && space > cut.size() / 2) cut.resize(space);
  while (!cut.empty() && (cut.back() == ' ' || cut.back() == ',')) cut.pop_back();
  return cut + ellipsis;
}

class Writer {
 public:
  Writer(lxw_workbook* wb, const ReportTexts& texts) : wb_(wb), texts_(texts) {
    bold_ = workbook_add_format(wb_);
    format_set_bold(bold_);
    wrap_ = workbook_add_format(wb_);
    format_set_text_wrap(wrap_);
    pct0_ = workbook_add_format(wb_);
    format_set_num_format(pct0_, "0%");
    pct1_ = workbook_add_format(wb_);
    format_set_num_format(pct1_, "0.0%");
    num_ = workbook_add_format(wb_);
    format_set_num_format(num_, "#,##0");
    for (int d = 0; d < 4; ++d) {
      dec_[d] = workbook_add_format(wb_);
      format_set_num_format(dec_[d], d == 0 ? "#,##0" : ("#,##0." + std::string(std::size_t(d), '0')).c_str());
    }
  }

  // A4, fit to the page's width, header row repeated on every page, the print
  // area set, and the organisation, title and page number in header and footer:
  // the sheet prints as it is, one table on as few pages as its rows need.
  void print_setup(lxw_worksheet* ws, int last_row, int last_col, int repeat_row, const Document& d) {
    worksheet_set_paper(ws, 9);  // A4
    if (last_col > 6) worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_print_area(ws, 0, 0, lxw_row_t(last_row), lxw_col_t(last_col));
    if (repeat_row >= 0) worksheet_repeat_rows(ws, lxw_row_t(repeat_row), lxw_row_t(repeat_row));
    auto escape = [](const std::string& s) {
      std::string out;
      for (char c : s) out += c == '&' ? std::string("&&") : std::string(1, c);
      return out;
    };
    const std::string header = "&L" + escape(organisation_line(d, texts_.renderer())) + "&R" + escape(d.title);
    const std::string footer = "&R" + escape(texts_.get("report_page")) + " &P " + escape(texts_.get("report_page_of")) + " &N";
    worksheet_set_header(ws, header.substr(0, 255).c_str());
    worksheet_set_footer(ws, footer.c_str());
  }

  lxw_worksheet* sheet(const std::string& wanted) {
    std::string name = sheet_name(wanted, used_);
    lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
    if (!ws) throw std::runtime_error("xlsx: cannot add sheet " + name);
    return ws;
  }

  void text(lxw_worksheet* ws, int row, int col, const std::string& s, lxw_format* f = nullptr) {
    worksheet_write_string(ws, row, col, s.c_str(), f);
  }

  void value(lxw_worksheet* ws, int row, int col, const Cell& c, FlatColumn::Part part) {
    lxw_format* pct = c.decimals > 0 ? pct1_ : pct0_;
    switch (part) {
      case FlatColumn::Part::kLow:
        if (c.kind == CellKind::kPercent && c.low) worksheet_write_number(ws, row, col, *c.low / 100, pct);
        return;
      case FlatColumn::Part::kHigh:
        if (c.kind == CellKind::kPercent && c.high) worksheet_write_number(ws, row, col, *c.high / 100, pct);
        return;
      case FlatColumn::Part::kMark:
        if (c.indicator) text(ws, row, col, indicator_words(*c.indicator, texts_));
        return;
      case FlatColumn::Part::kValue:
        break;
    }
    switch (c.kind) {
      case CellKind::kPercent: worksheet_write_number(ws, row, col, c.value / 100, pct); return;
      case CellKind::kCount: worksheet_write_number(ws, row, col, c.value, num_); return;
      case CellKind::kNumber:
        worksheet_write_number(ws, row, col, c.value, dec_[std::clamp(c.decimals, 0, 3)]);
        return;
      default: text(ws, row, col, cell_text(c, texts_, false));
    }
  }

  void table(const Table& t, const Document& d) {
    lxw_worksheet* ws = sheet(readable_name(t));
    text(ws, 0, 0, t.caption, bold_);
    auto columns = flat_columns(t, texts_);
    bool notes = std::any_of(t.rows.begin(), t.rows.end(), [](const Row& r) { return !r.note.empty(); });
    const int header_row = 2;
    text(ws, header_row, 0, t.corner, bold_);
    for (std::size_t c = 0; c < columns.size(); ++c) text(ws, header_row, int(c) + 1, columns[c].header, bold_);
    const int note_col = int(columns.size()) + 1;
    if (notes) text(ws, header_row, note_col, texts_.get("report_column_note"), bold_);
    int row = header_row + 1;
    for (const auto& r : t.rows) {
      text(ws, row, 0, r.header, bold_);
      for (std::size_t c = 0; c < columns.size(); ++c) {
        if (columns[c].source < r.cells.size()) value(ws, row, int(c) + 1, r.cells[columns[c].source], columns[c].part);
      }
      if (notes && !r.note.empty()) text(ws, row, note_col, r.note);
      ++row;
    }
    ++row;
    for (const auto& f : t.footnotes) text(ws, row++, 0, f.key.empty() ? f.text : f.key + " " + f.text);
    worksheet_set_column(ws, 0, 0, 16, nullptr);
    worksheet_set_column(ws, 1, lxw_col_t(columns.size() + 1), 13, nullptr);
    print_setup(ws, row - 1, int(columns.size()) + (notes ? 1 : 0), header_row, d);
  }

  void overview(const Document& d) {
    lxw_worksheet* ws = sheet(texts_.get("report_sheet_overview"));
    int row = 0;
    text(ws, row++, 0, d.title, bold_);
    text(ws, row++, 0, d.subtitle);
    ++row;
    for (const auto& s : d.sections) {
      text(ws, row++, 0, s.heading, bold_);
      for (const auto& b : s.blocks) {
        if (b.kind == Block::Kind::kParagraph || b.kind == Block::Kind::kHeadline) text(ws, row++, 0, b.text);
        if (b.kind == Block::Kind::kTable) text(ws, row++, 0, b.table->caption);
      }
    }
    worksheet_set_column(ws, 0, 0, 100, wrap_);
    print_setup(ws, row, 0, -1, d);
  }

  // The colophon of the HTML as label and value rows: who publishes, how to call,
  // the accessibility statement, the privacy notice (report_frame.h).
  void publisher_lines(lxw_worksheet* ws, int row, const Document& d) {
    const nlohmann::json c = colophon(d, texts_.renderer(), false);
    if (!c.value("has_any", false)) return;
    text(ws, row, 0, texts_.get("report_frame_heading"), bold_);
    row += 2;
    auto line = [&](const std::string& label, const std::string& value) {
      text(ws, row, 0, label, bold_);
      text(ws, row++, 1, value, wrap_);
    };
    auto get = [&](const char* key) { return c.value(key, std::string()); };
    if (c.contains("org")) line(texts_.get("report_frame_publisher"), get("org"));
    if (c.contains("phone")) line(texts_.get("report_frame_phone"), get("phone") + (c.contains("hours") ? " (" + get("hours") + ")" : ""));
    if (c.contains("email")) line(texts_.get("report_frame_email"), get("email"));
    if (c.contains("url")) line(texts_.get("report_frame_website"), get("url"));
    if (c.contains("accessibility_url")) line(texts_.get("report_frame_accessibility"), get("accessibility_url"));
    if (c.contains("privacy")) {
      std::string notice;
      for (const auto& p : c["privacy"]) notice += (notice.empty() ? "" : "\n\n") + p.get<std::string>();
      line(get("privacy_heading"), notice);
    }
  }

  void method(const Document& d) {
    lxw_worksheet* ws = sheet(texts_.get("report_sheet_method"));
    int row = 0;
    if (!d.reading.empty()) {
      text(ws, row, 0, texts_.get("report_reading_heading"), bold_);
      row += 2;
      for (const auto& m : d.reading) {
        text(ws, row, 0, m.label, bold_);
        text(ws, row++, 1, m.text, wrap_);
      }
      ++row;
    }
    text(ws, row, 0, texts_.get("report_method_heading"), bold_);
    row += 2;
    for (const auto& m : d.method) {
      text(ws, row, 0, m.label, bold_);
      text(ws, row++, 1, m.text, wrap_);
    }
    publisher_lines(ws, row + 1, d);
    worksheet_set_column(ws, 0, 0, 28, nullptr);
    worksheet_set_column(ws, 1, 1, 100, wrap_);
    print_setup(ws, row, 1, -1, d);
  }

 private:
  lxw_workbook* wb_;
  const ReportTexts& texts_;
  std::set<std::string> used_;
  lxw_format* bold_;
  lxw_format* wrap_;
  lxw_format* pct0_;
  lxw_format* pct1_;
  lxw_format* num_;
  lxw_format* dec_[4];
};
}  // namespace

std::string render_xlsx(const Document& d, const ReportTexts& texts) {
  // libxlsxwriter 1.1.4 (Debian 12) writes only to a file: a private temporary one.
  std::string path = (std::filesystem::temp_directory_path() / "tilfreds-report-XXXXXX").string();
  int fd = mkstemp(path.data());
  if (fd < 0) throw std::runtime_error("xlsx: cannot create a temporary file");
  close(fd);
  struct Remove {
    std::string path;
    ~Remove() { std::filesystem::remove(path); }
  } remove{path};
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) throw std::runtime_error("xlsx: cannot start the workbook");
  {
    Writer w(wb, texts);
    w.overview(d);
    for (const auto& s : d.sections) {
      for (const auto& b : s.blocks) {
        if (b.kind == Block::Kind::kTable && b.table) w.table(*b.table, d);
      }
    }
    w.method(d);
  }
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) throw std::runtime_error(std::string("xlsx: ") + lxw_strerror(err));
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace tilfreds::intake::reports
