// JSON for other systems: the Document as it is, values typed. A hidden cell has
// kind "hidden" and no value member at all, so no reader can find a number there.
#include <nlohmann/json.hpp>

#include "intake/reports/render_parts.h"
#include "intake/reports/report_frame.h"

namespace tilfreds::intake::reports {

namespace {
using nlohmann::json;

const char* kind_name(CellKind k) {
  switch (k) {
    case CellKind::kText: return "text";
    case CellKind::kCount: return "count";
    case CellKind::kPercent: return "percent";
    case CellKind::kNumber: return "number";
    case CellKind::kHidden: return "hidden";
    case CellKind::kMissing: return "missing";
  }
  return "";
}

json cell(const Cell& c) {
  json j = {{"kind", kind_name(c.kind)}};
  if (c.kind == CellKind::kText || (c.kind == CellKind::kMissing && !c.text.empty())) j["text"] = c.text;
  if (c.kind == CellKind::kCount) j["value"] = static_cast<std::int64_t>(c.value);
  if (c.kind == CellKind::kPercent || c.kind == CellKind::kNumber) {
    j["value"] = c.value;
    j["decimals"] = c.decimals;
    if (c.low) j["low"] = *c.low;
    if (c.high) j["high"] = *c.high;
  }
  if (c.indicator) {
    j["indicator"] = {{"light", c.indicator->light},
                      {"direction", c.indicator->direction},
                      {"tone", c.indicator->tone}};
  }
  if (!c.footnote.empty()) j["footnote"] = c.footnote;
  return j;
}

json table(const Table& t) {
  json rows = json::array();
  for (const auto& r : t.rows) {
    json cells = json::array();
    for (const auto& c : r.cells) cells.push_back(cell(c));
    rows.push_back({{"header", r.header}, {"note", r.note}, {"cells", cells}});
  }
  json notes = json::array();
  for (const auto& f : t.footnotes) notes.push_back({{"key", f.key}, {"text", f.text}});
  return {{"id", t.id},           {"caption", t.caption}, {"corner", t.corner},
          {"columns", t.columns}, {"rows", rows},         {"footnotes", notes}};
}

json chart(const Chart& c) {
  json bars = json::array();
  for (const auto& b : c.bars) {
    json bar = {{"label", b.label}, {"hidden", b.hidden}};
    if (!b.hidden) bar["percents"] = b.percents;
    bars.push_back(bar);
  }
  return {{"id", c.id}, {"title", c.title}, {"categories", c.categories}, {"bars", bars}};
}
}  // namespace

std::string render_json(const Document& d, const web::Renderer& renderer) {
  json sections = json::array();
  for (const auto& s : d.sections) {
    json blocks = json::array();
    for (const auto& b : s.blocks) {
      switch (b.kind) {
        case Block::Kind::kParagraph:
          blocks.push_back({{"kind", "paragraph"}, {"text", b.text}, {"source", b.source}});
          break;
        case Block::Kind::kHeadline:
          blocks.push_back({{"kind", "headline"}, {"text", b.text}, {"source", b.source}});
          break;
        case Block::Kind::kTable: blocks.push_back({{"kind", "table"}, {"table", table(*b.table)}}); break;
        case Block::Kind::kChart: blocks.push_back({{"kind", "chart"}, {"chart", chart(*b.chart)}}); break;
      }
    }
    sections.push_back({{"heading", s.heading}, {"blocks", blocks}});
  }
  json method = json::array();
  for (const auto& m : d.method) method.push_back({{"label", m.label}, {"text", m.text}, {"warning", m.warning}});
  json reading = json::array();
  for (const auto& m : d.reading) reading.push_back({{"label", m.label}, {"text", m.text}});
  json j = {{"id", d.id},   {"lang", d.lang},         {"title", d.title}, {"subtitle", d.subtitle},
            {"sections", sections}, {"reading", reading}, {"method", method}};
  // Who publishes the figures, so a system that shows them can say so.
  if (auto p = publisher(d, renderer); !p.empty()) j["publisher"] = p;
  if (!d.figures.is_null()) j["figures"] = d.figures;
  return j.dump(2) + "\n";
}

}  // namespace tilfreds::intake::reports
