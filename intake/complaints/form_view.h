// The template context of a complaint form, shared by the public form and the
// staff pages: every entered value kept, the select lists with the entered choice
// marked, and the problems both beside their field and in the error summary.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "db/offer_store.h"
#include "intake/complaints/complaint.h"
#include "intake/web/render.h"
#include "intake/web/template_data.h"

namespace tilfreds::intake::complaints {

// Options of a select or checkbox list: {value, label, selected} per word, the
// label being the UI text "complaint_<word>" (or "complaint_group_<word>").
nlohmann::json choices(const web::Renderer& renderer, const std::string& lang,
                       const std::vector<std::string>& words, const std::string& text_prefix,
                       const std::vector<std::string>& selected);

// The same as template data, for pages built as that (the complaint list): the values
// and labels are views of `words` and the UI texts, which must outlive the page.
web::TemplateData choice_data(const web::Renderer& renderer, const std::string& lang,
                              const std::vector<std::string>& words, const std::string& text_prefix,
                              const std::string& selected);

// The offers of a select list, {value: id, label: "name (provider)", selected}, the
// offer whose id is `selected` marked.
nlohmann::json offer_choices(const std::vector<db::OfferRow>& offers, const std::string& selected);
web::TemplateData offer_choice_data(const std::vector<db::OfferRow>& offers, const std::string& selected);

// Adds to `ctx`: "v" (the entered values by field name), "offers", "groups",
// "channels", "errors" (summary: anchor + message), "e" (message by field name)
// and "has_errors".
void add_form(nlohmann::json& ctx, const web::Renderer& renderer, const std::string& lang,
              const Fields& entered, const std::vector<db::OfferRow>& offers,
              const Problems& problems);

// The entered values of a stored state, as the edit form posts them.
Fields fields_of(const db::ComplaintState& s);

// The stored words of a comma-separated list.
std::vector<std::string> split_words(const std::string& s);

}  // namespace tilfreds::intake::complaints
