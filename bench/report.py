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
    builds[(e, int(n))] = dict(mb=float(mb), wall=float(wall), peak=int(peak) / 1024,
                               size=int(size) / 1048576, compact=int(compact) / 1048576)

# name, value function, lower is better
cols = [("build s", lambda e: builds[(e, N)]["wall"], True),
        ("MB/s", lambda e: builds[(e, N)]["mb"] / builds[(e, N)]["wall"], False),
        ("peak RSS MB, all processes", lambda e: builds[(e, N)]["peak"], True),
        ("index MB", lambda e: builds[(e, N)]["size"], True),
        ("compacted MB", lambda e: builds[(e, N)]["compact"], True)]
for label, f in [("in-process", f"inproc-{{}}-{N}.tsv"), ("per process", "proc-{}.tsv")]:
    for p in (50, 95, 100):
        cols.append((f"{label} {'max' if p == 100 else 'p%d' % p} ms",
                     (lambda f, p: lambda e: pct([ms for _, ms in latencies(f.format(e))], p))(f, p),
                     True))

engines = [e for e in ENGINES if (e, N) in builds]
lines = []
mb = builds[(engines[0], N)]["mb"]
lines.append(f"Corpus: corpus/ x {N} = {mb:.1f} MB; queries: tests/relevance/queries.tsv "
             f"({len(latencies(f'inproc-ours-{N}.tsv'))}, every kind). Machine: {platform.machine()}, "
             f"{os.cpu_count()} cores, {platform.platform()}.")
lines.append("")
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
lines.append("")
lines.append("Scaling (build seconds, in-process p95 ms):")
lines.append("")
lines.append("| engine | " + " | ".join(f"N={n} ({builds[(engines[0], n)]['mb']:.0f} MB)"
                                       for n in sorted({n for _, n in builds})) + " |")
lines.append("|---|" + "---|" * len({n for _, n in builds}))
for e in ENGINES:
    cells = []
    for n in sorted({n for _, n in builds}):
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
    for n in sorted({n for _, n in builds}):
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
