#!/usr/bin/env bash
# The one test command (CI runs it through .ci/run):
#   1. installs what is missing for building and testing (packaging/install-deps.sh build test)
#   2. checks that every tracked C++ file is formatted as .clang-format says
#   3. configures a fresh build-ci/ with warnings as errors, builds with two jobs
#   4. runs every test with ctest (keychain tests inside a throw-away gnome-keyring)
#   5. builds build-ci-asan/ with AddressSanitizer + UBSan (leak checks on) and runs every test
#      again there, so memory errors and undefined behaviour fail the run
# Exits non-zero if any step fails; a formatting failure is reported after the build and tests
# have run, so one run shows everything that is wrong.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build="$root/build-ci"
jobs=2
start=$SECONDS
failed=()

step() { printf '\n==== %s (%ds)\n' "$*" $((SECONDS - start)); }

step "dependencies"
if ! packaging/install-deps.sh build test; then
    echo "run.sh: could not install the dependencies" >&2
    exit 1
fi

step "formatting (clang-format --dry-run --Werror)"
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    mapfile -t sources < <(git -C "$root" ls-files -- '*.cpp' '*.h' '*.hpp' '*.cc')
else
    mapfile -t sources < <(find core ui app server tests -name '*.cpp' -o -name '*.h' 2>/dev/null)
fi
unformatted=()
for f in "${sources[@]}"; do
    [[ -f "$f" ]] || continue
    if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
        unformatted+=("$f")
    fi
done
if [[ ${#unformatted[@]} -gt 0 ]]; then
    echo "run.sh: ${#unformatted[@]} file(s) not formatted (fix with clang-format -i):" >&2
    printf '  %s\n' "${unformatted[@]}" >&2
    failed+=("formatting")
else
    echo "${#sources[@]} files formatted"
fi

step "configure (fresh $build)"
rm -rf "$build"
# Line-table debug info (-g1) is enough for test failures and sanitizer stack traces and makes the
# two builds about a third faster than full -g. Test programs are compiled -Og (tests/CMakeLists.txt);
# the sanitized build compiles everything -O0: 40% less compile time than -O1 for a slower test run,
# and nothing the sanitizers look at is optimised away. Together they keep the whole run under 20
# minutes on 2 cores.
if ! cmake -S "$root" -B "$build" -G Ninja -DPOS_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG"; then
    echo "run.sh: configure failed" >&2
    exit 1
fi

step "build (-j$jobs)"
if ! cmake --build "$build" -j "$jobs"; then
    echo "run.sh: build failed" >&2
    exit 1
fi

step "tests (ctest -j$jobs)"
# Each test has its own 600 s limit (tests/CMakeLists.txt); the whole run gets 45 minutes.
if ! timeout 2700 ctest --test-dir "$build" --output-on-failure -j "$jobs" --timeout 600; then
    failed+=("tests")
fi

step "sanitized build (AddressSanitizer + UBSan, -j$jobs)"
asan="$root/build-ci-asan"
rm -rf "$asan"
if cmake -S "$root" -B "$asan" -G Ninja -DPOS_WERROR=ON -DPOS_SANITIZE=ON -DPOS_BUILD_BENCHMARKS=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O0 -g1 -DNDEBUG" \
    >/dev/null && cmake --build "$asan" -j "$jobs"; then
    step "sanitized tests (ctest -j$jobs)"
    if ! ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1 \
        LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0" \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        timeout 2700 ctest --test-dir "$asan" --output-on-failure -j "$jobs" --timeout 600; then
        failed+=("sanitized tests")
    fi
else
    echo "run.sh: sanitized build failed" >&2
    failed+=("sanitized build")
fi

step "done"
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "run.sh: FAILED: ${failed[*]} (after $((SECONDS - start)) s)" >&2
    exit 1
fi
echo "run.sh: all checks passed in $((SECONDS - start)) s"
