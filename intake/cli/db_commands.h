#pragma once
#include <CLI/CLI.hpp>

#include "intake/cli/context.h"

namespace tilfreds::intake::cli {
// `tilfreds db copy --from tilfreds.db --to postgresql://…` (issue 17): moves a
// deployment to another engine without losing a row. Every table in foreign-key
// order, in one transaction on the target, the counts compared on both sides
// afterwards; refused (exit 1) when the target already holds rows. --to defaults
// to TILFREDS_DB, so the password need not appear in the process list.
void add_db_commands(CLI::App& root, Context& ctx);
}  // namespace tilfreds::intake::cli
