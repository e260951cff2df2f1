#!/usr/bin/env python3
"""Lists the public symbols of the library modules that have no doc comment; exits 1 if any.

Project standard: public API has doc comments. This reads the symbol graphs that
`swift package dump-symbol-graph --minimum-access-level public` writes (run that first; `make docs`
does). A symbol counts when its access level is public or open and it has a source location:
symbols without one are synthesized by the compiler and have no source to comment. A member that
implements a protocol requirement inherits the requirement's comment in the graph, so it counts as
documented. Standard library only.

Usage: scripts/check-doc-comments.py [--symbol-graph-dir DIR] [MODULE ...]
DIR defaults to the newest .build/*/symbolgraph; MODULE to the package's library modules.
"""

import argparse
import glob
import json
import os
import sys

LIBRARY_MODULES = ["HexCoding", "Base64URL", "StrictJSON", "CryptoPrimitives", "JSONWebToken", "RequestSigning", "VerifyKit"]
PUBLIC_LEVELS = {"public", "open"}


def default_directory():
    # dump-symbol-graph writes to .build/<target triple>/symbolgraph.
    candidates = glob.glob(os.path.join(".build", "*", "symbolgraph"))
    if not candidates:
        sys.exit("check-doc-comments: no .build/*/symbolgraph; run "
                 "`swift package dump-symbol-graph --minimum-access-level public` first")
    return max(candidates, key=os.path.getmtime)


def graph_files(directory, module):
    # The module's own graph, plus any for its extensions of other modules' types (Module@Other).
    main = os.path.join(directory, module + ".symbols.json")
    if not os.path.exists(main):
        sys.exit(f"check-doc-comments: {main} is missing; was the symbol graph dumped?")
    return [main] + sorted(glob.glob(os.path.join(directory, glob.escape(module) + "@*.symbols.json")))


def relative_path(uri):
    path = uri[len("file://"):] if uri.startswith("file://") else uri
    root = os.getcwd() + os.sep
    return path[len(root):] if path.startswith(root) else path


def undocumented(directory, modules):
    found = set()
    for module in modules:
        for file in graph_files(directory, module):
            with open(file, encoding="utf-8") as handle:
                graph = json.load(handle)
            for symbol in graph.get("symbols", []):
                if symbol.get("accessLevel") not in PUBLIC_LEVELS or "location" not in symbol:
                    continue
                if symbol.get("docComment", {}).get("lines"):
                    continue
                location = symbol["location"]
                found.add((
                    relative_path(location.get("uri", "")),
                    location.get("position", {}).get("line", -1) + 1,  # zero-based in the graph
                    symbol["kind"]["identifier"].removeprefix("swift."),
                    ".".join([module] + symbol.get("pathComponents", [])),
                ))
    return sorted(found)


def main():
    parser = argparse.ArgumentParser(description="List public symbols without a doc comment.")
    parser.add_argument("--symbol-graph-dir", help="directory of MODULE.symbols.json files")
    parser.add_argument("modules", nargs="*", metavar="MODULE", help="modules to check")
    arguments = parser.parse_args()
    directory = arguments.symbol_graph_dir or default_directory()
    modules = arguments.modules or LIBRARY_MODULES

    symbols = undocumented(directory, modules)
    for path, line, kind, symbol_path in symbols:
        print(f"{kind:<14} {symbol_path}  {path}:{line}")
    if symbols:
        print(f"check-doc-comments: {len(symbols)} public symbol(s) without a doc comment", file=sys.stderr)
        return 1
    print(f"check-doc-comments: every public symbol of {', '.join(modules)} has a doc comment")
    return 0


if __name__ == "__main__":
    sys.exit(main())
