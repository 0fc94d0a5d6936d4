#!/usr/bin/env bash
# CLI tests of what staff and researchers trip over: labels pasted back from citations, one
# count per measure, options that do not apply, JSON that parses, memo-ready citations,
# exports that open in Excel, honest messages. TAP output.
# usage: staff.sh POLICY_INDEX POLICY_SEARCH SOURCE_ROOT
set -u
. "$(dirname -- "$(realpath -- "$0")")/tap.sh"
index=$(realpath -- "$1") search=$(realpath -- "$2") root=$(realpath -- "$3")
tmp=$(mktemp -d /tmp/ps-staff-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export POLICY_DB=$tmp/db NO_COLOR=1

json_ok() { python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$1"; }
jq_py() { # jq_py FILE EXPR: prints a Python expression over the JSON document d
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

mkdir -p "$tmp/docs"
cp "$root"/corpus/*.txt "$tmp/docs/"
# A measure whose text runs over two paragraphs, the tag after the second.
cat >"$tmp/docs/split.txt" <<'DOC'
测试区分段措施方案

一、任务

1.建立测试协调机制。定期会商测试事项。

完善测试工作台账，按季度报送。（牵头单位：市测试局；配合单位：市校验办）

2.开展专项测试。（责任单位：市校验办）
DOC
"$index" "$tmp/docs" >/dev/null 2>&1 || echo "# indexing failed"

# 1. Labels as printed: every citation's labels, pasted into --clause, give that clause.
"$search" --json --limit 30 新城 >"$tmp/hits.json" 2>/dev/null
python3 - "$tmp/hits.json" >"$tmp/labels" <<'PY'
import json, sys
# The labels a citation prints after the document: 《title》（文号，issuer，date）三、13 第2段
for r in json.load(open(sys.argv[1]))["results"]:
    c, doc = r["citation"], r["doc"]
    head = "《%s》" % doc["title"] if doc["title"] else (doc["cited_as"] or doc["file"]) + " "
    rest = c[len(head):]
    if doc["title"] and rest.startswith("（"):
        rest = rest[rest.index("）") + 1:]
    print("%s\t%s\t%s" % (doc["file"], r["clause"], rest.split(" 第")[0]))
PY
bad=0 total=0
while IFS=$'\t' read -r file clause label; do
    [ -n "$label" ] && [ "$label" != "（序言）" ] || continue
    total=$((total + 1))
    "$search" --json --doc "$file" --clause "$label" >"$tmp/one.json" 2>/dev/null
    got=$(jq_py "$tmp/one.json" '",".join(r["clause"] for r in d["results"])' 2>/dev/null)
    [ "$got" = "$clause" ] || { bad=$((bad + 1)); echo "# --clause '$label' in $file: got '$got', want '$clause'"; }
done <"$tmp/labels"
check "each of $total citation labels pasted into --clause gives exactly its clause ($bad wrong)" test "$bad" -eq 0 -a "$total" -ge 10
"$search" --doc 城镇化 --clause '二、（一）' >"$tmp/out" 2>&1
check "--clause '二、（一）' is one clause" has "$tmp/out" "1 clause"
"$search" --doc 纲要 --clause '四、4.5 4.5.4' >"$tmp/out" 2>&1
check "--clause '四、4.5 4.5.4' is one clause" has "$tmp/out" "1 clause"

# 2. One measure, one count.
"$search" --json --departments >"$tmp/d.json" 2>&1
check "--departments counts the two-paragraph measure once" test "$(jq_py "$tmp/d.json" '[x["clauses"] for x in d["departments"] if x["name"]=="市测试局"]')" = "[1]"
check "--departments shows how many it leads and supports" test "$(jq_py "$tmp/d.json" '[(x["lead"],x["supporting"]) for x in d["departments"] if x["name"]=="市校验办"]')" = "[(0, 1)]"
"$search" --departments >"$tmp/out" 2>&1
check "--departments says it counts measures" has "$tmp/out" "measures"
"$search" --dept 市测试局 >"$tmp/out" 2>&1
check "--dept lists the measure once, whole" bash -c "grep -q '^1 clause$' '$tmp/out' && ! grep -q '第1段' '$tmp/out'"
"$search" --json --matrix >"$tmp/m.json" 2>&1
check "--matrix counts it once" test "$(jq_py "$tmp/m.json" '[x["total"] for x in d["departments"] if x["department"]=="市测试局"]')" = "[1]"

# 3. No option silently ignored.
refused() { # refused NAME ARGS...: exit 2 and a line naming why
    local name=$1
    shift
    "$search" "$@" >"$tmp/out" 2>&1
    local rc=$?
    check "$name is refused (exit $rc): $(head -c 120 "$tmp/out")" test "$rc" -eq 2
}
refused "--format with --cites" --cites 临港 --format csv
refused "--doc with --related" --related '000_f3134de028f8d3e7.txt#二/9' --doc 新城
refused "--lead with --departments" --departments --lead
refused "--limit with --matrix" --matrix --limit 3
refused "query words with --departments" --departments 新城
refused "--limit without its value" --limit
check "... and the message names --limit as needing a value" has "$tmp/out" "--limit needs a value"
"$search" --dept 市测试局 >"$tmp/a" 2>&1
"$search" --dept 市测试局 --dept 市校验办 >"$tmp/b" 2>&1
check "two --dept give the clauses of either" bash -c "grep -q '^2 clauses$' '$tmp/b'"
"$search" --doc split 测试 >"$tmp/a" 2>&1
"$search" --doc split --doc 城镇化 测试 OR 居住证 >"$tmp/b" 2>&1
check "two --doc search both documents" bash -c "grep -q 'split.txt' '$tmp/b' && grep -q '002_' '$tmp/b'"

# 4. Every --json parses.
i=0
for args in "新城" "--dept 市财政局" "--doc 新城 --clause 13" "--departments" "--matrix" \
    "--related 000_f3134de028f8d3e7.txt#二/9" "--cites 上海" "--cited-by 国民经济" "--full 新城" \
    "--offset 1000 新城"; do
    i=$((i + 1))
    # shellcheck disable=SC2086
    "$search" --json $args >"$tmp/j$i.json" 2>/dev/null
    check "--json $args parses" json_ok "$tmp/j$i.json"
done
check "--cites over several documents is one JSON document listing each" test "$(jq_py "$tmp/j7.json" 'len(d["documents"])')" -ge 2

# 5. Memo-ready citations.
"$search" --doc 城镇化 --clause '二、（一）' >"$tmp/out" 2>&1
check "a citation carries the 文号" has "$tmp/out" "沪府发〔2024〕12号"
"$search" --doc 001 --clause 1 >"$tmp/out" 2>&1
check "an untitled attachment is cited as 附件3 with its name, not its file name" bash -c "grep -q '^1\. 附件3：' '$tmp/out'"
"$search" --full '000_f3134de028f8d3e7.txt#三/13' >"$tmp/out" 2>&1
check "--full ID prints the whole clause, nothing marked" bash -c "grep -q '市人才工作局）$' '$tmp/out' && ! grep -q '\[' '$tmp/out'"
check "--full ID ends with a one-line citation" has "$tmp/out" "——《深化推动新城高质量发展的若干政策举措》"
"$search" --full '000_f3134de028f8d3e7.txt#三/13/p9' >"$tmp/out" 2>&1
check "--full with an unknown id is a usage error" test $? -eq 2
"$search" 新城 >"$tmp/out" 2>&1
check "normal output shows each clause's id" has "$tmp/out" "id 000_f3134de028f8d3e7.txt#"

# 6. Exports that open in Excel.
"$search" --dept 市财政局 --format csv >"$tmp/out.csv" 2>/dev/null
check "csv starts with a UTF-8 byte-order mark" test "$(head -c 3 "$tmp/out.csv" | od -An -tx1 | tr -d ' ')" = efbbbf
check "csv has Chinese column names" has "$tmp/out.csv" '"部门","职责"'
"$search" --dept 市财政局 --format csv-plain >"$tmp/out.csv" 2>/dev/null
check "csv-plain keeps the script form" bash -c "head -n 1 '$tmp/out.csv' | grep -q '^\"department\",\"role\"'"
"$search" 火星基地 --format csv >"$tmp/out.csv" 2>"$tmp/err"
rc=$?
check "an empty report warns on stderr and exits 0" bash -c "test $rc -eq 0 && grep -q 'no clause matches' '$tmp/err'"
"$search" --dept 市财政局 --format xlsx >"$tmp/out.xlsx" 2>/dev/null
check "--format xlsx writes a workbook" bash -c "unzip -l '$tmp/out.xlsx' | grep -q xl/worksheets/sheet1.xml"
"$search" --matrix --format xlsx >"$tmp/m.xlsx" 2>/dev/null
check "--matrix --format xlsx writes a workbook" bash -c "unzip -p '$tmp/m.xlsx' xl/sharedStrings.xml | grep -q 市财政局"

# 8. Honest messages.
"$search" --offset 1000 新城 >"$tmp/out" 2>&1
check "--offset past the end says how many there are" has "$tmp/out" "only "
all=$("$search" --limit 100 市发改委 2>&1 | grep -c '^[0-9]*\. ')
"$search" 市发改委 >"$tmp/out" 2>&1
check "a first page says how many there are, exactly ($all): $(tail -n 1 "$tmp/out")" has "$tmp/out" "of $all clauses"
"$search" --doc 新城 >"$tmp/out" 2>&1
check "--doc alone asks what to find in the documents" bash -c "grep -q -- '--doc chooses documents' '$tmp/out'"
"$search" --cited-by 十四五 >"$tmp/out" 2>&1
check "十四五 names the city's five-year plan (the one 004 cites)" has "$tmp/out" "004_dadc7d09c2d32ef9.txt"
"$search" --doc '沪府发〔2024〕12号' 居住证 >"$tmp/out" 2>&1
check "--doc matches a 文号" has "$tmp/out" "002_c51c4008d2d0f852.txt"

echo "1..$n"
[ "$failed" -eq 0 ]
