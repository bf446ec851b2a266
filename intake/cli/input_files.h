// What every command that takes a file shares: reading it whole, and listing the
// problems that refused it, in one shape so scripts can rely on both.
#pragma once

#include <optional>
#include <string>

#include "intake/cli/context.h"
#include "intake/problem.h"

namespace tilfreds::intake::cli {

// The file's bytes, or nullopt after telling `ctx.err` and setting exit code 1.
std::optional<std::string> read_file(const std::string& path, Context& ctx);

// "tilfreds: SUBJECT has N problems:" and one line per problem; exit code 1.
void report(const Problems& problems, const std::string& subject, Context& ctx);

}  // namespace tilfreds::intake::cli
