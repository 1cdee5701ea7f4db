"""Replace one delimited section of BENCHMARKS.md, leaving the others alone.

Each benchmark owns the text between ``<!-- NAME:start -->`` and
``<!-- NAME:end -->``; a missing section is appended at the end.
"""

from __future__ import annotations

from pathlib import Path

from catalog.paths import PROJECT_ROOT

BENCHMARKS_MD = PROJECT_ROOT / "BENCHMARKS.md"


def replace_section(name: str, body: str, path: Path = BENCHMARKS_MD) -> None:
    """Write ``body`` as the section ``name`` of the markdown file."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{body.rstrip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if start in text and end in text:
        before = text[: text.index(start)]
        after = text[text.index(end) + len(end) :]
        text = before + block + after
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
