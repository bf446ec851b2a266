#include "intake/complaints/form_view.h"

#include <algorithm>

#include "intake/web/http.h"

namespace tilfreds::intake::complaints {

nlohmann::json choices(const web::Renderer& renderer, const std::string& lang,
                       const std::vector<std::string>& words, const std::string& text_prefix,
                       const std::vector<std::string>& selected) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& w : words) {
    bool on = std::find(selected.begin(), selected.end(), w) != selected.end();
    out.push_back({{"value", w}, {"label", renderer.text(lang, text_prefix + w)}, {"selected", on}});
  }
  return out;
}

web::TemplateData choice_data(const web::Renderer& renderer, const std::string& lang,
                              const std::vector<std::string>& words, const std::string& text_prefix,
                              const std::string& selected) {
  web::TemplateData out = web::TemplateData::list(words.size());
  for (const auto& w : words) {
    web::TemplateData choice = web::TemplateData::object();
    choice.set("value", web::TemplateData::view(w))
        .set("label", web::TemplateData::view(renderer.text(lang, text_prefix + w)))
        .set("selected", w == selected);
    out.push(std::move(choice));
  }
  return out;
}

web::TemplateData offer_choice_data(const std::vector<db::OfferRow>& offers, const std::string& selected) {
  web::TemplateData out = web::TemplateData::list(offers.size());
  for (const auto& o : offers) {
    std::string id = std::to_string(o.id);
    const bool on = id == selected;
    web::TemplateData choice = web::TemplateData::object();
    choice.set("value", std::move(id)).set("label", o.name + " (" + o.provider_name + ")").set("selected", on);
    out.push(std::move(choice));
  }
  return out;
}

nlohmann::json offer_choices(const std::vector<db::OfferRow>& offers, const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& o : offers) {
    std::string id = std::to_string(o.id);
    out.push_back({{"value", id}, {"label", o.name + " (" + o.provider_name + ")"}, {"selected", id == selected}});
  }
  return out;
}

void add_form(nlohmann::json& ctx, const web::Renderer& renderer, const std::string& lang,
              const Fields& entered, const std::vector<db::OfferRow>& offers,
              const Problems& problems) {
  nlohmann::json v = nlohmann::json::object();
  for (const auto& [name, value] : entered) {
    if (!v.contains(name)) v[name] = value;
  }
  ctx["v"] = v;
  ctx["offers"] = offer_choices(offers, web::field(entered, "tilbud"));
  // The benefit is optional: the list starts on "not given" ("ukendt"), which is what
  // an untouched choice stores, never on the first benefit of the list.
  std::vector<std::string> groups{"ukendt"};
  for (const auto& g : kBenefitGroups) {
    if (g != "ukendt") groups.push_back(g);
  }
  std::string group = web::field(entered, "ydelse");
  ctx["groups"] = choices(renderer, lang, groups, "complaint_group_", {group.empty() ? "ukendt" : group});
  ctx["channels"] = choices(renderer, lang, kChannels, "complaint_", {web::field(entered, "kanal")});
  nlohmann::json errors = nlohmann::json::array();
  nlohmann::json by_field = nlohmann::json::object();
  for (const auto& p : problems) {
    const std::string& message = renderer.text(lang, p.message);
    errors.push_back({{"anchor", "f-" + p.where}, {"message", message}});
    if (!by_field.contains(p.where)) by_field[p.where] = message;
  }
  ctx["errors"] = errors;
  ctx["e"] = by_field;
  ctx["has_errors"] = !problems.empty();
}

Fields fields_of(const db::ComplaintState& s) {
  Fields f{{"modtaget", s.received_on},
           {"kanal", s.channel},
           {"tilbud", s.offer_id ? std::to_string(*s.offer_id) : ""},
           {"enhed", s.unit},
           {"ydelse", s.benefit_group},
           {"tekst", s.text.value_or("")},
           {"navn", s.citizen_name.value_or("")},
           {"kontakt", s.citizen_contact.value_or("")},
           {"status", s.status},
           {"sagsbehandler", s.assignee_id ? std::to_string(*s.assignee_id) : ""},
           {"udfald", s.outcome},
           {"afgjort", s.decided_on.value_or("")},
           {"videresendt", s.forwarded_to},
           {"videresendt_dato", s.forwarded_on.value_or("")},
           {"resultat", s.forward_result}};
  for (const auto& c : split_words(s.categories)) f.emplace("kategori", c);
  return f;
}

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t end = s.find(',', pos);
    if (end == std::string::npos) end = s.size();
    if (end > pos) out.push_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

}  // namespace tilfreds::intake::complaints
