"""Words a family typed, made fit to draw on a chart.

A control character (C0, DEL or C1: a bell, a tab, a next-line) has no glyph, so matplotlib draws
a box for it, and most of them are not allowed in the SVG's XML at all; a label is also one line.
Every label built from what someone typed goes through `chart_label` before it is drawn."""

from __future__ import annotations

import re

_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


def chart_label(text: str) -> str:
    """`text` with each run of control characters as one space, and no space at either end."""
    return _CONTROLS.sub(" ", text).strip()
