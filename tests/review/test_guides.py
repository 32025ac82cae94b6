"""The role guides: one per role, and their pasted output matches the rule codes."""

from __future__ import annotations

import re

from review_repo import PROJECT

from usefirst.review import RULES

GUIDES = PROJECT / "site/guides"


def test_each_role_has_a_guide() -> None:
    names = sorted(path.name for path in GUIDES.glob("*.md"))
    assert names == ["city.md", "inventor.md", "reviewer.md", "unit.md"]


def test_each_guide_shows_what_a_failed_check_looks_like() -> None:
    for path in GUIDES.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert "# 退出码：1" in text, path.name


def test_the_reviewer_guide_lists_every_review_rule() -> None:
    text = (GUIDES / "reviewer.md").read_text(encoding="utf-8")
    assert [code for code in RULES if f"`{code}`" not in text] == []


def test_pasted_output_names_only_rules_that_exist() -> None:
    for path in GUIDES.glob("*.md"):
        codes = set(re.findall(r"REVIEW\.[a-z_]+", path.read_text(encoding="utf-8")))
        assert codes <= set(RULES), path.name
