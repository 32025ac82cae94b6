"""``usefirst review``: what a pull request may change, checked in real git repos."""

from __future__ import annotations

import io
import json
import logging
import shutil
import zipfile

import pytest
from review_repo import (
    PDF,
    PNG,
    PROJECT,
    GitRepo,
    achievement,
    first_use_contract,
    rules,
    sha256,
    unit,
)

from usefirst.cli import main
from usefirst.review.gitdiff import Git, GitError

NEW_ACHIEVEMENT = "catalog/scut/achievements/scut-2026-002.yaml"
NEW_CONTRACT = "catalog/scut/first_use_contracts/scut-fu-002.yaml"
APPROVED_ACHIEVEMENT = "catalog/scut/achievements/scut-2025-001.yaml"
APPROVED_CONTRACT = "catalog/scut/first_use_contracts/scut-fu-001.yaml"
SCAN = "catalog/scut/attachments/scut-fu-001-scan.pdf"
INVENTOR = "chen-jh"  # an inventor of scut, no maintainer


def add_contract(repo: GitRepo, scan: str, content: bytes | None) -> None:
    """Add a first-use contract whose scan is ``scan`` (written if content given)."""
    if content is not None:
        repo.write(f"catalog/scut/{scan}", content)
    digest = sha256(content or b"")
    repo.write(
        NEW_CONTRACT, first_use_contract("scut-fu-002", "scut-2025-001", scan, digest)
    )


# --- who may change what -------------------------------------------------------


def test_a_maintainer_adding_a_batch_achievement_passes(repo: GitRepo) -> None:
    repo.write(
        NEW_ACHIEVEMENT, achievement("scut-2026-002", "scut", channel="unit_batch")
    )
    repo.commit()
    assert repo.review("--author", "scut-ttc") == (0, [])


def test_logins_compare_without_case(repo: GitRepo) -> None:
    repo.write(
        NEW_ACHIEVEMENT, achievement("scut-2026-002", "scut", channel="unit_batch")
    )
    repo.commit()
    assert repo.review("--author", "@SCUT-TTC") == (0, [])


def test_touching_another_units_folder_fails(repo: GitRepo) -> None:
    repo.write(
        NEW_ACHIEVEMENT, achievement("scut-2026-002", "scut", channel="unit_batch")
    )
    repo.commit()
    code, problems = repo.review("--author", "sysu-ttc")
    assert code == 1
    assert rules(problems) == ["REVIEW.permission"]
    assert problems[0]["file"] == NEW_ACHIEVEMENT
    assert "@sysu-ttc 不是单位 scut 的维护人" in problems[0]["message"]
    assert "@scut-ttc、@scut-kjy" in problems[0]["message"]


def test_one_problem_per_folder_however_many_files(repo: GitRepo) -> None:
    for number in range(2, 7):
        record_id = f"scut-2026-00{number}"
        repo.write(
            f"catalog/scut/achievements/{record_id}.yaml",
            achievement(record_id, "scut", channel="unit_batch"),
        )
    repo.commit()
    code, problems = repo.review("--author", "sysu-ttc")
    assert rules(problems) == ["REVIEW.permission"]
    assert "5 个" in problems[0]["message"]


def test_granting_yourself_rights_cannot_be_used_in_the_same_pull_request(
    repo: GitRepo,
) -> None:
    repo.write(
        "catalog/scut/unit.yaml",
        unit("scut", "华南理工大学", ["scut-ttc", "scut-kjy", "mallory"]),
    )
    repo.write(
        NEW_ACHIEVEMENT, achievement("scut-2026-002", "scut", channel="unit_batch")
    )
    repo.commit()
    code, problems = repo.review("--author", "mallory")
    assert code == 1
    assert sorted(rules(problems)) == ["REVIEW.permission", "REVIEW.self_grant"]
    grant = next(p for p in problems if p["rule"] == "REVIEW.self_grant")
    assert grant["file"] == "catalog/scut/unit.yaml"
    assert grant["line"] == 12  # the line of "- mallory"
    assert "不能在同一个合并请求中使用" in grant["message"]
    assert "由该单位现有的维护人或省级审核人提交" in grant["message"]
    permission = next(p for p in problems if p["rule"] == "REVIEW.permission")
    assert permission["file"] == NEW_ACHIEVEMENT
    assert "改动了 1 个" in permission["message"]


def test_adding_yourself_as_a_maintainer_is_that_one_problem(repo: GitRepo) -> None:
    repo.write(
        "catalog/scut/unit.yaml",
        unit("scut", "华南理工大学", ["scut-ttc", "scut-kjy", "mallory"]),
    )
    repo.commit()
    code, problems = repo.review("--author", "mallory")
    assert code == 1
    assert rules(problems) == ["REVIEW.self_grant"]
    assert (problems[0]["file"], problems[0]["line"]) == ("catalog/scut/unit.yaml", 12)
    assert problems[0]["path"] == "maintainers[2]"


