"""The HPO as an explicit object: look terms up, follow obsolete and alternative ids, walk ancestors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from rarelight.errors import InputError, NotFound

from ._model import HpoTerm

_HPO_ID = re.compile(r"^HP:\d{7}$")


@dataclass(frozen=True, slots=True)
class Resolved:
    """A term looked up by id, with a notice when the id was obsolete or an alternative id."""

    term: HpoTerm
    notice: str | None = None


class Ontology:
    """Terms of one HPO release, indexed by id; built once and passed in, never global."""

    def __init__(self, version: str, terms: list[HpoTerm]) -> None:
        self.version = version
        self._terms = {term.id: term for term in terms}
        self._alt = {alt: term.id for term in terms for alt in term.alt_ids}

    def __len__(self) -> int:
        return sum(1 for term in self._terms.values() if not term.obsolete)

    def __contains__(self, hpo_id: object) -> bool:
        return hpo_id in self._terms or hpo_id in self._alt

    def all_terms(self) -> list[HpoTerm]:
        """Every term stored, obsolete ones included, in id order."""
        return sorted(self._terms.values(), key=lambda t: t.id)

    def terms(self) -> list[HpoTerm]:
        """Every current (not obsolete) term, in id order."""
        return sorted((t for t in self._terms.values() if not t.obsolete), key=lambda t: t.id)

    def resolve(self, hpo_id: str) -> Resolved:
        """The current term for an id, following alternative ids and `replaced_by` with a notice.

        Raises InputError for a malformed id and NotFound for an unknown or retired one.
        """
        hpo_id = hpo_id.strip().upper()
        if not _HPO_ID.match(hpo_id):
            raise InputError(
                f"{hpo_id!r} is not an HPO id; expected HP: and seven digits, e.g. HP:0001332"
            )
        if hpo_id in self._alt:
            current = self._terms[self._alt[hpo_id]]
            return Resolved(
                current, f"{hpo_id} is an alternative id of {current.id} ({current.label})"
            )
        term = self._terms.get(hpo_id)
        if term is None:
            raise NotFound(f"{hpo_id} is not in HPO release {self.version}")
        if not term.obsolete:
            return Resolved(term)
        if term.replaced_by and term.replaced_by in self._terms:
            current = self._terms[term.replaced_by]
            return Resolved(
                current,
                f"{hpo_id} ({term.label}) is obsolete; replaced by {current.id} ({current.label})",
            )
        hint = f"; consider {', '.join(term.consider)}" if term.consider else ""
        raise NotFound(f"{hpo_id} ({term.label}) is obsolete in HPO release {self.version}{hint}")

    def label(self, hpo_id: str) -> str:
        """The label of a term, or the id itself when unknown (for display, never for logic)."""
        term = self._terms.get(hpo_id) or self._terms.get(self._alt.get(hpo_id, ""))
        return term.label if term else hpo_id

    def get(self, hpo_id: str) -> HpoTerm | None:
        """The term stored under exactly this id (current or obsolete), or None."""
        return self._terms.get(hpo_id)

    @cached_property
    def _children(self) -> dict[str, tuple[str, ...]]:
        children: dict[str, list[str]] = {}
        for term in self._terms.values():
            if not term.obsolete:
                for parent in term.parents:
                    children.setdefault(parent, []).append(term.id)
        return {parent: tuple(sorted(kids)) for parent, kids in children.items()}

    def ancestors(self, hpo_id: str) -> frozenset[str]:
        """The term and all its ancestors (the true-path closure)."""
        seen = {hpo_id}
        stack = [hpo_id]
        while stack:
            term = self._terms.get(stack.pop())
            for parent in term.parents if term else ():
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        return frozenset(seen)

    def descendants(self, hpo_id: str) -> frozenset[str]:
        """The term and everything below it."""
        seen = {hpo_id}
        stack = [hpo_id]
        while stack:
            for child in self._children.get(stack.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        return frozenset(seen)
