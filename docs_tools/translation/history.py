"""What changed in an English page since the version a translation was stamped from, when git history is at hand.

The stamp is a fingerprint, not a commit: the history of the English file is walked, newest first, to find the
version with that fingerprint, and the diff runs from it to the working copy (uncommitted edits included). In a
shallow clone, a source archive, or when git is missing, the reason is given instead; the page is still reported
as outdated from the fingerprints alone.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from docs_tools.fingerprint import fingerprint


@dataclass(frozen=True)
class EnglishChanges:
    diff: str | None
    """The word diff of the English page since the stamped version; None when it cannot be computed."""
    since: str | None
    """The abbreviated commit holding the stamped version."""
    note: str | None
    """Why there is no diff."""


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


def english_changes(root: Path, english: Path, stamp: str, shown: str) -> EnglishChanges:
    """The English changes since the version whose fingerprint is `stamp`, or why they cannot be shown."""
    where = _git(root, "rev-parse", "--show-prefix")
    if where is None:
        return EnglishChanges(None, None, f"git is not installed, so the English changes cannot be shown; "
                                          f"compare the translation with {shown}")
    if where.returncode != 0:
        return EnglishChanges(None, None, f"no git repository here (a source archive?), so the English changes "
                                          f"cannot be shown; compare the translation with {shown}")
    relative = english.resolve().relative_to(root.resolve()).as_posix()
    in_repository = where.stdout.decode().strip() + relative
    log = _git(root, "log", "--format=%H", "--", relative)
    commits = log.stdout.decode().split() if log is not None and log.returncode == 0 else []
    for commit, blob in zip(commits, _blobs(root, [f"{commit}:{in_repository}" for commit in commits])):
        if blob is not None and fingerprint(blob.decode("utf-8", errors="replace")) == stamp:
            diff = _git(root, "-c", "core.quotepath=off", "diff", "--no-color", "--no-ext-diff",
                        "--word-diff=plain", commit, "--", relative)
            text = diff.stdout.decode("utf-8", errors="replace") if diff is not None else ""
            hunks = text[text.find("@@"):] if "@@" in text else text
            return EnglishChanges(hunks.rstrip("\n"), commit[:10], None)
    shallow = _git(root, "rev-parse", "--is-shallow-repository")
    if shallow is not None and shallow.stdout.decode().strip() == "true":
        return EnglishChanges(None, None, "this clone is shallow and does not hold the English version the "
                                          "translation was made from; 'git fetch --unshallow' brings the history "
                                          f"that shows the changes; meanwhile compare the translation with {shown}")
    if not commits:
        return EnglishChanges(None, None, f"{shown} has no git history yet; compare the translation with it")
    return EnglishChanges(None, None, f"no commit of {shown} has the stamped version (it was stamped from "
                                      f"uncommitted text?); compare the translation with {shown}")
