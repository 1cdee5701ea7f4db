"""Turn listings into documents and a profile into queries (lists of tokens).

A document is the listing's words plus the concept tokens (``skill:ediscovery``,
``area:personal_injury``) the vocabulary finds in it, so "ESI" in a description
meets "e-discovery" in a profile. The title counts twice: providers put the
subject of a course in its title and pad the description.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Container
from dataclasses import dataclass
from typing import TYPE_CHECKING

from recommender.vocabulary import Vocabulary
from recommender.wording import plain_words, stem, word_spans, words

if TYPE_CHECKING:
    from recommender.tracking.profile import Profile

#: How many times the title's tokens count in a document.
TITLE_REPEAT = 2
#: How much a concept token outweighs one plain word in a query.
QUERY_CONCEPT_WEIGHT = 3.0
#: A phrase that is only part of a concept's wording ("chronologies") is
#: expanded to that concept when at most this many concepts contain it.
PARTIAL_MAX_CONCEPTS = 2


#: Prefix of the concept tokens of a listing's subject (title and tags).
FOCUS = "focus:"


def field_tokens(
    text: str, vocabulary: Vocabulary, *, focus: bool = False
) -> list[str]:
    """The words of one field followed by the concept tokens found in them.

    :param focus: also emit ``focus:<concept>`` (the field names the subject)
    """
    tokens = words(text)
    concepts = [token for token, _, _ in vocabulary.find(tokens)]
    if focus:
        concepts += [FOCUS + token for token in concepts]
    return tokens + concepts


def listing_text(listing: dict) -> dict[str, str]:
    """The searchable fields of a listing as plain strings."""
    return {
        "title": listing.get("title") or "",
        "practice_areas": "; ".join(listing.get("practice_areas") or []),
        "description": listing.get("description") or "",
        "presenters": "; ".join(listing.get("presenters") or []),
    }


def listing_tokens(listing: dict, vocabulary: Vocabulary) -> list[str]:
    """The document of one listing: title (twice), practice areas, description."""
    return _document(listing, lambda text, focus: _tokens(text, vocabulary, focus))


def _tokens(text: str, vocabulary: Vocabulary, focus: bool | None) -> list[str]:
    """:func:`field_tokens`, or the words only when ``focus`` is None (names)."""
    if focus is None:
        return words(text)
    return field_tokens(text, vocabulary, focus=focus)


def _document(
    listing: dict, tokens_of: Callable[[str, bool | None], list[str]]
) -> list[str]:
    """A listing's document from the tokens of each of its fields."""
    fields = listing_text(listing)
    tokens = tokens_of(fields["title"], True) * TITLE_REPEAT
    tokens += tokens_of(fields["practice_areas"], True)
    tokens += tokens_of(fields["description"], False)
    # Presenter names are matched as words only (no concepts hide in names).
    tokens += tokens_of(fields["presenters"], None)
    return tokens


#: Field texts whose tokens a :class:`ListingTokenizer` keeps (then it forgets
#: them all): 32,768 keep 98% of the repeats of the generated 100k catalog,
#: in tens of MB at a million listings.
MEMO_TEXTS = 1 << 15


class ListingTokenizer:
    """:func:`listing_tokens` for many listings, each field text tokenized once.

    Listings share titles, practice areas and descriptions (a provider's
    recurring course; in the generated 100k catalog 1,785 titles and 56,229
    descriptions): the index refit tokenizes a repeated text from its memo.
    """

    def __init__(self, vocabulary: Vocabulary, memo_texts: int = MEMO_TEXTS):
        self.vocabulary = vocabulary
        self.memo_texts = memo_texts
        self._memo: dict[tuple[str, bool | None], list[str]] = {}

    def __call__(self, listing: dict) -> list[str]:
        """The document of one listing, as :func:`listing_tokens` gives it."""
        return _document(listing, self._tokens)

    def _tokens(self, text: str, focus: bool | None) -> list[str]:
        # Callers only read the list (``_document`` builds a new one).
        key = (text, focus)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= self.memo_texts:
                self._memo.clear()
            found = self._memo[key] = _tokens(text, self.vocabulary, focus)
        return found


@dataclass(frozen=True)
class QueryItem:
    """One profile wish (a skill gap or a practice area) as weighted tokens."""

    kind: str  # "skill_gap" or "practice_area"
    text: str
    terms: tuple[tuple[str, float], ...]
    concepts: tuple[str, ...]
    #: How surely the phrase means its concepts: 1 when it names them, less
    #: when they are guesses from shared words that fit several concepts.
    certainty: float = 1.0


