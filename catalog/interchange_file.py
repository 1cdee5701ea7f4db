"""Read an interchange file: its encoding checked, its records numbered.

The whole file is checked before any record is given (encoding, NUL bytes, a
CSV header), so an unreadable file fails with one line before anything is
stored; JSON lines in UTF-8 are then read as they are needed, in 1 MB blocks.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from catalog.records import RecordError, read_csv, read_jsonl


class UnreadableFile(RecordError):
    """A whole file that cannot be read as interchange records (one line)."""


def read_file(path: Path) -> Iterator[tuple[int, dict | RecordError]]:
    """Read a JSON-lines or CSV file of interchange records, by its content.

    JSON lines are read as they are needed (a million-line file is never held
    whole); a CSV file is read whole.

    :raises UnreadableFile: one line when the file cannot be read as text
    """
    return iter(read_records(path))


#: Byte-order marks read as the encoding they name (UTF-32 before UTF-16:
#: the UTF-32-LE mark starts with the UTF-16-LE one).
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Bytes read at a time while checking or streaming a UTF-8 file.
_BLOCK = 1 << 20


def decode_text(path: Path) -> str:
    """The text of an interchange file: UTF-8 (with or without a BOM), or UTF-16
    or UTF-32 with a BOM; anything else is one line naming the first bad byte.

    :raises UnreadableFile: when the file cannot be read or is not such text
    """
    data = _read_bytes(path)
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _not_text(path, encoding, data[exc.start], exc.start) from None
    if "\x00" in text:
        raise _nul_found(path, data.index(b"\x00"))
    return text


def _read_bytes(path: Path, size: int = -1) -> bytes:
    if not path.exists():
        raise UnreadableFile(f"no file {path}; check the path")
    if path.is_dir():
        raise UnreadableFile(f"{path} is a folder; give a .jsonl or .csv file in it")
    try:
        with path.open("rb") as stream:
            return stream.read(size)
    except OSError as exc:
        raise UnreadableFile(f"cannot read {path} ({exc.strerror or exc})") from None


def _not_text(path: Path, encoding: str, byte: int, offset: int) -> UnreadableFile:
    return UnreadableFile(
        f"{path} is not {encoding.split('-sig')[0].upper()} text "
        f"(byte 0x{byte:02X} at offset {offset}); save it as UTF-8"
    )


def _nul_found(path: Path, offset: int) -> UnreadableFile:
    return UnreadableFile(
        f"{path} is not UTF-8 text (byte 0x00 at offset {offset}: binary, or "
        "UTF-16 without a byte-order mark); save it as UTF-8"
    )


def _utf8_blocks(path: Path) -> Iterator[tuple[int, bytes]]:
    """``(offset, bytes)`` of a file in blocks that end at a line break (or EOF).

    A line feed is never inside a UTF-8 sequence, so each block decodes alone.
    """
    with path.open("rb") as stream:
        offset, carry = 0, b""
        while True:
            block = stream.read(_BLOCK)
            if not block:
                break
            data = carry + block
            cut = data.rfind(b"\n") + 1
            if cut == 0:
                carry = data
                continue
            yield offset, data[:cut]
            offset += cut
            carry = data[cut:]
        if carry:
            yield offset, carry


@dataclass
class _Scan:
    """What one pass over a UTF-8 file found: its line count and first text."""

    lines: int
    starts_with_brace: bool


def _scan_utf8(path: Path) -> _Scan:
    """Check a UTF-8 file as :func:`decode_text` would, without holding it whole.

    :raises UnreadableFile: the same one line :func:`decode_text` gives
    """
    lines, first, nul = 0, None, None
    try:
        for offset, data in _utf8_blocks(path):
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise _not_text(
                    path, "utf-8", data[exc.start], offset + exc.start
                ) from None
            if nul is None and b"\x00" in data:
                nul = offset + data.index(b"\x00")
            if first is None and text.lstrip("\ufeff").strip():
                first = text.lstrip("\ufeff").lstrip()[0]
            lines += data.count(b"\n")
    except OSError as exc:
        raise UnreadableFile(f"cannot read {path} ({exc.strerror or exc})") from None
    if nul is not None:
        raise _nul_found(path, nul)
    return _Scan(lines=lines + 1, starts_with_brace=first == "{")


def _utf8_lines(path: Path) -> Iterator[str]:
    """The lines of a checked UTF-8 file, as ``str.splitlines`` splits its text."""
    skip = len(codecs.BOM_UTF8)
    for offset, data in _utf8_blocks(path):
        text = data.decode("utf-8")
        if offset == 0 and data.startswith(codecs.BOM_UTF8):
            text = data[skip:].decode("utf-8")
        # A block ends just after a line feed, so splitting block by block
        # numbers the lines as splitting the whole text would.
        yield from text.splitlines()


class RecordFile:
    """The numbered records of one checked interchange file, read on demand.

    :attr lines: how many lines the file has (an estimate of its records,
        known before any is read, so the store can choose its bulk path)
    """

    def __init__(self, path: Path, lines: int, items: list | None = None):
        self.path = path
        self.lines = lines
        self._items = items
        #: A checking process started for this file before the load
        #: (:func:`catalog.prepare_worker.start_early`), or None.
        self.early: tuple | None = None

    @property
    def streamed(self) -> bool:
        """True when the records are read from the file as they are needed."""
        return self._items is None

    def __iter__(self) -> Iterator[tuple[int, dict | RecordError]]:
        if self._items is not None:
            return iter(self._items)
        return read_jsonl(_utf8_lines(self.path))


def _looks_like_csv(path: Path, starts_with_brace: bool) -> bool:
    if path.suffix.lower() == ".csv":
        return True
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        return False
    return not starts_with_brace


def read_records(path: Path) -> RecordFile:
    """The ``(line_number, record or error)`` pairs of a checked interchange file.

    The whole file is checked first (encoding, CSV header), so an unreadable
    file fails before anything is stored. JSON lines in UTF-8 are then read
    as they are needed; CSV and UTF-16/UTF-32 files are read whole.

    :raises UnreadableFile: one line when the file as a whole cannot be read
        (not text, not UTF-8, a CSV header with unknown columns)
    """
    head = _read_bytes(path, 4)
    try:
        if any(head.startswith(bom) for bom, name in _BOMS if name != "utf-8-sig"):
            text = decode_text(path)
            brace = text.lstrip().startswith("{")
            lines = text.splitlines()
            if _looks_like_csv(path, brace):
                return RecordFile(path, len(lines), list(read_csv(text)))
            return RecordFile(path, len(lines), list(read_jsonl(lines)))
        scan = _scan_utf8(path)
        if _looks_like_csv(path, scan.starts_with_brace):
            return RecordFile(path, scan.lines, list(read_csv(decode_text(path))))
        return RecordFile(path, scan.lines)
    except UnreadableFile:
        raise
    except RecordError as exc:
        raise UnreadableFile(f"{path}: {exc}") from None
