"""Insurance and guarantee products for use-first deals, on one page.

page = insurance_page(context)
page.path    # "insurance/index.md"; each product has the anchor of its id
"""

from __future__ import annotations

from usefirst.site import links
from usefirst.site.context import Record, SiteContext
from usefirst.site.escape import external_link, html, inline, paragraphs
from usefirst.site.model import Page
from usefirst.site.render import (
    Linker,
    contact_rows,
    facts,
    joined,
    paragraph,
    sections,
)


def insurance_page(context: SiteContext) -> Page:
    """Render every product, insurance first, each under its own heading."""
    here = context.linker(links.INSURANCE)
    products = sorted(
        context.view.insurance_products,
        key=lambda product: (product.get("category", ""), product["id"]),
    )
    intro = paragraph(
        "保险机构、担保机构开发的“先用后转”专项科技保险和担保产品。"
        "成果交易双方可根据实际需求购买；适用的产品也列在各成果页面。"
    )
    parts = [_product(context, product, here) for product in products]
    markdown = sections("# 保险与担保产品", intro, *parts or [paragraph("暂无产品。")])
    return Page(links.INSURANCE, "保险与担保产品", markdown, in_nav=True)


def _product(context: SiteContext, product: Record, here: Linker) -> str:
    return sections(
        f"## {inline(product['name'])} {{#{product['id']}}}",
        facts(_product_facts(context, product, here)),
        paragraphs(product.get("summary", "")),
        facts(contact_rows(product.get("contact"))),
    ).rstrip()


def _product_facts(
    context: SiteContext, product: Record, here: Linker
) -> list[tuple[str, str | None]]:
    labels = context.labels
    valid = product.get("valid")
    url = product.get("url")
    covers = joined(labels.names("right_type", product.get("covers")))
    clusters = joined(labels.names("cluster", product.get("clusters")))
    provider = here.link(product.get("provider", ""), links.unit_path(product["unit"]))
    return [
        ("产品类别", html(labels.name("category", product.get("category")))),
        ("提供机构", provider),
        ("适用权利类型", html(covers or "不限")),
        ("适用产业集群", html(clusters or "不限")),
        (
            "已纳入省科技保险产品支持目录",
            "是" if product.get("in_support_catalog") else None,
        ),
        ("费率或费用", html(product["premium"]) if product.get("premium") else None),
        (
            "有效期",
            f"{html(valid['start'])} 至 {html(valid['end'])}" if valid else None,
        ),
        ("产品网址", external_link(url, url) if url else None),
    ]
