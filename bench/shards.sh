#!/usr/bin/env bash
# Shard benchmark: N copies of corpus/ as one local index, and as 1, 2 and 4 shards served by
# xapian-tcpsrv on loopback (Xapian's remote backend), plus the 4 shards opened locally through
# their stub. The same queries (tests/relevance/queries.tsv) in each layout: in-process p50/p95
# (policy-search --bench, one process for all queries) and per-process p50 (a process per query).
#   bench/shards.sh [N]      default N=200 (~76 MB, as bench/run.sh)
# Prints a Markdown table and writes it to bench/shards-results.md. Every tcpsrv listens on
# 127.0.0.1 only and is stopped on exit.
set -eu
cd "$(dirname "$0")/.."
root=$PWD
N=${1:-200}
work=${SHARDS_WORK:-/tmp/policy-shards-bench}
queries=$root/tests/relevance/queries.tsv
index=$root/build/indexer/policy-index search=$root/build/searcher/policy-search
out_md=$root/bench/shards-results.md
scripts/setup.sh
rm -rf "$work"
mkdir -p "$work/corpus"
for i in $(seq 1 "$N"); do
    for f in corpus/*; do cp "$f" "$work/corpus/$(basename "$f" .txt)-$i.txt"; done
done
mb=$(du -sm "$work/corpus" | cut -f1)

pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
serve() { # serve DB: a xapian-tcpsrv for DB; prints its "remote" stub line
    local port
    port=$(free_port)
    # its own session: on SIGTERM, xapian-tcpsrv signals its whole process group
    setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" "$1" >/dev/null 2>&1 &
    pids+=($!)
    for _ in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
        sleep 0.1
    done
    echo "remote 127.0.0.1:$port"
}

echo "building: one index and 2 and 4 shards of $N copies ($mb MB)" >&2
build_s() { # build_s ARGS...: wall seconds of one policy-index run
    local start=$EPOCHREALTIME
    "$index" "$@" 2>/dev/null
    awk "BEGIN { printf \"%.1f\", $EPOCHREALTIME - $start }"
}
t1=$(build_s --db "$work/one" "$work/corpus")
t2=$(build_s --db "$work/two" --shards 2 "$work/corpus")
t4=$(build_s --db "$work/four" --shards 4 "$work/corpus")
serve "$work/one" >"$work/remote-1"
for i in 0 1; do serve "$work/two/shard-$i"; done >"$work/remote-2"
for i in 0 1 2 3; do serve "$work/four/shard-$i"; done >"$work/remote-4"

pct() { # pct P: the P-th percentile of the numbers on stdin
    sort -n | awk -v p="$1" '{ v[NR] = $1 } END { i = int((NR - 1) * p / 100 + 0.5) + 1; printf "%.2f", v[i] }'
}
measure() { # measure DB: "p50 p95 per-process-p50" in ms
    local db=$1 inproc perproc
    "$search" --db "$db" --bench "$queries" >/dev/null # warm the page cache and connections
    inproc=$("$search" --db "$db" --bench "$queries" | cut -f2)
    perproc=$(grep -v '^#' "$queries" | while IFS=$'\t' read -r _ _ query _; do
        start=$EPOCHREALTIME
        "$search" --db "$db" --json -- "$query" >/dev/null 2>&1 || true
        awk "BEGIN { print ($EPOCHREALTIME - $start) * 1000 }"
    done)
    echo "$(echo "$inproc" | pct 50) $(echo "$inproc" | pct 95) $(echo "$perproc" | pct 50)"
}
rows=""
base=""
for layout in "one local index|$work/one|$t1" "1 remote shard (the same index)|$work/remote-1|$t1" \
    "2 remote shards|$work/remote-2|$t2" "4 remote shards|$work/remote-4|$t4" \
    "4 local shards (stub)|$work/four|$t4"; do
    IFS='|' read -r name db built <<<"$layout"
    read -r p50 p95 pp50 <<<"$(measure "$db")"
    [ -n "$base" ] || base=$p50
    ratio=$(awk "BEGIN { printf \"%.2f\", $p50 / $base }")
    rows+="| $name | $built | $p50 | $p95 | $pp50 | ${ratio}x |"$'\n'
    echo "  $name: p50 $p50 ms, p95 $p95 ms, per-process p50 $pp50 ms" >&2
done

{
    echo "N=$N copies of corpus/ ($mb MB), $(grep -vc '^#' "$queries") queries of tests/relevance/queries.tsv,"
    echo "$(nproc) cores; shards served by xapian-tcpsrv on 127.0.0.1 (bench/shards.sh)."
    echo
    echo "| layout | build s | in-process p50 ms | p95 ms | per-process p50 ms | p50 vs one index |"
    echo "|---|---|---|---|---|---|"
    printf '%s' "$rows"
} | tee "$out_md"
