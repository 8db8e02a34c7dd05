#!/usr/bin/env bash
# Runs every test: the core library, the desktop shell, and the end-to-end tests that drive the
# real app window through WebDriver under a virtual screen. Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
export PATH="$HOME/.cargo/bin:$PATH"

started=$(date +%s)
echo "== Building the app and every test (one build, shared by all layers)"
# Building the tests also builds target/debug/common-ground with the same features, so the app
# is compiled once rather than once for running and again for testing.
cargo test --locked --workspace --no-run

echo "== Every test: core library, shell commands, then the real app window under Xvfb"
# One cargo invocation, so every crate is built with one set of features and nothing is rebuilt.
# The end-to-end tests take turns on their own (one app at a time).
export COMMON_GROUND_APP="$PWD/target/debug/common-ground"
# The tools the tests read their output with (pdftotext, qpdf, strace) were installed above, so
# here a missing one fails its test instead of skipping that check.
export COMMON_GROUND_REQUIRE_TOOLS=1
log=$(mktemp)
trap 'rm -f "$log"' EXIT
xvfb-run -a -s "-screen 0 1280x800x24" cargo test --locked --workspace 2>&1 | tee "$log"

echo "== All tests passed in $(( $(date +%s) - started )) s"
# One closing line for the whole run (cargo's last line is often an empty doc-test binary).
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i) ~ /^passed/) p += $(i-1); if ($(i) ~ /^failed/) f += $(i-1); if ($(i) ~ /^ignored/) s += $(i-1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
