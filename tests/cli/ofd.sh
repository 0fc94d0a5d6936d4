#!/usr/bin/env bash
# OFD files (GB/T 33190) read by the geometry of their text objects, as PDF is
# (tests/cli/make-ofd.py writes the fixture): wrapped measures joined, the running footer left
# out, a measure over two pages cited 第1-2页, an object scaled by its CTM read in place, the
# centered title found; a damaged OFD gets one line. TAP output.
# usage: ofd.sh POLICY_INDEX SOURCE_ROOT
set -u
. "$(dirname -- "$(realpath -- "$0")")/tap.sh"
index=$(realpath -- "$1") root=$(realpath -- "$2")
tmp=$(mktemp -d /tmp/ps-ofd-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
mkdir docs
python3 "$root/tests/cli/make-ofd.py" docs/plan.ofd || { echo "Bail out! make-ofd.py failed"; exit 1; }
"$index" --dump docs/plan.ofd >all 2>&1
check "a measure wrapped over lines is one paragraph, with its departments" \
    bash -c "grep -q '\"text\":\"3.发展农村数字经济。培育农村电商主体，完善县乡村三级物流配送体系，促进农产品线上销售。（责任单位：县商务局、县农业农村局）\"' all && grep -q '\"name\":\"县农业农村局\"' all"
check "a measure that runs onto page 2 is whole, cited 第1-2页" \
    bash -c "grep '4.提升乡村数字治理水平' all | grep -q '\"page_start\":1,\"page_end\":2' && grep -q '一、4，第1-2页' all"
labels=$(grep -o '"label":"[0-9]"' all | tr -d '"label:' | uniq | tr '\n' ' ')
check "an object scaled by its CTM is read in its place: measures in order ($labels)" \
    bash -c "test '$labels' = '1 2 3 4 ' && grep -q '\"text\":\"2.强化网络安全保障。（责任单位：县委网信办）\"' all"
check "the running footer is left out" bash -c "! grep -q '— 1 —\|— 2 —' all"
check "the centered title is the document's title" has all '"title":"测试县数字乡村建设方案"'
printf 'PK\003\004OFD.xml and nothing a zip needs' >docs/broken.ofd
"$index" --db db docs >out 2>err
rc=$?
check "a damaged OFD is named in one line, the rest indexed (exit $rc)" \
    bash -c "test $rc -eq 1 && grep -q 'broken.ofd: damaged OFD: not a readable zip' err && grep -q '1 added' err"
echo "1..$n"
[ "$failed" -eq 0 ]
