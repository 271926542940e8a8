"""Ranking variants measured on the gene halves and not adopted ("Measured, not adopted" in
docs/ranking.md).

None is used by Rarelight; they are kept so that each row of that table can be re-run with
`fit_ranking.py` (a grid key that names a `Variant` field selects this ranker). Each variant is a
principled change to one part of the score, off at its default value:

- correlated observed terms (`cluster_*`): terms of one branch count less than independent ones;
- a generic annotation (`generic_*`): a disease annotated with "Seizure", not a seizure type, fits
  any seizure type as the background does (P(t | D) ≈ P(u | D) · bg(t) / bg(u));
- a term-wise noise floor (`noise_background_exponent`): an unexplained common feature says less
  against a disease than an unexplained rare one;
- the chance fit within the term's organ systems (`chance_by_system`);
- features implied by co-annotation (`cooccurrence_*`): P(t | D) from D's features t' and how
  often diseases with t' also have t;
- a prior from the number of publications a disease's annotations cite (`report_prior_exponent`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields

import numpy as np
import numpy.typing as npt
from scipy import sparse

from rarelight.phenotype import Annotation, HpoRelease, PhenotypeRanker, RankSettings
from rarelight.phenotype._patient import PHENOTYPIC_ABNORMALITY, PatientProfile
from rarelight.phenotype._rank import _dense_rows

Vector = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Variant:
    """The variants' parameters; every default leaves the adopted ranking unchanged."""

    # Correlated observed terms: each term's (log LR − chance) × 1 / (its cluster's size) ** exponent.
    cluster_exponent: float = 0.0
    cluster_by: str = "ancestor"  # "ancestor": share an ancestor of IC ≥ min; "system": an organ
    cluster_min_information: float = 1.0
    # Or, per cluster (union-find partition), the best term counts fully and the rest × this.
    cluster_rest_weight: float = 1.0
    cluster_similarity: bool = False  # scale the similarity part by the effective number of terms
    # Generic annotation at an ancestor u: LR = factor · P(u | D) / bg(u) (0: off).
    generic_ancestor_factor: float = 0.0
    generic_bare_only: bool = False  # only when D has no feature annotated below u
    generic_max_steps: int = 99  # only through ancestors at most this many is_a steps up
    # Unexplained term: floor · (bg(t) / median bg of annotated features) ** exponent, at most 1.
    noise_background_exponent: float = 0.0
    chance_by_system: bool = False
    chance_system_prior: float = 10.0  # pseudo-samples of the overall chance fit per system
    # Co-annotation: LR = factor · max_t' f(t', D) · P(t | t') / bg(t), P shrunk by `prior`.
    cooccurrence_factor: float = 0.0
    cooccurrence_prior: float = 10.0
    # Prior ∝ (1 + publications cited by D's annotations) ** exponent.
    report_prior_exponent: float = 0.0


VARIANT_FIELDS = frozenset(f.name for f in fields(Variant))


