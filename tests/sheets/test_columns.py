"""Specification of the columns a record kind has, as its schema defines them."""

from __future__ import annotations

import pytest
from sheet_helpers import ROOT

from usefirst.schemas import SchemaSet
from usefirst.sheets.columns import (
    AMOUNT,
    BOOLEAN,
    CHOICE,
    CHOICES,
    CODE,
    DATE,
    INTEGER,
    TEMPLATE_GROUPS,
    TEXT,
    TEXTS,
    ColumnSet,
    header_key,
)

SCHEMAS = SchemaSet.load(ROOT / "schemas")


def headers(kind: str) -> list[str]:
    return [column.header for column in ColumnSet(SCHEMAS, kind).layout()]


def test_headers_are_the_chinese_titles_of_the_schema() -> None:
    names = headers("achievement")
    assert names[:3] == ["记录标识", "成果编号", "成果名称"]
    assert "所在地市" in names and "技术成熟度" in names
    assert "kind" not in names and "记录类型" not in names


def test_nested_fields_join_their_titles_with_a_dot() -> None:
    names = headers("achievement")
    assert "对接联系方式.联系电话" in names
    assert "许可条件.免费使用期（月）" in names
    assert "出库信息.权属变更证明.文件路径" in names


def test_a_list_of_objects_becomes_numbered_groups() -> None:
    names = headers("achievement")
    for number in range(1, TEMPLATE_GROUPS + 1):
        assert f"知识产权{number}.权利类型" in names
        assert f"知识产权{number}.权利号" in names
        assert f"成果完成人{number}.姓名" in names
    assert f"知识产权{TEMPLATE_GROUPS + 1}.权利类型" not in names
    assert "经费来源.项目1.项目名称" in names


def test_more_groups_are_laid_out_when_records_need_them() -> None:
    columns = ColumnSet(SCHEMAS, "achievement")
    record = {"rights": [{"type": "patent", "number": str(i)} for i in range(5)]}
    layout = columns.layout(columns.group_counts([record]))
    assert "知识产权5.权利号" in [column.header for column in layout]


def test_cell_types_follow_the_schema() -> None:
    columns = ColumnSet(SCHEMAS, "pay_later_contract").by_header
    cells = {
        "签订日期": DATE,
        "合同金额（元）": AMOUNT,
        "收款记录1.到账金额（元）": AMOUNT,
        "交易方式": CHOICE,
        "记录标识": CODE,
        "收款记录1.备注": TEXT,
    }
    for header, cell in cells.items():
        assert columns[header_key(header)].cell == cell, header
    achievement = ColumnSet(SCHEMAS, "achievement").by_header
    assert achievement["产业集群"].cell == CHOICES
    assert achievement["关键词"].cell == TEXTS
    assert achievement["技术成熟度"].cell == INTEGER
    assert achievement[header_key("知识产权1.是否保密专利")].cell == BOOLEAN
    assert achievement[header_key("知识产权1.权利号")].cell == CODE


def test_closed_vocabularies_carry_their_chinese_names() -> None:
    columns = ColumnSet(SCHEMAS, "achievement").by_header
    assert columns["所在地市"].codes["440100"] == "广州市"
    assert columns["产业集群"].codes["new-energy"] == "新能源"
    assert columns[header_key("知识产权1.权利类型")].codes["patent"] == "专利权"
    assert columns[header_key("许可条件.可选许可方式")].codes["sole"] == "排他许可"


def test_required_columns_are_marked() -> None:
    columns = {c.header: c for c in ColumnSet(SCHEMAS, "achievement").layout()}
    assert columns["成果名称"].required
    assert columns["成果完成人1.姓名"].required
    assert not columns["成果完成人2.姓名"].required
    assert not columns["技术成熟度"].required


@pytest.mark.parametrize("kind", SCHEMAS.kinds)
def test_every_header_names_one_field(kind: str) -> None:
    columns = ColumnSet(SCHEMAS, kind)
    keys = [header_key(column.header) for column in columns.all]
    assert len(keys) == len(set(keys))


def test_header_matching_forgives_spaces_width_and_required_marks() -> None:
    columns = ColumnSet(SCHEMAS, "achievement").by_header
    assert columns[header_key(" 知识产权１．权利号 ")].path == ("rights", 0, "number")
    assert columns[header_key("*成果名称")].path == ("title",)
    assert columns[header_key("成果名称(必填)")].path == ("title",)


def test_a_record_flattens_to_cells_and_builds_back() -> None:
    columns = ColumnSet(SCHEMAS, "achievement")
    record = {
        "title": "固态电池",
        "inventors": [{"name": "李明", "title": "教授"}, {"name": "王芳"}],
        "rights": [{"type": "patent", "number": "ZL201710601862.3"}],
        "clusters": ["new-energy"],
        "contact": {"name": "技术转移中心", "phone": "020-87110000"},
    }
    cells = columns.flatten(record)
    assert cells[("inventors", 1, "name")] == "王芳"
    assert cells[("clusters",)] == ["new-energy"]
    assert columns.build(cells) == record


def test_empty_groups_leave_no_gap_in_a_list() -> None:
    columns = ColumnSet(SCHEMAS, "achievement")
    cells = {("inventors", 0, "name"): "李明", ("inventors", 2, "name"): "王芳"}
    assert columns.build(cells) == {"inventors": [{"name": "李明"}, {"name": "王芳"}]}


def test_any_path_has_a_header() -> None:
    columns = ColumnSet(SCHEMAS, "achievement")
    assert columns.header_of(("rights", 1)) == "知识产权2"
    assert columns.header_of(("contact",)) == "对接联系方式"
