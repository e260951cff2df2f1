#!/usr/bin/env python3
"""Turns benchmark output into Results/results.md (tables) and Results/throughput.svg (bar chart).

Inputs:
  Results/compare.json      written by `VerifyKitCompare --output` (interleaved triples, one process):
                            ops/s of the raw primitive, VerifyKit and jwt-kit, and per-triple ratios.
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
import subprocess
import sys
from xml.sax.saxutils import escape

# Issue 5 targets: end-to-end / raw and VerifyKit / jwt-kit.
RAW_TARGET = {"EdDSA": 0.95, "RS256-2048": 0.90, "RS512-2048": 0.90, "ES256": 0.95, "HS256": 0.50}
PEER_TARGET = {"EdDSA": 1.4, "RS256-2048": 1.5, "RS512-2048": 1.5, "RS512-4096": 1.05, "HS256": 2.0}
CACHE_HIT_TARGET = 1_000_000
# Allocations VerifyKit adds to the primitive's own per verify (the raw-primitive row is the
# baseline: what the primitive allocates itself, plus the harness's 0.02 per operation).
ADDED_MALLOCS_TARGET = {"EdDSA": 10, "RS512-2048": 10}
BATCH_SCALING_TARGET = 0.9

# Benchmarks whose measured iteration runs many operations (package-benchmark's scalingFactor): their
# exported p90 throughput and mallocs are per iteration and are divided back to per operation here.
# Benchmarks that run 1000 operations per measured iteration (see VerifyKitBenchmarks.swift).
SCALING = {"EdDSA VerifyKit cache hit": 1000, "EdDSA VerifyKit parse only": 1000}
for _alg in ["EdDSA", "RS256-2048", "RS512-2048", "RS256-4096", "RS512-4096", "ES256", "HS256"]:
    for _impl in ["raw primitive", "VerifyKit", "jwt-kit"]:
        SCALING[f"{_alg} {_impl}"] = 1000


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
                values = json.load(handle)
            except json.JSONDecodeError:
                continue
        scale = SCALING.get(name, 1)
        if scale != 1:
            if "throughput" in values:
                values["throughput"] = values["throughput"] * scale
            if "mallocCountTotal" in values:
                values["mallocCountTotal"] = round(values["mallocCountTotal"] / scale, 3)
        found[name] = values
    return found


def fmt_rate(value):
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def fmt_ratio(value, target=None):
    text = f"{value:.3f}"
    if target is not None:
        text += " ✅" if value >= target else f" ❌ (target {target})"
    return text


def metric(thresholds, name, key):
    value = thresholds.get(name, {}).get(key)
    if value is None:
        return "–"
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.3f}"


def source_revision():
    """The commit the run measured (and whether the work tree differed from it), so a stale table shows."""
    def git(*args):
        try:
            return subprocess.run(["git", *args], capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return ""
    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return "unknown revision (not a git checkout)"
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", "../Sources", "../Package.swift", "Sources", "Benchmarks")
    return f"commit {commit}" + (" plus uncommitted changes" if dirty else "")


def markdown(compare, thresholds, note):
    lines = []
    lines.append("# VerifyKit benchmark results")
    lines.append("")
    lines.append(
        f"Interleaved in one process: {compare['rounds']} rounds × {compare.get('triples_per_round', 1)} "
        f"triples per algorithm of fixed-count slices of about {compare['slice_seconds']} s (raw, VerifyKit, "
        f"jwt-kit; order rotated each triple); medians shown, ratios are medians of per-triple ratios, each "
        f"taken from slices milliseconds apart. "
        f"{compare['processors']} cores; 1-minute load average {compare.get('load_average_at_start', '?')} at the "
        f"start, {compare['load_average_at_end']} at the end (the machine is shared: absolute numbers move with "
        f"the load, per-triple ratios much less)."
    )
    lines.append("")
    lines.append(f"Code measured: {source_revision()}.")
    if note:
        lines.append("")
        lines.append(f"Note: {note}")
    lines.append("")
    lines.append(
        "| algorithm | raw primitive ops/s | VerifyKit ops/s | jwt-kit ops/s | VerifyKit / raw | "
        "VerifyKit / jwt-kit | mallocs per verify (VerifyKit / raw primitive / jwt-kit) |"
    )
    lines.append("|---|---:|---:|---:|---:|---:|---:|")
    for row in compare["results"]:
        alg = row["alg"]
        mallocs = (
            f"{metric(thresholds, alg + ' VerifyKit', 'mallocCountTotal')} / "
            f"{metric(thresholds, alg + ' raw primitive', 'mallocCountTotal')} / "
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
        def rate_vs(target):
            return lambda v: f"{fmt_rate(v)} {'✅' if v >= target else f'❌ (target {target:,})'}"

        rows = [
            ("cache hit, same token (verifies/s, 1 thread)", "cache_hit_same_token_per_s",
             rate_vs(CACHE_HIT_TARGET)),
            ("cache hit, 4096 tokens cycling (verifies/s, 1 thread)", "cache_hit_4096_tokens_per_s",
             rate_vs(CACHE_HIT_TARGET)),
            ("parse only, unverified decode (ops/s)", "parse_only_per_s", fmt_rate),
            ("base64url decode, VerifyKit (MB/s)", "base64url_decode_mb_per_s", fmt_rate),
            ("base64 decode, Foundation after translating (MB/s)", "foundation_base64_decode_mb_per_s", fmt_rate),
            ("batch EdDSA, 1 worker (verifies/s)", "batch_1_worker_per_s", fmt_rate),
            ("batch EdDSA, N workers (verifies/s)", "batch_n_workers_per_s", fmt_rate),
            ("batch scaling: N-worker rate / (N × 1-worker rate), median of back-to-back pairs", "batch_scaling_vs_n_times_single",
             lambda v: fmt_ratio(v, BATCH_SCALING_TARGET)),
            ("batch scaling, best pair (least disturbed by other processes)", "batch_scaling_best_pair",
             lambda v: fmt_ratio(v, BATCH_SCALING_TARGET)),
            ("batch tokens per CPU-second, N workers / 1 worker (1.00 = workers never slow each other)",
             "batch_per_cpu_second_n_vs_1", lambda v: f"{v:.2f}"),
            ("bare primitive on N threads / (N × 1 thread), median pair (this machine's own scaling)",
             "raw_thread_scaling_vs_n_times_single", lambda v: f"{v:.2f}"),
            ("batch scaling ÷ bare-primitive scaling, median of per-pair ratios",
             "batch_scaling_vs_raw_thread_scaling", lambda v: f"{v:.2f}"),
        ]
        for label, key, render in rows:
            if key in extras:
                lines.append(f"| {label} | {render(extras[key])} |")
        if "batch_workers" in extras:
            lines.append(f"| batch workers (N) | {extras['batch_workers']} |")
    floor = compare.get("hs256_floor", {})
    if floor:
        lines.append(
            "| HS256 into registered claims only (`keys.verify(token)`, no `Codable`) ÷ raw HMAC | "
            f"{floor['hs256_registered_vs_raw']:.3f} |"
        )
        lines.append(
            "| `Codable` floor: the five-field claims struct from a decoder of constants (ns; ÷ raw HMAC time) | "
            f"{floor['codable_floor_ns']:.0f} ({floor['codable_floor_vs_raw_hmac']:.2f}) |"
        )
        lines.append(
            "| HS256 ceiling with `Codable` claims: raw ÷ (raw + floor), all else free | "
            f"{floor['hs256_codable_ceiling']:.3f} |"
        )
    for alg, target in ADDED_MALLOCS_TARGET.items():
        ours = thresholds.get(f"{alg} VerifyKit", {}).get("mallocCountTotal")
        raw = thresholds.get(f"{alg} raw primitive", {}).get("mallocCountTotal")
        if ours is None or raw is None:
            continue
        added = ours - raw
        mark = "✅" if added <= target else f"❌ (target ≤ {target})"
        lines.append(
            f"| mallocs VerifyKit adds per verify, {alg} (VerifyKit − raw primitive, p90 counts) | "
            f"{added:g} {mark} |"
        )
    if thresholds:
        lines.append("")
        lines.append(
            "package-benchmark, run separately (not interleaved, so only comparable within a row): p90 per "
            "benchmark; for throughput the p90 is the slow end. Verifications, cache hits and parse-only: 1000 "
            "operations per measured iteration, shown per operation (mallocs per verify include the "
            "harness's 0.02)."
        )
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


def nice_ticks(low_value, high_value):
    """Log-axis bounds and ticks on the 1-2-5 sequence that enclose the data with a little room."""
    import math

    steps = []
    for exponent in range(int(math.floor(math.log10(low_value))) - 1, int(math.ceil(math.log10(high_value))) + 2):
        for mantissa in (1, 2, 5):
            steps.append(mantissa * 10 ** exponent)
    low = max(step for step in steps if step <= low_value * 0.8)
    high = min(step for step in steps if step >= high_value * 1.05)
    return low, high, [step for step in steps if low <= step <= high]


def fmt_tick(value):
    if value >= 1_000_000:
        return f"{value / 1_000_000:g}M"
    if value >= 1_000:
        return f"{value / 1_000:g}k"
    return f"{value:g}"


def svg_chart(compare):
    """Grouped horizontal bars on a log scale: raw primitive, VerifyKit, jwt-kit per algorithm, with
    VerifyKit's per-triple ratios in a column of their own (green when the issue's target is met)."""
    import math

    series = [("raw primitive", "raw_per_s", "#9e9e9e"), ("VerifyKit", "verifykit_per_s", "#1565c0"),
              ("jwt-kit 5.8", "jwtkit_per_s", "#ef6c00")]
    rows = compare["results"]
    bar, gap, group_gap = 14, 2, 14
    left, top = 110, 78
    plot_width = 470
    label_room = 78  # "829,085/s" after the longest bar
    ratio_x = left + plot_width + label_room + 12
    width = ratio_x + 215
    group_height = len(series) * (bar + gap) + group_gap
    plot_bottom = top + len(rows) * group_height - group_gap + 6
    height = plot_bottom + 44
    values = [row[key] for row in rows for _, key, _ in series if row[key] > 0]
    low, high, ticks = nice_ticks(min(values), max(values))

    def x(value):
        return left + plot_width * (math.log10(max(value, low)) - math.log10(low)) / (
            math.log10(high) - math.log10(low))

    subtitle = (f"{compare['processors']} cores, medians of {compare['rounds'] * compare.get('triples_per_round', 1)} interleaved triples; "
                f"load average {compare.get('load_average_at_start', '?')} → {compare['load_average_at_end']}")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="12" y="22" font-size="15" font-weight="bold">JWT verifications per second, one thread '
        f'(log scale, higher is better)</text>',
        f'<text x="12" y="40" fill="#616161">{escape(subtitle)}</text>',
    ]
    for index, (label, _, color) in enumerate(series):
        lx = left + index * 120
        out.append(f'<rect x="{lx}" y="52" width="12" height="12" fill="{color}"/>')
        out.append(f'<text x="{lx + 17}" y="62">{escape(label)}</text>')
    out.append(f'<text x="{ratio_x}" y="62" font-weight="bold">VerifyKit ÷ raw · ÷ jwt-kit</text>')
    for tick in ticks:
        gx = x(tick)
        major = tick == 10 ** round(math.log10(tick))
        out.append(f'<line x1="{gx:.1f}" y1="{top - 6}" x2="{gx:.1f}" y2="{plot_bottom}" '
                   f'stroke="{"#bdbdbd" if major else "#eeeeee"}"/>')
        out.append(f'<text x="{gx:.1f}" y="{plot_bottom + 16}" text-anchor="middle" fill="#616161">'
                   f'{fmt_tick(tick)}</text>')
    out.append(f'<text x="{left + plot_width / 2:.0f}" y="{plot_bottom + 34}" text-anchor="middle" fill="#616161">'
               f'verifications per second</text>')
    for row_index, row in enumerate(rows):
        y0 = top + row_index * group_height
        mid = y0 + len(series) * (bar + gap) / 2
        alg = row["alg"]
        out.append(f'<text x="{left - 10}" y="{mid + 4:.1f}" text-anchor="end" font-weight="bold">'
                   f'{escape(alg)}</text>')
        for series_index, (label, key, color) in enumerate(series):
            y = y0 + series_index * (bar + gap)
            value = row[key]
            end = x(value)
            out.append(f'<rect x="{left}" y="{y}" width="{max(end - left, 1):.1f}" height="{bar}" '
                       f'fill="{color}"><title>{escape(label)}: {value:,.0f}/s</title></rect>')
            out.append(f'<text x="{end + 4:.1f}" y="{y + bar - 3}" font-size="11" fill="#212121">'
                       f'{value:,.0f}/s</text>')
        parts = []
        for key, targets in (("verifykit_vs_raw", RAW_TARGET), ("verifykit_vs_jwtkit", PEER_TARGET)):
            value = row[key]
            target = targets.get(alg)
            color = "#212121" if target is None else ("#2e7d32" if value >= target else "#c62828")
            parts.append(f'<tspan fill="{color}">{value:.3f}×</tspan>')
        out.append(f'<text x="{ratio_x}" y="{mid + 4:.1f}">{parts[0]} <tspan fill="#9e9e9e">·</tspan> '
                   f'{parts[1]}</text>')
    out.append(f'<text x="{ratio_x}" y="{plot_bottom + 16}" font-size="11" fill="#616161">'
               f'green: issue 5 target met</text>')
    out.append(f'<text x="{ratio_x}" y="{plot_bottom + 30}" font-size="11" fill="#616161">'
               f'red: target missed; black: no target</text>')
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
