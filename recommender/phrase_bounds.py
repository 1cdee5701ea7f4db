"""Relevance bounds of listings from what they hold of each profile phrase.

A listing's match strength with a phrase grows with its cosine with the
phrase's query, and that cosine is at most the sum, over the query terms the
listing holds, of the query weight times the term's largest weight in any
listing. Per phrase, a listing is known by two facts the postings answer
without scoring it:

- its state: a concept of the phrase in its title or tags (focus), only
  mentioned, or neither (weak: then it holds no concept token of the phrase);
- its level: the heaviest word of the phrase it holds (words are the query's
  other terms, heaviest first), or none (it then holds only the concept
  tokens its state says; a weak listing holding none has strength 0).

:func:`phrase_caps` bounds the strength per state and level and
:func:`relevance_bound` turns the bounds of all phrases into a relevance
bound; :class:`RelevanceTree` groups listings by these facts. A word held by most
listings ("law", "file") weighs little and stays at the end: listings
sharing only such words with a phrase get a small bound, not the words-only
cap of the heavy ones.

When many listings still reach the bar, :class:`PostingScores` gives each its
exact relevance from one pass over every phrase's postings, far cheaper per
listing than ranking it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from recommender.documents import FOCUS, QueryItem
from recommender.index_store import PersistedIndex
from recommender.rank import match_strength, relevance
from recommender.textmatch import PhraseSets, phrase_strength
from recommender.weights import Weights

#: State of one listing for one phrase: concept in title/tags, mentioned, neither.
FOCUS_STATE, MENTION_STATE, WEAK_STATE = 0, 1, 2


@dataclass(frozen=True)
class PhraseWords:
    """The words of a phrase (query terms beside its concepts), heaviest first.

    :ivar concepts: the cosine bound from the concept tokens alone
    :ivar tails: ``tails[j]``: the cosine bound from words ``j`` and after
        (``tails[-1]`` is 0: no word)
    :ivar holders: ``holders[j]``: the listings holding word ``j``
    """

    concepts: float
    tails: tuple[float, ...]
    holders: tuple[frozenset[int], ...]


def phrase_words(
    index: PersistedIndex, item: QueryItem, phrase: PhraseSets
) -> PhraseWords:
    """Split a phrase's query into concept tokens and words, with the holders."""
    concept_columns = {
        index.terms.get(token)
        for concept in item.concepts
        for token in (concept, FOCUS + concept)
    }
    concepts, words = 0.0, []
    for column, weight in phrase.vector.items():
        most = weight * index.term_max[column]
        if column in concept_columns:
            concepts += most
        else:
            words.append((most, column))
    words.sort(key=lambda word: (-word[0], word[1]))
    tails = [0.0]
    for most, _ in reversed(words):
        tails.append(tails[-1] + most)
    indptr, indices = index.indptr, index.indices
    holders = tuple(
        frozenset(indices[indptr[column] : indptr[column + 1]]) for _, column in words
    )
    return PhraseWords(concepts, tuple(reversed(tails)), holders)


def phrase_caps(
    item: QueryItem, words: PhraseWords, weights: Weights
) -> tuple[tuple[float, ...], ...]:
    """Upper bounds of a phrase's match strength, ``caps[state][level]``.

    Strength grows with cosine and certainty (the exact one is at most the
    phrase's); a weak listing holds no concept token.
    """
    concepts = bool(item.concepts)
    found = []
    for state in (FOCUS_STATE, MENTION_STATE, WEAK_STATE):
        base = 0.0 if state == WEAK_STATE else words.concepts
        found.append(
            tuple(
                match_strength(
                    min(base + tail, 1.0),
                    state == FOCUS_STATE,
                    state != WEAK_STATE,
                    concepts,
                    weights,
                    certainty=item.certainty if state != WEAK_STATE else 1.0,
                )
                for tail in words.tails
            )
        )
    return tuple(found)


def relevance_bound(
    queries: list[QueryItem],
    caps: list[tuple[tuple[float, ...], ...]],
    states: tuple[tuple[int, int] | None, ...],
    weights: Weights,
    kinds: list[str],
) -> float:
    """Relevance bound of a listing in the given (state, level) for each phrase.

    :param states: per phrase, (FOCUS/MENTION/WEAK_STATE, level), or None for
        any
    """
    scores: dict[tuple[str, str], float] = {}
    for item, cap, state in zip(queries, caps, states, strict=True):
        key = (item.kind, item.text)
        if state is None:
            bound = max(max(levels) for levels in cap)
        else:
            bound = cap[state[0]][state[1]]
        scores[key] = max(scores.get(key, 0.0), bound)
    return relevance(scores, weights, kinds)[0]


