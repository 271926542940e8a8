"""A columnar first pass over a text VCF: find, at polars speed, the lines the full parse can skip.

Nine in ten lines of an exome are common variants or FILTERed calls, and reading each of them
through htslib and Python costs more than the rest of the triage together. polars reads the file
as columns of text and marks the lines the reader's own screens would drop anyway: FILTER not
PASS, or one ALT whose first annotation entry (or INFO field) gives a population frequency above
the limit. A line is only skipped when it is also well-formed as htslib sees it (a valid contig
name, POS a number, valid FILTER ids and INFO keys, every sample cell fitting its FORMAT keys'
types), so a damaged line is still parsed by htslib and reported with its line number. Every other
line — the rare variants and anything odd — is written, with the header, to a small VCF that the
reader parses exactly as before.

The screen only removes lines the reader's Python screen would remove itself, so the variants,
filter counts and problems are the same either way (tests/rarelight/genomics/test_prescreen.py).
A file polars cannot read as a regular table (ragged or blank lines, bytes that are not UTF-8, a
header row other than the one htslib read) is left to the full parse.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ._annotation import AnnotationFormat

if TYPE_CHECKING:
    import polars as pl

BATCH_ROWS = 100_000
_FIXED = ("#CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO", "FORMAT")
MAX_FORMATS = 32  # distinct FORMAT columns checked; lines with others are parsed in full
# A number Python's float() and polars read alike; anything else is left to the full parse.
_NUMBER = r"^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"
# htslib keeps INFO floats in 32 bits and the reader rounds them to 6 digits: a value this close
# to the limit is left to the reader, which decides it exactly.
_INFO_MARGIN = 1.0001
_CELL = {
    "Integer": r"(?:\.|[-+]?[0-9]+)",
    "Float": r"(?:\.|[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)",
}
# A contig name as VCF 4.3 defines it (htslib refuses some others, e.g. with a comma).
_CONTIG = r"^[0-9A-Za-z!#$%&+./:;?@^_|~-][0-9A-Za-z!#$%&*+./:;=?@^_|~-]*$"
_INFO_KEY = r"[A-Za-z_][0-9A-Za-z_.]*(?:=[^;]*)?"
_INFO_BEFORE = rf"^(?:{_INFO_KEY};)*$"
_INFO_AFTER = rf"^{_INFO_KEY}(?:;{_INFO_KEY})*$"
_FILTERS = r"^[0-9A-Za-z_.-]+(?:;[0-9A-Za-z_.-]+)*$"
_FORMAT_KEYS = re.compile(r"[A-Za-z_][0-9A-Za-z_.]*(?::[A-Za-z_][0-9A-Za-z_.]*)*\Z")
_GT = r"(?:\.|[0-9]{1,2})(?:[/|](?:\.|[0-9]{1,2}))*"  # htslib refuses some larger indexes


@dataclass
class Prescreened:
    """What the first pass found: the lines left for the full parse, and what it screened out."""

    survivors: Path  # a VCF with the header and every line not screened out, in file order
    numbers: list[int]  # the record number (1-based, in the original file) of each survivor
    records: int
    screened: dict[str, int] = field(default_factory=dict)

    def discard(self) -> None:
        self.survivors.unlink(missing_ok=True)


def prescreen(
    path: Path,
    header: str,
    header_lines: int,
    annotation: AnnotationFormat,
    max_frequency: float,
    formats: Mapping[str, tuple[str, str]],
    info_types: Mapping[str, str],
    samples: Sequence[str],
    progress: Callable[[int], None] | None = None,
) -> Prescreened | None:
    """Screen a text VCF (plain or gzipped) by columns; None when the file is not a regular table.

    `formats` maps each FORMAT key of the header to its (Number, Type), `info_types` each INFO key
    to its Type; `samples` are the sample columns htslib found; `header` is the text written
    above the surviving lines.
    """
    import polars as pl

    result: Prescreened | None = None
    try:
        frame = pl.scan_csv(
            path, separator="\t", skip_lines=header_lines - 1, quote_char=None, infer_schema=False
        )
        columns = frame.collect_schema().names()
        if columns != [*_FIXED, *samples]:
            return None  # not the header line htslib read: leave the numbering to it
        values = _frequency_fields(columns, annotation, info_types)
        common = _common(columns, annotation, max_frequency, info_types)
        handle, name = tempfile.mkstemp(prefix="rarelight-", suffix=".vcf")
        result = Prescreened(Path(name), [], 0, {"filter column": 0, "frequency": 0})
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(header if header.endswith("\n") else header + "\n")
            batches = frame.with_row_index("number", offset=1).collect_batches(
                chunk_size=BATCH_ROWS
            )
            for batch in batches:
                irregular = pl.any_horizontal(pl.col(columns).is_null()) | pl.col(
                    columns[-1]
                ).str.contains("\r", literal=True)
                if batch.select(irregular.any()).item():
                    # A short or blank line, or a stray carriage return that polars would drop
                    # with the line end: the full parse numbers and reports these as they are.
                    result.discard()
                    return None
                # In two steps: each frequency field is cut out of INFO once, then compared.
                staged = batch.with_columns(values).with_columns(
                    _reason(batch, columns, common, formats).alias("reason")
                )
                for reason, count in staged["reason"].value_counts().iter_rows():
                    if reason is not None:
                        result.screened[reason] += count
                kept = staged.filter(pl.col("reason").is_null()).select(
                    "number", pl.concat_str(pl.col(columns), separator="\t").alias("line")
                )
                result.numbers.extend(kept["number"].to_list())
                if kept.height:
                    out.write("\n".join(kept["line"].to_list()))
                    out.write("\n")
                result.records += batch.height
                if progress is not None:
                    progress(result.records)
        return result
    except (pl.exceptions.PolarsError, OSError, UnicodeError):
        if result is not None:
            result.discard()
        return None


def _reason(
    batch: pl.DataFrame,
    columns: list[str],
    common: pl.Expr,
    formats: Mapping[str, tuple[str, str]],
) -> pl.Expr:
    """'filter column', 'frequency' or null (the line goes to the full parse) for each line."""
    import polars as pl

    filter_ = pl.col(columns[6])
    well_formed = (
        pl.col("_info_ok")
        & pl.col(columns[0]).str.contains(_CONTIG)
        & pl.col(columns[1]).str.contains(r"^[0-9]+$")
        & _cells_fit(batch, columns, formats)
    )
    passed = filter_.is_in(["PASS", "."])
    filtered = ~passed & filter_.str.contains(_FILTERS)
    return (
        pl.when(well_formed & filtered)
        .then(pl.lit("filter column"))
        .when(well_formed & passed & common)
        .then(pl.lit("frequency"))
        .otherwise(pl.lit(None, dtype=pl.String))
    )


def _frequency_fields(
    columns: list[str], annotation: AnnotationFormat, info_types: Mapping[str, str]
) -> list[pl.Expr]:
    """Columns cut out of INFO once per batch: '_info_ok' (the annotation is there and every
    other INFO key is one htslib accepts), '_entry' (the annotation value split up to its last
    frequency field) and '_info_<key>' (each numeric INFO frequency field)."""
    import polars as pl

    info, key = pl.col(columns[7]), annotation.info_key
    at = _info_start(info, key)
    value = info.str.slice(at + len(key) + 1).str.splitn(";", 2)
    after = value.struct.field("field_1")
    # Only the short parts around the annotation are checked: its own value may hold anything
    # but ';', and scanning it all would cost as much as the rest of the screen.
    keys_ok = info.str.slice(0, at).str.contains(_INFO_BEFORE) & (
        after.is_null() | after.str.contains(_INFO_AFTER)
    )
    found = [keys_ok.fill_null(False).alias("_info_ok")]
    if annotation.frequencies:
        # Split like the reader's screen: the whole value, so a first entry shorter than the
        # header says gives a field that is not a number, and the line goes to the full parse.
        cut = max(i for _, i in annotation.frequencies) + 1
        found.append(value.struct.field("field_0").str.split_exact("|", cut).alias("_entry"))
    for name in annotation.info_frequencies:
        if info_types.get(name) in ("Float", "Integer"):
            found.append(_number(_info_value(info, name)).alias(f"_info_{name}"))
    return found


def _common(
    columns: list[str],
    annotation: AnnotationFormat,
    max_frequency: float,
    info_types: Mapping[str, str],
) -> pl.Expr:
    """One ALT, and a population frequency above the limit as the reader's own screen reads it
    (the first annotation entry, then the INFO fields), over `_frequency_fields`' columns."""
    import polars as pl

    alt = pl.col(columns[4])
    common = pl.lit(False)
    for _, index in annotation.frequencies:
        field = pl.col("_entry").struct.field(f"field_{index}")
        common = common | (_number(field) > max_frequency)
    for key in annotation.info_frequencies:
        if info_types.get(key) in ("Float", "Integer"):
            common = common | (pl.col(f"_info_{key}") > max_frequency * _INFO_MARGIN)
    single = ~alt.str.contains(",", literal=True) & (alt != ".")
    return common.fill_null(False) & single


