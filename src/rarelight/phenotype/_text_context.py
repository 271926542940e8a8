"""Context of a finding in a parent's text, after NegEx and ConText: is it negated, said of a
relative, a circumstance rather than a finding, or a body function said to be fine or not.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from ._text_words import (
    ALL_CLEAR,
    ANSWERS,
    AUXILIARIES,
    CLAUSE_START,
    CONCERNS,
    CONNECTORS,
    DEGREE,
    ELLIPSIS_NEGATED,
    FILLERS,
    LIST_JOINERS,
    NEGATORS,
    NOT_RIGHT,
    POST_TRIGGERS,
    PSEUDO_AFTER,
    RELATIVES,
    STATE_VERBS,
    STOP,
    STRONG_PUNCT,
    SUBJECTS,
    TERMINATORS,
    WHEN,
    Match,
    Token,
)


def _triggers(tokens: Sequence[Token]) -> list[int]:
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
        if not token.word or token.norm not in NEGATORS:
            continue
        following = [t.norm for t in tokens[i + 1 : i + 8] if t.word]
        content = [norm for norm in following if norm not in STOP]
        if {*following[:1], *content[:1]} & PSEUDO_AFTER or following[:2] == ["to", "stop"]:
            continue
        if token.norm in ANSWERS | {"not"} and _answers(tokens, i):
            continue  # "Seizures: no." looks back, not forward
        found.append(i)
    return found


def _answers(tokens: Sequence[Token], i: int) -> bool:
    """Whether "no" at `i` answers what stands before it: "Seizures: no", "Seizures? No."."""
    before = tokens[i - 1].norm if i > 0 else ""
    j = i + 1
    at_all = [t.norm for t in tokens[i + 1 : i + 3]] == ["at", "all"]
    if tokens[i].norm == "not" and not at_all:
        return False
    if at_all:  # "Seizures? Not at all.", "Constipation: none at all."
        j = i + 3
    after = tokens[j].norm if j < len(tokens) else "."
    return before in {":", "-", "–", "?"} and (after in STRONG_PUNCT or after == ",")


def _scope_end(tokens: Sequence[Token], i: int) -> int:
    """Index just past the last token a pre-trigger at `i` reaches: the end of its clause."""
    words = 0
    for j in range(i + 1, len(tokens)):
        token = tokens[j]
        if token.norm in STRONG_PUNCT or token.norm in TERMINATORS or token.norm in SUBJECTS:
            return j
        if token.norm in LIST_JOINERS:
            k = j + 1
            while k < len(tokens) and tokens[k].norm in LIST_JOINERS:
                k += 1
            if k == len(tokens) or tokens[k].norm in CLAUSE_START | TERMINATORS:
                return j
            if any(t.norm in AUXILIARIES for t in tokens[k + 1 : k + 3]):
                return j  # "no drooling and swallowing has ...": a new clause with its own verb
        words += token.word
        if words > 12:
            return j
    return len(tokens)


def _scopes(tokens: Sequence[Token], matches: Sequence[Match]) -> list[tuple[int, int]]:
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


def negations(tokens: Sequence[Token], matches: Sequence[Match]) -> list[bool]:
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
                    and all(x.norm in STOP for x in tokens[match.tokens[-1] + 1 : t])
                )
            )
            and back_to(tokens, t, STRONG_PUNCT | TERMINATORS | NEGATORS | {","}) <= match.tokens[0]
            for t in after
        ):
            flips[k] += 1
    for i, token in enumerate(tokens):
        if token.norm in ANSWERS | {"not"} and _answers(tokens, i):
            start = back_to(tokens, i - 1, STRONG_PUNCT)
            for k, match in enumerate(matches):
                if start <= match.tokens[0] < i - 1:
                    flips[k] += 1
    return [f % 2 == 1 for f in flips]


def back_to(tokens: Sequence[Token], i: int, stops: frozenset[str]) -> int:
    """Index just after the nearest token before `i` whose norm is in `stops` (0 if none)."""
    return next((j + 1 for j in range(i - 1, -1, -1) if tokens[j].norm in stops), 0)


def about_relative(tokens: Sequence[Token], first: int) -> bool:
    """Whether a relative is named in the clause before token `first`."""
    start = back_to(tokens, first, STRONG_PUNCT | TERMINATORS | SUBJECTS | {","})
    return any(t.stem in RELATIVES or t.norm in RELATIVES for t in tokens[start:first])


def _post_trigger_at(tokens: Sequence[Token], t: int) -> bool:
    return any(
        tuple(tok.norm for tok in tokens[t : t + len(trigger)]) == trigger
        for trigger in POST_TRIGGERS
    )


def verdict_after(tokens: Sequence[Token], i: int) -> tuple[int, bool] | None:
    """(last token, excluded) of what is said of a body function from `i` on: "is fine", ": normal",
    "has never been a problem", "- none", "? No" exclude; "got worse", "isn't right", "doesn't
    work properly" observe; None if nothing is said."""
    k, answer = i, False
    while k < len(tokens) and (
        tokens[k].norm in STOP or tokens[k].norm in CONNECTORS or tokens[k].norm in FILLERS
    ):
        answer |= tokens[k].norm in CONNECTORS
        k += 1
    if k == len(tokens) or tokens[k - 1].norm == "as":  # "and hearing as well"
        return None
    if tokens[k].norm in ALL_CLEAR:
        return k, True
    if tokens[k].norm in NOT_RIGHT:
        return k, False
    if answer and tokens[k].norm in ANSWERS | {"not"}:
        return k, True
    if tokens[k].norm in NEGATORS:
        rest = [j for j in range(k + 1, min(len(tokens), k + 5)) if tokens[j].norm not in STOP]
        if rest and (tokens[rest[0]].stem in CONCERNS or tokens[rest[0]].norm in CONCERNS):
            return rest[0], True
        if rest and tokens[rest[0]].norm in ALL_CLEAR and tokens[rest[0] - 1].norm != "as":
            return rest[0], False  # "her eyesight isn't good"
    return None


