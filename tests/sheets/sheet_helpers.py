"""Small catalog repositories in temporary folders, and sheets filled as offices do.

repository = make_repository(tmp_path)     # units scut, gz-kjj, pengcheng
path = fill_template(repository, "achievement", [row], tmp_path / "a.xlsx")
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path
from typing import Any

import openpyxl

from usefirst.repository import Repository
from usefirst.sheets.template import write_template

ROOT = Path(__file__).resolve().parents[2]
TODAY = datetime.date(2026, 5, 20)

UNITS = {
    "scut": """\
kind: unit
id: scut
name: 华南理工大学
type: university
city: "440100"
contact:
  name: 技术转移中心
  phone: 020-87110000
maintainers: [scut-ttc]
""",
    "gz-kjj": """\
kind: unit
id: gz-kjj
name: 广州市科学技术局
type: city_bureau
city: "440100"
contact:
  name: 成果转化处
  phone: 020-83124000
maintainers: [gz-kjj]
""",
    "pengcheng": """\
kind: unit
id: pengcheng
name: 惠州市鹏程新能源科技有限公司
type: enterprise
city: "441300"
contact:
  name: 研发部
  email: rd@pengcheng.example.com
maintainers: [pengcheng-rd]
""",
}


def patent_check(digits: str) -> str:
    """Compute a Chinese patent application's check character by hand."""
    weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return "X" if remainder == 10 else str(remainder)


def patent(digits: str) -> str:
    """A valid patent number ZL + 12 digits + . + check."""
    return f"ZL{digits}.{patent_check(digits)}"


# three rows as an office types them: spaces, full width, dates three ways, names
BATTERY = {
    "成果名称": "  一种硫化物固态电解质及其制备方法 ",
    "成果完成人1.姓名": "李　明",
    "成果完成人1.职称": "教授",
    "成果完成人2.姓名": " 王芳",
    "知识产权1.权利类型": "专利权",
    "知识产权1.权利号": "ＺＬ２０１７１０６０１８６２．３",
    "知识产权1.授权或登记日期": "2019年8月13日",
    "知识产权2.权利类型": "专利申请权",
    "知识产权2.权利号": patent("202310123456")[2:],
    "成果简介": "以硫化物为基体制备高离子电导率固态电解质，室温电导率达到 "
    "10 mS/cm，可替代液态电解液。",
    "应用领域": "动力电池；储能电站",
    "关键词": "固态电池；电解质",
    "产业集群": "新能源，先进材料",
    "所在地市": "广州",
    "技术成熟度": "６",
    "许可条件.可选许可方式": "普通许可",
    "许可条件.免费使用期（月）": "12个月",
    "对接联系方式.联系人或部门": "技术转移中心",
    "对接联系方式.联系电话": "０２０-87110000",
    "经费来源.省级财政科技资金支持": "否",
}
ROBOT = {
    "成果名称": "协作机器人视觉伺服控制软件",
    "成果完成人1.姓名": "赵强",
    "知识产权1.权利类型": "计算机软件著作权",
    "知识产权1.权利号": "2021sr0123456",
    "知识产权1.授权或登记日期": datetime.datetime(2021, 3, 4),  # an Excel date cell
    "成果简介": "基于深度学习的视觉伺服控制软件，定位精度达到 0.05 毫米，"
    "适用于协作机器人装配。",
    "产业集群": "robotics",
    "所在地市": "深圳市",
    "技术成熟度": 7,
}
LYCHEE = {
    "成果名称": "荔枝低温保鲜工艺",
    "成果完成人1.姓名": "陈华",
    "知识产权1.权利类型": "技术秘密",
    "成果简介": "采用梯度降温与气调包装相结合的荔枝保鲜工艺，常温货架期延长到 12 天。",
    "产业集群": "现代农业",
    "所在地市": "广州市",
}


def make_repository(root: Path) -> Repository:
    """Copy the real schemas and write three units."""
    shutil.copytree(ROOT / "schemas", root / "schemas")
    for unit, text in UNITS.items():
        folder = root / "catalog" / unit
        folder.mkdir(parents=True)
        (folder / "unit.yaml").write_text(text, encoding="utf-8")
    return Repository(root)


def fill_template(
    repository: Repository,
    kind: str,
    rows: list[dict[str, Any]],
    path: Path,
    *,
    keep_example: bool = False,
) -> Path:
    """Write the kind's template and type rows into it below the example."""
    write_template(repository.schemas, kind, path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    if not keep_example:
        sheet.delete_rows(2)
    first = 3 if keep_example else 2
    for offset, values in enumerate(rows):
        for header, value in values.items():
            column = headers.index(header) + 1
            sheet.cell(row=first + offset, column=column, value=value)
    workbook.save(path)
    return path


def records_of(repository: Repository, unit: str, folder: str) -> dict[str, str]:
    """Map each record file of a unit's folder to its text."""
    base = repository.catalog_dir / unit / folder
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(base.glob("*.yaml"))}
