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

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Literal

import yaml

from rarelight.errors import InputError, Problem, ProblemsError

from ._model import HpoTerm
from ._ontology import Ontology

__all__ = ["MAX_TEXT_CHARS", "FoundTerm", "TextParser"]

MAX_TEXT_CHARS = 5_000
PHENOTYPIC_ABNORMALITY = "HP:0000118"  # Phenotypic abnormality
Source = Literal["label", "synonym", "layperson synonym", "lay phrase"]
_SOURCES: tuple[Source, ...] = ("label", "synonym", "layperson synonym", "lay phrase")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|\n|[^\w\s]")
_JOINERS = str.maketrans("", "", "'’")
_HYPHENS = frozenset("-‐")
# Grammatical words: never part of a match, skipped between the words of one.
_STOP = _words(
    "a an the this that these those some any i me my mine we us our you your he him his she her hers "
    "they them their theirs it its himself herself themselves itself myself hes shes its theyre im "
    "ive weve theyve is are was were be been being am has have had having do does did will would "
    "shall should can could may might must become becomes became becoming seem seems seemed sound "
    "sounds sounded get gets got gotten getting go goes went gone going start starts started "
    "starting begin begins began begun of on in at to for with by from about into onto up over "
    "very quite really rather slightly extremely somewhat fairly increasingly bit also just both"
)
_NEGATORS = _words(
    "no not never without nor neither none denies denied deny denying doesnt dont didnt isnt arent "
    "wasnt werent hasnt havent hadnt wont nothing nobody"
)
_PSEUDO_AFTER = _words(
    "only just longer doubt sure certain better improved improvement change matter one unusual "
    "uncommon infrequent rare unlike unknown stop stops stopped stopping end shortage able"
)
_TERMINATORS = _words(
    "but however although though except apart aside besides yet whereas while which who whose "
    "because since unless until instead only just"
)
_CLAUSE_START = _words(
    "i we he she they it you his her their my our its this there is are was were has have had does "
    "did can could will would may might still also now then hes shes theyre im"
)
_SUBJECTS = _words("i we he she they you hes shes theyre im ive")  # a new clause, even unmarked
# Whose finding it is (ConText's "experiencer"): a relative named earlier in the clause.
_RELATIVES = _words(
    "mother mum mom mummy mommy father dad daddy brother sister sibling grandfather grandmother "
    "grandma grandpa granny grandad granddad nan nana uncle aunt auntie cousin twin husband wife "
    "partner parent niece nephew stepbrother stepsister stepmother stepfather"
)
_LIST_JOINERS = frozenset({"and", "or", ","})
_AUXILIARIES = _words("is are was were has have had does did")
_WHEN = _words("when whenever if once")
_STATE_VERBS = _words("is are was were gets get got feels feel becomes hes shes theyre im")
# Words that say a finding happens often: "falls every day" is Frequent falls, not Falls.
_OFTEN = _words(
    "every often always constantly several many regularly daily frequently repeatedly lot lots "
    "keeps keep"
)
_STRONG_PUNCT = frozenset(".;:!?\n()[]{}")
_POST_TRIGGERS = (("absent",), ("ruled", "out"), ("not", "present"), ("not", "seen"))
_ANSWERS = frozenset({"no", "none", "never", "nope"})
_DEGREE = _words("little more much so too pretty")  # "a little hoarse", "so quiet"
_KEEP = _words("hardly barely scarcely early only")  # "hardly" is not "hard"
# fmt: off
_IRREGULAR = {
    "fell": "fall", "fallen": "fall", "ran": "run", "spoke": "speak", "spoken": "speak",
    "ate": "eat", "eaten": "eat", "drank": "drink", "began": "begin", "begun": "begin",
"lost": "loss", "lose": "loss", "loses": "loss", "losing": "loss", "went": "go", "saw": "see", "seen": "see", "shaken": "tremor",
    "big": "large", "bigger": "large",
    "stood": "stand", "sat": "sit", "threw": "throw", "fed": "feed", "slept": "sleep",
    "woke": "wake", "woken": "wake", "grew": "grow", "grown": "grow",
    "bitten": "bite", "felt": "feel", "held": "hold", "spat": "spit", "broke": "break",
    "broken": "break", "bled": "bleed", "froze": "freeze", "frozen": "freeze", "wore": "wear",
    "worn": "wear", "caught": "catch", "fought": "fight",
    "children": "child", "feet": "foot", "teeth": "tooth", "difficult": "difficulty",
    "trouble": "difficulty", "troubles": "difficulty", "struggle": "difficulty",
    "struggles": "difficulty", "problem": "difficulty", "problems": "difficulty",
    "issue": "difficulty", "issues": "difficulty", "behaviour": "behavior", "behaviours": "behavior",
    # everyday words read as the clinical word they stand for ("knees hurt" = "Knee pain")
    "hurt": "pain", "hurts": "pain", "hurting": "pain", "sore": "pain", "ache": "pain",
    "aches": "pain", "aching": "pain", "shake": "tremor", "shakes": "tremor", "shaking": "tremor",
    "shaky": "tremor", "shakey": "tremor", "shook": "tremor", "tremble": "tremor",
    "trembles": "tremor", "trembling": "tremor", "trembled": "tremor",
    # contracted negations meet their spelled-out forms ("doesn't talk" = "does not talk")
    "doesnt": "not", "dont": "not", "didnt": "not", "isnt": "not", "arent": "not", "wasnt": "not",
    "werent": "not", "hasnt": "not", "havent": "not", "hadnt": "not", "wont": "not",
    "cant": "cannot", "couldnt": "cannot",
}
# fmt: on
# Stems of one-word HPO names ("Cutting", "Clubbing", "In-toeing", "Slowness") that are everyday
# words in other senses; those names match only as spelled.
_EVERYDAY = _words(
    "into outto order collect arrang mouth cut fist corn club pil pant tear spin hop jump bounc "
    "pogo twirl hiv boil chill flush rosett alon cold dull slow"
)
# Words that may stand between the words of a name without breaking it: which side, how often
# ("tremor in his right hand" = "Hand tremor", "knees often hurt" = "Knee pain").
_FILLERS = _words(
    "right left both whole entire own often always sometimes usually constantly occasionally "
    "mostly mainly especially came come"
)
# What a parent says of a body function that is fine: "hearing is fine", "Swallowing: normal".
_ALL_CLEAR = _words(
    "fine normal normally ok okay good great perfect perfectly unaffected typical healthy well "
    "properly"
)
# ... and of one that is not: "his walking has got worse", "she walks oddly".
_NOT_RIGHT = _words(
    "worse odd oddly strange strangely funny unusual weird abnormal abnormally poor poorly bad badly"
)
_CONCERNS = _words("difficulty concern concerns worry worries wrong")  # "never been a problem"
_CONNECTORS = frozenset({":", "-", "–", "?"})
_ELLIPSIS_NEGATED = _words("doesnt dont didnt isnt arent hasnt havent wasnt never not")
_MAX_GAP = 3  # grammatical words allowed between two matched words
_COORDINATION_REACH = 4  # content words from one end of a two-word name to the other


