"""``fts_words(q)``: any text a person types, as an FTS5 query that cannot fail.

The search canned query matches ``courses_fts`` against ``fts_words(:q)``.
Datasette's ``escape_fts`` turns a lone ``"`` into an empty query, and FTS5
answers an empty query with ``fts5: syntax error``. Here every whitespace
separated word becomes an FTS5 string (``"..."`` with ``"`` doubled, FTS5
documentation section 3.1), so ``AND``, ``NEAR(``, ``-``, ``:`` and ``*`` are
searched as words, never read as operators; a word ending in ``*`` keeps its
prefix search (``confid*``). A query with no words at all becomes
:data:`NO_WORDS`, the FTS5 string of one quote character: FTS5 reads it as an
empty phrase, which matches nothing, without an error. Only the first 32
words are searched.
"""

from __future__ import annotations

import re

from datasette import hookimpl

#: What a query without words becomes: a valid FTS5 query that matches nothing.
NO_WORDS = '""""'
#: Words past this many are ignored: a search box, not a document.
MAX_WORDS = 32
# Control characters and lone surrogates: SQLite cannot take them in a query.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def fts_words(query: object) -> str:
    """Quote each word of ``query`` as an FTS5 string; never a syntax error."""
    words = _CONTROL.sub(" ", str(query or "")).split()[:MAX_WORDS]
    terms = []
    for word in words:
        prefix = word.endswith("*") and word.strip('*"') != ""
        body = word.rstrip("*") if prefix else word
        terms.append('"' + body.replace('"', '""') + '"' + ("*" if prefix else ""))
    return " ".join(terms) or NO_WORDS


@hookimpl(trylast=True)
def prepare_connection(conn):
    """Register ``fts_words``, also as ``escape_fts``, on every connection.

    The table pages' search box (``/catalog/courses?_search=``) matches
    ``escape_fts(:search)``; registered last, this replaces Datasette's own
    ``escape_fts`` so that box cannot answer with a syntax error either.
    """
    conn.create_function("fts_words", 1, fts_words, deterministic=True)
    conn.create_function("escape_fts", 1, fts_words, deterministic=True)
