#!/usr/bin/env bash
# The bad-input matrix: hostile files and hostile queries, one per row, with the exit code, the
# error line and the peak memory. Each bad file must be named in exactly one error line, the
# good files beside it must still be indexed, and nothing may take over a second of CPU time
# per megabyte or ~1 GB of memory. TAP output.
# usage: bad-inputs.sh POLICY_INDEX POLICY_SEARCH SOURCE_ROOT
set -u
index=$1 search=$2 root=$3
tmp=$(mktemp -d /tmp/ps-bad-XXXXXX)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
n=0 failed=0
result() { # result OK? NAME
    n=$((n + 1))
    if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
mem_limit_kb=$((1024 * 1024))

# name | how to make it | expected: "fail" (one error line naming it) or "ok" (indexed)
make_input() {
    local d=$1 name=$2
    case $name in
    random.bin) head -c 65536 /dev/urandom >"$d/$name" ;;
    elf-binary) cp /bin/true "$d/$name" ;;
    truncated-utf8.txt) printf '一、总则\n1.新城建设\xe6\x96' >"$d/$name" ;;
    gbk-undeclared.txt) iconv -c -f UTF-8 -t GBK "$root/corpus/000_f3134de028f8d3e7.txt" >"$d/$name" ;;
    utf16-no-bom.txt) iconv -f UTF-8 -t UTF-16LE "$root/corpus/000_f3134de028f8d3e7.txt" >"$d/$name" ;;
    line-50mb.txt) head -c $((50 * 1024 * 1024)) /dev/zero | tr '\0' 'x' >"$d/$name" ;;
    nested-100k.html) { printf '<html><body>'; head -c 500000 /dev/zero | sed 's/\x0/<b>/g'; printf '<p>深</p>'; } >"$d/$name" ;;
    markdown-bomb.md) { head -c 100000 /dev/zero | tr '\0' '>'; printf ' 一、总则\n'; for _ in $(seq 1 2000); do printf '[[[[[[[[[[***___'; done; printf '\n'; } >"$d/$name" ;;
    empty.txt) : >"$d/$name" ;;
    no-permission.txt) printf '一、总则\n1.内容。\n' >"$d/$name"; chmod 000 "$d/$name" ;;
    "name with spaces 政策.txt") cp "$root/corpus/000_f3134de028f8d3e7.txt" "$d/$name" ;;
    loop) mkdir -p "$d/loop/inner"; ln -s .. "$d/loop/inner/back" ;;
    esac
}

inputs=("random.bin" "elf-binary" "truncated-utf8.txt" "gbk-undeclared.txt" "utf16-no-bom.txt"
        "line-50mb.txt" "nested-100k.html" "markdown-bomb.md" "empty.txt" "no-permission.txt"
        "name with spaces 政策.txt" "loop")
expect=(fail fail fail ok ok fail fail ok fail fail ok fail)
if [ "$(id -u)" = 0 ]; then expect[9]=ok; fi # root reads any file

printf '# %-28s %-5s %-9s %s\n' input exit "peak KB" "error line"
for i in "${!inputs[@]}"; do
    name=${inputs[$i]}
    d="$tmp/in$i"
    mkdir -p "$d"
    make_input "$d" "$name"
    cp "$root/corpus/001_688d1b3eb0656e61.txt" "$d/good.txt"
    /usr/bin/time -f '%M %U' -o "$tmp/time" "$index" --db "$tmp/db$i" "$d" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    read -r peak cpu < <(tail -1 "$tmp/time")
    line=$(grep -F "${name%%/*}" "$tmp/err" | grep -v '^indexed' | head -1)
    printf '# %-28s %-5s %-9s %s\n' "$name" "$rc" "$peak" "${line:-(none)}"
    lines=$(grep -cF "$name" "$tmp/err")
    if [ "${expect[$i]}" = fail ]; then
        [ "$rc" = 1 ] && [ "$lines" = 1 ]; result $? "$name: exit 1 and one error line naming it"
    else
        [ "$rc" = 0 ] && [ "$lines" = 0 ]; result $? "$name: indexed without complaint"
    fi
    grep -q "good.txt" "$tmp/err" && result 1 "$name: the good file beside it is not reported" ||
        result 0 "$name: the good file beside it is indexed"
    [ "$peak" -lt "$mem_limit_kb" ]; result $? "$name: peak memory ${peak} KB under 1 GB"
done

# Hostile queries: a clear error (exit 2, one line) or a bounded answer (exit 0), in time.
"$index" --db "$tmp/qdb" "$root/corpus" 2>/dev/null
long=$(head -c 102400 /dev/zero | tr '\0' 'a')
many=$(for _ in $(seq 1 10000); do printf '新城 '; done)
queries=("$long" "$many" '"城市 数字化' '。，！？、' $'新\x01城\x07' '----' 'OR OR OR' '"' '新城 -' '*')
labels=("100 KB query" "10,000 words" "unbalanced quotes" "only punctuation" "control characters"
        "only dashes" "only operators" "a lone quote" "a dangling minus" "a star")
printf '# %-20s %-5s %s\n' query exit "output line"
for i in "${!queries[@]}"; do
    start=$(date +%s%N)
    timeout 10 "$search" --db "$tmp/qdb" -- "${queries[$i]}" >"$tmp/out" 2>&1
    rc=$?
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    printf '# %-20s %-5s %s\n' "${labels[$i]}" "$rc" "$(head -c 150 "$tmp/out" | head -1)"
    { [ "$rc" = 2 ] && [ "$(wc -l <"$tmp/out")" = 1 ]; } || [ "$rc" = 0 ]
    result $? "query with ${labels[$i]}: exit $rc in $ms ms, clear error or an answer"
    [ "$ms" -lt 5000 ]; result $? "query with ${labels[$i]}: answered within 5 s"
done
echo "1..$n"
test "$failed" -eq 0
