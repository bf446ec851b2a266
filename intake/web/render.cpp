#include "intake/web/render.h"

#include <array>
#include <span>
#include <stdexcept>
#include <vector>

#include "embedded_file.h"
#include "intake/web/template_data.h"
#include "intake/web/template_tree.h"

namespace tilfreds::embedded {
std::span<const EmbeddedFile> templates();
}

namespace tilfreds::intake::web {

namespace {
using Data = TemplateData;

Data to_data(const nlohmann::json& j) { return TemplateData::from_json(j); }

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
}  // namespace

// The names every page gets besides its own context (render.h) — t, lang, site and the
// ones page() derives from a request's context — in one object for each of their few
// combinations, built once per language (and per site snapshot), so that a name is
// looked up in one object, not in four, and a page allocates nothing for them.
namespace {
enum Part { kBoth, kSurvey, kComplaints, kStandalone };  // the context's "privacy"; no layout

using Fixed = std::array<std::array<TemplateData, 2>, 4>;  // [Part][with the default language_href]

// The objects of `fixed`, each {t, lang, site (when `site` is set), privacy_survey,
// privacy_complaints, language_href (with_href)}, t and site referring to `texts` and `site`.
void build_fixed(Fixed& fixed, const TemplateData& texts, const std::string& lang, const std::string& href,
                 const TemplateData* site) {
  for (int part : {kBoth, kSurvey, kComplaints, kStandalone}) {
    for (int with_href : {0, 1}) {
      TemplateData& d = fixed[part][with_href];
      d = TemplateData::object();
      d.set("t", TemplateData::ref(texts));
      d.set("lang", lang);
      if (site) d.set("site", TemplateData::ref(*site));
      if (part != kStandalone) {
        d.set("privacy_survey", part != kComplaints);
        d.set("privacy_complaints", part != kSurvey);
        if (with_href) d.set("language_href", href);
      }
      d.prepare_escaped();
    }
  }
}
}  // namespace

struct Renderer::Compiled {
  // Shared by every thread: a render only reads its tree (template_tree.h).
  std::map<std::string, std::unique_ptr<TemplateTree>> templates;
  struct Language {
    Data texts;          // the UI texts, escaped once
    std::string href;    // the default language switch, "?lang=" and the other language
    Fixed fixed;         // without site: before set_site()
  };
  std::map<std::string, Language> languages;  // code → its data
};

struct Renderer::Snapshot {
  struct Language {
    Data site;    // the language's site settings, escaped once
    Fixed fixed;  // with site
  };
  std::map<std::string, Language> by_language;     // code → its data (languages with settings)
  nlohmann::json json = nlohmann::json::object();  // as given, for site()
};

Renderer::Renderer() {
  auto compiled = std::make_unique<Compiled>();
  std::string failures;
  for (const auto& f : embedded::templates()) {
    std::string path(f.path);
    if (ends_with(path, ".mustache")) {
      std::string name = path.substr(0, path.size() - 9);
      auto tmpl = std::make_unique<TemplateTree>(std::string(f.bytes));
      if (!tmpl->error().empty()) failures += "\n  " + path + ": " + tmpl->error();
      if (f.bytes.find("{{>") != std::string_view::npos) failures += "\n  " + path + ": partials are not supported";
      compiled->templates[name] = std::move(tmpl);
    } else if (path.rfind("text/", 0) == 0 && ends_with(path, ".json")) {
      // text/da.json, or text/AREA.da.json: each part of the site may keep its texts in a
      // file of its own; a language's files merge into one catalogue, a key in two is refused.
      std::string stem = path.substr(5, path.size() - 10);
      std::string lang = stem.substr(stem.rfind('.') + 1);
      auto j = nlohmann::json::parse(f.bytes, nullptr, false);
      if (!j.is_object()) {
        failures += "\n  " + path + ": not a JSON object";
        continue;
      }
      auto& catalogue = texts_[lang];
      if (catalogue.is_null()) catalogue = nlohmann::json::object();
      for (auto& [key, value] : j.items()) {
        if (catalogue.contains(key)) failures += "\n  " + path + ": \"" + key + "\" is defined twice";
        catalogue[key] = value;
      }
    } else if (path.rfind("static/", 0) == 0) {
      static_[path.substr(7)] = std::string(f.bytes);
    }
  }
  if (texts_.count("da") == 0) failures += "\n  text/da.json is missing";
  for (const auto& [lang, texts] : texts_) {
    for (const auto& [key, value] : texts_["da"].items()) {
      if (!texts.contains(key)) failures += "\n  text/" + lang + ".json lacks \"" + key + "\"";
    }
    auto& language = compiled->languages[lang];
    language.texts = to_data(texts);
    language.texts.prepare_escaped();  // escaped once here, not in every page
    language.href = "?lang=" + texts.value("other_language_code", std::string("da"));
    build_fixed(language.fixed, language.texts, lang, language.href, nullptr);
  }
  if (compiled->templates.count("layout") == 0) failures += "\n  layout.mustache is missing";
  if (!failures.empty()) throw std::runtime_error("templates do not compile:" + failures);
  compiled_ = std::move(compiled);
}

Renderer::~Renderer() = default;

void Renderer::set_site(const nlohmann::json& by_language) const {
  auto snapshot = std::make_shared<Snapshot>();
  for (const auto& [lang, site] : by_language.items()) {
    auto compiled = compiled_->languages.find(lang);
    if (compiled == compiled_->languages.end()) continue;  // no page is ever in it
    // In place: fixed refers to site, so neither moves after this.
    Snapshot::Language& l = snapshot->by_language[lang];
    l.site = to_data(site);
    l.site.prepare_escaped();
    build_fixed(l.fixed, compiled->second.texts, lang, compiled->second.href, &l.site);
  }
  if (by_language.is_object()) snapshot->json = by_language;
  site_.store(std::move(snapshot));
}

nlohmann::json Renderer::site(const std::string& lang) const {
  const std::shared_ptr<const Snapshot> snapshot = site_.load();
  if (!snapshot) return nlohmann::json::object();
  auto it = snapshot->json.find(language(lang));
  return it == snapshot->json.end() ? nlohmann::json::object() : *it;
}

std::string Renderer::render(const std::string& name, const Data& request, const std::string& lang,
                             bool in_layout) const {
  auto tmpl = compiled_->templates.find(name);
  if (tmpl == compiled_->templates.end()) throw std::logic_error("no template " + name);
  const std::string l = language(lang);
  const std::shared_ptr<const Snapshot> site = site_.load();
  const Fixed* fixed = &compiled_->languages.at(l).fixed;
  if (site) {
    if (auto it = site->by_language.find(l); it != site->by_language.end()) fixed = &it->second.fixed;
  }
  // The footer's privacy links and the language switch (render.h), for pages only.
  Part part = kStandalone;
  bool with_href = false;
  if (in_layout) {
    const Data* privacy = request.get("privacy");
    const bool is_string = privacy && privacy->is_string();
    part = !is_string                                 ? kBoth
           : privacy->string_value() == "survey"     ? kSurvey
           : privacy->string_value() == "complaints" ? kComplaints
                                                     : kBoth;
    with_href = !request.get("language_href") && !request.get("language_button");
  }
  const Data& names = (*fixed)[part][with_href ? 1 : 0];

  std::string body;
  body.reserve(8192);
  const Data* layers[] = {&names, &request};
  tmpl->second->render(layers, body);
  if (!in_layout) return body;

  Data content = Data::object();
  content.set("content", std::move(body));
  std::string html;
  html.reserve(content.string("content")->size() + 2048);
  const Data* layout_layers[] = {&content, &names, &request};
  compiled_->templates.at("layout")->render(layout_layers, html);
  return html;
}

std::string Renderer::page(const std::string& name, const nlohmann::json& ctx, const std::string& lang) const {
  return render(name, to_data(ctx), lang, true);
}

std::string Renderer::page_from(const std::string& name, const TemplateData& ctx, const std::string& lang) const {
  return render(name, ctx, lang, true);
}

std::string Renderer::standalone(const std::string& name, const nlohmann::json& ctx,
                                 const std::string& lang) const {
  return render(name, to_data(ctx), lang, false);
}

const std::string& Renderer::text(const std::string& lang, const std::string& key) const {
  const auto& texts = texts_.at(language(lang));
  auto it = texts.find(key);
  if (it == texts.end() || !it->is_string()) throw std::logic_error("no UI text " + key);
  return it->get_ref<const std::string&>();
}

const std::string* Renderer::find_text(const std::string& lang, const std::string& key) const {
  const auto& texts = texts_.at(language(lang));
  auto it = texts.find(key);
  if (it == texts.end() || !it->is_string()) return nullptr;
  return &it->get_ref<const std::string&>();
}

std::string Renderer::language(const std::string& requested) const {
  return texts_.count(requested) ? requested : "da";
}

const std::string* Renderer::static_file(const std::string& name) const {
  auto it = static_.find(name);
  return it == static_.end() ? nullptr : &it->second;
}

}  // namespace tilfreds::intake::web
