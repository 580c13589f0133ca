"""`timelines record [CASE ...]` re-records the pages' timelines (all by default) and writes `timelines/*.json`;
`timelines check` records them afresh and says which committed ones no longer match in the server's order of
events. The figures are drawn from these files when the site is built."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from docs_tools.project import find_root
from docs_tools.timelines.cases import CASES
from docs_tools.timelines.record import record
from docs_tools.timelines.recording import FOLDER, RecordingError, load, path_of


def _record_quietly(name: str, root: Path):
    """The examples log what their tasks did, and uvicorn logs a failing task's traceback: expected here, so
    silenced."""
    logging.disable(logging.CRITICAL)
    try:
        return record(CASES[name], root)
    finally:
        logging.disable(logging.NOTSET)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="timelines", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    recording = commands.add_parser("record", help="record the cases and write timelines/CASE.json")
    recording.add_argument("cases", nargs="*", metavar="CASE", choices=sorted(CASES),
                           help=f"one of {', '.join(sorted(CASES))}; all when none is named")
    commands.add_parser("check", help="record every case afresh and compare the server's order of events")
    arguments = parser.parse_args(argv)
    root = find_root(Path.cwd())
    if arguments.command == "record":
        for name in arguments.cases or sorted(CASES):
            fresh = _record_quietly(name, root)
            path = path_of(root, name)
            path.parent.mkdir(exist_ok=True)
            path.write_text(fresh.to_json(), encoding="utf-8")
            print(f"{FOLDER}/{name}.json: {len(fresh.events)} events over {fresh.events[-1].ms:.1f} ms")
        return 0
    stale = []
    for name in sorted(CASES):
        try:
            committed = load(root, name).server_order()
        except RecordingError as error:
            stale.append(str(error))
            continue
        if _record_quietly(name, root).server_order() != committed:
            stale.append(f"{FOLDER}/{name}.json: a fresh run of {CASES[name].example} orders its events differently; "
                         "re-record with ./scripts/record-timelines.sh")
    print("\n".join(stale) or f"{len(CASES)} timelines match a fresh recording")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