@dataclass(frozen=True, slots=True)
class FoundTerm:
    """One HPO term found in text: the words that matched, where, and whether they were negated."""

    term: HpoTerm
    excluded: bool
    text: str
    start: int
    end: int
    source: Source


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    norm: str  # casefolded, accents and joiners removed; punctuation as itself
    stem: str
    word: bool
    acronym: bool  # two or three capitals in the input, e.g. "OCD"


@dataclass(frozen=True, slots=True)
class _Entry:
    term_id: str
    rank: int  # index into _SOURCES: lower is more authoritative
    states_absence: bool  # an `excluded` lay phrase such as "normal hearing"


@dataclass(frozen=True, slots=True)
class _Match:
    tokens: tuple[int, ...]  # indices of the matched words
    entries: tuple[_Entry, ...]
    coordinated: bool


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _stem(word: str) -> str:
    """Strip English inflections only, so both sides of a lookup meet; not a linguistic stem."""
    word = _IRREGULAR.get(word, word)
    if len(word) <= 3 or not word.isalpha() or word in _KEEP:
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    elif word.endswith("ing") and len(word) >= 6 and re.search("[aeiouy]", word[:-3]):
        word = _undouble(word[:-3])
    elif word.endswith("ed") and not word.endswith("eed") and len(word) >= 5:
        word = _undouble(word[:-2])
    elif word.endswith("ly") and len(word) >= 6:
        word = word[:-2]
    elif word.endswith("iness") and len(word) >= 8:
        word = word[:-5] + "y"  # "clumsiness" → clumsy
    elif word.endswith("ness") and len(word) >= 7:
        word = word[:-4]  # "weakness" → weak: "muscles are weak" = "Muscle weakness"
    elif word.endswith("ment") and len(word) >= 8:
        word = word[:-4]  # "movement" → move: "eyes move oddly" = "Abnormal eye movement"
    elif word.endswith(("ability", "ibility")) and len(word) >= 9:
        word = word[:-5] + "le"  # "irritability" → irritable
    elif word.endswith("ility") and len(word) >= 9:
        word = word[:-3] + "e"  # "hypermobility" → hypermobile
    elif word.endswith("ity") and len(word) >= 7:
        word = word[:-3]  # "obesity" → obes(e), "spasticity" → spastic
    if word.endswith(("ic", "ia")) and len(word) >= 6:
        word = word[:-2]  # the adjective meets its noun: "dystonic" = "dystonia", "spastic"
    word = _IRREGULAR.get(word, word)
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def _undouble(word: str) -> str:
    return word[:-1] if len(word) > 2 and word[-1] == word[-2] and word[-1] not in "lsz" else word


