"""Whether this process holds a file open, read from its open descriptors (/proc/self/fd, Linux): how the proofs see
when a response opens and closes the file it sends."""

from __future__ import annotations

import os
from pathlib import Path


def is_open(path: Path) -> bool:
    wanted = os.fspath(path.resolve())
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}") == wanted:
                return True
        except OSError:  # a descriptor closed while listing
            continue
    return False
