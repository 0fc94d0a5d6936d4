#!/usr/bin/env bash
# CLI tests: the programs as a user runs them, on the corpus and on broken inputs. TAP output.
# usage: run.sh POLICY_INDEX POLICY_SEARCH SOURCE_ROOT
set -u
index=$1 search=$2 root=$3
tmp=$(mktemp -d /tmp/ps-cli-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export POLICY_DB=$tmp/db NO_COLOR=1
n=0 failed=0

check() { # check NAME COMMAND...: passes when the command succeeds
    local name=$1; shift
    n=$((n + 1))
    if "$@" >/dev/null 2>&1; then echo "ok $n - $name"; else echo "not ok $n - $name"; failed=$((failed + 1)); fi
}
has() { grep -qF -- "$2" "$1"; }

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
check "--json prints total and results" bash -c "grep -q '\"total\": 2' '$tmp/out' && grep -q '\"results\"' '$tmp/out'"
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
check "--departments counts clauses" bash -c "grep -Eq '^ +13  市发展改革委$' '$tmp/out'"
"$search" --dept 市发改委 --limit 50 >"$tmp/out" 2>&1
check "--dept accepts an alias and lists in document order" bash -c "grep -q '^13 clauses' '$tmp/out' && head -1 '$tmp/out' | grep -q '一、1$'"
"$search" 養老服務 >"$tmp/out" 2>&1
check "traditional characters find simplified text" has "$tmp/out" "[养老服务]"

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
check "a long line is named as the reason" has "$tmp/err" "long-line.txt:1: line longer than"
check "the good file and its GBK copy are indexed" has "$tmp/err" "indexed 2 files"
POLICY_DB=$tmp/bad-db "$search" --json --doc gbk-copy --clause 13 >"$tmp/out" 2>&1
check "the GBK copy gives the same measure" has "$tmp/out" "市人才工作局"

echo "1..$n"
test "$failed" -eq 0
