"""Free text → HPO terms: a dictionary recogniser with NegEx-style negation, for parents' own words.

Why our own: fenominal (Rust) reads only hp.json, which the release we ship lacks; FastHPOCR has no
negation and writes its index to disk; txt2hpo and ClinPhen bundle their own, older HPO. This one
indexes the `Ontology` it is given, so every match names a term of that release.

How it matches, in order:
1. Normalise (NFKD, accents dropped, casefold, apostrophes joined, in-word hyphens split; hyphenated
   names are indexed both ways), tokenise with character offsets, and reduce each word to a light
   inflectional stem ("walks", "walking", "walked" → "walk"); a few everyday words stand for their
   clinical word ("hurts" → pain, "shaky" → tremor, "lost" → loss, "big" → large, "trouble",
   "problem", "issue" → difficulty); an unknown "-er" or "-y" word is read as its base when that is
   known ("weaker" → weak, "wheezy" → wheeze); a few derivations meet too ("dystonic" = dystonia,
   "hypermobile" = hypermobility, "movement" = move). Grammatical words (articles, pronouns,
   auxiliaries, linking verbs, a few prepositions, intensifiers) are skipped on both sides. HPO
   names "Delayed X" and "Delayed ability to X" are also indexed as "late X" and "slow X" ("walked
   late", "slow to sit", "speech came late"), and names of an "upper limb" or "lower limb" with "arm"
   or "leg" ("legs are spastic" = "Lower limb spasticity").
2. A name (label, synonym, layperson synonym, lay phrase; only terms under Phenotypic abnormality)
   matches a run of consecutive content words with the same bag of stems, in any order, within one
   punctuation-free stretch: "walks on her toes" = "Toe walking", "voice is hoarse" = "Hoarse voice"
   (fenominal also matches permuted names). Side and frequency words may stand inside a name
   ("tremor in his right hand" = "Hand tremor", "knees often hurt" = "Knee pain").
3. Two-word names also match across a gap of degree words and either negators ("voice is not
   hoarse", negated) or coordinated modifiers: "voice is quiet and hoarse" gives Hoarse voice, as
   the gap holds only "and" and a word that forms a two-word name with an end ("Quiet voice").
4. Overlaps: more matched words win, then contiguous over coordinated, then the tighter span, then
   the earlier one; a coordinated match may share its head word ("voice") with another match. When
   one name maps to a term and its ancestor, the more specific term is kept.
5. Negation, after NegEx: a trigger ("no", "never", "without", "doesn't", "free of", ...) excludes
   the matches after it up to the end of its clause; "or", "and" and commas continue a list unless
   a new clause starts ("no seizures, but she falls": falls observed). Pseudo-triggers ("not only",
   "no longer", "not unusual") negate nothing, two triggers with no finding between cancel ("not a
   day without a fall"), post-triggers ("absent", "ruled out", "isn't an issue", "has never been a
   problem") look back, answers look back ("Seizures? No.", "Tremor: none at all"), and the YAML's
   `excluded` phrases ("normal hearing") state absence, flipped again by a trigger. A finding whose
   clause names a relative first ("her brother has ADHD") is left out, as ConText does for
   "experiencer", unless the next clause denies it for the child ("... but he does not":
   excluded). A list's negation stops at a new clause with its own verb ("no drooling and
   swallowing has ..."), and a state after "when" is a circumstance, not a finding ("worse when he
   is tired": no Fatigue).
6. A body function said to be fine ("hearing is fine", "Swallowing: normal", "sleep has never been
   a problem", "nothing wrong with his eyes") excludes the term its problem name gives (the HPO name
   minus "difficulty", "impairment", "loss", "poor", ..., e.g. "Hearing loss" → hearing); said
   not to be ("his walking has got worse", "she doesn't sleep well") it observes that term.
7. A finding whose clause says it happens often ("a few falls every day") takes the HPO's
   "Frequent …" or "Recurrent …" form of the term when there is one, and one said to be all over
   ("spread to her whole body") its "Generalized …" form.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml

from rarelight.errors import InputError, Problem, ProblemsError

from ._model import HpoTerm
from ._ontology import Ontology
from ._text_context import (
    about_relative,
    back_to,
    circumstance,
    clause_words,
    concern_denied_before,
    denied_for_child,
    negations,
    said_widespread,
    verdict_after,
)
from ._text_words import (
    CONNECTORS,
    COORDINATION_REACH,
    DEGREE,
    FILLERS,
    MAX_GAP,
    NEGATORS,
    OFTEN,
    PROBLEM_RANKS,
    PROBLEM_STEMS,
    STRONG_PUNCT,
    Entry,
    Match,
    Token,
    base_forms,
    content_key,
    lay_variants,
    tokenise,
    word_runs,
)

__all__ = ["MAX_TEXT_CHARS", "FoundTerm", "TextParser"]

MAX_TEXT_CHARS = 5_000
PHENOTYPIC_ABNORMALITY = "HP:0000118"  # Phenotypic abnormality
Source = Literal["label", "synonym", "layperson synonym", "lay phrase"]
_SOURCES: tuple[Source, ...] = ("label", "synonym", "layperson synonym", "lay phrase")


@dataclass(frozen=True, slots=True)
class FoundTerm:
    """One HPO term found in text: the words that matched, where, and whether they were negated."""

    term: HpoTerm
    excluded: bool
    text: str
    start: int
    end: int
    source: Source


def _bundled_lexicon() -> str:
    return (resources.files("rarelight.phenotype") / "lay_phrases.yaml").read_text(encoding="utf-8")


def _read_lexicon(text: str, where: str) -> list[tuple[str, str, bool]]:
    """(phrase, HPO id, states absence) from the YAML; every structural problem reported at once."""
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        raise ProblemsError(where, [Problem(where, f"not valid YAML: {error}")]) from error
    problems: list[Problem] = []
    phrases: list[tuple[str, str, bool]] = []
    if not isinstance(data, dict) or set(data) - {"observed", "excluded"}:
        problems.append(
            Problem(where, "expected a mapping", "use only `observed:` and `excluded:`")
        )
        data = {}
    for section, absence in (("observed", False), ("excluded", True)):
        block = data.get(section) or {}
        if not isinstance(block, dict):
            problems.append(Problem(f"{where}:{section}", "expected HPO ids as keys"))
            continue
        for hpo_id, listed in block.items():
            ok = isinstance(listed, list) and all(isinstance(p, str) and p.strip() for p in listed)
            if not ok:
                fix = "give a list of non-empty phrases"
                problems.append(Problem(f"{where}:{section}:{hpo_id}", "bad phrase list", fix))
                continue
            phrases += [(phrase, str(hpo_id), absence) for phrase in listed]
    if problems:
        raise ProblemsError(f"lay phrase lexicon {where}", problems)
    return phrases


class TextParser:
    """Finds HPO terms in a parent's or clinician's free text; built once per ontology, then reused.

    >>> parser = TextParser(release.ontology)  # doctest: +SKIP
    >>> [(f.term.id, f.excluded) for f in parser.parse("she walks on her toes, no seizures")]  # doctest: +SKIP
    [('HP:0030051', False), ('HP:0001250', True)]
    """

    def __init__(self, ontology: Ontology, lexicon: Path | None = None) -> None:
        """`lexicon`: a lay phrase YAML in the bundled file's format (default: the bundled one)."""
        self.ontology = ontology
        self._phenotypic = ontology.descendants(PHENOTYPIC_ABNORMALITY) - {PHENOTYPIC_ABNORMALITY}
        self._index: dict[tuple[str, ...], list[Entry]] = {}
        for term in ontology.terms():
            if term.id in self._phenotypic:
                names = [(0, term.label)]
                names += [(1, name) for name in term.synonyms]
                names += [(2, name) for name in term.layperson_synonyms]
                for rank, name in names:
                    self._add(name, Entry(term.id, rank, False))
                    for variant in lay_variants(name):
                        self._add(variant, Entry(term.id, 3, False))
        text = lexicon.read_text(encoding="utf-8") if lexicon else _bundled_lexicon()
        skipped = []
        for phrase, hpo_id, absence in _read_lexicon(text, str(lexicon or "lay_phrases.yaml")):
            listed = ontology.get(hpo_id)
            if listed is not None and listed.obsolete and listed.replaced_by:
                listed = ontology.get(listed.replaced_by)
            if listed is None or listed.id not in self._phenotypic:
                skipped.append(f"{phrase!r} → {hpo_id}: not a phenotypic abnormality here")
                continue
            self._add(phrase, Entry(listed.id, 3, absence))
        self.skipped_phrases: tuple[str, ...] = tuple(skipped)
        self._vocabulary = {stem for key in self._index for stem in key}
        self._longest = max((len(key) for key in self._index), default=0)
        self._longest_exact = max((len(k) for k in self._index if k[0] == "="), default=0)
        self._pairs = {key for key in self._index if len(key) == 2}
        self._functions = self._function_index()
        self._often_forms = self._prefixed_forms(("frequent ", "recurrent "))
        self._widespread_forms = self._prefixed_forms(("generalized ", "generalised "))

    def _prefixed_forms(self, prefixes: tuple[str, ...]) -> dict[str, str]:
        """Term → its form with one of `prefixes` in the HPO ("Falls" → "Frequent falls")."""
        by_label = {
            t.label.casefold(): t.id for t in self.ontology.terms() if t.id in self._phenotypic
        }
        forms = {}
        for label, term_id in by_label.items():
            for prefix in prefixes:
                if (form := by_label.get(prefix + label)) is not None:
                    forms[term_id] = form
        return forms

    def _function_index(self) -> dict[tuple[str, ...], tuple[str, ...]]:
        """Body function (stems) → the most general terms a problem name makes of it, so "hearing
        is fine" can exclude Hearing impairment: "Hearing loss" minus "loss" is "hearing"."""
        named: dict[tuple[str, ...], set[str]] = {}
        best: dict[tuple[str, ...], int] = {}
        for key, entries in self._index.items():
            rest = tuple(stem for stem in key if stem not in PROBLEM_STEMS)
            if key[0][0] in "=^~" or len(rest) != len(key) - 1 or not rest:
                continue
            rank = min(PROBLEM_RANKS[stem] for stem in key if stem in PROBLEM_STEMS)
            if rank < best.get(rest, len(PROBLEM_RANKS)):
                best[rest], named[rest] = rank, set()
            if rank == best[rest]:
                named[rest].update(e.term_id for e in entries if not e.states_absence)
        return {rest: self._most_general(ids) for rest, ids in named.items() if ids}

    def _most_general(self, ids: set[str]) -> tuple[str, ...]:
        if len(ids) == 1:
            return tuple(ids)
        return tuple(sorted(i for i in ids if not self.ontology.ancestors(i) & (ids - {i})))

    def _add(self, name: str, entry: Entry) -> None:
        variants = {name, name.replace("-", "")}  # "Tip-toe gait" also as "tiptoe gait"
        for key in sorted({content_key(variant) for variant in variants}):
            if key and entry not in self._index.setdefault(key, []):
                self._index[key].append(entry)

    def parse(self, text: str) -> list[FoundTerm]:
        """Every term mentioned in `text`, ordered by position; raises InputError past 5,000 chars."""
        if len(text) > MAX_TEXT_CHARS:
            raise InputError(
                f"the text has {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,} "
                "(split it into shorter pieces)"
            )
        tokens = self._known_bases(tokenise(text))
        matches = self._select(self._candidates(tokens))
        negated = negations(tokens, matches)
        found: dict[tuple[int, int, str], FoundTerm] = {}
        for match, is_negated in zip(matches, negated, strict=True):
            if circumstance(tokens, match.tokens[0]):
                continue  # "worse when he is tired": when it happens, not a finding
            if about_relative(tokens, match.tokens[0]):
                # "his brother has ADHD" says nothing about the child, "... but he does not" does
                if not denied_for_child(tokens, match.tokens[-1]):
                    continue
                is_negated = True
            start, end = tokens[match.tokens[0]].start, tokens[match.tokens[-1]].end
            clause = clause_words(tokens, match)
            often = bool(OFTEN.intersection(clause))
            widespread = said_widespread(clause)
            for entry in self._most_specific(match.entries):
                term_id = entry.term_id
                if often:
                    term_id = self._often_forms.get(term_id, term_id)
                if widespread:
                    term_id = self._widespread_forms.get(term_id, term_id)
                term = self.ontology.get(term_id)
                assert term is not None
                excluded = entry.states_absence != is_negated
                key = (start, end, term.id)
                found.setdefault(
                    key,
                    FoundTerm(term, excluded, text[start:end], start, end, _SOURCES[entry.rank]),
                )
        for first, last, term_ids, excluded in self._verdicts(tokens, matches):
            if about_relative(tokens, first):
                continue
            start, end = tokens[first].start, tokens[last].end
            for term_id in term_ids:
                term = self.ontology.get(term_id)
                assert term is not None
                key = (start, end, term_id)
                found.setdefault(
                    key, FoundTerm(term, excluded, text[start:end], start, end, "lay phrase")
                )
        return [found[key] for key in sorted(found)]

    def _known_bases(self, tokens: list[Token]) -> list[Token]:
        """An unknown word read as its base when that is known: "weaker" = weak, "jerky" = jerk."""
        out = []
        for token in tokens:
            if token.word and token.stem not in self._vocabulary:
                base = next((b for b in base_forms(token.norm) if b in self._vocabulary), None)
                token = replace(token, stem=base) if base else token
            out.append(token)
        return out

    def _verdicts(
        self, tokens: Sequence[Token], matches: Sequence[Match]
    ) -> list[tuple[int, int, tuple[str, ...], bool]]:
        """Body functions said to be fine or not, as (first token, last token, terms, excluded):
        "hearing is fine", "Swallowing - normal", "sleep has never been a problem",
        "no worries about his eyes", "his walking has got worse"."""
        claimed = {i for m in matches for i in m.tokens}
        found = []
        for run in word_runs(tokens, content=True):
            for a in range(len(run)):
                for b in range(min(a + 3, len(run)) - 1, a - 1, -1):  # the longest first
                    span = run[a : b + 1]
                    if span[-1] - span[0] != len(span) - 1 or claimed.intersection(span):
                        continue
                    key = tuple(sorted(tokens[i].stem for i in span))
                    if key not in self._functions:
                        continue
                    verdict = verdict_after(tokens, span[-1] + 1)
                    clause = back_to(tokens, span[0], STRONG_PUNCT | CONNECTORS | {","})
                    before = tokens[max(clause, span[0] - 3) : span[0]]
                    if verdict is not None and any(t.norm in NEGATORS for t in before):
                        verdict = verdict[0], not verdict[1]  # "he doesn't sleep well"
                    if verdict is None and concern_denied_before(tokens, span[0]):
                        verdict = span[-1], True
                    if verdict is not None:
                        found.append((span[0], verdict[0], self._functions[key], verdict[1]))
                        claimed.update(span)
                        break
        return found

    def _candidates(self, tokens: Sequence[Token]) -> list[Match]:
        candidates = []
        runs = word_runs(tokens, content=True) + word_runs(tokens, content=True, skip=FILLERS)
        for stretch in word_runs(tokens, content=False):
            for a in range(len(stretch)):
                for b in range(a + 2, min(len(stretch), a + self._longest_exact - 1) + 1):
                    span = tuple(stretch[a:b])
                    key = ("=", *(tokens[i].stem for i in span))
                    if key in self._index:
                        candidates.append(Match(span, self._entries(key), False))
        for run in runs:
            for a, first in enumerate(run):
                for key in (("^" + tokens[first].norm,), ("~" + tokens[first].norm,)):
                    if key in self._index and (key[0][0] == "~" or tokens[first].acronym):
                        candidates.append(Match((first,), self._entries(key), False))
                for b in range(a, min(len(run), a + self._longest)):
                    if tokens[run[b]].stem not in self._vocabulary:
                        break
                    if b > a and run[b] - run[b - 1] - 1 > MAX_GAP:
                        break
                    key = tuple(sorted(tokens[i].stem for i in run[a : b + 1]))
                    if key in self._index:
                        candidates.append(Match(tuple(run[a : b + 1]), self._entries(key), False))
                candidates += self._coordinated(tokens, run, a)
        return candidates

    def _coordinated(self, tokens: Sequence[Token], run: Sequence[int], a: int) -> list[Match]:
        found = []
        first = tokens[run[a]].stem
        for b in range(a + 2, min(len(run), a + COORDINATION_REACH + 1)):
            last = tokens[run[b]].stem
            key = tuple(sorted((first, last)))
            if key not in self._pairs:
                continue
            gap = [tokens[i] for i in run[a + 1 : b]]
            negated = all(t.norm in NEGATORS or t.norm in DEGREE for t in gap)
            coordinated = all(
                t.norm in DEGREE or t.norm in {"and", "or"} or self._modifies(t.stem, first, last)
                for t in gap
            )
            if negated or coordinated:
                found.append(Match((run[a], run[b]), self._entries(key), True))
        return found

    def _modifies(self, stem: str, first: str, last: str) -> bool:
        return any(tuple(sorted((stem, end))) in self._pairs for end in (first, last))

    def _entries(self, key: tuple[str, ...]) -> tuple[Entry, ...]:
        entries = self._index[key]
        best = min(e.rank for e in entries)
        return tuple(e for e in entries if e.rank == best)

    def _most_specific(self, entries: Iterable[Entry]) -> list[Entry]:
        entries = sorted(entries, key=lambda e: e.term_id)
        ids = {e.term_id for e in entries}
        return [
            e
            for e in entries
            if not any(o != e.term_id and e.term_id in self.ontology.ancestors(o) for o in ids)
        ]

    @staticmethod
    def _select(candidates: list[Match]) -> list[Match]:
        def priority(m: Match) -> tuple[int, bool, int, int]:
            return (-len(m.tokens), m.coordinated, m.tokens[-1] - m.tokens[0], m.tokens[0])

        claimed: set[int] = set()
        chosen: list[Match] = []
        for match in sorted(candidates, key=priority):
            shared = claimed.intersection(match.tokens)
            if not shared or (match.coordinated and len(shared) == 1):
                chosen.append(match)
                claimed.update(match.tokens)
        return sorted(chosen, key=lambda m: (m.tokens[0], m.tokens[-1]))
