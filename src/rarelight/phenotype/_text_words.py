"""The words of a parent's text: tokens with their normalised and stemmed forms, the word lists
that the parser and the negation scopes share, and the everyday ways parents say HPO names.

The stemmer is deliberately light and ours: it strips English inflections and joins a few
derivations ("dystonic" = dystonia) so both sides of a lookup meet; it is not a linguistic stem.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|\n|[^\w\s]")
_JOINERS = str.maketrans("", "", "'’")
_HYPHENS = frozenset("-‐")
# Grammatical words: never part of a match, skipped between the words of one.
STOP = _words(
    "a an the this that these those some any i me my mine we us our you your he him his she her hers "
    "they them their theirs it its himself herself themselves itself myself hes shes its theyre im "
    "ive weve theyve is are was were be been being am has have had having do does did will would "
    "shall should can could may might must become becomes became becoming seem seems seemed sound "
    "sounds sounded get gets got gotten getting go goes went gone going start starts started "
    "starting begin begins began begun of on in at to for with by from about into onto up over "
    "very quite really rather slightly extremely somewhat fairly increasingly bit also just both"
)
NEGATORS = _words(
    "no not never without nor neither none denies denied deny denying doesnt dont didnt isnt arent "
    "wasnt werent hasnt havent hadnt wont nothing nobody"
)
PSEUDO_AFTER = _words(
    "only just longer doubt sure certain better improved improvement change matter one unusual "
    "uncommon infrequent rare unlike unknown stop stops stopped stopping end shortage able"
)
TERMINATORS = _words(
    "but however although though except apart aside besides yet whereas while which who whose "
    "because since unless until instead only just"
)
CLAUSE_START = _words(
    "i we he she they it you his her their my our its this there is are was were has have had does "
    "did can could will would may might still also now then hes shes theyre im"
)
SUBJECTS = _words("i we he she they you hes shes theyre im ive")  # a new clause, even unmarked
# Whose finding it is (ConText's "experiencer"): a relative named earlier in the clause.
RELATIVES = _words(
    "mother mum mom mummy mommy father dad daddy brother sister sibling grandfather grandmother "
    "grandma grandpa granny grandad granddad nan nana uncle aunt auntie cousin twin husband wife "
    "partner parent niece nephew stepbrother stepsister stepmother stepfather"
)
LIST_JOINERS = frozenset({"and", "or", ","})
AUXILIARIES = _words("is are was were has have had does did")
WHEN = _words("when whenever if once")
STATE_VERBS = _words("is are was were gets get got feels feel becomes hes shes theyre im")
# Words that say a finding happens often: "falls every day" is Frequent falls, not Falls.
OFTEN = _words(
    "every often always constantly several many regularly daily frequently repeatedly lot lots "
    "keeps keep"
)
STRONG_PUNCT = frozenset(".;:!?\n()[]{}")
POST_TRIGGERS = (("absent",), ("ruled", "out"), ("not", "present"), ("not", "seen"))
ANSWERS = frozenset({"no", "none", "never", "nope"})
DEGREE = _words("little more much so too pretty")  # "a little hoarse", "so quiet"
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
FILLERS = _words(
    "right left both whole entire own often always sometimes usually constantly occasionally "
    "mostly mainly especially came come"
)
# What a parent says of a body function that is fine: "hearing is fine", "Swallowing: normal".
ALL_CLEAR = _words(
    "fine normal normally ok okay good great perfect perfectly unaffected typical healthy well "
    "properly"
)
# ... and of one that is not: "his walking has got worse", "she walks oddly".
NOT_RIGHT = _words(
    "worse odd oddly strange strangely funny unusual weird abnormal abnormally poor poorly bad badly"
)
CONCERNS = _words("difficulty concern concerns worry worries wrong")  # "never been a problem"
CONNECTORS = frozenset({":", "-", "–", "?"})
ELLIPSIS_NEGATED = _words("doesnt dont didnt isnt arent hasnt havent wasnt never not")
MAX_GAP = 3  # grammatical words allowed between two matched words
COORDINATION_REACH = 4  # content words from one end of a two-word name to the other


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    norm: str  # casefolded, accents and joiners removed; punctuation as itself
    stem: str
    word: bool
    acronym: bool  # two or three capitals in the input, e.g. "OCD"


@dataclass(frozen=True, slots=True)
class Entry:
    term_id: str
    rank: int  # index into _SOURCES: lower is more authoritative
    states_absence: bool  # an `excluded` lay phrase such as "normal hearing"


@dataclass(frozen=True, slots=True)
class Match:
    tokens: tuple[int, ...]  # indices of the matched words
    entries: tuple[Entry, ...]
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
PROBLEM_RANKS = {
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
PROBLEM_STEMS = frozenset(PROBLEM_RANKS)


def base_forms(word: str) -> list[str]:
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


def tokenise(text: str) -> list[Token]:
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
        tokens.append(Token(found.start(), found.end(), norm, stem, word, acronym))
    return tokens


def content_key(name: str) -> tuple[str, ...]:
    """The bag of stems a name is looked up by. Two exceptions keep names from turning generic:
    a lone short acronym must be in capitals ("^ocd"), a one-word name whose stem is an everyday
    word must appear as spelled ("~cutting" is not "cut"), and a name left with one content word once
    grammatical words go ("Throwing up", "Hearing sounds") must match word for word ("=", ...)."""
    words = [t for t in tokenise(name) if t.word]
    tokens = [t for t in words if t.norm not in STOP]
    if len(tokens) == 1 and len(words) > 1:
        return ("=", *(t.stem for t in words))
    if len(tokens) == 1 and tokens[0].acronym:
        return ("^" + tokens[0].norm,)
    if len(tokens) == 1 and tokens[0].stem in _EVERYDAY:
        return ("~" + tokens[0].norm,)
    return tuple(sorted(t.stem for t in tokens))


def word_runs(
    tokens: Sequence[Token], *, content: bool, skip: frozenset[str] = frozenset()
) -> list[list[int]]:
    """Word indices (content words only, or all; never `skip` words), split at punctuation: no name
    matches across it."""
    runs: list[list[int]] = [[]]
    for i, token in enumerate(tokens):
        if not token.word:
            runs.append([])
        elif (not content or token.norm not in STOP) and token.norm not in skip:
            runs[-1].append(i)
    return [run for run in runs if run]


_BODY_WORDS = (("upper limb", "arm"), ("lower limb", "leg"))


def lay_variants(name: str) -> list[str]:
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
