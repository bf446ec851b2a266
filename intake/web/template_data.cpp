#include "intake/web/template_data.h"

#include <algorithm>
#include <cstring>

#include "intake/text.h"

namespace tilfreds::intake::web {

TemplateData TemplateData::list(std::size_t expected) {
  TemplateData l(Type::kList);
  l.values_.reserve(expected);
  return l;
}

TemplateData& TemplateData::set(const std::string& key, TemplateData&& value) {
  if (type_ != Type::kObject) return *this;
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] == key) {
      values_[i] = std::move(value);
      return *this;
    }
  }
  if (sorted_ && !keys_.empty() && !(keys_.back() < key)) sorted_ = false;
  if (keys_.capacity() == 0) {
    // Most objects of a page hold a handful of names: one allocation, not four.
    keys_.reserve(8);
    values_.reserve(8);
  }
  keys_.push_back(key);
  values_.push_back(std::move(value));
  return *this;
}

TemplateData TemplateData::over(const TemplateData& base, std::size_t expected) {
  TemplateData d(Type::kObject);
  d.base_ = &base.resolved();
  d.keys_.reserve(expected);
  d.values_.reserve(expected);
  return d;
}

const TemplateData* TemplateData::get(std::string_view key) const {
  if (type_ == Type::kRef) return base_->get(key);
  if (type_ != Type::kObject) return nullptr;
  if (sorted_) {
    auto it = std::lower_bound(keys_.begin(), keys_.end(), key,
                               [](const std::string& k, std::string_view v) { return std::string_view(k) < v; });
    if (it != keys_.end() && *it == key) return &values_[static_cast<std::size_t>(it - keys_.begin())].resolved();
  } else {
    // Sizes and first letters first: most names differ in one of them, and memcmp is a call.
    for (std::size_t i = 0; i < keys_.size(); ++i) {
      const std::string& k = keys_[i];
      if (k.size() == key.size() &&
          (key.empty() || (k[0] == key[0] && std::memcmp(k.data(), key.data(), key.size()) == 0))) {
        return &values_[i].resolved();
      }
    }
  }
  return base_ ? base_->get(key) : nullptr;
}

void TemplateData::prepare_escaped() {
  if (type_ == Type::kString) {
    std::string escaped;
    append_escaped_markup(escaped, string_value());
    if (escaped == string_value()) {
      escaped_state_ = Escaped::kSame;
    } else {
      escaped_ = std::move(escaped);
      escaped_state_ = Escaped::kKept;
    }
    return;
  }
  if (type_ == Type::kRef) return;  // its target is prepared, or not, on its own
  for (auto& v : values_) v.prepare_escaped();
}

void TemplateData::append_escaped(std::string& out) const {
  switch (escaped_state_) {
    case Escaped::kSame: out += string_value(); break;
    case Escaped::kKept: out += escaped_; break;
    case Escaped::kUnknown: append_escaped_markup(out, string_value()); break;
  }
}

TemplateData TemplateData::from_json(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      // nlohmann's object is a std::map: its members come in key order.
      TemplateData d(Type::kObject);
      d.sorted_ = true;
      d.keys_.reserve(j.size());
      d.values_.reserve(j.size());
      for (const auto& [k, v] : j.items()) {
        d.keys_.push_back(k);
        d.values_.push_back(from_json(v));
      }
      return d;
    }
    case nlohmann::json::value_t::array: {
      TemplateData d = list(j.size());
      for (const auto& v : j) d.values_.push_back(from_json(v));
      return d;
    }
    case nlohmann::json::value_t::string:
      return text(j.get_ref<const std::string&>());
    case nlohmann::json::value_t::boolean:
      return boolean(j.get<bool>());
    case nlohmann::json::value_t::null:
      return boolean(false);
    default:
      return text(j.dump());
  }
}

}  // namespace tilfreds::intake::web
