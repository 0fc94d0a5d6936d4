#!/usr/bin/env bash
# HTTP benchmark: policy-serve's /api/search against Omega (Xapian's CGI search front end, CJK
# n-gram database built by omindex, run by lighttpd's mod_cgi), on the same scaled corpus, with
# wrk at 1, 8 and 64 connections; then one run during which an indexer is killed with SIGKILL.
#   bench/serve.sh [N]      N copies of corpus/ (default 200, as bench/run.sh; 20 is a quick check)
# Environment: SERVE (policy-serve binary; default build-srv/server/ or build/server/),
# INDEX (default build/indexer/policy-index), SERVE_THREADS (--threads, default nproc),
# SERVE_WORK (default /tmp/policy-serve-bench), SERVE_DURATION (per run, default 10s),
# SERVE_CONNS (default "1 8 64"), WRK_THREADS (default 1: the machine has 2 cores and the
# servers need them), SERVE_EXTRA (copies of corpus/ the killed indexer adds, default 20),
# OMEGA_FMT (Omega template: "matches", a minimal one written here, or Omega's own "query").
# Prints a Markdown table and writes it to bench/serve-results.md. Everything it starts listens
# on 127.0.0.1 only and is stopped on exit. Each wrk run has a fixed length; before each, the
# script waits for an idle machine, at most SERVE_QUIET_WAIT seconds in all (default 120).
# Measured on the 2-core machine with other work on it: 7.7 minutes at N=200 (building the two
# indexes took 4.3 of them), 2-4 minutes at N=20.
set -eu
cd "$(dirname "$0")/.."
root=$PWD
N=${1:-200}
work=${SERVE_WORK:-/tmp/policy-serve-bench}
dur=${SERVE_DURATION:-10s}
conns=${SERVE_CONNS:-"1 8 64"}
wrk_threads=${WRK_THREADS:-1}
srv_threads=${SERVE_THREADS:-$(nproc)}
extra_copies=${SERVE_EXTRA:-20}
omega_fmt=${OMEGA_FMT:-matches}
queries=$root/tests/relevance/queries.tsv
lua=$root/bench/wrk-rotate.lua
out_md=$root/bench/serve-results.md
index=${INDEX:-build/indexer/policy-index}
serve=${SERVE:-}
if [ -z "$serve" ]; then
    for c in build-srv/server/policy-serve build/server/policy-serve; do
        if [ -x "$c" ]; then serve=$c; break; fi
    done
fi
if [ -z "$serve" ] || [ ! -x "$serve" ]; then
    echo "serve.sh: no policy-serve binary (build-srv/server/ or build/server/, or set SERVE);" \
        "measuring Omega only" >&2
    serve=""
fi

need="wrk lighttpd xapian-omega curl python3 time"
missing=""
for p in $need; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2
fi
[ -x "$index" ] || { echo "serve.sh: no indexer at $index (scripts/setup.sh builds it)" >&2; exit 1; }
omega_cgi=/usr/lib/cgi-bin/omega/omega

