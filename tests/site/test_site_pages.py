"""Page content made from records, without any site generator."""

from __future__ import annotations

import csv
import datetime
import io
import json
import xml.etree.ElementTree as ElementTree

import pytest
from site_catalog import PROJECT, achievement, first_use, need, product, unit

from usefirst.publish import public_records
from usefirst.schemas import SchemaSet
from usefirst.site.achievement_page import achievement_page
from usefirst.site.catalog_page import catalog_pages
from usefirst.site.charts import bar_chart
from usefirst.site.context import SiteContext
from usefirst.site.home import fill_blocks, home_blocks, unknown_blocks
from usefirst.site.labels import Labels
from usefirst.site.needs_page import needs_pages
from usefirst.site.opendata import achievements_csv, atom_feed, catalog_json
from usefirst.site.searchdocs import search_docs
from usefirst.site.stats import stats_page
from usefirst.site.unit_page import unit_pages

BATTERY = achievement(
    "scut-2026-001",
    title="动力锂电池热失控早期预警技术",
    summary="融合特征气体与膨胀力感知，在锂电池热失控前发出预警，用于储能电站。",
    admitted_on="2026-03-01",
)
RICE = achievement(
    "scau-2026-001",
    unit="scau",
    number="XYHZ-CG-2026-000002",
    title="水稻抗稻瘟病分子育种技术",
    summary="利用分子标记聚合抗病基因，培育抗稻瘟病水稻新品种。",
    clusters=["agri-food"],
    city="440300",
    admitted_on="2026-04-01",
    offer={"license_types": ["exclusive", "sole"], "free_months": 24},
)
EXITED = achievement(
    "scut-2025-009",
    number="XYHZ-CG-2025-000009",
    title="已出库的电池回收技术",
    status="exited",
    exit={"date": "2026-02-01", "reason": "已独占许可给企业"},
)
BATCH = achievement(
    "scut-2026-002",
    title="批量导入的电池检测方法",
    channel="unit_batch",
    number="XYHZ-CG-2026-000003",
)
RECORDS = [
    unit("scut", name="华南理工大学"),
    unit("scau", name="华南农业大学", city="440100"),
    unit("acme", name="鹏城新能源有限公司", type="enterprise"),
    unit("kebao", name="科保", type="insurer"),
    BATTERY,
    RICE,
    EXITED,
    BATCH,
    need(
        "acme-2026-001",
        title="储能电站电池热失控预警",
        description="储能电站需要电池热失控提前预警。",
    ),
    product("kebao-2026-001", covers=["patent"], clusters=["new-energy"]),
    product("kebao-2026-002", name="育种保险", clusters=["agri-food"]),
    first_use("scut-fu-001", "scut-2026-001"),
    first_use("scut-fu-002", "scut-2026-001", signed_on="2025-06-01"),
]


@pytest.fixture(scope="module")
def context() -> SiteContext:
    labels = Labels.from_schemas(SchemaSet.load(PROJECT / "schemas"))
    return SiteContext.build(public_records(RECORDS), labels)


def _page(context: SiteContext, record_id: str) -> str:
    return achievement_page(context, context.by_id[record_id]).markdown


def test_an_achievement_page_says_how_to_use_it_first_and_whom_to_call(
    context: SiteContext,
) -> None:
    text = _page(context, "scut-2026-001")

    assert text.startswith("# 动力锂电池热失控早期预警技术\n")
    assert "先使用：免费使用 12 个月" in text
    assert "普通许可" in text
    assert '<a href="tel:02087110000">020-87110000</a>' in text
    assert '<a href="../../units/scut/">华南理工大学</a>' in text
    assert "已备案先使用合同</strong>：2 份" in text
    assert "ZL201710601862.3" in text


def test_an_achievement_page_lists_matching_needs_products_and_similar_ones(
    context: SiteContext,
) -> None:
    text = _page(context, "scut-2026-001")

    assert "../../needs/acme-2026-001/" in text
    assert "../../insurance/#kebao-2026-001" in text
    assert "kebao-2026-002" not in text  # covers another cluster only
    assert "## 相似成果" in text
    assert "scut-2025-009" not in text  # exited: never similar


def test_an_exited_achievement_says_so_and_offers_nothing(context: SiteContext) -> None:
    text = _page(context, "scut-2025-009")

    assert "已出库" in text and "已独占许可给企业" in text
    assert "先使用：免费使用" not in text


def test_a_batch_import_is_shown_for_display_only(context: SiteContext) -> None:
    assert "仅供展示" in _page(context, "scut-2026-002")


