#!/usr/bin/env bash
# CLI tests: the programs as a user runs them, on the corpus and on broken inputs. TAP output.
# usage: run.sh POLICY_INDEX POLICY_SEARCH SOURCE_ROOT
set -u
. "$(dirname -- "$(realpath -- "$0")")/tap.sh"
index=$1 search=$2 root=$3
tmp=$(mktemp -d /tmp/ps-cli-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export POLICY_DB=$tmp/db NO_COLOR=1

"$index" "$root/corpus" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "indexing the corpus succeeds" test "$rc" -eq 0
check "indexing ends with a one-line summary" has "$tmp/err" "indexed 5 files"
"$index" "$root/corpus" >"$tmp/out" 2>"$tmp/err"
check "a second run finds every file unchanged" has "$tmp/err" "5 unchanged"

"$search" --doc 新城 --clause 13 >"$tmp/out" 2>&1; rc=$?
check "headline lookup exits 0" test "$rc" -eq 0
check "headline lookup cites the measure" has "$tmp/out" "三、13"
check "headline lookup names its departments" has "$tmp/out" "市发展改革委、市规划资源局、市财政局、市人才工作局"
check "headline lookup gives file and lines" has "$tmp/out" "000_f3134de028f8d3e7.txt:159-167"

"$search" 居住证积分 >"$tmp/out" 2>&1
check "piped output marks matches with brackets" has "$tmp/out" "[居住证积分]"
check "piped output has no colour codes" bash -c "! grep -q $'\e' '$tmp/out'"
"$search" --json 居住证积分 >"$tmp/out" 2>&1
check "--json prints total and results" bash -c "grep -q '\"total\": 3' '$tmp/out' && grep -q '\"results\"' '$tmp/out'"
check "--json results carry rank, score and snippet" bash -c "grep -q '\"rank\": 1' '$tmp/out' && grep -q '\"snippet\"' '$tmp/out' && grep -q '\"score\"' '$tmp/out'"

"$search" 火星基地 >"$tmp/out" 2>&1; rc=$?
check "no hits exits 0" test "$rc" -eq 0
check "no hits says so" has "$tmp/out" "no clause matches"
"$search" >"$tmp/out" 2>&1; rc=$?
check "an empty query exits 2" test "$rc" -eq 2
check "an empty query is explained" has "$tmp/out" "empty query"
"$search" '"城市数字化' >"$tmp/out" 2>&1; rc=$?
check "unbalanced quotes exit 2" test "$rc" -eq 2
check "unbalanced quotes are explained in one line" bash -c "grep -q 'cannot parse query .*unbalanced quotes' '$tmp/out' && test \$(wc -l < '$tmp/out') -eq 1"
POLICY_DB=$tmp/missing "$search" 新城 >"$tmp/out" 2>&1; rc=$?
check "a missing index exits 1" test "$rc" -eq 1
check "a missing index prints the command that builds it" has "$tmp/out" "policy-index --db $tmp/missing"

"$search" --departments >"$tmp/out" 2>&1
check "--departments counts measures" bash -c "grep -Eq '^ +13 +0 +0  市发展改革委$' '$tmp/out'"
"$search" --dept 市发改委 --limit 50 >"$tmp/out" 2>&1
check "--dept accepts an alias and lists in document order" bash -c "grep -q '^13 clauses' '$tmp/out' && head -1 '$tmp/out' | grep -q '一、1$'"
"$search" --dept 财政局 --limit 50 >"$tmp/out" 2>"$tmp/err"; rc=$?
check "--dept without 市 finds 市财政局's clauses" bash -c "test $rc -eq 0 && grep -q '^6 clauses' '$tmp/out'"
"$search" --dept 财政厅 >"$tmp/out" 2>"$tmp/err"; rc=$?
check "--dept naming nothing exits 1" test "$rc" -eq 1
check "--dept naming nothing says so and suggests names, never 'no clause matches'" bash -c "grep -q 'no department matches \"财政厅\"; nearest: .*市财政局' '$tmp/err' && ! grep -q 'no clause matches' '$tmp/out' '$tmp/err'"
"$search" --dept 市财政局 --departments >"$tmp/out" 2>&1; rc=$?
check "--dept with --departments is refused" test "$rc" -eq 2

# Two jurisdictions: the same words name Guangzhou's bureau and Shanghai's, kept apart.
mkdir -p "$tmp/juris"
printf '广州市人才发展行动计划\n一、重点项目\n1.人才培训。加强培训。（牵头单位：市人力资源和社会保障局，配合单位：市财政局）\n' >"$tmp/juris/gz.txt"
printf '上海市人才发展行动计划\n一、重点项目\n1.人才服务。加强服务。（牵头单位：市人力资源和社会保障局）\n' >"$tmp/juris/sh.txt"
"$index" --db "$tmp/jdb" "$tmp/juris" >/dev/null 2>&1
POLICY_DB=$tmp/jdb "$search" --dept 人力资源和社会保障局 >"$tmp/out" 2>"$tmp/err"
check "--dept finds a body in two jurisdictions and names each" bash -c "grep -q '^2 clauses' '$tmp/out' && grep -q '市人力资源和社会保障局（广州市，1）' '$tmp/err' && grep -q '市人力资源社会保障局（上海市，1）' '$tmp/err'"
POLICY_DB=$tmp/jdb "$search" --json --dept 市人力资源和社会保障局 --lead >"$tmp/out" 2>&1
check "--json departments keep the written name, the role and the jurisdiction" bash -c "grep -q '\"written\": \"市人力资源和社会保障局\"' '$tmp/out' && grep -q '\"role\": \"lead\"' '$tmp/out' && grep -q '\"jurisdiction\": \"广州市\"' '$tmp/out'"
"$search" 養老服務 >"$tmp/out" 2>&1
check "traditional characters find simplified text" has "$tmp/out" "[养老服务]"

# One writer at a time: an indexer blocked reading a FIFO holds the lock; a second one must
# name it and leave the index alone.
mkfifo "$tmp/slow.txt"
"$index" --db "$tmp/locked" "$tmp/slow.txt" 2>"$tmp/first.err" &
first=$!
for _ in $(seq 1 300); do [ -f "$tmp/locked/policy-index.pid" ] && break; sleep 0.1; done
"$index" --db "$tmp/locked" "$root/corpus" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "a second indexer exits 1" test "$rc" -eq 1
check "a second indexer names the lock holder" has "$tmp/err" "another indexer is writing to it (policy-index pid $first"
printf '一、总则\n1.内容。\n' >"$tmp/slow.txt"
wait "$first"
check "the first indexer finishes its run" has "$tmp/first.err" "1 added"

# A new index over many files is built by worker processes and merged: the same answers as
# one process, nothing at the path until the end, and a killed build leaves nothing behind.
mkdir "$tmp/copies"
for i in 1 2 3; do for f in "$root"/corpus/*; do cp "$f" "$tmp/copies/$(basename "$f" .txt)-$i.txt"; done; done
"$index" --jobs 1 --db "$tmp/one" "$tmp/copies" 2>/dev/null
"$index" --jobs 3 --db "$tmp/three" "$tmp/copies" 2>"$tmp/err"; rc=$?
check "a three-worker build succeeds" test "$rc" -eq 0
"$index" --jobs 0 --db "$tmp/zero" "$tmp/copies" >"$tmp/out" 2>&1; rc=$?
check "--jobs 0 is a usage error, explained" bash -c "test $rc -eq 2 && grep -q -- '--jobs takes a number' '$tmp/out' && test ! -e '$tmp/zero'"
check "a three-worker build counts every file" has "$tmp/err" "indexed 15 files"
same_answers() { # same_answers DB1 DB2 QUERY...: "yes", or the first query answered otherwise
    local a=$1 b=$2 q
    for q in "${@:3}"; do
        # shellcheck disable=SC2086 # the options split on purpose
        # (an estimated total depends on document numbering; the results must not)
        cmp -s <("$search" --db "$a" --json --limit 100 $q 2>&1 | grep -v '"total') \
            <("$search" --db "$b" --json --limit 100 $q 2>&1 | grep -v '"total') || { echo "no: $q"; return; }
    done
    echo yes
}
same=$(same_answers "$tmp/one" "$tmp/three" 新城 居住证积分 "--dept 市财政局" --departments \
    "--related 000_f3134de028f8d3e7-2.txt#三/13")
check "three workers answer exactly as one process" test "$same" = yes
# Parts rolled over every 0.1 MB, and a second folder whose files have the same names (the
# later file replaces the earlier, as in one process): still the same answers.
mkdir "$tmp/again"
cp "$root"/corpus/* "$tmp/again/"
cp "$root/corpus/002_c51c4008d2d0f852.txt" "$tmp/again/000_f3134de028f8d3e7-1.txt"
"$index" --jobs 1 --db "$tmp/one-b" "$tmp/copies" "$tmp/again" 2>/dev/null
POLICY_INDEX_PART_MB=0.1 "$index" --jobs 2 --db "$tmp/two-b" "$tmp/copies" "$tmp/again" 2>/dev/null
same=$(same_answers "$tmp/one-b" "$tmp/two-b" 新城 居住证积分 "--dept 市财政局" --departments)
check "many parts and repeated names answer as one process" test "$same" = yes
if command -v xapian-check >/dev/null; then
    check "the merged index passes xapian-check" xapian-check "$tmp/three"
fi
cp "$root/corpus/001_688d1b3eb0656e61.txt" "$tmp/copies/new.txt"
"$index" --db "$tmp/three" "$tmp/copies" 2>"$tmp/err"
check "a merged index takes updates" has "$tmp/err" "1 added, 0 updated, 0 removed, 15 unchanged"
# A worker blocked on a FIFO, its first file (a folder walk reads only regular files, so it is
# named on the command line), keeps the build running.
mkfifo "$tmp/slow2.txt"
"$index" --jobs 2 --db "$tmp/killed" "$tmp/slow2.txt" "$tmp/copies" 2>/dev/null &
first=$!
for _ in $(seq 1 300); do [ -f "$tmp/killed.building/policy-index.pid" ] && break; sleep 0.1; done
"$index" --db "$tmp/killed" "$tmp/copies" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "a second indexer waits for a parallel build" has "$tmp/err" "another indexer is writing to it (policy-index pid $first"
kill -9 "$first"
wait "$first" 2>/dev/null
timeout 10 bash -c "printf '1.内容。\n' >'$tmp/slow2.txt'" # the worker reads it and dies
POLICY_DB=$tmp/killed "$search" 新城 >"$tmp/out" 2>&1; rc=$?
check "a killed parallel build leaves no index" test "$rc" -eq 1
"$index" --db "$tmp/killed" "$tmp/copies" 2>"$tmp/err"; rc=$?
check "the next build clears what a killed one left" test "$rc" -eq 0 -a ! -e "$tmp/killed.building"

# Cross-references (issue: related clauses, citation links, department reports).
"$search" --cites 临港 >"$tmp/out" 2>&1
check "--cites resolves the Lingang plan's reference to the 14th five-year plan" \
    has "$tmp/out" "《上海市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》 -> 003_e042514a33c78a9d.txt"
check "--cites lists references that are not indexed" has "$tmp/out" "临港新片区总体方案》 (not indexed)"
"$search" --cited-by 国民经济 >"$tmp/out" 2>&1
check "--cited-by finds the citing clause in another document" has "$tmp/out" "004_dadc7d09c2d32ef9.txt:23"
"$search" --json --related '000_f3134de028f8d3e7.txt#二/9' --limit 5 >"$tmp/out" 2>&1
both=$(grep '"text":' "$tmp/out" | grep '新城' | grep -c '交通')
check "--related for 000 measure 9: clauses with both 新城 and 交通 in the top 5 ($both)" test "$both" -ge 3
check "--related explains with shared terms, no generic words" \
    bash -c "grep -q '\"shared_terms\": \"交通' '$tmp/out' && ! grep '\"shared_terms\"' '$tmp/out' | grep -Eq '加快|推进|建设'"
check "--related never returns the clause's own document" bash -c "! grep -q '\"file\": \"000_' '$tmp/out'"
"$search" --dept 市财政局 --format csv >"$tmp/report.csv" 2>&1
ids=$(grep -o '000_f3134de028f8d3e7.txt#[^"]*' "$tmp/report.csv" | tr '\n' ' ')
check "CSV report for 市财政局: exactly measures 3, 6, 7, 11, 13, 14 ($ids)" \
    test "$ids" = "000_f3134de028f8d3e7.txt#一/3 000_f3134de028f8d3e7.txt#二/6 000_f3134de028f8d3e7.txt#二/7 000_f3134de028f8d3e7.txt#三/11 000_f3134de028f8d3e7.txt#三/13 000_f3134de028f8d3e7.txt#四/14 "
n=$((n + 1))
if command -v python3 >/dev/null; then
    if python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8-sig"))); assert len(r)==6 and all(x["部门"]=="市财政局" and x["条文"] for x in r)' "$tmp/report.csv"; then
        echo "ok $n - the CSV report parses with a CSV parser (6 rows)"
    else
        echo "not ok $n - the CSV report parses with a CSV parser (6 rows)"; failed=$((failed + 1))
    fi
else
    echo "ok $n # SKIP python3 not installed: CSV parser check"
fi
"$search" --dept 市财政局 --format md >"$tmp/out" 2>&1
check "Markdown report: a table with one row per clause" test "$(grep -c '^| [0-9]' "$tmp/out")" -eq 6
"$search" --matrix --format csv >"$tmp/out" 2>&1
check "--matrix CSV: department rows with per-document counts and a total" \
    has "$tmp/out" '"市发展改革委","13","0","0","0","0","13"'
"$search" --matrix >"$tmp/out" 2>&1
check "--matrix table names its document columns" has "$tmp/out" "D1  000_f3134de028f8d3e7.txt"

# Broken inputs: each reported on one line naming the file; the rest indexed; exit 1.
bad=$tmp/bad
mkdir -p "$bad"
cp "$root/corpus/000_f3134de028f8d3e7.txt" "$bad/good.txt"
iconv -f UTF-8 -t GB18030 "$root/corpus/000_f3134de028f8d3e7.txt" >"$bad/gbk-copy.txt"
: >"$bad/empty.txt"
head -c 4096 /dev/urandom >"$bad/random.bin"
printf '\xe6\x96\xb0\xc3\x28\xff\xfe\xfd' >"$bad/invalid.txt"
head -c $((50 * 1024 * 1024)) /dev/zero | tr '\0' 'a' >"$bad/long-line.txt"
{ printf '<html><body>'; for _ in $(seq 1 2000); do printf '<div><div><div><div><div>'; done; printf '<p>深层</p></body></html>'; } >"$bad/nested.html"
POLICY_DB=$tmp/bad-db "$index" "$bad" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "broken inputs: exit status 1" test "$rc" -eq 1
for f in empty.txt random.bin invalid.txt long-line.txt nested.html; do
    check "broken input $f is reported on one line" test "$(grep -c "$f" "$tmp/err")" -eq 1
done
check "deep HTML nesting is named as the reason" has "$tmp/err" "nested.html: HTML nested too deeply"
check "a long line is named as the reason" has "$tmp/err" "long-line.txt:1: line of 52428800 bytes"
check "the good file and its GBK copy are indexed" has "$tmp/err" "indexed 2 files"
POLICY_DB=$tmp/bad-db "$search" --json --doc gbk-copy --clause 13 >"$tmp/out" 2>&1
check "the GBK copy gives the same measure" has "$tmp/out" "市人才工作局"

echo "1..$n"
test "$failed" -eq 0
