"""Reading and writing the recorded thresholds (Benchmarks/Thresholds/*.json) for the check scripts."""
import json
import sys


def read(path, tool):
    """The recorded JSON at `path`, or None after telling stderr why it cannot be read."""
    try:
        with open(path) as handle:
            return json.load(handle)
    except (OSError, ValueError) as error:
        print(f"{tool}: cannot read {path}: {error}", file=sys.stderr)
        return None


def write(path, record, tool, what):
    """Writes `record` as the new record (sorted keys, one trailing newline) and says so."""
    with open(path, "w") as handle:
        json.dump(record, handle, indent=2, sort_keys=True)
        handle.write("\n")
    print(f"{tool}: recorded {len(record)} {what} in {path}")