# Words that turn a body function into a problem name ("Hearing impairment", "Difficulty
# swallowing", "Sleep disturbance", "Poor vision"): the rest of the name is the function.
# Earlier words rank first: "hearing is fine" denies Hearing impairment rather than the wider
# Hearing abnormality a clinician would rarely code.
_PROBLEM_RANKS = {
    _stem(w): rank
    for rank, group in enumerate(
        (
            "difficulty",
            "impairment impaired loss poor defect",
            "disturbance dysfunction",
            "abnormality",
        )
    )
    for w in group.split()
}
_PROBLEM_STEMS = frozenset(_PROBLEM_RANKS)


def _base_forms(word: str) -> list[str]:
    """Stems an unknown word may come from: comparatives ("shorter", "bigger", "noisier") and
    adjectives in "-y" ("jerky" → jerk, "lumpy" → lump)."""
    if word.endswith("ier") and len(word) > 5:
        return [_stem(word[:-3] + "y")]
    if word.endswith("er") and len(word) > 4:
        base = word[:-2]
        return [_stem(base), _stem(_undouble(base)), _stem(base + "e")]
    if word.endswith("y") and len(word) >= 5 and word[-2] not in "aeiouy":
        return [_stem(word[:-1]), _stem(_undouble(word[:-1]))]
    return []


def _tokenise(text: str) -> list[_Token]:
    """Words and punctuation with offsets; a hyphen inside a word only separates ("toe-walk")."""
    tokens = []
    for found in _TOKEN.finditer(text):
        raw = found.group()
        start, end = found.span()
        inside = start > 0 and end < len(text) and text[start - 1].isalnum() and text[end].isalnum()
        if raw in _HYPHENS and inside:
            continue
        word = raw[0].isalnum()
        norm = _fold(raw).translate(_JOINERS) if word else raw
        acronym = word and raw.isupper() and 2 <= len(raw) <= 3
        stem = _stem(norm) if word else norm
        tokens.append(_Token(found.start(), found.end(), norm, stem, word, acronym))
    return tokens


