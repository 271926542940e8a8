"""The registry: cases as GA4GH phenopackets, de-identified contributions, suppressed statistics.

Import with `import_phenopackets`, write with `write_phenopackets` / `write_csv`, turn a family's
facts into a case with `deidentify`, publish with `registry_statistics` (every count suppressed).
"""

from ._export import CSV_COLUMNS, csv_rows, write_csv, write_phenopackets
from ._import import ImportReport, Skipped, count_phenopackets, import_phenopackets
from ._model import (
    Consent,
    DbsOutcome,
    Feature,
    Inheritance,
    RegistryCase,
    Response,
    Sex,
    Source,
    Variant,
    VariantClass,
    Zygosity,
    format_age,
    parse_age,
)
from ._phenopacket import case_from_phenopacket, case_to_phenopacket, read_phenopacket
from ._snapshot import FeatureFact, PersonFacts, ScoreFact, VariantFact, deidentify, months_between
from ._stats import (
    LITERATURE,
    OTHER_DISEASES,
    CategoryCount,
    FeatureFrequency,
    LiteratureFigure,
    RegistryStatistics,
    StatTable,
    registry_statistics,
    statistics_json,
)
from ._store import RegistryStore
from ._suppress import LESS_THAN_FIVE, SUPPRESSED, TOTAL, Cell, SuppressedTable, suppress
from ._variant import variant_class

__all__ = [
    "CSV_COLUMNS",
    "LESS_THAN_FIVE",
    "LITERATURE",
    "OTHER_DISEASES",
    "SUPPRESSED",
    "TOTAL",
    "CategoryCount",
    "Cell",
    "Consent",
    "DbsOutcome",
    "Feature",
    "FeatureFact",
    "FeatureFrequency",
    "ImportReport",
    "Inheritance",
    "LiteratureFigure",
    "PersonFacts",
    "RegistryCase",
    "RegistryStatistics",
    "RegistryStore",
    "Response",
    "ScoreFact",
    "Sex",
    "Skipped",
    "Source",
    "StatTable",
    "SuppressedTable",
    "Variant",
    "VariantClass",
    "VariantFact",
    "Zygosity",
    "case_from_phenopacket",
    "case_to_phenopacket",
    "count_phenopackets",
    "csv_rows",
    "deidentify",
    "format_age",
    "import_phenopackets",
    "months_between",
    "parse_age",
    "read_phenopacket",
    "registry_statistics",
    "statistics_json",
    "suppress",
    "variant_class",
    "write_csv",
    "write_phenopackets",
]
