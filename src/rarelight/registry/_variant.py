"""Variant class from HGVS: what a variant is expected to do to the protein."""

from __future__ import annotations

import re

from ._model import VariantClass

__all__ = ["variant_class"]

_AA = r"(?:[A-Z][a-z]{2}|[A-Z*])"
_P_MISSENSE = re.compile(rf"^{_AA}\d+{_AA}$")
_P_NONSENSE = re.compile(rf"^{_AA}\d+(?:Ter|\*|X)$")
_P_START = re.compile(r"^(?:Met|M)1(?:\?|\S*)$")
_C_POSITION = re.compile(r"(-?\*?\d+)([+-]\d+)?")
_C_RANGE = re.compile(r"^([-*]?\d+)(?:[+-]\d+)?(?:_([-*]?\d+)(?:[+-]\d+)?)?(del|dup|ins|delins)")


def _strip(hgvs: str, kind: str) -> str:
    """'NM_1.2:c.(1A>T)' → '1A>T': the change without reference, prefix or brackets."""
    text = hgvs.split(":", 1)[1] if ":" in hgvs else hgvs
    text = text.strip()
    if text.startswith(f"{kind}."):
        text = text[2:]
    return text.strip("()[]")


def _from_protein(p: str) -> VariantClass | None:
    if not p or p in {"?", "0?"} or p.startswith("?"):
        return None
    if p == "0":
        return VariantClass.START_LOSS
    if p.endswith("=") or re.fullmatch(rf"{_AA}\d+=", p):
        return VariantClass.SYNONYMOUS
    if "fs" in p:
        return VariantClass.FRAMESHIFT
    if "ext" in p:
        return VariantClass.STOP_LOSS
    if _P_START.match(p):
        return VariantClass.START_LOSS
    if _P_NONSENSE.match(p):
        return VariantClass.NONSENSE
    if any(k in p for k in ("delins", "del", "ins", "dup")):
        return VariantClass.INFRAME
    if _P_MISSENSE.match(p):
        return VariantClass.MISSENSE
    return None


def _from_coding(c: str) -> VariantClass | None:
    if not c:
        return None
    head = c.split("del")[0].split("dup")[0].split("ins")[0].split(">")[0]
    for _position, offset in _C_POSITION.findall(head):
        if offset and abs(int(offset)) <= 2:
            return VariantClass.SPLICE
    if any(offset for _, offset in _C_POSITION.findall(head)):
        return VariantClass.SPLICE  # deeper intronic: reported with splicing in mind
    match = _C_RANGE.match(c)
    if match and not match.group(1).startswith(("-", "*")):
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) and match.group(2).isdigit() else first
        kind = match.group(3)
        removed = last - first + 1 if kind in {"del", "dup", "delins"} else 0
        inserted = c.split("ins", 1)[1] if "ins" in c else ""
        added = (
            len(inserted) if inserted.isalpha() else (int(inserted) if inserted.isdigit() else 0)
        )
        net = removed if kind == "dup" or kind == "del" else added - removed
        if kind == "ins" and not added:
            return None
        return VariantClass.INFRAME if net % 3 == 0 else VariantClass.FRAMESHIFT
    return None


def variant_class(hgvs_c: str = "", hgvs_p: str = "", description: str = "") -> VariantClass:
    """Class a variant by its protein change, then its coding change; no HGVS c. → copy number.

    >>> variant_class("NM_014727.3:c.2503C>T", "NP_055542.1:p.(Arg835Ter)")
    <VariantClass.NONSENSE: 'nonsense'>
    """
    found = _from_protein(_strip(hgvs_p, "p")) if hgvs_p else None
    if found is None and hgvs_c:
        found = _from_coding(_strip(hgvs_c, "c"))
    if found is None and not hgvs_c and not hgvs_p and description:
        return VariantClass.COPY_NUMBER
    return found or VariantClass.OTHER
