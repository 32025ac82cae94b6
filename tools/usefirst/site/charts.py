"""Horizontal bar charts as inline SVG, drawn at build time, labelled in text.

    svg = bar_chart("各地市在库成果", [("广州市", 12), ("深圳市", 7)])

The chart is plain markup: it needs no script, scales with the page width, and
every bar carries its label and value as text, so it reads without colours.
The drawing is narrow (``WIDTH``) so that its text stays legible when a phone
shrinks it; a label too long for its column is shortened, and shown whole as
the label's tooltip and in the chart's accessible description.
"""

from __future__ import annotations

import unicodedata

from usefirst.site.escape import html

WIDTH = 400
LABEL_WIDTH = 150
ROW = 24
BAR = 16
FONT = 12
PAD = 6


def text_width(text: str) -> int:
    """Estimate the drawn width of a text: wide (CJK) characters count double."""
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")
    return int((len(text) + wide) * FONT * 0.55) + 1


def shorten(label: str, width: int = LABEL_WIDTH) -> str:
    """Cut a label to fit a width, marking the cut with an ellipsis."""
    if text_width(label) <= width:
        return label
    while label and text_width(label + "…") > width:
        label = label[:-1]
    return label + "…"


def bar_chart(title: str, bars: list[tuple[str, int]], *, unit: str = "项") -> str:
    """Draw one bar per (label, value), the largest value filling the width."""
    labels = [shorten(label) for label, _ in bars]
    label_width = max((text_width(label) for label in labels), default=0)
    top = max((value for _, value in bars), default=0) or 1
    span = WIDTH - label_width - text_width(f"{top} {unit}") - 4 * PAD
    rows = "".join(
        _row(index, label, short, value, label_width, span * value / top, unit)
        for index, ((label, value), short) in enumerate(zip(bars, labels, strict=True))
    )
    summary = "；".join(f"{label} {value} {unit}" for label, value in bars)
    return (
        f'<figure class="uf-chart"><svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {len(bars) * ROW + PAD}" role="img" '
        f'aria-label="{html(title)}：{html(summary)}"><title>{html(title)}</title>'
        f"{rows}</svg><figcaption>{html(title)}</figcaption></figure>"
    )


def _row(
    index: int,
    label: str,
    short: str,
    value: int,
    label_width: int,
    length: float,
    unit: str,
) -> str:
    y = PAD + index * ROW
    middle = y + BAR / 2 + FONT * 0.35
    bar_x = label_width + 2 * PAD
    drawn = max(length, 1.0) if value else 0.0
    tooltip = f"<title>{html(label)}</title>" if short != label else ""
    return (
        f'<text x="{label_width + PAD}" y="{middle:.1f}" text-anchor="end" '
        f'font-size="{FONT}" fill="currentColor">{tooltip}{html(short)}</text>'
        f'<rect class="uf-bar" x="{bar_x}" y="{y}" width="{drawn:.1f}" '
        f'height="{BAR}" rx="2"></rect>'
        f'<text x="{bar_x + drawn + PAD / 2:.1f}" y="{middle:.1f}" '
        f'font-size="{FONT}" fill="currentColor">{value} {html(unit)}</text>'
    )
