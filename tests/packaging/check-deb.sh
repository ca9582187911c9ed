#!/usr/bin/env bash
# Builds the .deb with CPack from a finished build folder and checks what a shop's machine would
# get: the package metadata and dependencies, the files it installs, a valid desktop entry and
# AppStream file, and binaries that start from the unpacked package with every library resolved.
#   check-deb.sh BUILD_DIR
set -euo pipefail
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || {
    cat "$work/cpack.log" >&2
    echo "check-deb: cpack failed" >&2
    exit 1
}
deb=$(ls "$work"/out/pos-register_*.deb)
echo "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

fail() { echo "check-deb: $*" >&2; exit 1; }
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = pos-register ] || fail "package name is $(field Package)"
depends=$(field Depends)
for lib in libqt6widgets6 libqt6printsupport6 libsqlcipher0 libqt6keychain1 libssl3 qt6-qpa-plugins; do
    echo "$depends" | grep -q "$lib" || fail "Depends lacks $lib: $depends"
done

contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/pos ./usr/bin/posctl ./usr/share/applications/example.pos.Register.desktop \
    ./usr/share/metainfo/example.pos.Register.metainfo.xml \
    ./usr/share/icons/hicolor/scalable/apps/pos-register.svg; do
    echo "$contents" | grep -qx "$f" || fail "the package does not install $f"
done
# Nothing of the build or test tree leaks into the package.
if echo "$contents" | grep -E 'tst_|bench|\.a$|/include/'; then
    fail "the package carries test, benchmark or development files"
fi

dpkg-deb -x "$deb" "$work/root"
desktop-file-validate "$work/root/usr/share/applications/example.pos.Register.desktop"
appstreamcli validate --no-net --pedantic "$work/root/usr/share/metainfo/example.pos.Register.metainfo.xml" >/dev/null ||
    appstreamcli validate --no-net "$work/root/usr/share/metainfo/example.pos.Register.metainfo.xml"
for exe in pos posctl; do
    if ldd "$work/root/usr/bin/$exe" | grep -q 'not found'; then
        ldd "$work/root/usr/bin/$exe" >&2
        fail "$exe has unresolved libraries"
    fi
done
"$work/root/usr/bin/posctl" --version | grep -q '^pos ' || fail "posctl --version did not answer"
QT_QPA_PLATFORM=offscreen "$work/root/usr/bin/pos" --version | grep -q '^Point of Sale\|^pos ' ||
    fail "pos --version did not answer"
echo "1 passed, 0 failed"
