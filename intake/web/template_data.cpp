#include "intake/web/template_data.h"

namespace tilfreds::intake::web {

namespace mustache = kainjow::mustache;
using Data = TemplateData::Data;

// One deep conversion, no copies of subtrees: kainjow's set() and push_back() copy
// their argument, so objects are filled through operator[] (a move) and lists
// through the vector itself. Numbers print as JSON does (5, 1.5).
Data TemplateData::from_json(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      Data d{Data::type::object};
      for (const auto& [k, v] : j.items()) d[k] = from_json(v);
      return d;
    }
    case nlohmann::json::value_t::array: {
      Data d{Data::type::list};
      // kainjow offers no mutable access to a list; `d` is ours and not const.
      auto& items = const_cast<mustache::list&>(d.list_value());
      items.reserve(j.size());
      for (const auto& v : j) items.push_back(from_json(v));
      return d;
    }
    case nlohmann::json::value_t::string:
      return Data{j.get_ref<const std::string&>()};
    case nlohmann::json::value_t::boolean:
      return Data{j.get<bool>()};
    case nlohmann::json::value_t::null:
      return Data{false};
    default:
      return Data{j.dump()};
  }
}

TemplateData& TemplateData::set(const std::string& key, const nlohmann::json& value) {
  data_[key] = from_json(value);
  return *this;
}

TemplateData TemplateData::list(std::size_t expected) {
  TemplateData l(Data::type::list);
  const_cast<mustache::list&>(l.data_.list_value()).reserve(expected);
  return l;
}

TemplateData& TemplateData::push(TemplateData&& item) {
  // As in from_json: the list is ours, and push_back(const&) would copy the item.
  const_cast<mustache::list&>(data_.list_value()).push_back(std::move(item.data_));
  return *this;
}

}  // namespace tilfreds::intake::web
