"""Command line: ``python -m analyzer PASTE_FILE [FILE ...] [--root DIR] [--pytest-asyncio VERSION]
[--format text|json]``. Exit 0 when a diagnosis was made, 2 for unusable input."""
from __future__ import annotations

import argparse
import json
import os
import sys

from . import diagnose
from .report import render_text

MAX_BYTES = 64 * 1024 * 1024


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read(MAX_BYTES + 1)
    with open(path, "rb") as handle:
        return handle.read(MAX_BYTES + 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analyzer", description=__doc__.split("\n")[0])
    parser.add_argument("paste", metavar="PASTE_FILE", help="pytest output; - for standard input")
    parser.add_argument("files", metavar="FILE", nargs="*", help="config files, conftest.py, test modules")
    parser.add_argument("--root", default=".", help="directory FILE names are relative to (default: .)")
    parser.add_argument("--pytest-asyncio", dest="version", help="pytest-asyncio version, when the paste does not show it")
    parser.add_argument("--python", dest="python_version", help="Python version, when the paste does not show it")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    args = parser.parse_args(argv)

    try:
        paste = _read(args.paste)
        files = []
        for path in args.files:
            full = path if os.path.isabs(path) else os.path.join(args.root, path)
            name = os.path.relpath(os.path.abspath(full), os.path.abspath(args.root))
            with open(full, "rb") as handle:
                files.append((name.replace(os.sep, "/"), handle.read(MAX_BYTES).decode("utf-8", "replace")))
    except OSError as exc:
        print(f"error: cannot read {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 2
    if len(paste) > MAX_BYTES:
        print(f"error: the paste is larger than {MAX_BYTES // (1024 * 1024)} MB", file=sys.stderr)
        return 2

    hints = {"pytest_asyncio_version": args.version, "python_version": args.python_version}
    result = diagnose(paste, files, hints)
    if result.unreadable:
        print(f"error: {result.reason}", file=sys.stderr)
        return 2
    if args.format == "json":
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
        sys.stdout.write(render_text(result, color=color))
    return 0


if __name__ == "__main__":
    sys.exit(main())
