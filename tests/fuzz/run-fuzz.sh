#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time, with a scratch corpus in the build folder
# (libFuzzer writes new inputs into its first folder; the seeds in the source tree stay as they
# are). A crash leaves its input as crash-* in the build folder and fails the test.
# usage: run-fuzz.sh TARGET SECONDS DICT SEED_DIR...
set -u
target=$1 seconds=$2 dict=$3
shift 3
work=$(dirname "$target")/$(basename "$target")-corpus
mkdir -p "$work"
exec "$target" -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=10 -dict="$dict" \
    -artifact_prefix="$(dirname "$target")/$(basename "$target")-" -print_final_stats=1 \
    "$work" "$@"
