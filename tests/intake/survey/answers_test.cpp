#include "intake/survey/answers.h"

#include <catch2/catch.hpp>

#include "intake/survey/demo_data.h"

using namespace tilfreds::intake::survey;

namespace {
const Questionnaire& jobcenter() {
  static const Questionnaire q = *parse_questionnaire(shipped_survey("jobcenter.json")).questionnaire;
  return q;
}
constexpr std::size_t kTilbud = 3;
}  // namespace

TEST_CASE("a follow-up question is revealed, then required, then dropped when its condition goes") {
  const auto& q = jobcenter();
  auto first = apply_page(q, kTilbud, {}, {{"q_indsats_deltaget", "ja"}}, {"indsats_deltaget"}, true);
  CHECK(first.revealed);
  CHECK(first.errors.empty());

  auto second = apply_page(q, kTilbud, first.answers, {{"q_indsats_deltaget", "ja"}},
                           {"indsats_deltaget", "indsats_meningsfuld"}, true);
  CHECK_FALSE(second.revealed);
  CHECK(second.errors.at("indsats_meningsfuld") == "error_required");

  Answers with{{"indsats_deltaget", "ja"}, {"indsats_meningsfuld", "slet_ikke"}};
  auto changed = apply_page(q, kTilbud, with, {{"q_indsats_deltaget", "nej"}}, {"indsats_deltaget"}, true);
  CHECK(changed.errors.empty());
  CHECK(changed.answers.count("indsats_meningsfuld") == 0);
}

TEST_CASE("fields not of this page, repeated fields and values off the scale are refused") {
  const auto& q = jobcenter();
  Answers before{{"tro_paa_arbejde", "i_hoej_grad"}};
  auto forged = apply_page(q, 0, before, {{"q_nope", "x"}}, {}, true);
  CHECK(forged.form_errors == std::vector<std::string>{"error_unknown_field"});
  CHECK(forged.answers == before);
  auto other_page = apply_page(q, 0, before, {{"q_tilfreds_alt_i_alt", "slet_ikke"}}, {}, true);
  CHECK(other_page.form_errors.size() == 1);
  auto twice = apply_page(q, 0, before, {{"q_samarbejde", "slet_ikke"}, {"q_samarbejde", "i_hoej_grad"}}, {}, true);
  CHECK(twice.form_errors == std::vector<std::string>{"error_duplicate_field"});
  auto off = apply_page(q, 0, before, {{"q_tro_paa_arbejde", "i_hoej_grad"}, {"q_samarbejde", "10"}}, {}, true);
  CHECK(off.errors.at("samarbejde") == "error_not_option");
  CHECK(off.answers.at("tro_paa_arbejde") == "i_hoej_grad");
}

TEST_CASE("going back does not demand required answers, and free text is trimmed and limited") {
  const auto& q = jobcenter();
  CHECK(apply_page(q, 0, {}, {}, {}, false).errors.empty());
  auto text = apply_page(q, 4, {}, {{"q_tilfreds_alt_i_alt", "i_hoej_grad"}, {"q_kommentar", "  Godt  "}}, {}, true);
  CHECK(text.answers.at("kommentar") == "Godt");
  auto too_long = apply_page(q, 4, {}, {{"q_tilfreds_alt_i_alt", "i_hoej_grad"},
                                        {"q_kommentar", std::string(2001, 'x')}}, {}, true);
  CHECK(too_long.errors.at("kommentar") == "error_too_long");
  // 2000 Danish letters are 4000 bytes but 2000 characters: allowed.
  std::string aeoe;
  for (int i = 0; i < 2000; ++i) aeoe += "æ";
  CHECK(apply_page(q, 4, {}, {{"q_tilfreds_alt_i_alt", "i_hoej_grad"}, {"q_kommentar", aeoe}}, {}, true)
            .errors.empty());
}

TEST_CASE("a response row counts each visible answer under all, group and background, and never text") {
  const auto& q = jobcenter();
  Answers a{{"tilfreds_alt_i_alt", "slet_ikke"}, {"kommentar", "x"},
            {"indsats_deltaget", "nej"}, {"indsats_meningsfuld", "i_hoej_grad"}};  // hidden: not counted
  auto r = build_response(q, 7, "dagpenge", {{"tilbud", "praktik"}}, a);
  CHECK(r.wave_id == 7);
  CHECK(r.answer_counts.size() == 2 * 3);
  for (const auto& c : r.answer_counts) {
    CHECK(c.question_id != "kommentar");
    CHECK(c.question_id != "indsats_meningsfuld");
  }
  CHECK(parse_answers(r.answers).count("indsats_meningsfuld") == 0);
  CHECK(parse_answers(r.answers).at("kommentar") == "x");
  CHECK(first_incomplete_theme(q, a) == std::optional<std::size_t>(0));
}
