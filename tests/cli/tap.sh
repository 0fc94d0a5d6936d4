# tap.sh: what every CLI test shares (sourced): TAP checks, counted, and file tests.
n=0 failed=0

check() { # check NAME COMMAND...: passes when the command succeeds
    local name=$1
    shift
    n=$((n + 1))
    if "$@" >/dev/null 2>&1; then echo "ok $n - $name"; else echo "not ok $n - $name"; failed=$((failed + 1)); fi
}
has() { grep -qF -- "$2" "$1"; }    # has FILE TEXT
lacks() { ! grep -qF -- "$2" "$1"; } # lacks FILE TEXT
