#!/usr/bin/env bash
# CLI tests of tables that assign no department (table.c): each row is a record of its own, its
# cells kept apart, so that a word made of two cells' text finds nothing, a cell's text finds its
# row, and the row cites its own label and lines. On the corpus (the park table at the end of
# 001) and on a pipe table, an HTML table and a flattened table written here. TAP output.
# usage: tables.sh POLICY_INDEX POLICY_SEARCH SOURCE_ROOT
set -u
. "$(dirname -- "$(realpath -- "$0")")/tap.sh"
index=$(realpath -- "$1") search=$(realpath -- "$2") root=$(realpath -- "$3")
tmp=$(mktemp -d /tmp/ps-tables-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export NO_COLOR=1
unset POLICY_DB

same() { # same NAME GOT WANT
    n=$((n + 1))
    if [ "$2" = "$3" ]; then
        echo "ok $n - $1"
    else
        echo "not ok $n - $1"
        printf '#   got  "%s"\n#   want "%s"\n' "$2" "$3"
        failed=$((failed + 1))
    fi
}
# hits DB QUERY: one line per result, "file#label lines" and, with a third argument, the text or
# the citation; "exit N" when the search fails.
hits() {
    local out rc
    out=$("$search" --db "$1" --json --limit 100 -- "$2" 2>/dev/null)
    rc=$?
    if [ "$rc" -ne 0 ]; then
        echo "exit $rc"
        return
    fi
    printf '%s' "$out" | python3 -c '
import json, sys
field = sys.argv[1]
for r in json.load(sys.stdin)["results"]:
    s = r["source"]
    line = "%s#%s %d-%d" % (r["doc"]["file"], r["label"], s["line_start"], s["line_end"])
    print(line + (" " + r[field] if field else ""))' "${3:-}"
}

# ---- The corpus: 001 ends with a table of parks, 新城 flush left, its parks indented under it.
"$index" --db "$tmp/corpus" "$root/corpus" >/dev/null 2>"$tmp/err"
rc=$?
check "indexing the corpus succeeds ($rc)" test "$rc" -eq 0
same "核心区南门 (工业区北区核心区 | 南门产业社区, two cells of 001's park table) finds nothing" \
    "$(hits "$tmp/corpus" 核心区南门)" ""
same "\"嘉定新城外冈\" (the merged 新城 cell and the park after it) finds nothing" \
    "$(hits "$tmp/corpus" '"嘉定新城外冈"')" ""
same "工业区北区核心区 (one cell) finds its row alone, at the row's line" \
    "$(hits "$tmp/corpus" 工业区北区核心区 text)" "001_688d1b3eb0656e61.txt#3 71-71 嘉定新城；工业区北区核心区"
same "南门产业社区 finds the next row, at its line" \
    "$(hits "$tmp/corpus" 南门产业社区)" "001_688d1b3eb0656e61.txt#4 72-72"
same "a group's first row cites the merged cell's line too" \
    "$(hits "$tmp/corpus" 外冈产业园)" "001_688d1b3eb0656e61.txt#1 68-69"
cite=$(hits "$tmp/corpus" 工业区北区核心区 citation)
check "the row's citation ends with its label 3 (${cite#* })" test "${cite% 3}" != "$cite"

# ---- A Markdown pipe table, an HTML table (one <tr> a line) and a flattened table with 序号.
mkdir "$tmp/docs"
cat >"$tmp/docs/pipe.md" <<'EOF'
# 一、特色园区名单

| 名称 | 位置 | 面积 |
|---|---|---|
| 工业区北区核心区 | 南门产业社区 | 5平方公里 |
| 临港综合区 | 浦东新区 | 3平方公里 |

二、其他事项

各区要加强园区管理。
EOF
cat >"$tmp/docs/table.html" <<'EOF'
<html><body>
<h2>一、特色园区名单</h2>
<table>
<tr><th>名称</th><th>位置</th><th>面积</th></tr>
<tr><td>工业区北区核心区</td><td>南门产业社区</td><td>5平方公里</td></tr>
<tr><td>临港综合区</td><td>浦东新区</td><td>3平方公里</td></tr>
</table>
<p>二、其他事项</p>
<p>各区要加强园区管理。</p>
</body></html>
EOF
cat >"$tmp/docs/flat.md" <<'EOF'
# 一、特色园区名单

序号

名称

位置

面积

1

工业区北区核心区

南门产业社区

5平方公里

2

临港综合区

浦东新区

3平方公里

## 二、其他事项

各区要加强园区管理。
EOF
"$index" --db "$tmp/fixtures" "$tmp/docs" >/dev/null 2>"$tmp/err"
rc=$?
check "indexing a pipe, an HTML and a flattened table succeeds ($rc)" test "$rc" -eq 0
same "核心区南门 across two cells of each table finds nothing" "$(hits "$tmp/fixtures" 核心区南门)" ""
same "平方公里临港 (the end of one row and the start of the next) finds nothing" \
    "$(hits "$tmp/fixtures" 平方公里临港)" ""
same "南门产业社区 finds the first row of each table, at its own lines" \
    "$(hits "$tmp/fixtures" 南门产业社区 | sort)" \
    "$(printf '%s\n' 'flat.md#1 11-17' 'pipe.md#1 5-5' 'table.html#1 5-5')"
same "a row keeps each cell with its header, cells apart" \
    "$(hits "$tmp/fixtures" 临港综合区 text | sort)" \
    "$(printf '%s\n' 'flat.md#2 19-25 名称：临港综合区；位置：浦东新区；面积：3平方公里' \
        'pipe.md#2 6-6 名称：临港综合区；位置：浦东新区；面积：3平方公里' \
        'table.html#2 6-6 名称：临港综合区；位置：浦东新区；面积：3平方公里')"
same "the paragraph after a table is no row of it" \
    "$(hits "$tmp/fixtures" 加强园区管理 | sort)" \
    "$(printf '%s\n' 'flat.md#二 29-29' 'pipe.md#二 10-10' 'table.html#二 9-9')"

echo "1..$n"
test "$failed" -eq 0
