"""Open a VCF, VCF.gz or BCF with cyvcf2: check the header, find the family's columns, and
stream records; malformed lines are collected with their line numbers and reported together.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cyvcf2 import VCF, cyvcf2

from rarelight.errors import InputError, Problem, ProblemsError

from ._annotation import AnnotationFormat
from ._model import Call, Zygosity
from ._pedigree import Pedigree
from ._prescreen import prescreen

MAX_PROBLEMS = 20
_X = {"X", "chrX"}
_GT = (Zygosity.REF, Zygosity.HET, Zygosity.HOM, Zygosity.MISSING)  # cyvcf2 gts012 codes
_ASSEMBLY = (
    (re.compile(r"GRCh38|hg38|\b248956422\b"), "GRCh38"),
    (re.compile(r"GRCh37|hg19|hs37d5|human_g1k_v37|\b249250621\b"), "GRCh37"),
)


@dataclass(frozen=True, slots=True)
class Record:
    """One ALT allele of one VCF record as the reader found it, before filters."""

    line: int
    chrom: str
    pos: int
    ref: str
    alt: str
    filter: str | None
    calls: tuple[Call, ...]
    annotation: Any  # AlleleAnnotation | None (Any keeps the hot path free of isinstance)


@dataclass
class VcfHeader:
    """What the header tells: the annotation, samples, assembly and the FORMAT fields present."""

    annotation: AnnotationFormat
    samples: tuple[str, ...]
    pedigree: Pedigree
    assembly: str
    has_quality: bool
    has_depth: bool
    is_bcf: bool


class VcfReader:
    """Reads one file; `header` is ready after construction, `records()` streams the variants."""

    def __init__(
        self,
        path: Path,
        pedigree: Pedigree | None = None,
        proband: str | None = None,
        assembly: str | None = None,
        sex: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.problems: list[Problem] = []
        self.malformed = 0
        self.records_read = 0
        self._streamed = 0
        self.notices: list[str] = []
        self.screened = {"filter column": 0, "frequency": 0, "consequence": 0}
        is_bcf, self._header_lines = _sniff(self.path)
        cyvcf2.set_htslib_log_level(0)
        try:
            self._vcf = VCF(str(self.path), gts012=True, lazy=True)
        except (OSError, ValueError, Exception) as error:  # cyvcf2 raises bare Exception
            raise InputError(
                f"{self.path.name} cannot be opened as VCF or BCF ({error}); give a VCF, "
                "bgzipped VCF.gz or BCF file"
            ) from error
        try:
            lines = [h.info() for h in self._vcf.header_iter()]
        except Exception as error:
            raise InputError(
                f"{self.path.name}: a ## header line cannot be read ({type(error).__name__}: "
                f"{error}); each INFO and FORMAT line needs ID, Number, Type and Description"
            ) from error
        by_kind: dict[str, dict[str, Any]] = {"INFO": {}, "FORMAT": {}}
        for line in lines:
            if line.get("HeaderType") in by_kind:
                by_kind[str(line.get("HeaderType"))][str(line.get("ID"))] = line
        info = {k: str(v.get("Description", "")).strip('"') for k, v in by_kind["INFO"].items()}
        self._info_types = {k: str(v.get("Type")) for k, v in by_kind["INFO"].items()}
        formats = {
            k: (str(v.get("Number")), str(v.get("Type"))) for k, v in by_kind["FORMAT"].items()
        }
        self._formats = formats
        # Contigs the header declares (empty: the file declares none, which VCF allows).
        self._contigs = frozenset(
            str(line.get("ID")) for line in lines if line.get("HeaderType") == "CONTIG"
        )
        annotation = AnnotationFormat.from_header(info)
        samples = tuple(self._vcf.samples)
        family = self._family(samples, pedigree, proband, sex)
        self._columns = [samples.index(m.id) for m in family.members]
        self._male = [m.sex == "male" for m in family.members]
        self._ids = [m.id for m in family.members]
        self.header = VcfHeader(
            annotation=annotation,
            samples=samples,
            pedigree=family,
            assembly=assembly or _assembly(self._vcf.raw_header),
            has_quality=self._numeric("GQ", "genotype quality", formats),
            has_depth=self._numeric("DP", "read depth", formats),
            is_bcf=is_bcf,
        )

    def _numeric(self, key: str, what: str, formats: dict[str, tuple[str, str]]) -> bool:
        """Is FORMAT/`key` declared as a number? htslib reads any other type as text, and its
        values as numbers would be garbage, so the field is then left out with a notice."""
        if key not in formats:
            return False
        kind = formats[key][1]
        if kind in ("Integer", "Float"):
            return True
        self.notices.append(
            f"FORMAT/{key} is declared with Type={kind}, not Integer: {what} is not used"
        )
        return False

    def _family(
        self,
        samples: tuple[str, ...],
        pedigree: Pedigree | None,
        proband: str | None,
        sex: str | None,
    ) -> Pedigree:
        if not samples:
            raise InputError(f"{self.path.name} has no sample columns; a genotype is needed")
        if pedigree is not None:
            missing = [m.id for m in pedigree.members if m.id not in samples]
            if missing:
                raise InputError(
                    f"{self.path.name} has no column for {', '.join(missing)} from the PED file; "
                    f"its samples are {', '.join(samples)}"
                )
            return pedigree
        if proband is None:
            if len(samples) > 1:
                raise InputError(
                    f"{self.path.name} has {len(samples)} samples ({', '.join(samples)}); "
                    "give --proband ID (and --ped FILE for a trio)"
                )
            proband = samples[0]
        if proband not in samples:
            raise InputError(
                f"no sample {proband!r} in {self.path.name}; its samples are {', '.join(samples)}"
            )
        return Pedigree.single(proband, sex)

    def records(
        self,
        max_frequency: float | None = None,
        progress: Callable[[int], None] | None = None,
        splice_threshold: float = 0.2,
    ) -> Iterator[Record]:
        """Every ALT allele in file order, after two screens run at parse speed.

        A record the caller did not mark PASS (FILTER column), whose population frequency is
        above `max_frequency`, or whose every consequence is one the consequence filter fails, is
        counted in `screened` and not yielded; later filters are then NOT_RUN for it. A text VCF
        is first screened by columns (`_prescreen`), which drops the same records faster.
        Malformed lines are skipped and kept as problems: call `finish()` after the loop, which
        raises with all of them.
        """
        annotation = self.header.annotation
        key = annotation.info_key
        screen = max_frequency is not None and annotation.has_frequencies
        info_screen = screen and bool(annotation.info_frequencies)
        indices = [i for _, i in annotation.frequencies] if screen else []
        cut = max(indices, default=0) + 1
        limit = max_frequency if max_frequency is not None else 1.0
        screened = self.screened

        def failing(value: str) -> bool:
            return annotation.fails_consequence(value, splice_threshold)

        first = None
        if screen and not self.header.is_bcf:
            first = prescreen(
                self.path,
                self._vcf.raw_header,
                self._header_lines,
                annotation,
                limit,
                self._formats,
                self._info_types,
                self.header.samples,
                progress,
            )
        survivors = None
        if first is None:
            source = self._stream(self._vcf, None, progress)
        else:
            for reason, count in first.screened.items():
                screened[reason] += count
            survivors = VCF(str(first.survivors), gts012=True, lazy=True)
            source = self._stream(survivors, first.numbers, None)
        filtered = common_count = minor = 0
        try:
            # The hot loop: a common variant costs well under a microsecond above the parse.
            for number, variant in source:
                flag = variant.FILTER
                if flag is not None and flag != "PASS":
                    filtered += 1
                    continue
                info = variant.INFO
                value = info.get(key)
                single = len(variant.ALT) == 1
                if screen and single:
                    common = False
                    parts = value.split("|", cut) if value and indices else ()
                    if len(parts) > cut - 1:  # a short entry is left to the full parse
                        for index in indices:
                            text = parts[index]
                            if text and text != ".":
                                try:
                                    if float(text) > limit:
                                        common = True
                                        break
                                except ValueError:
                                    if _above(text, limit):
                                        common = True
                                        break
                    if not common and info_screen:
                        found = annotation.quick_frequency(None, info)
                        common = found is not None and found > limit
                    if common:
                        common_count += 1
                        continue
                if value and single and failing(value):
                    minor += 1
                    continue
                try:
                    yield from self._records(number, variant, value)
                except (InputError, ValueError, IndexError, TypeError) as error:
                    self._problem(number, str(error))
                except KeyError as error:  # cyvcf2, when a ## line it needs is damaged
                    self._problem(
                        number,
                        f"its values need a ## header line with {error}, which is missing",
                    )
                except Exception as error:
                    if type(error) is not Exception:  # cyvcf2's bad-genotypes signal
                        raise
                    self._problem(number, str(error))
        finally:
            if survivors is not None:
                survivors.close()
            if first is not None:
                first.discard()
        total = self._streamed if first is None else first.records
        self.records_read += total - self.malformed
        screened["filter column"] += filtered
        screened["frequency"] += common_count
        screened["consequence"] += minor
        if progress is not None:
            progress(total)

    def _stream(
        self, vcf: Any, numbers: list[int] | None, progress: Callable[[int], None] | None
    ) -> Iterator[tuple[int, Any]]:
        """(record number, variant) for each record htslib parses; a line it cannot parse becomes
        a problem under its number. `numbers` gives the original numbers of a survivors file."""
        iterator = iter(vcf)
        index = 0
        while True:
            try:
                for variant in iterator:
                    index += 1
                    if progress is not None and index % 1000 == 0:
                        progress(index)
                    yield (index if numbers is None else numbers[index - 1]), variant
                break
            except StopIteration:
                break
            except Exception as error:
                if type(error) is not Exception:  # cyvcf2 signals a bad line with bare Exception
                    raise
                index += 1
                self._problem(index if numbers is None else numbers[index - 1], str(error))
        self._streamed = index

    def _records(self, number: int, variant: Any, value: str | None) -> Iterator[Record]:
        """The ALT alleles of one record with the family's calls."""
        if variant.end <= variant.start:
            # A line cut short (no REF column) parses into a record whose REF, genotypes or
            # samples crash htslib when read: refuse it here, by line, before touching them.
            raise ValueError("the line has too few columns: expected CHROM, POS, ID, REF, ALT, …")
        chrom = variant.CHROM
        if self._contigs and chrom not in self._contigs:
            # htslib invents the contig, and a short sample list on such a line crashes it.
            raise ValueError(f"contig {chrom!r} is not declared in the header (##contig=<ID=…>)")
        alts = variant.ALT
        ref = variant.REF
        annotated = (
            self.header.annotation.annotate(value, ref, alts, variant.INFO)
            if value
            else [None] * len(alts)
        )
        types = variant.gt_types
        quals = variant.gt_quals if self.header.has_quality else None
        depths = variant.format("DP") if self.header.has_depth else None
        genotypes = variant.genotypes if len(alts) > 1 else None
        on_x = chrom in _X
        for index, alt in enumerate(alts):
            calls = []
            for position, column in enumerate(self._columns):
                if genotypes is None:
                    zygosity = _GT[types[column]]
                else:
                    zygosity = _allele_zygosity(genotypes[column], index + 1)
                if on_x and self._male[position] and zygosity in (Zygosity.HET, Zygosity.HOM):
                    zygosity = Zygosity.HEMI
                quality = int(quals[column]) if quals is not None and quals[column] >= 0 else None
                depth = (
                    int(depths[column][0])
                    if depths is not None and depths[column][0] >= 0
                    else None
                )
                calls.append(Call(self._ids[position], zygosity, quality, depth))
            yield Record(
                number, chrom, variant.POS, ref, alt, variant.FILTER, tuple(calls), annotated[index]
            )

    def _problem(self, number: int, message: str) -> None:
        self.malformed += 1
        if len(self.problems) < MAX_PROBLEMS:
            where = (
                f"{self.path.name} record {number}"
                if self.header.is_bcf
                else f"{self.path.name} line {self._header_lines + number}"
            )
            self.problems.append(
                Problem(where, message or "the line cannot be parsed", "fix or remove that line")
            )

    def finish(self) -> None:
        """Raise with every malformed line (the first 20 named) once the file has been read."""
        self._vcf.close()
        if self.problems and not self.header.is_bcf:
            self.problems = _diagnosed(self.path, self.problems, len(self.header.samples))
        if self.problems:
            more = self.malformed - len(self.problems)
            what = f"{self.path.name} has {self.malformed} malformed line(s)"
            if more:
                what += f" ({more} more not listed)"
            raise ProblemsError(what, self.problems)


