"""Record text is inert: escaped for Markdown headings and for HTML blocks."""

from __future__ import annotations

import markdown
import pytest
from hostile import ATTRIBUTES, AUTOLINK, IMAGE, LINK, SCRIPT, SVG, TITLE_BREAK

from usefirst.site.escape import external_link, html, inline, paragraphs, url

PAYLOADS = [
    SCRIPT,
    IMAGE,
    LINK,
    SVG,
    ATTRIBUTES,
    AUTOLINK,
    TITLE_BREAK,
    "*强调* _x_ `code`",
]
EXTENSIONS = ["tables", "toc", "admonition", "attr_list"]


def _render(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_heading_shows_the_text_and_makes_no_markup(payload: str) -> None:
    rendered = _render(f"# {inline(payload)}")

    assert rendered.count("<") == 2  # only <h1 ...> and </h1>
    assert "javascript:" not in rendered.replace("javascript&#58;", "")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_paragraphs_pass_markdown_untouched_and_escaped(payload: str) -> None:
    block = paragraphs(f"第一行{payload}\n第二行\n\n第二段")

    rendered = _render(f"## 标题\n\n{block}\n")

    assert rendered.count("<p>") == 2
    assert (
        "<script" not in rendered and "<img" not in rendered and "<svg" not in rendered
    )
    assert "<a " not in rendered and 'onclick="' not in rendered


def test_html_escapes_quotes_for_attributes() -> None:
    assert html('"><script>') == "&quot;&gt;&lt;script&gt;"


@pytest.mark.parametrize(
    ("address", "safe"),
    [
        ("https://www.scut.edu.cn/", True),
        ("http://example.cn/a?b=1", True),
        ("javascript:alert(1)", False),
        ("JAVASCRIPT:alert(1)", False),
        ("data:text/html,<script>", False),
        ('https://x.cn/" onmouseover="alert(1)', False),
    ],
)
def test_only_web_addresses_become_links(address: str, safe: bool) -> None:
    assert (url(address) is not None) is safe
    assert ("<a " in external_link("网站", address)) is safe
