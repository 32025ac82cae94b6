"""Record text made inert for Markdown and HTML.

    >>> inline("[点我](javascript:alert(1)) <b>")
    '&#91;点我&#93;&#40;javascript&#58;alert&#40;1&#41;&#41; &lt;b&gt;'
    >>> paragraphs("第一段\\n\\n第二段")
    '<p>第一段</p>\\n\\n<p>第二段</p>'

Text from records is data, never markup. ``inline`` is for Markdown contexts
(headings, list items, table cells): HTML's special characters become entities
and so does every ASCII punctuation character that Markdown or one of its
extensions reads as syntax, so neither a tag, a link, an attribute list nor an
emphasis can be written. ``paragraphs`` and ``html`` are for raw HTML blocks,
whose content Markdown does not parse. ``url`` lets only web addresses through.
"""

from __future__ import annotations

import html as _html
import re

# Every ASCII punctuation character Markdown, its tables, attribute lists and
# the pymdownx extensions give a meaning; "&<>\"'" are handled by html.escape.
_MARKDOWN_SYNTAX = "\\`*_{}[]()#+-!|~^=:."
_ENTITIES = str.maketrans({ch: f"&#{ord(ch)};" for ch in _MARKDOWN_SYNTAX})
_SPACES = re.compile(r"\s+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_WEB_ADDRESS = re.compile(r"^https?://[^\s<>\"'`]+$")


def html(text: object) -> str:
    """Escape text for HTML content or a quoted attribute value."""
    return _html.escape(str(text), quote=True)


def inline(text: object) -> str:
    """Escape text for one line of Markdown; whitespace runs become one space."""
    one_line = _SPACES.sub(" ", str(text)).strip()
    return html(one_line).translate(_ENTITIES)


def paragraphs(text: object) -> str:
    """Render multi-line text as raw HTML paragraphs, line breaks kept."""
    blocks = [block.strip() for block in _PARAGRAPH_BREAK.split(str(text))]
    return "\n\n".join(
        "<p>" + "<br>".join(html(line.strip()) for line in block.splitlines()) + "</p>"
        for block in blocks
        if block
    )


def url(text: object) -> str | None:
    """Return an http(s) address escaped for an attribute, or None for others."""
    value = str(text).strip()
    return html(value) if _WEB_ADDRESS.match(value) else None


def external_link(label: object, address: object) -> str:
    """Render a link to another site, or just the label if the address is unsafe."""
    href = url(address)
    if href is None:
        return html(label)
    return f'<a href="{href}" rel="noopener noreferrer nofollow">{html(label)}</a>'
