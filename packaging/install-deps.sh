#!/usr/bin/env bash
# Installs the Debian 12 packages this project needs, and only those that are missing.
#
#   packaging/install-deps.sh [GROUP...]     groups: build run test (default: build run test)
#
#   build  compilers, CMake/Ninja, Qt 6 development files (QtHttpServer for pos-syncd), SQLCipher,
#          OpenSSL, QtKeychain, libpq, clang-format
#   run    what the desktop app needs at run time beyond the libraries the build pulls in
#   test   a Secret Service for the keychain tests (gnome-keyring on a private D-Bus session)
#          and a virtual X server for anything that wants one; PostgreSQL 15 server binaries
#          for the sync server's throw-away test clusters (no cluster is created or started)
#
# Runs apt-get (through sudo when not root), and 'apt-get update' first only when something is
# missing. Exits non-zero if a package cannot be installed.
set -euo pipefail

build=(cmake ninja-build g++ pkg-config qt6-base-dev qt6-base-dev-tools qt6-tools-dev
    qt6-tools-dev-tools qt6-l10n-tools libqt6svg6 libgl-dev libsqlcipher-dev libssl-dev
    qtkeychain-qt6-dev clang-format libqrencode-dev qt6-charts-dev qt6-httpserver-dev
    qt6-websockets-dev libpq-dev)
# QtKeychain loads libsecret at run time (dlopen), so no package depends on it for us.
run=(qt6-qpa-plugins libsecret-1-0)
test=(gnome-keyring dbus-x11 libsecret-1-0 xvfb xauth dpkg-dev file desktop-file-utils appstream
    postgresql-15 postgresql-client-15 openssl)

groups=("$@")
[[ ${#groups[@]} -gt 0 ]] || groups=(build run test)

wanted=()
for group in "${groups[@]}"; do
    case "$group" in
    build) wanted+=("${build[@]}") ;;
    run) wanted+=("${run[@]}") ;;
    test | tests) wanted+=("${test[@]}") ;;
    -h | --help)
        sed -n '2,12p' "$0"
        exit 0
        ;;
    *)
        echo "install-deps.sh: unknown group '$group' (use build, run, test)" >&2
        exit 2
        ;;
    esac
done

missing=()
for pkg in "${wanted[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    if [[ "$status" != "installed" ]]; then
        missing+=("$pkg")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "install-deps.sh: all ${#wanted[@]} packages for '${groups[*]}' are installed"
    exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "install-deps.sh: missing ${missing[*]}; run as root or install sudo" >&2
        exit 1
    fi
    sudo=(sudo)
fi

echo "install-deps.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${missing[@]}"
