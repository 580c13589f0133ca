"""The English text a translation was stamped against, found in git history: for stamps older than the
`translation_sources/` store (or an entry deleted from it).

The stamp is a fingerprint, not a commit: the history of the English file is walked, newest first, to find the
version with that fingerprint. In a shallow clone, a source archive, or when git is missing, the reason is given
instead.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from docs_tools.markdown.fingerprint import fingerprint


@dataclass(frozen=True)
class Found:
    text: str | None
    """The English page's text with the stamp's fingerprint; None when it was not found."""
    commit: str | None
    """The abbreviated commit holding it."""
    note: str | None
    """Why it was not found."""


def _git(root: Path, *args: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes] | None:
    try:
        return subprocess.run(["git", "-C", str(root), *args], input=data, capture_output=True, timeout=60)
    except FileNotFoundError:
        return None


def _blobs(root: Path, names: list[str]) -> list[bytes | None]:
    """The contents of `commit:path` objects, read by one `git cat-file --batch`."""
    result = _git(root, "cat-file", "--batch", data="".join(f"{name}\n" for name in names).encode())
    if result is None or result.returncode != 0:
        return [None] * len(names)
    out, position, blobs = result.stdout, 0, []
    for _ in names:
        end = out.index(b"\n", position)
        header = out[position:end]
        position = end + 1
        if header.endswith(b" missing"):  # "<commit>:<path> missing", and the path may hold spaces
            blobs.append(None)
            continue
        size = int(header.split()[2])
        blobs.append(out[position : position + size])
        position += size + 1
    return blobs


def stamped_text(root: Path, english: Path, stamp: str, shown: str) -> Found:
    """The version of `english` whose fingerprint is `stamp`, or why it cannot be found."""
    where = _git(root, "rev-parse", "--show-prefix")
    if where is None:
        return Found(None, None, "git is not installed")
    if where.returncode != 0:
        return Found(None, None, "there is no git repository here (a source archive?)")
    relative = english.resolve().relative_to(root.resolve()).as_posix()
    in_repository = where.stdout.decode().strip() + relative
    log = _git(root, "log", "--format=%H", "--", relative)
    commits = log.stdout.decode().split() if log is not None and log.returncode == 0 else []
    for commit, blob in zip(commits, _blobs(root, [f"{commit}:{in_repository}" for commit in commits])):
        if blob is not None:
            text = blob.decode("utf-8", errors="replace")
            if fingerprint(text) == stamp:
                return Found(text, commit[:10], None)
    shallow = _git(root, "rev-parse", "--is-shallow-repository")
    if shallow is not None and shallow.stdout.decode().strip() == "true":
        return Found(None, None, "this clone is shallow and may not hold it ('git fetch --unshallow' fetches the "
                                 "whole history)")
    if not commits:
        return Found(None, None, f"{shown} has no git history yet")
    return Found(None, None, f"no commit of {shown} has it (it was stamped from uncommitted text?)")
