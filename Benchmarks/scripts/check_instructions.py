#!/usr/bin/env python3
"""Fails when VerifyKit adds more instructions per token than recorded: runs ProfileDriver's
`instructions` mode under callgrind for each algorithm and compares what VerifyKit's end-to-end
verify executes beyond the raw primitive with Thresholds/instructions.json.

Why instructions and not time: a count repeats exactly for the same binary and inputs, however busy
the shared machine is, and it does not depend on where the linker placed code. Timing ratios do: on
one CPU here the very same libsodium instructions (callgrind: 640.9 k per Ed25519 check on both
sides) ran 14 % slower when called from the verify path of one build of `verifykit` than from its
raw loop, and at full speed in a second build of the same code, which made the ratio gate fail for
reasons that had nothing to do with VerifyKit.

Each algorithm runs twice, with N and 2N iterations of each loop; the per-token figures are the
slopes (2N run minus N run, divided by N), so nothing done once inside a loop counts.

Usage: python3 scripts/check_instructions.py PROFILE_DRIVER [--recorded Thresholds/instructions.json]
                                             [--tolerance 0.02] [--iterations N] [--alg NAME]... [--update]
Exit 0 when every recorded algorithm adds at most recorded × (1 + tolerance) instructions per token,
1 otherwise, 2 when the measurement cannot run (no valgrind, no objcopy, unreadable profile).
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

import records

DEFAULT_ALGORITHMS = ["EdDSA", "RS256-2048", "RS512-2048", "ES256", "HS256"]
LOOP = re.compile(r"^\s*([\d,]+)\s.*InstructionLoopsO13(primitiveLoop|verifyKitLoop)\w*FZ \[")


class MeasurementError(Exception):
    pass


def loop_totals(binary, algorithm, iterations, workdir):
    """Inclusive instructions of the raw and the VerifyKit loop in one run of `iterations` each."""
    out = os.path.join(workdir, f"callgrind.{algorithm}.{iterations}.out")
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", binary, algorithm, str(iterations),
         "instructions"],
        capture_output=True, text=True,
    )
    if run.returncode != 0:
        raise MeasurementError(f"{algorithm}: ProfileDriver failed under callgrind:\n{run.stderr[-2000:]}")
    annotate = subprocess.run(
        ["callgrind_annotate", "--inclusive=yes", "--threshold=100", out], capture_output=True, text=True
    )
    totals = {}
    for line in annotate.stdout.splitlines():
        match = LOOP.match(line)
        if match:
            totals[match.group(2)] = int(match.group(1).replace(",", ""))
    if set(totals) != {"primitiveLoop", "verifyKitLoop"}:
        raise MeasurementError(
            f"{algorithm}: the profile does not name both loops (found {sorted(totals)}); "
            "were they inlined or merged?"
        )
    return totals["primitiveLoop"], totals["verifyKitLoop"]


def measure(binary, algorithm, iterations, workdir):
    raw_n, verify_n = loop_totals(binary, algorithm, iterations, workdir)
    raw_2n, verify_2n = loop_totals(binary, algorithm, 2 * iterations, workdir)
    raw = (raw_2n - raw_n) / iterations
    verify = (verify_2n - verify_n) / iterations
    return {"raw": round(raw), "added": round(verify - raw)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("profile_driver")
    parser.add_argument("--recorded", default="Thresholds/instructions.json")
    parser.add_argument("--tolerance", type=float, default=0.02)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--alg", action="append", dest="algorithms")
    parser.add_argument("--update", action="store_true")
    args = parser.parse_args()

    for tool in ("valgrind", "callgrind_annotate", "objcopy"):
        if shutil.which(tool) is None:
            print(f"check_instructions: {tool} not found (apt-get install valgrind binutils)", file=sys.stderr)
            return 2
    recorded = {}
    if not args.update:
        recorded = records.read(args.recorded, "check_instructions")
        if recorded is None:
            return 2
    algorithms = args.algorithms or (sorted(recorded) if recorded else DEFAULT_ALGORITHMS)

    measured = {}
    with tempfile.TemporaryDirectory() as workdir:
        # valgrind 3.19 cannot read the DWARF 5 debug info Swift writes ("possibly corrupted").
        binary = os.path.join(workdir, "ProfileDriver")
        subprocess.run(["objcopy", "--strip-debug", args.profile_driver, binary], check=True)
        try:
            for algorithm in algorithms:
                measured[algorithm] = measure(binary, algorithm, args.iterations, workdir)
        except MeasurementError as error:
            print(f"check_instructions: {error}", file=sys.stderr)
            return 2

    if args.update:
        records.write(args.recorded, measured, "check_instructions", "algorithms")
        return 0

    failed = 0
    for algorithm in algorithms:
        now = measured[algorithm]
        share = now["raw"] / (now["raw"] + now["added"])
        line = f"{algorithm:11} raw {now['raw']:>9,}  VerifyKit adds {now['added']:>7,}  (raw ÷ total {share:.3f})"
        if algorithm not in recorded:
            print(f"{line}  not recorded")
            failed += 1
            continue
        limit = recorded[algorithm]["added"] * (1 + args.tolerance)
        if now["added"] > limit:
            failed += 1
            print(f"{line}  REGRESSION: recorded {recorded[algorithm]['added']:,}, limit {limit:,.0f}")
        elif now["added"] < recorded[algorithm]["added"] * (1 - args.tolerance):
            print(f"{line}  improved on {recorded[algorithm]['added']:,}: record it with --update")
        else:
            print(f"{line}  ok (recorded {recorded[algorithm]['added']:,})")
    print(f"check_instructions: {len(algorithms) - failed} of {len(algorithms)} within {args.tolerance:.0%} of the record")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
