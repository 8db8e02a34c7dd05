#!/usr/bin/env bash
# Builds Common Ground (release) and starts it. Installs the system packages it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cargo build --release --locked --bin common-ground
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found: starting Common Ground inside a virtual screen (Xvfb)."
  bash scripts/install-deps.sh --test
  exec xvfb-run -a -s "-screen 0 1280x800x24" target/release/common-ground
fi
exec target/release/common-ground
