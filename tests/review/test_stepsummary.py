"""Step summaries stay within GitHub's 1 MiB and say when they were cut."""

from __future__ import annotations

from pathlib import Path

import pytest

from usefirst.exitcodes import USAGE
from usefirst.review.stepsummary import LIMIT, append_summary, main, summary_markdown

REPORT = (
    "::error file=a.yaml,line=3,title=REVIEW.deleted::已审核通过的记录不能删除\n"
    "a.yaml:3: REVIEW.deleted 已审核通过的记录不能删除\n"
    "发现 1 个错误、0 个警告，涉及 1 个文件。\n"
)


def test_the_summary_shows_the_verdict_and_the_text_report() -> None:
    markdown = summary_markdown("合并请求审核", REPORT)
    assert markdown.startswith("### 合并请求审核\n\n发现 1 个错误")
    assert "```text\na.yaml:3: REVIEW.deleted" in markdown
    assert "::error" not in markdown


def test_a_long_report_is_cut_at_a_line_with_a_note() -> None:
    lines = [
        f"catalog/x/{n}.yaml:1: REVIEW.permission 提交人不是维护人"
        for n in range(60_000)
    ]
    markdown = summary_markdown("审核", "\n".join([*lines, "发现 60000 个错误。"]))
    assert len(markdown.encode()) <= LIMIT
    assert "报告共 60000 行" in markdown and "完整报告见本步骤的运行日志" in markdown
    body = markdown.split("```text\n", 1)[1].split("\n```", 1)[0]
    assert body.splitlines() == lines[: len(body.splitlines())]


def test_backticks_in_messages_cannot_close_the_block() -> None:
    markdown = summary_markdown("审核", "a: ``` 注入\n结论\n")
    assert markdown.count("````text") == 1


def test_appending_counts_what_the_step_already_wrote(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("x" * (LIMIT - 20_000))
    append_summary(summary, "审核", "\n".join(["a" * 100] * 1000) + "\n结论\n")
    assert summary.stat().st_size <= LIMIT


def test_the_module_appends_to_the_step_summary(tmp_path: Path, monkeypatch) -> None:
    report = tmp_path / "review.log"
    report.write_text(REPORT, encoding="utf-8")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["--title", "审核", str(report)]) == 0
    assert main(["--title", "再审", str(report)]) == 0
    assert summary.read_text(encoding="utf-8").count("### ") == 2


def test_without_a_place_to_write_it_is_a_usage_error(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    report = tmp_path / "review.log"
    report.write_text(REPORT, encoding="utf-8")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    assert main(["--title", "审核", str(report)]) == USAGE
    assert "GITHUB_STEP_SUMMARY" in capsys.readouterr().err


def test_a_missing_report_is_a_usage_error_in_chinese(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "missing.log"
    summary = tmp_path / "summary.md"
    assert main(["--title", "审核", "--output", str(summary), str(missing)]) == USAGE
    err = capsys.readouterr().err
    assert f"无法读取检查报告 {missing}" in err and "Errno" not in err


def test_the_help_is_chinese(capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：")
    for english in ("usage:", "options:", "positional arguments", "show this help"):
        assert english not in out
    assert "显示本帮助并退出" in out and "检查摘要" in out
