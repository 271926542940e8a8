"""Export registry cases: phenopacket v2 JSON (a zip or a folder) and CSV (one row a person)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from ._model import RegistryCase, format_age
from ._phenopacket import case_to_phenopacket

__all__ = ["CSV_COLUMNS", "csv_rows", "write_csv", "write_phenopackets"]

CSV_COLUMNS = (
    "case_id",
    "source",
    "pmid",
    "subject_id",
    "family_id",
    "sex",
    "country",
    "year_of_birth",
    "age_at_onset",
    "age_at_diagnosis",
    "disease_id",
    "disease_label",
    "genes",
    "hgvs_c",
    "hgvs_p",
    "zygosity",
    "inheritance",
    "variant_class",
    "observed_features",
    "excluded_features",
    "anticholinergic_response",
    "dbs_age",
    "bfmdrs_before",
    "bfmdrs_after",
    "dbs_interval",
    "consent",
    "contact_ok",
)


def _age(months: int | None) -> str:
    return format_age(months) if months is not None else ""


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def csv_rows(cases: Iterable[RegistryCase]) -> Iterator[list[str]]:
    """The header, then one row a case; lists within a cell are joined with '; '."""
    yield list(CSV_COLUMNS)
    for c in cases:
        dbs = c.dbs
        yield [
            c.case_id,
            c.source.value,
            c.pmid,
            c.subject_id,
            c.family_id,
            c.sex.value,
            c.country,
            "" if c.year_of_birth is None else str(c.year_of_birth),
            _age(c.onset_months),
            _age(c.diagnosis_months),
            c.disease_id,
            c.disease_label,
            "; ".join(v.gene for v in c.variants),
            "; ".join(v.hgvs_c or v.description for v in c.variants),
            "; ".join(v.hgvs_p for v in c.variants),
            "; ".join(v.zygosity.value for v in c.variants),
            "; ".join(v.inheritance.value for v in c.variants),
            "; ".join(v.variant_class.value for v in c.variants),
            "; ".join(f.hpo_id for f in c.features if not f.excluded),
            "; ".join(f.hpo_id for f in c.features if f.excluded),
            c.anticholinergic.value if c.anticholinergic else "",
            _age(dbs.age_months) if dbs else "",
            _number(dbs.bfmdrs_before) if dbs else "",
            _number(dbs.bfmdrs_after) if dbs else "",
            _age(dbs.interval_months) if dbs else "",
            c.consent.value,
            "yes" if c.contact_ok else "no",
        ]


def write_csv(cases: Iterable[RegistryCase], out: io.TextIOBase | io.StringIO) -> int:
    """Write the CSV to an open text stream; returns the number of cases."""
    writer = csv.writer(out, lineterminator="\n")
    rows = csv_rows(cases)
    writer.writerow(next(rows))
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def _file_names(cases: Iterable[RegistryCase]) -> Iterator[tuple[RegistryCase, str]]:
    """Each case with a safe, unique file name made from its id (a clash gets -2, -3, …)."""
    used: set[str] = set()
    for case in cases:
        safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in case.case_id)
        name, n = f"{safe}.json", 1
        while name.lower() in used:
            n += 1
            name = f"{safe}-{n}.json"
        used.add(name.lower())
        yield case, name


def write_phenopackets(cases: Iterable[RegistryCase], out: Path, created: dt.datetime) -> int:
    """One phenopacket JSON per case, into a zip (`out` ends .zip) or a folder; returns the count."""
    count = 0
    if out.suffix.lower() == ".zip":
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for case, name in _file_names(cases):
                text = json.dumps(case_to_phenopacket(case, created), indent=2, ensure_ascii=False)
                archive.writestr(name, text)
                count += 1
        return count
    out.mkdir(parents=True, exist_ok=True)
    for case, name in _file_names(cases):
        text = json.dumps(case_to_phenopacket(case, created), indent=2, ensure_ascii=False)
        (out / name).write_text(text + "\n", encoding="utf-8")
        count += 1
    return count
