#!/usr/bin/env python3
"""Turns benchmark output into Results/results.md (tables) and Results/throughput.svg (bar chart).

Inputs:
  Results/compare.json      written by `VerifyKitCompare --output` (interleaved rounds, one process):
                            ops/s of the raw primitive, VerifyKit and jwt-kit, and in-round ratios.
  Results/p90/*.json        written by `swift package benchmark --format metricP90AbsoluteThresholds`
                            (p90 per metric; same files as `thresholds update` writes to Thresholds/):
                            allocations and peak memory per benchmark. Falls back to Thresholds/.

Usage: python3 scripts/report.py [--compare Results/compare.json] [--thresholds Results/p90]
                                 [--out Results] [--note TEXT]
No third-party packages: the SVG is written by hand.
"""
import argparse
import glob
import json
import os
import sys
from xml.sax.saxutils import escape

# Issue 5 targets: end-to-end / raw and VerifyKit / jwt-kit.
RAW_TARGET = {"EdDSA": 0.95, "RS256-2048": 0.90, "RS512-2048": 0.90, "ES256": 0.95, "HS256": 0.50}
PEER_TARGET = {"EdDSA": 1.4, "RS256-2048": 1.5, "RS512-2048": 1.5, "RS512-4096": 1.05, "HS256": 2.0}


def load_thresholds(directory):
    """{benchmark name: {metric: p90 value}} from package-benchmark's static threshold files."""
    found = {}
    for path in sorted(glob.glob(os.path.join(directory, "*.json"))):
        base = os.path.basename(path)[: -len(".json")]
        # File names look like "<Target>.<Benchmark name>.p90"
        parts = base.split(".", 1)
        name = parts[1] if len(parts) == 2 else base
        if name.endswith(".p90"):
            name = name[: -len(".p90")]
        name = name.replace("_", " ")  # package-benchmark writes spaces as underscores
        with open(path) as handle:
            try:
                found[name] = json.load(handle)
            except json.JSONDecodeError:
                continue
    return found


def fmt_rate(value):
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def fmt_ratio(value, target=None):
    text = f"{value:.2f}"
    if target is not None:
        text += " ✅" if value >= target else f" ❌ (target {target})"
    return text


def metric(thresholds, name, key):
    value = thresholds.get(name, {}).get(key)
    return "–" if value is None else f"{value:,}"


def markdown(compare, thresholds, note):
    lines = []
    lines.append("# VerifyKit benchmark results")
    lines.append("")
    lines.append(
        f"Interleaved in one process: {compare['rounds']} rounds × {compare['slice_seconds']} s slices per "
        f"implementation, order rotated each round; medians shown, ratios are medians of per-round ratios. "
        f"{compare['processors']} cores; load average at the end {compare['load_average_at_end']}."
    )
    if note:
        lines.append("")
        lines.append(f"Note: {note}")
    lines.append("")
    lines.append(
        "| algorithm | raw primitive ops/s | VerifyKit ops/s | jwt-kit ops/s | VerifyKit / raw | "
        "VerifyKit / jwt-kit | mallocs per verify (VerifyKit / jwt-kit) |"
    )
    lines.append("|---|---:|---:|---:|---:|---:|---:|")
    for row in compare["results"]:
        alg = row["alg"]
        mallocs = (
            f"{metric(thresholds, alg + ' VerifyKit', 'mallocCountTotal')} / "
            f"{metric(thresholds, alg + ' jwt-kit', 'mallocCountTotal')}"
        )
        lines.append(
            f"| {alg} | {fmt_rate(row['raw_per_s'])} | {fmt_rate(row['verifykit_per_s'])} | "
            f"{fmt_rate(row['jwtkit_per_s'])} | {fmt_ratio(row['verifykit_vs_raw'], RAW_TARGET.get(alg))} | "
            f"{fmt_ratio(row['verifykit_vs_jwtkit'], PEER_TARGET.get(alg))} | {mallocs} |"
        )
    extras = compare.get("extras", {})
    if extras:
        lines.append("")
        lines.append("| other measure | value |")
        lines.append("|---|---:|")
        rows = [
            ("cache hit, same token (verifies/s, 1 thread)", "cache_hit_same_token_per_s", fmt_rate),
            ("cache hit, 4096 tokens cycling (verifies/s, 1 thread)", "cache_hit_4096_tokens_per_s", fmt_rate),
            ("parse only, unverified decode (ops/s)", "parse_only_per_s", fmt_rate),
            ("base64url decode, VerifyKit (MB/s)", "base64url_decode_mb_per_s", fmt_rate),
            ("base64 decode, Foundation after translating (MB/s)", "foundation_base64_decode_mb_per_s", fmt_rate),
            ("batch EdDSA, 1 worker (verifies/s)", "batch_1_worker_per_s", fmt_rate),
            ("batch EdDSA, N workers (verifies/s)", "batch_n_workers_per_s", fmt_rate),
            ("batch scaling: N-worker rate / (N × 1-worker rate)", "batch_scaling_vs_n_times_single",
             lambda v: f"{v:.2f}"),
        ]
        for label, key, render in rows:
            if key in extras:
                lines.append(f"| {label} | {render(extras[key])} |")
        if "batch_workers" in extras:
            lines.append(f"| batch workers (N) | {extras['batch_workers']} |")
    if thresholds:
        lines.append("")
        lines.append("package-benchmark, run separately (not interleaved): p90 per benchmark:")
        lines.append("")
        lines.append("| benchmark | ops/s | mallocs | peak resident memory (MB) |")
        lines.append("|---|---:|---:|---:|")
        for name in sorted(thresholds):
            values = thresholds[name]
            peak = values.get("peakMemoryResident")
            lines.append(
                f"| {name} | {metric(thresholds, name, 'throughput')} | "
                f"{metric(thresholds, name, 'mallocCountTotal')} | "
                f"{'–' if peak is None else f'{peak / 1e6:.1f}'} |"
            )
    lines.append("")
    lines.append("![ops/s per algorithm](throughput.svg)")
    lines.append("")
    return "\n".join(lines)


