"""The safe Markdown subset: what renders, what is removed, how links are counted."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import rarelight.community as community
from rarelight.community import (
    ALLOWED_TAGS,
    Limits,
    check_link,
    check_text,
    plain_text,
    render_markdown,
)
from rarelight.community._markdown import _cleaner

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    '"><a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click]( javascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "<javascript:alert(1)>",
    "[rel](//evil.example/x)",
    "![pic](https://evil.example/x.png)",
    '<a href="https://ok.example" onclick="alert(1)">x</a>',
    "<iframe src=https://evil.example></iframe>",
    "<style>body{display:none}</style>",
]


def active(html: str) -> list[str]:
    """Anything in sanitised HTML that a browser would run or load."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag not in ALLOWED_TAGS:
                found.append(tag)
            for name, value in attrs:
                if name.startswith("on"):
                    found.append(name)
                if name in {"href", "src"} and not (value or "").startswith(
                    ("http://", "https://", "mailto:")
                ):
                    found.append(f"{name}={value}")

    Parser().feed(html)
    return found


def test_the_subset_renders() -> None:
    text = "A **bold** and *calm* day.\n\n- physio\n- swimming\n\n> it gets easier\n\nSee https://example.org"
    html = render_markdown(text).html
    assert "<strong>bold</strong>" in html
    assert "<em>calm</em>" in html
    assert "<li>physio</li>" in html
    assert "<blockquote>" in html
    assert (
        '<a href="https://example.org" rel="nofollow noopener noreferrer ugc">https://example.org</a>'
        in html
    )


def test_headings_and_images_stay_text() -> None:
    html = render_markdown("# Big\n\n![pic](https://evil.example/x.png)").html
    assert "<h1" not in html
    assert "<img" not in html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_come_out_inert(payload: str) -> None:
    html = render_markdown(f"Before {payload} after").html
    assert active(html) == []
    assert "<script" not in html
    assert "<iframe" not in html


@given(st.text(max_size=300))
def test_any_text_renders_to_allowed_markup_only(text: str) -> None:
    assert active(render_markdown(text).html) == []


@given(st.lists(st.sampled_from([*PAYLOADS, "**x**", "\n\n", "https://a.example ", "- "])))
def test_any_mix_of_payloads_is_inert(parts: list[str]) -> None:
    assert active(render_markdown("".join(parts)).html) == []


def test_raw_html_from_anywhere_is_cleaned_again() -> None:
    """The second layer holds even if the parser let markup through."""
    html = _cleaner().clean(
        '<p onclick="x"><a href="javascript:alert(1)">a</a><script>s</script></p>'
    )
    assert html == '<p><a rel="nofollow noopener noreferrer ugc">a</a></p>'


def test_links_are_counted_in_every_form() -> None:
    text = "[a](https://a.example) <https://b.example> https://c.example www.dystonia.org"
    assert render_markdown(text).links == 4
    assert render_markdown("no links here").links == 0


def test_plain_text_for_summaries() -> None:
    assert plain_text("**Hello** & <b>friends</b>") == "Hello & <b>friends</b>"
    assert plain_text("one two three four", 9) == "one two…"
    assert plain_text("short", 100) == "short"


def test_check_text_names_each_field_and_the_fix() -> None:
    problems = check_text("Hi", "x" * 10)
    assert [p.location for p in problems] == ["title", "body"]
    assert problems[0].fix == "Use between 5 and 150 characters."
    many = " ".join(f"https://{n}.example" for n in range(4))
    (problem,) = check_text("A good title", "Some words first. " + many)
    assert (problem.location, problem.message) == ("body", "The text has 4 links.")
    assert check_text("A good title", "x" * 10_001, Limits())[0].message == (
        "The text has 10001 characters."
    )
    assert check_text("A good title", "Twenty characters or more.") == []


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "//evil.example", ""]
)
def test_check_link_refuses_anything_but_web_addresses(url: str) -> None:
    (problem,) = check_link(url)
    assert problem.location == "url"


def test_check_link_accepts_web_addresses() -> None:
    assert check_link("https://www.dystonia-foundation.org/") == []
    assert check_link("http://example.org/guide") == []


def test_the_public_api_is_exactly_all() -> None:
    public = {n for n in dir(community) if not n.startswith("_")}
    assert public == set(community.__all__)
    assert importlib.import_module("rarelight.community._rules")


def test_the_core_module_never_loads_django() -> None:
    code = (
        "import sys, rarelight.community\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'django', 'rarelight_web'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
