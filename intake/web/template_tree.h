// One template as parsed by kainjow mustache, walked by our own loop.
//
// kainjow's render loop was most of a theme page's cost (bench/README.md, page_bench,
// sessions 12 and 13): a std::function call per component, every line gathered in a
// buffer and copied out, a heap string per escaped value, each dotted name split at
// every lookup. This keeps kainjow's parser (its tree, its errors) and flattens the
// tree once at start-up into a list of nodes: runs of text merged, names split on
// '.', a section's children the nodes up to its end. render() then writes straight
// into the page's string.
//
// The output is byte for byte kainjow's render of the same tree, including its
// standalone-line rule: a line that held a section tag and is left with nothing but
// spaces and tabs is dropped together with its newline. Partials and lambdas are not
// supported (the renderer refuses templates with partials; our data has no lambdas).
#pragma once

#include <cstdint>
#include <kainjow/mustache.hpp>
#include <span>
#include <string>
#include <vector>

#include "intake/web/template_data.h"

namespace tilfreds::intake::web {

class TemplateTree {
 public:
  using Data = TemplateData;

  // Parses `source`; error() says why when it does not compile.
  explicit TemplateTree(const std::string& source);

  const std::string& error() const { return error_; }

  // Appends the template rendered to `out`. A name is looked up in the sections
  // open around it (innermost first), then in `layers` in order (a null layer is
  // skipped); "." is the innermost section's item, or the last layer.
  void render(std::span<const Data* const> layers, std::string& out) const;

 private:
  enum class Kind : std::uint8_t { kText, kNewline, kVariable, kUnescaped, kSection, kInverted };
  struct Node {
    Kind kind;
    std::string text;                // the text, or the tag's name
    std::vector<std::string> parts;  // the name split on '.'; empty for "."
    std::uint32_t end = 0;           // a section: the index after its last child
  };
  class Walk;

  void flatten(const kainjow::mustache::component<std::string>& parent);

  std::vector<Node> nodes_;
  std::string error_;
};

}  // namespace tilfreds::intake::web
