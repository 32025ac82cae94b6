"""``usefirst intake``: a filled issue form becomes a record, its text only data."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from review_repo import PROJECT, GitRepo

from usefirst.intake import FORMS, intake
from usefirst.loader import parse_text
from usefirst.schemas import SchemaSet
from usefirst.sheets.recordfile import render_record, schema_line

SCHEMAS = SchemaSet.load(PROJECT / "schemas")
MAY_DAY = datetime.date(2026, 5, 1)
FORM_FILES = {
    "achievement": PROJECT / ".github/ISSUE_TEMPLATE/achievement.yml",
    "technology_need": PROJECT / ".github/ISSUE_TEMPLATE/technology_need.yml",
}

ACHIEVEMENT_FORM = {
    "成果名称": "高安全固态锂电池电解质制备技术",
    "成果单位标识": "scut",
    "填报人姓名": "陈建华",
    "全部成果完成人": "陈建华，教授，材料科学与工程学院\n赵敏，副教授",
    "知识产权": "专利权，ZL201710601862.3，一种固态电解质的制备方法\n技术秘密",
    "成果简介": "本成果提供一种高离子电导率、高安全性的固态电解质制备方法。\n\n"
    "适用于动力电池和储能电池。",
    "应用领域": "动力电池、储能电站",
    "关键词": "固态电池, 电解质",
    "产业集群": "新能源, 先进材料",
    "所在地市": "广州市",
    "技术成熟度": "5 级",
    "可选许可方式": "普通许可, 排他许可",
    "免费使用期（月）": "12",
    "免费期满后的安排": "_No response_",
    "是否由省级财政科技资金支持形成": "否",
    "对接联系人或部门": "技术转移中心",
    "办公电话": "020-87110000",
    "电子邮箱": "ttc@example.edu.cn",
    "确认": "- [X] 本成果不含保密专利\n- [X] 没有个人信息",
}
NEED_FORM = {
    "需求名称": "动力电池热失控预警技术",
    "企业名称": "惠州市鹏程新能源科技有限公司",
    "企业标识": "hz-pengcheng",
    "需求描述": "需要在电池包内提前 10 分钟预警热失控，误报率低于千分之一。",
    "关键词": "热失控、预警",
    "产业集群": "新能源",
    "所在地市": "惠州市",
    "预算范围": "50–100 万元",
    "期望合作方式": "先使用后付费, 技术开发",
    "截止日期": "2026-12-31",
    "对接联系人或部门": "技术部",
    "办公电话": "0752-2601235",
    "电子邮箱": "_No response_",
}


def body(fields: dict[str, str]) -> str:
    """A form body the way GitHub renders an issue form."""
    return "\n\n".join(f"### {label}\n\n{value}" for label, value in fields.items())


def record(text: str) -> dict:
    document, problems = parse_text(text, "record.yaml")
    assert document is not None and problems == []
    return document.data


def test_an_achievement_form_becomes_a_valid_record() -> None:
    text, path, problems = intake(
        body(ACHIEVEMENT_FORM), "achievement", SCHEMAS, date=MAY_DAY
    )
    assert problems == []
    data = record(text)
    assert path == f"catalog/scut/achievements/{data['id']}.yaml"
    assert data["id"].startswith("scut-20260501-")
    assert data["channel"] == "inventor"
    assert data["inventors"] == [
        {"name": "陈建华", "title": "教授", "department": "材料科学与工程学院"},
        {"name": "赵敏", "title": "副教授"},
    ]
    assert data["rights"] == [
        {
            "type": "patent",
            "number": "ZL201710601862.3",
            "title": "一种固态电解质的制备方法",
        },
        {"type": "technical_secret"},
    ]
    assert data["clusters"] == ["new-energy", "advanced-materials"]
    assert data["city"] == "440100"
    assert data["offer"] == {
        "license_types": ["non_exclusive", "sole"],
        "free_months": 12,
    }
    assert data["funding"] == {"provincial_fiscal": False}
    assert data["summary"].count("\n") == 2
    assert "number" not in data and "admitted_on" not in data
    document, _ = parse_text(text, path)
    assert SCHEMAS.validate(document, "achievement") == []


def test_a_rights_line_keeps_every_part_where_it_belongs() -> None:
    form = dict(ACHIEVEMENT_FORM)
    form["知识产权"] = (
        "技术秘密，木质素改性工艺参数\n专利权，ZL201710601862.3，一种方法，及其应用"
    )
    text, _, _ = intake(body(form), "achievement", SCHEMAS, date=MAY_DAY)
    assert record(text)["rights"] == [
        {"type": "technical_secret", "title": "木质素改性工艺参数"},
        {
            "type": "patent",
            "number": "ZL201710601862.3",
            "title": "一种方法，及其应用",
        },
    ]


def test_a_technology_need_form_becomes_a_valid_record() -> None:
    text, path, problems = intake(
        body(NEED_FORM), "technology_need", SCHEMAS, date=MAY_DAY
    )
    assert problems == []
    data = record(text)
    assert path.startswith("catalog/hz-pengcheng/technology_needs/hz-pengcheng-")
    assert data["cooperation_modes"] == ["first_use", "development"]
    assert data["posted_on"] == "2026-05-01"
    assert data["status"] == "open"
    assert "email" not in data["contact"]
    document, _ = parse_text(text, path)
    assert SCHEMAS.validate(document, "technology_need") == []


HOSTILE = {
    "成果名称": "$(touch {canary}) `touch {canary}` <script>alert(1)</script>",
    "成果简介": "x\nnumber: XYHZ-CG-2026-000001\nadmitted_on: 2026-01-01\n"
    "### 成果编号\n\nXYHZ-CG-2026-000001\n"
    "\"quoted\" 'single' {{flow: map}} [list] &anchor *alias !!python/object:os.system",
    "关键词": "a: b, - c, ? d, | e, > f, % g, @ h",
    "对接联系人或部门": "\x1b[31m红\x1b[0m\u2028下一行",
    "办公电话": "020-87110000\n::error::forged",
}


def test_hostile_text_is_inert_quoted_data(tmp_path: Path) -> None:
    canary = tmp_path / "pwned"
    fields = {**ACHIEVEMENT_FORM}
    for label, value in HOSTILE.items():
        fields[label] = value.format(canary=canary)
    fields["免费期满后的安排"] = "很长" * 50_000
    text, path, problems = intake(body(fields), "achievement", SCHEMAS, date=MAY_DAY)
    assert not canary.exists()
    data = record(text)
    assert set(data) <= {
        "kind",
        "id",
        "unit",
        *SCHEMAS.documents["achievement"]["properties"],
    }
    assert "number" not in data and "admitted_on" not in data
    assert data["title"] == HOSTILE["成果名称"].format(canary=canary)
    assert data["summary"].startswith("x\nnumber: XYHZ-CG-2026-000001\n")
    assert "!!python/object:os.system" in data["summary"]
    assert data["keywords"] == ["a: b", "- c", "? d", "| e", "> f", "% g", "@ h"]
    assert data["contact"]["phone"] == "020-87110000 ::error::forged"
    assert data["contact"]["name"] == "[31m红[0m下一行"  # invisible ones dropped
    assert "INTAKE.control_character" in {p.rule for p in problems}
    assert len(data["offer"]["after_free_period"]) == 100_000
    assert "\n::error" not in text


def test_the_record_is_never_a_yaml_object_with_tags() -> None:
    fields = {**ACHIEVEMENT_FORM, "成果名称": "!!python/object/apply:os.system ['id']"}
    text, _, _ = intake(body(fields), "achievement", SCHEMAS, date=MAY_DAY)
    assert yaml.safe_load(text)["title"] == fields["成果名称"]


def test_a_repeated_label_is_refused() -> None:
    fields = {**ACHIEVEMENT_FORM, "成果简介": "简介\n\n### 所在地市\n\n深圳市"}
    text, path, problems = intake(body(fields), "achievement", SCHEMAS, date=MAY_DAY)
    assert text is None
    assert [p.rule for p in problems] == ["INTAKE.repeated_label"]


def test_a_label_the_form_does_not_offer_stays_text() -> None:
    fields = {
        **ACHIEVEMENT_FORM,
        "成果简介": "简介\n\n### 成果编号\n\nXYHZ-CG-2026-000001",
    }
    text, _, problems = intake(body(fields), "achievement", SCHEMAS, date=MAY_DAY)
    data = record(text)
    assert "number" not in data
    assert data["summary"] == "简介\n\n### 成果编号\n\nXYHZ-CG-2026-000001"


def test_a_unit_that_is_no_folder_name_needs_the_unit_option() -> None:
    fields = {**ACHIEVEMENT_FORM, "成果单位标识": "华南理工大学"}
    text, _, problems = intake(body(fields), "achievement", SCHEMAS, date=MAY_DAY)
    assert text is None and [p.rule for p in problems] == ["INTAKE.unit"]
    text, path, _ = intake(
        body(fields), "achievement", SCHEMAS, unit="scut", date=MAY_DAY
    )
    assert path.startswith("catalog/scut/achievements/")


def test_a_body_of_another_form_is_refused() -> None:
    text, _, problems = intake(body(NEED_FORM), "achievement", SCHEMAS, date=MAY_DAY)
    assert text is None
    assert "INTAKE.not_a_form" in [p.rule for p in problems]


def test_missing_sections_are_warned_about() -> None:
    fields = {k: v for k, v in ACHIEVEMENT_FORM.items() if k != "关键词"}
    text, _, problems = intake(body(fields), "achievement", SCHEMAS, date=MAY_DAY)
    assert text is not None
    assert [(p.rule, p.severity.value) for p in problems] == [
        ("INTAKE.missing", "warning")
    ]


BAD_FORM = {
    **ACHIEVEMENT_FORM,
    "所在地市": "北京市",
    "技术成熟度": "十级",
    "成果简介": "本成果提供一种固态电解质制备方法，详询陈老师 13800138000。",
}


def test_what_the_schema_and_privacy_checks_find_is_warned_about() -> None:
    text, path, problems = intake(body(BAD_FORM), "achievement", SCHEMAS, date=MAY_DAY)
    assert text is not None
    document, _ = parse_text(text, "record.yaml")
    assert document is not None
    found = {(p.rule, p.path, p.severity.value) for p in problems}
    assert found == {
        ("SCHEMA.enum", ("city",), "warning"),
        ("SCHEMA.type", ("trl",), "warning"),
        ("PRIVACY.mobile", ("summary",), "warning"),
    }
    for problem in problems:
        assert problem.file == path
        assert problem.line == document.line_of(problem.path)
    mobile = next(p for p in problems if p.rule == "PRIVACY.mobile")
    assert "13800138000" not in mobile.message and "138****8000" in mobile.message


def test_the_command_writes_a_bad_form_and_reports_it(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    form = repo.root.parent / "issue.md"
    form.write_text(body(BAD_FORM), encoding="utf-8")
    output = repo.root.parent / "record.yaml"
    args = ("intake", str(form), "--kind", "achievement", "-o", str(output))
    assert repo.run(*args, "--date", "2026-05-01")[0] == 0
    err = capsys.readouterr().err
    assert "SCHEMA.enum" in err and "北京市" in err
    assert "SCHEMA.type" in err and "PRIVACY.mobile" in err
    assert record(output.read_text(encoding="utf-8"))["city"] == "北京市"


def test_the_command_writes_a_file_and_never_overwrites(repo: GitRepo) -> None:
    form = repo.root.parent / "issue.md"
    form.write_text(body(ACHIEVEMENT_FORM), encoding="utf-8")
    output = repo.root.parent / "record.yaml"
    args = ("intake", str(form), "--kind", "achievement", "-o", str(output))
    assert repo.run(*args, "--date", "2026-05-01")[0] == 0
    assert record(output.read_text(encoding="utf-8"))["unit"] == "scut"
    assert repo.run(*args)[0] == 2


def test_the_command_reads_standard_input() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "usefirst",
            "--root",
            str(PROJECT),
            "intake",
            "-",
            "--kind",
            "technology_need",
            "--date",
            "2026-05-01",
        ],
        input=body(NEED_FORM).encode(),
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert record(result.stdout.decode())["title"] == "动力电池热失控预警技术"


@pytest.mark.parametrize("kind", sorted(FORMS))
def test_the_issue_form_and_intake_agree(kind: str) -> None:
    form = yaml.safe_load(FORM_FILES[kind].read_text(encoding="utf-8"))
    elements = {e["id"]: e["attributes"] for e in form["body"] if "id" in e}
    assert {i: a["label"] for i, a in elements.items()} == FORMS[kind]


@pytest.mark.parametrize("kind", sorted(FORMS))
def test_the_issue_forms_offer_the_schema_vocabularies(kind: str) -> None:
    form = yaml.safe_load(FORM_FILES[kind].read_text(encoding="utf-8"))
    options = {
        e["id"]: e["attributes"].get("options")
        for e in form["body"]
        if e.get("type") == "dropdown"
    }
    assert options["city"] == list(SCHEMAS.vocabulary("city").values())
    assert options["clusters"] == list(SCHEMAS.vocabulary("cluster").values())


def test_a_body_without_any_form_heading_is_not_a_form() -> None:
    text, path, problems = intake("hello\n", "technology_need", SCHEMAS, date=MAY_DAY)
    assert (text, path) == (None, None)
    assert [p.rule for p in problems] == ["INTAKE.not_a_form", "INTAKE.unit"]


def test_the_command_refuses_a_body_without_headings_without_a_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "usefirst", "--root", str(PROJECT), "intake"]
        + ["--kind", "technology_need", "-"],
        input=b"hello\n",
        capture_output=True,
        check=False,
    )
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert "INTAKE.not_a_form" in stderr and "Traceback" not in stderr


def test_the_record_is_written_as_the_catalog_writes_records() -> None:
    text, path, _ = intake(body(NEED_FORM), "technology_need", SCHEMAS, date=MAY_DAY)
    data = record(text)
    written = render_record(SCHEMAS, "technology_need", data)
    assert text.splitlines()[0] == schema_line("technology_need")
    body_lines = [line for line in text.splitlines() if not line.startswith("#")]
    assert body_lines == written.splitlines()[1:]


def test_an_unregistered_enterprise_is_named_with_how_to_register_it() -> None:
    fields = {**NEED_FORM, "企业标识": "_No response_"}
    text, _, problems = intake(body(fields), "technology_need", SCHEMAS, date=MAY_DAY)
    assert text is None
    assert [p.rule for p in problems] == ["INTAKE.unit"]
    message = problems[0].message
    assert "惠州市鹏程新能源科技有限公司" in message
    assert "usefirst new unit --unit" in message and "--unit" in message


def test_an_enterprise_without_its_unit_folder_is_a_warning_naming_it() -> None:
    text, _, problems = intake(
        body(NEED_FORM),
        "technology_need",
        SCHEMAS,
        date=MAY_DAY,
        registered=lambda unit: None,
    )
    assert text is not None
    assert [(p.rule, p.severity.value) for p in problems] == [
        ("INTAKE.unit_unknown", "warning")
    ]
    assert "惠州市鹏程新能源科技有限公司" in problems[0].message
    assert "usefirst new unit --unit hz-pengcheng" in problems[0].message


def test_an_enterprise_name_that_differs_from_its_unit_is_a_warning() -> None:
    text, _, problems = intake(
        body(NEED_FORM),
        "technology_need",
        SCHEMAS,
        date=MAY_DAY,
        registered={"hz-pengcheng": "鹏程科技有限公司"}.get,
    )
    assert text is not None
    assert [(p.rule, p.severity.value) for p in problems] == [
        ("INTAKE.enterprise_name", "warning")
    ]
    assert "鹏程科技有限公司" in problems[0].message
    assert "惠州市鹏程新能源科技有限公司" in problems[0].message


def test_the_command_names_an_enterprise_that_is_not_registered(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    form = repo.root.parent / "issue.md"
    form.write_text(body(NEED_FORM), encoding="utf-8")
    args = ("intake", str(form), "--kind", "technology_need", "--date", "2026-05-01")
    assert repo.run(*args)[0] == 0
    err = capsys.readouterr().err
    assert "INTAKE.unit_unknown" in err and "惠州市鹏程新能源科技有限公司" in err


def test_an_unwritable_output_is_a_usage_error_in_chinese(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    form = repo.root.parent / "issue.md"
    form.write_text(body(ACHIEVEMENT_FORM), encoding="utf-8")
    output = repo.root.parent / "no-such-folder" / "record.yaml"
    args = ("intake", str(form), "--kind", "achievement", "-o", str(output))
    assert repo.run(*args)[0] == 2
    err = capsys.readouterr().err
    assert f"无法写入 {output}：文件夹不存在" in err
    assert "Errno" not in err


def test_an_unreadable_form_is_a_usage_error_in_chinese(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = repo.root.parent / "missing.md"
    assert repo.run("intake", str(missing), "--kind", "achievement")[0] == 2
    err = capsys.readouterr().err
    assert f"无法读取表单 {missing}：文件不存在" in err
    assert "Errno" not in err


def test_a_form_that_is_no_utf8_is_a_usage_error_in_chinese(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    form = repo.root.parent / "form.md"
    form.write_bytes(body(ACHIEVEMENT_FORM).encode("gbk"))
    assert repo.run("intake", str(form), "--kind", "achievement")[0] == 2
    assert "不是 UTF-8 编码的文本" in capsys.readouterr().err


@pytest.mark.parametrize("date", ["2026-13-01", "20260501", "tomorrow"])
def test_a_bad_date_is_a_usage_error_in_chinese(
    repo: GitRepo, capsys: pytest.CaptureFixture[str], date: str
) -> None:
    form = repo.root.parent / "issue.md"
    form.write_text(body(ACHIEVEMENT_FORM), encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        repo.run("intake", str(form), "--kind", "achievement", "--date", date)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert f"“{date}”不是日期" in err and "isoformat" not in err
