#!/usr/bin/env bash
# Installs what building, running and testing Common Ground needs on Debian or Ubuntu,
# skipping anything already present. Safe to run again.
set -euo pipefail

need_apt=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

build_pkgs=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config)
test_pkgs=(xvfb xauth webkit2gtk-driver imagemagick xdotool fonts-dejavu-core dbus-x11
  at-spi2-core poppler-utils qpdf strace fonts-noto-color-emoji openbox wmctrl)

want=("${build_pkgs[@]}")
if [ "${1:-}" = "--test" ]; then want+=("${test_pkgs[@]}"); fi

for p in "${want[@]}"; do have_pkg "$p" || need_apt+=("$p"); done

if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "Installing system packages: ${need_apt[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need_apt[@]}"
fi

if [ "${1:-}" = "--test" ] && ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "Installing tauri-driver"
  cargo install tauri-driver --locked
fi
