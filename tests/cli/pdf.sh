#!/usr/bin/env bash
# PDF files read as the pages show them (tests/make-pdf.c lays out the fixtures with cairo):
# paragraphs joined by geometry, running headers, footers and page numbers left out, the page of
# every clause in its source and citation; a scan, a damaged PDF and Word or OFD files each get
# one line, and the rest of the run goes on. TAP output.
# corpus/000, laid out on pages, must give the measures and departments its text gives.
# usage: pdf.sh POLICY_INDEX POLICY_SEARCH MAKE_PDF SOURCE_ROOT
set -u
. "$(dirname -- "$(realpath -- "$0")")/tap.sh"
index=$(realpath -- "$1") search=$(realpath -- "$2") make_pdf=$(realpath -- "$3") root=$(realpath -- "$4")
tmp=$(mktemp -d /tmp/ps-pdf-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export NO_COLOR=1 POLICY_DB=$tmp/db
cd "$tmp" || exit 1
mkdir docs bad
# The fixture writer is no code under test: under ASan, cairo's and fontconfig's caches, kept
# until exit, would count as its leaks.
make_pdf() { ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" "$make_pdf" "$@"; }
make_pdf text docs/measures.pdf || { echo "Bail out! make-pdf failed"; exit 1; }
make_pdf scan bad/scan.pdf
head -c 3000 docs/measures.pdf >bad/damaged.pdf
printf '\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest of an old Word file' >bad/old.doc
printf 'PK\x03\x04....word/document.xml....' >bad/new.docx

record() { # record LABEL: the --dump record of measure LABEL, as one line of JSON
    "$index" --dump docs/measures.pdf 2>/dev/null | grep -F "\"label\":\"$1\"" | head -1
}
record 1 >"$tmp/r1"
check "a measure wrapped over four lines is one paragraph" \
    has "$tmp/r1" '"text":"1.完善城乡融合发展体制机制。统筹推进新型城镇化和乡村全面振兴，健全城乡要素平等交换双向流动机制，推动公共资源合理配置，提升县城综合承载能力。（责任单位：市发展改革委、市农业农村委）"'
check "its departments come from its tag" bash -c "grep -q '\"name\":\"市发展改革委\"' '$tmp/r1' && grep -q '\"name\":\"市农业农村委\"' '$tmp/r1'"
check "its source and citation name page 1" \
    bash -c "grep -q '\"page_start\":1,\"page_end\":1' '$tmp/r1' && grep -q '一、1，第1页' '$tmp/r1'"
record 4 >"$tmp/r4"
check "a measure that runs onto the next page is whole, on pages 1-2" \
    bash -c "grep -q '确保项目资金及时足额到位。（责任单位：市财政局）' '$tmp/r4' && grep -q '\"page_start\":1,\"page_end\":2' '$tmp/r4' && grep -q '第1-2页' '$tmp/r4'"
record 第六条 >"$tmp/r6"
check "a numbered first line without a stop goes on into the next line, as the page shows" \
    has "$tmp/r6" '"text":"第六条县级以上人民政府应当加强对城乡融合发展工作的领导，并将其纳入国民经济和社会发展规划。"'
"$index" --dump docs/measures.pdf 2>/dev/null | grep -F '开展安全隐患' >"$tmp/row1"
check "a table row's cells wrapped in their columns are whole" has "$tmp/row1" "开展安全隐患排查整治"
check "a table row's departments come by column" \
    bash -c "grep -q '\"name\":\"市应急局\",\"written\":\"市应急局\",\"role\":\"lead\"' '$tmp/row1' && grep -q '\"name\":\"市消防局\",\"written\":\"市消防局\",\"role\":\"supporting\"' '$tmp/row1' && grep -q '\"deadline\":\"2025年底前\"' '$tmp/row1'"
record 6 >"$tmp/r6b"
check "a wrapped line that starts with a number (8.5平方米) is content" \
    has "$tmp/r6b" '"text":"6.提高住房保障水平。新建租赁住房人均居住面积应不低于8.5平方米，满足基本居住需求。（责任单位：市住房城乡建设管理委）"'
record 3 >"$tmp/r3"
check "spaces of justified CJK text are dropped" has "$tmp/r3" '"text":"3.保障公共安全。（责任单位：市应急局）"'
"$index" --dump docs/measures.pdf >"$tmp/all" 2>&1
check "the running header is left out" lacks "$tmp/all" "办公厅文件"
check "the table of contents is left out" bash -c "! grep -q '……\|\"目录\"' '$tmp/all'"
check "page numbers are left out" bash -c "! grep -q '— 1 —\|— 2 —' '$tmp/all'"
check "the centered title on page 1 is the document's title" \
    has "$tmp/all" '"title":"测试市关于促进城乡融合发展的若干措施"'

# corpus/000 laid out on pages: the same measures with the same departments as its text, each
# cited by the page that shows it.
here=$(dirname -- "$(realpath -- "$0")")
"$index" --dump "$root/corpus/000_f3134de028f8d3e7.txt" >"$tmp/000.jsonl"
python3 "$here/paragraphs.py" <"$tmp/000.jsonl" >"$tmp/000.paras"
make_pdf file "$tmp/000.paras" "$tmp/000.pdf"
"$index" --dump "$tmp/000.pdf" >"$tmp/000pdf.jsonl"
python3 "$here/measures.py" <"$tmp/000.jsonl" >"$tmp/text.measures"
python3 "$here/measures.py" <"$tmp/000pdf.jsonl" >"$tmp/pdf.measures"
check "corpus/000 on pages gives its $(wc -l <"$tmp/text.measures") measures with the same departments" \
    bash -c "test \$(wc -l <'$tmp/text.measures') -eq 16 && cmp -s '$tmp/text.measures' '$tmp/pdf.measures'"
pages_ok=$(python3 - "$tmp/000pdf.jsonl" "$tmp/000.pdf" <<'PY'
import json, re, subprocess, sys
bad = 0
for line in open(sys.argv[1]):
    r = json.loads(line)
    s = r["source"]
    text = subprocess.run(["pdftotext", "-f", str(s["page_start"]), "-l", str(s["page_start"]),
                           sys.argv[2], "-"], capture_output=True, text=True).stdout
    bad += re.sub(r"\s+", "", r["text"])[:8] not in re.sub(r"\s+", "", text)
print("yes" if bad == 0 else "no: %d records" % bad)
PY
)
check "each record's page shows its first words ($pages_ok)" test "$pages_ok" = yes

# Indexing a folder with bad files: each named in one line, the good file indexed.
cp bad/* docs/
"$index" docs >"$tmp/out" 2>"$tmp/err"
rc=$?
check "bad files make the run exit 1" test "$rc" -eq 1
check "a scan says it has no text layer" has "$tmp/err" "scan.pdf: no text layer (scanned?); OCR it first"
check "a damaged PDF is named" has "$tmp/err" "damaged.pdf: damaged PDF: cannot read it"
check "an OLE2 Word file is named, to be converted" has "$tmp/err" "old.doc: a Word 97-2003 or WPS file (OLE2), not read: convert it to .docx"
check "a damaged .docx is named" has "$tmp/err" "new.docx: damaged .docx"
check "each bad file has one line" test "$(grep -c 'file skipped' "$tmp/err")" -eq 4
check "the good PDF is indexed" has "$tmp/err" "1 added"
"$search" --dept 市财政局 >"$tmp/out" 2>&1
check "a search cites the page" has "$tmp/out" "二、4，第1-2页"
"$search" --json 城乡道路客运 >"$tmp/out" 2>&1
check "--json gives the pages in source" bash -c "grep -q '\"page_start\": 1' '$tmp/out' && grep -q '\"page_end\": 1' '$tmp/out'"

echo "1..$n"
[ "$failed" -eq 0 ]