def _content_key(name: str) -> tuple[str, ...]:
    """The bag of stems a name is looked up by. Two exceptions keep names from turning generic:
    a lone short acronym must be in capitals ("^ocd"), a one-word name whose stem is an everyday
    word must appear as spelled ("~cutting" is not "cut"), and a name left with one content word once
    grammatical words go ("Throwing up", "Hearing sounds") must match word for word ("=", ...)."""
    words = [t for t in _tokenise(name) if t.word]
    tokens = [t for t in words if t.norm not in _STOP]
    if len(tokens) == 1 and len(words) > 1:
        return ("=", *(t.stem for t in words))
    if len(tokens) == 1 and tokens[0].acronym:
        return ("^" + tokens[0].norm,)
    if len(tokens) == 1 and tokens[0].stem in _EVERYDAY:
        return ("~" + tokens[0].norm,)
    return tuple(sorted(t.stem for t in tokens))


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
        self._index: dict[tuple[str, ...], list[_Entry]] = {}
        for term in ontology.terms():
            if term.id in self._phenotypic:
                names = [(0, term.label)]
                names += [(1, name) for name in term.synonyms]
                names += [(2, name) for name in term.layperson_synonyms]
                for rank, name in names:
                    self._add(name, _Entry(term.id, rank, False))
                    for variant in _lay_variants(name):
                        self._add(variant, _Entry(term.id, 3, False))
        text = lexicon.read_text(encoding="utf-8") if lexicon else _bundled_lexicon()
        skipped = []
        for phrase, hpo_id, absence in _read_lexicon(text, str(lexicon or "lay_phrases.yaml")):
            listed = ontology.get(hpo_id)
            if listed is not None and listed.obsolete and listed.replaced_by:
                listed = ontology.get(listed.replaced_by)
            if listed is None or listed.id not in self._phenotypic:
                skipped.append(f"{phrase!r} → {hpo_id}: not a phenotypic abnormality here")
                continue
            self._add(phrase, _Entry(listed.id, 3, absence))
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
            rest = tuple(stem for stem in key if stem not in _PROBLEM_STEMS)
            if key[0][0] in "=^~" or len(rest) != len(key) - 1 or not rest:
                continue
            rank = min(_PROBLEM_RANKS[stem] for stem in key if stem in _PROBLEM_STEMS)
            if rank < best.get(rest, len(_PROBLEM_RANKS)):
                best[rest], named[rest] = rank, set()
            if rank == best[rest]:
                named[rest].update(e.term_id for e in entries if not e.states_absence)
        return {rest: self._most_general(ids) for rest, ids in named.items() if ids}

    def _most_general(self, ids: set[str]) -> tuple[str, ...]:
        if len(ids) == 1:
            return tuple(ids)
        return tuple(sorted(i for i in ids if not self.ontology.ancestors(i) & (ids - {i})))

    def _add(self, name: str, entry: _Entry) -> None:
        variants = {name, name.replace("-", "")}  # "Tip-toe gait" also as "tiptoe gait"
        for key in sorted({_content_key(variant) for variant in variants}):
            if key and entry not in self._index.setdefault(key, []):
                self._index[key].append(entry)

    def parse(self, text: str) -> list[FoundTerm]:
        """Every term mentioned in `text`, ordered by position; raises InputError past 5,000 chars."""
        if len(text) > MAX_TEXT_CHARS:
            raise InputError(
                f"the text has {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,} "
                "(split it into shorter pieces)"
            )
        tokens = self._known_bases(_tokenise(text))
        matches = self._select(self._candidates(tokens))
        negated = _negated(tokens, matches)
        found: dict[tuple[int, int, str], FoundTerm] = {}
        for match, is_negated in zip(matches, negated, strict=True):
            if _circumstance(tokens, match.tokens[0]):
                continue  # "worse when he is tired": when it happens, not a finding
            if _about_relative(tokens, match.tokens[0]):
                # "his brother has ADHD" says nothing about the child, "... but he does not" does
                if not _denied_for_child(tokens, match.tokens[-1]):
                    continue
                is_negated = True
            start, end = tokens[match.tokens[0]].start, tokens[match.tokens[-1]].end
            clause = _clause_words(tokens, match)
            often = bool(_OFTEN.intersection(clause))
            widespread = _said_widespread(clause)
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
            if _about_relative(tokens, first):
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

    def _known_bases(self, tokens: list[_Token]) -> list[_Token]:
        """An unknown word read as its base when that is known: "weaker" = weak, "jerky" = jerk."""
        out = []
        for token in tokens:
            if token.word and token.stem not in self._vocabulary:
                base = next((b for b in _base_forms(token.norm) if b in self._vocabulary), None)
                token = replace(token, stem=base) if base else token
            out.append(token)
        return out

    def _verdicts(
        self, tokens: Sequence[_Token], matches: Sequence[_Match]
    ) -> list[tuple[int, int, tuple[str, ...], bool]]:
        """Body functions said to be fine or not, as (first token, last token, terms, excluded):
        "hearing is fine", "Swallowing - normal", "sleep has never been a problem",
        "no worries about his eyes", "his walking has got worse"."""
        claimed = {i for m in matches for i in m.tokens}
        found = []
        for run in _runs(tokens, content=True):
            for a in range(len(run)):
                for b in range(min(a + 3, len(run)) - 1, a - 1, -1):  # the longest first
                    span = run[a : b + 1]
                    if span[-1] - span[0] != len(span) - 1 or claimed.intersection(span):
                        continue
                    key = tuple(sorted(tokens[i].stem for i in span))
                    if key not in self._functions:
                        continue
                    verdict = _verdict_after(tokens, span[-1] + 1)
                    clause = _back_to(tokens, span[0], _STRONG_PUNCT | _CONNECTORS | {","})
                    before = tokens[max(clause, span[0] - 3) : span[0]]
                    if verdict is not None and any(t.norm in _NEGATORS for t in before):
                        verdict = verdict[0], not verdict[1]  # "he doesn't sleep well"
                    if verdict is None and _concern_denied_before(tokens, span[0]):
                        verdict = span[-1], True
                    if verdict is not None:
                        found.append((span[0], verdict[0], self._functions[key], verdict[1]))
                        claimed.update(span)
                        break
        return found

    def _candidates(self, tokens: Sequence[_Token]) -> list[_Match]:
        candidates = []
        runs = _runs(tokens, content=True) + _runs(tokens, content=True, skip=_FILLERS)
        for stretch in _runs(tokens, content=False):
            for a in range(len(stretch)):
                for b in range(a + 2, min(len(stretch), a + self._longest_exact - 1) + 1):
                    span = tuple(stretch[a:b])
                    key = ("=", *(tokens[i].stem for i in span))
                    if key in self._index:
                        candidates.append(_Match(span, self._entries(key), False))
        for run in runs:
            for a, first in enumerate(run):
                for key in (("^" + tokens[first].norm,), ("~" + tokens[first].norm,)):
                    if key in self._index and (key[0][0] == "~" or tokens[first].acronym):
                        candidates.append(_Match((first,), self._entries(key), False))
                for b in range(a, min(len(run), a + self._longest)):
                    if tokens[run[b]].stem not in self._vocabulary:
                        break
                    if b > a and run[b] - run[b - 1] - 1 > _MAX_GAP:
                        break
                    key = tuple(sorted(tokens[i].stem for i in run[a : b + 1]))
                    if key in self._index:
                        candidates.append(_Match(tuple(run[a : b + 1]), self._entries(key), False))
                candidates += self._coordinated(tokens, run, a)
        return candidates

    def _coordinated(self, tokens: Sequence[_Token], run: Sequence[int], a: int) -> list[_Match]:
        found = []
        first = tokens[run[a]].stem
        for b in range(a + 2, min(len(run), a + _COORDINATION_REACH + 1)):
            last = tokens[run[b]].stem
            key = tuple(sorted((first, last)))
            if key not in self._pairs:
                continue
            gap = [tokens[i] for i in run[a + 1 : b]]
            negated = all(t.norm in _NEGATORS or t.norm in _DEGREE for t in gap)
            coordinated = all(
                t.norm in _DEGREE or t.norm in {"and", "or"} or self._modifies(t.stem, first, last)
                for t in gap
            )
            if negated or coordinated:
                found.append(_Match((run[a], run[b]), self._entries(key), True))
        return found

    def _modifies(self, stem: str, first: str, last: str) -> bool:
        return any(tuple(sorted((stem, end))) in self._pairs for end in (first, last))

    def _entries(self, key: tuple[str, ...]) -> tuple[_Entry, ...]:
        entries = self._index[key]
        best = min(e.rank for e in entries)
        return tuple(e for e in entries if e.rank == best)

    def _most_specific(self, entries: Iterable[_Entry]) -> list[_Entry]:
        entries = sorted(entries, key=lambda e: e.term_id)
        ids = {e.term_id for e in entries}
        return [
            e
            for e in entries
            if not any(o != e.term_id and e.term_id in self.ontology.ancestors(o) for o in ids)
        ]

    @staticmethod
    def _select(candidates: list[_Match]) -> list[_Match]:
        def priority(m: _Match) -> tuple[int, bool, int, int]:
            return (-len(m.tokens), m.coordinated, m.tokens[-1] - m.tokens[0], m.tokens[0])

        claimed: set[int] = set()
        chosen: list[_Match] = []
        for match in sorted(candidates, key=priority):
            shared = claimed.intersection(match.tokens)
            if not shared or (match.coordinated and len(shared) == 1):
                chosen.append(match)
                claimed.update(match.tokens)
        return sorted(chosen, key=lambda m: (m.tokens[0], m.tokens[-1]))


