"""Measure ``usefirst import`` of a generated sheet of 10,000 achievements.

    .venv/bin/python benchmarks/bench_import.py --rows 10000

A fresh repository (the real schemas, one university) gets a workbook filled
the way offices fill the template: full-width digits, dates typed three ways,
Chinese names of cities and clusters, amounts of 万元 in the free text. The
benchmark times, each in a fresh process with the same interpreter:

- first import: every row new, checked and written;
- second import of the same sheet: every row found, nothing to write; the
  10,000 new files are read and checked for the first time (as ``usefirst
  validate`` would), which fills the check cache;
- third import: the same, with the cache filled.

Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
USEFIRST = Path(sys.executable).with_name("usefirst")
UNIT = """\
kind: unit
id: bench
name: 岭南基准测试大学
type: university
city: "440100"
contact:
  name: 技术转移中心
  phone: 020-87110000
maintainers: [bench-ttc]
"""
CITIES = ["广州", "深圳市", "440600", "东莞市", "珠海"]
CLUSTERS = [
    "新能源",
    "先进材料；新能源",
    "智能机器人",
    "现代农业与食品",
    "软件与信息服务",
]
TERMS = ["固态电解质", "碳化硅器件", "视觉伺服", "荔枝保鲜", "知识图谱", "激光熔覆"]
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def patent(digits: str) -> str:
    weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return f"ZL{digits}.{'X' if remainder == 10 else remainder}"


def row(number: int, rng: random.Random) -> dict[str, object]:
    """One office row: messy, but every value readable."""
    term = rng.choice(TERMS)
    day = 1 + number % 28
    dates = [f"2019年3月{day}日", f"2019/3/{day}", f"2019-03-{day:02d}"]
    return {
        "成果名称": f" {term}关键技术第{number}号 ",
        "成果完成人1.姓名": "李　明",
        "成果完成人1.职称": "教授",
        "成果完成人2.姓名": f"王芳{number % 7}",
        "知识产权1.权利类型": "专利权",
        "知识产权1.权利号": patent(f"20191{number:07d}").translate(FULL_WIDTH),
        "知识产权1.授权或登记日期": dates[number % 3],
        "成果简介": f"{term}的关键技术，经中试验证，指标达到国内领先水平。" * 6,
        "应用领域": "动力电池；储能电站",
        "关键词": f"{term}；中试；产业化",
        "产业集群": CLUSTERS[number % len(CLUSTERS)],
        "所在地市": CITIES[number % len(CITIES)],
        "技术成熟度": str(1 + number % 9).translate(FULL_WIDTH),
        "对接联系方式.联系人或部门": "技术转移中心",
        "对接联系方式.电子邮箱": "ttc@example.edu.cn",
    }


def make_repository(folder: Path) -> None:
    shutil.copytree(ROOT / "schemas", folder / "schemas")
    (folder / "catalog" / "bench").mkdir(parents=True)
    (folder / "catalog" / "bench" / "unit.yaml").write_text(UNIT, encoding="utf-8")


def write_sheet(folder: Path, rows: int) -> Path:
    """Write the template's headers and the rows, in Excel's streaming mode."""
    subprocess.run(
        [
            USEFIRST,
            "--root",
            folder,
            "template",
            "achievement",
            "-o",
            folder / "t.xlsx",
        ],
        check=True,
        capture_output=True,
    )
    headers = [
        cell.value for cell in openpyxl.load_workbook(folder / "t.xlsx").active[1]
    ]
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("科技成果")
    sheet.append(headers)
    rng = random.Random(0)
    for number in range(1, rows + 1):
        values = row(number, rng)
        sheet.append([values.get(header) for header in headers])
    path = folder / "成果.xlsx"
    workbook.save(path)
    return path


def timed(command: list[object]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        output = done.stdout[-2000:] + done.stderr[-2000:]
        sys.exit(f"import failed ({done.returncode}):\n{output}")
    return elapsed, done.stdout.splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, action="append", help="rows per sheet")
    args = parser.parse_args()
    print("| rows | first import (s) | second (s) | third (s) | first import says |")
    print("|---:|---:|---:|---:|---|")
    for rows in args.rows or [10_000]:
        with tempfile.TemporaryDirectory() as temporary:
            folder = Path(temporary)
            make_repository(folder)
            sheet = write_sheet(folder, rows)
            command = [USEFIRST, "--root", folder, "import", sheet, "--unit", "bench"]
            first, said = timed(command)
            second, _ = timed(command)
            third, _ = timed(command)
            print(f"| {rows} | {first:.1f} | {second:.1f} | {third:.1f} | {said} |")


if __name__ == "__main__":
    main()
