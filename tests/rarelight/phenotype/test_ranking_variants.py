"""The ranking variants measured but not adopted (benchmarks/ranking_variants.py): switched off they
rank exactly as the adopted ranker, so the rows of docs/ranking.md compare like with like; switched
on they do what docs/ranking.md says they do."""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from rarelight.phenotype import HpoRelease, PatientProfile, PhenotypeRanker, RankSettings

REPO = Path(__file__).resolve().parents[3]
LIMB_DYSTONIA = "HP:0002451"
OROMANDIBULAR = "HP:0012048"
DYSTONIA = "HP:0001332"
SEIZURE = "HP:0001250"


@pytest.fixture(scope="module")
def variants() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "ranking_variants", REPO / "benchmarks" / "ranking_variants.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["ranking_variants"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def profile(release: HpoRelease, observed: list[str]) -> PatientProfile:
    return PatientProfile.from_ids(release.ontology, observed)


def test_with_every_variant_off_the_ranking_is_the_adopted_one(
    variants: ModuleType, toy_release: HpoRelease
) -> None:
    settings = RankSettings(ancestor_discount=0.5)
    adopted = PhenotypeRanker(toy_release, settings)
    off = variants.VariantRanker(toy_release, settings, None, variants.Variant())
    for observed in ([LIMB_DYSTONIA], [LIMB_DYSTONIA, SEIZURE], [OROMANDIBULAR, DYSTONIA, SEIZURE]):
        patient = profile(toy_release, observed)
        assert off.scores(patient) == pytest.approx(adopted.scores(patient))


def test_terms_of_one_branch_count_as_fewer_independent_ones(
    variants: ModuleType, toy_release: HpoRelease
) -> None:
    probe = PhenotypeRanker(toy_release)
    tying = float(probe.information[probe.term_index(DYSTONIA)])
    variant = variants.Variant(cluster_exponent=0.5, cluster_min_information=tying)
    ranker = variants.VariantRanker(toy_release, RankSettings(), None, variant)
    terms = [ranker.term_index(t) for t in (LIMB_DYSTONIA, OROMANDIBULAR, SEIZURE)]
    # the two dystonias share Dystonia, informative enough to tie them; Seizure stands alone
    assert ranker.term_weights(terms) == pytest.approx([2**-0.5, 2**-0.5, 1.0])
    assert [sorted(g) for g in ranker.clusters(terms)] == [[0, 1], [2]]


def test_a_generic_annotation_fits_a_specific_term_as_the_background_does(
    variants: ModuleType, toy_release: HpoRelease
) -> None:
    settings = RankSettings(ancestor_discount=0.5, noise=0.02, chance_weight=0.0)
    variant = variants.Variant(generic_ancestor_factor=1.0)
    ranker = variants.VariantRanker(toy_release, settings, None, variant)
    plain = PhenotypeRanker(toy_release, settings)
    limb, dystonia = ranker.term_index(LIMB_DYSTONIA), ranker.term_index(DYSTONIA)
    generic = ranker.index_of("OMIM:100003")  # annotated "Dystonia" (frequency unknown: 0.5)
    expected = np.log10(0.5 / ranker.background[dystonia])
    assert ranker.observed_log_lr(limb)[generic] == pytest.approx(expected)
    assert plain.observed_log_lr(limb)[generic] < expected  # one is_a step discounted
    specific = ranker.index_of("OMIM:100001")  # annotated with Limb dystonia itself: unchanged
    assert ranker.observed_log_lr(limb)[specific] == plain.observed_log_lr(limb)[specific]
    # switched off again, nothing changes
    off = variants.VariantRanker(
        toy_release, settings, None, dataclasses.replace(variant, generic_ancestor_factor=0.0)
    )
    assert (off.observed_log_lr(limb) == plain.observed_log_lr(limb)).all()
