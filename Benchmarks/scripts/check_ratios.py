#!/usr/bin/env python3
"""Fails when VerifyKit's own cost per token grows: compares `verifykit bench --json` ratios
(end-to-end verify ÷ raw primitive, measured interleaved in one process) with the recorded ones.

Throughput thresholds cannot catch this: the signature check dominates a verify, so VerifyKit's
added microseconds could grow many times over before throughput fell by the half that the shared
machine's noise forces as a tolerance. A ratio taken in one run cancels the machine's speed.

Usage: python3 scripts/check_ratios.py BENCH_JSON [--recorded Thresholds/ratios.json]
                                       [--tolerance 0.03] [--update] [--warn-only]
Exit 0 when every recorded algorithm's ratio is at least recorded − tolerance, 1 otherwise,
2 for unusable input. --update writes the measured ratios as the new record. --warn-only reports
the same but exits 0 on low ratios (`make bench-check` uses it: the instruction counts of
check_instructions.py are the gate, since code placement alone can move a timing ratio; see
Benchmarks/README.md).
"""
import argparse
import json
import sys

import records


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bench_json")
    parser.add_argument("--recorded", default="Thresholds/ratios.json")
    parser.add_argument("--tolerance", type=float, default=0.03)
    parser.add_argument("--update", action="store_true")
    parser.add_argument("--warn-only", action="store_true")
    args = parser.parse_args()
    try:
        with open(args.bench_json) as handle:
            measured = {row["alg"]: float(row["ratio"]) for row in json.load(handle)["results"]}
    except (OSError, ValueError, KeyError, TypeError) as error:
        print(f"check_ratios: cannot read {args.bench_json}: {error}", file=sys.stderr)
        return 2
    if args.update:
        rounded = {alg: round(ratio, 3) for alg, ratio in measured.items()}
        records.write(args.recorded, rounded, "check_ratios", "ratios")
        return 0
    recorded = records.read(args.recorded, "check_ratios")
    if recorded is None:
        return 2
    failed = 0
    for alg, floor in sorted(recorded.items()):
        if alg not in measured:
            print(f"{alg:8} missing from the run")
            failed += 1
            continue
        ratio = measured[alg]
        ok = ratio >= floor - args.tolerance
        failed += 0 if ok else 1
        label = "below the record" if args.warn_only else "REGRESSION"
        verdict = "ok" if ok else f"{label} (below {floor - args.tolerance:.3f})"
        print(f"{alg:8} ratio {ratio:.3f}  recorded {floor:.3f}  {verdict}")
    print(f"check_ratios: {len(recorded) - failed} of {len(recorded)} within {args.tolerance} of the record")
    if failed and args.warn_only:
        print("check_ratios: timing ratios are reported, not enforced (--warn-only); compare the instruction counts")
        return 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
