"""Rank every OMIM and ORPHA disease for a patient's phenotype by likelihood ratios.

For each observed term t and disease D, LR = P(t | D) / P(t | not D), in the manner of LIRICAL:
- P(t | D) is the annotation frequency of t in D, with annotations propagated up the ontology
  (a disease with "Limb dystonia" in 90% also has "Dystonia" in at least 90%). When D is annotated
  only with an ancestor u of t, P(t | D) is estimated from u, discounted (`ancestor_discount`),
  because the curators listed u, not t. A term D cannot explain at all gets the floor `noise`.
- P(t | not D) is the term's background: its mean propagated frequency over all diseases.
Excluded terms count only against diseases that have them frequently (P(t|D) at least
`excluded_min_frequency`; LR = (1 - P(t|D)) / (1 - background)); an observed term the disease is
annotated NOT to have gets `noise`. Each observed term is also charged the disease's chance fit (its
mean log LR for a feature drawn at random from the release's annotations), so diseases with many
or broad features do not win by explaining anything a little. The log LRs add up to a score;
a softmax of the scores at `temperature` gives each disease a probability (calibrated in benchmarks/).
Ties are broken by disease id. See docs/ranking.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt
from scipy import sparse

from ._demographics import Demographics
from ._model import AnnotatedDisease, Annotation
from ._patient import PHENOTYPIC_ABNORMALITY, PatientProfile
from ._release import HpoRelease

# The number of observed terms at which `temperature` applies as given (about the median case).
REFERENCE_TERMS = 8

# Annotations sampled (systematically, every k-th in disease-id order) for each disease's chance fit.
CHANCE_SAMPLE = 2000

Vector = npt.NDArray[np.float64]
Feature = tuple[str, bool, float | None]  # (HPO id, negated, frequency) of one annotation


@dataclass(frozen=True)
class RankSettings:
    """The ranking's few parameters; the defaults are documented in docs/ranking.md."""

    unknown_frequency: float = 0.5
    ancestor_discount: float = 0.03
    noise: float = 0.25
    use_excluded: bool = True
    excluded_weight: float = 0.3
    excluded_min_frequency: float = 0.8
    chance_weight: float = 1.0
    max_log_lr: float = 3.0
    temperature: float = 0.3
    temperature_terms_exponent: float = 0.5
    sparse_gamma: float = 0.0
    similarity_weight: float = 1.0
    databases: tuple[str, ...] = ("OMIM", "ORPHA")


def _dense_rows(matrix: sparse.csr_array, rows: npt.NDArray[np.int32]) -> Vector:
    """Some rows of a CSR matrix as a dense block: slicing its arrays directly is several times
    faster than scipy's fancy indexing for the few rows (a term's ancestors) needed here."""
    block = np.zeros((len(rows), matrix.shape[1]))
    indptr, indices, data = matrix.indptr, matrix.indices, matrix.data
    for position, row in enumerate(rows):
        start, end = indptr[row], indptr[row + 1]
        block[position, indices[start:end]] = data[start:end]
    return block


def softmax_temperature(settings: RankSettings, terms: int) -> float:
    """The softmax temperature for a patient with `terms` observed terms.

    The log LRs of a patient's terms are summed as if independent, but one patient's features are
    correlated, so the score gaps (and the confidence) grow faster than the evidence does: the
    temperature shrinks as (REFERENCE_TERMS / terms) ** temperature_terms_exponent.
    """
    ratio = REFERENCE_TERMS / max(terms, 1)
    return float(settings.temperature * ratio**settings.temperature_terms_exponent)


@dataclass(frozen=True, slots=True)
class RankedDisease:
    """One disease in a ranking: 1-based rank, score (sum of log10 LRs) and probability (0..1)."""

    rank: int
    disease_id: str
    name: str
    score: float
    probability: float


