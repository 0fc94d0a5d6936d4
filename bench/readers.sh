#!/usr/bin/env bash
# Reading speed of published files: policy-index --dump on each file of a folder (PDF, OFD,
# .docx; others are listed with their one-line reason), one process per file, best of 3.
# Prints a Markdown table (pages, records, records with departments, seconds, pages/s, MB/s) and
# writes it to bench/readers-results.md.
#   bench/readers.sh DIR
set -eu
cd "$(dirname "$0")/.."
dir=${1:?usage: bench/readers.sh DIR}
index=build/indexer/policy-index
out_md=bench/readers-results.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rows="" total_pages=0 total_s=0 total_bytes=0
for f in "$dir"/*; do
    [ -f "$f" ] || continue
    name=$(basename "$f")
    best=""
    for _ in 1 2 3; do
        start=$EPOCHREALTIME
        "$index" --dump "$f" >"$tmp/out" 2>"$tmp/err" || true
        s=$(awk "BEGIN { print $EPOCHREALTIME - $start }")
        best=$(awk -v a="$s" -v b="$best" 'BEGIN { print (b == "" || a < b) ? a : b }')
    done
    records=$(wc -l <"$tmp/out")
    if [ "$records" -eq 0 ]; then
        rows+="| $name | | 0 | | | | | $(sed 's/^policy-index: [^:]*: //; s/; file skipped$//' "$tmp/err" | head -1) |"$'\n'
        continue
    fi
    pages=$(grep -o '"page_end":[0-9]*' "$tmp/out" | cut -d: -f2 | sort -n | tail -1)
    depts=$(grep -c '"departments":\[{' "$tmp/out" || true)
    bytes=$(stat -c %s "$f")
    if [ -n "$pages" ]; then
        rate=$(awk "BEGIN { printf \"%.0f\", $pages / $best }")
        total_pages=$((total_pages + pages))
        total_s=$(awk "BEGIN { print $total_s + $best }")
        total_bytes=$((total_bytes + bytes))
    else
        pages="(no pages)" rate=""
    fi
    mbs=$(awk "BEGIN { printf \"%.1f\", $bytes / 1048576 / $best }")
    rows+="| $name | $pages | $records | $depts | $(printf '%.2f' "$best") | $rate | $mbs | |"$'\n'
done
{
    echo "policy-index --dump per file, one process each, best of 3, $(nproc) cores (bench/readers.sh)."
    echo "Pages are the last page a record cites (PDF, OFD); a .docx has none."
    echo
    echo "| file | pages | records | with departments | s | pages/s | MB/s | not read because |"
    echo "|---|---|---|---|---|---|---|---|"
    printf '%s' "$rows"
    echo
    awk "BEGIN { printf \"All paged files: %d pages in %.2f s, %.0f pages/s, %.1f MB/s.\\n\", $total_pages, $total_s, $total_pages / $total_s, $total_bytes / 1048576 / $total_s }"
} | tee "$out_md"
