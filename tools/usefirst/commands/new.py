"""``usefirst new KIND --unit UNIT``: a new record file, every field explained.

usefirst new achievement --unit scut
usefirst new first_use_contract --unit scut --id scut-xsy-2026-001

The unit and the id become folder and file names, so both must be names the
schemas allow (lowercase letters, digits and hyphens): a value such as
``../../x`` could otherwise put a file anywhere.
"""

from __future__ import annotations

import argparse
import datetime
import sys

from usefirst.catalog import record_files
from usefirst.exitcodes import OK, USAGE
from usefirst.kinds import (
    KIND_FOLDERS,
    RECORD_ID,
    UNIT_FILE,
    UNIT_ID,
    UNIT_KIND,
    id_pattern,
)
from usefirst.repository import Repository
from usefirst.scaffold import new_id, scaffold
from usefirst.schemas import COMMON, SchemaSet


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "new",
        help="新建一条记录文件，每个字段附中文说明",
        description="在单位文件夹中新建记录文件：必填字段留空待填，选填字段以注释给出。",
    )
    parser.add_argument("kind", metavar="类型", help="记录类型，例如 achievement")
    parser.add_argument(
        "--unit", required=True, metavar="单位标识", help="单位文件夹名，例如 scut"
    )
    parser.add_argument(
        "--id",
        metavar="记录标识",
        help="记录文件名（不含 .yaml）；默认 <单位>-<年份>-<序号>",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, repository: Repository) -> int:
    schemas: SchemaSet = repository.schemas
    problem = _usage_problem(args, repository)
    if problem is not None:
        print(problem, file=sys.stderr)
        return USAGE
    taken = {path.stem for path in record_files(repository)}
    record_id = args.id or new_id(taken, args.unit, datetime.date.today())
    if not id_pattern(schemas, RECORD_ID).fullmatch(record_id):
        print(
            _bad_name(schemas, RECORD_ID, record_id, "请用 --id 指定"), file=sys.stderr
        )
        return USAGE
    unit_folder = repository.catalog_dir / args.unit
    if args.kind == UNIT_KIND:
        path = unit_folder / UNIT_FILE
    else:
        path = unit_folder / KIND_FOLDERS[args.kind] / f"{record_id}.yaml"
    if path.exists():
        print(f"文件已存在，未覆盖：{repository.relative(path)}", file=sys.stderr)
        return USAGE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            scaffold(schemas, args.kind, args.unit, record_id), encoding="utf-8"
        )
    except OSError:
        print(
            f"无法写入 {repository.relative(path)}：它所在的 "
            f"{repository.relative(path.parent)} 应为文件夹（可能是同名文件），"
            "请改正后重新运行",
            file=sys.stderr,
        )
        return USAGE
    print(repository.relative(path))
    return OK


def _usage_problem(args: argparse.Namespace, repository: Repository) -> str | None:
    """Say what is wrong with the kind, the unit or the id given, if anything."""
    schemas = repository.schemas
    if args.kind not in schemas.kinds:
        return f"不认识的记录类型“{args.kind}”：可选 {'、'.join(schemas.kinds)}"
    if not id_pattern(schemas, UNIT_ID).fullmatch(args.unit):
        return _bad_name(schemas, UNIT_ID, args.unit, "请写单位文件夹名，例如 scut")
    if args.id is not None and not id_pattern(schemas, RECORD_ID).fullmatch(args.id):
        return _bad_name(schemas, RECORD_ID, args.id, "例如 scut-2026-001")
    unit_file = repository.catalog_dir / args.unit / UNIT_FILE
    if args.kind != UNIT_KIND and not unit_file.is_file():
        return f"找不到单位“{args.unit}”：请先运行 usefirst new unit --unit {args.unit}"
    return None


def _bad_name(schemas: SchemaSet, definition: str, value: str, hint: str) -> str:
    title = schemas.documents[COMMON]["$defs"][definition].get("title", definition)
    return (
        f"“{title}”不能是“{value}”：它是文件夹或文件的名字，只能用小写字母、数字和"
        f"连字符，以字母或数字开头；{hint}"
    )
