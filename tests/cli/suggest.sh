#!/usr/bin/env bash
# CLI tests of help when nothing matches: brackets and quotation marks inside a phrase do not
# break it, other punctuation does, and a search that finds fewer than 3 clauses says so on
# stderr with near queries that find more (a respelled word, a word split in two, the key words of
# a sentence), each with the count it finds; the query itself is run as typed. TAP output.
# usage: suggest.sh POLICY_INDEX POLICY_SEARCH SOURCE_ROOT
set -u
. "$(dirname -- "$(realpath -- "$0")")/tap.sh"
index=$(realpath -- "$1") search=$(realpath -- "$2") root=$(realpath -- "$3")
tmp=$(mktemp -d /tmp/ps-suggest-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export NO_COLOR=1
unset POLICY_DB

# covers DB QUERY FILE LINE: some result of QUERY is FILE's clause holding LINE
covers() {
    "$search" --db "$1" --json --limit 200 -- "$2" 2>/dev/null | python3 -c '
import json, sys
f, line = sys.argv[1], int(sys.argv[2])
sys.exit(0 if any(r["source"]["file"].endswith(f) and
                  r["source"]["line_start"] <= line <= r["source"]["line_end"]
                  for r in json.load(sys.stdin)["results"]) else 1)' "$3" "$4"
}
# clauses DB QUERY: how many clauses QUERY finds (up to 200); "error" when the search fails
clauses() {
    "$search" --db "$1" --json --limit 200 -- "$2" 2>/dev/null |
        python3 -c 'import json, sys; print(len(json.load(sys.stdin)["results"]))' 2>/dev/null ||
        echo error
}
# suggested FILE QUERY: the count FILE's "did you mean" line gives QUERY ("" when none)
suggested() {
    sed -n "s/^  $2    \(about \)\?\([0-9]*\) clauses\? (.*)$/\2/p" "$1" | head -n 1
}

"$index" --db "$tmp/corpus" "$root/corpus" >/dev/null 2>&1
check "indexing the corpus succeeds" test -d "$tmp/corpus"

# ---- Brackets and quotation marks do not break a phrase.
check "居住证积分 finds the clause with 居住证（积分） (003, line 1879)" \
    covers "$tmp/corpus" 居住证积分 003_e042514a33c78a9d.txt 1879
check "东方美谷美丽健康 finds the clause with “东方美谷”美丽健康 (003, line 3778)" \
    covers "$tmp/corpus" 东方美谷美丽健康 003_e042514a33c78a9d.txt 3778

# ---- 、 still does: a document with 人才、住房 and no 人才住房.
mkdir "$tmp/docs"
printf '上海市人才安居工作方案\n一、主要任务\n1.加强人才、住房保障。完善人才公寓供给。\n2.优化居住证（积分）待遇。\n' >"$tmp/docs/fx.txt"
"$index" --db "$tmp/fx" "$tmp/docs" >/dev/null 2>&1
"$search" --db "$tmp/fx" 人才住房 >"$tmp/out" 2>"$tmp/err"
rc=$?
check "人才住房 does not find 人才、住房, exit 0 ($rc)" bash -c "test $rc -eq 0 && test \"\$(cat '$tmp/out')\" = 'no clause matches'"
check "the query is stated as found nothing, as typed: $(head -n 1 "$tmp/err")" \
    has "$tmp/err" 'policy-search: no clause matches "人才住房" as typed; did you mean:'
check "人才 住房 is suggested with its count: $(sed -n 2p "$tmp/err")" \
    has "$tmp/err" '  人才 住房    1 clause (人才住房 split in two)'
check "人才 住房 finds that clause" test "$(clauses "$tmp/fx" '人才 住房')" = 1
"$search" --db "$tmp/fx" --json 人才住房 >"$tmp/out" 2>"$tmp/err"
check "--json runs the query as typed: total 0, no result" \
    bash -c "grep -q '\"total\": 0' '$tmp/out' && grep -q '\"query\": \"人才住房\"' '$tmp/out'"

# ---- A one-character typo of an indexed word: the right word, with its count.
for typo in 东方美古:东方美谷 临港新片去:临港新片区 reist:reits; do
    wrong=${typo%%:*} right=${typo#*:}
    "$search" --db "$tmp/corpus" "$wrong" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    got=$(suggested "$tmp/err" "$right")
    want=$(clauses "$tmp/corpus" "$right")
    check "$wrong suggests $right ($got clauses; it finds $want)" test -n "$got" -a "$got" = "$want"
    check "$wrong itself is run as typed: no clause matches, exit 0 ($rc)" \
        bash -c "test $rc -eq 0 && test \"\$(cat '$tmp/out')\" = 'no clause matches'"
done

# ---- A long sentence-like query with no result: its distinctive words.
sentence=如何解决新城人才的住房问题和子女教育
"$search" --db "$tmp/corpus" "$sentence" >"$tmp/out" 2>"$tmp/err"
line=$(grep -F "(the query's distinctive words)" "$tmp/err" | head -n 1)
words=$(printf '%s' "$line" | sed 's/^  \(.*\)    .* clauses\? (.*$/\1/')
check "the sentence gets its key words: ${line# }" test -n "$line"
check "two or three words of the sentence ($words)" bash -c '
n=0; for w in $1; do case "$2" in *"$w"*) n=$((n + 1));; *) exit 1;; esac; done
test $n -ge 2 -a $n -le 3' _ "$words" "$sentence"
count=$(suggested "$tmp/err" "$words")
check "which find together what the line says ($count)" \
    test -n "$words" -a -n "$count" -a "$count" = "$(clauses "$tmp/corpus" "$words")"

# ---- Enough clauses: nothing suggested.
"$search" --db "$tmp/corpus" 新城 >"$tmp/out" 2>"$tmp/err"
check "a query with 3 clauses or more gets no suggestion" bash -c "! grep -q 'did you mean' '$tmp/err'"

echo "1..$n"
test "$failed" -eq 0
