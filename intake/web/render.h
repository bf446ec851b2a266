// Pages from templates/*.mustache, compiled into the binary and checked at start-up.
//
// Contexts are built as JSON (easy to assemble, easy to test) and converted to
// template data, or, for the pages served most, built directly as that data
// (TemplateData, intake/web/template_data.h). Every value reaches HTML through {{x}}, which escapes & < > " ';
// the one {{{content}}} in layout.mustache carries the page body this class itself
// rendered with escaping on.
//
// What costs what (bench/README.md, page_bench): the templates are parsed once by
// kainjow, flattened (template_tree.h) and shared by every thread; a language's texts are converted to template data once
// and shared read-only; a request converts only its own small context, once, and
// the layout is rendered around the body from that same data.
//
// Names every template can use, besides its own context:
//   t.KEY     the UI text KEY in the page's language (templates/text/*.LANG.json)
//   lang      the page's language code
//   site.KEY  the site-wide settings given to set_site() for the page's language
//             (e.g. the municipality's name, contact and links), in every page and
//             in the layout
//   privacy_survey, privacy_complaints  (page() only) whether the footer links to
//             that privacy notice: the context's "privacy" ("survey" or "complaints")
//             names the page's part of the site; staff and shared pages link to both
//   language_href  (page() only, when the context sets neither language_href nor
//             language_button) "?lang=" and the other language: every page offers it
//   content   (layout only) the rendered page body
// These win over a context's own keys of the same name.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace tilfreds::intake::web {

class TemplateData;

class Renderer {
 public:
  // Loads the embedded templates and texts. Throws std::runtime_error naming every
  // template that does not compile and every language whose texts miss a key.
  Renderer();
  ~Renderer();
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  // The page `name` (without .mustache) inside the layout, in `lang` ("da" when
  // unknown). `ctx` gets `t` (the UI texts) and `lang`; `ctx["page_title"]` names
  // the page, `ctx["language_href"]` offers the language switch.
  std::string page(const std::string& name, const nlohmann::json& ctx, const std::string& lang) const;
  // The same for a context built as template data (a distinct name, so that a braced
  // JSON context never has to consider it): the same names, the same page.
  std::string page_from(const std::string& name, const TemplateData& ctx, const std::string& lang) const;

  // The UI text `key` in `lang`, for contexts that pick texts by key.
  const std::string& text(const std::string& lang, const std::string& key) const;

  // The UI text `key` in `lang`, or nullptr when there is none: for optional texts,
  // e.g. a report headline worded for one question.
  const std::string* find_text(const std::string& lang, const std::string& key) const;

  // The template `name` alone, without the layout, for a document that is a page of
  // its own (a report saved to a file); `ctx` gets `t`, `lang` and `site` as in page().
  std::string standalone(const std::string& name, const nlohmann::json& ctx, const std::string& lang) const;

  // The UI language for a requested code: "en" if asked and available, else "da".
  std::string language(const std::string& requested) const;

  // An embedded static file (templates/static/NAME), or nullptr.
  const std::string* static_file(const std::string& name) const;

  // The one way site-wide data enters every page: the municipality's name, contact,
  // accessibility statement (intake/settings/site_frame.h), as {"da": {...}, "en": {...}};
  // the reader's language's object becomes `site.KEY` in every template, the layout
  // included (a language without one has no `site`). It is converted to mustache data
  // once and kept as an immutable snapshot; a call swaps the snapshot atomically, so
  // pages being rendered keep the one they started with and the next page gets the
  // new one, without a restart and without a lock on the render path (call it at
  // start-up, and again when an admin saves the settings). Const because every route
  // holds the renderer const and the snapshot is not part of what it renders by itself.
  void set_site(const nlohmann::json& by_language) const;
  // The `site` object set_site() gave for `lang` ("da" when unknown), or an empty
  // object: for documents that carry the municipality's frame outside a template
  // (a report's running header in PDF and XLSX).
  nlohmann::json site(const std::string& lang) const;

  struct Compiled;  // the templates and per-language data (render.cpp)
  struct Snapshot;  // one set_site() value, converted (render.cpp)

 private:
  std::string render(const std::string& name, const TemplateData& ctx,
                     const std::string& lang, bool in_layout) const;

  std::map<std::string, nlohmann::json> texts_;             // language → texts
  std::map<std::string, std::string> static_;               // file name → bytes
  std::unique_ptr<const Compiled> compiled_;
  mutable std::atomic<std::shared_ptr<const Snapshot>> site_;
};

}  // namespace tilfreds::intake::web
