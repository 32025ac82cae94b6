"""HTML building blocks shared by the page modules.

    here = Linker("achievements/a.md")
    here.link("华工", "units/scut.md")   # '<a href="../../units/scut/">华工</a>'
    facts([("成果编号", html("XYHZ-CG-2026-000001"))])

Page bodies are raw HTML blocks between Markdown headings: the headings give
the generator its table of contents, while the blocks cost it no Markdown
parsing, which keeps builds of large catalogs fast. Every function here takes
values that are already safe HTML (escaped record text, or markup made here)
and only arranges them; links point at the published URL of the target page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from usefirst.site.escape import html
from usefirst.site.links import page_url, url_from

SEPARATOR = "、"


@dataclass(frozen=True)
class Linker:
    """Links as seen from one page, to pages given by their Markdown path."""

    source: str
    directory_urls: bool = True

    def href(self, target: str) -> str:
        """Return the URL of a page (``x.md``) or file, relative to this page."""
        path, hash_mark, anchor = target.partition("#")
        url = (
            page_url(path, directory_urls=self.directory_urls)
            if path.endswith(".md")
            else path
        )
        relative = url_from(self.source, url, directory_urls=self.directory_urls)
        return html(relative + hash_mark + anchor)

    def link(self, label: str, target: str) -> str:
        """Link to a page with a record-text label."""
        return f'<a href="{self.href(target)}">{html(label)}</a>'


def facts(rows: Iterable[tuple[str, str | None]]) -> str:
    """Render label/value pairs as a list, skipping empty values."""
    items = "".join(
        f"<li><strong>{label}</strong>：{value}</li>\n"
        for label, value in rows
        if value
    )
    return f'<ul class="uf-facts">\n{items}</ul>' if items else ""


def bullets(items: Iterable[str], *, numbered: bool = False) -> str:
    body = "".join(f"<li>{item}</li>\n" for item in items)
    tag = "ol" if numbered else "ul"
    return f"<{tag}>\n{body}</{tag}>" if body else ""


def table(header: list[str], rows: Iterable[list[str]]) -> str:
    """Render a table; cells must already be safe HTML."""
    head = "".join(f"<th>{cell}</th>" for cell in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>\n" for row in rows
    )
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>"


def paragraph(text: str) -> str:
    """Wrap safe HTML in a paragraph block."""
    return f"<p>{text}</p>"


def joined(items: Iterable[str]) -> str:
    return SEPARATOR.join(items)


def admonition(kind: str, title: str, body: str) -> str:
    """Render a callout box in the theme's style; ``body`` is safe HTML."""
    heading = f'<p class="admonition-title">{html(title)}</p>'
    return f'<div class="admonition {kind}">\n{heading}\n{body}\n</div>'


def contact_rows(contact: dict | None) -> list[tuple[str, str | None]]:
    """Describe a public contact: name, office phone, e-mail, address."""
    contact = contact or {}
    phone, email = contact.get("phone"), contact.get("email")
    return [
        ("联系人或部门", html(contact["name"]) if contact.get("name") else None),
        ("电话", _tel(phone) if phone else None),
        ("电子邮箱", _mailto(email) if email else None),
        ("地址", html(contact["address"]) if contact.get("address") else None),
    ]


def _tel(phone: str) -> str:
    digits = "".join(ch for ch in phone if ch.isascii() and (ch.isdigit() or ch == "+"))
    if not digits:
        return html(phone)
    return f'<a href="tel:{digits}">{html(phone)}</a>'


def _mailto(email: str) -> str:
    return f'<a href="mailto:{html(email)}">{html(email)}</a>'


def sections(*parts: str | None) -> str:
    """Join non-empty blocks with blank lines, ending with a newline."""
    return "\n\n".join(part for part in parts if part) + "\n"
