"""Opening a file to import, in bounded memory: a device such as /dev/zero, a 1 GB file or a
line without end stops with one line instead of growing without limit.

Ten years of hard training is about 200,000 sets: some 110 MB as a tracker JSON export (530
bytes a set), 45 MB as its CSV, 30 MB as a Hevy CSV. The longest line of a real export is a
set with its note, well under a kilobyte; free-exercise-db's whole catalog is 1 MB.
"""

from __future__ import annotations

import io
import os
import re
import stat
from pathlib import Path

from tracker.domain.errors import ImportFailed

MAX_BYTES = 256 * 1024 * 1024  # read at most this much of a file to import
MAX_LINE_BYTES = 4 * 1024 * 1024  # and no line longer than this
_BREAK = re.compile(rb"\r\n|\r|\n")


def _mib(size: int) -> str:
    return f"{size / 2**20:g} MiB" if size >= 2**20 else f"{size:,} bytes"  # small: tests


def too_big(name: str) -> ImportFailed:
    return ImportFailed(
        f"{name} is over {_mib(MAX_BYTES)}, more than an import reads "
        "(ten years of training is about 110 MiB): is it the right file?"
    )


class _Bounded(io.RawIOBase):
    """A file read through a counter: over MAX_BYTES, or a line over MAX_LINE_BYTES, raises
    ImportFailed as soon as the byte past the limit arrives, so memory stays bounded."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        try:
            self._file = open(path, "rb", buffering=0)  # noqa: SIM115 (closed by close())
        except OSError as error:
            raise ImportFailed(f"cannot read {path}: {error.strerror or error}") from None
        info = os.fstat(self._file.fileno())
        if stat.S_ISREG(info.st_mode) and info.st_size > MAX_BYTES:
            self._file.close()
            raise too_big(str(path))  # refused without reading it
        self._name = str(path)
        self._read = 0
        self._line = 1  # the line the next byte belongs to
        self._run = 0  # bytes of that line so far
        self._after_cr = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        view = memoryview(buffer).cast("B")
        wanted = min(len(view), MAX_BYTES - self._read + 1)  # never more than one byte over
        count = self._file.readinto(view[:wanted]) or 0
        self._read += count
        if self._read > MAX_BYTES:
            raise too_big(self._name)
        self._watch_lines(bytes(view[:count]))
        return count

    def _watch_lines(self, data: bytes) -> None:
        if self._after_cr and data.startswith(b"\n"):  # a CRLF split between two reads
            data = data[1:]
        if not data:
            return
        self._after_cr = data.endswith(b"\r")
        breaks = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")
        # (lines after the current one, length) of the lines this read ends or starts
        lines: list[tuple[int, int]]
        if not breaks:
            lines = [(0, self._run + len(data))]
        elif len(data) <= MAX_LINE_BYTES:  # a line wholly inside it is short enough: fast
            first = min(at for at in (data.find(b"\n"), data.find(b"\r")) if at >= 0)
            last = max(data.rfind(b"\n"), data.rfind(b"\r"))
            lines = [(0, self._run + first), (breaks, len(data) - last - 1)]
        else:  # a read longer than a line may be (a small limit): every line
            pieces = _BREAK.split(data)
            lines = [(0, self._run + len(pieces[0]))]
            lines += [(index, len(piece)) for index, piece in enumerate(pieces[1:], 1)]
        for index, length in lines:
            if length > MAX_LINE_BYTES:
                raise ImportFailed(
                    f"line {self._line + index}: over {_mib(MAX_LINE_BYTES)} without a "
                    "line break, more than an import reads: is it the right file?"
                )
        self._line += breaks
        self._run = lines[-1][1]

    def close(self) -> None:
        if hasattr(self, "_file"):
            self._file.close()
        super().close()


def open_binary(path: Path) -> io.BufferedReader:
    """``path`` for reading bytes, within MAX_BYTES and MAX_LINE_BYTES (else ImportFailed)."""
    return io.BufferedReader(_Bounded(path))


def open_text(path: Path) -> io.TextIOWrapper:
    """``path`` as UTF-8 text (a BOM is dropped, line ends kept for the CSV reader), within
    MAX_BYTES and MAX_LINE_BYTES (else ImportFailed)."""
    return io.TextIOWrapper(open_binary(path), encoding="utf-8-sig", newline="")
