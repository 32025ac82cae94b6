"""Specification of ``usefirst validate`` as a user runs it.

    pytest tests/test_cli.py -q

Exit codes: 0 no errors, 1 errors in the data, 2 wrong usage. Results go to
stdout in the chosen format, diagnostics to stderr, and no input, however
broken, produces a traceback.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from usefirst.cli import main
from usefirst.exitcodes import INVALID, OK, USAGE

ROOT = Path(__file__).resolve().parents[1]
USEFIRST = Path(sys.executable).with_name("usefirst")
SCAN = b"%PDF-1.4\n% scan of lab-fu-001\n%%EOF\n"
TEXT_LINE = re.compile(r"^(catalog/[^:]+):(\d+): ([A-Z]+\.[A-Za-z_]+) (.+)$")
ANNOTATION = re.compile(
    r"^::(error|warning) file=([^,]+),line=(\d+),title=([^:]+)::(.+)$"
)

UNIT = """\
kind: unit
id: lab
name: 岭南测试大学
type: university
city: "440100"
contact:
  name: 技术转移中心
  phone: 020-87110000
maintainers: [lab-ttc]
"""
ACHIEVEMENT = """\
kind: achievement
id: lab-2025-001
number: XYHZ-CG-2025-000001
title: 高安全固态电解质制备技术
unit: lab
channel: inventor
filed_by: 张伟
inventors:
  - name: 张伟
    title: 教授
rights:
  - type: patent
    number: ZL201710601862.3
    granted_on: "2019-05-10"
summary: 本成果提出一种高安全固态电解质的制备方法，适合动力电池企业转化实施。
clusters: [new-energy]
city: "440100"
offer:
  license_types: [exclusive]
  free_months: 12
funding:
  provincial_fiscal: false
status: in_stock
admitted_on: "2024-12-01"
"""
FIRST_USE = f"""\
kind: first_use_contract
id: lab-fu-001
achievement: lab-2025-001
unit: lab
filed_by: 张伟
licensee:
  name: 广州测试科技有限公司
  uscc: 91440101MA5AB1234M
license_type: exclusive
free_period:
  start: "2025-01-01"
  end: "2025-12-31"
signed_on: "2024-12-20"
scan:
  file: attachments/lab-fu-001.pdf
  sha256: {hashlib.sha256(SCAN).hexdigest()}
"""
FILES = {
    "catalog/settings.yaml": "reviewers: [gd-review]\nuscc_overrides: []\n",
    "catalog/lab/unit.yaml": UNIT,
    "catalog/lab/achievements/lab-2025-001.yaml": ACHIEVEMENT,
    "catalog/lab/first_use_contracts/lab-fu-001.yaml": FIRST_USE,
}
CONTRACT = "catalog/lab/first_use_contracts/lab-fu-001.yaml"


def write_repository(root: Path) -> Path:
    """Write a small valid repository: schemas, settings, one unit's records."""
    shutil.copytree(ROOT / "schemas", root / "schemas")
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    attachment = root / "catalog/lab/attachments/lab-fu-001.pdf"
    attachment.parent.mkdir(parents=True)
    attachment.write_bytes(SCAN)
    return root


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("USEFIRST_CACHE_DIR", str(tmp_path / "cache"))
    root = write_repository(tmp_path / "repo")
    monkeypatch.chdir(root)
    return root


