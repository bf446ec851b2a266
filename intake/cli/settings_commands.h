#pragma once
#include <CLI/CLI.hpp>

#include "intake/cli/context.h"

namespace tilfreds::intake::cli {
// `tilfreds settings set KEY VALUE` and `tilfreds settings list` (issue 12): the
// municipality's name, contact, accessibility statement and privacy texts that every
// page's header and footer show. `list` warns about the keys a public site still
// needs. Every change is audited with the actor "cli".
void add_settings_commands(CLI::App& root, Context& ctx);
}  // namespace tilfreds::intake::cli
