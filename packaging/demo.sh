#!/usr/bin/env bash
# The README's first command: installs what is missing, builds, and starts the desktop register on
# a local demo store (created on first run in the user's data folder through the set-up wizard, key
# in the system keychain).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/packaging/install-deps.sh" build run
build="$root/build"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPOS_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target pos posctl

data="${POS_DEMO_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/pos/demo}"
run() {
    # First run: the set-up wizard creates the company, the store, this register and the owner
    # account (password + authenticator app) and offers the demo catalog. No default passwords.
    mkdir -p "$data"
    exec "$build/app/pos/pos" --data-dir "$data"
}

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "No display: start the demo from a desktop session (or over ssh -X)." >&2
    exit 1
fi
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
    # No session bus, so no keychain: start the app anyway; it explains and offers a
    # passphrase-sealed key file (ENC-2) instead.
    echo "No D-Bus session: the register will offer a passphrase-sealed key file instead of the keychain." >&2
    mkdir -p "$data"
    exec "$build/app/pos/pos" --data-dir "$data"
fi
run