def _info_start(info: pl.Expr, key: str) -> pl.Expr:
    """Where `key=` starts in INFO (null when absent)."""
    import polars as pl

    return (
        pl.when(info.str.starts_with(f"{key}="))
        .then(pl.lit(0, dtype=pl.UInt32))
        .otherwise(info.str.find(f";{key}=", literal=True).cast(pl.UInt32) + 1)
    )


def _info_value(info: pl.Expr, key: str) -> pl.Expr:
    """The text of INFO field `key` (null when absent)."""
    start = _info_start(info, key)
    return info.str.slice(start + len(key) + 1).str.split_exact(";", 1).struct.field("field_0")


def _number(text: pl.Expr) -> pl.Expr:
    import polars as pl

    return pl.when(text.str.contains(_NUMBER)).then(text.cast(pl.Float64, strict=False))


def _cells_fit(
    batch: pl.DataFrame, columns: list[str], formats: Mapping[str, tuple[str, str]]
) -> pl.Expr:
    """Every sample cell fits the types its line's FORMAT keys declare."""
    import polars as pl

    format_, samples = pl.col(columns[8]), columns[9:]
    keys_seen = batch[columns[8]].unique().to_list()
    fits = pl.lit(False)
    if len(keys_seen) > MAX_FORMATS:
        return fits
    for keys in keys_seen:
        if not _FORMAT_KEYS.match(keys):
            continue  # htslib refuses such a key: the full parse reports the line
        pattern = _cell_pattern(keys, formats)
        every = pl.all_horizontal([pl.col(s).str.contains(pattern) for s in samples])
        fits = pl.when(format_ == keys).then(every).otherwise(fits)
    return fits


def _cell_pattern(keys: str, formats: Mapping[str, tuple[str, str]]) -> str:
    """A regex a sample cell with these FORMAT keys must match (trailing fields may be dropped)."""
    parts = []
    for key in keys.split(":"):
        if key == "GT":
            parts.append(_GT)
            continue
        number, kind = formats.get(key, (".", "String"))
        value = _CELL.get(kind, r"[^:]*")
        parts.append(value if number == "1" else rf"{value}(?:,{value})*")
    pattern = parts[-1]
    for part in reversed(parts[:-1]):
        pattern = f"{part}(?::{pattern})?"
    return f"^{pattern}$" if parts else "^$"
