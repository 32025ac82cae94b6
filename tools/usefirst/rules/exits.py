"""NOTICE.exit_proof: an achievement of provincial fiscal funds exits with proof.

    funding: {provincial_fiscal: true}
    status: exited
    exit:
      date: "2026-08-01"
      reason: 已转让给企业
      proof_type: transfer                 # transfer, exclusive_license or sole_license
      proof: {file: attachments/zr.pdf, sha256: ...}

Achievements not made with provincial fiscal funds exit freely.
"""

from __future__ import annotations

from collections.abc import Iterator

from usefirst.catalog import Catalog
from usefirst.kinds import ACHIEVEMENT
from usefirst.problems import Problem
from usefirst.rules.base import Context, rule
from usefirst.rules.lookup import field_name


@rule("NOTICE.exit_proof", "省级财政资金支持的成果出库须有权属变更证明")
def exit_needs_proof(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report a fiscally funded exited achievement without proof of transfer."""
    for achievement in catalog.of_kind(ACHIEVEMENT):
        funded = achievement.get("funding", {}).get("provincial_fiscal") is True
        exit_info = achievement.get("exit")
        if not (funded and achievement.get("status") == "exited" and exit_info):
            continue
        missing = [key for key in ("proof_type", "proof") if key not in exit_info]
        if not missing:
            continue
        names = "和".join(
            f"“{field_name(catalog, achievement, ('exit', key))}”" for key in missing
        )
        yield achievement.problem(
            ("exit", missing[0]),
            "NOTICE.exit_proof",
            f"缺少{names}：省级财政科技资金支持形成的成果出库，须提供权属变更"
            "证明（技术转让合同、独占许可合同或排他许可合同），"
            "请填写权属变更方式并附上证明扫描件",
        )
