"""The safe Markdown subset families write in, rendered to sanitised HTML.

Two layers: markdown-it-py parses only a small subset (paragraphs, emphasis, links, lists, quotes,
line breaks, inline code) with raw HTML off and its own link validation; nh3 (Ammonia) then keeps
only the tags and attributes that subset produces, and only http, https and mailto links.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cache

import nh3
from markdown_it import MarkdownIt

__all__ = ["ALLOWED_TAGS", "Rendered", "plain_text", "render_markdown"]

ALLOWED_TAGS = frozenset({"p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code"})
_SCHEMES = ("http://", "https://", "mailto:")
_RULES = [
    "emphasis",
    "link",
    "autolink",
    "linkify",
    "list",
    "blockquote",
    "newline",
    "backticks",
    "escape",
    "entity",
]


@dataclass(frozen=True)
class Rendered:
    """Sanitised HTML and the number of links in it (links are what spam is made of)."""

    html: str
    links: int


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("zero", {"html": False, "linkify": True, "breaks": True}).enable(_RULES)


def _only_absolute_links(tag: str, attribute: str, value: str) -> str | None:
    """Keep hrefs with an allowed scheme; drop relative and protocol-relative ones (`//host`)."""
    if tag == "a" and attribute == "href":
        return value if value.strip().lower().startswith(_SCHEMES) else None
    return value


@cache
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={"a": {"href"}, "ol": {"start"}},
        attribute_filter=_only_absolute_links,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer ugc",
        strip_comments=True,
    )


def render_markdown(text: str) -> Rendered:
    """Markdown (the safe subset) → sanitised HTML, with its link count.

    >>> render_markdown("**Hi** [site](https://example.org)").links
    1
    """
    tokens = _parser().parse(text)
    links = sum(
        1 for token in tokens for child in token.children or () if child.type == "link_open"
    )
    html = _parser().renderer.render(tokens, _parser().options, {})
    return Rendered(html=_cleaner().clean(html), links=links)


@cache
def _text_only() -> nh3.Cleaner:
    return nh3.Cleaner(tags=set(), clean_content_tags={"script", "style"})


def plain_text(text: str, limit: int = 0) -> str:
    """The words of a Markdown text without any markup (for summaries and search), unescaped for
    templates to escape; cut at `limit` characters on a word boundary with an ellipsis if given."""
    words = html.unescape(" ".join(_text_only().clean(_parser().render(text)).split()))
    if limit and len(words) > limit:
        head = words[: limit + 1]
        cut = head.rsplit(" ", 1)[0] if " " in head else words[:limit]
        return cut.rstrip(" ,.;:") + "…"
    return words