# --- everything started here is stopped on exit ----------------------------------------------
pids=""
cleanup() {
    local p
    for p in $pids; do
        kill "$p" 2>/dev/null || true
    done
    for p in $pids; do
        wait "$p" 2>/dev/null || true
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rm -rf "$work"
mkdir -p "$work/results"
res=$work/results
: >"$res/runs.tsv"

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
corpus() { # corpus N NAME: N copies of corpus/ under distinct names (as bench/run.sh)
    local d=$work/$2
    mkdir -p "$d"
    for i in $(seq 1 "$1"); do
        for f in corpus/*; do cp "$f" "$d/$(basename "$f" .txt)-$i.txt"; done
    done
    echo "$d"
}

# --- 1. the corpus and the two indexes --------------------------------------------------------
dir=$(corpus "$N" corpus-$N)
mb=$(du -sb "$dir" | awk '{ printf "%.1f", $1 / 1048576 }')
echo "== N=$N ($mb MB) in $work" >&2
db_ours=$work/ours-$N db_omega=$work/omega/data/default
start=$EPOCHREALTIME
"$index" --db "$db_ours" "$dir" >"$res/index.out" 2>"$res/index.err" \
    || { cat "$res/index.err" >&2; exit 1; }
echo "   policy-index: $(awk "BEGIN { printf \"%.1f\", $EPOCHREALTIME - $start }") s" >&2
mkdir -p "$work/omega/data" "$work/omega/templates" "$work/omega/log" "$work/www"
start=$EPOCHREALTIME
XAPIAN_CJK_NGRAM=1 omindex --db "$db_omega" --url / "$dir" >"$res/omindex.out" 2>&1 \
    || { tail "$res/omindex.out" >&2; exit 1; }
echo "   omindex: $(awk "BEGIN { printf \"%.1f\", $EPOCHREALTIME - $start }") s" >&2

# --- 2. the servers ---------------------------------------------------------------------------
# Omega: lighttpd runs the CGI once per request (Omega's usual deployment); it finds its
# configuration through OMEGA_CONFIG_FILE and parses CJK text as n-grams with XAPIAN_CJK_NGRAM,
# as omindex indexed it. "matches" prints what the JSON API returns: the match count and, per
# hit, its id, score, URL and a highlighted snippet of its sample ($snippet, Xapian's
# MSet::snippet, as Omega's own "query" template; $highlight cost 4 ms a hit, 40 ms a page).
cat >"$work/omega/templates/matches" <<'EOF'
$httpheader{Content-Type,text/plain; charset=utf-8}$if{$error,ERROR $error
}matches $msize
$hitlist{$id	$percentage%	$field{url}	$snippet{$field{sample}}
}
EOF
cp /usr/share/xapian-omega/templates/query "$work/omega/templates/query"
mkdir -p "$work/omega/templates/inc"
cp /usr/share/xapian-omega/templates/inc/* "$work/omega/templates/inc/"
cat >"$work/omega/omega.conf" <<EOF
database_dir $work/omega/data
template_dir $work/omega/templates
log_dir $work/omega/log
cdb_dir $work/omega/log
EOF
ln -s "$omega_cgi" "$work/www/omega"
omega_port=$(free_port)
cat >"$work/lighttpd.conf" <<EOF
server.modules = ("mod_cgi", "mod_setenv")
server.document-root = "$work/www"
server.bind = "127.0.0.1"
server.port = $omega_port
server.errorlog = "$work/omega/log/lighttpd-error.log"
server.follow-symlink = "enable"
server.max-connections = 1024
cgi.assign = ("/omega" => "")
setenv.add-environment = ("OMEGA_CONFIG_FILE" => "$work/omega/omega.conf", "XAPIAN_CJK_NGRAM" => "1")
EOF
lighttpd -D -f "$work/lighttpd.conf" >"$res/lighttpd.out" 2>&1 &
lighttpd_pid=$!
pids="$pids $lighttpd_pid"
omega_url=http://127.0.0.1:$omega_port
omega_prefix="/omega?FMT=$omega_fmt&DEFAULTOP=and&P="

serve_pid="" serve_url=""
if [ -n "$serve" ]; then
    # stdbuf: the "serving" line reaches the file at once even if stdout is fully buffered
    stdbuf -oL "$serve" --db "$db_ours" --listen 127.0.0.1:0 --threads "$srv_threads" \
        >"$res/serve.out" 2>"$res/serve.err" &
    serve_pid=$!
    pids="$serve_pid $pids"
    for _ in $(seq 1 300); do
        serve_url=$(sed -n 's|^policy-serve: serving .* at \(http://127\.0\.0\.1:[0-9]*\)/\?$|\1|p' \
            "$res/serve.out" | head -1)
        [ -n "$serve_url" ] && break
        kill -0 "$serve_pid" 2>/dev/null || break
        sleep 0.1
    done
    if [ -z "$serve_url" ]; then
        echo "serve.sh: policy-serve did not start:" >&2
        cat "$res/serve.out" "$res/serve.err" >&2
        exit 1
    fi
    echo "   policy-serve (pid $serve_pid, $srv_threads threads) at $serve_url" >&2
fi
serve_prefix="/api/search?limit=10&q="

for _ in $(seq 1 100); do # lighttpd up?
    curl -s -o /dev/null --max-time 2 "$omega_url/" && break
    sleep 0.1
done
echo "   Omega (lighttpd pid $lighttpd_pid) at $omega_url/omega" >&2

# Both answer before anything is timed: one query each, shown.
q1=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("低空经济"))')
code=$(curl -s -o "$res/omega-check.txt" -w '%{http_code}' --max-time 10 "$omega_url$omega_prefix$q1")
if [ "$code" != 200 ] || ! grep -q '^matches [1-9]' "$res/omega-check.txt"; then
    echo "serve.sh: Omega check failed (HTTP $code):" >&2
    head -c 2000 "$res/omega-check.txt" >&2
    tail "$work/omega/log/lighttpd-error.log" >&2 2>/dev/null || true
    exit 1
fi
echo "   Omega check: $(head -1 "$res/omega-check.txt") for 低空经济" >&2
if [ -n "$serve_pid" ]; then
    code=$(curl -s -o "$res/serve-check.json" -w '%{http_code}' --max-time 10 "$serve_url$serve_prefix$q1")
    if [ "$code" != 200 ]; then
        echo "serve.sh: policy-serve check failed (HTTP $code):" >&2
        head -c 2000 "$res/serve-check.json" >&2
        exit 1
    fi
    echo "   policy-serve check: $(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
print("total", r.get("total"), "results", len(r.get("results") or []))' "$res/serve-check.json") for 低空经济" >&2
fi

# --- 3. wrk -----------------------------------------------------------------------------------
# Memory and CPU, read from /proc with shell built-ins only (no process per sample).
page_kb=$(($(getconf PAGESIZE) / 1024)) hz=$(getconf CLK_TCK)
rss_sampler() { # rss_sampler PID STOPFILE: the peak, over samples every 0.2 s, of the summed
                # resident KB of PID and its children (lighttpd's CGI processes), until STOPFILE
    local peak=0 now p kids res
    while [ ! -e "$2" ] && [ -e "/proc/$1" ]; do
        now=0 kids=()
        read -r -a kids <"/proc/$1/task/$1/children" 2>/dev/null || true
        for p in "$1" "${kids[@]}"; do
            res=0
            { read -r _ res _ <"/proc/$p/statm"; } 2>/dev/null || true
            now=$((now + res * page_kb))
        done
        [ "$now" -gt "$peak" ] && peak=$now
        sleep 0.2
    done
    echo "$peak"
}
hwm() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
proc_ticks() { # proc_ticks PID: CPU ticks of PID and its reaped children (lighttpd's CGIs)
    local s a
    read -r s <"/proc/$1/stat" || { echo 0; return; }
    s=${s##*) }
    read -r -a a <<<"$s"
    echo $((a[11] + a[12] + a[13] + a[14]))
}
busy_ticks() { # CPU ticks all processors spent not idle, since boot
    local _cpu u n s i w q sq st
    read -r _cpu u n s i w q sq st _ </proc/stat
    echo $((u + n + s + q + sq + st))
}

# wait_quiet: before a run, wait until the machine is idle (under 0.25 processors busy over a
# second) -- other work on a 2-core machine halves the figures -- for at most SERVE_QUIET_WAIT
# seconds in the whole benchmark (default 120); a run that starts busy says so.
quiet_budget=${SERVE_QUIET_WAIT:-120}
wait_quiet() {
    local b0 b1
    while :; do
        b0=$(busy_ticks)
        sleep 1
        b1=$(busy_ticks)
        if [ $(((b1 - b0) * 4)) -lt "$hz" ]; then QUIET=yes; return; fi
        if [ "$quiet_budget" -le 0 ]; then QUIET=no; return; fi
        quiet_budget=$((quiet_budget - 1))
    done
}

# run_wrk ENGINE CONNS DURATION LABEL [nowait]: one wrk run; appends a line to runs.tsv: the RESULT of
# wrk-rotate.lua, peak RSS KB, VmHWM KB, and the CPU seconds of the server, of wrk, and of
# everything else on the machine (other processes and the kernel) during the run
run_wrk() {
    local engine=$1 c=$2 d=$3 label=$4 url prefix pid t stop sampler line
    case $engine in
    policy-serve) url=$serve_url prefix=$serve_prefix pid=$serve_pid ;;
    omega) url=$omega_url prefix=$omega_prefix pid=$lighttpd_pid ;;
    esac
    t=$wrk_threads
    [ "$t" -gt "$c" ] && t=$c
    stop=$res/stop-$label
    rm -f "$stop"
    [ "${5:-}" = nowait ] || wait_quiet
    rss_sampler "$pid" "$stop" >"$res/rss-$label" &
    sampler=$!
    local b0 p0 b1 p1
    b0=$(busy_ticks) p0=$(proc_ticks "$pid")
    /usr/bin/time -f '%U %S' -o "$res/wrk-$label.time" \
        timeout 120 wrk -t"$t" -c"$c" -d"$d" --timeout 10s --latency -s "$lua" "$url" \
        -- "$prefix" "$queries" >"$res/wrk-$label.txt" 2>&1 || true
    b1=$(busy_ticks) p1=$(proc_ticks "$pid")
    touch "$stop"
    wait "$sampler" || true
    line=$(grep '^RESULT ' "$res/wrk-$label.txt" || true)
    if [ -z "$line" ]; then
        echo "serve.sh: wrk failed ($label):" >&2
        cat "$res/wrk-$label.txt" >&2
        exit 1
    fi
    local cpu
    cpu=$(awk -v b=$((b1 - b0)) -v p=$((p1 - p0)) -v hz="$hz" -v q="$([ "$QUIET" = yes ] && echo 1 || echo 0)" '
        { w = $1 + $2; printf "server_cpu=%.2f wrk_cpu=%.2f other_cpu=%.2f quiet=%d", p / hz, w, b / hz - p / hz - w, q }' \
        "$res/wrk-$label.time")
    printf '%s\t%s\t%s\t%s %s\t%s\t%s\n' "$label" "$engine" "$c" "$line" "$cpu" \
        "$(cat "$res/rss-$label")" "$([ "$engine" = policy-serve ] && hwm "$pid" || echo 0)" \
        >>"$res/runs.tsv"
    echo "   [${SECONDS}s] $label: ${line#RESULT } $cpu" >&2
}

engines="omega"
[ -n "$serve_pid" ] && engines="policy-serve omega"
for engine in $engines; do # warm-up, not recorded: page cache, first-use allocations
    if [ "$engine" = policy-serve ]; then u=$serve_url p=$serve_prefix; else u=$omega_url p=$omega_prefix; fi
    timeout 30 wrk -t"$wrk_threads" -c8 -d3s -s "$lua" "$u" -- "$p" "$queries" >/dev/null 2>&1 || true
done
for engine in $engines; do
    for c in $conns; do
        run_wrk "$engine" "$c" "$dur" "$engine-c$c"
    done
done

# --- 4. an indexer killed with SIGKILL while policy-serve answers -----------------------------
: >"$res/kill.txt"
if [ -n "$serve_pid" ]; then
    check_queries=$(grep -v '^#' "$queries" | cut -f3 | head -40)
    answers() { # answers OUT: the result ids and totals of the check queries, one JSON line each
        local q i=0 d=$1.d
        mkdir -p "$d"
        while IFS= read -r q; do
            i=$((i + 1))
            printf '%s' "$q" >"$d/$i.q"
            curl -s --max-time 10 -o "$d/$i.json" -w '%{http_code}' -G --data-urlencode "q=$q" \
                --data limit=10 "$serve_url/api/search" >"$d/$i.code" || true
        done <<<"$check_queries"
        python3 - "$d" "$i" >"$1" <<'PY'
import json, os, sys
d, n = sys.argv[1], int(sys.argv[2])
for i in range(1, n + 1):
    q = open(os.path.join(d, f"{i}.q"), encoding="utf-8").read()
    code = open(os.path.join(d, f"{i}.code")).read().strip()
    try:
        r = json.load(open(os.path.join(d, f"{i}.json"), encoding="utf-8"))
        ids = [x.get("id", x.get("clause")) if isinstance(x, dict) else x for x in (r.get("results") or [])]
        print(json.dumps({"q": q, "http": code, "total": r.get("total"), "ids": ids}, ensure_ascii=False))
    except Exception as e:
        print(json.dumps({"q": q, "http": code, "error": str(e)[:100]}, ensure_ascii=False))
PY
    }
    extra=$(corpus "$extra_copies" extra)
    extra=$(cd "$extra" && for f in *; do mv "$f" "extra-$f"; done; pwd)
    extra_mb=$(du -sb "$extra" | awk '{ printf "%.1f", $1 / 1048576 }')
    answers "$res/before.jsonl"
    label=policy-serve-c8-kill
    wait_quiet
    run_wrk policy-serve 8 15s "$label" nowait &
    wrk_job=$!
    sleep 4
    setsid "$index" --db "$db_ours" "$extra" >"$res/kill-index.out" 2>"$res/kill-index.err" &
    ix=$!
    pids="$pids $ix"
    sleep "${SERVE_KILL_AFTER:-5}"
    if kill -0 "$ix" 2>/dev/null; then running=yes; else running=no; fi
    kill -9 -- "-$ix" 2>/dev/null || kill -9 "$ix" 2>/dev/null || true
    wait "$ix" 2>/dev/null && ix_status=0 || ix_status=$?
    wait "$wrk_job" || true
    answers "$res/after.jsonl"
    if cmp -s "$res/before.jsonl" "$res/after.jsonl"; then same=yes; else same=no; fi
    nq=$(wc -l <"$res/before.jsonl")
    bad=$(python3 -c '
import json, sys
n = 0
for f in sys.argv[1:]:
    for line in open(f, encoding="utf-8"):
        r = json.loads(line)
        n += r.get("http") != "200" or "error" in r
print(n)' "$res/before.jsonl" "$res/after.jsonl")
    printf 'extra_copies\t%s\nrunning_when_killed\t%s\nindexer_status\t%s\nextra_files\t%s\nextra_mb\t%s\nqueries\t%s\nsame\t%s\nbad_answers\t%s\nalive\t%s\n' \
        "$extra_copies" "$running" "$ix_status" "$(ls "$extra" | wc -l)" "$extra_mb" "$nq" "$same" "$bad" \
        "$(kill -0 "$serve_pid" 2>/dev/null && echo yes || echo no)" >"$res/kill.txt"
    echo "   [${SECONDS}s] kill test: indexer running when killed: $running (status $ix_status);" \
        "answers to $nq queries before = after: $same" >&2
    if [ "$same" = no ]; then diff "$res/before.jsonl" "$res/after.jsonl" | head -20 >&2; fi
fi

# --- 5. the table -----------------------------------------------------------------------------
python3 - "$res" "$N" "$mb" "$srv_threads" "$wrk_threads" "$dur" "$omega_fmt" "${serve:-none}" >"$out_md" <<'PY'
import datetime, os, platform, sys
res, n, mb, srv_threads, wrk_threads, dur, fmt, serve = sys.argv[1:]
runs = {}
for line in open(os.path.join(res, "runs.tsv"), encoding="utf-8"):
    label, engine, conns, result, rss, hwm = line.rstrip("\n").split("\t")
    kv = dict(x.split("=") for x in result.split()[1:])
    kv = {k: float(v) for k, v in kv.items()}
    kv["errors"] = sum(kv[k] for k in ("connect", "read", "write", "status", "timeout"))
    kv.update(engine=engine, conns=int(conns), rss=int(rss) / 1024, hwm=int(hwm) / 1024)
    runs[label] = kv
kill = {}
p = os.path.join(res, "kill.txt")
for line in open(p, encoding="utf-8") if os.path.exists(p) else []:
    k, v = line.rstrip("\n").split("\t")
    kill[k] = v

def errs(r):
    e = int(r["errors"])
    if not e:
        return "0"
    parts = [f"{k} {int(r[k])}" for k in ("status", "connect", "read", "write", "timeout") if r[k]]
    return f"{e} ({', '.join(parts)})"

out = []
w = out.append
w(f"Corpus: corpus/ x {n} = {mb} MB; queries: tests/relevance/queries.tsv (third column, "
  f"each request the next one). {datetime.date.today()}, {platform.machine()}, "
  f"{os.cpu_count()} cores, {platform.platform()}.")
w("")
w(f"wrk 4.1, {wrk_threads} thread(s) (at most one per connection), {dur} per run after a 3 s "
  f"warm-up, --timeout 10s. policy-serve: `{serve} --threads {srv_threads}`, "
  f"/api/search?limit=10&q=. Omega 1.4: lighttpd mod_cgi runs `omega` per request over "
  f"the omindex database (XAPIAN_CJK_NGRAM=1), ?DEFAULTOP=and&FMT={fmt}&P= (10 hits a page).")
w("")
w("| engine | connections | req/s | p50 ms | p99 ms | max ms | errors (non-2xx + socket) | RSS MB | CPU cores: server / wrk / rest of machine |")
w("|---|---|---|---|---|---|---|---|---|")
def cores(r):
    s = r["seconds"]
    return f"{r['server_cpu'] / s:.2f} / {r['wrk_cpu'] / s:.2f} / {max(r['other_cpu'], 0) / s:.2f}"
for label, r in runs.items():
    if label.endswith("-kill"):
        continue
    if r["engine"] == "policy-serve":
        rss = f"{r['rss']:.1f} (VmHWM {r['hwm']:.1f})"
    else:
        rss = f"{r['rss']:.1f} (lighttpd + CGI processes)"
    w(f"| {r['engine']}{'' if r['quiet'] else ' (machine busy at start)'} | {r['conns']} | {r['rps']:.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | "
      f"{r['max_ms']:.2f} | {errs(r)} | {rss} | {cores(r)} |")
k = runs.get("policy-serve-c8-kill")
if k:
    w(f"| policy-serve, indexer killed mid-run | 8 (15 s) | {k['rps']:.0f} | {k['p50_ms']:.2f} | "
      f"{k['p99_ms']:.2f} | {k['max_ms']:.2f} | {errs(k)} | {k['rss']:.1f} (VmHWM {k['hwm']:.1f}) | {cores(k)} (indexer in rest) |")
w("")
w("RSS: the peak of VmRSS sampled every 0.2 s during the run (policy-serve: VmHWM, its peak "
  "since start, after the run); Omega's is lighttpd's plus the CGI processes alive at a sample. "
  "CPU: seconds used per second of the run (of 2 on this machine): the server's (Omega: lighttpd and "
  "the CGI processes it reaped), wrk's, and the rest of the machine's (other processes and kernel "
  "work not charged to either: a figure well above 0.1 means something else competed for the "
  "processors and the run's figures are low).")
if kill:
    w("")
    w(f"Kill test: 4 s into the 15 s run, `policy-index --db` (same index) began adding "
      f"{kill['extra_files']} files ({kill['extra_mb']} MB, corpus/ x {kill['extra_copies']} "
      f"under new names); SIGKILL to its process group 5 s later "
      f"(still running then: {kill['running_when_killed']}; exit status {kill['indexer_status']}). "
      f"policy-serve alive afterwards: {kill['alive']}. The result ids and totals of "
      f"{kill['queries']} queries, before and after: {'identical' if kill['same'] == 'yes' else 'DIFFERENT'}"
      f"{'' if kill['bad_answers'] == '0' else ' (' + kill['bad_answers'] + ' answers were not HTTP 200 JSON)'}.")

w("")
w("| target | measured | |")
w("|---|---|---|")
def row(name, ok, text):
    w(f"| {name} | {text} | {'PASS' if ok else 'FAIL'} |")
ps = {r["conns"]: r for l, r in runs.items() if r["engine"] == "policy-serve" and not l.endswith("-kill")}
om = {r["conns"]: r for r in runs.values() if r["engine"] == "omega"}
if ps:
    allp = [r for l, r in runs.items() if r["engine"] == "policy-serve"]
    total_err = int(sum(r["errors"] for r in allp))
    total_req = int(sum(r["requests"] for r in allp))
    same_ok = (not kill) or (kill["same"] == "yes" and kill["bad_answers"] == "0")
    row("0 errors (every policy-serve run, the kill run included; same answers after the kill)",
        total_err == 0 and same_ok,
        f"{total_err} errors in {total_req} requests; answers after the kill "
        f"{'unchanged' if kill and kill['same'] == 'yes' else 'changed' if kill else 'not tested'}")
    if 64 in ps:
        row("p99 ≤ 25 ms at 64 connections", ps[64]["p99_ms"] <= 25, f"{ps[64]['p99_ms']:.2f} ms")
    if 1 in ps and 8 in ps:
        x = ps[8]["rps"] / ps[1]["rps"]
        row("throughput at 8 connections ≥ 1.6x at 1", x >= 1.6,
            f"{x:.2f}x ({ps[8]['rps']:.0f} / {ps[1]['rps']:.0f} req/s)")
    if 8 in ps and 8 in om:
        x = ps[8]["rps"] / om[8]["rps"]
        row("≥ 3x Omega's throughput at 8 connections", x >= 3,
            f"{x:.2f}x ({ps[8]['rps']:.0f} / {om[8]['rps']:.0f} req/s)")
    if 64 in ps:
        w("")
        w(f"At 64 connections wrk keeps 64 requests in flight (a closed loop), so the mean latency is "
          f"about 64 / throughput: {64 / ps[64]['rps'] * 1000:.0f} ms at the measured "
          f"{ps[64]['rps']:.0f} req/s. A p99 of 25 ms at 64 connections needs at least "
          f"{64 / 0.025:.0f} req/s, i.e. under {2 * 0.025 / 64 * 1000:.2f} ms of CPU per request "
          f"on 2 cores.")
else:
    w("| (policy-serve not measured: no binary) | | |")
print("\n".join(out))
PY
cat "$out_md"
