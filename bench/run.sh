#!/usr/bin/env bash
# The benchmark: this project against Xapian's own CJK n-gram indexing (omindex + quest) and
# SQLite FTS5 with the trigram tokenizer, on the same scaled corpus, in one run.
#   bench/run.sh [N] [OTHER_NS]      default: N=200 copies of corpus/ (~76 MB), and 50 and 400
#                                    for the scaling chart (a size whose estimated build time
#                                    exceeds BENCH_BUDGET seconds, default 600, is skipped)
# Also, at about N's size: a corpus of distinct real documents (corpus/ and bench/wild/, 19
# documents of many issuers and forms), replicated, since five files copied N times make
# postings unrealistically regular.
# Prints a Markdown table (bench/results.md) and writes bench/latency.png and bench/scaling.png.
set -eu
cd "$(dirname "$0")/.."
N=${1:-200}
OTHERS=${2-"50 400"} # an empty second argument: N alone
BUDGET=${BENCH_BUDGET:-600}
work=${BENCH_WORK:-/tmp/policy-bench}
queries=tests/relevance/queries.tsv

scripts/setup.sh
need="xapian-omega sqlite3 gnuplot-nox python3-xapian"
missing=""
for p in $need; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2
fi
index=build/indexer/policy-index search=build/searcher/policy-search
rm -rf "$work"
mkdir -p "$work/results"
res=$work/results

replicate() { # replicate NAME N FILE...: N copies of the files under distinct names, in one folder
    local d=$work/corpus-$1 n=$2 i f base
    shift 2
    mkdir -p "$d"
    for i in $(seq 1 "$n"); do
        for f in "$@"; do
            base=${f##*/}
            cp "$f" "$d/${base%.*}-$i.${base##*.}"
        done
    done
    echo "$d"
}
corpus() { replicate "$1" "$1" corpus/*; } # corpus N: N copies of corpus/
real_corpus() { # real_corpus MB: corpus/ and bench/wild/, as many copies as make MB
    local files=(corpus/* bench/wild/*.md bench/wild/*.html) one
    one=$(cat "${files[@]}" | wc -c)
    replicate real $(( ($1 * 1048576 + one - 1) / one )) "${files[@]}"
}
size() { du -sb "$1" | cut -f1; }
tree_peak() { # tree_peak PGID: the highest sum of RSS (KB) over a process group, every 0.5 s
    # (one ps per sample: little CPU taken from the build it measures)
    local peak=0 now
    while kill -0 "$1" 2>/dev/null; do
        now=$(ps -e -o pgid=,rss= | awk -v g="$1" '$1 == g { s += $2 } END { print s + 0 }')
        [ "$now" -gt "$peak" ] && peak=$now
        sleep 0.5
    done
    echo "$peak"
}
timed() { # timed OUT COMMAND...: wall seconds and peak KB of all its processes (the indexer's
          # workers too; GNU time alone reports the largest one) into OUT
    setsid /usr/bin/time -f "%e %M" -o "$1.time" "${@:2}" >"$1.out" 2>"$1.err" &
    local pid=$! peak
    peak=$(tree_peak "$pid")
    wait "$pid" || true
    read -r wall largest <"$1.time"
    echo "$wall $((peak > largest ? peak : largest))"
}

sizes=$(printf '%s\n' $OTHERS "$N" | sort -n | uniq)
seed_mb=$(( $(size corpus) * N / 1048576 + 1 ))
for n in $sizes real; do
    if [ "$n" = real ]; then dir=$(real_corpus "$seed_mb"); else dir=$(corpus "$n"); fi
    mb=$(awk "BEGIN { printf \"%.1f\", $(size "$dir") / 1048576 }")
    echo "== N=$n ($mb MB)" >&2
    for engine in ours omindex fts5; do
        est_file=$res/rate-$engine
        if [ -f "$est_file" ] && [ "$n" != real ] && [ "$n" -gt "$N" ]; then
            est=$(awk "BEGIN { printf \"%d\", $mb / $(cat "$est_file") }")
            if [ "$est" -gt "$BUDGET" ]; then
                echo "   $engine: skipped, about ${est} s estimated" >&2
                continue
            fi
        fi
        case $engine in
        ours)
            read -r wall peak < <(timed "$res/b" "$index" --db "$work/ours-$n" "$dir")
            db=$work/ours-$n ;;
        omindex)
            read -r wall peak < <(XAPIAN_CJK_NGRAM=1 timed "$res/b" omindex --db "$work/omindex-$n" --url / --mime-type md:text/plain "$dir")
            db=$work/omindex-$n ;;
        fts5)
            "$index" --dump "$dir" >"$work/clauses-$n.jsonl" 2>/dev/null
            read -r _ peak < <(timed "$res/b" bench/fts5.py build "$work/fts5-$n.db" "$work/clauses-$n.jsonl")
            wall=$(tail -1 "$res/b.out")
            db=$work/fts5-$n.db ;;
        esac
        bytes=$(size "$db") compact=$bytes
        if [ "$engine" != fts5 ]; then
            xapian-compact "$db" "$db.compact" >/dev/null && compact=$(size "$db.compact")
        fi
        awk "BEGIN { print $mb / $wall }" >"$res/rate-$engine"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$engine" "$n" "$mb" "$wall" "$peak" "$bytes" "$compact" \
            >>"$res/builds.tsv"
        case $engine in # in-process latency at every size, for the scaling chart
        ours) "$search" --db "$db" --bench "$queries" >"$res/inproc-ours-$n.tsv" ;;
        omindex) bench/xapian_ngram.py "$db" "$queries" >"$res/inproc-omindex-$n.tsv" ;;
        fts5) bench/fts5.py bench "$db" "$queries" >"$res/inproc-fts5-$n.tsv" ;;
        esac
        echo "   $engine: ${wall} s, peak ${peak} KB, $bytes bytes ($compact compacted)" >&2
    done
done

# Query latency on the N corpus, one process per query (in-process figures were taken above).
db_ours=$work/ours-$N db_omega=$work/omindex-$N db_fts=$work/fts5-$N.db
grep -v '^#' "$queries" | while IFS=$'\t' read -r _ kind query _; do
    sql=$(bench/fts5.py sql "$query")
    for engine in ours omindex fts5; do
        start=$EPOCHREALTIME # bash's clock: no process of its own inside the timing
        case $engine in
        ours) "$search" --db "$db_ours" --json -- "$query" >/dev/null 2>&1 || true ;;
        omindex) XAPIAN_CJK_NGRAM=1 quest -d "$db_omega" "$query" >/dev/null 2>&1 || true ;;
        fts5) sqlite3 "$db_fts" "$sql" >/dev/null 2>&1 || true ;;
        esac
        end=$EPOCHREALTIME
        ms=$(awk "BEGIN { print ($end - $start) * 1000 }")
        printf '%s\t%s\t%s\n' "$kind" "$ms" "$query" >>"$res/proc-$engine.tsv"
    done
done
python3 bench/report.py "$res" "$N" bench
