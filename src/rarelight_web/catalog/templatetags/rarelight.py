"""Template helpers: numbered citations that link to the reference list."""

from __future__ import annotations

from collections.abc import Sequence

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag(takes_context=True)
def cite(context: template.Context, sources: Sequence[str]) -> SafeString:
    """`[1,3]` as superscript links to the numbered sources of the page."""
    numbers: dict[str, int] = context.get("citations") or {}
    links = format_html_join(
        ",", '<a href="#ref-{0}" aria-label="source {0}">{0}</a>', ((numbers[s],) for s in sources)
    )
    return format_html('<sup class="cite">[{}]</sup>', links)


@register.filter
def get_item(mapping: dict[str, str], key: str) -> str:
    """mapping[key] in a template, the key itself when absent."""
    return mapping.get(key, key)


@register.filter
def percent(value: float | None) -> str:
    """0.93 → '93%'."""
    return "" if value is None else f"{round(value * 100)}%"