def concern_denied_before(tokens: Sequence[Token], i: int) -> bool:
    """Whether "no problems with", "never any trouble with", "nothing wrong with" comes just before
    token `i` (a negated problem name already matches on its own: "no trouble swallowing")."""
    k = i - 1
    linkers = {"with", "in", "about", "of"}
    while k > 0 and tokens[k].norm in STOP and tokens[k].norm not in linkers:
        k -= 1  # "with his hearing"
    if k < 1 or tokens[k].norm not in linkers:
        return False
    k -= 1
    if tokens[k].stem not in CONCERNS and tokens[k].norm not in CONCERNS:
        return False
    before = [t.norm for t in tokens[max(0, k - 4) : k]]
    return bool(NEGATORS.intersection(before)) and not STRONG_PUNCT.intersection(before)


def denied_for_child(tokens: Sequence[Token], last: int) -> bool:
    """Whether a relative's finding ending at `last` is denied for the child in the next clause:
    "his brother has ADHD but he does not", "..., but not her", "... - she hasn't"."""
    k = last + 1
    while k < len(tokens) and tokens[k].norm in {",", "-", "–", "but", "and", "while", "whereas"}:
        k += 1
    rest = []
    while k < len(tokens) and tokens[k].norm not in STRONG_PUNCT:
        rest.append(tokens[k].norm)
        k += 1
    if rest[:1] == ["not"]:
        return rest[1:] in (["him"], ["her"], ["them"], ["me"], ["us"])
    if not rest or rest[0] not in SUBJECTS:
        return False
    tail = [w for w in rest[1:] if w not in {"does", "did", "is", "has", "have", "was", "so"}]
    return (
        bool(tail)
        and tail[0] in ELLIPSIS_NEGATED
        and set(tail[1:]) <= {"not", "have", "it", "got", "any", "one", "ever", "had"}
    )


def clause_words(tokens: Sequence[Token], match: Match) -> list[str]:
    """The words of a match's clause, where "every day" or "whole body" may qualify it."""
    start = back_to(tokens, match.tokens[0], STRONG_PUNCT | TERMINATORS | {","})
    end = next(
        (
            j
            for j in range(match.tokens[-1] + 1, len(tokens))
            if tokens[j].norm in STRONG_PUNCT | TERMINATORS | {","}
        ),
        len(tokens),
    )
    return [t.norm for t in tokens[start:end]]


def said_widespread(words: Sequence[str]) -> bool:
    """Whether a clause says a finding is everywhere: "spread to her whole body", "all over"."""
    pairs = set(pairwise(words))
    return "everywhere" in words or bool(
        pairs & {("whole", "body"), ("entire", "body"), ("all", "over")}
    )


def circumstance(tokens: Sequence[Token], first: int) -> bool:
    """Whether the match at `first` names when something happens rather than a finding: "when he
    is tired", "whenever she's upset", "if tired"."""
    k = first - 1
    while k >= 0 and tokens[k].norm in DEGREE | {"very", "really", "so", "too", "a", "bit"}:
        k -= 1
    if k >= 0 and tokens[k].norm in STATE_VERBS:
        k -= 1
        if k >= 0 and tokens[k].norm in SUBJECTS:
            k -= 1
    return k >= 0 and tokens[k].norm in WHEN


def _concern_denied_at(tokens: Sequence[Token], t: int) -> bool:
    """Whether a negator at `t` denies a concern about what stands before it: "drooling isn't an
    issue", "reflux has never been a problem"."""
    if tokens[t].norm not in NEGATORS:
        return False
    rest = [j for j in range(t + 1, min(len(tokens), t + 5)) if tokens[j].norm not in STOP]
    return bool(rest) and (tokens[rest[0]].stem in CONCERNS or tokens[rest[0]].norm in CONCERNS)
