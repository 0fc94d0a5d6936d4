#!/usr/bin/env bash
# CLI tests of the indexer's command line: a missing value and an unknown option say different
# things, both exit 2 and write nothing. TAP output.
# usage: options.sh POLICY_INDEX SOURCE_ROOT
set -u
. "$(dirname -- "$(realpath -- "$0")")/tap.sh"
index=$(realpath -- "$1") root=$(realpath -- "$2")
tmp=$(mktemp -d /tmp/ps-options-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export POLICY_DB=$tmp/db
cd "$tmp" || exit 1 # the default ./policy.db, should anything fall back to it, lands here

has_line() { first_line | grep -qxF -- "$1"; }
first_line() { head -n 1 "$tmp/err"; }
names_option() { first_line | grep -qF -- "$1"; }
not_unknown() { ! first_line | grep -q 'unknown option'; }
wrote_nothing() { test ! -e "$tmp/db" -a ! -e "$tmp/policy.db"; }

for opt in --db --jobs; do
    "$index" "$opt" >/dev/null 2>"$tmp/err"
    rc=$?
    check "$opt with no value exits 2 ($rc)" test "$rc" -eq 2
    check "$opt with no value names $opt first: $(first_line)" names_option "$opt"
    check "$opt with no value is not called an unknown option" not_unknown
    check "$opt with no value writes nothing" wrote_nothing
done

"$index" --nope "$root/corpus" >/dev/null 2>"$tmp/err"
rc=$?
check "an unknown option exits 2 ($rc)" test "$rc" -eq 2
check "an unknown option is called one: $(first_line)" has_line "policy-index: unknown option --nope"
check "an unknown option writes nothing" wrote_nothing

"$index" --dump=yes "$root/corpus" >/dev/null 2>"$tmp/err"
rc=$?
check "a value given to --dump is refused with exit 2 ($rc)" test "$rc" -eq 2
check "a value given to --dump is named as such: $(first_line)" has_line "policy-index: --dump takes no value"

"$index" --db="$tmp/eq" "$root/corpus/000_f3134de028f8d3e7.txt" >/dev/null 2>"$tmp/err"
rc=$?
check "--db=DIR is --db DIR ($rc)" test "$rc" -eq 0 -a -d "$tmp/eq" -a ! -e "$tmp/db"

echo "1..$n"
test "$failed" -eq 0
