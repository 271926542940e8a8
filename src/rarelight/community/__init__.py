"""Community submissions without Django: the safe Markdown subset, tags, kinds and limits."""

from ._markdown import ALLOWED_TAGS, Rendered, plain_text, render_markdown
from ._rules import KINDS, RESOURCE_CATEGORIES, TAGS, Limits, check_link, check_text

__all__ = [
    "ALLOWED_TAGS",
    "KINDS",
    "RESOURCE_CATEGORIES",
    "TAGS",
    "Limits",
    "Rendered",
    "check_link",
    "check_text",
    "plain_text",
    "render_markdown",
]
