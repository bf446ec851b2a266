# Shared by the CLI test scripts (source it after cd-ing into a scratch directory):
# check NAME COMMAND... and exits CODE NAME COMMAND..., counting passed/failed.
passed=0; failed=0
check() {  # check NAME COMMAND...: passes when the command succeeds
  local name=$1; shift
  if "$@" >/dev/null 2>&1; then passed=$((passed + 1)); echo "ok     $name"
  else failed=$((failed + 1)); echo "FAILED $name"; fi
}
exits() {  # exits CODE NAME COMMAND...: passes when the command exits with CODE
  local code=$1 name=$2; shift 2
  "$@" >out.txt 2>err.txt; local rc=$?
  if [ "$rc" -eq "$code" ]; then passed=$((passed + 1)); echo "ok     $name"
  else failed=$((failed + 1)); echo "FAILED $name (exit $rc, expected $code)"; cat err.txt; fi
}
