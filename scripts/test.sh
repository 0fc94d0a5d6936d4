#!/usr/bin/env bash
# Set up and run the whole test suite:
#   1. build/       gcc: unit, corpus goldens, search contract, relevance, CLI, fuzz-seed replay,
#                   SIGKILL at 20 points (suite kill) and the bad-input matrix (suite hostile);
#   2. build-asan/  the same under AddressSanitizer + UBSan (LeakSanitizer included), except the
#                   SIGKILL scenarios, which test the database rather than memory;
#   3. build-tsan/  ThreadSanitizer: eight threads searching one index at once (suite threads);
#   4. build-fuzz/  clang + libFuzzer: every fuzz target for FUZZ_SECONDS (default 15) each.
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh
status=0
meson test -C build --print-errorlogs || status=1
ninja -C build clang-format-check >&2 || { echo "sources not formatted: ninja -C build clang-format" >&2; status=1; }

[ -d build-asan ] || meson setup build-asan -Dbuildtype=debug -Db_sanitize=address,undefined >&2
ninja -C build-asan >&2
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    meson test -C build-asan --print-errorlogs --no-suite kill --no-suite browser || status=1

# ThreadSanitizer cannot share a build with AddressSanitizer: its own build, for the thread test.
[ -d build-tsan ] || meson setup build-tsan -Dbuildtype=debug -Db_sanitize=thread >&2
ninja -C build-tsan tests/test-threads >&2
meson test -C build-tsan --no-rebuild --print-errorlogs --suite threads || status=1

if [ ! -d build-fuzz ]; then
    CC=clang CXX=clang++ meson setup build-fuzz -Dfuzzing=true -Db_sanitize=address,undefined \
        -Db_lundef=false -Dfuzz_seconds="${FUZZ_SECONDS:-15}" >&2
fi
ninja -C build-fuzz >&2
meson test -C build-fuzz --print-errorlogs --suite fuzz-run || status=1
exit $status
