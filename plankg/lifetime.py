"""Processes and temporary files that never outlive the run that made them.

* **Workers die with their parent.** ``watch_parent`` (run in each worker process)
  starts a thread that ends the worker as soon as its parent is gone (its parent
  process id changes when the parent dies, even by SIGKILL). The check needs no
  platform feature (``prctl(PR_SET_PDEATHSIG)`` fires when the parent *thread* that
  started the worker ends, which for pools that start workers from helper threads is
  too early).
* **Temporary files are removed on every exit path.** ``stop_on_sigterm`` turns
  SIGTERM into ``SystemExit`` (status 143), so ``finally`` blocks and context managers
  remove what they made, as they already do for Ctrl-C (KeyboardInterrupt).
* **What a SIGKILL leaves, the next run removes.** A file being written (``PartFile``:
  ``.NAME.XXXXXXXX.part`` beside its target) and a private temporary folder
  (``PrivateDir``) hold an exclusive ``flock`` while their run is alive; the kernel
  releases it when the process dies however it dies. ``sweep_parts`` and
  ``sweep_dirs`` remove the ones whose lock nobody holds.
"""
from __future__ import annotations

import fcntl
import os
import re
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: How often a worker checks that its parent is alive (seconds).
PARENT_POLL = 0.5
#: A part file younger than this may not be locked yet by the run creating it.
_FRESH = 1.0
_LOCK_NAME = ".lock"


# ----------------------------------------------------------------------------- processes


def watch_parent(parent: int | None = None, poll: float = PARENT_POLL) -> None:
    """End this process (``os._exit``) within ``poll`` seconds of its parent's death."""
    parent = parent if parent is not None else os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll)
        os._exit(1)

    threading.Thread(target=watch, name="plankg-parent-watch", daemon=True).start()


def worker_signals() -> None:
    """In a worker: Ctrl-C is the parent's business (it stops the workers); SIGTERM ends it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _exit_on_sigterm(signum: int, _frame) -> None:
    raise SystemExit(128 + signum)


def stop_on_sigterm() -> None:
    """Make SIGTERM raise SystemExit(143) in the main thread, so cleanup code runs."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _exit_on_sigterm)


# ----------------------------------------------------------------------------- files


def _lock(fd: int) -> bool:
    """Take the exclusive lock of ``fd`` without waiting; False when another process holds it."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class PartFile:
    """``.NAME.XXXXXXXX.part`` beside ``target``, open for writing and locked until closed."""

    def __init__(self, target: str | os.PathLike):
        self.target = Path(target)
        fd, name = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".part", dir=self.target.parent)
        _lock(fd)
        self.path = Path(name)
        self.handle = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> int:
        return self.handle.write(data)

    def close(self) -> None:
        if not self.handle.closed:
            self.handle.close()

    def discard(self) -> None:
        """Close and remove the file (nothing happens when it was already moved into place)."""
        self.close()
        self.path.unlink(missing_ok=True)


def part_pattern(target: str | os.PathLike) -> re.Pattern[str]:
    """The names ``PartFile`` gives the temporary files of ``target``."""
    return parts_named(re.escape(Path(target).name))


def parts_named(name: str) -> re.Pattern[str]:
    """The names ``PartFile`` gives the temporary files of the files named like ``name`` (a
    regular expression)."""
    return re.compile(rf"^\.{name}\.[A-Za-z0-9_]{{8}}\.part$")


def sweep_parts(directory: str | os.PathLike, pattern: re.Pattern[str]) -> list[Path]:
    """Remove the files of ``directory`` named like ``pattern`` that no live process holds
    (left by a killed run); return them."""
    removed: list[Path] = []
    try:
        names = [name for name in os.listdir(directory) if pattern.match(name)]
    except OSError:
        return removed
    for name in names:
        path = Path(directory) / name
        if _stale(path):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _stale(path: Path) -> bool:
    try:
        if time.time() - path.lstat().st_mtime < _FRESH or path.is_symlink():
            return False
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        return _lock(fd)  # released when fd closes
    finally:
        os.close(fd)


class PrivateDir:
    """A private temporary folder (``PREFIX-XXXXXXXX`` in the temp folder) with a held lock
    file; ``remove()`` deletes it. ``sweep_dirs(PREFIX)`` removes those of dead runs."""

    def __init__(self, prefix: str):
        self.path = Path(tempfile.mkdtemp(prefix=prefix))
        self._fd = os.open(self.path / _LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        _lock(self._fd)

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


@contextmanager
def private_folder(prefix: str) -> Iterator[Path]:
    """A ``PrivateDir`` for the ``with`` block, after removing those killed runs left."""
    sweep_dirs(prefix)
    folder = PrivateDir(prefix)
    try:
        yield folder.path
    finally:
        folder.remove()


def sweep_dirs(prefix: str) -> list[Path]:
    """Remove the ``PrivateDir`` folders named ``PREFIX…`` whose run is dead; return them."""
    removed: list[Path] = []
    root = Path(tempfile.gettempdir())
    try:
        candidates = [root / name for name in os.listdir(root) if name.startswith(prefix)]
    except OSError:
        return removed
    for folder in candidates:
        lock = folder / _LOCK_NAME
        if folder.is_symlink() or not folder.is_dir() or not lock.is_file() or not _stale(lock):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed
