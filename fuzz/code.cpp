// What a citizen types at /kode and what follows /s/ in a link: normalise_code and
// looks_like_token on any bytes.
#include "fuzz/fuzz_input.h"
#include "intake/survey/tokens.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tilfreds::intake::survey;
  using tilfreds::fuzz::expect;
  if (size > 4096) return 0;
  std::string typed = tilfreds::fuzz::as_string(data, size);
  if (auto code = normalise_code(typed)) {
    expect(code->size() == 8, "a code has 8 characters");
    expect(normalise_code(*code) == code, "normalising is idempotent");
    std::string printed = code->substr(0, 4) + "-" + code->substr(4);
    expect(normalise_code(printed) == code, "the printed form normalises to the code");
  }
  if (looks_like_token(typed)) {
    expect(typed.size() == 22, "a token has 22 characters");
    expect(typed.find_first_of("/?#%&=;. ") == std::string::npos, "a token is URL-safe");
  }
  return 0;
}