#: Stop words that are nouns in a profile phrase ("will drafting").
PHRASE_NOUNS = frozenset({"will"})


def query_item(
    kind: str,
    text: str,
    vocabulary: Vocabulary,
    known: Container[str] = (),
    frequency: Callable[[str], int] | None = None,
) -> QueryItem:
    """Expand one profile phrase: its words plus the concepts it names.

    :param known: the catalog's words; other words may be spelling slips
        (:meth:`Vocabulary.correct`)
    :param frequency: listings per catalog word, to choose between readings
    """
    folded, spans = word_spans(text, PHRASE_NOUNS)
    typed = [folded[start:end] for _, start, end in spans]
    tokens = vocabulary.correct([t for t, _, _ in spans], known, frequency, typed)
    concepts = tuple(dict.fromkeys(t for t, _, _ in vocabulary.find(tokens)))
    certainty = 1.0
    if not concepts:
        concepts = tuple(partial_concepts(tokens, vocabulary, activity_words(text)))
        certainty = 1.0 / max(1, len(concepts))
    weights: Counter[str] = Counter()
    for token in tokens:
        weights[token] += 1.0
    for concept in concepts:
        weights[concept] += QUERY_CONCEPT_WEIGHT * certainty
        # The concept's own label words help where a listing spells it out.
        for token in words(vocabulary.label(concept)):
            weights[token] += 0.5
    return QueryItem(kind, text, tuple(sorted(weights.items())), concepts, certainty)


def activity_words(text: str) -> frozenset[str]:
    """Stems of the "-ing" words of a phrase: the activity, not the subject.

    In "assisting at trial" the subject is the trial; "assisting" only says
    what the paralegal does there (and would otherwise pull in "technology
    assisted review").
    """
    return frozenset(
        stem(word)
        for word in plain_words(text)
        if word.endswith("ing") and len(word) > 5
    )


def partial_concepts(
    tokens: list[str],
    vocabulary: Vocabulary,
    activities: frozenset[str] = frozenset(),
) -> list[str]:
    """Concepts a phrase names only in part.

    First the concepts with a phrase holding all its words ("chronologies" is
    part of "medical chronologies"); else those with a phrase of two or more
    words all in it, in any order ("filing documents electronically" holds
    "electronic filing"); else the concept(s) sharing its words
    most specifically, then in the most phrases (:meth:`Vocabulary.overlap`:
    "getting ready for trial" shares "trial" with five trial-preparation
    phrases and one litigation phrase). More than
    :data:`PARTIAL_MAX_CONCEPTS` equally good concepts ("law") say nothing,
    and none is used.
    """
    whole = vocabulary.concepts_containing(tokens)
    if whole:
        return whole if len(whole) <= PARTIAL_MAX_CONCEPTS else []
    within = vocabulary.concepts_within(tokens)
    if within:
        return within if len(within) <= PARTIAL_MAX_CONCEPTS else []
    overlap = vocabulary.overlap(tokens, activities)
    if not overlap:
        return []
    best = max(overlap.values())
    top = sorted(token for token, score in overlap.items() if score == best)
    return top if len(top) <= PARTIAL_MAX_CONCEPTS else []


def profile_queries(
    profile: Profile,
    vocabulary: Vocabulary,
    known: Container[str] = (),
    frequency: Callable[[str], int] | None = None,
) -> list[QueryItem]:
    """One query item per skill gap, then one per practice area.

    :param known: the catalog's words (index terms), kept as typed
    """
    items = []
    for kind, attribute in (
        ("skill_gap", "skill_gaps"),
        ("practice_area", "practice_areas"),
    ):
        for text in getattr(profile, attribute) or []:
            if words(text, PHRASE_NOUNS):
                items.append(query_item(kind, text, vocabulary, known, frequency))
    return items


def query_vector(
    terms: dict[str, float], vocabulary: dict[str, int], idf
) -> dict[int, float]:
    """Weight query terms by idf and normalize to unit length; unknown terms drop.

    :param terms: token -> raw weight (how much the profile stresses it)
    :param vocabulary: token -> column
    :param idf: idf per column
    :return: column -> weight
    """
    vector = {}
    for term, weight in terms.items():
        column = vocabulary.get(term)
        if column is not None and weight > 0:
            vector[column] = vector.get(column, 0.0) + weight * float(idf[column])
    norm = sum(w * w for w in vector.values()) ** 0.5
    return {c: w / norm for c, w in vector.items()} if norm else {}