def test_a_maintainer_may_add_a_colleague(repo: GitRepo) -> None:
    repo.write(
        "catalog/scut/unit.yaml",
        unit("scut", "华南理工大学", ["scut-ttc", "scut-kjy", "scut-new"]),
    )
    repo.commit()
    assert repo.review("--author", "scut-ttc") == (0, [])


def test_only_reviewers_change_files_outside_unit_folders(repo: GitRepo) -> None:
    repo.write("catalog/settings.yaml", "reviewers:\n  - scut-ttc\n")
    repo.write("schemas/extra.schema.json", "{}")
    repo.commit()
    code, problems = repo.review("--author", "scut-ttc")
    assert code == 1
    assert rules(problems) == ["REVIEW.outside_unit"]
    assert "catalog/settings.yaml" in problems[0]["message"]


def test_reviewers_are_read_from_the_base_side(repo: GitRepo) -> None:
    repo.write("catalog/settings.yaml", "reviewers:\n  - gd-review\n  - mallory\n")
    repo.write(
        NEW_ACHIEVEMENT, achievement("scut-2026-002", "scut", channel="unit_batch")
    )
    repo.commit()
    code, problems = repo.review("--author", "mallory")
    assert code == 1
    assert sorted(rules(problems)) == ["REVIEW.outside_unit", "REVIEW.permission"]


# --- the ledger of issued numbers -------------------------------------------------


@pytest.mark.parametrize(
    "change",
    ["emptied", "deleted", "entry removed", "entry moved to another record"],
)
def test_the_ledger_only_grows_even_for_reviewers(repo: GitRepo, change: str) -> None:
    ledger = "catalog/numbers.yaml"
    text = repo.read(ledger)
    if change == "emptied":
        repo.write(ledger, "issued: {}\n")
    elif change == "deleted":
        repo.remove(ledger)
    elif change == "entry removed":
        repo.write(ledger, text.replace('  XYHZ-HT-2025-000001: "scut-fu-001"\n', ""))
    else:
        repo.write(ledger, text.replace('"scut-fu-001"', '"scut-fu-009"'))
    repo.commit()
    code, problems = repo.review("--author", "gd-review")
    assert code == 1
    assert rules(problems) == ["REVIEW.ledger"]
    assert problems[0]["file"] == ledger
    assert "XYHZ-HT-2025-000001" in problems[0]["message"]
    assert "只增不减" in problems[0]["message"]


def test_a_reviewer_may_add_to_the_ledger(repo: GitRepo) -> None:
    ledger = "catalog/numbers.yaml"
    repo.write(ledger, repo.read(ledger) + '  XYHZ-CG-2025-000002: "scut-2025-002"\n')
    repo.commit()
    assert repo.review("--author", "gd-review") == (0, [])


def test_a_reviewer_may_touch_everything(repo: GitRepo) -> None:
    repo.write("catalog/settings.yaml", "reviewers:\n  - gd-review\n  - gd-two\n")
    repo.write("catalog/newunit/unit.yaml", unit("newunit", "新单位", ["newunit-ttc"]))
    repo.commit()
    assert repo.review("--author", "gd-review") == (0, [])


def test_a_new_unit_is_registered_by_a_reviewer(repo: GitRepo) -> None:
    repo.write("catalog/newunit/unit.yaml", unit("newunit", "新单位", ["sysu-ttc"]))
    repo.commit()
    code, problems = repo.review("--author", "scut-ttc")
    assert code == 1
    assert rules(problems) == ["REVIEW.unit_unknown"]


def test_registering_a_new_unit_for_yourself_is_a_self_grant(repo: GitRepo) -> None:
    repo.write("catalog/newunit/unit.yaml", unit("newunit", "新单位", ["scut-ttc"]))
    repo.commit()
    code, problems = repo.review("--author", "scut-ttc")
    assert code == 1
    assert rules(problems) == ["REVIEW.self_grant"]
    assert "新单位须由省级审核人登记" in problems[0]["message"]


def test_without_an_author_permissions_are_not_checked_but_said_so(
    repo: GitRepo,
) -> None:
    repo.remove(APPROVED_CONTRACT)
    repo.commit()
    code, problems = repo.review()
    assert code == 1
    assert rules(problems) == ["REVIEW.author_missing", "REVIEW.deleted"]
    assert problems[0]["severity"] == "warning"


def test_a_regenerated_codeowners_may_come_with_a_maintainer_change(
    repo: GitRepo,
) -> None:
    repo.write(
        "catalog/scut/unit.yaml", unit("scut", "华南理工大学", ["scut-ttc", "scut-x"])
    )
    assert repo.run("codeowners")[0] == 0
    repo.commit()
    assert repo.review("--author", "scut-ttc") == (0, [])


def test_a_hand_made_codeowners_is_for_reviewers_only(repo: GitRepo) -> None:
    repo.write(".github/CODEOWNERS", "* @scut-ttc\n")
    repo.commit()
    code, problems = repo.review("--author", "scut-ttc")
    assert rules(problems) == ["REVIEW.outside_unit"]


# --- approved records --------------------------------------------------------------


