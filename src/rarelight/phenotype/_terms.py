"""HPO term search for autocomplete: ids, labels, synonyms and lay words, as typed, typos forgiven."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from rarelight.errors import InputError, NotFound

from ._model import HpoTerm
from ._ontology import Ontology

_MAX_WORDS = 16  # the longest HPO label or synonym has 16 words; later query words are ignored
_MAX_FUZZY_WORDS = 3  # more unknown words than this is not a typo but text HPO does not hold
_MIN_FUZZY = 4  # shorter words are matched exactly or by prefix only; typos in them are guesses
_MIN_FUZZY_PREFIX = 5  # a typo inside a half-typed word is only guessed from five letters on
_END = "\x7f"  # sorts after every character of a normalised word
_NON_WORD = re.compile(r"[^0-9a-z]+")
_ID = re.compile(r"^(hp\s*[:_]?\s*)?(\d{1,7})$")
_STOP = frozenset(
    ("a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with")
)
_KINDS = ("label", "synonym", "layperson synonym")  # also the tie-break order: label first

_Ints = npt.NDArray[np.int64]
_Floats = npt.NDArray[np.float64]


def _normalise(text: str) -> str:
    """Casefolded, accent-free words separated by single spaces; apostrophes dropped."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return _NON_WORD.sub(" ", text.replace("'", "")).strip()  # "Spock's ear": "spocks", not "s"


def _content(words: list[str]) -> list[str]:
    """The words that carry meaning: stop words dropped, unless nothing else is left."""
    return [w for w in words if w not in _STOP] or words


@dataclass(frozen=True, slots=True)
class TermMatch:
    """A search result: the current term, a score in 0..1 (higher is better), what matched, a notice.

    `notice` explains an obsolete or alternative id that led to the term; None otherwise.
    """

    term: HpoTerm
    score: float
    matched_on: str
    notice: str | None = None


