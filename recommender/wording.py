"""Normalized words: the one way listings, profiles and queries are split.

Paralegals and providers spell one word several ways ("e-discovery",
"eDiscovery"; "filing", "files"). :func:`words` folds spelling variants
(case, hyphens, accents, "&", plural "s", Snowball stems) into one form and
leaves out stop words; :mod:`recommender.vocabulary` finds the concepts of
``data/vocabulary.yml`` in those words. Pure Python, so the fast path of
``cle recommend`` can use it without scikit-learn.
"""

from __future__ import annotations

import re
import unicodedata

#: English function words plus words every CLE listing uses, so they tell
#: nothing about a course ("credit", "webinar", "paralegal"). Not "hour",
#: "demand" or "professional": vocabulary phrases need them ("wage and
#: hour", "demand letters", "professional responsibility").
STOP_WORDS = frozenset(
    """a about above after again all also am an and any are as at be been before
    being below between both but by can could did do does doing down during each
    few for from further had has have having here how i if in into is it its
    itself just more most no nor not of off on once only or other our out over own
    same she should so some such than that the their them then there these they
    this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours how new learn learning
    topic topics session sessions overview introduction intro basic basics
    cle ce mcle credit credits course courses webinar webinars program
    programs seminar seminars class online live recorded paralegal
    paralegals assistant assistants attendee
    attendees participant participants join us""".split()
)

#: Short forms of single words, expanded before matching ("med mal",
#: "trial prep", "legal docs"). Phrase abbreviations (PI, ESI, UPL) live in
#: data/vocabulary.yml as synonyms of their concept.
WORD_ABBREVIATIONS = {
    "med": "medical",
    "prep": "preparation",
    "docs": "document",
    "doc": "document",
    "mgmt": "management",
    "admin": "administration",
    "atty": "attorney",
    "attys": "attorney",
    "govt": "government",
    "corp": "corporate",
    "info": "information",
    "intl": "international",
    "comp": "compensation",
    "lit": "litigation",
    "tech": "technology",
    "acct": "accounting",
    "accts": "accounting",
}

#: A raw word of folded text.
WORD_PATTERN = re.compile(r"[a-z0-9]+")
_APOSTROPHE = re.compile(r"['\u2019]s\b|['\u2019]")


def fold(text: str) -> str:
    """Lowercase, strip accents and spell "&" as "and"."""
    if not text.isascii():  # most text is ASCII: skip the per-character pass
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("&", " and ")
    return _APOSTROPHE.sub("", text)


def stem(word: str) -> str:
    """The Snowball (Porter 2) stem of a word: filing, files -> file.

    So word forms match each other: "electronically" and "electronic",
    "reviewing" and "review", "injuries" and "injury".
    """
    stemmed = _STEMS.get(word)
    if stemmed is None:
        stemmed = _STEMS[word] = _stemmer().stemWord(word)
    return stemmed


def _stemmer():
    global _STEMMER
    if _STEMMER is None:
        from snowballstemmer.english_stemmer import EnglishStemmer

        _STEMMER = EnglishStemmer()
    return _STEMMER


_STEMMER = None
#: Words whose Snowball stem joins them to an unrelated vocabulary word, or
#: parts them from their own: "willful" is not a "will" ("damages for
#: willful violations" of a bankruptcy stay read as estate planning), and
#: "employee" (stem "employe") is the "employment" of "employment law".
STEM_EXCEPTIONS = {
    "willful": "willful",
    "willfully": "willful",
    "wilful": "willful",
    "employee": "employ",
    "employees": "employ",
    # PLI sells "One-Hour Briefings" (pli.edu) on every subject: a briefing
    # is a short update, not the "briefs" of legal writing.
    "briefing": "briefing",
    "briefings": "briefing",
}
_STEMS: dict[str, str] = dict(STEM_EXCEPTIONS)


def word_spans(
    text: str, keep: frozenset[str] = frozenset()
) -> tuple[str, list[tuple[str, int, int]]]:
    """The folded text and its normalized words with their spans in it.

    A single letter joined to the next word by a hyphen or space is one word,
    so "e-discovery", "e discovery" and "eDiscovery" all give "ediscovery".
    Stop words are left out; abbreviations are expanded and plurals reduced.

    :param keep: stop words to keep (a profile phrase is a noun phrase, so its
        "will" is a will, not a verb)
    """
    folded = fold(text)
    raw = [(m.group(), m.start(), m.end()) for m in WORD_PATTERN.finditer(folded)]
    out: list[tuple[str, int, int]] = []
    index = 0
    while index < len(raw):
        word, start, end = raw[index]
        if (
            len(word) == 1
            and word.isalpha()
            and word not in "ai"
            and index + 1 < len(raw)
        ):
            word += raw[index + 1][0]
            end = raw[index + 1][2]
            index += 1
        index += 1
        if word in STOP_WORDS and word not in keep:
            continue
        out.append((stem(WORD_ABBREVIATIONS.get(word, word)), start, end))
    return folded, out


def plain_words(text: str) -> list[str]:
    """Folded words with nothing left out (for comparing titles)."""
    return WORD_PATTERN.findall(fold(text))


def words(text: str, keep: frozenset[str] = frozenset()) -> list[str]:
    """Split text into normalized words, without stop words (see :func:`word_spans`)."""
    if keep:
        return [word for word, _, _ in word_spans(text, keep)[1]]
    # The same words as word_spans gives, without the spans: this is most of
    # the index refit (a million listings' fields), so each raw word is
    # normalized once per process (_NORMAL) and the text split by findall.
    folded = fold(text)
    raw = WORD_PATTERN.findall(folded)
    if _JOINED_LETTER.search(folded):
        raw = _join_letters(raw)
    for word in set(raw).difference(_NORMAL):
        _NORMAL[word] = _normal(word)
    return [normal for normal in map(_NORMAL.__getitem__, raw) if normal is not None]


def _join_letters(raw: list[str]) -> list[str]:
    """Raw words with a lone letter (not "a" or "i") joined to the next word."""
    out: list[str] = []
    index, count = 0, len(raw)
    while index < count:
        word = raw[index]
        if len(word) == 1 and word.isalpha() and word not in "ai" and index + 1 < count:
            index += 1
            word += raw[index]
        index += 1
        out.append(word)
    return out


def _normal(word: str) -> str | None:
    """A raw word's normalized form, or None for a stop word (as in word_spans)."""
    if word in STOP_WORDS:
        return None
    return stem(WORD_ABBREVIATIONS.get(word, word))


#: A lone letter that word_spans joins to the next word ("e-discovery").
_JOINED_LETTER = re.compile(r"(?<![a-z0-9])[b-hj-z](?![a-z0-9])")
#: Raw word -> its normalized form (None: a stop word), filled by words().
_NORMAL: dict[str, str | None] = {}
