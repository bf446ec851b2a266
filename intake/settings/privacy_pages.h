// The privacy notices for citizens (issue 12): /privatliv/undersoegelse for the
// survey and /privatliv/klager for the complaint form. The fixed parts (what is
// stored, for how long, that sent answers cannot be traced back, that unsent
// answers wait under the letter's link) are UI texts; who is responsible is the
// municipality's own text (settings privacy.survey / privacy.complaints), which
// reaches the page through the site frame.
#pragma once

#include <httplib.h>

#include "intake/web/render.h"
#include "intake/web/router.h"

namespace tilfreds::intake::settings {

class PrivacyPages {
 public:
  PrivacyPages(const web::Renderer& renderer, bool secure_cookies);
  void attach(web::Router& routes);

 private:
  const web::Renderer& renderer_;
  bool secure_cookies_;
};

}  // namespace tilfreds::intake::settings
