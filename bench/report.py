#!/usr/bin/env python3
"""Formats bench/run.sh's measurements: a Markdown table with ratios to the best peer per
column (bench/results.md, also printed) and two gnuplot charts: p95 latency per query kind
(bench/latency.png) and build time and p95 against corpus size (bench/scaling.png).
usage: report.py RESULTS_DIR N OUT_DIR"""
import collections, os, platform, subprocess, sys

res, N, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
ENGINES = ["ours", "omindex", "fts5"]
NAMES = {"ours": "policy-search", "omindex": "Xapian CJK n-gram (omindex/quest)",
         "fts5": "SQLite FTS5 trigram"}

def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))] if v else float("nan")

def latencies(name):
    path = os.path.join(res, name)
    rows = []
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            kind, ms, _ = line.rstrip("\n").split("\t", 2)
            rows.append((kind, float(ms)))
    return rows

builds = {}
for line in open(os.path.join(res, "builds.tsv")):
    e, n, mb, wall, peak, size, compact = line.split()
    builds[(e, n if n == "real" else int(n))] = dict(
        mb=float(mb), wall=float(wall), peak=int(peak) / 1024, size=int(size) / 1048576,
        compact=int(compact) / 1048576)

def columns(n):
    """name, value function, lower is better: the table's columns for corpus n."""
    cols = [("build s", lambda e: builds[(e, n)]["wall"], True),
            ("MB/s", lambda e: builds[(e, n)]["mb"] / builds[(e, n)]["wall"], False),
            ("peak RSS MB, all processes", lambda e: builds[(e, n)]["peak"], True),
            ("index MB", lambda e: builds[(e, n)]["size"], True),
            ("compacted MB", lambda e: builds[(e, n)]["compact"], True)]
    runs = [("in-process", f"inproc-{{}}-{n}.tsv")]
    if n == N:
        runs.append(("per process", "proc-{}.tsv"))
    for label, f in runs:
        for p in (50, 95, 100):
            cols.append((f"{label} {'max' if p == 100 else 'p%d' % p} ms",
                         (lambda f, p: lambda e: pct([ms for _, ms in latencies(f.format(e))], p))(f, p),
                         True))
    return cols

def table(n, lines):
    """The engines' figures on corpus n, and ours against the best peer and against FTS5."""
    cols = columns(n)
    engines = [e for e in ENGINES if (e, n) in builds]
    lines.append("| engine | " + " | ".join(c[0] for c in cols) + " |")
    lines.append("|---|" + "---|" * len(cols))
    values = {e: [c[1](e) for c in cols] for e in engines}
    for e in engines:
        lines.append(f"| {NAMES[e]} | " + " | ".join(f"{v:.2f}" for v in values[e]) + " |")
    peers = [e for e in engines if e != "ours"]
    if "ours" in values and peers:
        ratio = []
        for i, (_, _, lower) in enumerate(cols):
            best = (min if lower else max)(values[p][i] for p in peers)
            ratio.append(values["ours"][i] / best if best else float("nan"))
        lines.append("| policy-search / best peer | " + " | ".join(f"{r:.2f}x" for r in ratio) + " |")
    if "ours" in values and "fts5" in values:
        lines.append("| policy-search / FTS5 | " + " | ".join(
            f"{o / f:.2f}x" if f else "-" for o, f in zip(values["ours"], values["fts5"])) + " |")
    lines.append("")
    return {e: dict(zip((c[0] for c in cols), values[e])) for e in engines}

lines = []
engines = [e for e in ENGINES if (e, N) in builds]
mb = builds[(engines[0], N)]["mb"]
lines.append(f"Corpus: corpus/ x {N} = {mb:.1f} MB; queries: tests/relevance/queries.tsv "
             f"({len(latencies(f'inproc-ours-{N}.tsv'))}, every kind). Machine: {platform.machine()}, "
             f"{os.cpu_count()} cores, {platform.platform()}. FTS5 returns, as policy-search does, "
             f"the ranked top ten with their text and a snippet.")
lines.append("")
seed = table(N, lines)
real = None
if ("ours", "real") in builds:
    lines.append(f"Distinct real documents: corpus/ and bench/wild/ (19 documents of many issuers), "
                 f"replicated to {builds[('ours', 'real')]['mb']:.1f} MB; the same queries, in process.")
    lines.append("")
    real = table("real", lines)

# The targets of the second performance round, as ratios to FTS5 in this run.
def target_rows(fig, corpus_mb, label):
    o, f = fig["ours"], fig["fts5"]
    rows = [("build MB/s", o["MB/s"] / f["MB/s"], ">= 1.0x FTS5", o["MB/s"] / f["MB/s"] >= 1.0),
            ("index size, compacted", o["compacted MB"] / f["compacted MB"], "<= 1.0x FTS5",
             o["compacted MB"] <= f["compacted MB"]),
            ("index size / corpus", o["compacted MB"] / corpus_mb, "<= 3x", o["compacted MB"] <= 3 * corpus_mb),
            ("in-process p50", o["in-process p50 ms"] / f["in-process p50 ms"], "<= 1.0x FTS5",
             o["in-process p50 ms"] <= f["in-process p50 ms"]),
            ("in-process p95", o["in-process p95 ms"] / f["in-process p95 ms"], "<= 0.5x FTS5",
             o["in-process p95 ms"] <= 0.5 * f["in-process p95 ms"])]
    if "per process p50 ms" in o:
        rows.append(("per-process p50", o["per process p50 ms"] / f["per process p50 ms"],
                     "<= 1.0x FTS5's sqlite3", o["per process p50 ms"] <= f["per process p50 ms"]))
    rows.append(("peak memory", o["peak RSS MB, all processes"], "<= 256 MB",
                 o["peak RSS MB, all processes"] <= 256))
    return [(label, *r) for r in rows]

