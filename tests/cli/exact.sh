#!/usr/bin/env bash
# The search contract, checked against brute force: a word finds exactly the clauses whose text
# holds it as a contiguous string (after normalization: width, case, white space, and brackets
# and quotation marks read through), whatever terms the index keeps. One-character words are
# the sharp case: the index keeps a character's unigram only where no bigram starts (tokenize.c),
# so each is tried where it starts a run, sits inside one, ends one, stands alone between
# punctuation and touches a Latin word. Words of three or more characters are tried where their
# bigrams all occur apart (an index without positions finds those by terms, and the clause's
# text must rule them out), also negated. On the corpus and on a fixture written here. TAP output.
# usage: exact.sh POLICY_INDEX POLICY_SEARCH SOURCE_ROOT
set -u
. "$(dirname -- "$(realpath -- "$0")")/tap.sh"
index=$(realpath -- "$1") search=$(realpath -- "$2") root=$(realpath -- "$3")
tmp=$(mktemp -d /tmp/ps-exact-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export NO_COLOR=1
unset POLICY_DB

mkdir -p "$tmp/docs"
cp "$root"/corpus/* "$tmp/docs/"
printf '%s\n' '单字测试办法' '一、位置' '1.甲乙丙丁。戊，己、庚辛。' '2.科创G60走廊，G60科创，5G网络。' \
    '3.（丙）与“丁”相邻；乙。' '4.乙丙丁戊己庚辛壬癸。' '5.甲乙在前，乙丙在后，丁戊己分开。' \
    '6.戊己庚在前，庚辛在后。' >"$tmp/docs/single.txt"
"$index" --db "$tmp/db" "$tmp/docs" >/dev/null 2>&1
"$index" --dump "$tmp/docs" >"$tmp/records.jsonl" 2>/dev/null

# expected WORD...: the clauses whose paragraph text holds every WORD and no -WORD, by brute
# force over the records
cat >"$tmp/expected.py" <<'PY'
import json, sys, unicodedata
SEE_THROUGH = set("()（）[]【】〈〉《》「」『』“”‘’\"'〔〕")
def norm(s):
    s = unicodedata.normalize("NFKC", s).lower()
    return "".join(c for c in s if not c.isspace() and c not in SEE_THROUGH)
words = [norm(w) for w in sys.argv[2].split()]
def holds(text):
    t = norm(text)
    return all((w[1:] not in t) if w.startswith("-") else (w in t) for w in words)
clauses = {r["clause"] for r in map(json.loads, open(sys.argv[1], encoding="utf-8"))
           if holds(r["text"])}
print("\n".join(sorted(clauses)))
PY
found() { # found WORD: the clauses the search returns
    "$search" --db "$tmp/db" --json --limit 5000 -- "$1" |
        python3 -c 'import json, sys; print("\n".join(sorted({r["clause"] for r in json.load(sys.stdin)["results"]})))'
}
for w in 甲 乙 丙 丁 戊 己 庚 辛 壬 癸 科 创 网 新 城 局 的 区 展 委 兴 \
    新城 监管 保税 科创 居住证积分 发展改革委 人力资源社会保障局 城市数字化 高质量发展 \
    甲乙丙 丁戊己 戊己庚辛 '乙丙 -甲乙丙' '庚辛 -戊己庚辛' '新城 -新城建设' '交通 -综合交通'; do
    want=$(python3 "$tmp/expected.py" "$tmp/records.jsonl" "$w")
    got=$(found "$w")
    n=$((n + 1))
    if [ -n "$want" ] && [ "$got" = "$want" ]; then
        echo "ok $n - $w finds exactly the $(printf '%s\n' "$want" | wc -l) clauses that hold it"
    else
        echo "not ok $n - $w: $(printf '%s\n' "$got" | grep -c .) found, $(printf '%s\n' "$want" | grep -c .) hold it"
        diff <(echo "$want") <(echo "$got") | head -5 | sed 's/^/# /'
        failed=$((failed + 1))
    fi
done
echo "1..$n"
[ "$failed" -eq 0 ]