def test_deleting_an_approved_record_fails(repo: GitRepo) -> None:
    repo.remove(APPROVED_ACHIEVEMENT)
    repo.commit()
    code, problems = repo.review("--author", "scut-ttc")
    assert code == 1
    assert rules(problems) == ["REVIEW.deleted"]
    assert problems[0]["file"] == APPROVED_ACHIEVEMENT
    assert "status" in problems[0]["message"] and "exited" in problems[0]["message"]


def test_renaming_an_approved_record_is_a_deletion(repo: GitRepo) -> None:
    repo.git("mv", APPROVED_CONTRACT, NEW_CONTRACT)
    repo.commit()
    code, problems = repo.review("--author", "scut-ttc")
    assert "REVIEW.deleted" in rules(problems)


def test_an_approved_record_made_unreadable_is_no_deletion(repo: GitRepo) -> None:
    # usefirst validate reports the broken file; the review must not call it deleted
    repo.write(APPROVED_ACHIEVEMENT, repo.read(APPROVED_ACHIEVEMENT) + "title: [\n")
    repo.commit()
    code, problems = repo.review("--author", "scut-ttc")
    assert "REVIEW.deleted" not in rules(problems)


def test_a_reviewers_deletion_is_shown_but_not_blocking(repo: GitRepo) -> None:
    repo.remove(APPROVED_ACHIEVEMENT)
    repo.commit()
    code, problems = repo.review("--author", "gd-review")
    assert code == 0
    assert [(p["rule"], p["severity"]) for p in problems] == [
        ("REVIEW.deleted", "warning")
    ]


def test_an_exit_is_a_change_of_status(repo: GitRepo) -> None:
    text = repo.read(APPROVED_ACHIEVEMENT).replace(
        "status: in_stock",
        "status: exited\nexit:\n  date: 2026-05-01\n  reason: 已转让给企业",
    )
    repo.write(APPROVED_ACHIEVEMENT, text)
    repo.commit()
    code, problems = repo.review("--author", "scut-ttc")
    assert (code, problems) == (0, [])


def test_changing_a_number_fails_at_its_line(repo: GitRepo) -> None:
    text = repo.read(APPROVED_ACHIEVEMENT)
    repo.write(APPROVED_ACHIEVEMENT, text.replace("000001", "000009"))
    repo.commit()
    code, problems = repo.review("--author", "scut-ttc")
    assert code == 1
    changed = [p for p in problems if p["rule"] == "REVIEW.number_changed"]
    assert len(changed) == 1
    assert changed[0]["line"] == 4
    assert "XYHZ-CG-2025-000001" in changed[0]["message"]
    assert "XYHZ-CG-2025-000009" in changed[0]["message"]


def test_removing_a_number_fails(repo: GitRepo) -> None:
    text = repo.read(APPROVED_CONTRACT).replace("number: XYHZ-HT-2025-000001\n", "")
    repo.write(APPROVED_CONTRACT, text)
    repo.commit()
    code, problems = repo.review("--author", "scut-ttc")
    assert "REVIEW.number_changed" in rules(problems)


def test_a_submitter_never_sets_a_number(repo: GitRepo) -> None:
    text = achievement("scut-2026-002", "scut", number="XYHZ-CG-2026-000123")
    repo.write(NEW_ACHIEVEMENT, text)
    repo.commit()
    code, problems = repo.review("--author", "scut-ttc")
    assert code == 1
    set_by_hand = [p for p in problems if p["rule"] == "REVIEW.number_set"]
    assert [(p["path"], p["line"]) for p in set_by_hand] == [
        ("number", 4),
        ("admitted_on", 5),
    ]


def test_a_reviewer_may_set_a_number(repo: GitRepo) -> None:
    text = achievement("scut-2026-002", "scut", number="XYHZ-CG-2026-000123")
    repo.write(NEW_ACHIEVEMENT, text.replace("channel: inventor", "channel: inventor"))
    repo.commit()
    code, problems = repo.review("--author", "gd-review")
    assert "REVIEW.number_set" not in rules(problems)


def test_unit_inventors_and_channel_of_an_approved_record_stay(repo: GitRepo) -> None:
    text = repo.read(APPROVED_ACHIEVEMENT)
    text = text.replace("  - name: 赵敏\n", "  - name: 王五\n")
    text = text.replace("channel: inventor", "channel: unit_batch")
    repo.write(APPROVED_ACHIEVEMENT, text)
    repo.commit()
    code, problems = repo.review("--author", "scut-ttc")
    immutable = [p for p in problems if p["rule"] == "REVIEW.immutable"]
    assert [p["path"] for p in immutable] == ["channel", "inventors"]
    assert "原为“陈建华、赵敏”，现为“陈建华、王五”" in immutable[1]["message"]


def test_an_inventors_title_may_be_corrected(repo: GitRepo) -> None:
    text = repo.read(APPROVED_ACHIEVEMENT).replace("title: 教授", "title: 研究员")
    repo.write(APPROVED_ACHIEVEMENT, text)
    repo.commit()
    code, problems = repo.review("--author", "scut-ttc")
    assert "REVIEW.immutable" not in rules(problems)