def test_the_catalog_lists_in_stock_achievements_by_cluster_and_hosts_search(
    context: SiteContext,
) -> None:
    pages = {page.path: page for page in catalog_pages(context)}
    index = pages["catalog/index.md"].markdown

    assert '<div id="catalog-search" data-index="../search/"></div>' in index
    assert "水稻抗稻瘟病分子育种技术" in index
    assert "已出库的电池回收技术" not in index
    assert "### 新能源（2 项）" in index
    assert set(pages) >= {"catalog/clusters/agri-food.md", "catalog/cities/440300.md"}
    assert "已出库" not in pages["catalog/clusters/new-energy.md"].markdown


def test_catalog_pages_stay_out_of_the_navigation_except_the_catalog(
    context: SiteContext,
) -> None:
    pages = catalog_pages(context)

    assert [page.path for page in pages if page.in_nav] == ["catalog/index.md"]
    assert not achievement_page(context, BATTERY).in_nav


def test_a_unit_page_lists_its_achievements_in_stock_and_exited(
    context: SiteContext,
) -> None:
    pages = {page.path: page.markdown for page in unit_pages(context)}
    text = pages["units/scut.md"]

    assert "## 在库成果（2 项）" in text
    assert "## 已出库成果（1 项）" in text
    assert "鹏城新能源有限公司" in pages["units/index.md"]


def test_a_need_page_ranks_the_matching_achievement(context: SiteContext) -> None:
    pages = {page.path: page.markdown for page in needs_pages(context)}

    matches = pages["needs/acme-2026-001.md"].split("## 匹配的成果")[1]
    assert "动力锂电池热失控早期预警技术" in matches
    assert "水稻" not in matches


def test_search_documents_cover_in_stock_achievements_with_chinese_filters(
    context: SiteContext,
) -> None:
    docs = {doc.url: doc for doc in search_docs(context)}

    assert set(docs) == {
        "achievements/scut-2026-001/",
        "achievements/scau-2026-001/",
        "achievements/scut-2026-002/",
    }
    rice = docs["achievements/scau-2026-001/"]
    assert rice.filters == {
        "cluster": ["现代农业与食品"],
        "city": ["深圳市"],
        "right": ["专利权"],
        "trl": ["6 级"],
        "licence": ["独占许可", "排他许可"],
        "unit": ["华南农业大学"],
    }
    assert "抗稻瘟病" in rice.text
    assert rice.meta == {"unit": "华南农业大学", "number": "XYHZ-CG-2026-000002"}


def test_home_blocks_fill_markers_and_name_unknown_ones(context: SiteContext) -> None:
    blocks = home_blocks(context)
    text = "前言\n\n<!-- catalog:newest -->\n\n<!-- catalog:nope -->\n"

    filled = fill_blocks(text, "index.md", blocks)

    assert filled.index("水稻抗稻瘟病分子育种技术") < filled.index("动力锂电池")
    assert 'href="achievements/scau-2026-001/"' in filled
    assert unknown_blocks(text, blocks) == ["nope"]


def test_statistics_count_contracts_per_year_and_never_amounts(
    context: SiteContext,
) -> None:
    text = stats_page(context).markdown

    assert "<tr><td>2025</td><td>1</td><td>0</td><td>0</td><td>1</td></tr>" in text
    assert "<tr><td>2026</td><td>1</td><td>0</td><td>0</td><td>1</td></tr>" in text
    assert text.count('<figure class="uf-chart">') == 6


