"""Import phenopackets from a JSON file, a folder or a zip archive, and say what happened to each."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rarelight.errors import InputError, ProblemsError

from ._model import RegistryCase
from ._phenopacket import case_from_phenopacket, read_phenopacket

__all__ = ["ImportReport", "Skipped", "count_phenopackets", "import_phenopackets"]

MAX_FILE_BYTES = 5_000_000  # one phenopacket; the largest published ones are far below this


@dataclass(frozen=True)
class Skipped:
    """A file that was not imported: which, why, and where in the JSON."""

    file: str
    reason: str
    path: str = "$"

    def __str__(self) -> str:
        return f"{self.file} {self.path}: {self.reason}"


@dataclass
class ImportReport:
    """Every file accounted for: imported (the cases) or skipped with its reason and JSON path."""

    imported: list[RegistryCase] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def files(self) -> int:
        return len(self.imported) + len(self.skipped)

    def summary(self) -> str:
        return f"{len(self.imported)} imported, {len(self.skipped)} skipped, {self.files} files"


def _entries(path: Path) -> Iterator[tuple[str, Callable[[], bytes]]]:
    """(name, read) for each JSON file of a file, a folder (recursively) or a zip archive."""
    if not path.exists():
        raise InputError(f"{path} does not exist: give a phenopacket .json, a folder or a .zip")
    if path.is_dir():
        for file in sorted(p for p in path.rglob("*.json") if p.is_file()):
            yield str(file.relative_to(path)), file.read_bytes
        return
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for info in sorted(archive.infolist(), key=lambda i: i.filename):
                if info.is_dir() or not info.filename.endswith(".json"):
                    continue
                if info.file_size > MAX_FILE_BYTES:
                    yield info.filename, _too_large(info.file_size)
                    continue
                yield info.filename, _reader(archive, info.filename)
        return
    if path.suffix.lower() != ".json":
        raise InputError(f"{path} is not a .json file, a folder or a .zip archive")
    yield path.name, path.read_bytes


def _reader(archive: zipfile.ZipFile, name: str) -> Callable[[], bytes]:
    return lambda: archive.read(name)


def _too_large(size: int) -> Callable[[], bytes]:
    def fail() -> bytes:
        raise InputError(f"{size:,} bytes is larger than the {MAX_FILE_BYTES:,} accepted")

    return fail


def count_phenopackets(path: Path) -> int:
    """How many JSON files an import of `path` will read (for a progress bar)."""
    return sum(1 for _ in _entries(path))


def import_phenopackets(
    path: Path,
    existing: Iterable[RegistryCase] = (),
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Read every phenopacket under `path`; a bad file is skipped with its reason, not fatal.

    A case whose publication and subject (or, without a publication, whose id) is already in
    `existing` or earlier in the same import is skipped as a duplicate.
    """
    report = ImportReport()
    seen = {case.duplicate_key: case.case_id for case in existing}
    ids = {case.case_id for case in existing}
    for count, (name, read) in enumerate(_entries(path), start=1):
        try:
            data = read()
            case = case_from_phenopacket(read_phenopacket(data, name))
        except ProblemsError as error:
            first = error.problems[0]
            report.skipped.append(Skipped(name, f"{error.what}: {first.message}", first.location))
        except (InputError, OSError) as error:
            report.skipped.append(Skipped(name, str(error)))
        else:
            key = case.duplicate_key
            if key in seen or case.case_id in ids:
                other = seen.get(key, case.case_id)
                what = (
                    f"the same publication ({case.pmid}) and subject ({case.subject_id!r})"
                    if key[0]
                    else "the same case id"
                )
                report.skipped.append(
                    Skipped(name, f"duplicate of {other}: {what}", "$.subject.id")
                )
            else:
                seen[key] = case.case_id
                ids.add(case.case_id)
                report.imported.append(case)
        if progress:
            progress(count)
    return report
