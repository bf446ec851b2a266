// Charts as inline SVG, drawn on the server so they print and need no JavaScript.
// Each category has its own fill pattern (solid, diagonal hatching, dots, cross-
// hatching) and every segment wide enough carries its percent, so a black-and-white
// print still reads; the whole chart is one image for screen readers, with a
// description that lists the numbers.
#include <sstream>

#include "intake/reports/render_parts.h"
#include "intake/text.h"

namespace tilfreds::intake::reports {

namespace {
constexpr int kWidth = 720;
constexpr int kLabelHeight = 16;
constexpr int kBarHeight = 24;
constexpr int kBarGap = 12;
constexpr int kMinLabelWidth = 30;  // px a segment needs for its "49 %"
constexpr std::size_t kMaxLabelBytes = 110;

std::string shorten(const std::string& s) {
  if (s.size() <= kMaxLabelBytes) return s;
  std::size_t cut = kMaxLabelBytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "…";
}

// Pattern k of four, cycling; the first is solid and dark, so its label is white.
void patterns(std::ostringstream& o, const std::string& id) {
  o << "<defs>"
    << "<pattern id=\"" << id << "-p0\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\">"
    << "<rect width=\"8\" height=\"8\" fill=\"#0b3d66\"/></pattern>"
    << "<pattern id=\"" << id << "-p1\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\">"
    << "<rect width=\"8\" height=\"8\" fill=\"#9cc3e6\"/>"
    << "<path d=\"M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4\" stroke=\"#0b3d66\" stroke-width=\"1.5\"/></pattern>"
    << "<pattern id=\"" << id << "-p2\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
    << "<rect width=\"6\" height=\"6\" fill=\"#f6d0a8\"/>"
    << "<circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"#7a3b00\"/></pattern>"
    << "<pattern id=\"" << id << "-p3\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\">"
    << "<rect width=\"8\" height=\"8\" fill=\"#f2f2f2\"/>"
    << "<path d=\"M0,0 l8,8 M8,0 l-8,8\" stroke=\"#a4001d\" stroke-width=\"1\"/></pattern>"
    << "</defs>";
}
}  // namespace

std::string chart_svg(const Chart& c, const ReportTexts& texts) {
  const int row = kLabelHeight + kBarHeight + kBarGap;
  const int legend_y = static_cast<int>(c.bars.size()) * row + 8;
  const int height = legend_y + 24;
  std::ostringstream desc;
  for (const auto& b : c.bars) {
    desc << b.label << ": ";
    if (b.hidden) {
      desc << texts.get("report_chart_hidden");
    } else {
      for (std::size_t k = 0; k < b.percents.size() && k < c.categories.size(); ++k) {
        desc << (k ? ", " : "") << texts.number(b.percents[k], 0) << " % " << c.categories[k];
      }
    }
    desc << ". ";
  }
  std::ostringstream o;
  o << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 " << kWidth << " "
    << height << "\" aria-labelledby=\"" << c.id << "-t " << c.id << "-d\">"
    << "<title id=\"" << c.id << "-t\">" << escape_markup(c.title) << "</title>"
    << "<desc id=\"" << c.id << "-d\">" << escape_markup(desc.str()) << "</desc>";
  patterns(o, c.id);
  for (std::size_t i = 0; i < c.bars.size(); ++i) {
    const Bar& b = c.bars[i];
    const int y = static_cast<int>(i) * row;
    o << "<text x=\"0\" y=\"" << y + 12 << "\" font-size=\"12\" fill=\"#1b1b1b\">" << escape_markup(shorten(b.label))
      << "</text>";
    const int bar_y = y + kLabelHeight;
    if (b.hidden) {
      o << "<rect x=\"0\" y=\"" << bar_y << "\" width=\"" << kWidth << "\" height=\"" << kBarHeight
        << "\" fill=\"#ffffff\" stroke=\"#6b6b6b\" stroke-dasharray=\"4 3\"/>"
        << "<text x=\"8\" y=\"" << bar_y + 16 << "\" font-size=\"12\" fill=\"#1b1b1b\">"
        << escape_markup(texts.get("report_chart_hidden")) << "</text>";
      continue;
    }
    double total = 0;
    for (double p : b.percents) total += p;
    double x = 0;
    for (std::size_t k = 0; k < b.percents.size(); ++k) {
      // Whole percents need not sum to 100 (DOMAIN.md): widths are shares of the
      // printed sum, so every bar fills the width; labels print the percents.
      const double w = total > 0 ? b.percents[k] / total * kWidth : 0;
      if (w <= 0) continue;
      o << "<rect x=\"" << x << "\" y=\"" << bar_y << "\" width=\"" << w << "\" height=\"" << kBarHeight
        << "\" fill=\"url(#" << c.id << "-p" << k % 4 << ")\" stroke=\"#ffffff\" stroke-width=\"1\"/>";
      if (w >= kMinLabelWidth) {
        const bool dark = k % 4 == 0;
        o << "<text x=\"" << x + w / 2 << "\" y=\"" << bar_y + 16
          << "\" font-size=\"12\" font-weight=\"bold\" text-anchor=\"middle\" paint-order=\"stroke\" stroke=\""
          << (dark ? "#0b3d66" : "#ffffff") << "\" stroke-width=\"3\" fill=\"" << (dark ? "#ffffff" : "#000000")
          << "\">" << texts.number(b.percents[k], 0) << " %</text>";
      }
      x += w;
    }
  }
  double lx = 0;
  for (std::size_t k = 0; k < c.categories.size(); ++k) {
    o << "<rect x=\"" << lx << "\" y=\"" << legend_y << "\" width=\"14\" height=\"14\" fill=\"url(#" << c.id
      << "-p" << k % 4 << ")\" stroke=\"#1b1b1b\" stroke-width=\"0.5\"/>"
      << "<text x=\"" << lx + 18 << "\" y=\"" << legend_y + 12 << "\" font-size=\"12\" fill=\"#1b1b1b\">"
      << escape_markup(c.categories[k]) << "</text>";
    lx += 30 + 7.0 * static_cast<double>(c.categories[k].size());
  }
  o << "</svg>";
  return o.str();
}

}  // namespace tilfreds::intake::reports