def _runs(
    tokens: Sequence[_Token], *, content: bool, skip: frozenset[str] = frozenset()
) -> list[list[int]]:
    """Word indices (content words only, or all; never `skip` words), split at punctuation: no name
    matches across it."""
    runs: list[list[int]] = [[]]
    for i, token in enumerate(tokens):
        if not token.word:
            runs.append([])
        elif (not content or token.norm not in _STOP) and token.norm not in skip:
            runs[-1].append(i)
    return [run for run in runs if run]


def _triggers(tokens: Sequence[_Token]) -> list[int]:
    """Indices of negation triggers: pseudo-negations ("not only") and answers left out."""
    found = []
    for i, token in enumerate(tokens):
        if token.norm == "out" and i and tokens[i - 1].norm in {"rule", "rules", "ruled"}:
            if i < 2 or tokens[i - 2].stem != "cannot":  # "can't rule out" is doubt, not absence
                found.append(i)
            continue
        if token.norm == "free" and i + 1 < len(tokens) and tokens[i + 1].norm in {"of", "from"}:
            found.append(i)  # "free of seizures", "free from reflux"
            continue
        if not token.word or token.norm not in _NEGATORS:
            continue
        following = [t.norm for t in tokens[i + 1 : i + 8] if t.word]
        content = [norm for norm in following if norm not in _STOP]
        if {*following[:1], *content[:1]} & _PSEUDO_AFTER or following[:2] == ["to", "stop"]:
            continue
        if token.norm in _ANSWERS | {"not"} and _answers(tokens, i):
            continue  # "Seizures: no." looks back, not forward
        found.append(i)
    return found


