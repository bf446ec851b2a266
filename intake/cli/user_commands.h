#pragma once
#include <CLI/CLI.hpp>

#include "intake/cli/context.h"

namespace tilfreds::intake::cli {
// `tilfreds user add|list|role|disable|enable|password` (issue 5). Passwords are
// read from standard input, never from an argument (arguments show in `ps` and
// shell history). Every change is audited with the actor "cli".
void add_user_commands(CLI::App& root, Context& ctx);
}  // namespace tilfreds::intake::cli
