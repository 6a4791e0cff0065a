#!/usr/bin/env bash
# Runs every test of the solution against the real parts (control plane, Redis, Xvfb), then prints
# one line "N passed, N failed, N skipped" counted from the TRX results. Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ]; then
  bash test/control-plane/provision.sh >/dev/null || exit 1
else
  echo "[tests] not root: assuming test/control-plane/provision.sh has been run" >&2
fi

results="${TEST_RESULTS:-$(mktemp -d -t lebureau-tests-XXXXXX)}"
rm -rf "$results"; mkdir -p "$results"
dotnet test LeBureau.Operator.sln -c Release --logger "trx" --logger "console;verbosity=normal" \
  --results-directory "$results" "$@"
status=$?

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
  get() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(get total); executed=$(get executed); p=$(get passed); f=$(get failed); e=$(get error)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The run failed without a failed test (a build error or a crashed test host): count it as one.
  echo "[tests] dotnet test exited with $status ($files result files)" >&2
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
