#include "intake/settings/privacy_pages.h"

#include "intake/web/http.h"

namespace tilfreds::intake::settings {

PrivacyPages::PrivacyPages(const web::Renderer& renderer, bool secure_cookies)
    : renderer_(renderer), secure_cookies_(secure_cookies) {}

void PrivacyPages::attach(web::Router& s) {
  for (auto [path, part] : {std::pair{"/privatliv/undersoegelse", "survey"}, std::pair{"/privatliv/klager", "complaints"}}) {
    const std::string name = std::string("privacy_") + part;
    const std::string which = part;
    s.Get(path, [this, name, which](const httplib::Request& req, httplib::Response& res) {
      std::string lang = web::request_language(req, res, renderer_, secure_cookies_);
      nlohmann::json ctx{{"page_title", renderer_.text(lang, name + "_heading")}, {"privacy", which}};
      web::send_html(res, 200, renderer_.page(name, ctx, lang));
    });
  }
}

}  // namespace tilfreds::intake::settings
