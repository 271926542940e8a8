"""Printable reports built from curated knowledge; plain Python, no web framework."""

from ._one_pager import clinician_one_pager

__all__ = ["clinician_one_pager"]
