"""Registry import, export and statistics speed on the published phenopacket-store cases.

    .venv/bin/python benchmarks/bench_registry.py [../shared/benchmarks/phenopacket_store_dev_phenopackets.zip]

One process, one core: each phenopacket is read from the zip, parsed and validated by the official
`phenopackets` package (protobuf json_format), checked, and turned into a registry case.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from rarelight.registry import import_phenopackets, registry_statistics, write_phenopackets

DEFAULT = (
    Path(__file__).resolve().parents[2] / "shared/benchmarks/phenopacket_store_dev_phenopackets.zip"
)


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    started = time.perf_counter()
    report = import_phenopackets(source)
    imported = time.perf_counter() - started
    print(
        f"import: {report.summary()} in {imported:.2f} s = {report.files / imported:.0f} phenopackets/s"
    )

    started = time.perf_counter()
    stats = registry_statistics(report.imported)
    print(
        f"statistics (all diseases, suppressed): {time.perf_counter() - started:.2f} s; "
        f"people {stats.individuals}, families {stats.families}, groups {len(stats.groups)}"
    )

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "export.zip"
        started = time.perf_counter()
        count = write_phenopackets(report.imported, out, dt.datetime.now(dt.UTC))
        exported = time.perf_counter() - started
        print(f"export: {count} phenopackets in {exported:.2f} s = {count / exported:.0f}/s")
        started = time.perf_counter()
        again = import_phenopackets(out)
        print(
            f"re-import of the export: {again.summary()} in {time.perf_counter() - started:.2f} s; "
            f"identical: {sorted(again.imported, key=lambda c: c.case_id) == sorted(report.imported, key=lambda c: c.case_id)}"
        )


if __name__ == "__main__":
    main()
