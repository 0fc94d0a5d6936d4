#!/usr/bin/env bash
# Set up and run the whole test suite (unit, corpus goldens, search contract, relevance, CLI).
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh
meson test -C build --print-errorlogs
