#!/usr/bin/env bash
# Kill the indexer with SIGKILL at random points of a full run over a scaled corpus; after each
# kill, searching must still answer from the last committed state (never a mix), the database
# must pass xapian-check, and a re-run must finish the job. TAP output; prints the count of
# scenarios survived.
# usage: kill-test.sh POLICY_INDEX POLICY_SEARCH SOURCE_ROOT [KILLS] [COPIES]
set -u
index=$1 search=$2 root=$3 kills=${4:-20} copies=${5:-5}
tmp=$(mktemp -d /tmp/ps-kill-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0 survived=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }

if ! command -v xapian-check >/dev/null; then
    echo "1..0 # SKIP xapian-check not installed (Debian package xapian-tools)"
    exit 0
fi
mkdir -p "$tmp/scaled" "$tmp/first"
for i in $(seq 1 "$copies"); do
    for f in "$root"/corpus/*; do
        b=$(basename "$f" .txt)
        cp "$f" "$tmp/scaled/$b-copy$i.txt"
    done
done
cp "$tmp"/scaled/*-copy1.txt "$tmp/first/"

total() { # number of clauses mentioning 新城, or "ERR"
    local out
    out=$(POLICY_DB=$1 "$search" --json --limit 0 新城 2>/dev/null) || { echo ERR; return; }
    echo "$out" | grep -o '"total": [0-9]*' | grep -o '[0-9]*'
}

# The committed state every kill must fall back to: one copy of the corpus.
"$index" --db "$tmp/base" "$tmp/first" 2>/dev/null
base_total=$(total "$tmp/base")
# The finished state, and how long a run from the committed state takes.
cp -r "$tmp/base" "$tmp/full"
start=$(date +%s%N)
"$index" --db "$tmp/full" "$tmp/scaled" 2>/dev/null
run_ms=$(( ($(date +%s%N) - start) / 1000000 ))
full_total=$(total "$tmp/full")
echo "# full run: ${run_ms} ms; clauses with 新城: ${base_total} committed before, ${full_total} after"

for k in $(seq 1 "$kills"); do
    rm -rf "$tmp/db"
    cp -r "$tmp/base" "$tmp/db"
    "$index" --db "$tmp/db" "$tmp/scaled" 2>/dev/null &
    pid=$!
    delay_ms=$(( RANDOM % (run_ms + 1) ))
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    t=$(total "$tmp/db")
    checked=$(xapian-check "$tmp/db" >/dev/null 2>&1 && echo yes || echo no)
    if [ "$t" != "$base_total" ] && [ "$t" != "$full_total" ]; then
        not_ok "kill $k at ${delay_ms} ms: search saw $t clauses, neither $base_total nor $full_total"
    elif [ "$checked" != yes ]; then
        not_ok "kill $k at ${delay_ms} ms: xapian-check fails"
    else
        # Every fifth scenario, and the last: a re-run finishes the job.
        if [ $((k % 5)) -eq 0 ]; then
            "$index" --db "$tmp/db" "$tmp/scaled" 2>/dev/null
            t2=$(total "$tmp/db")
            if [ "$t2" != "$full_total" ]; then
                not_ok "kill $k at ${delay_ms} ms: re-run ended with $t2 clauses, not $full_total"
                continue
            fi
        fi
        survived=$((survived + 1))
        ok "kill $k at ${delay_ms} ms: search answers ($t), xapian-check passes"
    fi
done
echo "# survived $survived of $kills kills"

# Concurrent readers: search without pause while a full run commits; every answer must be
# complete, from the state before or after the commit, never a mix and never an error.
rm -rf "$tmp/db"
cp -r "$tmp/base" "$tmp/db"
"$index" --db "$tmp/db" "$tmp/scaled" 2>/dev/null &
pid=$!
searches=0 bad=0
while kill -0 "$pid" 2>/dev/null; do
    t=$(total "$tmp/db")
    searches=$((searches + 1))
    if [ "$t" != "$base_total" ] && [ "$t" != "$full_total" ]; then
        bad=$((bad + 1))
        echo "# search $searches during the run saw: $t"
    fi
done
wait "$pid"
t=$(total "$tmp/db")
if [ "$bad" = 0 ] && [ "$t" = "$full_total" ]; then
    ok "$searches searches during a run: each saw $base_total or $full_total, none failed"
else
    not_ok "$searches searches during a run: $bad failed or saw a mix; after the run $t"
fi
echo "1..$n"
test "$failed" -eq 0
