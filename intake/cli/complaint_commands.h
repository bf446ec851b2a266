// `tilfreds offer add|list|citizens` (the register of offers and providers) and
// `tilfreds complaints anonymise --older-than DAYS` (the retention rule).
#pragma once

#include <CLI/CLI.hpp>

#include "intake/cli/context.h"

namespace tilfreds::intake::cli {

void add_complaint_commands(CLI::App& root, Context& ctx);

}  // namespace tilfreds::intake::cli