def usefirst(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed command as a user would."""
    return subprocess.run(
        [str(USEFIRST), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


# ---------------------------------------------------------------------------
# Exit codes and formats
# ---------------------------------------------------------------------------


def test_valid_repository_exits_0(repo: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["validate"]) == OK
    out, err = capsys.readouterr()
    assert out == "检查通过：没有发现问题。\n"
    assert err == ""


def test_invalid_data_exits_1_with_file_line_code_message(
    repo: Path, capsys: pytest.CaptureFixture
) -> None:
    edit(repo, "catalog/lab/unit.yaml", 'city: "440100"', "city: 440100")
    assert main(["validate", "--no-cache"]) == INVALID
    lines = capsys.readouterr().out.splitlines()
    match = TEXT_LINE.match(lines[0])
    assert match is not None, lines
    assert match.groups()[:3] == ("catalog/lab/unit.yaml", "5", "SCHEMA.type")
    assert lines[-1] == "发现 1 个错误、0 个警告，涉及 1 个文件。"


def test_nonexistent_path_exits_2(repo: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["validate", "catalog/nowhere"]) == USAGE
    out, err = capsys.readouterr()
    assert out == ""
    assert "找不到路径：catalog/nowhere" in err


def test_path_outside_the_repository_exits_2(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["validate", str(tmp_path)]) == USAGE
    assert "不在成果库" in capsys.readouterr().err


@pytest.mark.parametrize("path", ["schemas", "schemas/unit.schema.json"])
def test_path_outside_the_catalog_exits_2(
    repo: Path, path: str, capsys: pytest.CaptureFixture
) -> None:
    assert main(["validate", path]) == USAGE
    out, err = capsys.readouterr()
    assert out == ""
    assert f"只能检查 catalog/ 中的文件和文件夹，或整个成果库（.）：{path}" in err


def test_unknown_option_exits_2(repo: Path) -> None:
    result = usefirst("validate", "--frobnicate", cwd=repo)
    assert result.returncode == USAGE
    assert result.stdout == ""
    assert "--frobnicate" in result.stderr
    with pytest.raises(SystemExit) as raised:
        main(["validate", "--format", "xml"])
    assert raised.value.code == USAGE


def test_no_repository_found_exits_2(tmp_path: Path) -> None:
    result = usefirst("validate", cwd=tmp_path)
    assert result.returncode == USAGE
    assert result.stdout == ""
    assert "找不到成果库" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_command_prints_help_and_exits_2(repo: Path) -> None:
    result = usefirst(cwd=repo)
    assert result.returncode == USAGE
    assert "validate" in result.stderr


def test_root_option_finds_the_repository_from_elsewhere(
    repo: Path, tmp_path: Path
) -> None:
    result = usefirst("--root", str(repo), "validate", cwd=tmp_path)
    assert result.returncode == OK, result.stdout + result.stderr


def test_today_can_be_set_as_for_a_report(repo: Path) -> None:
    # the contract was signed 2024-12-20: "today" before that makes it future
    assert usefirst("validate", cwd=repo).returncode == OK
    result = usefirst("validate", "--today", "2024-12-01", cwd=repo)
    assert result.returncode == INVALID
    assert "DATE.future" in result.stdout and "2024-12-01" in result.stdout
    wrong = usefirst("validate", "--today", "2024-13-01", cwd=repo)
    assert wrong.returncode == USAGE and "不是日期" in wrong.stderr


def test_json_format_parses_with_exactly_the_documented_keys(
    repo: Path, capsys: pytest.CaptureFixture
) -> None:
    edit(repo, "catalog/lab/unit.yaml", "type: university", "type: company")
    assert main(["validate", "--format", "json"]) == INVALID
    items = json.loads(capsys.readouterr().out)
    assert len(items) == 1
    assert set(items[0]) == {"file", "line", "path", "rule", "severity", "message"}
    assert items[0]["file"] == "catalog/lab/unit.yaml"
    assert (items[0]["line"], items[0]["path"]) == (4, "type")
    assert items[0]["rule"] == "SCHEMA.enum"


def test_json_format_of_a_valid_repository_is_an_empty_list(
    repo: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["validate", "--format", "json"]) == OK
    assert json.loads(capsys.readouterr().out) == []


def test_github_format_annotates_file_and_line(
    repo: Path, capsys: pytest.CaptureFixture
) -> None:
    edit(repo, "catalog/lab/unit.yaml", "type: university", "type: company")
    assert main(["validate", "--format", "github"]) == INVALID
    first = capsys.readouterr().out.splitlines()[0]
    match = ANNOTATION.match(first)
    assert match is not None, first
    assert match.groups()[:4] == ("error", "catalog/lab/unit.yaml", "4", "SCHEMA.enum")


def test_github_format_escapes_line_breaks_in_messages(
    repo: Path, capsys: pytest.CaptureFixture
) -> None:
    edit(repo, "catalog/lab/unit.yaml", "type: university", 'type: "a\\nb%"')
    assert main(["validate", "--format", "github"]) == INVALID
    first = capsys.readouterr().out.splitlines()[0]
    assert ANNOTATION.match(first)
    assert "a\\nb%25" in first


@pytest.mark.parametrize("format_name", ["text", "github", "json"])
def test_record_text_never_starts_a_workflow_command(
    repo: Path, format_name: str
) -> None:
    forged = "x\\n::stop-commands::t ##[add-mask]y"
    edit(repo, "catalog/lab/unit.yaml", "type: university", f'type: "{forged}"')
    result = usefirst("validate", "--format", format_name, cwd=repo)
    assert result.returncode == INVALID
    lines = re.split(r"\r\n|\r|\n", result.stdout)
    commands = [line for line in lines if line.lstrip().startswith("::")]
    assert [line for line in commands if not ANNOTATION.match(line)] == []
    assert len(commands) == (1 if format_name == "github" else 0)
    assert not any("##[" in line for line in lines)
    if format_name == "json":
        (item,) = json.loads(result.stdout)
        assert forged.encode().decode("unicode_escape") in item["message"]
    else:
        assert "x\\n::stop-commands::t ## [add-mask]y" in result.stdout


# ---------------------------------------------------------------------------
# Choosing what to report
# ---------------------------------------------------------------------------


def test_one_file_still_resolves_references_against_the_whole_catalog(
    repo: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["validate", CONTRACT]) == OK
    assert capsys.readouterr().out == "检查通过：没有发现问题。\n"


def test_broken_reference_is_reported_at_the_file_that_makes_it(
    repo: Path, capsys: pytest.CaptureFixture
) -> None:
    edit(repo, CONTRACT, "achievement: lab-2025-001", "achievement: lab-2025-999")
    assert main(["validate", "--format", "json", CONTRACT]) == INVALID
    items = json.loads(capsys.readouterr().out)
    assert any(
        item["rule"].startswith("REF.") and "lab-2025-999" in item["message"]
        for item in items
    )
    assert {item["file"] for item in items} == {CONTRACT}


def test_only_problems_of_the_chosen_files_are_reported(
    repo: Path, capsys: pytest.CaptureFixture
) -> None:
    edit(repo, CONTRACT, "achievement: lab-2025-001", "achievement: lab-2025-999")
    assert main(["validate", "catalog/lab/unit.yaml"]) == OK
    assert main(["validate", "catalog/lab/achievements"]) == OK
    assert main(["validate", "catalog/lab"]) == INVALID
    assert main(["validate", "."]) == INVALID
    assert main(["validate", "catalog/lab/unit.yaml", CONTRACT]) == INVALID
    capsys.readouterr()


def test_paths_are_taken_relative_to_the_working_folder(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    edit(repo, "catalog/lab/unit.yaml", "type: university", "type: company")
    monkeypatch.chdir(repo / "catalog" / "lab")
    assert main(["validate", "unit.yaml"]) == INVALID
    assert main(["validate", "achievements"]) == OK
    capsys.readouterr()


# ---------------------------------------------------------------------------
# Streams
# ---------------------------------------------------------------------------


def test_results_go_to_stdout_and_diagnostics_to_stderr(repo: Path) -> None:
    edit(repo, "catalog/lab/unit.yaml", "type: university", "type: company")
    result = usefirst("-vv", "validate", "--format", "json", cwd=repo)
    assert result.returncode == INVALID
    assert json.loads(result.stdout)[0]["rule"] == "SCHEMA.enum"
    assert "checking catalog/lab/unit.yaml" in result.stderr


def test_quiet_run_of_a_valid_repository_prints_only_the_result(repo: Path) -> None:
    result = usefirst("-q", "validate", cwd=repo)
    assert (result.returncode, result.stderr) == (OK, "")
    assert result.stdout == "检查通过：没有发现问题。\n"


# ---------------------------------------------------------------------------
# A problem in one file neither hides nor invents problems elsewhere
# ---------------------------------------------------------------------------

ACHIEVEMENT_FILE = "catalog/lab/achievements/lab-2025-001.yaml"


def rules_by_file(repo: Path) -> dict[str, list[tuple[int, str]]]:
    """Validate; map each file with problems to its (line, rule) pairs."""
    result = usefirst("validate", "--format", "json", cwd=repo)
    assert "Traceback" not in result.stderr
    found: dict[str, list[tuple[int, str]]] = {}
    for item in json.loads(result.stdout):
        found.setdefault(item["file"], []).append((item["line"], item["rule"]))
    return found


@pytest.mark.parametrize(
    "broken",
    [
        ACHIEVEMENT.encode("gbk"),
        ACHIEVEMENT.replace("title: 高", "\ttitle: 高").encode(),
        ACHIEVEMENT.replace("[new-energy]", "[new-energy").encode(),
    ],
    ids=["gbk", "tab", "unclosed"],
)
def test_a_record_that_cannot_be_read_is_no_missing_reference(
    repo: Path, broken: bytes
) -> None:
    (repo / ACHIEVEMENT_FILE).write_bytes(broken)
    assert list(rules_by_file(repo)) == [ACHIEVEMENT_FILE]


def test_records_behind_a_symlinked_folder_are_no_missing_references(
    repo: Path, tmp_path: Path
) -> None:
    folder = repo / "catalog/lab/achievements"
    shutil.move(folder, tmp_path / "elsewhere")
    folder.symlink_to(tmp_path / "elsewhere")
    found = rules_by_file(repo)
    assert found == {"catalog/lab/achievements": [(1, "LAYOUT.symlink")]}


def test_a_record_with_an_unknown_field_is_still_checked_by_the_rules(
    repo: Path,
) -> None:
    edit(repo, ACHIEVEMENT_FILE, "ZL201710601862.3", "ZL201710601862.4")
    edit(repo, ACHIEVEMENT_FILE, "status: in_stock", "status: in_stock\ntlr: 5")
    edit(repo, CONTRACT, "91440101MA5AB1234M", "91440101MA5AB1234N")
    edit(repo, CONTRACT, "signed_on:", "foo: 1\nsigned_on:")
    assert rules_by_file(repo) == {
        ACHIEVEMENT_FILE: [(13, "ID.patent"), (24, "SCHEMA.additionalProperties")],
        CONTRACT: [(8, "ID.uscc"), (13, "SCHEMA.additionalProperties")],
    }


def test_a_misspelt_required_field_is_checked_under_the_name_it_was_meant_for(
    repo: Path,
) -> None:
    # the hint names "uscc"; the rules read the value as the code it was
    # meant to be and report its check digit at the line where it stands
    edit(repo, CONTRACT, "  uscc: 91440101MA5AB1234M", "  usc: 91440101MA5AB1234N")
    assert rules_by_file(repo) == {
        CONTRACT: [
            (6, "SCHEMA.required"),
            (8, "ID.uscc"),
            (8, "SCHEMA.additionalProperties"),
        ],
    }


def test_a_record_with_a_wrong_value_is_still_searched_for_numbers_and_scans(
    repo: Path,
) -> None:
    # the other rules leave such a record out until the value is fixed; these
    # read only the texts and attachments its facts name
    edit(repo, ACHIEVEMENT_FILE, "free_months: 12", "free_months: 十二")
    edit(repo, ACHIEVEMENT_FILE, "转化实施。", "转化实施，联系 13800138000。")
    edit(repo, CONTRACT, 'signed_on: "2024-12-20"', 'signed_on: "2024-12-32"')
    edit(repo, CONTRACT, "attachments/lab-fu-001.pdf", "attachments/lab-fu-009.pdf")
    assert rules_by_file(repo) == {
        ACHIEVEMENT_FILE: [(15, "PRIVACY.mobile"), (20, "SCHEMA.type")],
        CONTRACT: [(13, "SCHEMA.format"), (15, "ATTACHMENT.missing")],
    }


def test_a_record_in_another_units_folder_is_still_checked_for_unique_ids(
    repo: Path,
) -> None:
    # the same record copied into another unit's folder: its unit is wrong
    # there, and its id and right number are another record's
    other = "catalog/other/achievements/lab-2025-001.yaml"
    (repo / "catalog/other").mkdir()
    (repo / "catalog/other/unit.yaml").write_text(UNIT.replace("lab", "other"), "utf-8")
    (repo / other).parent.mkdir()
    (repo / other).write_text(
        ACHIEVEMENT.replace("number: XYHZ-CG-2025-000001\n", ""), "utf-8"
    )
    found = rules_by_file(repo)[other]
    assert [rule for _, rule in found] == [
        "UNIQUE.id",
        "LAYOUT.unit",
        "UNIQUE.right_number",
    ]


def test_one_field_gets_one_problem_when_its_place_is_wrong(repo: Path) -> None:
    # the id differs from the file name and thereby repeats another record's:
    # one fix, one problem
    copy = "catalog/lab/achievements/lab-2025-002.yaml"
    (repo / copy).write_text(
        ACHIEVEMENT.replace("number: XYHZ-CG-2025-000001\n", ""), "utf-8"
    )
    found = rules_by_file(repo)[copy]
    assert [rule for line, rule in found if line == 2] == ["LAYOUT.id"]


def test_a_record_whose_id_is_not_its_file_name_is_found_by_either(
    repo: Path,
) -> None:
    edit(repo, ACHIEVEMENT_FILE, "id: lab-2025-001", "id: lab-2025-01")
    assert list(rules_by_file(repo)) == [ACHIEVEMENT_FILE]


@pytest.mark.parametrize(
    ("old", "new", "rule"),
    [
        ("clusters: [new-energy]", "c: &c [new-energy]\nclusters: *c", "YAML.alias"),
        ("free_months: 12", "free_months: !!int 12", "YAML.tag"),
    ],
)
def test_a_yaml_problem_is_not_repeated_as_a_schema_problem(
    repo: Path, old: str, new: str, rule: str
) -> None:
    edit(repo, ACHIEVEMENT_FILE, old, new)
    found = rules_by_file(repo)[ACHIEVEMENT_FILE]
    assert rule in {rule for _, rule in found}
    assert not [
        (line, rule)
        for line, rule in found
        if rule.startswith("SCHEMA.") and rule != "SCHEMA.additionalProperties"
    ]


def test_a_wrong_optional_value_brings_no_finding_about_the_field_missing(
    repo: Path,
) -> None:
    edit(repo, ACHIEVEMENT_FILE, 'admitted_on: "2024-12-01"', "admitted_on: 2024-12-1")
    assert {
        file: [rule for _, rule in found] for file, found in rules_by_file(repo).items()
    } == {ACHIEVEMENT_FILE: ["SCHEMA.pattern"]}


def test_an_invalid_value_hides_only_what_depends_on_it(repo: Path) -> None:
    # a required field that is wrong keeps the record out of the rules: the
    # rules would otherwise speak of a record that is not what was written
    edit(repo, CONTRACT, "license_type: exclusive", "license_type: solo")
    edit(repo, CONTRACT, "91440101MA5AB1234M", "91440101MA5AB1234N")
    assert rules_by_file(repo) == {CONTRACT: [(9, "SCHEMA.enum")]}


# ---------------------------------------------------------------------------
# Bad input never produces a traceback
# ---------------------------------------------------------------------------

BROKEN_BYTES = {
    "gbk.yaml": "kind: unit\nname: 华南理工大学\n".encode("gbk"),
    "utf16.yaml": "kind: unit\n".encode("utf-16"),
    "binary.yaml": bytes(range(256)),
    "empty.yaml": b"",
    "list.yaml": b"- a\n- b\n",
    "tab.yaml": b"kind: unit\n\tid: x\n",
    "quote.yaml": b"kind: 'unit\nid: x\n",
    "bomb.yaml": b"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
    "tags.yaml": b"kind: !!python/object/apply:os.system ['true']\n",
    "huge.yaml": b"kind: unit\nsummary: " + b"x" * (600 * 1024) + b"\n",
    "control.yaml": b"kind: unit\nname: a\x07b\n",
    "kind-list.yaml": b"kind: [unit]\nid: x\n",
    "dup.yaml": b"kind: unit\nkind: unit\n",
    "deep.yaml": b"kind: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "deeper.yaml": b"kind: " + b"{a: " * 100_000 + b"}" * 100_000 + b"\n",
}


@pytest.mark.parametrize("name", sorted(BROKEN_BYTES))
def test_broken_file_is_reported_not_raised(repo: Path, name: str) -> None:
    path = repo / "catalog" / "lab" / "achievements" / name
    path.write_bytes(BROKEN_BYTES[name])
    result = usefirst("validate", "--format", "json", cwd=repo)
    assert "Traceback" not in result.stderr
    assert result.returncode == INVALID, result.stderr
    items = json.loads(result.stdout)
    assert any(item["file"] == f"catalog/lab/achievements/{name}" for item in items)


def test_special_files_are_reported_not_raised(repo: Path) -> None:
    folder = repo / "catalog" / "lab" / "achievements"
    (folder / "folder.yaml").mkdir()
    (folder / "link.yaml").symlink_to(folder / "lab-2025-001.yaml")
    (folder / "dangling.yaml").symlink_to(folder / "missing.yaml")
    os.mkfifo(folder / "pipe.yaml")
    result = usefirst("validate", "--format", "json", cwd=repo)
    assert "Traceback" not in result.stderr
    assert result.returncode == INVALID
    rules = {
        item["file"].rsplit("/", 1)[1]: item["rule"]
        for item in json.loads(result.stdout)
    }
    assert rules == {
        "folder.yaml": "LAYOUT.directory",
        "link.yaml": "YAML.symlink",
        "dangling.yaml": "YAML.symlink",
        "pipe.yaml": "FILE.not_regular",
    }


@pytest.fixture
def shared_repo() -> Iterator[Path]:
    """A repository any user may read, outside the private test folders."""
    folder = Path(tempfile.mkdtemp(prefix="usefirst-cli-"))
    folder.chmod(0o755)
    try:
        yield write_repository(folder / "repo")
    finally:
        shutil.rmtree(folder)


def test_unreadable_file_is_reported_not_raised(shared_repo: Path) -> None:
    secret = shared_repo / "catalog" / "lab" / "achievements" / "secret.yaml"
    secret.write_text("kind: achievement\n", encoding="utf-8")
    secret.chmod(0)
    command = [str(USEFIRST), "validate", "--no-cache", "--format", "json"]
    if os.geteuid() == 0:
        # root reads every file; check as an ordinary user instead
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        command += [str(USEFIRST), "validate", "--no-cache", "--format", "json"]
    result = subprocess.run(
        command, cwd=shared_repo, capture_output=True, text=True, check=False
    )
    assert "Traceback" not in result.stderr
    assert result.returncode == INVALID, result.stderr
    (item,) = json.loads(result.stdout)
    assert item["file"] == "catalog/lab/achievements/secret.yaml"
    assert item["rule"] == "FILE.unreadable"
    assert "权限" in item["message"]


def test_broken_settings_file_is_reported_not_raised(repo: Path) -> None:
    (repo / "catalog" / "settings.yaml").write_text("reviewers: [a\n", "utf-8")
    result = usefirst("validate", "--format", "json", cwd=repo)
    assert "Traceback" not in result.stderr
    assert result.returncode == INVALID
    (item,) = json.loads(result.stdout)
    assert (item["file"], item["rule"]) == ("catalog/settings.yaml", "YAML.syntax")


def test_relative_path_outside_the_repository_exits_2(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "elsewhere.yaml").write_text("kind: unit\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["--root", str(repo), "validate", "elsewhere.yaml"]) == USAGE


# ---------------------------------------------------------------------------
# Broken schemas are a usage error, named, without a traceback
# ---------------------------------------------------------------------------


def test_a_schema_file_that_is_not_json_exits_2_naming_it(repo: Path) -> None:
    (repo / "schemas" / "achievement.schema.json").write_text("{", "utf-8")
    result = usefirst("validate", cwd=repo)
    assert result.returncode == USAGE
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert "记录格式文件 schemas/achievement.schema.json 有误" in result.stderr
    assert "第 1 行第 2 列不是有效的 JSON" in result.stderr


CACHE_USE = pytest.mark.parametrize(
    "cache", [[], ["--no-cache"]], ids=["cached", "uncached"]
)


@CACHE_USE
def test_a_missing_shared_schema_exits_2_naming_it(
    repo: Path, cache: list[str]
) -> None:
    assert usefirst("validate", cwd=repo).returncode == OK  # a cache to reuse
    (repo / "schemas" / "common.schema.json").unlink()
    result = usefirst("validate", *cache, cwd=repo)
    assert result.returncode == USAGE
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert "记录格式文件 schemas/common.schema.json 有误：文件不存在" in result.stderr


@CACHE_USE
@pytest.mark.parametrize(
    ("replace", "reason"),
    [
        (lambda path: path.symlink_to("nowhere.schema.json"), "文件无法读取"),
        (Path.mkdir, "是文件夹而不是文件"),
    ],
    ids=["broken-link", "folder"],
)
def test_a_shared_schema_that_cannot_be_read_exits_2_naming_it(
    repo: Path, cache: list[str], replace: Callable[[Path], None], reason: str
) -> None:
    assert usefirst("validate", cwd=repo).returncode == OK  # a cache to reuse
    path = repo / "schemas" / "common.schema.json"
    path.unlink()
    replace(path)
    result = usefirst("validate", *cache, cwd=repo)
    assert result.returncode == USAGE
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert f"记录格式文件 schemas/common.schema.json 有误：{reason}" in result.stderr


# ---------------------------------------------------------------------------
# What a check costs
# ---------------------------------------------------------------------------


def test_validate_imports_only_its_own_command(repo: Path) -> None:
    program = (
        "import json, sys\n"
        "from usefirst.cli import main\n"
        f"main(['--root', {str(repo)!r}, 'validate'])\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    verdict, modules = result.stdout.splitlines()
    assert verdict == "检查通过：没有发现问题。"
    loaded = set(json.loads(modules))
    commands = {name for name in loaded if name.startswith("usefirst.commands.")}
    assert commands == {"usefirst.commands.validate"}
    heavy = {"usefirst.sheets", "usefirst.site", "openpyxl", "jieba", "mkdocs"}
    assert heavy & loaded == set()


def test_very_verbose_logs_the_time_of_every_rule(repo: Path) -> None:
    from usefirst.rules import REGISTRY

    result = usefirst("-vv", "validate", "--no-cache", cwd=repo)
    assert result.returncode == OK, result.stderr
    timed = re.findall(
        r"^DEBUG usefirst\.rules\.base: rule (\S+): [\d.]+ s \(CPU [\d.]+ s\), "
        r"\d+ problems$",
        result.stderr,
        flags=re.MULTILINE,
    )
    assert sorted(timed) == sorted(REGISTRY)
