#!/bin/sh
# Runs one command inside a private D-Bus session with a throw-away gnome-keyring, unlocked with a
# random password, so that QtKeychain talks to a real Secret Service. Everything it writes lives in
# a temporary folder that is removed afterwards; the password never reaches a command line or the
# environment (it goes through a pipe).
#
# gnome-keyring-daemon registers org.freedesktop.secrets on the bus a moment after --unlock
# returns; a client that asks before then gets D-Bus activation of a second, locked daemon. So we
# wait until the unlocked daemon owns the name before starting the command.
set -eu
for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "with-keyring.sh: $tool is missing (packages gnome-keyring, dbus-x11)" >&2
        exit 127
    fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
mkdir -p "$tmp/home" "$tmp/data" "$tmp/config" "$tmp/cache" "$tmp/run"
chmod 700 "$tmp/run"
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" \
    XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/run"
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION KDE_FULL_SESSION KDE_SESSION_VERSION GNOME_KEYRING_CONTROL
status=0
dbus-run-session -- sh -c '
    set -eu
    head -c 24 /dev/urandom | od -An -tx1 | tr -d " \n" |
        gnome-keyring-daemon --unlock --components=secrets >/dev/null
    i=0
    until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
            org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
            grep -q "boolean true"; do
        i=$((i + 1))
        if [ "$i" -gt 100 ]; then
            echo "with-keyring.sh: the Secret Service did not start" >&2
            exit 1
        fi
        sleep 0.1
    done
    exec "$@"
' keyring "$@" || status=$?
exit $status