_HTSLIB = "error parsing variant"


def _diagnosed(path: Path, problems: list[Problem], samples: int) -> list[Problem]:
    """Replace htslib's generic message with what is wrong in the line itself, when we can tell."""
    wanted = {}
    for problem in problems:
        if _HTSLIB in problem.message:
            wanted[int(problem.location.rsplit(" ", 1)[1])] = problem
    if not wanted:
        return problems
    with path.open("rb") as raw:
        opener = gzip.open if raw.read(2) == b"\x1f\x8b" else open
    found: dict[int, str] = {}
    with opener(path, "rt", encoding="utf-8", errors="replace") as stream:
        for number, text in enumerate(stream, start=1):
            if number in wanted:
                found[number] = _what_is_wrong(text.rstrip("\n"), samples)
            if number >= max(wanted):
                break
    result = []
    for problem in problems:
        number = int(problem.location.rsplit(" ", 1)[1]) if _HTSLIB in problem.message else 0
        if number in found:
            problem = Problem(problem.location, found[number], problem.fix)
        result.append(problem)
    return result


def _what_is_wrong(line: str, samples: int) -> str:
    columns = line.split("\t")
    expected = 8 + (samples + 1 if samples else 0)
    if len(columns) < 8:
        return f"{len(columns)} tab-separated columns where a VCF record needs at least 8"
    if not columns[1].isdigit():
        return f"POS {columns[1]!r} is not a whole number"
    if len(columns) != expected:
        return f"{len(columns)} columns where the header names {expected}"
    if samples:
        keys = columns[8].split(":")
        for index, cell in enumerate(columns[9:]):
            values = cell.split(":")
            if (
                keys
                and keys[0] == "GT"
                and values
                and not re.fullmatch(r"[.\d]+(?:[/|][.\d]+)*", values[0])
            ):
                return f"sample {index + 1}: genotype {values[0]!r} is not like 0/1, 1|0 or ./."
    return "htslib cannot parse this line (check REF/ALT, QUAL, INFO and FORMAT values)"