class TermIndex:
    """An inverted index over the current terms of one ontology; built once, queried per keystroke.

    >>> index = TermIndex(release.ontology)
    >>> index.search("seiz")[0].term.label
    'Seizure'

    Scores: id 1.0; exact label 1.0; exact synonym 0.95; otherwise at most 0.94, from how well each
    query word matches a word of the name (exact 1, prefix 0.7-0.9, typo 0.4-0.6) and how much of
    the name the query covers. Ties: shorter name, then label before synonym, then id.
    """

    DEFAULT_SUBTREE: ClassVar[str] = "HP:0000118"  # Phenotypic abnormality: patients' features
    MAX_QUERY_CHARS: ClassVar[int] = 200

    def __init__(self, ontology: Ontology) -> None:
        self._ontology = ontology
        self._terms = ontology.terms()
        self._number = {term.id: number for number, term in enumerate(self._terms)}
        self._ids = [term.id for term in self._terms]
        field_term: list[int] = []
        field_kind: list[int] = []
        content_len: list[int] = []
        self._field_text: list[str] = []
        self._exact: dict[str, list[int]] = {}
        postings: dict[str, list[int]] = {}
        for number, term in enumerate(self._terms):
            names = [(0, term.label)]
            names += [(1, s) for s in term.synonyms]
            names += [(2, s) for s in term.layperson_synonyms]
            seen: set[str] = set()
            for kind, text in names:
                norm = _normalise(text)
                if not norm or norm in seen:  # a lay synonym often repeats the label
                    continue
                seen.add(norm)
                field = len(field_term)
                words = list(dict.fromkeys(norm.split()))
                field_term.append(number)
                field_kind.append(kind)
                content_len.append(len(_content(words)))
                self._field_text.append(text)
                self._exact.setdefault(norm, []).append(field)
                for word in words:
                    postings.setdefault(word, []).append(field)
        self._norms = sorted(
            (norm, field) for norm, fields in self._exact.items() for field in fields
        )
        self._norm_fields = np.array([field for _, field in self._norms], dtype=np.int64)
        self._vocabulary = sorted(postings)
        self._word_id = {word: n for n, word in enumerate(self._vocabulary)}
        # Postings in CSR form: the fields of vocabulary word n are _postings[_offsets[n]:_offsets[n+1]].
        lengths = [len(postings[word]) for word in self._vocabulary]
        self._offsets: _Ints = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
        self._postings: _Ints = np.array(
            [field for word in self._vocabulary for field in postings[word]], dtype=np.int64
        )
        self._word_len: _Floats = np.array([len(w) for w in self._vocabulary], dtype=np.float64)
        self._word_stop = np.array([w in _STOP for w in self._vocabulary], dtype=np.bool_)
        self._field_term: _Ints = np.array(field_term, dtype=np.int64)
        self._field_kind: _Ints = np.array(field_kind, dtype=np.int64)
        self._field_len: _Ints = np.array([len(t) for t in self._field_text], dtype=np.int64)
        self._content_len: _Floats = np.array(content_len, dtype=np.float64)
        self._subtrees: dict[str, tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]] = {}
        self._starts_by_length: dict[int, tuple[list[str], dict[str, list[str]]]] = {}
        for length in range(_MIN_FUZZY_PREFIX - 1, 13):  # built now, so no keystroke pays for it
            self._starts(length)
        if self.DEFAULT_SUBTREE in ontology:
            self._scope(self.DEFAULT_SUBTREE)

    @property
    def ontology(self) -> Ontology:
        """The ontology searched (its `version` names the release in every output)."""
        return self._ontology

    def __len__(self) -> int:
        return len(self._terms)

    def search(
        self, text: str, limit: int = 10, subtree: str | None = DEFAULT_SUBTREE
    ) -> list[TermMatch]:
        """Best matches first, at most `limit`, among terms under `subtree` (None: every term).

        Raises InputError for a limit below 1, a query over 200 characters or an unusable subtree.
        """
        if limit < 1:
            raise InputError(f"limit must be at least 1, not {limit}")
        if len(text) > self.MAX_QUERY_CHARS:
            raise InputError(
                f"a term search takes at most {self.MAX_QUERY_CHARS} characters, not {len(text)}"
            )
        scope = self._scope(subtree)
        is_id = _ID.match(text.strip().casefold())
        if is_id and (is_id.group(1) or len(is_id.group(2)) == 7 or is_id.group(2)[:1] == "0"):
            return self._by_id(is_id.group(2), limit, None if scope is None else scope[0])
        query = _normalise(text)
        if not query:
            return []
        fields, scores = self._score_fields(query, None if scope is None else scope[1])
        scores = np.round(scores, 4)
        terms = self._field_term[fields]
        order = np.lexsort((terms, self._field_kind[fields], self._field_len[fields], -scores))
        found: list[TermMatch] = []
        taken: set[int] = set()
        for position in order.tolist():
            number = int(terms[position])
            if number in taken:  # a term's best field comes first; its other fields are skipped
                continue
            taken.add(number)
            field = int(fields[position])
            kind = _KINDS[int(self._field_kind[field])]
            why = f"{kind} “{self._field_text[field]}”"
            found.append(TermMatch(self._terms[number], float(scores[position]), why))
            if len(found) == limit:
                break
        return found

    def _scope(
        self, subtree: str | None
    ) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]] | None:
        """Masks of the terms and of the fields under `subtree`; computed once per subtree."""
        if subtree is None:
            return None
        if subtree not in self._subtrees:
            root = self._ontology.resolve(subtree).term.id
            terms = np.zeros(len(self._terms), dtype=np.bool_)
            terms[
                [self._number[i] for i in self._ontology.descendants(root) if i in self._number]
            ] = True
            self._subtrees[subtree] = (terms, terms[self._field_term])
        return self._subtrees[subtree]

    def _by_id(
        self, digits: str, limit: int, allowed: npt.NDArray[np.bool_] | None
    ) -> list[TermMatch]:
        """A whole id (current, alternative or obsolete), or the first ids that start with a part."""
        curie = f"HP:{digits}"
        if len(digits) < 7:
            found: list[TermMatch] = []
            for number in range(bisect.bisect_left(self._ids, curie), len(self._ids)):
                if len(found) == limit or not self._ids[number].startswith(curie):
                    break
                if allowed is None or allowed[number]:
                    found.append(TermMatch(self._terms[number], 0.8, f"id {self._ids[number]}"))
            return found
        try:
            resolved = self._ontology.resolve(curie)
            matches = [TermMatch(resolved.term, 1.0, f"id {curie}", resolved.notice)]
        except NotFound as error:  # retired without a replacement: offer what HPO suggests instead
            retired = self._ontology.get(curie)
            matches = [
                TermMatch(self._terms[self._number[i]], 0.5, f"id {curie}", str(error))
                for i in (retired.consider if retired else ())
                if i in self._number
            ]
        return [m for m in matches if allowed is None or allowed[self._number[m.term.id]]][:limit]

    def _score_fields(
        self, query: str, in_scope: npt.NDArray[np.bool_] | None
    ) -> tuple[_Ints, _Floats]:
        """Every field in scope that matches the query, with its score (see the class docstring).

        Each meaningful query word must match a word of the name; from three words on, all but one.
        """
        words = list(dict.fromkeys(query.split()))[:_MAX_WORDS]
        content = _content(words)
        expansions = [self._expand(word, allow_short=word == words[-1]) for word in content]
        unknown = [n for n, (ids, _) in enumerate(expansions) if not len(ids)]
        for n in unknown[:_MAX_FUZZY_WORDS]:
            expansions[n] = self._fuzzy(content[n])
        need = len(content) if len(content) < 3 else len(content) - 1
        if sum(1 for ids, _ in expansions if len(ids)) < need:
            return self._exact_only(query, in_scope)
        total = np.zeros(len(self._field_text), dtype=np.float64)
        count = np.zeros(len(self._field_text), dtype=np.int64)
        for ids, quality in expansions:
            fields, lengths = self._gather(ids)
            best = np.zeros(len(self._field_text), dtype=np.float64)
            np.maximum.at(best, fields, np.repeat(quality, lengths))
            total += best
            count += best > 0
        if in_scope is not None:
            count[~in_scope] = 0
        candidates = np.flatnonzero(count >= need)
        union = np.unique(np.concatenate([ids for ids, _ in expansions]))
        covered_fields, _ = self._gather(union[~self._word_stop[union]])
        covered = np.bincount(covered_fields, minlength=len(self._field_text))[candidates]
        share = np.minimum(covered / self._content_len[candidates], 1.0)
        scores = 0.9 * total[candidates] / len(content) * (0.6 + 0.4 * share)
        low = bisect.bisect_left(self._norms, (query,))
        high = bisect.bisect_left(self._norms, (query + _END,))
        scores += 0.04 * np.isin(candidates, self._norm_fields[low:high])  # the name starts so
        exact_fields, exact_scores = self._exact_only(query, in_scope)
        return np.concatenate((candidates, exact_fields)), np.concatenate((scores, exact_scores))

    def _exact_only(
        self, query: str, in_scope: npt.NDArray[np.bool_] | None
    ) -> tuple[_Ints, _Floats]:
        """Fields in scope whose whole name is the query: a label scores 1.0, a synonym 0.95."""
        fields = np.array(self._exact.get(query, []), dtype=np.int64)
        if in_scope is not None:
            fields = fields[in_scope[fields]]
        return fields, np.where(self._field_kind[fields] == 0, 1.0, 0.95)

    def _gather(self, ids: _Ints) -> tuple[_Ints, _Ints]:
        """The fields holding each vocabulary word in `ids`, and how many belong to each word."""
        starts = self._offsets[ids]
        lengths = self._offsets[ids + 1] - starts
        shift = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
        return self._postings[shift + np.arange(int(lengths.sum()))], lengths

    def _expand(self, word: str, allow_short: bool) -> tuple[_Ints, _Floats]:
        """Vocabulary words a query word stands for: itself (1.0), and words it starts (0.7-0.9)."""
        low = bisect.bisect_left(self._vocabulary, word)
        exact = low < len(self._vocabulary) and self._vocabulary[low] == word
        if len(word) < 2 and not allow_short:  # a lone letter mid-query is a whole word, "type a"
            high = low + int(exact)
        else:
            high = bisect.bisect_left(self._vocabulary, word + _END, lo=low)
        ids = np.arange(low, high, dtype=np.int64)
        quality = 0.7 + 0.2 * len(word) / self._word_len[low:high]
        if exact:
            quality[0] = 1.0
        return ids, quality

    def _fuzzy(self, word: str) -> tuple[_Ints, _Floats]:
        """Vocabulary words a misspelt query word may stand for: whole words (~0.5), starts (~0.4)."""
        found: dict[str, float] = {}
        if len(word) >= _MIN_FUZZY:
            for candidate, similarity, _ in process.extract(
                word, self._vocabulary, scorer=fuzz.ratio, limit=8, score_cutoff=80
            ):
                found[candidate] = 0.6 * similarity / 100
        if len(word) >= _MIN_FUZZY_PREFIX:
            by_start: dict[str, float] = {}  # a dropped or extra letter shifts the start by one
            for length in (len(word) - 1, len(word), len(word) + 1):
                starts, words_by_start = self._starts(length)
                for start, similarity, _ in process.extract(
                    word, starts, scorer=fuzz.ratio, limit=8, score_cutoff=80
                ):
                    for candidate in words_by_start[start]:
                        by_start[candidate] = max(by_start.get(candidate, 0.0), similarity)
            for candidate, similarity in by_start.items():
                found.setdefault(candidate, 0.5 * similarity / 100)
        ids = np.array([self._word_id[w] for w in found], dtype=np.int64)
        return ids, np.array(list(found.values()), dtype=np.float64)

    def _starts(self, length: int) -> tuple[list[str], dict[str, list[str]]]:
        """The distinct first `length` letters of longer vocabulary words, and the words behind each."""
        if length not in self._starts_by_length:
            words_by_start: dict[str, list[str]] = {}
            for word in self._vocabulary:
                if len(word) > length:
                    words_by_start.setdefault(word[:length], []).append(word)
            self._starts_by_length[length] = (sorted(words_by_start), words_by_start)
        return self._starts_by_length[length]
