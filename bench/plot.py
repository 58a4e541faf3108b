#!/usr/bin/env python3
"""Draws `memowasm bench --json` output as an SVG bar chart: per workload, each engine's
median run time relative to plain (log scale, 1.0 = plain). No dependencies.

usage: python3 bench/plot.py RESULTS.json OUT.svg
"""
import json
import math
import statistics
import sys

COLORS = {"plain": "#888888", "memo": "#1f77b4", "memo-seed": "#ff7f0e", "wasmi": "#2ca02c"}


def main(src, dst):
    samples = [s for s in json.load(open(src)) if s.get("instructions") is None]
    workloads = list(dict.fromkeys(s["workload"] for s in samples))
    engines = list(dict.fromkeys(s["engine"] for s in samples))
    med = {}
    for w in workloads:
        for e in engines:
            runs = [s["run_ns"] for s in samples if s["workload"] == w and s["engine"] == e]
            if runs:
                med[w, e] = statistics.median(runs)
    ratios = {k: v / med[k[0], "plain"] for k, v in med.items() if med.get((k[0], "plain"))}
    lo = min([0.01] + list(ratios.values()))
    hi = max([10.0] + list(ratios.values()))
    lo_e, hi_e = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
    bar, gap, left, top, plot_h = 12, 14, 150, 40, 300
    width = left + len(workloads) * (len(engines) * bar + gap) + 20
    height = top + plot_h + 140

    def y(r):
        return top + plot_h * (hi_e - math.log10(r)) / (hi_e - lo_e)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="11">']
    out.append(f'<text x="{left}" y="20" font-size="14">Median run time relative to plain (log scale; lower is faster)</text>')
    for e10 in range(lo_e, hi_e + 1):
        r = 10 ** e10
        out.append(f'<line x1="{left}" x2="{width - 20}" y1="{y(r):.1f}" y2="{y(r):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y(r) + 4:.1f}" text-anchor="end">{r:g}x</text>')
    out.append(f'<line x1="{left}" x2="{width - 20}" y1="{y(1):.1f}" y2="{y(1):.1f}" stroke="#000"/>')
    x = left + gap / 2
    for w in workloads:
        for e in engines:
            r = ratios.get((w, e))
            if r:
                y0, y1 = sorted([y(1), y(r)])
                out.append(f'<rect x="{x:.1f}" y="{y0:.1f}" width="{bar - 1}" height="{max(y1 - y0, 1):.1f}" fill="{COLORS.get(e, "#999")}"><title>{w} {e}: {r:.3f}x plain</title></rect>')
            x += bar
        cx = x - len(engines) * bar / 2
        out.append(f'<text transform="translate({cx:.1f},{top + plot_h + 10}) rotate(45)">{w}</text>')
        x += gap
    lx = left
    for e in engines:
        out.append(f'<rect x="{lx}" y="{height - 20}" width="10" height="10" fill="{COLORS.get(e, "#999")}"/>')
        out.append(f'<text x="{lx + 14}" y="{height - 11}">{e}</text>')
        lx += 90
    out.append("</svg>")
    open(dst, "w").write("\n".join(out) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