def listing_state(
    position: int, phrase: PhraseSets, words: PhraseWords
) -> tuple[int, int]:
    """The (state, level) of one listing for one phrase (what :func:`split` finds)."""
    if position in phrase.focus_any:
        state = FOCUS_STATE
    elif position in phrase.mention:
        state = MENTION_STATE
    else:
        state = WEAK_STATE
    held = (j for j, holding in enumerate(words.holders) if position in holding)
    return state, next(held, len(words.holders))


class RelevanceTree:
    """Listings grouped by (state, level) per phrase, split only where it may pay.

    A group split by the first phrases only has the bound of every state for
    the others; it is split further only when that bound passes the test
    :meth:`reaching` is given, so listings far below the bar stay in a few
    large groups. Listings holding no term of any phrase (often most of a
    large catalog) form one group of relevance 0 from the start.
    """

    def __init__(
        self,
        touched: frozenset[int],
        untouched: frozenset[int],
        sets: list[PhraseSets],
        words: list[PhraseWords],
        relevance_part: Callable[[tuple], float],
    ) -> None:
        self.sets, self.words, self.relevance_part = sets, words, relevance_part
        nothing = tuple((WEAK_STATE, len(held.holders)) for held in words)
        self.open = [
            (states, group)
            for states, group in (((), touched), (nothing, untouched))
            if group
        ]

    def reaching(
        self, passes: Callable[[float], bool]
    ) -> list[tuple[float, frozenset[int]]]:
        """The groups split by every phrase whose bound passes, not given before.

        :return: (weighted relevance bound, listings) per group
        """
        count = len(self.sets)
        found, kept, stack = [], [], self.open
        while stack:
            states, listings = stack.pop()
            bound = self.relevance_part(states + (None,) * (count - len(states)))
            if not passes(bound):
                kept.append((states, listings))
            elif len(states) == count:
                found.append((bound, listings))
            else:
                phrase, held = self.sets[len(states)], self.words[len(states)]
                stack.extend(
                    ((*states, state), group)
                    for state, group in _split(listings, phrase, held)
                )
        self.open = kept
        return found


def _split(
    listings: frozenset[int], phrase: PhraseSets, held: PhraseWords
) -> Iterator[tuple[tuple[int, int], frozenset[int]]]:
    """Listings by their (state, level) for one phrase."""
    focus = listings & phrase.focus_any
    mention = (listings & phrase.mention) - focus
    weak = listings - focus - mention
    for state, part in (
        (FOCUS_STATE, focus),
        (MENTION_STATE, mention),
        (WEAK_STATE, weak),
    ):
        for level, group in _levels(part, held.holders):
            yield (state, level), group


def _levels(
    listings: frozenset[int], holders: tuple[frozenset[int], ...]
) -> Iterator[tuple[int, frozenset[int]]]:
    """Listings by the heaviest word they hold (``len(holders)``: none)."""
    for level, holding in enumerate(holders):
        if not listings:
            return
        held = listings & holding
        if held:
            yield level, held
            listings = listings - held
    if listings:
        yield len(holders), listings


class PostingScores:
    """Exact text scores of any listing, from one pass over each phrase's postings.

    The similarities are summed in the order of
    :func:`recommender.service.text_scores` (and of
    :func:`recommender.textmatch.exact_text_scores`), so the floats are theirs.
    """

    def __init__(
        self,
        index: PersistedIndex,
        queries: list[QueryItem],
        sets: list[PhraseSets],
        weights: Weights,
        kinds: list[str],
    ) -> None:
        self.queries, self.sets = queries, sets
        self.weights, self.kinds = weights, kinds
        indptr, indices, data = index.indptr, index.indices, index.data
        self.similarities: list[dict[int, float]] = []
        for phrase in sets:
            found: dict[int, float] = {}
            for column, weight in phrase.vector.items():
                start, end = indptr[column], indptr[column + 1]
                for position, value in zip(
                    indices[start:end], data[start:end], strict=True
                ):
                    found[position] = found.get(position, 0.0) + weight * value
            self.similarities.append(found)

    def scores(self, position: int) -> dict[tuple[str, str], float]:
        """Match strength of each phrase with the listing (non-zero only)."""
        found = {}
        for item, phrase, similarities in zip(
            self.queries, self.sets, self.similarities, strict=True
        ):
            similarity = similarities.get(position)
            if similarity is None:
                continue
            hits = sum(position in concept for concept in phrase.focus)
            strength = phrase_strength(
                item, similarity, hits, position in phrase.mention, self.weights
            )
            if strength > 0:
                found[(item.kind, item.text)] = strength
        return found

    def relevance(self, position: int) -> float:
        """The listing's relevance, as :func:`recommender.rank.rank` finds it."""
        return relevance(self.scores(position), self.weights, self.kinds)[0]


__all__ = [
    "FOCUS_STATE",
    "MENTION_STATE",
    "WEAK_STATE",
    "PostingScores",
    "PhraseWords",
    "listing_state",
    "phrase_caps",
    "phrase_words",
    "relevance_bound",
    "RelevanceTree",
]
