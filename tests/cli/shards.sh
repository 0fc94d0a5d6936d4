#!/usr/bin/env bash
# Shards (Xapian's stub databases and remote backend): corpus/ plus a scaled copy indexed as one
# index, as 3 local shards (policy-index --shards 3) and as the same 3 shards served by 3
# xapian-tcpsrv on free loopback ports; every mode's JSON must be identical across the three.
# Then a shard that is killed or hangs: a clear error naming it within the timeout, and with
# --partial the other shards' answer, naming it. A re-run after one file changes touches that
# file's shard only. TAP output.
# policy-serve over the remote shards: the same, with 503 or "partial".
# usage: shards.sh POLICY_INDEX POLICY_SEARCH SOURCE_ROOT POLICY_SERVE
set -u
. "$(dirname -- "$(realpath -- "$0")")/tap.sh"
index=$(realpath -- "$1") search=$(realpath -- "$2") root=$(realpath -- "$3") serve=$(realpath -- "$4")
tmp=$(mktemp -d /tmp/ps-shards-XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -CONT "$p" 2>/dev/null; kill "$p" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT
export NO_COLOR=1
unset POLICY_DB
cd "$tmp" || exit 1
if ! command -v xapian-tcpsrv >/dev/null; then
    echo "1..0 # SKIP xapian-tcpsrv (Debian xapian-tools) is not installed"
    exit 0
fi

# corpus/ and a copy under other names: 10 files, spread over the shards by their keys.
mkdir docs
cp "$root"/corpus/* docs/
for f in "$root"/corpus/*; do cp "$f" "docs/copy-$(basename "$f")"; done
"$index" --db one docs 2>/dev/null
"$index" --db split --shards 3 docs 2>"$tmp/err"
check "--shards 3 builds three shards and a stub" \
    bash -c "test -d split/shard-0 -a -d split/shard-2 && grep -qx 'auto shard-2' split/XAPIANDB"
check "--shards says how many shards it wrote" has "$tmp/err" "into split (3 shards): 10 added"

# Three xapian-tcpsrv, one per shard, each on a free port of 127.0.0.1.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ports=()
start_tcpsrv() { # start_tcpsrv I [DB]: serves DB (split/shard-I); sets ports[I], pids[I]
    local i=$1 db=${2:-split/shard-$1} port try
    for try in 1 2 3 4 5; do
        port=$(free_port)
        # its own session: on SIGTERM xapian-tcpsrv signals its whole process group
        setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" "$db" >/dev/null 2>&1 &
        pids[i]=$!
        for _ in $(seq 1 50); do
            (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && { ports[i]=$port; return 0; }
            kill -0 "${pids[i]}" 2>/dev/null || break
            sleep 0.1
        done
        kill "${pids[i]}" 2>/dev/null
    done
    return 1
}
for i in 0 1 2; do start_tcpsrv "$i" || { echo "Bail out! xapian-tcpsrv did not start"; exit 1; }; done
printf 'remote 127.0.0.1:%s\n' "${ports[@]}" >remote.stub

# A total above 100 is Xapian's estimate, which depends on how the documents are numbered and
# split (a remote shard may even know it exactly where a local one estimates): it is compared
# as "over 100", not as a number. Everything else must be byte for byte the same.
answer() { # answer DBS ARGS...: the output over the indexes DBS (comma-separated), large totals marked
    local list d dbargs=()
    IFS=, read -ra list <<<"$1"
    for d in "${list[@]}"; do dbargs+=(--db "$d"); done
    "$search" "${dbargs[@]}" "${@:2}" 2>&1 |
        awk 'match($0, /"total": [0-9]+/) && substr($0, RSTART + 9, RLENGTH - 9) + 0 > 100 {
                 sub(/"total": [0-9]+/, "\"total\": \"over 100\""); print; over = 1; next }
             over && /"total_exact"/ { over = 0; next }
             { over = 0; print }'
}
queries=(
    "--json --limit 100 新城" "--json --limit 100 发展" "--json --limit 20 --offset 40 发展"
    "--json --limit 100 居住证积分" "--json 人才 住房" "--json --limit 50 \"重大项目\""
    "--json --limit 100 新城 -交通" "--json 人才住房" "--json 新城去" "--json 临港新片去"
    "--json --limit 100 --dept 市财政局" "--json --limit 100 --dept 发改委 --lead"
    "--json --limit 100 --dept 市财政局 新城" "--json --doc 新城 --clause 13"
    "--json --doc 城镇化 --clause 二、（一）" "--json --limit 100 --doc 临港 发展"
    "--json --departments" "--json --matrix" "--format csv-plain --dept 市财政局"
    "--json --related 000_f3134de028f8d3e7.txt#三/13"
    "--json --related copy-002_c51c4008d2d0f852.txt#三/（二）"
    "--json --cites 临港" "--json --cited-by 国民经济" "--full --limit 30 居住证"
)
same_as_one() { # same_as_one DBS: "yes", or the first query answered otherwise
    local dbs=$1 q
    for q in "${queries[@]}"; do
        eval "set -- $q"
        cmp -s <(answer one "$@") <(answer "$dbs" "$@") || { echo "no: $q"; return; }
    done
    echo yes
}
same=$(same_as_one split)
check "3 local shards (a stub of auto lines) answer every mode as one index ($same)" test "$same" = yes
same=$(same_as_one remote.stub)
check "3 remote shards (xapian-tcpsrv) answer every mode as one index ($same)" test "$same" = yes
same=$(same_as_one split/shard-0,split/shard-1,split/shard-2)
check "three --db options answer every mode as one index ($same)" test "$same" = yes
"$search" --db remote.stub --json 发展 >"$tmp/out" 2>&1
check "a sharded search names no shard when all answer" lacks "$tmp/out" '"partial"'

# A read replica (xapian-replicate from xapian-replicate-server) stands in for its shard.
port=$(free_port)
setsid xapian-replicate-server --interface 127.0.0.1 --port "$port" split >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
timeout 60 xapian-replicate --host 127.0.0.1 --port "$port" --master shard-1 --one-shot --quiet replica
printf 'remote 127.0.0.1:%s\nauto replica\nremote 127.0.0.1:%s\n' "${ports[0]}" "${ports[2]}" >replica.stub
same=$(same_as_one replica.stub)
check "a replica of a shard, with the other two remote, answers as one index ($same)" test "$same" = yes

# policy-serve over the remote shards, one with --partial and one without.
start_serve() { # start_serve VAR ARGS...: starts policy-serve; VAR receives its base URL
    local var=$1 line
    "$serve" --db remote.stub --listen 127.0.0.1:0 --threads 2 "${@:2}" >"$tmp/serve-$var.out" 2>"$tmp/serve-$var.err" &
    pids+=($!)
    for _ in $(seq 1 100); do
        line=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/serve-$var.out" 2>/dev/null) && break
        sleep 0.1
    done
    printf -v "$var" '%s' "$line"
}
get() { # get URL: "STATUS BODY" on one line
    python3 -c 'import sys, urllib.request, urllib.error
try:
    r = urllib.request.urlopen(sys.argv[1], timeout=30); print(r.status, r.read().decode())
except urllib.error.HTTPError as e:
    print(e.code, e.read().decode())' "$1" | tr -d '\n'
}
start_serve whole
start_serve partial --partial
# (an exact total, and the clauses in order: a total over 100 is an estimate, see answer)
q=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("居住证"))')
get "$whole/api/search?q=$q&limit=100" >"$tmp/out"
ids() { grep -o '"id": *"[^"]*"' | tr -d ' '; }
"$search" --db one --json --limit 100 居住证 >"$tmp/one.json"
total=$(sed -n 's/^ "total": \([0-9]*\),$/\1/p' "$tmp/one.json")
check "policy-serve over remote shards answers as one index ($total clauses)" \
    bash -c "grep -q '^200 ' '$tmp/out' && grep -qF '\"total\": $total,' '$tmp/out' && test $total -le 100 && cmp -s <(ids <'$tmp/out') <(ids <'$tmp/one.json')"
q=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("新城"))')

# A shard killed: an error naming it, at once; with --partial, the others' answer, naming it.
kill "${pids[1]}"
wait "${pids[1]}" 2>/dev/null
"$search" --db remote.stub --json 新城 >"$tmp/out" 2>"$tmp/err"
rc=$?
check "a killed shard is an error (exit 1)" test "$rc" -eq 1
check "the error names the shard and --partial" \
    bash -c "grep -q 'shard 127.0.0.1:${ports[1]}' '$tmp/err' && grep -q -- '--partial' '$tmp/err' && test \$(wc -l <'$tmp/err') -eq 1"
"$search" --db remote.stub --partial --json --limit 100 新城 >"$tmp/out" 2>"$tmp/err"
rc=$?
check "with --partial the other shards answer" test "$rc" -eq 0
check "with --partial a warning names the missing shard" has "$tmp/err" "warning: shard 127.0.0.1:${ports[1]} left out"
check "with --partial the JSON names the missing shard" has "$tmp/out" "\"127.0.0.1:${ports[1]}\""
whole() { # the JSON on stdin without "partial", a total over 100 as such (see answer)
    python3 -c 'import json, sys
d = json.load(sys.stdin)
d.pop("partial", None)
if d["total"] > 100:
    d["total"], d["total_exact"] = "over 100", None
print(json.dumps(d, ensure_ascii=False, sort_keys=True))'
}
cmp -s <(whole <"$tmp/out") \
    <("$search" --db split/shard-0 --db split/shard-2 --json --limit 100 新城 2>&1 | whole)
check "with --partial the answer is the other two shards' answer" test $? -eq 0
"$search" --db remote.stub --partial --json --departments >"$tmp/out" 2>&1
check "with --partial --departments names the missing shard too" has "$tmp/out" '"partial"'

get "$whole/api/search?q=$q" >"$tmp/out"
check "policy-serve without --partial answers 503 naming the shard" \
    bash -c "grep -q '^503 ' '$tmp/out' && grep -q '127.0.0.1:${ports[1]}' '$tmp/out'"
get "$partial/api/search?q=$q" >"$tmp/out"
check "policy-serve --partial answers from the others, naming the shard" \
    bash -c "grep -q '^200 ' '$tmp/out' && grep -qE '\"partial\": \[ *\"127.0.0.1:${ports[1]}\"' '$tmp/out'"
get "$partial/search?q=$q" >"$tmp/out"
check "the search page says which shard it left out" has "$tmp/out" "分片 127.0.0.1:${ports[1]} 未响应"

# A shard that hangs (stopped): an error within $POLICY_SHARD_TIMEOUT, never a hang.
start_tcpsrv 1 || { echo "Bail out! xapian-tcpsrv did not restart"; exit 1; }
printf 'remote 127.0.0.1:%s\n' "${ports[@]}" >remote.stub
kill -STOP "${pids[1]}"
start=$(date +%s%N)
POLICY_SHARD_TIMEOUT=1 timeout 20 "$search" --db remote.stub 新城 >"$tmp/out" 2>"$tmp/err"
rc=$? ms=$((($(date +%s%N) - start) / 1000000))
check "a hung shard is an error within the timeout (exit $rc after $ms ms)" \
    bash -c "test $rc -eq 1 && test $ms -lt 10000 && grep -q 'shard 127.0.0.1:${ports[1]}.*Timeout' '$tmp/err'"
POLICY_SHARD_TIMEOUT=1 timeout 20 "$search" --db remote.stub --partial 新城 >"$tmp/out" 2>"$tmp/err"
check "with --partial a hung shard is left out and named" \
    bash -c "grep -q 'clauses' '$tmp/out' && grep -q 'shard 127.0.0.1:${ports[1]} left out' '$tmp/err'"
kill -CONT "${pids[1]}"

# Updates go to the file's own shard: a re-run after one file changes commits that shard only.
revisions() { for i in 0 1 2; do xapian-delve "split/shard-$i" | sed -n 's/^revision = //p'; done | tr '\n' ' '; }
before=$(revisions)
"$index" --db split docs 2>"$tmp/err"
check "a re-run of an unchanged sharded index commits nothing ($before -> $(revisions))" test "$before" = "$(revisions)"
echo "99.新增一条测试措施。（责任单位：市测试局）" >>docs/copy-001_688d1b3eb0656e61.txt
"$index" --db split docs 2>"$tmp/err"
after=$(revisions)
changed=0
for i in 0 1 2; do
    [ "$(echo "$before" | cut -d' ' -f$((i + 1)))" != "$(echo "$after" | cut -d' ' -f$((i + 1)))" ] && changed=$((changed + 1))
done
check "a changed file updates one shard ($before -> $after)" \
    bash -c "test $changed -eq 1 && grep -q '1 updated' '$tmp/err'"
"$index" --db one docs 2>/dev/null
same=$(same_as_one split)
check "after the update, the shards still answer as one index ($same)" test "$same" = yes
rm docs/copy-003_e042514a33c78a9d.txt
"$index" --db split docs 2>"$tmp/err"
check "a removed file is found in its shard" has "$tmp/err" "1 removed"

# --shard I/K builds one shard alone (K machines, one each): the same shard as --shards K.
"$index" --db alone --shard 1/3 docs 2>"$tmp/err"
cmp -s <(answer alone --json --limit 100 发展) <(answer split/shard-1 --json --limit 100 发展)
check "--shard 1/3 builds what --shards 3 keeps as shard-1" test $? -eq 0
"$index" --db alone docs 2>"$tmp/err"
check "a re-run on a shard's folder updates that shard only" \
    bash -c "grep -q '(shard 1 of 0-2)' '$tmp/err' && grep -q ' 0 removed' '$tmp/err'"
"$index" --db alone --shard 2/3 docs >"$tmp/out" 2>&1
rc=$?
check "another --shard on a shard's folder is refused (exit $rc)" \
    bash -c "test $rc -eq 2 && grep -q 'holds shard 1/3, not 2/3' '$tmp/out'"
"$index" --db one --shard 0/3 docs >"$tmp/out" 2>&1
rc=$?
check "--shard on an index of all files is refused (exit $rc)" \
    bash -c "test $rc -eq 2 && grep -q 'not shard 0/3' '$tmp/out'"
"$index" --db split --shards 4 docs >"$tmp/out" 2>&1
rc=$?
check "a sharded index is not split again (exit $rc)" bash -c "test $rc -eq 2 && grep -q 'holds 3 shards, not 4' '$tmp/out'"
"$index" --db one --shards 2 docs >"$tmp/out" 2>&1
rc=$?
check "--shards on an index of one database is refused (exit $rc)" test "$rc" -eq 2
"$index" --dump --shards 2 docs >"$tmp/out" 2>&1
rc=$?
check "--shards does not apply to --dump (exit $rc)" test "$rc" -eq 2

# Stubs that cannot be read: one line naming the stub and what is wrong, exit 1.
printf 'auto split/shard-0\nremote nowhere\n' >bad.stub
"$search" --db bad.stub 新城 >"$tmp/out" 2>&1
rc=$?
check "a stub line that is no HOST:PORT is named (exit $rc)" \
    bash -c "test $rc -eq 1 && grep -q 'bad.stub line 2: remote takes HOST:PORT' '$tmp/out' && test \$(wc -l <'$tmp/out') -eq 1"
printf 'auto split/shard-0\nauto split/shard-9\n' >gone.stub
"$search" --db gone.stub 新城 >"$tmp/out" 2>&1
rc=$?
check "a stub naming a missing database names it (exit $rc)" \
    bash -c "test $rc -eq 1 && grep -q 'shard split/shard-9: .*No such file' '$tmp/out'"
"$search" --db gone.stub --partial 新城 >"$tmp/out" 2>"$tmp/err"
rc=$?
check "with --partial a missing local shard is left out and named (exit $rc)" \
    bash -c "test $rc -eq 0 && grep -q 'shard split/shard-9 left out' '$tmp/err' && grep -q 'clauses' '$tmp/out'"
printf 'auto loop.stub\n' >loop.stub
timeout 10 "$search" --db loop.stub 新城 >"$tmp/out" 2>&1
rc=$?
check "a stub that names itself is refused, not followed forever (exit $rc)" \
    bash -c "test $rc -eq 1 && grep -q 'nested more than' '$tmp/out'"

# A shard keeps word positions, which a remote server answers phrases from. An index of one
# machine keeps none and checks phrases on its clause texts, which a remote server cannot do:
# through one, a single term is answered and a phrase refused, naming what to build instead.
check "a shard keeps positions, an index of one machine none" \
    bash -c "test -s split/shard-0/position.glass && ! test -s one/position.glass"
start_tcpsrv 3 one || { echo "Bail out! xapian-tcpsrv did not start"; exit 1; }
printf 'remote 127.0.0.1:%s\n' "${ports[3]}" >plain.stub
cmp -s <("$search" --db plain.stub --json --limit 100 新城 2>&1) <("$search" --db one --json --limit 100 新城 2>&1)
check "an index without positions, remote: a two-character word is answered as locally" test $? -eq 0
"$search" --db plain.stub 居住证积分 >"$tmp/out" 2>&1
rc=$?
check "an index without positions, remote: a longer word is refused, naming --shards (exit $rc)" \
    bash -c "test $rc -eq 1 && grep -q 'keeps no word positions.*--shards' '$tmp/out' && test \$(wc -l <'$tmp/out') -eq 1"

echo "1..$n"
[ "$failed" -eq 0 ]