def svg_chart(compare):
    """Grouped horizontal bars on a log scale: raw primitive, VerifyKit, jwt-kit per algorithm."""
    import math

    series = [("raw primitive", "raw_per_s", "#9e9e9e"), ("VerifyKit", "verifykit_per_s", "#1565c0"),
              ("jwt-kit", "jwtkit_per_s", "#ef6c00")]
    rows = compare["results"]
    bar, gap, group_gap = 14, 2, 16
    left, right, top = 110, 170, 50
    plot_width = 520
    group_height = len(series) * (bar + gap) + group_gap
    height = top + len(rows) * group_height + 40
    width = left + plot_width + right
    values = [row[key] for row in rows for _, key, _ in series if row[key] > 0]
    low = 10 ** math.floor(math.log10(min(values)))
    high = 10 ** math.ceil(math.log10(max(values)))

    def x(value):
        return left + plot_width * (math.log10(max(value, low)) - math.log10(low)) / (
            math.log10(high) - math.log10(low))

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'font-family="Helvetica, Arial, sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{left}" y="20" font-size="14" font-weight="bold">Verifications per second '
        f'(log scale, higher is better)</text>',
    ]
    for index, (label, _, color) in enumerate(series):
        lx = left + index * 130
        out.append(f'<rect x="{lx}" y="30" width="12" height="12" fill="{color}"/>')
        out.append(f'<text x="{lx + 16}" y="40">{escape(label)}</text>')
    decade = low
    while decade <= high:
        gx = x(decade)
        out.append(f'<line x1="{gx:.1f}" y1="{top - 4}" x2="{gx:.1f}" y2="{height - 30}" stroke="#e0e0e0"/>')
        out.append(f'<text x="{gx:.1f}" y="{height - 14}" text-anchor="middle" fill="#616161">'
                   f'{decade:,.0f}</text>')
        decade *= 10
    for row_index, row in enumerate(rows):
        y0 = top + row_index * group_height
        mid = y0 + len(series) * (bar + gap) / 2
        out.append(f'<text x="{left - 8}" y="{mid + 4:.1f}" text-anchor="end" font-weight="bold">'
                   f'{escape(row["alg"])}</text>')
        for series_index, (label, key, color) in enumerate(series):
            y = y0 + series_index * (bar + gap)
            value = row[key]
            end = x(value)
            out.append(f'<rect x="{left}" y="{y}" width="{max(end - left, 1):.1f}" height="{bar}" '
                       f'fill="{color}"><title>{escape(label)}: {value:,.0f}/s</title></rect>')
            out.append(f'<text x="{end + 4:.1f}" y="{y + bar - 3}" fill="#212121">{value:,.0f}/s</text>')
        ratio = row["verifykit_vs_raw"]
        out.append(f'<text x="{left + plot_width + 80}" y="{mid + 4:.1f}" fill="#1565c0">'
                   f'{ratio:.2f}× raw, {row["verifykit_vs_jwtkit"]:.2f}× jwt-kit</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--compare", default=os.path.join(here, "Results", "compare.json"))
    p90 = os.path.join(here, "Results", "p90")
    parser.add_argument("--thresholds", default=p90 if os.path.isdir(p90) else os.path.join(here, "Thresholds"))
    parser.add_argument("--out", default=os.path.join(here, "Results"))
    parser.add_argument("--note", default="")
    args = parser.parse_args()
    with open(args.compare) as handle:
        compare = json.load(handle)
    thresholds = load_thresholds(args.thresholds) if os.path.isdir(args.thresholds) else {}
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "results.md"), "w") as handle:
        handle.write(markdown(compare, thresholds, args.note))
    with open(os.path.join(args.out, "throughput.svg"), "w") as handle:
        handle.write(svg_chart(compare))
    print(f"wrote {args.out}/results.md and {args.out}/throughput.svg", file=sys.stderr)


if __name__ == "__main__":
    main()
