"""The family in the VCF: one proband, or a trio read from a PED file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rarelight.errors import InputError, Problem, ProblemsError

_SEX = {"1": "male", "2": "female"}
_AFFECTED = {"2": True, "1": False}


@dataclass(frozen=True, slots=True)
class Member:
    """One person of the pedigree: sex 'male'/'female'/None, affected True/False/None (unknown)."""

    id: str
    father: str | None = None
    mother: str | None = None
    sex: str | None = None
    affected: bool | None = None


@dataclass(frozen=True)
class Pedigree:
    """The proband and, for a trio, both parents (ids as in the VCF's sample columns)."""

    proband: Member
    father: Member | None = None
    mother: Member | None = None

    @property
    def is_trio(self) -> bool:
        return self.father is not None and self.mother is not None

    @property
    def members(self) -> tuple[Member, ...]:
        """Proband first, then father and mother when known: the order of `Variant.calls`."""
        return tuple(m for m in (self.proband, self.father, self.mother) if m is not None)

    @classmethod
    def single(cls, sample: str, sex: str | None = None) -> Pedigree:
        return cls(Member(sample, sex=sex, affected=True))

    @classmethod
    def from_ped(cls, text: str, proband: str | None = None, source: str = "PED") -> Pedigree:
        """Read a PED file (family, individual, father, mother, sex 1/2/0, affected 2/1/0).

        Every malformed line is named; the proband is `proband` or the one affected child with
        both parents listed.
        """
        members: dict[str, Member] = {}
        problems: list[Problem] = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split()
            if len(parts) < 6:
                problems.append(
                    Problem(
                        f"{source} line {number}",
                        f"{len(parts)} columns",
                        "give six: family, individual, father, mother, sex (1 male, 2 female, "
                        "0 unknown), phenotype (2 affected, 1 unaffected, 0 unknown)",
                    )
                )
                continue
            _, individual, father, mother, sex, affected = parts[:6]
            if sex not in {"0", "1", "2"}:
                problems.append(Problem(f"{source} line {number}", f"sex {sex!r}", "use 1, 2 or 0"))
            if affected not in {"0", "1", "2", "-9"}:
                problems.append(
                    Problem(f"{source} line {number}", f"phenotype {affected!r}", "use 2, 1 or 0")
                )
            members[individual] = Member(
                individual,
                None if father in {"0", "."} else father,
                None if mother in {"0", "."} else mother,
                _SEX.get(sex),
                _AFFECTED.get(affected),
            )
        if not members and not problems:
            problems.append(Problem(source, "no individuals", "list the proband and parents"))
        if problems:
            raise ProblemsError(f"{source} cannot be read", problems)
        if proband is None:
            children = sorted(
                m.id for m in members.values() if m.father and m.mother and m.affected is not False
            )
            if len(children) != 1:
                raise InputError(
                    f"{source}: cannot tell the proband ({len(children)} children with both "
                    "parents); give --proband ID"
                )
            proband = children[0]
        if proband not in members:
            raise InputError(
                f"{source}: no individual {proband!r}; ids are {', '.join(sorted(members))}"
            )
        child = members[proband]
        dad = members.get(child.father or "") or (
            Member(child.father, sex="male") if child.father else None
        )
        mum = members.get(child.mother or "") or (
            Member(child.mother, sex="female") if child.mother else None
        )
        return cls(child, dad, mum)

    @classmethod
    def read(cls, path: Path, proband: str | None = None) -> Pedigree:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"cannot read the PED file {path}: {error}") from error
        return cls.from_ped(text, proband, path.name)