# --- attachments --------------------------------------------------------------------


def test_a_tampered_attachment_fails_at_its_reference(repo: GitRepo) -> None:
    repo.write(SCAN, PDF.replace(b"Catalog", b"Forgery"))
    repo.commit()
    code, problems = repo.review("--author", "scut-ttc")
    assert code == 1
    assert rules(problems) == ["REVIEW.attachment_hash"]
    assert problems[0]["file"] == APPROVED_CONTRACT
    assert problems[0]["line"] == 16  # the line of scan.file
    assert sha256(PDF) in problems[0]["message"]


def test_a_symlinked_attachment_fails(repo: GitRepo) -> None:
    repo.symlink(SCAN, "/etc/hostname")
    repo.commit()
    code, problems = repo.review("--author", "scut-ttc")
    assert code == 1
    assert rules(problems) == ["REVIEW.attachment_symlink"]
    assert problems[0]["file"] == APPROVED_CONTRACT


def test_an_unreferenced_symlink_in_attachments_fails(repo: GitRepo) -> None:
    repo.symlink("catalog/scut/attachments/leak.pdf", "../../../schemas")
    repo.commit()
    code, problems = repo.review("--author", "scut-ttc")
    assert code == 1
    assert [(p["rule"], p["file"]) for p in problems] == [
        ("REVIEW.attachment_symlink", "catalog/scut/attachments/leak.pdf")
    ]


def test_a_symlink_on_disk_only_is_caught_too(repo: GitRepo) -> None:
    add_contract(repo, "attachments/scut-fu-002-scan.pdf", PDF)
    repo.commit()
    repo.symlink(
        "catalog/scut/attachments/scut-fu-002-scan.pdf", "scut-fu-001-scan.pdf"
    )
    code, problems = repo.review("--author", "scut-ttc")
    assert "REVIEW.attachment_symlink" in rules(problems)


def test_an_attachment_in_a_symlinked_folder_fails(repo: GitRepo) -> None:
    repo.write("outside/scan.pdf", PDF)
    repo.symlink("catalog/scut/attachments/sub", "../../../outside")
    add_contract(repo, "attachments/sub/scan.pdf", None)
    repo.write(NEW_CONTRACT, repo.read(NEW_CONTRACT).replace(sha256(b""), sha256(PDF)))
    repo.commit()
    code, problems = repo.review("--author", "gd-review")
    assert [(p["rule"], p["file"]) for p in problems] == [
        ("REVIEW.consent_pending", NEW_CONTRACT),
        ("REVIEW.attachment_symlink", NEW_CONTRACT),
    ]
    assert "catalog/scut/attachments/sub 是符号链接" in problems[1]["message"]


def test_an_attachment_lives_in_its_units_attachments_folder(repo: GitRepo) -> None:
    add_contract(repo, "attachments/../../sysu/attachments/x.pdf", None)
    repo.commit()
    code, problems = repo.review("--author", "scut-ttc")
    assert "REVIEW.attachment_outside" in rules(problems)


def test_a_missing_attachment_fails(repo: GitRepo) -> None:
    add_contract(repo, "attachments/scut-fu-002-scan.pdf", None)
    repo.commit()
    code, problems = repo.review("--author", "scut-ttc")
    assert "REVIEW.attachment_missing" in rules(problems)


def test_deleting_a_referenced_attachment_fails(repo: GitRepo) -> None:
    repo.remove(SCAN)
    repo.commit()
    code, problems = repo.review("--author", "scut-ttc")
    assert rules(problems) == ["REVIEW.attachment_missing"]


def test_an_attachment_is_typed_by_its_bytes(repo: GitRepo) -> None:
    add_contract(repo, "attachments/scut-fu-002-scan.pdf", b"MZ\x90\x00 not a pdf")
    repo.commit()
    code, problems = repo.review("--author", "scut-ttc")
    typed = [p for p in problems if p["rule"] == "REVIEW.attachment_type"]
    assert len(typed) == 1 and "不是 PDF、OFD、JPEG 或 PNG" in typed[0]["message"]


def test_an_extension_must_agree_with_the_bytes(repo: GitRepo) -> None:
    add_contract(repo, "attachments/scut-fu-002-scan.pdf", PNG)
    repo.commit()
    code, problems = repo.review("--author", "scut-ttc")
    typed = [p for p in problems if p["rule"] == "REVIEW.attachment_type"]
    assert "内容却是 PNG 图片" in typed[0]["message"]


def ofd(with_root: bool) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as container:
        container.writestr("OFD.xml" if with_root else "other.xml", "<ofd:OFD/>")
    return buffer.getvalue()