class PhenotypeRanker:
    """Precomputed disease × term frequencies of one release; `rank` is then a few array operations."""

    def __init__(
        self,
        release: HpoRelease,
        settings: RankSettings | None = None,
        extra: Mapping[str, Sequence[Annotation]] | None = None,
    ) -> None:
        """`extra`: more annotations by disease id, e.g. the features of hand-curated profiles."""
        self.release = release
        self._extra = dict(extra or {})
        self.settings = settings or RankSettings()
        ontology = release.ontology
        phenotypic = ontology.descendants(PHENOTYPIC_ABNORMALITY) - {PHENOTYPIC_ABNORMALITY}
        self.term_ids: list[str] = sorted(phenotypic)
        self._term_index = {t: i for i, t in enumerate(self.term_ids)}
        self.term_ids_set = frozenset(self.term_ids)
        self._ancestors: list[npt.NDArray[np.int32]] = []
        self._steps: list[Vector] = []
        for term in self.term_ids:
            steps = self._steps_up(term)
            ordered = sorted((self._term_index[a], d) for a, d in steps.items())
            self._ancestors.append(np.array([i for i, _ in ordered], dtype=np.int32))
            self._steps.append(np.array([d for _, d in ordered], dtype=np.float64))
        diseases = [
            d
            for d in release.diseases
            if d.database in self.settings.databases and any(row[8] == "P" for row in d.rows)
        ]
        diseases.sort(key=lambda d: d.id)
        self.diseases = tuple(diseases)
        self.disease_ids = [d.id for d in diseases]
        self.disease_names = [d.name for d in diseases]
        self._disease_index = {d: i for i, d in enumerate(self.disease_ids)}
        self.frequencies, self.negated = self._matrices(diseases)
        count = len(diseases)
        totals = np.asarray(self.frequencies.sum(axis=1)).ravel()
        self.background: Vector = np.maximum(totals / count, 1.0 / count)
        self.noise: Vector = self._noise(diseases)
        self.demographics = Demographics(ontology, diseases)
        present = (self.frequencies > 0).astype(np.float64)
        counts = np.asarray(present.sum(axis=1)).ravel()
        # Information content (log10) of each term over the diseases, for best-match similarity.
        self.information: Vector = -np.log10(np.maximum(counts, 1.0) / count)
        self._present = present.tocsr()
        self._direct = self._direct_annotations(diseases)
        self._descendants: list[npt.NDArray[np.int32]] = self._descendant_lists()
        self.chance: Vector = self._chance_fit()

    def _chance_fit(self) -> Vector:
        """Per disease, the mean log10 LR of a feature drawn at random from all annotations.

        A disease annotated with many (or broad) features explains an unrelated feature a little
        better than the noise floor, and over a patient's terms that adds up: such diseases won by
        chance. Subtracting this mean per observed term scores each disease against its own
        chance level. The annotations are sampled systematically (evenly spaced, in disease-id
        order), so the value is deterministic and takes well under a second to compute.
        """
        columns = self._direct.indices
        if len(columns) == 0:
            return np.zeros(len(self.disease_ids))
        picks = np.linspace(0, len(columns) - 1, min(CHANCE_SAMPLE, len(columns)))
        sample = columns[np.round(picks).astype(np.intp)]
        total = np.zeros(len(self.disease_ids))
        for term in sample:
            total += self._log_lr(int(term))
        mean: Vector = total / len(sample)
        return mean

    def _features(self, disease: AnnotatedDisease, extra: bool = True) -> list[Feature]:
        """(HPO id, negated, frequency or None) of each phenotype annotation of a disease.

        Read from the release's raw rows: building `Annotation` values for all 12,000 diseases
        would take about 2 s of the load.
        """
        found = [(row[0], row[1], row[2][1] if row[2] else None) for row in disease.rows
                 if row[8] == "P"]  # fmt: skip
        if extra:
            found += [
                (a.hpo_id, a.negated, a.frequency.value if a.frequency else None)
                for a in self._extra.get(disease.id, ())
                if a.aspect == "P"
            ]
        return found

    def _direct_annotations(self, diseases: list[AnnotatedDisease]) -> sparse.csr_array:
        """Disease × term, 1 / (number of direct features) for each directly annotated feature."""
        rows: list[int] = []
        cols: list[int] = []
        values: list[float] = []
        for row, disease in enumerate(diseases):
            terms = {
                self._term_index[hpo_id]
                for hpo_id, negated, _ in self._features(disease)
                if not negated and hpo_id in self._term_index
            }
            rows.extend([row] * len(terms))
            cols.extend(sorted(terms))
            values.extend([1.0 / max(len(terms), 1)] * len(terms))
        shape = (len(diseases), len(self.term_ids))
        return sparse.csr_array((values, (rows, cols)), shape=shape, dtype=np.float64)

    @lru_cache(maxsize=8192)  # noqa: B019
    def _best_ancestor_information(self, term: int) -> Vector:
        """Per disease, the IC of the term's most informative ancestor the disease has."""
        ancestors = self._ancestors[term]
        block = self._present[ancestors].toarray() * self.information[ancestors][:, None]
        best: Vector = block.max(axis=0)
        return best

    def _descendant_lists(self) -> list[npt.NDArray[np.int32]]:
        children: list[list[int]] = [[] for _ in self.term_ids]
        for index, ancestors in enumerate(self._ancestors):
            for ancestor in ancestors:
                if ancestor != index:
                    children[int(ancestor)].append(index)
        return [np.array(sorted(c), dtype=np.int32) for c in children]

    def similarity(self, terms: list[int]) -> Vector:
        """Symmetric best-match-average Resnik similarity of the patient to every disease."""
        if not terms:
            return np.zeros(len(self.disease_ids))
        forward = sum((self._best_ancestor_information(t) for t in terms), np.zeros(len(self)))
        forward /= len(terms)
        # disease → patient: each disease feature's most informative ancestor the patient has
        best = np.zeros(len(self.term_ids))
        closure = np.unique(np.concatenate([self._ancestors[t] for t in terms]))
        for ancestor in closure[np.argsort(self.information[closure])]:
            value = self.information[ancestor]
            best[ancestor] = value
            best[self._descendants[int(ancestor)]] = value
        backward = self._direct @ best
        result: Vector = (forward + backward) / 2
        return result

    def _steps_up(self, term: str) -> dict[str, int]:
        """Each ancestor of a term (and the term, at 0) with the fewest is_a steps up to it."""
        ontology = self.release.ontology
        steps = {term: 0}
        frontier = [term]
        while frontier:
            following: list[str] = []
            for current in frontier:
                found = ontology.get(current)
                for parent in found.parents if found else ():
                    if parent in self._term_index and parent not in steps:
                        steps[parent] = steps[current] + 1
                        following.append(parent)
            frontier = following
        return steps

    def _noise(self, diseases: list[AnnotatedDisease]) -> Vector:
        """The LR floor of a feature a disease does not explain, higher for sparse annotations.

        A disease described by few features is likelier to have features nobody annotated:
        floor_D = noise · (median feature count / feature count of D) ** sparse_gamma, at most 0.9.
        """
        sizes = np.array(
            [
                max(1, len({f[0] for f in self._features(d, extra=False) if not f[1]}))
                for d in diseases
            ],
            dtype=np.float64,
        )
        ratio = (np.median(sizes) / sizes) ** self.settings.sparse_gamma
        floor: Vector = np.minimum(self.settings.noise * ratio, 0.9)
        return floor

    def _matrices(
        self, diseases: list[AnnotatedDisease]
    ) -> tuple[sparse.csr_array, sparse.csr_array]:
        rows: list[int] = []
        cols: list[int] = []
        values: list[float] = []
        neg_rows: list[int] = []
        neg_cols: list[int] = []
        default = self.settings.unknown_frequency
        for column, disease in enumerate(diseases):
            best: dict[int, float] = {}
            for hpo_id, negated, value in self._features(disease):
                index = self._term_index.get(hpo_id)
                if index is None:
                    continue
                frequency = value if value is not None else default
                if negated or frequency == 0:
                    neg_rows.append(index)
                    neg_cols.append(column)
                    continue
                for ancestor in self._ancestors[index]:
                    if frequency > best.get(int(ancestor), 0.0):
                        best[int(ancestor)] = frequency
            rows.extend(best)
            cols.extend([column] * len(best))
            values.extend(best.values())
        shape = (len(self.term_ids), len(diseases))
        frequencies = sparse.csr_array((values, (rows, cols)), shape=shape, dtype=np.float64)
        negated = sparse.csr_array(
            (np.ones(len(neg_rows)), (neg_rows, neg_cols)), shape=shape, dtype=np.float64
        )
        return frequencies, negated

    def with_settings(self, settings: RankSettings) -> PhenotypeRanker:
        """The same release and extra annotations, other settings (rebuilds the matrices)."""
        return PhenotypeRanker(self.release, settings, self._extra)

    def __len__(self) -> int:
        return len(self.disease_ids)

    def release_references(self) -> dict[str, frozenset[str]]:
        """Disease id → the references (PMIDs…) its annotations cite in this release."""
        return {
            d.id: frozenset(ref for a in d.annotations for ref in a.references)
            for d in self.release.diseases
            if d.id in self._disease_index
        }

    def term_index(self, hpo_id: str) -> int:
        return self._term_index[hpo_id]

    def ancestors_of(self, term: int) -> npt.NDArray[np.int32]:
        """Indices of a term and its ancestors (under Phenotypic abnormality)."""
        return self._ancestors[term]

    def extra_annotations(self, disease_id: str) -> tuple[Annotation, ...]:
        """The annotations added to a disease beside the release's (curated profiles)."""
        return tuple(self._extra.get(disease_id, ()))

    @lru_cache(maxsize=8192)  # noqa: B019 - one ranker per process; terms recur across patients
    def observed_log_lr(self, term: int) -> Vector:
        """log10 LR of observing one term, for every disease."""
        return self._log_lr(term)

    def _log_lr(self, term: int) -> Vector:
        settings = self.settings
        ancestors = self._ancestors[term]
        ratio = np.maximum(self._explained_ratio(term), self._floor(term))
        excluded_by_disease = _dense_rows(self.negated, ancestors).any(axis=0)
        ratio[excluded_by_disease] = settings.noise
        log_lr: Vector = np.minimum(np.log10(ratio), settings.max_log_lr)
        return log_lr

    def _explained_ratio(self, term: int) -> Vector:
        """Per disease, the best LR through the term or an ancestor, before the noise floor."""
        ancestors = self._ancestors[term]
        weights = self.settings.ancestor_discount ** self._steps[term] / self.background[ancestors]
        block = _dense_rows(self.frequencies, ancestors) * weights[:, None]
        best: Vector = block.max(axis=0)
        return best

    def _floor(self, term: int) -> Vector:
        """The LR of an observed term a disease does not explain (a hook: benchmarks try others)."""
        return self.noise

    @lru_cache(maxsize=8192)  # noqa: B019
    def excluded_log_lr_raw(self, term: int) -> Vector:
        """log10 LR of a term checked and found absent: evidence only against diseases that have it.

        Only a feature the disease has in at least `excluded_min_frequency` of patients counts: a
        published case's absent features are often the typical ones the authors checked, and an
        occasional feature being absent says little.
        """
        present = self.frequencies[[term]].toarray().ravel()
        background = min(self.background[term], 0.99)
        ratio = np.maximum(1.0 - present, self.settings.noise) / (1.0 - background)
        ratio[(present == 0) | (present < self.settings.excluded_min_frequency)] = 1.0
        log_lr: Vector = np.minimum(np.log10(ratio), 0.0)
        return log_lr

    def excluded_log_lr(self, term: int) -> Vector:
        """The excluded-term evidence as scored: down-weighted by `excluded_weight`."""
        weighted: Vector = self.excluded_log_lr_raw(term) * self.settings.excluded_weight
        return weighted

    def best_match(self, term: int, disease: int) -> int | None:
        """The term (the observed one or an ancestor) through which a disease explains it best."""
        ancestors = self._ancestors[term]
        weights = self.settings.ancestor_discount ** self._steps[term] / self.background[ancestors]
        values = self.frequencies[ancestors][:, [disease]].toarray().ravel() * weights
        best = int(np.argmax(values))
        if values[best] <= self.noise[disease]:
            return None
        return int(ancestors[best])

    def most_specific(self, hpo_ids: tuple[str, ...]) -> list[int]:
        """Term indices without those implied by another observed term (no double counting)."""
        indices = {self._term_index[t] for t in hpo_ids if t in self._term_index}
        implied: set[int] = set()
        for index in indices:
            implied.update(int(a) for a in self._ancestors[index] if a != index)
        return sorted(indices - implied)

    def _similarity_part(self, patient: PatientProfile) -> Vector:
        """The similarity signal as scored: weight × number of terms × mean best-match IC."""
        specific = self.most_specific(patient.observed)
        part: Vector = self.settings.similarity_weight * len(specific) * self.similarity(specific)
        return part

    def scores(self, patient: PatientProfile) -> Vector:
        """The summed log10 LR of every disease (same order as `disease_ids`)."""
        specific = self.most_specific(patient.observed)
        total = self._observed_part(specific)
        if self.settings.similarity_weight:
            total += self._similarity_part(patient)
        if patient.onset:
            total += self.demographics.onset_log_lr(patient.onset)
        if patient.sex:
            total += self.demographics.sex_log_lr(patient.sex)
        if self.settings.use_excluded:
            for hpo_id in patient.excluded:
                if hpo_id in self._term_index:
                    total += self.excluded_log_lr(self._term_index[hpo_id])
        return total

    def _observed_part(self, specific: list[int]) -> Vector:
        """The observed terms' summed log10 LRs, less the chance fit charged for each."""
        total = np.zeros(len(self.disease_ids))
        for index in specific:
            total += self.observed_log_lr(index)
        if self.settings.chance_weight:
            total -= self.settings.chance_weight * len(specific) * self.chance
        return total

    def contributions(
        self, patient: PatientProfile, disease_id: str
    ) -> list[tuple[str, str, float]]:
        """(term, "observed"/"excluded", log10 LR) for one disease: why it scored as it did."""
        index = self._disease_index[disease_id]
        specific = self.most_specific(patient.observed)
        rows = [
            (self.term_ids[t], "observed", float(self.observed_log_lr(t)[index])) for t in specific
        ]
        if self.settings.use_excluded:
            rows += [
                (hpo_id, "excluded", float(self.excluded_log_lr(self._term_index[hpo_id])[index]))
                for hpo_id in patient.excluded
                if hpo_id in self._term_index
            ]
        if self.settings.chance_weight:
            rows.append(("", "chance fit", -self.chance_part(len(specific), index)))
        if self.settings.similarity_weight:
            rows.append(("", "similarity", float(self._similarity_part(patient)[index])))
        if patient.onset:
            rows.append(
                (
                    patient.onset,
                    "onset",
                    float(self.demographics.onset_log_lr(patient.onset)[index]),
                )
            )
        if patient.sex:
            rows.append(
                ("", f"sex: {patient.sex}", float(self.demographics.sex_log_lr(patient.sex)[index]))
            )
        return rows

    def chance_part(self, terms: int, index: int) -> float:
        """What `terms` observed terms are charged for the chance fit of the disease at `index`."""
        return float(self.settings.chance_weight * terms * self.chance[index])

    def probabilities(self, scores: Vector, terms: int = REFERENCE_TERMS) -> Vector:
        """Posterior over diseases with a uniform prior, tempered for calibration.

        `terms`: the number of observed terms behind the scores (see `softmax_temperature`).
        """
        scaled = scores * np.log(10) * softmax_temperature(self.settings, terms)
        scaled -= scaled.max()
        weights = np.exp(scaled)
        return weights / weights.sum()  # type: ignore[no-any-return]

    def order(self, scores: Vector) -> npt.NDArray[np.intp]:
        """Disease indices best first; ties by id (disease_ids are sorted, and a stable sort
        keeps equal scores in index order)."""
        return np.argsort(-scores, kind="stable")

    def rank(self, patient: PatientProfile, top: int | None = 20) -> list[RankedDisease]:
        """The `top` best diseases (all when None), with score and probability."""
        scores = self.scores(patient)
        probabilities = self.probabilities(scores, len(self.most_specific(patient.observed)))
        order = self.order(scores)
        chosen = order if top is None else order[:top]
        return [
            RankedDisease(
                rank=position + 1,
                disease_id=self.disease_ids[i],
                name=self.disease_names[i],
                score=round(float(scores[i]), 4),
                probability=float(probabilities[i]),
            )
            for position, i in enumerate(chosen)
        ]

    def rank_of(self, patient: PatientProfile, disease_id: str) -> int | None:
        """The 1-based rank of one disease (None when it is not in the release)."""
        index = self._disease_index.get(disease_id)
        return None if index is None else self.position(self.scores(patient), index)

    def index_of(self, disease_id: str) -> int | None:
        """The position of a disease in `disease_ids`, or None when it is not ranked."""
        return self._disease_index.get(disease_id)

    @staticmethod
    def position(scores: Vector, index: int) -> int:
        """The 1-based rank of the disease at `index`, with the id tie-break of `order`."""
        better = np.count_nonzero(scores > scores[index])
        tied_before = np.count_nonzero(scores[:index] == scores[index])
        return int(better + tied_before + 1)
