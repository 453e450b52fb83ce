"""Which documents a corpus build reads: files given by name, and every ``.txt .md .html .htm
.docx .pdf`` file under a folder, recursively, in sorted order; a directory reached twice (a
symlink loop, a second link to it) is walked once, and so is a file; hidden entries
(``.git``) and Word's lock files (``~$…``) are left out; other files are counted, not read.
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

#: Extensions of the documents a folder walk reads (case-insensitive).
SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


@dataclass(frozen=True)
class Source:
    """One document to build: its path as it will be shown and recorded (``dcterms:source``),
    and whether it was named on the command line (``explicit``) or found in a folder."""

    path: str
    explicit: bool


@dataclass
class Walk:
    """The documents a walk found, the entries it skipped (a warning each) and the files not read."""

    sources: list[Source] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # entries skipped, one line each
    ignored: Counter[str] = field(default_factory=Counter)  # extension -> files not read


def walk(inputs: Sequence[str]) -> Walk:
    """The documents of ``inputs`` (files and folders), in a stable order.

    A named file is taken as it is (reading it may fail later). A folder is walked
    recursively in sorted order of names, following symbolic links to directories but never
    entering a directory (device, inode) twice, so a symlink loop ends the branch with a
    warning. Files are deduplicated the same way; broken links and unlistable directories
    give a warning each.
    """
    result = Walk()
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: dict[tuple[int, int], str] = {}
    for name in inputs:
        if os.path.isdir(name):
            try:
                st = os.stat(name)
            except OSError as err:
                result.warnings.append(f"{name}: cannot read the folder ({err.strerror or err}); skipped")
                continue
            if (st.st_dev, st.st_ino) in seen_dirs:
                continue
            seen_dirs.add((st.st_dev, st.st_ino))
            _walk_dir(name, result, seen_dirs, seen_files)
        else:
            result.sources.append(Source(name, explicit=True))
    return result


def _walk_dir(directory: str, result: Walk, seen_dirs: set[tuple[int, int]],
              seen_files: dict[tuple[int, int], str]) -> None:
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as err:
        result.warnings.append(f"{directory}: cannot list the folder ({err.strerror or err}); skipped")
        return
    for entry in entries:
        if entry.name.startswith((".", "~$")):  # hidden entries, Word's lock files
            continue
        path = os.path.join(directory, entry.name)
        try:
            st = os.stat(path)  # follows links
        except OSError as err:
            if entry.is_symlink():
                result.warnings.append(f"{path}: broken symbolic link; skipped")
            else:
                result.warnings.append(f"{path}: cannot read ({err.strerror or err}); skipped")
            continue
        key = (st.st_dev, st.st_ino)
        if entry.is_dir(follow_symlinks=True):
            if key in seen_dirs:
                if entry.is_symlink():
                    result.warnings.append(f"{path}: symbolic link to a folder already walked "
                                           f"(a loop?); skipped")
                continue
            seen_dirs.add(key)
            _walk_dir(path, result, seen_dirs, seen_files)
        elif entry.is_file(follow_symlinks=True):
            suffix = os.path.splitext(entry.name)[1].lower()
            if suffix not in SUPPORTED_SUFFIXES:
                result.ignored[suffix or "(none)"] += 1
                continue
            if key in seen_files:
                result.warnings.append(f"{path}: the same file as {seen_files[key]}; skipped")
                continue
            seen_files[key] = path
            result.sources.append(Source(path, explicit=False))
