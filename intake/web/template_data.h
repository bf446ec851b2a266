// A page's context as the renderer reads it: our own small tree of values, built in
// place for the pages a server serves most (the questionnaire's theme pages, the
// staff complaint list) and converted once from JSON for the others.
//
// kainjow's data (a hash map per object, a node per member) cost more to build and
// free than rendering the page did (bench/README.md, page_bench, sessions 12 and 13).
// Here an object is two vectors (its keys, its values), searched from the front —
// a context has tens of names, not thousands — or, when made from JSON, kept in
// the JSON's sorted order and searched by halves (the UI-text catalogue). Lists
// are one vector; every value moves into its object or list, never copied.
//
// The names, the escaping and the meaning of a value are exactly those of the JSON
// context: a string is printed escaped, true/false switch sections, a list repeats
// its section, an absent name or null is false.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace tilfreds::intake::web {

class TemplateData {
 public:
  TemplateData() = default;  // false
  static TemplateData object() { return TemplateData(Type::kObject); }
  // `expected` items are reserved, so the list does not move its items as it grows.
  static TemplateData list(std::size_t expected = 0);
  // A string on its own, e.g. an item of a list printed with {{.}}.
  static TemplateData text(const std::string& value) {
    TemplateData d(Type::kString);
    d.text_ = value;
    return d;
  }
  static TemplateData text(std::string&& value) {
    TemplateData d(Type::kString);
    d.text_ = std::move(value);
    return d;
  }
  // `value` itself, not a copy: a string that outlives the page (a row read for it, a UI text).
  static TemplateData view(const std::string& value) {
    TemplateData d(Type::kString);
    d.view_ = &value;
    return d;
  }
  static TemplateData boolean(bool value) { return TemplateData(value ? Type::kTrue : Type::kFalse); }
  // An object whose names not set on it are those of `base`, which must outlive it:
  // a request's few own values over data built once and shared read-only (a stored
  // questionnaire's question, intake/survey/page_view.h). `expected` names are reserved.
  static TemplateData over(const TemplateData& base, std::size_t expected = 4);
  // `target` itself wherever this value is read (a list's item, an object's member),
  // without copying it; `target` must outlive it.
  static TemplateData ref(const TemplateData& target) {
    TemplateData d(Type::kRef);
    d.base_ = &target.resolved();
    return d;
  }

  // On an object: the value of `key`, replacing any earlier one.
  TemplateData& set(const std::string& key, const std::string& value) { return set(key, text(value)); }
  TemplateData& set(const std::string& key, std::string&& value) { return set(key, text(std::move(value))); }
  TemplateData& set(const std::string& key, const char* value) { return set(key, text(value)); }
  TemplateData& set(const std::string& key, bool value) { return set(key, boolean(value)); }
  TemplateData& set(const std::string& key, TemplateData&& value);
  // A JSON value converted as Renderer::page() converts a JSON context.
  TemplateData& set(const std::string& key, const nlohmann::json& value) { return set(key, from_json(value)); }

  // On a list: `item` appended.
  TemplateData& push(TemplateData&& item) {
    values_.push_back(std::move(item));
    return *this;
  }

  // The string at `key` on an object, or nullptr when absent or not a string.
  const std::string* string(std::string_view key) const {
    const TemplateData* d = get(key);
    return d && d->is_string() ? &d->string_value() : nullptr;
  }
  bool has(std::string_view key) const { return get(key) != nullptr; }
  bool empty_list() const { return type_ == Type::kList && values_.empty(); }

  // Every string in this tree, and below it, keeps its escaped form beside it, so a
  // page prints it without escaping it again: for data built once and read by every
  // request (the UI texts, the site settings, a questionnaire's pages).
  void prepare_escaped();

  // What the renderer reads (template_tree.h).
  const TemplateData* get(std::string_view key) const;  // a member; nullptr unless an object has it
  const TemplateData& resolved() const { return type_ == Type::kRef ? *base_ : *this; }
  bool is_false() const { return type_ == Type::kFalse; }
  bool is_string() const { return type_ == Type::kString; }
  bool is_list() const { return type_ == Type::kList; }
  const std::string& string_value() const { return view_ ? *view_ : text_; }
  // {{name}} of a string: escaped as intake::append_escaped_markup does.
  void append_escaped(std::string& out) const;
  const std::vector<TemplateData>& items() const { return values_; }

  // Objects, lists, strings and booleans as they are, null as false, numbers
  // printed as JSON prints them.
  static TemplateData from_json(const nlohmann::json& j);

 private:
  enum class Type : std::uint8_t { kFalse, kTrue, kString, kObject, kList, kRef };
  // A string's escaped form: not known yet, the same as the string, or in escaped_.
  enum class Escaped : std::uint8_t { kUnknown, kSame, kKept };
  explicit TemplateData(Type t) : type_(t) {}

  Type type_ = Type::kFalse;
  bool sorted_ = false;               // an object whose keys_ are in order (from JSON)
  Escaped escaped_state_ = Escaped::kUnknown;
  const TemplateData* base_ = nullptr;  // an object's fallback (over()), a ref's target
  const std::string* view_ = nullptr;   // a string not kept here (view())
  std::string text_;                  // a string
  std::string escaped_;               // its escaped form, when kKept
  std::vector<std::string> keys_;     // an object's names
  std::vector<TemplateData> values_;  // an object's values, beside keys_; a list's items
};

}  // namespace tilfreds::intake::web
