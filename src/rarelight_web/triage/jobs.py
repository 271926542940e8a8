"""Triage jobs run in a background thread, held in memory for the session that started them.

Nothing is written to the database: the uploaded file is deleted once read, and the result is
kept as plain JSON (`rarelight.genomics.to_json`) so a care record can store it as it is.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from rarelight.errors import RarelightError
from rarelight.genomics import GeneKnowledge, Panel, Pedigree, Triage, to_json, triage_pdf
from rarelight.phenotype import PatientProfile
from rarelight_web.knowledge import catalogue, ranker

MAX_JOBS = 50
SHOWN_GENES = 50


@dataclass
class Job:
    """One triage: who started it (session key), how far it got, and its result or error."""

    id: uuid.UUID
    owner: str
    source: str
    status: str = "queued"  # queued → reading → ranking → done | failed
    variants_read: int = 0
    result: dict[str, Any] | None = None
    pdf: bytes = b""  # the report, kept so the result can be saved to a care record
    error: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


@cache
def engine() -> Triage:
    """The triage over the web app's ranker and the same HPO release, built once per process."""
    return Triage(ranker(), GeneKnowledge.from_release(catalogue().release))


_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="triage")
_jobs: OrderedDict[uuid.UUID, Job] = OrderedDict()
_registry_lock = threading.Lock()


def submit(
    owner: str,
    path: Path,
    source: str,
    patient: PatientProfile,
    pedigree: Pedigree | None,
    proband: str | None,
    panel: str | None,
    panel_only: bool,
) -> Job:
    """Queue a triage of the uploaded file; the file is deleted when the job ends."""
    job = Job(uuid.uuid4(), owner, source)
    with _registry_lock:
        _jobs[job.id] = job
        while len(_jobs) > MAX_JOBS:
            _jobs.popitem(last=False)
    _executor.submit(_run, job, path, patient, pedigree, proband, panel, panel_only)
    return job


def get(job_id: uuid.UUID, owner: str) -> Job | None:
    """The job if this session started it; None otherwise (the view answers 404)."""
    job = _jobs.get(job_id)
    return job if job is not None and job.owner == owner else None


def _run(
    job: Job,
    path: Path,
    patient: PatientProfile,
    pedigree: Pedigree | None,
    proband: str | None,
    panel: str | None,
    panel_only: bool,
) -> None:
    try:
        triage = engine()
        job.status = "reading"

        def progress(count: int) -> None:
            job.variants_read = count

        variants = triage.read(path, pedigree, proband, progress=progress)
        job.status = "ranking"
        chosen = Panel.named(panel, triage.ranker.release) if panel else None
        result = triage.prioritise(variants, patient, chosen, panel_only, explain=SHOWN_GENES)
        job.result = to_json(result, SHOWN_GENES)
        job.result["source"] = job.source
        job.pdf = triage_pdf(result, top=20)
        job.status = "done"
    except RarelightError as error:
        job.error = str(error)
        job.status = "failed"
    except Exception:
        job.error = "The file could not be processed. Please check it is an annotated VCF."
        job.status = "failed"
    finally:
        path.unlink(missing_ok=True)