def test_an_ofd_is_a_zip_with_ofd_xml(repo: GitRepo) -> None:
    add_contract(repo, "attachments/scut-fu-002-scan.ofd", ofd(with_root=True))
    repo.commit()
    code, problems = repo.review("--author", "scut-ttc")
    assert "REVIEW.attachment_type" not in rules(problems)
    add_contract(repo, "attachments/scut-fu-002-scan.ofd", ofd(with_root=False))
    repo.commit()
    code, problems = repo.review("--author", "scut-ttc")
    assert "REVIEW.attachment_type" in rules(problems)


def test_an_attachment_has_a_size_limit(repo: GitRepo) -> None:
    big = PDF + b"\0" * (20 * 1024 * 1024)
    add_contract(repo, "attachments/scut-fu-002-scan.pdf", big)
    code, problems = repo.review("--author", "scut-ttc")  # uncommitted: working tree
    sized = [p for p in problems if p["rule"] == "REVIEW.attachment_size"]
    assert len(sized) == 1 and "20 MiB（20,971,520 字节）" in sized[0]["message"]
    assert f"有 {len(big):,} 字节" in sized[0]["message"]


def test_an_unreferenced_attachment_is_a_warning(repo: GitRepo) -> None:
    repo.write("catalog/scut/attachments/stray.pdf", PDF)
    repo.commit()
    code, problems = repo.review("--author", "scut-ttc")
    assert code == 0
    assert [(p["rule"], p["severity"]) for p in problems] == [
        ("REVIEW.attachment_unreferenced", "warning")
    ]


def test_a_new_contract_with_its_scan_passes_the_attachment_checks(
    repo: GitRepo,
) -> None:
    add_contract(repo, "attachments/scut-fu-002-scan.pdf", PDF + b"% 2\n")
    repo.commit()
    code, problems = repo.review("--author", "scut-ttc")
    assert problems == []


# --- the unit's consent ------------------------------------------------------------


def review_of(repo: GitRepo, user: str, commit: str, state: str = "APPROVED") -> dict:
    return {
        "user": {"login": user},
        "state": state,
        "submitted_at": "2026-05-01T08:00:00Z",
        "commit_id": commit,
    }


def test_an_inventor_filing_without_consent_fails(repo: GitRepo) -> None:
    add_contract(repo, "attachments/scut-fu-002-scan.pdf", PDF + b"% 2\n")
    repo.commit()
    approvals = repo.approvals()
    code, problems = repo.review("--author", INVENTOR, "--approvals", str(approvals))
    assert code == 1
    assert rules(problems) == ["REVIEW.consent"]
    assert problems[0]["file"] == NEW_CONTRACT
    assert problems[0]["line"] == 4  # the line of unit:
    assert "@scut-ttc、@scut-kjy" in problems[0]["message"]


def test_without_approvals_consent_is_pending(repo: GitRepo) -> None:
    repo.write(NEW_ACHIEVEMENT, achievement("scut-2026-002", "scut"))
    repo.commit()
    code, problems = repo.review("--author", INVENTOR)
    assert code == 0
    assert [(p["rule"], p["severity"]) for p in problems] == [
        ("REVIEW.consent_pending", "warning")
    ]
    assert "等待单位维护人" in problems[0]["message"]


def test_a_maintainers_approval_of_the_head_is_consent(repo: GitRepo) -> None:
    repo.write(NEW_ACHIEVEMENT, achievement("scut-2026-002", "scut"))
    head = repo.commit()
    approvals = repo.approvals(review_of(repo, "scut-kjy", head))
    code, problems = repo.review("--author", INVENTOR, "--approvals", str(approvals))
    assert (code, problems) == (0, [])


def test_an_inventor_filing_into_an_unknown_unit_needs_the_unit_first(
    repo: GitRepo,
) -> None:
    path = "catalog/ghost/achievements/ghost-2026-001.yaml"
    repo.write(path, achievement("ghost-2026-001", "ghost"))
    repo.commit()
    code, problems = repo.review("--author", INVENTOR)
    assert code == 1
    assert [(p["rule"], p["file"]) for p in problems] == [("REVIEW.unit_unknown", path)]


def test_an_approval_naming_no_commit_is_said_to_name_none(repo: GitRepo) -> None:
    repo.write(NEW_ACHIEVEMENT, achievement("scut-2026-002", "scut"))
    head = repo.commit()
    approvals = repo.approvals({**review_of(repo, "scut-kjy", head), "commit_id": None})
    code, problems = repo.review("--author", INVENTOR, "--approvals", str(approvals))
    assert (code, rules(problems)) == (1, ["REVIEW.consent"])
    assert "@scut-kjy 的批准没有注明针对哪个提交" in problems[0]["message"]


def test_a_review_by_a_deleted_account_is_passed_over(repo: GitRepo) -> None:
    # GitHub gives "user": null for the review of an account deleted since
    repo.write(NEW_ACHIEVEMENT, achievement("scut-2026-002", "scut"))
    head = repo.commit()
    ghost = {**review_of(repo, "someone", head), "user": None}
    approvals = repo.approvals(ghost, review_of(repo, "scut-kjy", head))
    code, problems = repo.review("--author", INVENTOR, "--approvals", str(approvals))
    assert (code, problems) == (0, [])


