"""The disease catalogue: every disease in the HPO release, with curated profiles folded in."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from rarelight.errors import NotFound
from rarelight.phenotype import Annotation, Frequency, HpoRelease, load_release

from ._disease import Disease, normalise_disease_id
from ._profiles import bundled_profile_paths, load_profiles
from ._schema import DiseaseProfile
from ._search import DiseaseIndex, DiseaseMatch


class Catalogue:
    """Diseases by id and by search; a curated profile answers to all the ids it covers."""

    def __init__(self, release: HpoRelease, profiles: Sequence[DiseaseProfile]) -> None:
        self.release = release
        by_id = {d.id: d for d in release.diseases}
        entries: list[Disease] = []
        absorbed: set[str] = set()
        for profile in profiles:
            annotated = tuple(by_id[i] for i in profile.all_ids if i in by_id)
            genes = {g.symbol: g for d in annotated for g in d.genes}
            entries.append(
                Disease(
                    id=profile.id,
                    name=profile.names.preferred,
                    ids=profile.all_ids,
                    synonyms=tuple(
                        dict.fromkeys([*profile.names.synonyms, *(d.name for d in annotated)])
                    ),
                    genes=tuple(genes[s] for s in sorted(genes)),
                    annotated=annotated,
                    profile=profile,
                )
            )
            absorbed.update(profile.all_ids)
        for d in release.diseases:
            if d.id not in absorbed:
                entries.append(Disease(d.id, d.name, (d.id,), (), d.genes, (d,)))
        self._entries = entries
        self._by_id = {curie: disease for disease in entries for curie in disease.ids}
        self._index = DiseaseIndex(entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Disease]:
        return iter(self._entries)

    @property
    def curated(self) -> list[Disease]:
        """The hand-curated profiles."""
        return [d for d in self._entries if d.curated]

    def get(self, disease_id: str) -> Disease:
        """The disease with this id (any id a curated profile covers leads to that profile).

        Raises InputError for something that is not a disease id, NotFound for an unknown one.
        """
        curie = normalise_disease_id(disease_id)
        disease = self._by_id.get(curie)
        if disease is None:
            raise NotFound(f"{curie} is not in the catalogue ({self.release.name} annotations)")
        return disease

    def curated_annotations(self) -> dict[str, list[Annotation]]:
        """The features of every curated profile as HPO annotations of each id it covers.

        They add to the release's annotations when ranking: a curated profile may list features
        (with sourced frequencies) that the HPO annotations lack.
        """
        extra: dict[str, list[Annotation]] = {}
        for disease in self.curated:
            assert disease.profile is not None
            annotations = [
                Annotation(
                    hpo_id=f.hpo_id,
                    frequency=Frequency(f.frequency, f.frequency_value) if f.frequency else None,
                    references=("curated profile",),
                )
                for f in disease.profile.features
            ]
            for disease_id in disease.ids:
                extra[disease_id] = annotations
        return extra

    def search(self, text: str, limit: int = 20) -> list[DiseaseMatch]:
        """Diseases matching a name, synonym, id or gene symbol, best first."""
        return self._index.search(text, limit)


def load_catalogue(
    data_dir: Path | None = None,
    hpo_dir: Path | None = None,
    profile_paths: Sequence[Path] | None = None,
) -> Catalogue:
    """The composition root for knowledge: the HPO release, the curated profiles, the catalogue.

    `data_dir` holds the parsed-release cache; `hpo_dir` swaps in a newer raw HPO release.
    """
    release = load_release(hpo_dir, cache_dir=data_dir / "cache" if data_dir else None)
    paths = bundled_profile_paths() if profile_paths is None else profile_paths
    return Catalogue(release, load_profiles(paths, release.ontology))
