"""``usefirst new KIND --unit UNIT``: a new record file, every field explained.

usefirst new achievement --unit scut
usefirst new first_use_contract --unit scut --id scut-xsy-2026-001
"""

from __future__ import annotations

import argparse
import datetime
import sys

from usefirst.catalog import record_files
from usefirst.exitcodes import OK, USAGE
from usefirst.kinds import KIND_FOLDERS, UNIT_FILE, UNIT_KIND
from usefirst.repository import Repository
from usefirst.scaffold import new_id, scaffold
from usefirst.schemas import SchemaSet


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "new",
        help="新建一条记录文件，每个字段附中文说明",
        description="在单位文件夹中新建记录文件：必填字段留空待填，选填字段以注释给出。",
    )
    parser.add_argument("kind", metavar="KIND", help="记录类型，例如 achievement")
    parser.add_argument("--unit", required=True, help="单位标识（单位文件夹名）")
    parser.add_argument("--id", help="记录标识；默认 <单位>-<年份>-<序号>")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, repository: Repository) -> int:
    schemas: SchemaSet = repository.schemas
    if args.kind not in schemas.kinds:
        print(
            f"不认识的记录类型“{args.kind}”：可选 {'、'.join(schemas.kinds)}",
            file=sys.stderr,
        )
        return USAGE
    unit_folder = repository.catalog_dir / args.unit
    if args.kind != UNIT_KIND and not (unit_folder / UNIT_FILE).is_file():
        print(
            f"找不到单位“{args.unit}”：请先运行 usefirst new unit --unit {args.unit}",
            file=sys.stderr,
        )
        return USAGE
    taken = {path.stem for path in record_files(repository)}
    record_id = args.id or new_id(taken, args.unit, datetime.date.today())
    if args.kind == UNIT_KIND:
        path = unit_folder / UNIT_FILE
    else:
        path = unit_folder / KIND_FOLDERS[args.kind] / f"{record_id}.yaml"
    if path.exists():
        print(f"文件已存在，未覆盖：{repository.relative(path)}", file=sys.stderr)
        return USAGE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        scaffold(schemas, args.kind, args.unit, record_id), encoding="utf-8"
    )
    print(repository.relative(path))
    return OK
