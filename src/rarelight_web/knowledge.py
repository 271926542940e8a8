"""The knowledge the web app serves, built once per process on first use and shared by every request."""

from __future__ import annotations

from functools import cache

from rarelight import config
from rarelight.knowledge import Catalogue, load_catalogue
from rarelight.phenotype import PhenotypeRanker, TermIndex, TextParser


@cache
def catalogue() -> Catalogue:
    """The process-wide catalogue (HPO release + curated profiles), loaded on first use."""
    return load_catalogue(config.data_dir(), config.hpo_dir())


@cache
def ranker() -> PhenotypeRanker:
    """The disease ranker over the same release, with the curated profiles' features added."""
    loaded = catalogue()
    return PhenotypeRanker(loaded.release, extra=loaded.curated_annotations())


@cache
def term_index() -> TermIndex:
    """HPO term search for autocomplete."""
    return TermIndex(catalogue().release.ontology)


@cache
def text_parser() -> TextParser:
    """Plain words → HPO terms."""
    return TextParser(catalogue().release.ontology)
