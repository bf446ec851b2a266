#include "intake/web/render.h"

#include <kainjow/mustache.hpp>
#include <memory>
#include <span>
#include <stdexcept>

#include "embedded_file.h"

namespace tilfreds::embedded {
std::span<const EmbeddedFile> templates();
}

namespace tilfreds::intake::web {

namespace {
namespace mustache = kainjow::mustache;

mustache::data to_data(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data d{mustache::data::type::object};
      for (auto& [k, v] : j.items()) d.set(k, to_data(v));
      return d;
    }
    case nlohmann::json::value_t::array: {
      mustache::data d{mustache::data::type::list};
      for (const auto& v : j) d.push_back(to_data(v));
      return d;
    }
    case nlohmann::json::value_t::string:
      return mustache::data{j.get<std::string>()};
    case nlohmann::json::value_t::boolean:
      return mustache::data{j.get<bool>()};
    case nlohmann::json::value_t::null:
      return mustache::data{false};
    default:
      return mustache::data{j.dump()};
  }
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
}  // namespace

Renderer::Renderer() {
  std::string failures;
  for (const auto& f : embedded::templates()) {
    std::string path(f.path);
    if (ends_with(path, ".mustache")) {
      std::string name = path.substr(0, path.size() - 9);
      mustache::mustache compiled{std::string(f.bytes)};
      if (!compiled.is_valid()) failures += "\n  " + path + ": " + compiled.error_message();
      sources_[name] = std::string(f.bytes);
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
  }
  if (sources_.count("layout") == 0) failures += "\n  layout.mustache is missing";
  if (!failures.empty()) throw std::runtime_error("templates do not compile:" + failures);
}

std::string Renderer::render(const std::string& name, const nlohmann::json& ctx) const {
  // kainjow's render() is not const; each thread keeps its own compiled copies.
  thread_local std::map<const Renderer*, std::map<std::string, std::unique_ptr<mustache::mustache>>> cache;
  auto& mine = cache[this];
  auto it = mine.find(name);
  if (it == mine.end()) {
    auto src = sources_.find(name);
    if (src == sources_.end()) throw std::logic_error("no template " + name);
    it = mine.emplace(name, std::make_unique<mustache::mustache>(src->second)).first;
  }
  return it->second->render(to_data(ctx));
}

std::string Renderer::page(const std::string& name, nlohmann::json ctx, const std::string& lang) const {
  std::string l = language(lang);
  ctx["t"] = texts_.at(l);
  ctx["lang"] = l;
  if (auto site = site_.load(); site && site->contains(l)) ctx["site"] = (*site)[l];
  // The footer links to the privacy notice of the page's part of the site ("privacy":
  // "survey" or "complaints"); staff and shared pages link to both.
  std::string part = ctx.value("privacy", "");
  ctx["privacy_survey"] = part != "complaints";
  ctx["privacy_complaints"] = part != "survey";
  // Every page offers the other language; a page that must not (a questionnaire in one
  // language) sets language_href to null, a form page offers a button of its form instead.
  if (!ctx.contains("language_href") && !ctx.contains("language_button")) {
    ctx["language_href"] = "?lang=" + ctx["t"].value("other_language_code", std::string("da"));
  }
  std::string body = render(name, ctx);
  ctx["content"] = body;
  return render("layout", ctx);
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

std::string Renderer::standalone(const std::string& name, nlohmann::json ctx,
                                 const std::string& lang) const {
  std::string l = language(lang);
  ctx["t"] = texts_.at(l);
  ctx["lang"] = l;
  return render(name, ctx);
}

void Renderer::set_site(nlohmann::json by_language) const {
  site_.store(std::make_shared<const nlohmann::json>(std::move(by_language)));
}

std::string Renderer::language(const std::string& requested) const {
  return texts_.count(requested) ? requested : "da";
}

const std::string* Renderer::static_file(const std::string& name) const {
  auto it = static_.find(name);
  return it == static_.end() ? nullptr : &it->second;
}

}  // namespace tilfreds::intake::web
