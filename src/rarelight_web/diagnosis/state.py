"""The state of a "Could it be…?" session, carried in the form itself (nothing is stored)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import QueryDict

from rarelight.phenotype import MAX_TERMS

MAX_TEXT = 5000


@dataclass
class Symptoms:
    """Observed and excluded HPO ids, in the order they were added, plus the free text."""

    observed: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    text: str = ""
    query: str = ""
    focus: str = ""
    sex: str = ""
    onset_age: str = ""
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_post(cls, data: QueryDict) -> Symptoms:
        state = cls(
            observed=_ids(data.getlist("observed")),
            excluded=_ids(data.getlist("excluded")),
            text=data.get("text", "")[:MAX_TEXT],
            query=data.get("q", "")[:200],
            focus=data.get("focus", "")[:32],
            sex=data.get("sex", "") if data.get("sex") in {"female", "male"} else "",
            onset_age=data.get("onset_age", "").strip()[:6],
        )
        # A feature checklist (the profile page's) posts f_<HP id> = present | absent | unknown.
        for key, value in data.items():
            if key.startswith("f_HP:") and value in {"present", "absent"}:
                state.add(key[2:].upper(), excluded=value == "absent")
        state.excluded = [t for t in state.excluded if t not in state.observed]
        if len(data.get("text", "")) > MAX_TEXT:
            state.errors.append(f"The description was cut to its first {MAX_TEXT} characters.")
        return state

    def add(self, hpo_id: str, excluded: bool) -> None:
        """Add a term as present or absent (moving it if it was on the other side)."""
        target, other = (
            (self.excluded, self.observed) if excluded else (self.observed, self.excluded)
        )
        if hpo_id in other:
            other.remove(hpo_id)
        if hpo_id not in target and len(self.observed) + len(self.excluded) < MAX_TERMS:
            target.append(hpo_id)

    def remove(self, hpo_id: str) -> None:
        for side in (self.observed, self.excluded):
            if hpo_id in side:
                side.remove(hpo_id)


def _ids(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v.strip().upper() for v in values if v.strip()))[:MAX_TERMS]
