#!/usr/bin/env bash
# The scan step of the chaperone-scan action: turns the action's inputs (INPUT_* variables)
# into `chaperone scan` flags, writes the SARIF and records the exit code as a step output
# without failing the step, so the upload still runs when findings fail.
set -uo pipefail

root="${CHAPERONE_ROOT:?CHAPERONE_ROOT must point at the Chaperone checkout}"
sarif="${INPUT_SARIF_FILE:-chaperone.sarif}"
args=(scan --format sarif --output "$sarif")
[ "${INPUT_DEMO:-false}" = "true" ] && args+=(--demo)
[ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
[ -n "${INPUT_PLATFORM:-}" ] && args+=(--platform "$INPUT_PLATFORM")
[ -n "${INPUT_CHECKS:-}" ] && args+=(--checks "$INPUT_CHECKS")
[ -n "${INPUT_SKIP_CHECKS:-}" ] && args+=(--skip-checks "$INPUT_SKIP_CHECKS")
[ -n "${INPUT_FAIL_ON:-}" ] && args+=(--fail-on "$INPUT_FAIL_ON")
for account in ${INPUT_ACCOUNTS//,/ }; do args+=(--account "$account"); done

rm -f "$sarif"
node "$root/packages/cli/bin/chaperone.js" "${args[@]}"
code=$?

out="${GITHUB_OUTPUT:-/dev/null}"
echo "exit-code=$code" >>"$out"
if [ -s "$sarif" ]; then echo "sarif-written=true" >>"$out"; else echo "sarif-written=false" >>"$out"; fi
exit 0
