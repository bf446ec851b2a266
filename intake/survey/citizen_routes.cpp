#include "intake/survey/citizen_routes.h"

#include <ctime>

#include "db/response_store.h"
#include "intake/dates.h"
#include "intake/survey/fieldwork.h"
#include "intake/survey/page_view.h"
#include "intake/survey/tokens.h"
#include "intake/web/http.h"

namespace tilfreds::intake::survey {

namespace {
constexpr const char* kSessionCookie = "tf_borger";
// Set when answers are sent, so the browser's back button (to /svar, whose session
// ended with the submission) says "sent" instead of "session expired".
constexpr const char* kSentCookie = "tf_sendt";
constexpr int kSentCookieSeconds = 24 * 60 * 60;
// The header's language button is a submit button of the page's form (issue 12):
// switching language saves what was entered, like "Tilbage", without checking it.
constexpr const char* kLanguagePrefix = "sprog-";

std::int64_t unix_now() { return static_cast<std::int64_t>(std::time(nullptr)); }

std::set<std::string> split_ids(const std::string& s) {
  std::set<std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t end = s.find(',', pos);
    if (end == std::string::npos) end = s.size();
    if (end > pos) out.insert(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

std::optional<std::size_t> parse_page(const std::string& s, std::size_t max) {
  if (s.empty() || s.size() > 3 || s.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  std::size_t n = std::stoul(s);
  if (n > max) return std::nullopt;
  return n;
}
}  // namespace

struct CitizenRoutes::Visit {
  db::CitizenSessionRow session;
  db::InviteeRow invitee;
  db::WaveRow wave;
  std::shared_ptr<const Questionnaire> questionnaire;
};

CitizenRoutes::CitizenRoutes(db::Database& db, const TokenKey& key, const web::Renderer& renderer,
                             CitizenOptions options, web::SharedLimits shared)
    : db_(db),
      key_(key),
      renderer_(renderer),
      options_(options),
      mix_(mix_policy_for(db, options.mix_batch)),
      // Several servers on one PostgreSQL database count a guesser's codes together.
      code_failures_(options.code_attempts, options.code_window, std::move(shared), "code") {}

void CitizenRoutes::attach(web::Router& s) {
  auto route = [this](auto handler) { return web::member_route(this, handler); };
  s.Get(R"(/s/([^/]*))", route(&CitizenRoutes::open_link));
  s.Get("/", route(&CitizenRoutes::show_code));
  s.Get("/kode", route(&CitizenRoutes::show_code));
  s.Post("/kode", route(&CitizenRoutes::enter_code));
  s.Get("/svar", route(&CitizenRoutes::show_page));
  s.Post("/svar", route(&CitizenRoutes::post_page));
  s.Get("/tak", [this](const httplib::Request& req, httplib::Response& res) {
    std::string lang = web::request_language(req, res, renderer_, options_.secure_cookies);
    web::message_page(res, renderer_, lang, 200, "thanks", {{"privacy", "survey"}});
  });
}

std::shared_ptr<const Questionnaire> CitizenRoutes::questionnaire(const db::WaveRow& wave) {
  {
    std::lock_guard lock(cache_mu_);
    auto it = questionnaires_.find(wave.id);
    if (it != questionnaires_.end()) return it->second;
  }
  auto q = std::make_shared<const Questionnaire>(questionnaire_for(db_, wave));
  std::lock_guard lock(cache_mu_);
  return questionnaires_.emplace(wave.id, q).first->second;
}

bool CitizenRoutes::refuse_if_not_answering(const db::InviteeRow& invitee, const db::WaveRow& wave,
                                            httplib::Response& res, const std::string& lang) {
  switch (invitee.status) {
    case db::InviteeStatus::kCompleted:
      web::message_page(res, renderer_, lang, 200, "already", {{"privacy", "survey"}});
      return true;
    case db::InviteeStatus::kIneligible:
    case db::InviteeStatus::kUndeliverable:
      web::message_page(res, renderer_, lang, 410, "inactive", {{"privacy", "survey"}});
      return true;
    default:
      break;
  }
  switch (wave_state(wave, today_iso())) {
    case WaveState::kNotYetOpen:
      web::message_page(res, renderer_, lang, 403, "not_yet", {{"detail", wave.opens.value_or("")}, {"privacy", "survey"}});
      return true;
    case WaveState::kClosed:
      web::message_page(res, renderer_, lang, 410, "closed", {{"privacy", "survey"}});
      return true;
    case WaveState::kOpen:
      return false;
  }
  return false;
}

void CitizenRoutes::begin_session(const db::InviteeRow& invitee, httplib::Response& res,
                                  const std::string& lang) {
  auto wave = db_.read([&](db::Connection& c) { return db::find_wave(c, invitee.wave_id); });
  if (!wave) throw db::Error("invitee without wave", 0);
  if (refuse_if_not_answering(invitee, *wave, res, lang)) return;
  std::string secret = new_secret();
  db::CitizenSessionRow session{invitee.id, new_secret(), unix_now() + options_.session_seconds};
  db_.write([&](db::Connection& c) {
    db::delete_expired_citizen_sessions(c, unix_now());
    db::create_citizen_session(c, sha256(secret), session);
    db::advance_status(c, invitee.id, db::InviteeStatus::kOpened);
  });
  web::set_cookie(res, kSessionCookie, secret,
                  {options_.session_seconds, options_.secure_cookies, "Lax"});
  web::redirect(res, "/svar");
}

void CitizenRoutes::open_link(const httplib::Request& req, httplib::Response& res) {
  std::string lang = web::request_language(req, res, renderer_, options_.secure_cookies);
  std::string token = req.matches[1];
  std::optional<db::InviteeRow> invitee;
  if (looks_like_token(token)) {
    invitee = db_.read([&](db::Connection& c) { return db::find_invitee_by_token(c, lookup_hash(key_, token)); });
  }
  // The same page whether the token never existed or is malformed.
  if (!invitee) return web::message_page(res, renderer_, lang, 404, "not_found", {{"privacy", "survey"}});
  begin_session(*invitee, res, lang);
}

void CitizenRoutes::show_code(const httplib::Request& req, httplib::Response& res) {
  std::string lang = web::request_language(req, res, renderer_, options_.secure_cookies);
  nlohmann::json ctx{{"page_title", renderer_.text(lang, "code_heading")},
                     {"privacy", "survey"},
                     {"language_href", req.path + "?lang=" + renderer_.text(lang, "other_language_code")}};
  web::send_html(res, 200, renderer_.page("code", ctx, lang));
}

void CitizenRoutes::enter_code(const httplib::Request& req, httplib::Response& res) {
  std::string lang = web::request_language(req, res, renderer_, options_.secure_cookies);
  auto fields = web::form_fields(req);
  if (!fields) return web::message_page(res, renderer_, lang, 400, "bad_request");
  std::string typed = web::field(*fields, "kode");
  nlohmann::json ctx{{"page_title", renderer_.text(lang, "code_heading")},
                     {"privacy", "survey"},
                     {"value", typed.substr(0, 20)}};
  const std::string client = web::client_address(req, options_.trust_forwarded_for);
  if (code_failures_.exhausted(client)) {
    ctx["error"] = renderer_.text(lang, "code_rate_limited");
    res.set_header("Retry-After", "900");
    return web::send_html(res, 429, renderer_.page("code", ctx, lang));
  }
  std::optional<db::InviteeRow> invitee;
  if (auto code = normalise_code(typed)) {
    invitee = db_.read([&](db::Connection& c) { return db::find_invitee_by_code(c, lookup_hash(key_, *code)); });
  }
  if (!invitee) {
    code_failures_.record(client);
    ctx["error"] = renderer_.text(lang, "code_wrong");
    return web::send_html(res, 422, renderer_.page("code", ctx, lang));
  }
  begin_session(*invitee, res, lang);
}

std::optional<CitizenRoutes::Visit> CitizenRoutes::visit(const httplib::Request& req) {
  auto secret = web::cookie(req, kSessionCookie);
  if (!secret || secret->size() > 64) return std::nullopt;
  return db_.read([&](db::Connection& c) -> std::optional<Visit> {
    auto session = db::find_citizen_session(c, sha256(*secret), unix_now());
    if (!session) return std::nullopt;
    auto invitee = db::find_invitee(c, session->invitee_id);
    if (!invitee) return std::nullopt;
    auto wave = db::find_wave(c, invitee->wave_id);
    if (!wave) return std::nullopt;
    return Visit{*session, *invitee, *wave, nullptr};
  });
}

void CitizenRoutes::no_session(const httplib::Request& req, httplib::Response& res, const std::string& lang) {
  if (web::cookie(req, kSentCookie).value_or("") == "1") {
    return web::message_page(res, renderer_, lang, 200, "sent", {{"privacy", "survey"}});
  }
  web::message_page(res, renderer_, lang, 401, "expired",
                    {{"link_href", "/kode"}, {"link_text", renderer_.text(lang, "go_to_code")}, {"privacy", "survey"}});
}

void CitizenRoutes::show_page(const httplib::Request& req, httplib::Response& res) {
  std::string lang = web::request_language(req, res, renderer_, options_.secure_cookies);
  auto v = visit(req);
  if (!v) return no_session(req, res, lang);
  if (refuse_if_not_answering(v->invitee, v->wave, res, lang)) return;
  v->questionnaire = questionnaire(v->wave);
  auto draft = db_.read([&](db::Connection& c) { return db::find_draft(c, v->invitee.id); });
  PageView view;
  if (draft) {
    view.answers = open_draft(key_, draft->answers);
    view.page = std::min<std::size_t>(static_cast<std::size_t>(draft->page), v->questionnaire->themes.size());
  }
  render(res, 200, *v, view, lang);
}

void CitizenRoutes::post_page(const httplib::Request& req, httplib::Response& res) {
  std::string lang = web::request_language(req, res, renderer_, options_.secure_cookies);
  auto v = visit(req);
  if (!v) return no_session(req, res, lang);
  auto fields = web::form_fields(req);
  if (!fields) return web::message_page(res, renderer_, lang, 400, "bad_request");
  if (!equal_secrets(web::field(*fields, "csrf"), v->session.csrf) || fields->count("csrf") != 1) {
    return web::message_page(res, renderer_, lang, 403, "csrf",
                             {{"link_href", "/svar"}, {"link_text", renderer_.text(lang, "back_to_survey")}});
  }
  if (refuse_if_not_answering(v->invitee, v->wave, res, lang)) return;
  v->questionnaire = questionnaire(v->wave);
  const Questionnaire& q = *v->questionnaire;
  const std::size_t pages = q.themes.size();
  auto side = parse_page(web::field(*fields, "side"), pages);
  std::string action = web::field(*fields, "handling");
  std::optional<std::string> switch_to;
  if (action.rfind(kLanguagePrefix, 0) == 0) {
    switch_to = action.substr(std::string(kLanguagePrefix).size());
    if (renderer_.language(*switch_to) != *switch_to) switch_to.reset();
  }
  if (!side || fields->count("side") != 1 || fields->count("handling") > 1 ||
      (action != "start" && action != "naeste" && action != "tilbage" && action != "send" && !switch_to)) {
    return web::message_page(res, renderer_, lang, 400, "bad_request",
                             {{"link_href", "/svar"}, {"link_text", renderer_.text(lang, "back_to_survey")}});
  }
  auto draft = db_.read([&](db::Connection& c) { return db::find_draft(c, v->invitee.id); });
  Answers before = draft ? open_draft(key_, draft->answers) : Answers{};

  PageView view;
  view.page = *side;
  view.answers = before;
  std::size_t next = switch_to ? *side : 1;
  if (switch_to) {
    lang = *switch_to;
    web::set_cookie(res, "sprog", lang, {60 * 60 * 24 * 365, options_.secure_cookies, "Lax"});
  }
  if (*side > 0) {
    bool going_back = action == "tilbage";
    PageResult result = apply_page(q, *side - 1, before, *fields,
                                   split_ids(web::field(*fields, "vist")), !going_back && !switch_to);
    if (!result.form_errors.empty()) {
      view.form_errors = result.form_errors;
      return render(res, 400, *v, view, lang);
    }
    view.answers = result.answers;
    if (!going_back && !switch_to && (!result.errors.empty() || result.revealed)) {
      view.errors = result.errors;
      view.revealed = result.revealed;
      // A page that only revealed a follow-up question is saved as it stands: a citizen
      // who answers "Ja", sees the follow-up and leaves finds the "Ja" when they return.
      // (A page with errors keeps the draft as it was, as before.)
      if (result.errors.empty() && !save_draft(*v, view.answers, *side, res, view, lang)) return;
      return render(res, result.errors.empty() ? 200 : 422, *v, view, lang);
    }
    if (!switch_to) next = going_back ? *side - 1 : *side + 1;
  }

  bool submitting = action == "send" && *side == pages;
  if (submitting) {
    if (auto missing = first_incomplete_theme(q, view.answers)) {
      next = *missing + 1;
      submitting = false;
    }
  }
  try {
    if (submitting) {
      db::NewResponse response = build_response(
          q, v->wave.id, v->invitee.group,
          nlohmann::json::parse(v->invitee.background).get<std::map<std::string, std::string>>(),
          view.answers);
      db::SubmitOutcome outcome{};
      std::string today = today_iso();
      outcome = submit(db_, key_, mix_, v->invitee.id, response, today);
      web::set_cookie(res, kSessionCookie, "", {0, options_.secure_cookies, "Lax"});
      web::set_cookie(res, kSentCookie, "1", {kSentCookieSeconds, options_.secure_cookies, "Lax"});
      if (outcome == db::SubmitOutcome::kAlreadyCompleted) {
        return web::message_page(res, renderer_, lang, 200, "already", {{"privacy", "survey"}});
      }
      return web::redirect(res, "/tak");
    }
    db_.write([&](db::Connection& c) {
      db::save_draft(c, v->invitee.id, {seal_draft(key_, view.answers), static_cast<std::int64_t>(next)});
      if (*side > 0) db::advance_status(c, v->invitee.id, db::InviteeStatus::kPartial);
    });
  } catch (const db::Unavailable& e) {
    // Nothing was written; the page comes back with what the citizen entered. The operator
    // needs to know why (a lock held elsewhere, a full disk, a read-only file system).
    web::log_line(std::string("unavailable POST /svar page ") + std::to_string(*side) +
                  (submitting ? " (submission)" : "") + ": " + e.what());
    view.busy = true;
    res.set_header("Retry-After", "5");
    return render(res, 503, *v, view, lang);
  }
  web::redirect(res, "/svar");
}

bool CitizenRoutes::save_draft(const Visit& v, const Answers& answers, std::size_t page, httplib::Response& res,
                               PageView& view, const std::string& lang) {
  try {
    db_.write([&](db::Connection& c) {
      db::save_draft(c, v.invitee.id, {seal_draft(key_, answers), static_cast<std::int64_t>(page)});
      db::advance_status(c, v.invitee.id, db::InviteeStatus::kPartial);
    });
  } catch (const db::Unavailable& e) {
    web::log_line(std::string("unavailable POST /svar page ") + std::to_string(page) + ": " + e.what());
    view.busy = true;
    res.set_header("Retry-After", "5");
    render(res, 503, v, view, lang);
    return false;
  }
  return true;
}

void CitizenRoutes::render(httplib::Response& res, int status, const Visit& v, const PageView& view,
                           const std::string& lang_requested) {
  const Questionnaire& q = *v.questionnaire;
  std::string lang = renderer_.language(lang_requested);
  RenderedPage page = citizen_page(renderer_, q, view, lang, view.page > 0 ? pages_.get(q, lang) : nullptr);
  const std::string& other = renderer_.text(lang, "other_language_code");
  page.ctx.set("csrf", v.session.csrf).set("form_action", "/svar").set("form_method", "post");
  bool bilingual = std::find(q.languages.begin(), q.languages.end(), other) != q.languages.end();
  page.ctx.set("privacy", "survey");
  if (bilingual) {
    web::TemplateData button = web::TemplateData::object();
    button.set("form", "svar").set("name", "handling").set("value", kLanguagePrefix + other);
    page.ctx.set("language_button", std::move(button));
  } else {
    page.ctx.set("language_href", false);  // present, so the layout's default switch is left out
  }
  web::send_html(res, status, renderer_.page_from(page.template_name, page.ctx, lang));
}

}  // namespace tilfreds::intake::survey
