#include "intake/offers/demo_quality.h"

#include <stdexcept>

#include "db/offer_quality_store.h"
#include "db/offer_store.h"
#include "intake/complaints/figures.h"
#include "intake/dates.h"
#include "intake/offers/quality_input.h"

namespace tilfreds::intake::offers {

void ensure_demo_quality(db::Database& db) {
  auto offers = db.read([](db::Connection& c) { return db::list_offers(c); });
  int demo_offers = 0;
  for (const auto& o : offers) {
    demo_offers += o.name == "Virksomhedspraktik" || o.name == "Jobsøgningskursus" || o.name == "Mentorforløb";
  }
  if (demo_offers != 3) return;  // a database with offers of its own gets no demo figures
  for (const auto& o : offers) {
    if (!db.read([&](db::Connection& c) { return db::rating_history(c, o.id); }).empty()) return;
  }
  const std::string today = today_iso();
  const auto now = complaints::period_of(today);
  const auto before = complaints::previous_period(now);
  const std::string visit_now = now.from, visit_before = before.from;
  // The offers of demo_complaints.cpp, with citizens 420/260/90 now and 20 fewer before.
  const std::string ratings =
      "offer;period;smiley;visited;supervisor;summary\n"
      "Virksomhedspraktik;" + before.label + ";neutral;" + visit_before + ";Tilsynet Sjælland;Opfølgning på praktikpladser mangler.\n"
      "Virksomhedspraktik;" + now.label + ";glad;" + visit_now + ";Tilsynet Sjælland;Faste opfølgningssamtaler er indført.\n"
      "Jobsøgningskursus;" + before.label + ";glad;" + visit_before + ";Tilsynet Sjælland;Godt forberedte undervisere.\n"
      "Jobsøgningskursus;" + now.label + ";glad;" + visit_now + ";Tilsynet Sjælland;Fortsat god kvalitet.\n"
      "Mentorforløb;" + before.label + ";neutral;" + visit_before + ";Tilsynet Sjælland;Mentorer skiftes ofte.\n"
      "Mentorforløb;" + now.label + ";sur;" + visit_now + ";Tilsynet Sjælland;Aftalte møder blev ikke holdt.\n";
  const std::string effects =
      "offer;period;ended;in_work;in_education\n"
      "Virksomhedspraktik;" + before.label + ";180;61;12\n"
      "Virksomhedspraktik;" + now.label + ";190;82;15\n"
      "Jobsøgningskursus;" + before.label + ";120;50;6\n"
      "Jobsøgningskursus;" + now.label + ";130;52;8\n"
      "Mentorforløb;" + before.label + ";40;9;3\n"
      "Mentorforløb;" + now.label + ";44;8;2\n";
  const std::string ages =
      "offer;period;under_30;age_30_49;age_50_plus;citizens\n"
      "Virksomhedspraktik;" + before.label + ";120;170;110;400\n"
      "Virksomhedspraktik;" + now.label + ";130;180;110;420\n"
      "Jobsøgningskursus;" + before.label + ";60;100;80;240\n"
      "Jobsøgningskursus;" + now.label + ";70;110;80;260\n"
      "Mentorforløb;" + before.label + ";3;40;27;70\n"
      "Mentorforløb;" + now.label + ";25;41;24;90\n";
  const Editor demo{std::nullopt, "demo"};
  for (const auto& result : {import_ratings(db, ratings, demo, today), import_effects(db, effects, demo, today),
                             import_ages(db, ages, demo, today)}) {
    if (!result.problems.empty()) {
      throw std::runtime_error("demo offer quality refused: " + result.problems.front().where + " " +
                               result.problems.front().message);
    }
  }
  db.write([](db::Connection& c) { db::set_target(c, {"effect", 45, 30}); });
}

}  // namespace tilfreds::intake::offers
