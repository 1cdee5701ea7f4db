"""Reading a night's feed in blocks: lines and errors as a whole read gives them."""

from __future__ import annotations

import json

import pytest

from catalog import nightly
from catalog.nightly import feed_lines, read_feed
from tests.catalog.nightly_data import listing


def _line(key: str, title: str) -> str:
    return json.dumps(listing("nala", key, title=title), ensure_ascii=False)


#: Lines meant to catch a block reader that splits or numbers lines unlike
#: ``str.splitlines`` over the whole text: CRLF ends, blank lines, a BOM, a
#: line separator (U+2028) and a NEL (U+0085) inside JSON strings (written
#: raw with ensure_ascii=False, and line ends for splitlines), multi-byte text.
TRICKY = (
    "\ufeff"
    + _line("a", "Line\u2028separated")
    + "\r\n\n"
    + _line("b", "Caf\u00e9 \u00e9thique")
    + "\n   \n"
    + _line("c", "next\u0085line")
    + "\r"
    + _line("d", "\U0001f4da " * 40)
)


@pytest.mark.parametrize("block", [1, 3, 7, 64, 1 << 20])
def test_feed_lines_are_the_lines_of_the_whole_text(tmp_path, monkeypatch, block):
    path = tmp_path / "nala.jsonl"
    path.write_bytes(TRICKY.encode("utf-8"))
    monkeypatch.setattr(nightly, "FEED_BLOCK", block)
    assert list(feed_lines(path)) == path.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("ending", ["", "\n", "\n\n"])
def test_a_last_line_is_read_with_or_without_its_line_feed(tmp_path, ending):
    path = tmp_path / "nala.jsonl"
    path.write_text("one\ntwo" + ending, encoding="utf-8")
    assert list(feed_lines(path)) == ["one", "two", *[""] * (len(ending) - 1)]


def test_records_are_read_and_numbered_as_from_the_whole_text(tmp_path, monkeypatch):
    path = tmp_path / "nala.jsonl"
    path.write_bytes(TRICKY.encode("utf-8"))
    monkeypatch.setattr(nightly, "FEED_BLOCK", 5)
    records, rejected, items = read_feed(path, "nala")
    # The BOM spoils line 1 and U+2028/U+0085 split records a and c in two:
    # each half is a rejected line, numbered as splitlines numbers them.
    assert [r["id"] for r in records] == ["nala:b", "nala:d"]
    assert [number for number, _ in rejected] == [1, 2, 6, 7]
    assert items == 6


def test_a_hand_edited_feed_is_checked_line_by_line(tmp_path):
    lines = [
        json.dumps(listing("nala", "ok1")),
        json.dumps(listing("nala", "bad", price_usd=-5)),
        "{not json",
        json.dumps(listing("nala", "ok2", credits=[{"category": "ethics"}])),
        json.dumps(listing("clio", "elsewhere")),
        json.dumps(listing("nala", "ok3")),
    ]
    path = tmp_path / "nala.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records, rejected, items = read_feed(path, "nala")
    assert [r["id"] for r in records] == ["nala:ok1", "nala:ok3"]
    assert [number for number, _ in rejected] == [2, 3, 4, 5]
    assert "price_usd" in rejected[0][1]
    assert rejected[1][1].startswith("not valid JSON")
    assert "'hours'" in rejected[2][1]
    assert rejected[3][1] == "provider 'clio' in nala's feed"
    assert items == 6


def test_a_feed_that_is_not_utf8_names_the_offset_in_the_whole_file(
    tmp_path, monkeypatch
):
    good = (json.dumps(listing("nala", "a")) + "\n").encode("utf-8") * 20
    path = tmp_path / "nala.jsonl"
    path.write_bytes(good + b'{"id": "\xff"}\n')
    monkeypatch.setattr(nightly, "FEED_BLOCK", 64)
    with pytest.raises(UnicodeDecodeError) as whole:
        path.read_text(encoding="utf-8")
    assert f"position {len(good) + 8}:" in str(whole.value)  # past '{"id": "'
    expected = [(1, f"feed is unreadable ({whole.value})")]
    assert read_feed(path, "nala") == ([], expected, 1)
