#!/usr/bin/env bash
# Serves the shards of an index built with policy-index --shards K, one xapian-tcpsrv each on
# 127.0.0.1 (read-only), and writes a stub file of "remote" lines naming them, for trying the
# remote backend on one machine. Stops them all on Ctrl-C (or when killed).
# usage: scripts/shards.sh DIR [FIRST_PORT]    (default 7430: shard I on FIRST_PORT + I)
set -eu
dir=${1:?usage: scripts/shards.sh DIR [FIRST_PORT]}
first=${2:-7430}
command -v xapian-tcpsrv >/dev/null || { echo "shards.sh: needs xapian-tcpsrv (Debian xapian-tools)" >&2; exit 1; }
[ -f "$dir/XAPIANDB" ] || { echo "shards.sh: $dir has no stub (XAPIANDB): build it with policy-index --shards K" >&2; exit 1; }
stub=$dir.remote
pids=()
stop() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    rm -f "$stub"
}
trap stop EXIT
trap 'exit 0' INT TERM
: >"$stub.new"
i=0
while read -r kind shard; do
    [ "$kind" = auto ] || continue
    port=$((first + i))
    # its own session: on SIGTERM, xapian-tcpsrv signals its whole process group
    setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" "$dir/$shard" &
    pids+=($!)
    echo "remote 127.0.0.1:$port" >>"$stub.new"
    echo "$dir/$shard on 127.0.0.1:$port (pid $!)"
    i=$((i + 1))
done <"$dir/XAPIANDB"
mv "$stub.new" "$stub"
echo "stub: $stub    try: policy-search --db $stub 新城    (Ctrl-C stops the shards)"
wait
