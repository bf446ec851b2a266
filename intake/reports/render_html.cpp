// HTML from templates/report.mustache: accessible tables (caption, th scope), marks
// as a symbol plus words for screen readers, charts as inline SVG drawn here.
#include <cctype>
#include <nlohmann/json.hpp>

#include "intake/reports/render_parts.h"
#include "intake/reports/report_frame.h"

namespace tilfreds::intake::reports {

namespace {
using nlohmann::json;

// Every key is set in every cell, so that mustache never falls back to a value of
// the same name further up the context.
json cell(const Cell& c, const ReportTexts& texts) {
  std::string cls = c.kind == CellKind::kText ? "text" : "num";
  if (c.kind == CellKind::kHidden) cls += " hidden";
  if (c.kind == CellKind::kMissing) cls += " missing";
  json j = {{"text", cell_text(c, texts)}, {"cls", cls}, {"symbol", false}, {"sr", false}, {"mark_cls", false},
            {"footnote", c.footnote.empty() ? json(false) : json(c.footnote)},
            {"hidden_sr", c.kind == CellKind::kHidden ? json(texts.get("report_cell_hidden_sr")) : json(false)}};
  if (c.indicator) {
    j["symbol"] = indicator_label(*c.indicator, texts);
    j["sr"] = indicator_words(*c.indicator, texts);
    std::string mark = "mark";
    if (!c.indicator->tone.empty()) mark += " tone-" + c.indicator->tone;
    if (!c.indicator->light.empty()) mark += " light-" + c.indicator->light;
    j["mark_cls"] = mark;
  }
  return j;
}

json table(const Table& t, const ReportTexts& texts) {
  json rows = json::array();
  for (const auto& r : t.rows) {
    json cells = json::array();
    for (const auto& c : r.cells) cells.push_back(cell(c, texts));
    rows.push_back({{"header", r.header}, {"note", r.note.empty() ? json(false) : json(r.note)}, {"cells", cells}});
  }
  json footnotes = json::array();
  for (const auto& f : t.footnotes) {
    footnotes.push_back({{"key", f.key.empty() ? json(false) : json(f.key)}, {"text", f.text}});
  }
  return {{"id", t.id},           {"caption", t.caption}, {"corner", t.corner},
          {"columns", t.columns}, {"rows", rows},         {"footnotes", footnotes},
          {"has_footnotes", !t.footnotes.empty()}};
}
// `s` as the body of a CSS string: every ASCII byte but letters, digits and the
// space as a hex escape, so no text can close the string or the <style> element.
std::string css_string(const std::string& s) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x80 || std::isalnum(c) || c == ' ') {
      out += static_cast<char>(c);
    } else {
      out += '\\';
      if (c >= 16) out += hex[c >> 4];
      out += hex[c & 15];
      out += ' ';
    }
  }
  return out;
}

// The running header, the contact line and page numbers of the printed and PDF
// report, in the @page margin boxes: outside the text area by construction, so
// they never overlap it. The contact line is the unit and its phone, as far as set.
std::string page_css(const Document& d, const ReportTexts& texts, const json& frame) {
  std::string contact = frame.value("phone", std::string());
  if (!contact.empty()) contact = texts.get("report_frame_phone") + " " + contact;
  return "@page { @top-left { content: \"" + css_string(organisation_line(d, texts.renderer())) + "\"; } "
         "@top-right { content: \"" + css_string(d.title) + "\"; } "
         "@bottom-left { content: \"" + css_string(contact) + "\"; } "
         "@bottom-right { content: \"" + css_string(texts.get("report_page")) + " \" counter(page) \" " +
         css_string(texts.get("report_page_of")) + " \" counter(pages); } }";
}
}  // namespace

std::string render_html(const Document& d, const web::Renderer& renderer, const std::string& stylesheet_href) {
  ReportTexts texts(renderer, renderer.language(d.lang));
  json sections = json::array();
  for (const auto& s : d.sections) {
    json blocks = json::array();
    for (const auto& b : s.blocks) {
      json block = {{"paragraph", false}, {"headline", false}, {"table", false}, {"chart", false},
                    {"source", b.source.empty() ? json(false) : json(texts.fill("report_source", {{"table", b.source}}))}};
      switch (b.kind) {
        case Block::Kind::kParagraph: block["paragraph"] = b.text; break;
        case Block::Kind::kHeadline: block["headline"] = b.text; break;
        case Block::Kind::kTable: block["table"] = table(*b.table, texts); break;
        case Block::Kind::kChart: block["chart"] = {{"svg", chart_svg(*b.chart, texts)}}; break;
      }
      blocks.push_back(block);
    }
    sections.push_back({{"heading", s.heading}, {"blocks", blocks}});
  }
  json method = json::array();
  for (const auto& m : d.method) method.push_back({{"label", m.label}, {"text", m.text}, {"warning", m.warning}});
  json reading = json::array();
  for (const auto& m : d.reading) reading.push_back({{"label", m.label}, {"text", m.text}});
  json ctx = {{"title", d.title}, {"subtitle", d.subtitle}, {"sections", sections}, {"method", method},
              {"reading", reading}, {"has_reading", !d.reading.empty()},
              {"stylesheet_href", stylesheet_href.empty() ? json(false) : json(stylesheet_href)},
              {"css", false}};
  // A served page links back to the site's privacy notice; a file or PDF prints it.
  ctx["frame"] = colophon(d, renderer, !stylesheet_href.empty());
  ctx["page_css"] = false;
  if (stylesheet_href.empty()) {
    const std::string* css = renderer.static_file("report.css");
    if (!css) throw std::logic_error("templates/static/report.css is not embedded");
    ctx["css"] = *css;
    // Only a self-contained page may carry its own <style> (the web's CSP forbids
    // inline style); the served page prints page numbers from report.css alone.
    ctx["page_css"] = page_css(d, texts, ctx["frame"]);
  }
  return renderer.standalone("report", ctx, d.lang);
}

}  // namespace tilfreds::intake::reports
