#!/usr/bin/env bash
# core never links QtGui or QtWidgets: executables built from poscore alone (posctl, the core
# tests) must not load any GUI library. ldd lists every shared library the loader would map.
#   check-no-gui.sh EXE...
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: check-no-gui.sh EXE..." >&2; exit 2; }
for exe in "$@"; do
    libs=$(ldd "$exe")
    echo "$libs" | grep -q 'libQt6Core' || { echo "check-no-gui: $exe does not load QtCore; is ldd working?" >&2; exit 1; }
    if echo "$libs" | grep -E 'libQt6(Gui|Widgets|PrintSupport|OpenGL)|libGL|libxcb'; then
        echo "check-no-gui: $exe loads a GUI library" >&2
        exit 1
    fi
done
echo "$# passed, 0 failed"
