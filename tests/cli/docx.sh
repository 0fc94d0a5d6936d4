#!/usr/bin/env bash
# Word .docx files read as Word shows them (tests/cli/make-docx.py writes the fixture):
# automatic numbering rendered into labels, a style's numbering, a task table's rows with their
# departments by column, deleted revisions, field codes, comments and headers left out, the
# paragraph's position in citations; a damaged package gets one line. TAP output.
# usage: docx.sh POLICY_INDEX POLICY_SEARCH SOURCE_ROOT
set -u
. "$(dirname -- "$(realpath -- "$0")")/tap.sh"
index=$(realpath -- "$1") search=$(realpath -- "$2") root=$(realpath -- "$3")
tmp=$(mktemp -d /tmp/ps-docx-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export NO_COLOR=1 POLICY_DB=$tmp/db
cd "$tmp" || exit 1
mkdir docs
python3 "$root/tests/cli/make-docx.py" docs/plan.docx || { echo "Bail out! make-docx.py failed"; exit 1; }
"$index" --dump docs/plan.docx >all 2>&1
check "numbering renders 一、 and （一） into the text" has all '"text":"（一）健全工作机制。建立街镇协调机制，定期会商重点问题。"'
check "the clause path follows the rendered labels" has all '一、（一），原文第5段'
check "a style's numbering (based on another style) renders 1. and 2." \
    bash -c "grep -q '\"text\":\"1.落实责任。' all && grep -q '\"text\":\"2.强化督查。' all"
check "a new 一、 restarts （一）" has all '二、（一），原文第9段'
check "a second w:num of the same list goes on counting: 三、" has all '三、（一） 第1段'
check "departments and roles come from the tag" \
    has all '"departments":[{"name":"区民政局","written":"区民政局","role":"lead","jurisdiction":null},{"name":"区财政局","written":"区财政局","role":"supporting","jurisdiction":null}]'
check "a task table's row takes its departments by column and its deadline" \
    bash -c "grep '\"text\":\"开展安全隐患排查' all | grep -q '\"name\":\"区公安分局\",\"written\":\"区公安分局\",\"role\":\"supporting\"' && grep -q '\"deadline\":\"2025年底前\"' all"
check "a deleted revision is left out" lacks all "删除文字"
check "an inserted revision is text" has all "建立街镇协调机制"
check "field codes are left out" lacks all "PAGE"
check "headers and comments are left out" bash -c "! grep -q '页眉文字\|批注文字' all"
check "the centered title is the title, the 文号 the number" \
    bash -c "grep -q '\"title\":\"测试区关于加强基层治理的实施方案\"' all && grep -q '\"number\":\"测区发〔2025〕3号\"' all"
# The same document as text, as Word shows it: the same records.
cat >plan.txt <<'TEXT'
测试区关于加强基层治理的实施方案
测区发〔2025〕3号
为加强基层治理，制定本方案。
一、总体要求
（一）健全工作机制。建立街镇协调机制，定期会商重点问题。
1.落实责任。明确各部门职责分工。（牵头单位：区民政局；配合单位：区财政局）
2.强化督查。定期通报工作进展。（责任单位：区政府督查室）
二、保障措施
（一）加强经费保障。将工作经费纳入预算。（责任单位：区财政局）
三、组织实施
（一）加强组织领导。（责任单位：区委办公室）
重点任务分工表
| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |
|---|---|---|---|---|
| 1 | 开展安全隐患排查 | 区应急局 | 区公安分局 | 2025年底前 |
| 2 | 完善网格化管理 | 区城运中心 | 各街镇 | 2026年6月底前 |
TEXT
# (Text joins the opening lines, which end without a stop, into one preamble paragraph; Word
# says where its paragraphs end. The body is compared.)
"$index" --dump plan.txt | python3 "$root/tests/cli/measures.py" all | grep -v '^preamble' >text.records
python3 "$root/tests/cli/measures.py" all <all | grep -v '^preamble' >docx.records
check "the .docx gives the records its text gives ($(wc -l <text.records) records after the preamble)" \
    bash -c "test \$(wc -l <text.records) -ge 7 && cmp -s text.records docx.records"
printf 'PK\003\004word/document.xml then nothing a zip needs' >docs/broken.docx
"$index" docs >out 2>err
rc=$?
check "a damaged .docx is named in one line, the rest indexed (exit $rc)" \
    bash -c "test $rc -eq 1 && grep -q 'broken.docx: damaged .docx: not a readable zip' err && grep -q '1 added' err && test \$(grep -c 'file skipped' err) -eq 1"
"$search" --dept 区民政局 >out 2>&1
check "a search cites the paragraph's place in the file" has out "一、（一） 1，原文第6段"
echo "1..$n"
[ "$failed" -eq 0 ]
