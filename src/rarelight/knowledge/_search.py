"""Disease search by name, synonym, id or gene symbol: exact and specific matches first."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ._disease import Disease

_NON_WORD = re.compile(r"[^0-9a-z]+")
_MIN_PREFIX = 2  # a single letter matches whole words only ("a", "x"), not every word it starts
_MIN_FUZZY = 4  # shorter words are matched exactly or by prefix only; typos in them are guesses


def normalise(text: str) -> str:
    """Casefolded, accent-free words separated by single spaces."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return _NON_WORD.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class DiseaseMatch:
    """A search result: the disease, a score in 0..1 (higher is better) and what matched."""

    disease: Disease
    score: float
    matched_on: str


@dataclass(frozen=True, slots=True)
class _Field:
    kind: str  # "name", "synonym" or "gene"
    text: str
    words: tuple[str, ...]


class DiseaseIndex:
    """An inverted index over every catalogue entry; built once, queried many times."""

    def __init__(self, diseases: Sequence[Disease]) -> None:
        self._diseases = list(diseases)
        self._fields: list[list[_Field]] = []
        self._exact: dict[str, list[tuple[int, str]]] = defaultdict(list)
        postings: dict[str, set[int]] = defaultdict(set)
        for number, disease in enumerate(self._diseases):
            fields = [_field("name", disease.name)]
            fields += [_field("synonym", s) for s in disease.synonyms]
            fields += [_field("gene", g) for g in disease.gene_symbols]
            self._fields.append(fields)
            for f in fields:
                self._exact[normalise(f.text)].append((number, f"{f.kind} “{f.text}”"))
                for word in f.words:
                    postings[word].add(number)
            for curie in disease.ids:
                for key in (normalise(curie), curie.split(":", 1)[1]):
                    self._exact[key].append((number, f"id {curie}"))
        self._postings = dict(postings)
        self._vocabulary = sorted(postings)

    def search(self, text: str, limit: int = 20) -> list[DiseaseMatch]:
        """Best matches first; ties broken by curated first, then by id (deterministic)."""
        query = normalise(text)
        if not query:
            return []
        scored: dict[int, tuple[float, str]] = {}
        for number, why in self._exact.get(query, ()):
            score = 1.0 if why.startswith("id") else 0.95
            if score > scored.get(number, (0.0, ""))[0]:
                scored[number] = (score, why)
        for number, (score, why) in self._by_words(query.split()).items():
            if number not in scored:
                scored[number] = (score, why)
        ranked = sorted(
            scored.items(),
            key=lambda item: (
                -item[1][0],
                not self._diseases[item[0]].curated,
                self._diseases[item[0]].id,
            ),
        )
        return [
            DiseaseMatch(self._diseases[number], round(score, 4), why)
            for number, (score, why) in ranked[:limit]
        ]

    def _expand(self, word: str) -> dict[str, float]:
        """Index words a query word stands for, with a match quality: exact 1, prefix 0.8, typo 0.6."""
        found = {word: 1.0} if word in self._postings else {}
        if len(word) < _MIN_PREFIX:
            return found
        start = bisect.bisect_left(self._vocabulary, word)
        for candidate in self._vocabulary[start : start + 400]:
            if not candidate.startswith(word):
                break
            found.setdefault(candidate, 0.8)
        if not found and len(word) >= _MIN_FUZZY:
            for candidate, similarity, _ in process.extract(
                word, self._vocabulary, scorer=fuzz.ratio, limit=5, score_cutoff=80
            ):
                found[candidate] = 0.6 * similarity / 100
        return found

    def _by_words(self, words: list[str]) -> dict[int, tuple[float, str]]:
        expansions = [self._expand(word) for word in words]
        if not all(expansions):
            return {}
        candidates: set[int] | None = None
        for expansion in expansions:
            hits = set().union(*(self._postings[w] for w in expansion))
            candidates = hits if candidates is None else candidates & hits
        results: dict[int, tuple[float, str]] = {}
        for number in candidates or ():
            score, field = max(
                ((_field_score(f, expansions), f) for f in self._fields[number] if f.words),
                key=lambda pair: pair[0],
            )
            if score > 0:
                results[number] = (round(0.9 * score, 4), f"{field.kind} “{field.text}”")
        return results


def _field(kind: str, text: str) -> _Field:
    return _Field(kind, text, tuple(normalise(text).split()))


def _field_score(field: _Field, expansions: list[dict[str, float]]) -> float:
    """How well one field matches all query words: mean word quality × share of the field covered."""
    qualities = [max((e.get(word, 0.0) for word in field.words), default=0.0) for e in expansions]
    if min(qualities) == 0:
        return 0.0
    covered = sum(1 for word in field.words if any(word in e for e in expansions))
    return (sum(qualities) / len(qualities)) * (0.6 + 0.4 * covered / len(field.words))
