"""The domain vocabulary: the practice areas and skills words name.

Paralegals and providers use different words for one thing ("e-discovery",
"ESI", "electronically stored information"). :class:`Vocabulary` finds the
practice areas and skills of ``data/vocabulary.yml`` in a list of normalized
words (:mod:`recommender.wording`), and corrects a slip in a profile's word.
Everything here is pure Python so the fast path of ``cle recommend`` can use it
without scikit-learn.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from dataclasses import dataclass, field

from catalog.paths import reference_path
from recommender.wording import WORD_PATTERN, word_spans, words

#: Kinds of concept in the vocabulary file, and the prefix of their tokens.
KINDS = {"practice_areas": "area", "skills": "skill"}


@dataclass(frozen=True)
class Concept:
    """One practice area or skill: its id, kind, label and phrases."""

    id: str
    kind: str
    label: str
    phrases: tuple[tuple[str, ...], ...]

    @property
    def token(self) -> str:
        """The token that stands for this concept in documents and queries."""
        return f"{self.kind}:{self.id}"


@dataclass
class Vocabulary:
    """Concepts with a phrase table for finding them in normalized words."""

    concepts: dict[str, Concept] = field(default_factory=dict)
    _phrases: dict[tuple[str, ...], str] = field(default_factory=dict, repr=False)
    #: What :meth:`find` reads (:meth:`_match_table`), built on first use.
    _matches: dict[tuple[str, ...], str] | None = field(default=None, repr=False)
    _starts: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)
    _words: frozenset[str] | None = field(default=None, repr=False)

    @classmethod
    def from_mapping(cls, data: dict) -> Vocabulary:
        """Build from the parsed YAML (``practice_areas`` and ``skills`` maps)."""
        vocabulary = cls()
        for section, kind in KINDS.items():
            for concept_id, entry in (data.get(section) or {}).items():
                names = [entry["label"], concept_id.replace("_", " ")]
                names += entry.get("synonyms") or []
                phrases = tuple(
                    dict.fromkeys(tuple(words(str(n))) for n in names if words(str(n)))
                )
                concept = Concept(concept_id, kind, entry["label"], phrases)
                vocabulary.add(concept)
        return vocabulary

    def add(self, concept: Concept) -> None:
        """Register a concept; a phrase already taken keeps its first owner."""
        self.concepts[concept.token] = concept
        self._matches = None
        self._words = None
        for phrase in concept.phrases:
            self._phrases.setdefault(phrase, concept.token)

    def _match_table(self) -> dict[tuple[str, ...], str]:
        """Every word sequence :meth:`find` matches, with its concept.

        The phrases, and two-word phrases also swapped: "preparing for trial"
        names "trial preparation" and "drafting contracts" names "contract
        drafting" (English puts the head noun of two-word phrases on either
        side). A phrase as written wins. Beside it, per first word, the sizes
        of the sequences starting with it, longest first (most words start
        none, so :meth:`find` tries no slice there).
        """
        if self._matches is None:
            matches = dict(self._phrases)
            for (a, b), token in (
                (p, t) for p, t in self._phrases.items() if len(p) == 2
            ):
                matches.setdefault((b, a), token)
            sizes: dict[str, set[int]] = {}
            for sequence in matches:
                if sequence:
                    sizes.setdefault(sequence[0], set()).add(len(sequence))
            self._starts = {
                word: tuple(sorted(found, reverse=True))
                for word, found in sizes.items()
            }
            self._matches = matches
        return self._matches

    def to_json(self) -> dict:
        """A plain form for the persisted index (no YAML needed to reload)."""
        return {
            token: [c.id, c.kind, c.label, [list(p) for p in c.phrases]]
            for token, c in self.concepts.items()
        }

    @classmethod
    def from_json(cls, data: dict) -> Vocabulary:
        """Rebuild from :meth:`to_json` output."""
        vocabulary = cls()
        for concept_id, kind, label, phrases in data.values():
            phrases = tuple(tuple(p) for p in phrases)
            vocabulary.add(Concept(concept_id, kind, label, phrases))
        return vocabulary

    def find(self, tokens: list[str]) -> list[tuple[str, int, int]]:
        """Return ``(concept token, start, end)`` for each phrase found, longest first.

        Matches do not overlap: at each position the longest phrase wins.
        """
        matches = self._match_table()
        starts = self._starts
        found = []
        count, resume = len(tokens), 0
        for index, word in enumerate(tokens):
            sizes = starts.get(word)
            if sizes is None or index < resume:
                continue
            for size in sizes:
                if size <= count - index:
                    token = matches.get(tuple(tokens[index : index + size]))
                    if token:
                        found.append((token, index, index + size))
                        resume = index + size
                        break
        return found

    def concepts_containing(self, tokens: list[str]) -> list[str]:
        """Concepts with a phrase that contains every one of ``tokens``.

        For a profile phrase that names no concept outright ("chronologies"
        is part of "medical chronologies"); sorted by token.
        """
        wanted = set(tokens)
        if not wanted:
            return []
        return sorted(
            {token for phrase, token in self._phrases.items() if wanted <= set(phrase)}
        )

    def concepts_within(self, tokens: list[str]) -> list[str]:
        """Concepts with a phrase of two or more words all among ``tokens``.

        A profile phrase is short, so its words need not be adjacent or in
        order: "filing documents electronically" holds "electronic filing".
        Only the concepts of the longest such phrases are returned, sorted.
        """
        wanted = set(tokens)
        found: dict[str, int] = {}
        for phrase, token in self._phrases.items():
            if len(phrase) > 1 and wanted.issuperset(phrase):
                found[token] = max(found.get(token, 0), len(phrase))
        if not found:
            return []
        longest = max(found.values())
        return sorted(token for token, size in found.items() if size == longest)

    def overlap(
        self, tokens: list[str], discount: frozenset[str] = frozenset()
    ) -> dict[str, tuple[float, int]]:
        """Per concept: how specifically its phrases share ``tokens``, and how often.

        A shared word counts 1 / (number of concepts that use it), so "law"
        (in many concepts) counts little and "injury" much. For a profile
        phrase that shares only some words with the vocabulary ("getting
        ready for trial" shares "trial").

        :param discount: words that count half (activities, see
            :func:`recommender.documents.activity_words`)
        :return: concept token -> (summed specificity, phrases sharing a word)
        """
        wanted = set(tokens)
        owners: dict[str, set[str]] = {}
        for phrase, token in self._phrases.items():
            for word in wanted.intersection(phrase):
                owners.setdefault(word, set()).add(token)
        covered: dict[str, set[str]] = {}
        phrases: dict[str, int] = {}
        for phrase, token in self._phrases.items():
            common = wanted.intersection(phrase)
            if common:
                covered.setdefault(token, set()).update(common)
                phrases[token] = phrases.get(token, 0) + 1
        return {
            token: (
                round(
                    sum(
                        (0.5 if word in discount else 1.0) / len(owners[word])
                        for word in covered[token]
                    ),
                    6,
                ),
                phrases[token],
            )
            for token in covered
        }

    @property
    def words(self) -> frozenset[str]:
        """Every normalized word of every phrase (the vocabulary's lexicon)."""
        if self._words is None:
            self._words = frozenset(w for phrase in self._phrases for w in phrase)
        return self._words

    def correct(
        self,
        tokens: list[str],
        known: Container[str] = frozenset(),
        frequency: Callable[[str], int] | None = None,
        typed: list[str] | None = None,
    ) -> list[str]:
        """Tokens with misspelt or clipped words replaced by vocabulary words.

        Paralegals type "reserach", "bankrupcy", "calender", "depo" or "fam
        law". A word found neither in the vocabulary nor in ``known`` (the
        catalog's words) is replaced by the vocabulary word it begins (at
        least three letters) or is one edit from (two for long words), when
        that word is the only candidate or the only one that forms a
        vocabulary phrase with its neighbours, or else the one the catalog
        uses most (``frequency``: listings per word; "depo" is "deposition"
        in a catalog of litigation courses). Anything else is left as is.

        :param typed: each token's word as typed (folded), when known: a slip
            can change the stem ("crimnal" stems as typed, "writting" to
            "writ"), so the typed word is also compared with the stems it
            may begin (:func:`_slip_of_stem`)
        """
        out = list(tokens)
        for index, token in enumerate(tokens):
            if token in self.words or token in known or not _correctable(token):
                continue
            candidates = self._near(token)
            if not candidates and typed is not None:
                word = typed[index]
                candidates = sorted(w for w in self.words if _slip_of_stem(word, w))
            if len(candidates) > 1:
                options = candidates
                candidates = [
                    word
                    for word in options
                    if self._in_phrase(out[:index] + [word] + out[index + 1 :], index)
                ]
                if not candidates and frequency is not None:
                    ranked = sorted((-frequency(w), w) for w in options)
                    if ranked[0][0] < 0 and (
                        len(ranked) == 1 or ranked[0][0] < ranked[1][0]
                    ):
                        candidates = [ranked[0][1]]
            if len(candidates) == 1:
                out[index] = candidates[0]
        return out

    def _near(self, token: str) -> list[str]:
        """Vocabulary words ``token`` may be a slip or a clipping of, sorted."""
        return sorted(word for word in self.words if _near(token, word))

    def _in_phrase(self, tokens: list[str], index: int) -> bool:
        """True when a phrase of two or more words covers position ``index``."""
        return any(
            start <= index < end and end - start > 1
            for _, start, end in self.find(tokens)
        )

    def concepts_in(self, text: str) -> list[str]:
        """The concept tokens named in a text, in order of first mention."""
        return list(dict.fromkeys(token for token, _, _ in self.find(words(text))))

    def label(self, token: str) -> str:
        """The human label of a concept token (the token itself if unknown)."""
        concept = self.concepts.get(token)
        return concept.label if concept else token


def _correctable(token: str) -> bool:
    """Words worth correcting: three letters or more, not numbers."""
    return len(token) >= 3 and token.isalpha()


def _near(typed: str, word: str) -> bool:
    """True when ``typed`` clips ``word`` or is a small typing error of it.

    Compared as stems, so a slip can also show as a stem that begins with a
    vocabulary stem of five letters or more ("immigraton" begins "immigr",
    the stem of "immigration"). Only words the catalog does not use are
    corrected (:meth:`Vocabulary.correct`). Four-letter stems are left as
    typed: one edit from a vocabulary word ("bile" from "bill") was as often
    another word (measured on variant d, 2026-12-01).
    """
    if word.startswith(typed) and len(word) > len(typed):
        return True
    if len(word) >= 5 and typed.startswith(word) and len(typed) - len(word) <= 4:
        return True
    if len(typed) < 5 or typed[0] != word[0] or abs(len(typed) - len(word)) > 2:
        return False
    return edit_distance(typed, word) <= (2 if len(typed) >= 8 else 1)


def _slip_of_stem(typed: str, stem_: str) -> bool:
    """True when a typed word begins with one slip of a vocabulary stem.

    A stem is the start of its words ("crimin" of "criminal"): a word typed
    with one slip in that start ("corprate", "emplyment") begins with a
    prefix one edit from the stem and ends in at most four more letters.
    Stems under five letters and words under six are never guessed at:
    "ready" is one edit from "rea(l)" plus "dy", "dates" from "data" plus
    "s" (measured on variants c and d, 2026-12-01).
    """
    if len(stem_) < 5 or len(typed) < 6 or typed[0] != stem_[0]:
        return False
    for size in (len(stem_) - 1, len(stem_), len(stem_) + 1):
        if 0 < len(typed) - size <= 4 and edit_distance(typed[:size], stem_) <= 1:
            return True
    return False


def edit_distance(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) from ``a`` to ``b``."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            current[j] = min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (char_a != char_b),
            )
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def load_vocabulary(path=None) -> Vocabulary:
    """Read ``data/vocabulary.yml`` (or another file of the same shape)."""
    import yaml

    path = path or reference_path("vocabulary.yml")
    with open(path, encoding="utf-8") as handle:
        return Vocabulary.from_mapping(yaml.safe_load(handle))


def vocabulary_fingerprint(path=None) -> str:
    """A short hash of the vocabulary file: the index is rebuilt when it changes."""
    import hashlib

    path = path or reference_path("vocabulary.yml")
    with open(path, "rb") as handle:
        return hashlib.sha1(handle.read()).hexdigest()[:12]


def surface_forms(text: str, vocabulary: Vocabulary) -> dict[str, list[str]]:
    """Map each concept in a text to the wording that named it there (lowercase)."""
    folded, spans = word_spans(text)
    tokens = [word for word, _, _ in spans]
    forms: dict[str, list[str]] = {}
    for token, start, end in vocabulary.find(tokens):
        phrase = folded[spans[start][1] : spans[end - 1][2]]
        forms.setdefault(token, [])
        # A phrase whose words lie far apart is still a match, but not one
        # to quote ("chronologies and how medical").
        spread = len(WORD_PATTERN.findall(phrase)) > end - start + 1
        if spread or phrase in forms[token]:
            continue
        forms[token].append(phrase)
    return forms


def surface_words(text: str) -> dict[str, str]:
    """Map each normalized word of a text to its first wording there."""
    folded, spans = word_spans(text)
    found: dict[str, str] = {}
    for word, start, end in spans:
        found.setdefault(word, folded[start:end])
    return found
