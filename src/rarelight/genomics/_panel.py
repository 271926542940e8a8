"""Gene panels: the built-in dystonia panel from the HPO annotations, or a list of symbols."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rarelight.errors import InputError
from rarelight.phenotype import HpoRelease

DYSTONIA = "HP:0001332"  # Dystonia
BUILT_IN = ("dystonia",)


@dataclass(frozen=True)
class Panel:
    """A named set of gene symbols and where it came from."""

    name: str
    symbols: frozenset[str]
    source: str

    def __contains__(self, symbol: object) -> bool:
        return isinstance(symbol, str) and symbol.upper() in self.symbols

    @classmethod
    def dystonia(cls, release: HpoRelease) -> Panel:
        """Genes of every disease annotated with Dystonia (HP:0001332) or a more specific term."""
        terms = release.ontology.descendants(DYSTONIA) | {DYSTONIA}
        symbols = {
            gene.symbol
            for disease in release.diseases
            if any(
                a.aspect == "P" and not a.negated and a.hpo_id in terms for a in disease.annotations
            )
            for gene in disease.genes
        }
        return cls(
            "dystonia",
            frozenset(s.upper() for s in symbols),
            f"genes of diseases annotated with Dystonia (HP:0001332) or a descendant, {release.name}",
        )

    @classmethod
    def from_text(cls, text: str, name: str) -> Panel:
        """Symbols separated by new lines, commas or spaces; '#' starts a comment."""
        symbols: set[str] = set()
        for line in text.splitlines():
            line = line.split("#", 1)[0]
            symbols.update(s.strip().upper() for s in line.replace(",", " ").split() if s.strip())
        if not symbols:
            raise InputError(f"the panel {name} lists no gene symbols; give one symbol a line")
        return cls(name, frozenset(symbols), f"{len(symbols)} symbols from {name}")

    @classmethod
    def named(cls, name: str, release: HpoRelease) -> Panel:
        """A built-in panel by name, or a file of symbols."""
        if name.lower() in BUILT_IN:
            return cls.dystonia(release)
        path = Path(name)
        if not path.is_file():
            raise InputError(
                f"--panel {name}: no such built-in panel or file; built-in: {', '.join(BUILT_IN)}, "
                "or a text file with one gene symbol a line"
            )
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"cannot read the panel file {path}: {error}") from error
        return cls.from_text(text, path.name)
