#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks (as root) and builds into build/.
set -eu
cd "$(dirname "$0")/.."
# build: compilers, meson, the libraries (jemalloc: the indexer's allocator; poppler-glib: PDF;
# libzip: .docx; cairo: the tests' PDF fixtures); tests:
# xapian-check (xapian-tools), clang and its runtime for libFuzzer and the sanitizers, GNU time
# for peak memory.
packages="gcc g++ meson ninja-build pkg-config libxapian-dev libcmark-dev libxml2-dev
          libicu-dev libjansson-dev libjemalloc-dev libxlsxwriter-dev libmicrohttpd-dev
          libpoppler-glib-dev libzip-dev libcairo2-dev poppler-utils xapian-tools clang
          libclang-rt-14-dev time chromium chromium-driver python3-selenium fonts-noto-cjk"
missing=""
for p in $packages; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "installing:$missing" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2
fi
[ -d build ] || meson setup build >&2
ninja -C build >&2