def test_an_approval_of_an_earlier_commit_does_not_count(repo: GitRepo) -> None:
    repo.write(NEW_ACHIEVEMENT, achievement("scut-2026-002", "scut"))
    first = repo.commit()
    repo.write(
        NEW_ACHIEVEMENT, achievement("scut-2026-002", "scut").replace("教授", "研究员")
    )
    repo.commit()
    approvals = repo.approvals(review_of(repo, "scut-kjy", first))
    code, problems = repo.review("--author", INVENTOR, "--approvals", str(approvals))
    assert rules(problems) == ["REVIEW.consent"]
    assert f"较早的提交 {first[:7]}" in problems[0]["message"]


def test_only_the_units_maintainers_consent(repo: GitRepo) -> None:
    repo.write(NEW_ACHIEVEMENT, achievement("scut-2026-002", "scut"))
    head = repo.commit()
    approvals = repo.approvals(
        review_of(repo, "sysu-ttc", head), review_of(repo, "gd-review", head)
    )
    code, problems = repo.review("--author", "gd-review", "--approvals", str(approvals))
    assert rules(problems) == ["REVIEW.consent"]


def test_maintainers_added_in_the_pull_request_do_not_consent(repo: GitRepo) -> None:
    repo.write(
        "catalog/scut/unit.yaml", unit("scut", "华南理工大学", ["scut-ttc", "friend"])
    )
    repo.write(NEW_ACHIEVEMENT, achievement("scut-2026-002", "scut"))
    head = repo.commit()
    approvals = repo.approvals(review_of(repo, "friend", head))
    code, problems = repo.review("--author", INVENTOR, "--approvals", str(approvals))
    assert sorted(rules(problems)) == ["REVIEW.consent", "REVIEW.permission"]


def test_a_later_change_request_withdraws_consent(repo: GitRepo) -> None:
    repo.write(NEW_ACHIEVEMENT, achievement("scut-2026-002", "scut"))
    head = repo.commit()
    later = review_of(repo, "scut-kjy", head, "CHANGES_REQUESTED")
    later["submitted_at"] = "2026-05-02T08:00:00Z"
    approvals = repo.approvals(later, review_of(repo, "scut-kjy", head))
    code, problems = repo.review("--author", INVENTOR, "--approvals", str(approvals))
    assert rules(problems) == ["REVIEW.consent"]


def test_a_later_comment_keeps_consent(repo: GitRepo) -> None:
    repo.write(NEW_ACHIEVEMENT, achievement("scut-2026-002", "scut"))
    head = repo.commit()
    comment = review_of(repo, "scut-kjy", head, "COMMENTED")
    comment["submitted_at"] = "2026-05-02T08:00:00Z"
    approvals = repo.approvals(review_of(repo, "scut-kjy", head), comment)
    code, _ = repo.review("--author", INVENTOR, "--approvals", str(approvals))
    assert code == 0


def test_approvals_name_the_head_commit_explicitly(repo: GitRepo) -> None:
    repo.write(NEW_ACHIEVEMENT, achievement("scut-2026-002", "scut"))
    repo.commit()
    pr_head = "a" * 40  # in CI the checkout is a merge commit, not the PR head
    path = repo.root.parent / "reviews.json"
    pages = [[review_of(repo, "scut-kjy", pr_head)], []]  # gh api --paginate --slurp
    path.write_text(json.dumps({"head_sha": pr_head, "reviews": pages}))
    assert repo.review("--author", INVENTOR, "--approvals", str(path))[0] == 0
    path.write_text(json.dumps(pages))
    args = ("--author", INVENTOR, "--approvals", str(path))
    assert repo.review(*args)[0] == 1
    assert repo.review(*args, "--head-sha", pr_head)[0] == 0


def test_batch_imports_need_no_consent(repo: GitRepo) -> None:
    repo.write(
        NEW_ACHIEVEMENT, achievement("scut-2026-002", "scut", channel="unit_batch")
    )
    repo.commit()
    approvals = repo.approvals()
    code, problems = repo.review("--author", "scut-ttc", "--approvals", str(approvals))
    assert (code, problems) == (0, [])


def test_an_inventor_files_a_contract_with_the_units_consent(repo: GitRepo) -> None:
    add_contract(repo, "attachments/scut-fu-002-scan.pdf", PDF + b"% 2\n")
    head = repo.commit()
    approvals = repo.approvals(review_of(repo, "scut-kjy", head))
    code, problems = repo.review("--author", INVENTOR, "--approvals", str(approvals))
    assert (code, problems) == (0, [])


def test_an_inventors_contract_without_consent_fails(repo: GitRepo) -> None:
    add_contract(repo, "attachments/scut-fu-002-scan.pdf", PDF + b"% 2\n")
    repo.commit()
    approvals = repo.approvals()
    code, problems = repo.review("--author", INVENTOR, "--approvals", str(approvals))
    assert code == 1
    assert rules(problems) == ["REVIEW.consent"]
    assert problems[0]["file"] == NEW_CONTRACT