def _answers(tokens: Sequence[_Token], i: int) -> bool:
    """Whether "no" at `i` answers what stands before it: "Seizures: no", "Seizures? No."."""
    before = tokens[i - 1].norm if i > 0 else ""
    j = i + 1
    at_all = [t.norm for t in tokens[i + 1 : i + 3]] == ["at", "all"]
    if tokens[i].norm == "not" and not at_all:
        return False
    if at_all:  # "Seizures? Not at all.", "Constipation: none at all."
        j = i + 3
    after = tokens[j].norm if j < len(tokens) else "."
    return before in {":", "-", "–", "?"} and (after in _STRONG_PUNCT or after == ",")


def _scope_end(tokens: Sequence[_Token], i: int) -> int:
    """Index just past the last token a pre-trigger at `i` reaches: the end of its clause."""
    words = 0
    for j in range(i + 1, len(tokens)):
        token = tokens[j]
        if token.norm in _STRONG_PUNCT or token.norm in _TERMINATORS or token.norm in _SUBJECTS:
            return j
        if token.norm in _LIST_JOINERS:
            k = j + 1
            while k < len(tokens) and tokens[k].norm in _LIST_JOINERS:
                k += 1
            if k == len(tokens) or tokens[k].norm in _CLAUSE_START | _TERMINATORS:
                return j
            if any(t.norm in _AUXILIARIES for t in tokens[k + 1 : k + 3]):
                return j  # "no drooling and swallowing has ...": a new clause with its own verb
        words += token.word
        if words > 12:
            return j
    return len(tokens)


def _scopes(tokens: Sequence[_Token], matches: Sequence[_Match]) -> list[tuple[int, int]]:
    """(trigger, scope end) of each live pre-trigger; a scope stops at the next trigger, and two
    triggers with no finding between them cancel ("never without", "not a day ... without")."""
    owned = {i for m in matches for i in m.tokens}
    triggers = [i for i in _triggers(tokens) if i not in owned]
    scopes = []
    n = 0
    while n < len(triggers):
        trigger, end = triggers[n], _scope_end(tokens, triggers[n])
        nxt = triggers[n + 1] if n + 1 < len(triggers) else len(tokens)
        if nxt < end and not any(trigger < m.tokens[0] < nxt for m in matches):
            n += 2
            continue
        scopes.append((trigger, min(end, nxt)))
        n += 1
    return scopes


