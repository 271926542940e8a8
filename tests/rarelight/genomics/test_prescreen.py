"""The columnar screen of a text VCF must read exactly as the full htslib parse: same variants,
same filter counts, same problems under the same line numbers — it only gets there faster."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rarelight.errors import InputError, ProblemsError
from rarelight.genomics import Triage, _prescreen, _vcf

from .conftest import DAMAGE, Edits, WriteVcf, damaged, record, vep

Outcome = tuple[Any, ...]


def _outcome(triage: Triage, path: Path, **options: Any) -> Outcome:
    try:
        found = triage.read(path, **options)
    except ProblemsError as error:
        return ("problems", [(p.location, p.message) for p in error.problems])
    except InputError as error:
        return ("refused", str(error))
    return ("read", found.counts, found.by_gene, found.failed_by_gene, found.read, found.notices)


def _both_ways(
    triage: Triage, path: Path, monkeypatch: pytest.MonkeyPatch, **options: Any
) -> tuple[Outcome, Outcome, list[bool]]:
    """(outcome with the columnar screen, outcome by htslib alone, whether the screen ran)."""
    used: list[bool] = []
    real: Callable[..., Any] = _prescreen.prescreen

    def spy(*args: Any, **kwargs: Any) -> Any:
        found = real(*args, **kwargs)
        used.append(found is not None)
        return found

    with monkeypatch.context() as patch:
        patch.setattr(_vcf, "prescreen", spy)
        fast = _outcome(triage, path, **options)
    with monkeypatch.context() as patch:
        patch.setattr(_vcf, "prescreen", lambda *args, **kwargs: None)
        slow = _outcome(triage, path, **options)
    return fast, slow, used


_FREQUENCY = st.sampled_from(
    ["", ".", "0", "0.0001", "0.01", "0.0100001", "0.02", "0.5", "1e-5", "5e-1", "0.3&0.001",
     "0.001&0.3", "nan", "inf", "+0.5", " 0.5", "abc", "0.5,T"]
)  # fmt: skip
_CONSEQUENCE = st.sampled_from(
    ["missense_variant", "synonymous_variant", "intron_variant", "stop_gained",
     "splice_region_variant&intron_variant", "frameshift_variant", "made_up_variant"]
)  # fmt: skip
_FILTER = st.sampled_from(["PASS", ".", "LowQual", "PASS;LowQual", "q10;LowQual"])
_CALL = st.sampled_from(["0/1", "1/1", "0/0", "./.", "1|0", "0/1:99:40", "0/1:.:.", "0/1:7"])
_BAD_CALL = st.sampled_from(["0/x:99:40", "0/1:xx:40", "0/1:99:4.5", "0/1:99:40:7", "0/1:99:40\r"])


@st.composite
def _lines(draw: st.DrawFn) -> list[str]:
    lines = []
    for pos in range(1, draw(st.integers(1, 25)) + 1):
        alt = draw(st.sampled_from(["T", "T", "T", "T,G", "*"]))
        info = vep(
            draw(st.sampled_from(["DOM", "REC", "XLG", "LOFG", ""])),
            draw(_CONSEQUENCE),
            af=draw(_FREQUENCY),
            alt=alt.split(",")[0],
        )
        if draw(st.booleans()):
            info = f"DP=5;{info};XX=1|2|3"
        if alt == "T,G":
            info += ",G|missense_variant|HIGH|DOM|ENST02|c.1A>G||0.2|||"
        calls = [draw(_CALL)]
        if draw(st.integers(0, 9)) == 0:
            calls = [draw(_BAD_CALL)]
        if draw(st.integers(0, 19)) == 0:
            info = "CSQ=T|missense_variant|HIGH|DOM"  # an entry too short
        line = record(info, *calls, pos=pos, alt=alt, filter=draw(_FILTER), quality=False)
        if draw(st.integers(0, 29)) == 0:
            line = line.replace(f"\t{pos}\t", "\tabc\t")
        lines.append(line)
    return lines


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(lines=_lines(), name=st.sampled_from(["x.vcf", "x.vcf.gz"]))
def test_the_screen_reads_as_the_full_parse(
    triage: Triage,
    write_vcf: WriteVcf,
    monkeypatch: pytest.MonkeyPatch,
    lines: list[str],
    name: str,
) -> None:
    path = write_vcf(lines, name=name) if name == "x.vcf" else _gz(write_vcf(lines))
    fast, slow, used = _both_ways(triage, path, monkeypatch)
    assert used == [True]
    assert fast == slow


def test_the_screen_drops_common_and_filtered_lines_and_nothing_else(
    triage: Triage, write_vcf: WriteVcf
) -> None:
    lines = [
        record(vep("DOM", "missense_variant", af="0.3"), pos=1),
        record(vep("DOM", "missense_variant", af="0.0001"), pos=2),
        record(vep("DOM", "missense_variant"), pos=3, filter="LowQual"),
        record(vep("DOM", "missense_variant", af="0.3&0.1"), pos=4),  # left to the reader
        record(vep("DOM", "missense_variant", af="0.3"), pos=5, alt="T,G"),
    ]
    path = write_vcf(lines)
    reader = _vcf.VcfReader(path)
    found = _prescreen.prescreen(
        path,
        reader._vcf.raw_header,
        reader._header_lines,
        reader.header.annotation,
        0.01,
        reader._formats,
        reader._info_types,
        reader.header.samples,
    )
    assert found is not None
    try:
        assert found.records == 5
        assert found.screened == {"filter column": 1, "frequency": 1}
        assert found.numbers == [2, 4, 5]
        body = [x for x in found.survivors.read_text().splitlines() if not x.startswith("#")]
        assert body == [lines[1], lines[3], lines[4]]
    finally:
        found.discard()
    assert not found.survivors.exists()


@pytest.mark.parametrize(
    "damage",
    [
        ("0/1:99:40", "0/x:99:40"),  # a genotype htslib cannot read
        ("0/1:99:40", "0/1:xx:40"),  # a quality that is not a number
        ("0/1:99:40", "0/1:99:40:7"),  # more values than FORMAT keys
        ("\t2\t", "\tabc\t"),  # POS not a number
    ],
)
def test_a_damaged_common_or_filtered_line_is_still_reported(
    triage: Triage, write_vcf: WriteVcf, monkeypatch: pytest.MonkeyPatch, damage: tuple[str, str]
) -> None:
    """The screen skips only well-formed lines: a damaged one goes to htslib, which names it."""
    common = record(vep("DOM", "missense_variant", af="0.3"), pos=2)
    filtered = record(vep("DOM", "missense_variant"), pos=2, filter="LowQual")
    for line in (common, filtered):
        lines = [record(vep("DOM", "stop_gained"), pos=1), line.replace(*damage)]
        fast, slow, used = _both_ways(triage, write_vcf(lines), monkeypatch)
        assert used == [True]
        assert fast[0] == "problems"
        assert fast == slow
        assert fast[1][0][0].endswith(f"line {_header_lines(write_vcf) + 2}")


@pytest.mark.parametrize("odd", ["", "1\t300\t.\tA", "#a comment among the records"])
def test_a_file_that_is_not_a_regular_table_is_left_to_the_full_parse(
    triage: Triage, write_vcf: WriteVcf, monkeypatch: pytest.MonkeyPatch, odd: str
) -> None:
    lines = [record(vep("DOM", "stop_gained"), pos=1), odd, record(vep("DOM", "stop_gained"))]
    fast, slow, used = _both_ways(triage, write_vcf(lines), monkeypatch)
    assert used == [False]
    assert fast == slow


def test_bcf_is_read_by_htslib_alone(
    triage: Triage, write_vcf: WriteVcf, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_vcf([record(vep("DOM", "missense_variant", af="0.3"))], name="x.bcf")
    fast, slow, used = _both_ways(triage, path, monkeypatch)
    assert used == []
    assert fast == slow


def test_snpeff_info_frequencies_are_screened_alike(
    triage: Triage, write_vcf: WriteVcf, monkeypatch: pytest.MonkeyPatch
) -> None:
    ann = "ANN=T|missense_variant|MODERATE|DOM|g|transcript|t|protein_coding|1/1|c.1A>T|p.M1L|||||"
    lines = [
        record(f"{ann};gnomAD_AF={af}", pos=pos)
        for pos, af in enumerate(["0.3", "0.0001", "0.0100001", "0.010001", ".", "1e-1"], 1)
    ]
    path = write_vcf(lines, annotation="snpeff")
    fast, slow, used = _both_ways(triage, path, monkeypatch)
    assert used == [True]
    assert fast == slow
    assert fast[0] == "read"
    assert fast[1]["frequency"][1] == 4  # 0.3, 0.0100001, 0.010001 and 1e-1


@settings(
    max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=DAMAGE)
def test_a_damaged_file_reads_alike_both_ways(
    triage: Triage,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    edits: Edits,
) -> None:
    """Random damage to the body of a real trio file: the screen and htslib alone agree on
    every outcome (variants, counts, or the problems and their line numbers).

    One difference is known and kept: polars drops a carriage return at the end of any field,
    as both drop it at the end of a line (CRLF files read alike). htslib keeps one before a tab
    ("PASS\\r" is then a failed FILTER) or refuses the line. A stray '\\r' at the end of the last
    column sends the file to the full parse; elsewhere it is not looked for, so this damage is
    not in the noise (`DAMAGE`).
    """
    path = tmp_path / "damaged.vcf"
    path.write_bytes(damaged(edits))
    fast, slow, _ = _both_ways(triage, path, monkeypatch, proband="KID")
    assert fast == slow


def _gz(plain: Path) -> Path:
    """A gzipped copy of a plain VCF (BGZF is what laboratories send; plain gzip reads alike)."""
    import gzip

    target = plain.with_name(plain.name + ".gz")
    target.write_bytes(gzip.compress(plain.read_bytes()))
    return target


def _header_lines(write_vcf: WriteVcf) -> int:
    return sum(1 for x in write_vcf([]).read_text().splitlines() if x.startswith("#"))