def test_an_inventor_may_not_change_the_unit_file(repo: GitRepo) -> None:
    text = repo.read("catalog/scut/unit.yaml").replace("020-87110000", "020-1")
    repo.write("catalog/scut/unit.yaml", text)
    head = repo.commit()
    approvals = repo.approvals(review_of(repo, "scut-kjy", head))
    code, problems = repo.review("--author", INVENTOR, "--approvals", str(approvals))
    assert code == 1
    assert rules(problems) == ["REVIEW.permission"]
    assert problems[0]["file"] == "catalog/scut/unit.yaml"


def test_an_inventor_may_not_file_a_batch_record(repo: GitRepo) -> None:
    repo.write(
        NEW_ACHIEVEMENT, achievement("scut-2026-002", "scut", channel="unit_batch")
    )
    head = repo.commit()
    approvals = repo.approvals(review_of(repo, "scut-kjy", head))
    code, problems = repo.review("--author", INVENTOR, "--approvals", str(approvals))
    assert rules(problems) == ["REVIEW.permission"]


def test_an_inventor_may_not_attach_files_no_filing_refers_to(repo: GitRepo) -> None:
    repo.write(NEW_ACHIEVEMENT, achievement("scut-2026-002", "scut"))
    repo.write("catalog/scut/attachments/loose.pdf", PDF)
    head = repo.commit()
    approvals = repo.approvals(review_of(repo, "scut-kjy", head))
    code, problems = repo.review("--author", INVENTOR, "--approvals", str(approvals))
    assert "REVIEW.permission" in rules(problems)
    assert problems[rules(problems).index("REVIEW.permission")]["file"] == (
        "catalog/scut/attachments/loose.pdf"
    )


def test_a_maintainer_authored_filing_is_the_units_consent(repo: GitRepo) -> None:
    repo.write(
        "catalog/sysu/achievements/sysu-2026-001.yaml",
        achievement("sysu-2026-001", "sysu"),
    )
    repo.commit()
    approvals = repo.approvals()  # a unit of one maintainer: nobody else approves
    code, problems = repo.review("--author", "sysu-ttc", "--approvals", str(approvals))
    assert (code, problems) == (0, [])


# --- usage and formats --------------------------------------------------------------


def test_an_approvals_file_that_is_no_json_is_named_with_its_line(
    repo: GitRepo, capsys
) -> None:
    path = repo.root.parent / "reviews.json"
    path.write_text('[\n  {"state": "APPROVED",}\n]', encoding="utf-8")
    assert repo.run("review", "--base", "main", "--approvals", str(path))[0] == 2
    err = capsys.readouterr().err
    assert f"审批记录文件 {path} 第 2 行" in err and "不是有效的 JSON" in err
    assert "Expecting" not in err
    path.unlink()
    assert repo.run("review", "--base", "main", "--approvals", str(path))[0] == 2
    err = capsys.readouterr().err
    assert f"无法读取审批记录文件 {path}：文件不存在" in err and "Errno" not in err


def test_a_base_without_common_history_is_a_usage_error_in_chinese(
    repo: GitRepo, capsys
) -> None:
    repo.git("checkout", "--quiet", "--orphan", "unrelated")
    repo.commit("unrelated history")
    repo.git("checkout", "--quiet", "submission")
    assert repo.run("review", "--base", "unrelated")[0] == 2
    err = capsys.readouterr().err
    assert "与 unrelated 没有共同的提交" in err and "fatal" not in err


def test_gits_own_words_go_to_the_debug_log_only(repo: GitRepo, caplog) -> None:
    with (
        caplog.at_level(logging.DEBUG, logger="usefirst.review.gitdiff"),
        pytest.raises(GitError) as error,
    ):
        Git(repo.root).run("cat-file", "-p", "no-such-object")
    assert "git cat-file" in str(error.value) and "fatal" not in str(error.value)
    assert any("fatal:" in record.getMessage() for record in caplog.records)


def test_a_broken_approvals_file_is_a_usage_error(repo: GitRepo) -> None:
    path = repo.root.parent / "reviews.json"
    path.write_text('{"reviews": [{"state": "APPROVED"}]}')
    code, _ = repo.run("review", "--base", "main", "--approvals", str(path))
    assert code == 2
    path.write_text("not json")
    assert repo.run("review", "--base", "main", "--approvals", str(path))[0] == 2


def test_an_unknown_base_is_a_usage_error(repo: GitRepo, capsys) -> None:
    assert repo.run("review", "--base", "no-such-branch")[0] == 2
    assert "找不到提交“no-such-branch”" in capsys.readouterr().err


def test_a_usage_error_shows_control_characters_as_escapes(
    repo: GitRepo, capsys
) -> None:
    assert repo.run("review", "--base", "main\n::error::伪造\x1b[2J")[0] == 2
    err = capsys.readouterr().err
    assert "找不到提交“main\\n::error::伪造\\x1b[2J”" in err
    assert "\x1b" not in err and "\n::" not in err


