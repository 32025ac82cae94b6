"""Specification: a file that cannot be read as a sheet is a Chinese problem.

    pytest tests/sheets/test_reading.py -q

Whatever is wrong with the file (not a workbook, missing, a folder, broken
inside, a CSV that the csv module refuses), ``read_tables`` returns one
problem in Chinese that says what to do; Python's own error text ("File is
not a zip file", "[Errno 2] ...") goes only to the DEBUG log.
"""

from __future__ import annotations

import csv
import logging
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from usefirst.cli import main
from usefirst.exitcodes import INVALID
from usefirst.repository import Repository
from usefirst.sheets.reading import read_tables

# what Python and openpyxl say in English about files they cannot read
ENGLISH = re.compile(r"[A-Za-z]{3,}|Errno|\[|\]")


def read_problem(path: Path) -> str:
    """Read a file that must fail; return its one message."""
    tables, problems = read_tables(path, path.name)
    assert tables == []
    assert [problem.rule for problem in problems] == ["IMPORT.file"]
    return problems[0].message


def english_in(message: str) -> list[str]:
    # the file formats a user knows by name are not English prose
    for word in ("xlsx", "CSV", "UTF-8", "Excel", "WPS"):
        message = message.replace(word, "")
    return ENGLISH.findall(message)


def test_a_text_file_named_xlsx_is_not_a_workbook(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "x.xlsx"
    path.write_text("名称,单位\n一,二\n", encoding="utf-8")
    with caplog.at_level(logging.DEBUG, logger="usefirst.sheets.reading"):
        message = read_problem(path)
    assert message.startswith("不是有效的 .xlsx 工作簿")
    assert "另存为" in message
    assert english_in(message) == []
    # the original error is kept for whoever debugs, not shown to the user
    assert "File is not a zip file" in caplog.text


@pytest.mark.parametrize("name", ["missing.xlsx", "missing.csv"])
def test_a_missing_file_is_reported_in_chinese(
    tmp_path: Path, name: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="usefirst.sheets.reading"):
        message = read_problem(tmp_path / name)
    assert message == "找不到这个文件：请确认路径和文件名"
    assert "Errno 2" in caplog.text


@pytest.mark.parametrize("name", ["folder.xlsx", "folder.csv"])
def test_a_folder_is_not_a_file(tmp_path: Path, name: str) -> None:
    (tmp_path / name).mkdir()
    assert read_problem(tmp_path / name).startswith("这是一个文件夹")


def test_a_zip_that_is_no_workbook_is_broken(tmp_path: Path) -> None:
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    message = read_problem(path)
    assert message.startswith("工作簿已损坏")
    assert english_in(message) == []


def test_a_workbook_with_a_broken_sheet_is_broken(tmp_path: Path) -> None:
    good = tmp_path / "good.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["成果名称", "单位"])
    workbook.save(good)
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    message = read_problem(broken)
    assert message.startswith("工作簿已损坏")


def test_a_csv_the_csv_module_refuses_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    cell = "长" * (csv.field_size_limit() + 1)
    path.write_text(f'名称,单位\n"{cell}",二\n', encoding="utf-8")
    message = read_problem(path)
    assert message.startswith("CSV 文件格式有误")
    assert english_in(message) == []


def test_importing_a_text_file_named_xlsx_shows_no_python_error(
    repository: Repository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.xlsx"
    path.write_text("this is text\n", encoding="utf-8")
    code = main(["--root", str(repository.root), "import", str(path), "--unit", "scut"])
    out, err = capsys.readouterr()
    assert code == INVALID
    assert "不是有效的 .xlsx 工作簿" in out
    assert "zip" not in (out + err).lower()
    assert "Traceback" not in err
