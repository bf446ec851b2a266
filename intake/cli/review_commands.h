// `tilfreds review …`: case review from the command line (issue 15) — areas,
// schemes, drawing samples, importing results, advice on sample sizes, action
// plans, and clearing old case references.
#pragma once

#include <CLI/CLI.hpp>

#include "intake/cli/context.h"

namespace tilfreds::intake::cli {

void add_review_commands(CLI::App& root, Context& ctx);

}  // namespace tilfreds::intake::cli
