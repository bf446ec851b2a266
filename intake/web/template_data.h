// A page's context built directly as the template engine's data, for the pages a
// server serves most (the questionnaire's theme pages, the staff complaint list).
//
// Renderer::page() also takes a JSON context, which it converts to this form once
// per request; for a page with many repeated items (questions and their options,
// 36 complaint rows) building the JSON and converting it cost more than rendering
// (bench/README.md, page_bench). TemplateData is that converted form, filled in
// place: every value is moved into its object or list, never copied.
//
// The names, the escaping and the meaning of a value are exactly those of the JSON
// context: a string is printed escaped, true/false switch sections, a list repeats
// its section, an absent name or null is false.
#pragma once

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>
#include <string>

namespace tilfreds::intake::web {

class TemplateData {
 public:
  using Data = kainjow::mustache::data;

  static TemplateData object() { return TemplateData(Data::type::object); }
  // `expected` items are reserved: kainjow's data has no noexcept move, so a list that
  // grows copies every item it holds, deeply, each time it reallocates.
  static TemplateData list(std::size_t expected = 0);
  // A string on its own, e.g. an item of a list printed with {{.}}.
  static TemplateData text(const std::string& value) { return TemplateData(Data{value}); }

  // On an object: the value of `key`, replacing any earlier one.
  TemplateData& set(const std::string& key, const std::string& value) {
    data_[key] = Data{value};
    return *this;
  }
  TemplateData& set(const std::string& key, const char* value) { return set(key, std::string(value)); }
  TemplateData& set(const std::string& key, bool value) {
    data_[key] = Data{value};
    return *this;
  }
  TemplateData& set(const std::string& key, TemplateData&& value) {
    data_[key] = std::move(value.data_);
    return *this;
  }
  // A JSON value converted as Renderer::page() converts a JSON context.
  TemplateData& set(const std::string& key, const nlohmann::json& value);

  // On a list: `item` appended.
  TemplateData& push(TemplateData&& item);

  // The string at `key` on an object, or nullptr when absent or not a string.
  const std::string* string(const std::string& key) const {
    const Data* d = data_.get(key);
    return d && d->is_string() ? &d->string_value() : nullptr;
  }
  bool has(const std::string& key) const { return data_.get(key) != nullptr; }
  bool empty_list() const { return data_.is_empty_list(); }

  const Data& data() const { return data_; }

  // The conversion behind set(key, json): objects, lists, strings and booleans as
  // they are, null as false, numbers printed as JSON prints them.
  static Data from_json(const nlohmann::json& j);

 private:
  explicit TemplateData(Data::type t) : data_(t) {}
  explicit TemplateData(Data&& d) : data_(std::move(d)) {}
  Data data_;
};

}  // namespace tilfreds::intake::web
