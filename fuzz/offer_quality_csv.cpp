// The offers' quality files as a municipality exports them: any bytes →
// offers::import_effects, import_ages and import_ratings on a database with one
// active and one inactive offer. Invariants: a file is stored whole or not at all
// (a refused file changes no row); every stored row keeps the rules the importer
// promises (in work + in education <= ended, a smiley on the scale, never for the
// inactive offer); nothing throws (a CHECK the importer let through would).
#include <filesystem>
#include <unistd.h>

#include "db/offer_quality_store.h"
#include "db/offer_store.h"
#include "db/table_contents.h"
#include "fuzz/fuzz_input.h"
#include "intake/offers/quality_input.h"

namespace {
using namespace tilfreds::intake;
using tilfreds::fuzz::expect;
namespace db = tilfreds::db;

struct Fixture {
  std::string path = (std::filesystem::temp_directory_path() /
                      ("tilfreds-fuzz-offers-" + std::to_string(getpid()) + ".db")).string();
  db::Database database{path};
  std::int64_t inactive = 0;
  Fixture() {
    database.write([&](db::Connection& c) {
      db::create_offer(c, "Praktik", db::put_provider(c, "Jobcenter", false), "");
      inactive = *db::create_offer(c, "Gammelt", db::put_provider(c, "Jobcenter", false), "");
      db::set_offer_active(c, inactive, false);
    });
  }
  ~Fixture() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
  std::map<std::string, std::vector<std::string>> snapshot() {
    return database.read([](db::Connection& c) { return db::table_contents(c); });
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 16 * 1024) return 0;
  std::string text = tilfreds::fuzz::as_string(data, size);
  Fixture& f = fixture();
  const offers::Editor editor{std::nullopt, "fuzz"};
  for (auto importer : {&offers::import_effects, &offers::import_ages, &offers::import_ratings}) {
    auto before = f.snapshot();
    auto result = importer(f.database, text, editor, "2026-12-01");
    expect(result.problems.empty() == (result.stored > 0), "a file is refused with problems or stores rows");
    if (!result.problems.empty()) expect(f.snapshot() == before, "a refused file changes nothing");
  }
  f.database.read([&](db::Connection& c) {
    for (const auto& e : db::list_effects(c, 0, "")) {
      expect(e.in_work + e.in_education <= e.ended, "stored effects add up");
    }
    expect(db::rating_history(c, f.inactive).empty(), "no rating for an inactive offer");
    return 0;
  });
  return 0;
}
