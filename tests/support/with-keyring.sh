#!/bin/sh
# Runs one command inside a private D-Bus session with a throw-away gnome-keyring, unlocked with a
# random password, so that QtKeychain talks to a real Secret Service. Everything it writes lives in
# a temporary folder that is removed afterwards; the password never reaches a command line.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/home" "$tmp/data" "$tmp/config" "$tmp/run"
chmod 700 "$tmp/run"
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_RUNTIME_DIR="$tmp/run"
status=0
dbus-run-session -- sh -c '
    pw=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d " \n")
    printf %s "$pw" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    unset pw
    "$@"
' keyring "$@" || status=$?
exit $status