if all(("ours", k) in builds and ("fts5", k) in builds for k in [N]):
    rows = target_rows(seed, builds[("ours", N)]["mb"], f"corpus/ x {N}")
    if real and "fts5" in real:
        rows += target_rows(real, builds[("ours", "real")]["mb"], "real documents")
    lines.append("Targets (ratios to FTS5 in this run):")
    lines.append("")
    lines.append("| corpus | column | policy-search | target | |")
    lines.append("|---|---|---|---|---|")
    for corpus, col, v, target, ok in rows:
        shown = f"{v:.0f} MB" if col == "peak memory" else f"{v:.2f}x"
        lines.append(f"| {corpus} | {col} | {shown} | {target} | {'met' if ok else 'not met'} |")
    ns = sorted(n for e, n in builds if e == "ours" and n != "real")
    per_mb = [builds[("ours", n)]["wall"] / builds[("ours", n)]["mb"] for n in ns]
    lines.append("| corpus/ x N | build s per MB at N = " + ", ".join(map(str, ns)) + " | " +
                 ", ".join(f"{v:.2f}" for v in per_mb) + " | linear (flat) | " +
                 ("met" if max(per_mb) <= 1.25 * min(per_mb) else "not met") + " |")
    lines.append("")
lines.append("Scaling (build seconds, in-process p95 ms):")
lines.append("")
sizes = sorted({n for _, n in builds if n != "real"})
lines.append("| engine | " + " | ".join(f"N={n} ({builds[(engines[0], n)]['mb']:.0f} MB)"
                                       for n in sizes) + " |")
lines.append("|---|" + "---|" * len(sizes))
for e in ENGINES:
    cells = []
    for n in sizes:
        if (e, n) in builds:
            p95 = pct([ms for _, ms in latencies(f"inproc-{e}-{n}.tsv")], 95)
            cells.append(f"{builds[(e, n)]['wall']:.1f} s, {p95:.2f} ms")
        else:
            cells.append("skipped")
    lines.append(f"| {NAMES[e]} | " + " | ".join(cells) + " |")
text = "\n".join(lines) + "\n"
open(os.path.join(out, "results.md"), "w").write(text)
print(text)

# Charts.
kinds = sorted({k for k, _ in latencies(f"inproc-ours-{N}.tsv")})
with open(os.path.join(res, "kinds.dat"), "w") as f:
    for k in kinds:
        row = [pct([ms for kk, ms in latencies(f"inproc-{e}-{N}.tsv") if kk == k], 95) for e in ENGINES]
        f.write(k + " " + " ".join(f"{v:.3f}" for v in row) + "\n")
with open(os.path.join(res, "scaling.dat"), "w") as f:
    for n in sizes:
        row = [str(builds[(ENGINES[0], n)]["mb"])]
        for e in ENGINES:
            if (e, n) in builds:
                row += [f"{builds[(e, n)]['wall']:.2f}",
                        f"{pct([ms for _, ms in latencies(f'inproc-{e}-{n}.tsv')], 95):.3f}"]
            else:
                row += ["NaN", "NaN"]
        f.write(" ".join(row) + "\n")
gp = f"""
set terminal pngcairo size 1000,500 font ',10'
set output '{out}/latency.png'
set title 'In-process query latency p95 by query kind, N={N}'
set ylabel 'ms (log)'
set logscale y
set style data histograms
set style fill solid 0.8 border -1
set boxwidth 0.9
set xtics rotate by -30
plot '{res}/kinds.dat' using 2:xtic(1) title 'policy-search', '' using 3 title 'Xapian CJK n-gram', '' using 4 title 'FTS5 trigram'
set output '{out}/scaling.png'
set multiplot layout 1,2 title 'Cost against corpus size'
unset logscale y
set title 'Build time'

set xlabel 'corpus MB'
set ylabel 'build seconds'
set style data linespoints
set xtics norotate
plot '{res}/scaling.dat' using 1:2 title 'policy-search', '' using 1:4 title 'Xapian CJK n-gram', '' using 1:6 title 'FTS5 trigram'
set ylabel 'in-process p95 ms'
set title 'In-process query latency p95'
plot '{res}/scaling.dat' using 1:3 title 'policy-search', '' using 1:5 title 'Xapian CJK n-gram', '' using 1:7 title 'FTS5 trigram'
unset multiplot
"""
subprocess.run(["gnuplot"], input=gp, text=True, check=False)
