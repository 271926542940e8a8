"""Read the laboratory's consequence annotation: VEP's CSQ or SnpEff's ANN, found in the header.

Only the fields named here are used; `AnnotationFormat.from_header` fails with the missing ones
and the command that adds them when a VCF has no usable annotation.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from rarelight.errors import InputError

from ._consequence import CONSEQUENCES, ConsequenceClass, ConsequenceInfo, most_severe

VEP_REQUIRED = ("Allele", "Consequence", "SYMBOL")
SNPEFF_REQUIRED = ("Allele", "Annotation", "Gene_Name")
# Population allele frequencies, in the annotation (VEP) or as INFO fields (SnpSift, bcftools).
FREQUENCY_FIELDS = (
    "MAX_AF",
    "gnomADe_AF",
    "gnomADg_AF",
    "gnomAD_AF",
    "gnomAD_exomes_AF",
    "gnomAD_genomes_AF",
    "AF_popmax",
    "gnomAD_AF_popmax",
    "dbNSFP_gnomAD_exomes_AF",
    "dbNSFP_gnomAD_genomes_AF",
)
REVEL_FIELDS = ("REVEL", "REVEL_score", "dbNSFP_REVEL_score")
CADD_FIELDS = ("CADD_PHRED", "CADD_phred", "dbNSFP_CADD_phred")
SPLICEAI_FIELDS = (
    "SpliceAI_pred_DS_AG",
    "SpliceAI_pred_DS_AL",
    "SpliceAI_pred_DS_DG",
    "SpliceAI_pred_DS_DL",
    "SpliceAI_DS_max",
)
HOW_TO_ANNOTATE = (
    "annotate the VCF first, with Ensembl VEP (vep --vcf --symbol --hgvs --canonical "
    "--af_gnomade --af_gnomadg --max_af, optionally --plugin REVEL, CADD, SpliceAI) or SnpEff "
    "(snpEff ann GRCh38.mane.1.2.ensembl in.vcf > out.vcf, frequencies with SnpSift annotate)"
)
# Consequences the consequence filter fails (unknown terms are left to the full parse).
_SCREENED_OUT = frozenset(
    term
    for term, info in CONSEQUENCES.items()
    if info.kind in (ConsequenceClass.OTHER_CODING, ConsequenceClass.NON_CODING)
)
_KEPT = re.compile(
    "|".join(
        re.escape(term)
        for term, info in CONSEQUENCES.items()
        if info.kind not in (ConsequenceClass.OTHER_CODING, ConsequenceClass.NON_CODING)
    )
)
_FORMAT = re.compile(r"Format:\s*'?([^'\"]+)'?", re.IGNORECASE)
_SNPEFF = re.compile(r"Functional annotations:\s*'([^']+)'", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class AlleleAnnotation:
    """The most severe annotation of one ALT allele."""

    gene: str
    consequence: ConsequenceInfo
    transcript: str
    hgvs_c: str
    hgvs_p: str
    frequency: float | None
    frequency_source: str
    predictors: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class AnnotationFormat:
    """Where each used field sits in the CSQ or ANN entries, and which INFO fields add to them."""

    kind: str  # "VEP CSQ" or "SnpEff ANN"
    info_key: str
    fields: tuple[str, ...]
    allele: int
    consequence: int
    symbol: int
    transcript: int | None
    hgvs_c: int | None
    hgvs_p: int | None
    canonical: int | None
    frequencies: tuple[tuple[str, int], ...]
    revel: int | None
    cadd: int | None
    spliceai: tuple[int, ...]
    info_frequencies: tuple[str, ...]
    info_predictors: tuple[tuple[str, str], ...]  # (predictor, INFO key)

    @classmethod
    def from_header(cls, info: Mapping[str, str]) -> AnnotationFormat:
        """Build from the INFO descriptions (id → description); the annotation must be there."""
        info_frequencies = tuple(k for k in FREQUENCY_FIELDS if k in info)
        info_predictors = tuple(
            (name, key)
            for name, keys in (("REVEL", REVEL_FIELDS), ("CADD", CADD_FIELDS))
            for key in keys
            if key in info
        )
        if "CSQ" in info:
            found = _FORMAT.search(info["CSQ"])
            kind, key, required = "VEP CSQ", "CSQ", VEP_REQUIRED
        elif "ANN" in info:
            found = _SNPEFF.search(info["ANN"]) or _FORMAT.search(info["ANN"])
            kind, key, required = "SnpEff ANN", "ANN", SNPEFF_REQUIRED
        else:
            raise InputError(
                "the VCF has no consequence annotation: Rarelight reads VEP's INFO/CSQ "
                f"(fields {', '.join(VEP_REQUIRED)}; optional HGVSc, HGVSp, gnomADe_AF, "
                "gnomADg_AF, MAX_AF, REVEL, CADD_PHRED, SpliceAI_pred_DS_*) or SnpEff's INFO/ANN "
                f"(fields {', '.join(SNPEFF_REQUIRED)}, HGVS.c, HGVS.p); {HOW_TO_ANNOTATE}"
            )
        if not found:
            raise InputError(
                f"the INFO/{key} header does not list its fields (expected 'Format: A|B|…' in "
                f"its Description); {HOW_TO_ANNOTATE}"
            )
        fields = tuple(f.strip() for f in found.group(1).split("|"))
        normal = {_normal(f): i for i, f in enumerate(fields)}
        missing = [f for f in required if _normal(f) not in normal]
        if missing:
            raise InputError(
                f"the INFO/{key} annotation lacks the field(s) {', '.join(missing)}; "
                f"Rarelight needs {', '.join(required)}; {HOW_TO_ANNOTATE}"
            )

        def at(*names: str) -> int | None:
            for name in names:
                if _normal(name) in normal:
                    return normal[_normal(name)]
            return None

        return cls(
            kind=kind,
            info_key=key,
            fields=fields,
            allele=normal[_normal(required[0])],
            consequence=normal[_normal(required[1])],
            symbol=normal[_normal(required[2])],
            transcript=at("Feature", "Feature_ID"),
            hgvs_c=at("HGVSc", "HGVS.c"),
            hgvs_p=at("HGVSp", "HGVS.p"),
            canonical=at("CANONICAL"),
            frequencies=tuple((f, i) for f in FREQUENCY_FIELDS if (i := at(f)) is not None),
            revel=at(*REVEL_FIELDS),
            cadd=at(*CADD_FIELDS),
            spliceai=tuple(i for f in SPLICEAI_FIELDS if (i := at(f)) is not None),
            info_frequencies=info_frequencies,
            info_predictors=info_predictors,
        )

    def quick_frequency(self, value: str | None, info: Mapping[str, object]) -> float | None:
        """The highest population AF of a one-ALT record, read from the first entry only.

        VEP repeats an allele's frequencies in every transcript entry, so the first is enough;
        this is the fast screen that lets common variants through the reader at parse speed.
        """
        best, _ = (
            _info_frequency(self.info_frequencies, info) if self.info_frequencies else (None, "")
        )
        if value and self.frequencies:
            parts = value.partition(",")[0].split("|")
            for _, index in self.frequencies:
                text = parts[index] if index < len(parts) else ""
                if text and text != ".":
                    found = _max_float(text)
                    if found is not None and (best is None or found > best):
                        best = found
        return best

    def fails_consequence(self, value: str, splice_threshold: float = 0.2) -> bool:
        """True when no entry has a consequence the consequence filter keeps (null, protein
        altering, splice region) and no SpliceAI score reaches the threshold: the screen that
        spares building a variant the filter would fail anyway."""
        if _KEPT.search(value):
            return False
        index = self.consequence
        splice = self.spliceai
        reaches = _splice_check(splice_threshold)
        for entry in value.split(","):
            parts = entry.split("|")
            if len(parts) <= index:
                return False  # malformed: let the full parse report it
            terms = parts[index]
            if terms not in _SCREENED_OUT and any(
                term not in _SCREENED_OUT for term in terms.split("&")
            ):
                return False
            for i in splice:
                if i < len(parts) and reaches(parts[i]):
                    return False
        return True

    @property
    def has_frequencies(self) -> bool:
        return bool(self.frequencies or self.info_frequencies)

    def used_fields(self) -> list[str]:
        """The fields this run reads, for the report."""
        names = [self.fields[i] for i in (self.allele, self.consequence, self.symbol)]
        names += [self.fields[i] for i in (self.hgvs_c, self.hgvs_p) if i is not None]
        names += [f for f, _ in self.frequencies] + list(self.info_frequencies)
        names += [self.fields[i] for i in (self.revel, self.cadd) if i is not None]
        names += [self.fields[i] for i in self.spliceai]
        names += [k for _, k in self.info_predictors]
        return names

    def annotate(
        self, value: str, ref: str, alts: list[str], info: Mapping[str, object]
    ) -> list[AlleleAnnotation | None]:
        """The most severe annotation with a gene symbol for each ALT allele (None: no gene)."""
        entries = [e.split("|") for e in value.split(",")]
        width = len(self.fields)
        info_frequency = _info_frequency(self.info_frequencies, info)
        result: list[AlleleAnnotation | None] = []
        for alt in alts:
            keys = _allele_keys(ref, alt) if len(alts) > 1 else None
            best: tuple[tuple[int, int, str], list[str], ConsequenceInfo] | None = None
            for entry in entries:
                if len(entry) != width:
                    raise InputError(
                        f"an INFO/{self.info_key} entry has {len(entry)} fields where the header "
                        f"lists {width}"
                    )
                symbol = entry[self.symbol]
                if not symbol or (keys is not None and entry[self.allele] not in keys):
                    continue
                consequence = most_severe(entry[self.consequence])
                canonical = self.canonical is not None and entry[self.canonical] == "YES"
                order = (consequence.severity, 0 if canonical else 1, symbol)
                if best is None or order < best[0]:
                    best = (order, entry, consequence)
            if best is None:
                result.append(None)
                continue
            _, entry, consequence = best
            frequency, source = info_frequency
            for name, index in self.frequencies:
                found = _max_float(entry[index])
                if found is not None and (frequency is None or found > frequency):
                    frequency, source = found, name
            result.append(
                AlleleAnnotation(
                    gene=entry[self.symbol],
                    consequence=consequence,
                    transcript=entry[self.transcript] if self.transcript is not None else "",
                    hgvs_c=_unescape(entry[self.hgvs_c]) if self.hgvs_c is not None else "",
                    hgvs_p=_unescape(entry[self.hgvs_p]) if self.hgvs_p is not None else "",
                    frequency=frequency,
                    frequency_source=source,
                    predictors=self._predictors(entry, info),
                )
            )
        return result

    def _predictors(
        self, entry: list[str], info: Mapping[str, object]
    ) -> tuple[tuple[str, float], ...]:
        found: dict[str, float] = {}
        for name, index in (("REVEL", self.revel), ("CADD", self.cadd)):
            if index is not None and (value := _max_float(entry[index])) is not None:
                found[name] = value
        for name, key in self.info_predictors:
            if name not in found and (value := _max_float(str(info.get(key) or ""))) is not None:
                found[name] = value
        splice = [v for i in self.spliceai if (v := _max_float(entry[i])) is not None]
        if splice:
            found["SpliceAI"] = max(splice)
        return tuple(sorted(found.items()))


def _normal(name: str) -> str:
    return name.strip().lower().replace(".", "").replace("_", "")


def _allele_keys(ref: str, alt: str) -> set[str]:
    """How VEP and SnpEff may write an ALT allele: as is, or with the shared first base trimmed."""
    keys = {alt}
    if ref and alt and ref[0] == alt[0]:
        keys.add(alt[1:] or "-")
    return keys


@functools.cache
def _splice_check(threshold: float) -> Callable[[str], bool]:
    """Does a SpliceAI field reach the threshold? Memoised per text: the fields hold few distinct
    values ('0.00' … '1.00'), and the consequence screen asks for every rare variant."""

    @functools.lru_cache(maxsize=4096)
    def reaches(text: str) -> bool:
        found = _max_float(text) if text else None
        return found is not None and found >= threshold

    return reaches


def _max_float(text: str) -> float | None:
    """The largest number in a field that may hold several ('0.1&0.3'); None when there is none."""
    if not text or text == ".":
        return None
    try:  # the usual field: one number
        single = float(text)
    except ValueError:
        pass
    else:
        return single if single == single else None  # NaN is no number
    best: float | None = None
    for part in text.replace("&", ",").split(","):
        if part and part != ".":
            try:
                value = float(part)
            except ValueError:
                continue
            if value == value and (best is None or value > best):  # skips NaN
                best = value
    return best


def _info_frequency(keys: tuple[str, ...], info: Mapping[str, object]) -> tuple[float | None, str]:
    frequency: float | None = None
    source = ""
    for key in keys:
        raw = info.get(key)
        if raw is None:
            continue
        values = raw if isinstance(raw, tuple) else (raw,)
        for value in values:
            if isinstance(value, int | float) and (frequency is None or value > frequency):
                # INFO floats are 32-bit in htslib: keep the digits the file had
                frequency, source = float(f"{value:.6g}"), key
    return frequency, source


def _unescape(text: str) -> str:
    """VEP writes '=' as '%3D' in HGVS; undo it for people reading the report."""
    if "%" not in text:
        return text
    return (text.replace("%3D", "=").replace("%3B", ";").replace("%2C", ",").replace("%20", " ")
            .replace("%25", "%"))  # fmt: skip
