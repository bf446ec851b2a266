#include "intake/web/render.h"

#include <kainjow/mustache.hpp>
#include <span>
#include <stdexcept>
#include <vector>

#include "embedded_file.h"
#include "intake/web/template_data.h"

namespace tilfreds::embedded {
std::span<const EmbeddedFile> templates();
}

namespace tilfreds::intake::web {

namespace {
namespace mustache = kainjow::mustache;
using Data = mustache::data;

Data to_data(const nlohmann::json& j) { return TemplateData::from_json(j); }

// kainjow's own html_escape appends character by character into a string reserved at
// twice the input, for every {{x}}; most values have nothing to escape. The same five
// entities, so the output is byte for byte kainjow's.
std::string escape_html(const std::string& s) {
  std::size_t next = s.find_first_of("&<>\"'");
  if (next == std::string::npos) return s;
  std::string out;
  out.reserve(s.size() + 32);
  std::size_t done = 0;
  while (next != std::string::npos) {
    out.append(s, done, next - done);
    switch (s[next]) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += "&apos;"; break;
    }
    done = next + 1;
    next = s.find_first_of("&<>\"'", done);
  }
  out.append(s, done, std::string::npos);
  return out;
}

// The lookup kainjow's own context does, without its costs: that one splits every
// dotted name ({{t.key}}) through a stringstream and inserts each section's item at
// the front of a vector. Sections are searched newest first, then the fixed layers
// in order (content, the renderer's names, the request's context): the same result
// as one merged root object whose t, lang, site and content the renderer set.
class PageContext final : public mustache::basic_context<std::string> {
 public:
  explicit PageContext(std::vector<const Data*> layers) : layers_(std::move(layers)) { stack_.reserve(8); }

  void push(const Data* data) override { stack_.push_back(data); }
  void pop() override { stack_.pop_back(); }

  const Data* get(const std::string& name) const override {
    if (name.size() == 1 && name[0] == '.') return stack_.empty() ? layers_.back() : stack_.back();
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      if (const Data* v = lookup(**it, name)) return v;
    }
    for (const Data* layer : layers_) {
      if (const Data* v = layer ? lookup(*layer, name) : nullptr) return v;
    }
    return nullptr;
  }
  // Templates with partials are refused at start-up.
  const Data* get_partial(const std::string&) const override { return nullptr; }

 private:
  static const Data* lookup(const Data& item, const std::string& name) {
    const std::size_t dot = name.find('.');
    if (dot == std::string::npos) return item.get(name);
    thread_local std::string part;  // reused: no allocation per lookup
    const Data* var = &item;
    for (std::size_t start = 0; var;) {
      const std::size_t end = name.find('.', start);
      part.assign(name, start, end == std::string::npos ? std::string::npos : end - start);
      var = var->get(part);
      if (end == std::string::npos) break;
      start = end + 1;
    }
    return var;
  }

  std::vector<const Data*> layers_;
  std::vector<const Data*> stack_;
};

// kainjow writes through `stream << text`; appending to one string avoids the
// ostringstream (and its locale) per render.
struct StringSink {
  std::string& out;
  StringSink& operator<<(const std::string& s) {
    out += s;
    return *this;
  }
};

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
}  // namespace

// The names page() derives from a request's context, built once per language for
// each of their few combinations so a page allocates nothing for them.
namespace {
enum Part { kBoth, kSurvey, kComplaints };  // the context's "privacy"
}  // namespace

struct Renderer::Compiled {
  // Shared by every thread. kainjow's render() is not const only because it records
  // errors of partials and lambdas; these templates have no partials (refused
  // below) and the data no lambdas, so concurrent renders only read the tree.
  std::map<std::string, std::unique_ptr<mustache::mustache>> templates;
  struct Language {
    Data names;             // {t: the texts, lang: code}
    Data page_names[3][2];  // [Part][with the default language_href]
  };
  std::map<std::string, Language> languages;  // code → its data
};

struct Renderer::Snapshot {
  std::map<std::string, Data> by_language;  // code → {site: …}
  nlohmann::json json = nlohmann::json::object();  // as given, for site()
};

Renderer::Renderer() {
  auto compiled = std::make_unique<Compiled>();
  std::string failures;
  for (const auto& f : embedded::templates()) {
    std::string path(f.path);
    if (ends_with(path, ".mustache")) {
      std::string name = path.substr(0, path.size() - 9);
      auto tmpl = std::make_unique<mustache::mustache>(std::string(f.bytes));
      tmpl->set_custom_escape(escape_html);
      if (!tmpl->is_valid()) failures += "\n  " + path + ": " + tmpl->error_message();
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
    language.names = Data{Data::type::object};
    language.names["t"] = to_data(texts);
    language.names["lang"] = Data{lang};
    const std::string href = "?lang=" + texts.value("other_language_code", std::string("da"));
    for (int part : {kBoth, kSurvey, kComplaints}) {
      for (int with_href : {0, 1}) {
        Data& d = language.page_names[part][with_href];
        d = Data{Data::type::object};
        d["privacy_survey"] = Data{part != kComplaints};
        d["privacy_complaints"] = Data{part != kSurvey};
        if (with_href) d["language_href"] = Data{href};
      }
    }
  }
  if (compiled->templates.count("layout") == 0) failures += "\n  layout.mustache is missing";
  if (!failures.empty()) throw std::runtime_error("templates do not compile:" + failures);
  compiled_ = std::move(compiled);
}

Renderer::~Renderer() = default;

void Renderer::set_site(const nlohmann::json& by_language) const {
  auto snapshot = std::make_shared<Snapshot>();
  for (const auto& [lang, site] : by_language.items()) {
    Data d{Data::type::object};
    d["site"] = to_data(site);
    snapshot->by_language[lang] = std::move(d);
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
  const Compiled::Language& language_data = compiled_->languages.at(l);
  const Data& names = language_data.names;
  const Data* site_data = nullptr;
  if (site) {
    if (auto it = site->by_language.find(l); it != site->by_language.end()) site_data = &it->second;
  }
  // The footer's privacy links and the language switch (render.h), for pages only.
  const Data* page_names = nullptr;
  if (in_layout) {
    const Data* privacy = request.get("privacy");
    const bool is_string = privacy && privacy->is_string();
    const Part part = !is_string                                 ? kBoth
                      : privacy->string_value() == "survey"     ? kSurvey
                      : privacy->string_value() == "complaints" ? kComplaints
                                                                : kBoth;
    const bool with_href = !request.get("language_href") && !request.get("language_button");
    page_names = &language_data.page_names[part][with_href ? 1 : 0];
  }

  std::string body;
  body.reserve(8192);
  PageContext context({&names, site_data, page_names, &request});
  StringSink sink{body};
  tmpl->second->render(context, sink);
  if (!in_layout) return body;

  Data content{Data::type::object};
  content["content"] = Data{body};
  std::string html;
  html.reserve(body.size() + 2048);
  PageContext layout_context({&content, &names, site_data, page_names, &request});
  StringSink layout_sink{html};
  compiled_->templates.at("layout")->render(layout_context, layout_sink);
  return html;
}

std::string Renderer::page(const std::string& name, const nlohmann::json& ctx, const std::string& lang) const {
  return render(name, to_data(ctx), lang, true);
}

std::string Renderer::page_from(const std::string& name, const TemplateData& ctx, const std::string& lang) const {
  return render(name, ctx.data(), lang, true);
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
