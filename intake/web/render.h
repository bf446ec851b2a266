// Pages from templates/*.mustache, compiled into the binary and checked at start-up.
//
// Contexts are built as JSON (easy to assemble, easy to test) and converted to
// mustache data. Every value reaches HTML through {{x}}, which escapes & < > " ';
// the one {{{content}}} in layout.mustache carries the page body this class itself
// rendered with escaping on.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace tilfreds::intake::web {

class Renderer {
 public:
  // Loads the embedded templates and texts. Throws std::runtime_error naming every
  // template that does not compile and every language whose texts miss a key.
  Renderer();

  // The page `name` (without .mustache) inside the layout, in `lang` ("da" when
  // unknown). `ctx` gets `t` (the UI texts) and `lang`; `ctx["page_title"]` names
  // the page, `ctx["language_href"]` offers the language switch.
  std::string page(const std::string& name, nlohmann::json ctx, const std::string& lang) const;

  // The UI text `key` in `lang`, for contexts that pick texts by key.
  const std::string& text(const std::string& lang, const std::string& key) const;

  // The UI text `key` in `lang`, or nullptr when there is none: for optional texts,
  // e.g. a report headline worded for one question.
  const std::string* find_text(const std::string& lang, const std::string& key) const;

  // The template `name` alone, without the layout, for a document that is a page of
  // its own (a report saved to a file); `ctx` gets `t` and `lang` as in page().
  std::string standalone(const std::string& name, nlohmann::json ctx, const std::string& lang) const;

  // The UI language for a requested code: "en" if asked and available, else "da".
  std::string language(const std::string& requested) const;

  // Site-wide data for the layout of every page (the municipality's name, contact,
  // accessibility statement: intake/settings/site_frame.h), as {"da": {...}, "en": {...}};
  // page() puts the reader's language's object into the context as "site". An immutable
  // snapshot swapped atomically: an admin's save reaches the next page without a restart
  // and without a lock on the render path. Const because every route holds the renderer
  // const and the snapshot is not part of what it renders by itself.
  void set_site(nlohmann::json by_language) const;

  // An embedded static file (templates/static/NAME), or nullptr.
  const std::string* static_file(const std::string& name) const;

 private:
  std::string render(const std::string& name, const nlohmann::json& ctx) const;

  std::map<std::string, std::string> sources_;              // template name → source
  std::map<std::string, nlohmann::json> texts_;             // language → texts
  std::map<std::string, std::string> static_;               // file name → bytes
  mutable std::atomic<std::shared_ptr<const nlohmann::json>> site_;
};

}  // namespace tilfreds::intake::web