def _above(text: str, limit: float) -> bool:
    """Is a frequency field ('0.02', or '0.01&0.03' for several) above the limit? A part that is
    not a number says nothing here: the full parse of the entry judges it."""
    for part in text.split("&"):
        if part and part != ".":
            try:
                if float(part) > limit:
                    return True
            except ValueError:
                continue
    return False


def _allele_zygosity(genotype: list[Any], allele: int) -> Zygosity:
    alleles = list(genotype[:-1])
    if not alleles or all(a < 0 for a in alleles):
        return Zygosity.MISSING
    count = sum(1 for a in alleles if a == allele)
    if count == 0:
        return Zygosity.REF
    return Zygosity.HOM if count == len(alleles) else Zygosity.HET


def _sniff(path: Path) -> tuple[bool, int]:
    """(is BCF, number of header lines) without parsing: line numbers of text VCFs need the latter."""
    try:
        with path.open("rb") as raw:
            magic = raw.read(2)
        opener = gzip.open if magic == b"\x1f\x8b" else open
        with opener(path, "rb") as stream:
            if stream.read(3) == b"BCF":
                return True, 0
        lines = 0
        with opener(path, "rb") as stream:
            for line in stream:
                if not line.startswith(b"#"):
                    break
                lines += 1
        return False, lines
    except (OSError, EOFError) as error:
        raise InputError(f"cannot read {path}: {error}") from error


def _assembly(header: str) -> str:
    for pattern, name in _ASSEMBLY:
        if pattern.search(header):
            return name
    return "unknown"