def _negated(tokens: Sequence[_Token], matches: Sequence[_Match]) -> list[bool]:
    """Whether each match is negated, by a trigger before it, in its gap, after it, or an answer."""
    flips = [0] * len(matches)
    owned = {i for m in matches for i in m.tokens}
    for trigger, end in _scopes(tokens, matches):
        for k, match in enumerate(matches):
            if match.tokens[0] < trigger < match.tokens[-1] or trigger < match.tokens[0] < end:
                flips[k] += 1
    for k, match in enumerate(matches):
        after = range(match.tokens[-1] + 1, min(len(tokens), match.tokens[-1] + 6))
        if any(
            t not in owned
            and (
                _post_trigger_at(tokens, t)
                or (
                    _concern_denied_at(tokens, t)
                    and all(x.norm in _STOP for x in tokens[match.tokens[-1] + 1 : t])
                )
            )
            and _back_to(tokens, t, _STRONG_PUNCT | _TERMINATORS | _NEGATORS | {","})
            <= match.tokens[0]
            for t in after
        ):
            flips[k] += 1
    for i, token in enumerate(tokens):
        if token.norm in _ANSWERS | {"not"} and _answers(tokens, i):
            start = _back_to(tokens, i - 1, _STRONG_PUNCT)
            for k, match in enumerate(matches):
                if start <= match.tokens[0] < i - 1:
                    flips[k] += 1
    return [f % 2 == 1 for f in flips]


def _back_to(tokens: Sequence[_Token], i: int, stops: frozenset[str]) -> int:
    """Index just after the nearest token before `i` whose norm is in `stops` (0 if none)."""
    return next((j + 1 for j in range(i - 1, -1, -1) if tokens[j].norm in stops), 0)


def _about_relative(tokens: Sequence[_Token], first: int) -> bool:
    """Whether a relative is named in the clause before token `first`."""
    start = _back_to(tokens, first, _STRONG_PUNCT | _TERMINATORS | _SUBJECTS | {","})
    return any(t.stem in _RELATIVES or t.norm in _RELATIVES for t in tokens[start:first])


def _post_trigger_at(tokens: Sequence[_Token], t: int) -> bool:
    return any(
        tuple(tok.norm for tok in tokens[t : t + len(trigger)]) == trigger
        for trigger in _POST_TRIGGERS
    )


_BODY_WORDS = (("upper limb", "arm"), ("lower limb", "leg"))


def _lay_variants(name: str) -> list[str]:
    """How parents say an HPO name: "Delayed ability to sit" = "slow to sit", "late to sit", "sat
    late"; "Delayed speech development" = "speech development was late"; "Lower limb
    hypertonia" = "leg hypertonia"."""
    folded = name.casefold()
    variants = []
    for head in ("delayed ability to ", "delayed "):
        if folded.startswith(head):
            rest = folded[len(head) :]
            variants += [f"late {rest}", f"slow {rest}"]
            break
    for clinical, everyday in _BODY_WORDS:
        if clinical in folded:
            variants.append(folded.replace(clinical, everyday))
    return variants


def _verdict_after(tokens: Sequence[_Token], i: int) -> tuple[int, bool] | None:
    """(last token, excluded) of what is said of a body function from `i` on: "is fine", ": normal",
    "has never been a problem", "- none", "? No" exclude; "got worse", "isn't right", "doesn't
    work properly" observe; None if nothing is said."""
    k, answer = i, False
    while k < len(tokens) and (
        tokens[k].norm in _STOP or tokens[k].norm in _CONNECTORS or tokens[k].norm in _FILLERS
    ):
        answer |= tokens[k].norm in _CONNECTORS
        k += 1
    if k == len(tokens) or tokens[k - 1].norm == "as":  # "and hearing as well"
        return None
    if tokens[k].norm in _ALL_CLEAR:
        return k, True
    if tokens[k].norm in _NOT_RIGHT:
        return k, False
    if answer and tokens[k].norm in _ANSWERS | {"not"}:
        return k, True
    if tokens[k].norm in _NEGATORS:
        rest = [j for j in range(k + 1, min(len(tokens), k + 5)) if tokens[j].norm not in _STOP]
        if rest and (tokens[rest[0]].stem in _CONCERNS or tokens[rest[0]].norm in _CONCERNS):
            return rest[0], True
        if rest and tokens[rest[0]].norm in _ALL_CLEAR and tokens[rest[0] - 1].norm != "as":
            return rest[0], False  # "her eyesight isn't good"
    return None