class VariantRanker(PhenotypeRanker):
    """The adopted ranker with one or more variants switched on (benchmarks only)."""

    def __init__(
        self,
        release: HpoRelease,
        settings: RankSettings,
        extra: Mapping[str, Sequence[Annotation]] | None,
        variant: Variant,
    ) -> None:
        self.variant = variant  # set first: the chance fit, built in __init__, scores terms
        self._cache: dict[str, object] = {}
        super().__init__(release, settings, extra)

    # --- the organ systems and clusters -------------------------------------------------------

    def _systems(self) -> list[tuple[int, ...]]:
        """Per term, the organ systems (children of Phenotypic abnormality) it belongs to."""
        if "systems" not in self._cache:
            ontology = self.release.ontology
            systems = set()
            for term in self.term_ids:
                found = ontology.get(term)
                if found and PHENOTYPIC_ABNORMALITY in found.parents:
                    systems.add(self.term_index(term))
            self._cache["systems"] = [
                tuple(int(a) for a in self.ancestors_of(t) if int(a) in systems)
                for t in range(len(self.term_ids))
            ]
        found_systems: list[tuple[int, ...]] = self._cache["systems"]  # type: ignore[assignment]
        return found_systems

    def _cluster_mask(self) -> npt.NDArray[np.bool_]:
        """The terms that tie two observed terms into one cluster."""
        if "mask" not in self._cache:
            if self.variant.cluster_by == "system":
                mask = np.zeros(len(self.term_ids), dtype=bool)
                for systems in self._systems():
                    mask[list(systems)] = True
            elif self.variant.cluster_by == "ancestor":
                mask = self.information >= self.variant.cluster_min_information
            else:
                raise ValueError(
                    f"cluster_by: 'ancestor' or 'system', not {self.variant.cluster_by!r}"
                )
            self._cache["mask"] = mask
        found: npt.NDArray[np.bool_] = self._cache["mask"]  # type: ignore[assignment]
        return found

    def term_weights(self, terms: list[int]) -> Vector:
        """1 / (number of observed terms sharing a tying ancestor with the term) ** exponent.

        A term's cluster is its own neighbourhood (the observed terms that share with it an
        ancestor of information content ≥ `cluster_min_information` — "Seizure" at 0.67 ties
        seizure types, "Abnormality of the nervous system" at 0.24 ties nothing — or an organ
        system), not a partition, so a term in two branches is not forced into one of them. With
        exponent 0.5, n terms of one cluster count as √n independent ones.
        """
        exponent = self.variant.cluster_exponent
        if not exponent or len(terms) < 2:
            return np.ones(len(terms))
        mask = self._cluster_mask()
        closure = [a[mask[a]] for a in (self.ancestors_of(t) for t in terms)]
        columns = np.unique(np.concatenate(closure))
        membership = np.zeros((len(terms), len(columns)))
        for row, found in enumerate(closure):
            membership[row, np.searchsorted(columns, found)] = 1.0
        sizes = np.maximum(((membership @ membership.T) > 0).sum(axis=1), 1)
        weights: Vector = sizes.astype(np.float64) ** -exponent
        return weights

    def clusters(self, terms: list[int]) -> list[list[int]]:
        """Positions of the observed terms, partitioned by shared tying ancestors (union-find)."""
        parent = list(range(len(terms)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        mask = self._cluster_mask()
        owner: dict[int, int] = {}
        for position, term in enumerate(terms):
            found = self.ancestors_of(term)
            for ancestor in found[mask[found]]:
                other = owner.setdefault(int(ancestor), position)
                parent[root(position)] = root(other)
        groups: dict[int, list[int]] = defaultdict(list)
        for position in range(len(terms)):
            groups[root(position)].append(position)
        return list(groups.values())

    # --- the observed-term likelihood ratio ---------------------------------------------------

    def _explained_ratio(self, term: int) -> Vector:
        best = super()._explained_ratio(term)
        if self.variant.generic_ancestor_factor:
            best = np.maximum(best, self._generic_ratio(term))
        if self.variant.cooccurrence_factor:
            best = np.maximum(best, self._cooccurrence_ratio(term))
        return best

    def _floor(self, term: int) -> Vector:
        exponent = self.variant.noise_background_exponent
        if not exponent:
            return self.noise
        if "typical" not in self._cache:
            self._cache["typical"] = float(np.median(self.background[self._direct.indices]))
        typical: float = self._cache["typical"]  # type: ignore[assignment]
        floor: Vector = np.minimum(self.noise * (self.background[term] / typical) ** exponent, 1.0)
        return floor

    def _direct_frequencies(self) -> sparse.csr_array:
        """Term × disease: the frequency of each feature annotated at exactly that term (with
        `generic_bare_only`, only when the disease has no feature annotated below it)."""
        if "direct" not in self._cache:
            rows: list[int] = []
            cols: list[int] = []
            values: list[float] = []
            default = self.settings.unknown_frequency
            for column, disease in enumerate(self.diseases):
                features = [
                    (self.term_index(h), default if v is None else v)
                    for h, negated, v in self._features(disease)
                    if not negated and h in self.term_ids_set and v != 0
                ]
                below: set[int] = set()
                if self.variant.generic_bare_only:
                    for index, _ in features:
                        below.update(int(a) for a in self.ancestors_of(index) if a != index)
                best: dict[int, float] = {}
                for index, value in features:
                    if index not in below and value > best.get(index, 0.0):
                        best[index] = value
                rows.extend(best)
                cols.extend([column] * len(best))
                values.extend(best.values())
            shape = (len(self.term_ids), len(self.diseases))
            self._cache["direct"] = sparse.csr_array((values, (rows, cols)), shape=shape)
        direct: sparse.csr_array = self._cache["direct"]  # type: ignore[assignment]
        return direct

    def _generic_ratio(self, term: int) -> Vector:
        """Per disease, factor · P(u | D) / bg(u) for the ancestors u it is annotated with as such.

        Given that D shows u and says nothing more specific, the form t turns up as often as among
        all diseases showing u: P(t | D) ≈ P(u | D) · bg(t) / bg(u), so LR = P(u | D) / bg(u).
        """
        ancestors = self.ancestors_of(term)
        steps = self._steps[term]
        upper = ancestors[(steps > 0) & (steps <= self.variant.generic_max_steps)]
        if len(upper) == 0:
            return np.zeros(len(self))
        block = _dense_rows(self._direct_frequencies(), upper) / self.background[upper][:, None]
        ratio: Vector = self.variant.generic_ancestor_factor * block.max(axis=0)
        return ratio

    def _cooccurrence_ratio(self, term: int) -> Vector:
        """Per disease, factor · max over its features t' of f(t', D) · P(t | t') / bg(t).

        P(t | t') is the share of the diseases with t' that also have t, shrunk towards bg(t)
        by `cooccurrence_prior` pseudo-diseases; t's own ancestors and descendants are left out
        (they are the is_a path the ranker already uses).
        """
        if "present_counts" not in self._cache:
            self._cache["present_counts"] = np.maximum(
                np.asarray(self._present.sum(axis=1)).ravel(), 1.0
            )
            self._cache["direct_csc"] = self._direct_frequencies().tocsc()
        counts: Vector = self._cache["present_counts"]  # type: ignore[assignment]
        matrix: sparse.csc_array = self._cache["direct_csc"]  # type: ignore[assignment]
        both = np.asarray((self._present @ self._present[[term]].T).toarray()).ravel()
        prior = self.variant.cooccurrence_prior
        given = (both + prior * self.background[term]) / (counts + prior)
        given[self.ancestors_of(term)] = 0.0
        given[self._descendants[term]] = 0.0
        values = matrix.data * given[matrix.indices]
        best = np.zeros(matrix.shape[1])
        filled = np.diff(matrix.indptr) > 0
        if values.size:
            best[filled] = np.maximum.reduceat(values, matrix.indptr[:-1][filled])
        ratio: Vector = self.variant.cooccurrence_factor * best / self.background[term]
        return ratio

    # --- the chance fit and the score ---------------------------------------------------------

    def _chance_fit(self) -> Vector:
        """The overall chance fit; with `chance_by_system`, also one per organ system."""
        mean = super()._chance_fit()
        self._cache["system_chance"] = {}
        if not self.variant.chance_by_system:
            return mean
        columns = self._direct.indices
        picks = np.linspace(0, len(columns) - 1, min(2000, len(columns)))
        sums: dict[int, Vector] = {}
        counts: dict[int, int] = defaultdict(int)
        systems = self._systems()
        for term in columns[np.round(picks).astype(np.intp)]:
            log_lr = self.observed_log_lr(int(term))
            for system in systems[int(term)]:
                sums[system] = sums.get(system, np.zeros(len(mean))) + log_lr
                counts[system] += 1
        prior = self.variant.chance_system_prior
        self._cache["system_chance"] = {
            s: (total + prior * mean) / (counts[s] + prior) for s, total in sums.items()
        }
        return mean

    def term_chance(self, term: int) -> Vector:
        """The chance fit charged for one term (its organ systems' with `chance_by_system`)."""
        by_system: dict[int, Vector] = self._cache["system_chance"]  # type: ignore[assignment]
        found = [by_system[s] for s in self._systems()[term] if s in by_system] if by_system else []
        if not found:
            return self.chance
        mean: Vector = np.mean(found, axis=0)
        return mean

    def _observed_part(self, specific: list[int]) -> Vector:
        weight = self.settings.chance_weight
        rest = self.variant.cluster_rest_weight
        total = np.zeros(len(self))
        if rest != 1.0:
            for group in self.clusters(specific):
                block = np.array(
                    [
                        self.observed_log_lr(specific[g]) - weight * self.term_chance(specific[g])
                        for g in group
                    ]
                )
                best = block.max(axis=0)
                total += best + rest * (block.sum(axis=0) - best)
            return total
        for term, share in zip(specific, self.term_weights(specific), strict=True):
            total += share * (self.observed_log_lr(term) - weight * self.term_chance(term))
        return total

    def _similarity_part(self, patient: PatientProfile) -> Vector:
        part = super()._similarity_part(patient)
        if self.variant.cluster_similarity:
            specific = self.most_specific(patient.observed)
            if specific:
                part = part * float(self.term_weights(specific).sum()) / len(specific)
        return part

    def scores(self, patient: PatientProfile) -> Vector:
        total = super().scores(patient)
        if self.variant.report_prior_exponent:
            if "prior" not in self._cache:
                refs = self.release_references()
                counts = np.array([len(refs.get(d, ())) for d in self.disease_ids], dtype=float)
                self._cache["prior"] = np.log10(1.0 + counts)
            prior: Vector = self._cache["prior"]  # type: ignore[assignment]
            total = total + self.variant.report_prior_exponent * prior
        return total
