"""`rarelight serve`: migrate, load the bundled knowledge, then serve with waitress."""

from __future__ import annotations

import logging
import os
import threading
import time

log = logging.getLogger("rarelight_web")


def run(host: str, port: int, threads: int) -> None:
    """Bring the database up to date and serve the app; a second start takes seconds."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelight_web.settings")
    import django
    from django.core.management import call_command

    django.setup()
    from waitress import serve

    from rarelight_web.catalog.services import load_knowledge
    from rarelight_web.knowledge import catalogue
    from rarelight_web.wsgi import application

    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    report = load_knowledge(catalogue())
    print(f"Knowledge: {report}")
    # The diagnosis indexes take a few seconds to build: do it while the first pages are served.
    threading.Thread(target=_warm, name="warm-diagnosis", daemon=True).start()
    print(f"Ready in {time.monotonic() - started:.1f} s — Rarelight at http://{host}:{port}/")
    serve(application, host=host, port=port, threads=threads, ident="rarelight")


def _warm() -> None:
    """Build the ranker, term index and text parser before the first visitor needs them."""
    from rarelight_web.knowledge import ranker, term_index, text_parser

    for build in (ranker, term_index, text_parser):
        build()
