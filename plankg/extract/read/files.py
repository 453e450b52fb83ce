"""Which inputs are read: a regular file within the size limit (``read_file``), never a
directory, FIFO, device or socket; and text, not a binary (``refuse_binary``,
``refuse_controls``)."""
from __future__ import annotations

import errno
import os
import re
import stat

from plankg.extract.model import PlanError

from .config import config


def one_line(label: str) -> str:
    """A label safe to put in a one-line message."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in label) or "<unnamed>"


#: The largest document read, in bytes (``plankg build --max-size``).
DEFAULT_MAX_SIZE = 50 * 2**20


_NOT_REGULAR = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
                (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def read_file(path: str, max_size: int | None = None) -> bytes:
    """The bytes of the regular file ``path``, at most ``max_size`` (default
    ``DEFAULT_MAX_SIZE``): a directory, FIFO, device or socket, or a larger file, is a
    PlanError. Opening never blocks (a FIFO with no writer) and at most ``max_size + 1``
    bytes are read (a file that grows, a /proc file that lies about its size)."""
    label = one_line(path)
    if not path:
        raise PlanError("<empty path>: no file name given")
    limit = DEFAULT_MAX_SIZE if max_size is None else max_size
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise PlanError(f"{label}: no such file") from None
    except IsADirectoryError:
        raise PlanError(f"{label}: is a directory, not a document file") from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket, or a FIFO opened for writing elsewhere
            raise PlanError(f"{label}: is not a regular file (a socket or pipe); give a document file") from None
        raise PlanError(f"{label}: cannot read the file ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise PlanError(f"{label}: is a directory, not a document file")
        kind = next((name for test, name in _NOT_REGULAR if test(info.st_mode)), None)
        if kind or not stat.S_ISREG(info.st_mode):
            raise PlanError(f"{label}: is {kind or 'not a regular file'}, not a document file")
        if info.st_size > limit:
            raise PlanError(f"{label}: larger than the limit of {limit:,} bytes (--max-size)")
        with os.fdopen(fd, "rb") as handle:
            fd = -1  # the handle closes it
            data = handle.read(limit + 1)
    except OSError as exc:
        raise PlanError(f"{label}: cannot read the file ({exc.strerror or exc})") from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:
        raise PlanError(f"{label}: larger than the limit of {limit:,} bytes (--max-size)")
    return data


def refuse_binary(data: bytes, label: str) -> None:
    """PlanError when ``data`` opens with the magic bytes of an image, archive or old Office file."""
    for sig in config().signatures:
        if data.startswith(sig.magic):
            raise PlanError(f"{label}: is {sig.kind}, not a text or HTML document")


def refuse_controls(text: str, label: str) -> None:
    """PlanError when control characters make up more of ``text`` than a text document has."""
    controls = len(CONTROL.findall(text))
    if controls and controls > config().max_control_ratio * len(text):
        raise PlanError(f"{label}: looks like a binary file ({controls} control characters)")


#: The control characters (Unicode category Cc: U+0000–U+001F and U+007F–U+009F) other than
#: the whitespace ones (tab, line ends, form feed), as a set and as a pattern: scans of a
#: whole text stay in C.
CONTROLS = frozenset(ch for ch in map(chr, [*range(0x20), *range(0x7F, 0xA0)]) if ch not in "\t\n\r\f\v")
CONTROL = re.compile(f"[{re.escape(''.join(sorted(CONTROLS)))}]")
