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

echo "== Core library and shell tests"
cargo test --locked --workspace --exclude common-ground-e2e

echo "== End-to-end tests in the real app window"
export COMMON_GROUND_APP="$PWD/target/debug/common-ground"
xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test --locked -p common-ground-e2e -- --test-threads=1

echo "== All tests passed in $(( $(date +%s) - started )) s"