def test_a_bar_chart_is_well_formed_svg_with_text_labels() -> None:
    figure = bar_chart("各地市在库成果数", [("广州市", 12), ("深圳市<&>", 3)])
    svg = ElementTree.fromstring(figure)[0]

    texts = [node.text for node in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert texts == ["广州市", "12 项", "深圳市<&>", "3 项"]
    widths = [
        float(r.get("width")) for r in svg.iter("{http://www.w3.org/2000/svg}rect")
    ]
    assert widths[0] == pytest.approx(4 * widths[1], rel=0.01)


def test_a_long_bar_label_is_shortened_and_kept_whole_as_its_tooltip() -> None:
    long_name = "广东省科学院新材料研究所先进功能材料研究中心"
    figure = bar_chart("在库成果最多的成果单位", [(long_name, 5)])
    svg = ElementTree.fromstring(figure)[0]
    tooltip = next(svg.iter("{http://www.w3.org/2000/svg}text"))[0]
    shown = tooltip.tail

    assert shown.endswith("…") and long_name.startswith(shown[:-1])
    assert tooltip.text == long_name
    assert long_name in svg.get("aria-label")


def test_open_data_json_has_a_stable_layout_of_public_records(
    context: SiteContext,
) -> None:
    data = json.loads(catalog_json(context))

    assert data["format"] == "usefirst-catalog" and data["version"] == 1
    assert {a["id"] for a in data["achievements"]} == {
        "scut-2026-001", "scau-2026-001", "scut-2025-009", "scut-2026-002"
    }  # fmt: skip
    assert data["contract_counts"] == {
        "2025": {"first_use_contract": 1},
        "2026": {"first_use_contract": 1},
    }
    assert data["vocabularies"]["city"]["440100"] == "广州市"
    assert "licensee" not in json.dumps(data)


def test_open_data_csv_opens_in_a_spreadsheet_without_running_formulas() -> None:
    labels = Labels.from_schemas(SchemaSet.load(PROJECT / "schemas"))
    risky = achievement("scut-2026-001", title='=HYPERLINK("http://x")成果')
    context = SiteContext.build(public_records([unit("scut"), risky]), labels)

    text = achievements_csv(context).decode("utf-8-sig")

    header, row = text.splitlines()[:2]
    assert header.startswith("记录标识,成果编号,成果名称,库存状态代码")
    assert ',"\'=HYPERLINK(""http://x"")成果",' in row


def test_open_data_csv_has_chinese_headers_and_names_next_to_codes(
    context: SiteContext,
) -> None:
    rows = list(csv.reader(io.StringIO(achievements_csv(context).decode("utf-8-sig"))))
    rice_row = next(row for row in rows if row[0] == "scau-2026-001")
    rice = dict(zip(rows[0], rice_row, strict=True))

    assert rows[0] == [
        "记录标识", "成果编号", "成果名称", "库存状态代码", "库存状态",
        "入库渠道代码", "入库渠道", "成果单位标识", "成果单位", "所在地市代码",
        "所在地市", "产业集群代码", "产业集群", "权利类型代码", "权利类型",
        "权利号", "技术成熟度", "可选许可方式代码", "可选许可方式",
        "免费使用期（月）", "入库日期", "关键词", "应用领域", "联系人或部门",
        "联系电话", "电子邮箱", "成果页面",
    ]  # fmt: skip
    assert (rice["所在地市代码"], rice["所在地市"]) == ("440300", "深圳市")
    assert (rice["库存状态代码"], rice["库存状态"]) == ("in_stock", "在库")
    assert rice["入库渠道"] == "成果完成人填报"
    assert (rice["成果单位标识"], rice["成果单位"]) == ("scau", "华南农业大学")
    assert rice["产业集群"] == "现代农业与食品"
    assert (rice["权利类型代码"], rice["权利类型"]) == ("patent", "专利权")
    assert (rice["可选许可方式代码"], rice["可选许可方式"]) == (
        "exclusive;sole",
        "独占许可;排他许可",
    )


def test_the_feed_lists_the_newest_admitted_achievements(context: SiteContext) -> None:
    feed = ElementTree.fromstring(atom_feed(context))
    atom = "{http://www.w3.org/2005/Atom}"

    titles = [entry.findtext(f"{atom}title") for entry in feed.iter(f"{atom}entry")]
    assert titles[0] == "水稻抗稻瘟病分子育种技术"
    assert "已出库的电池回收技术" not in titles
    assert feed.findtext(f"{atom}updated") == "2026-04-01T00:00:00Z"
    links = [link.get("href") for link in feed.iter(f"{atom}link")]
    assert links[:2] == ["catalog/", "achievements/scau-2026-001/"]


def test_the_feed_of_a_catalog_with_nothing_admitted_is_dated_by_the_build() -> None:
    labels = Labels.from_schemas(SchemaSet.load(PROJECT / "schemas"))
    waiting = achievement("scut-2026-001", number=None, admitted_on=None)
    view = public_records([unit("scut"), waiting])
    context = SiteContext.build(view, labels, today=datetime.date(2026, 7, 1))

    feed = ElementTree.fromstring(atom_feed(context))

    assert feed.findtext("{http://www.w3.org/2005/Atom}updated") == (
        "2026-07-01T00:00:00Z"
    )


def test_feed_and_csv_links_are_full_urls_when_the_site_url_is_set() -> None:
    labels = Labels.from_schemas(SchemaSet.load(PROJECT / "schemas"))
    view = public_records([unit("scut"), BATTERY])
    context = SiteContext.build(view, labels, site_url="https://xyhz.example.cn/")
    page = "https://xyhz.example.cn/achievements/scut-2026-001/"

    feed = ElementTree.fromstring(atom_feed(context))
    rows = list(csv.reader(io.StringIO(achievements_csv(context).decode("utf-8-sig"))))

    links = [
        link.get("href") for link in feed.iter("{http://www.w3.org/2005/Atom}link")
    ]
    assert links == ["https://xyhz.example.cn/catalog/", page]
    assert rows[1][-1] == page