def _concern_denied_before(tokens: Sequence[_Token], i: int) -> bool:
    """Whether "no problems with", "never any trouble with", "nothing wrong with" comes just before
    token `i` (a negated problem name already matches on its own: "no trouble swallowing")."""
    k = i - 1
    linkers = {"with", "in", "about", "of"}
    while k > 0 and tokens[k].norm in _STOP and tokens[k].norm not in linkers:
        k -= 1  # "with his hearing"
    if k < 1 or tokens[k].norm not in linkers:
        return False
    k -= 1
    if tokens[k].stem not in _CONCERNS and tokens[k].norm not in _CONCERNS:
        return False
    before = [t.norm for t in tokens[max(0, k - 4) : k]]
    return bool(_NEGATORS.intersection(before)) and not _STRONG_PUNCT.intersection(before)


def _denied_for_child(tokens: Sequence[_Token], last: int) -> bool:
    """Whether a relative's finding ending at `last` is denied for the child in the next clause:
    "his brother has ADHD but he does not", "..., but not her", "... - she hasn't"."""
    k = last + 1
    while k < len(tokens) and tokens[k].norm in {",", "-", "–", "but", "and", "while", "whereas"}:
        k += 1
    rest = []
    while k < len(tokens) and tokens[k].norm not in _STRONG_PUNCT:
        rest.append(tokens[k].norm)
        k += 1
    if rest[:1] == ["not"]:
        return rest[1:] in (["him"], ["her"], ["them"], ["me"], ["us"])
    if not rest or rest[0] not in _SUBJECTS:
        return False
    tail = [w for w in rest[1:] if w not in {"does", "did", "is", "has", "have", "was", "so"}]
    return (
        bool(tail)
        and tail[0] in _ELLIPSIS_NEGATED
        and set(tail[1:]) <= {"not", "have", "it", "got", "any", "one", "ever", "had"}
    )


def _clause_words(tokens: Sequence[_Token], match: _Match) -> list[str]:
    """The words of a match's clause, where "every day" or "whole body" may qualify it."""
    start = _back_to(tokens, match.tokens[0], _STRONG_PUNCT | _TERMINATORS | {","})
    end = next(
        (
            j
            for j in range(match.tokens[-1] + 1, len(tokens))
            if tokens[j].norm in _STRONG_PUNCT | _TERMINATORS | {","}
        ),
        len(tokens),
    )
    return [t.norm for t in tokens[start:end]]


def _said_widespread(words: Sequence[str]) -> bool:
    """Whether a clause says a finding is everywhere: "spread to her whole body", "all over"."""
    pairs = set(pairwise(words))
    return "everywhere" in words or bool(
        pairs & {("whole", "body"), ("entire", "body"), ("all", "over")}
    )


def _circumstance(tokens: Sequence[_Token], first: int) -> bool:
    """Whether the match at `first` names when something happens rather than a finding: "when he
    is tired", "whenever she's upset", "if tired"."""
    k = first - 1
    while k >= 0 and tokens[k].norm in _DEGREE | {"very", "really", "so", "too", "a", "bit"}:
        k -= 1
    if k >= 0 and tokens[k].norm in _STATE_VERBS:
        k -= 1
        if k >= 0 and tokens[k].norm in _SUBJECTS:
            k -= 1
    return k >= 0 and tokens[k].norm in _WHEN


def _concern_denied_at(tokens: Sequence[_Token], t: int) -> bool:
    """Whether a negator at `t` denies a concern about what stands before it: "drooling isn't an
    issue", "reflux has never been a problem"."""
    if tokens[t].norm not in _NEGATORS:
        return False
    rest = [j for j in range(t + 1, min(len(tokens), t + 5)) if tokens[j].norm not in _STOP]
    return bool(rest) and (tokens[rest[0]].stem in _CONCERNS or tokens[rest[0]].norm in _CONCERNS)