def test_a_folder_without_git_is_a_usage_error(tmp_path, capsys) -> None:
    shutil.copytree(PROJECT / "schemas", tmp_path / "schemas")
    (tmp_path / "catalog").mkdir()
    assert main(["--root", str(tmp_path), "review", "--base", "main"]) == 2
    assert "不在 git 仓库中" in capsys.readouterr().err


def main_moves_on(repo: GitRepo) -> None:
    """Approve a sysu record and a new sysu maintainer on main, after the branch."""
    repo.git("checkout", "--quiet", "main")
    repo.write(
        "catalog/sysu/achievements/sysu-2026-001.yaml",
        achievement("sysu-2026-001", "sysu", number="XYHZ-CG-2026-000001"),
    )
    repo.write("catalog/sysu/unit.yaml", unit("sysu", "中山大学", ["sysu-ttc", "x"]))
    repo.commit("main moves on")
    repo.git("checkout", "--quiet", "submission")


def test_what_main_gained_since_the_branch_is_no_change_of_the_branch(
    repo: GitRepo,
) -> None:
    main_moves_on(repo)
    repo.write(
        NEW_ACHIEVEMENT, achievement("scut-2026-002", "scut", channel="unit_batch")
    )
    assert repo.review("--author", "scut-ttc") == (0, [])
    repo.commit()
    assert repo.review("--author", "scut-ttc") == (0, [])
    repo.git("checkout", "--quiet", "main")
    assert repo.review("--head", "submission", "--author", "scut-ttc") == (0, [])


def test_a_record_numbered_on_main_since_the_branch_keeps_its_edits(
    repo: GitRepo,
) -> None:
    repo.git("checkout", "--quiet", "main")
    text = achievement("scut-2026-002", "scut", channel="unit_batch")
    repo.write(NEW_ACHIEVEMENT, text)
    repo.commit("a batch achievement")
    repo.git("checkout", "--quiet", "submission")
    repo.git("merge", "--quiet", "--ff-only", "main")
    repo.git("checkout", "--quiet", "main")
    numbered = "id: scut-2026-002\nnumber: XYHZ-CG-2026-000001\n"
    repo.write(NEW_ACHIEVEMENT, text.replace("id: scut-2026-002\n", numbered))
    repo.commit("Assign numbers to approved records [usefirst number]")
    repo.git("checkout", "--quiet", "submission")
    repo.write(NEW_ACHIEVEMENT, text.replace("储能电池", "储能电站"))
    repo.commit()
    assert repo.review("--author", "scut-ttc") == (0, [])


def test_rights_are_those_of_main_today(repo: GitRepo) -> None:
    repo.git("checkout", "--quiet", "main")
    repo.write("catalog/scut/unit.yaml", unit("scut", "华南理工大学", ["scut-ttc"]))
    repo.commit("scut-kjy leaves")
    repo.git("checkout", "--quiet", "submission")
    repo.write(
        NEW_ACHIEVEMENT, achievement("scut-2026-002", "scut", channel="unit_batch")
    )
    repo.commit()
    code, problems = repo.review("--author", "scut-kjy")
    assert code == 1
    assert rules(problems) == ["REVIEW.permission"]
    assert problems[0]["file"] == NEW_ACHIEVEMENT


def test_a_commit_can_be_reviewed_without_the_working_tree(repo: GitRepo) -> None:
    repo.remove(APPROVED_ACHIEVEMENT)
    repo.commit()
    repo.git("checkout", "--quiet", "main")
    code, problems = repo.review("--head", "submission", "--author", "scut-ttc")
    assert rules(problems) == ["REVIEW.deleted"]


def test_untracked_files_of_the_working_tree_are_reviewed(repo: GitRepo) -> None:
    repo.write(
        NEW_ACHIEVEMENT, achievement("scut-2026-002", "scut", channel="unit_batch")
    )
    code, problems = repo.review("--author", "sysu-ttc")
    assert rules(problems) == ["REVIEW.permission"]


def test_untracked_files_outside_the_catalog_are_no_submission(repo: GitRepo) -> None:
    repo.write("notes.txt", "draft")
    assert repo.review("--author", "scut-ttc") == (0, [])


def test_github_format_annotates_file_and_line(repo: GitRepo) -> None:
    text = repo.read(APPROVED_ACHIEVEMENT)
    repo.write(APPROVED_ACHIEVEMENT, text.replace("000001", "000009"))
    repo.commit()
    code, out = repo.run(
        "review", "--base", "main", "--author", "x", "--format", "github"
    )
    assert code == 1
    assert (
        f"::error file={APPROVED_ACHIEVEMENT},line=4,title=REVIEW.number_changed::"
        in out
    )


def test_a_file_name_with_a_newline_cannot_forge_log_lines(repo: GitRepo) -> None:
    repo.write("catalog/scut/attachments/a\n::error::forged.pdf", PDF)
    repo.commit()
    code, out = repo.run("review", "--base", "main", "--author", "scut-ttc")
    assert code == 1
    assert "\n::error::forged" not in out
    assert "REVIEW.filename" in out
