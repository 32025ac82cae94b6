"""Git plumbing for reviews: what changed, and the files on either side.

    git = Git(Path("."))
    base = git.tree("origin/main")            # a commit
    head = git.worktree()                     # the working tree
    fork = git.merge_base("origin/main", "HEAD")
    for change in git.changes(fork):
        print(change.status, change.path)     # "A catalog/scut/achievements/x.yaml"
    base.read("catalog/scut/unit.yaml")       # bytes, or None when absent

Every path is relative to the repository root (where ``catalog/`` is), with
slashes, even when the git work tree starts higher up. Git's own error text is
English and names git's internals: it goes to the DEBUG log (``usefirst -vv``),
and ``GitError`` says in Chinese what failed.
"""

from __future__ import annotations

import logging
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Protocol

SYMLINK_MODE = "120000"
logger = logging.getLogger(__name__)


class GitError(Exception):
    """Raised when git is missing, the folder is no repository, or a ref is bad."""


@dataclass(frozen=True)
class Change:
    """One path changed between the base and the head: status A, M or D."""

    status: str
    path: str


class Tree(Protocol):
    """Read access to one side of a change: a commit or the working tree."""

    def read(self, path: str) -> bytes | None: ...

    def read_many(self, paths: list[str]) -> dict[str, bytes | None]: ...

    def size(self, path: str) -> int | None: ...

    def symlink_in(self, path: str) -> str | None: ...

    def files(self, folder: str) -> list[str]: ...


class Git:
    """Run git in the repository root and parse its machine-readable output."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def run(self, *args: str, stdin: bytes | None = None) -> bytes:
        """Run one git command and return its standard output."""
        command = ["git", "-c", "core.quotepath=off", *args]
        try:
            result = subprocess.run(
                command, cwd=self.root, input=stdin, capture_output=True, check=False
            )
        except FileNotFoundError as error:
            raise GitError("找不到 git 命令：请先安装 git") from error
        if result.returncode != 0:
            detail = result.stderr.decode("utf-8", "replace").strip()
            logger.debug("git %s failed (%d): %s", args[0], result.returncode, detail)
            raise GitError(
                f"git {args[0]} 执行失败：请确认 {self.root} 是完整的 git 仓库"
                "（浅克隆可能缺少需要的提交，可先 git fetch）；"
                "用 usefirst -vv 运行可看到 git 的原始输出"
            )
        return result.stdout

    def check(self) -> None:
        """Raise ``GitError`` unless the root lies in a git work tree."""
        try:
            self.run("rev-parse", "--is-inside-work-tree")
        except GitError as error:
            raise GitError(
                f"{self.root} 不在 git 仓库中：审核需要 git 的提交记录"
            ) from error

    def commit(self, ref: str) -> str:
        """Resolve a ref to a full commit id, or raise ``GitError``."""
        try:
            out = self.run("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
        except GitError as error:
            raise GitError(f"找不到提交“{ref}”：请检查分支名或先 git fetch") from error
        return out.decode().strip()

    def merge_base(self, base: str, head: str) -> str:
        """The commit a branch started from: the last one it shares with ``base``."""
        commits = self.commit(base), self.commit(head)
        try:
            out = self.run("merge-base", *commits)
        except GitError as error:
            raise GitError(
                f"{head} 与 {base} 没有共同的提交，无法确定合并请求改了什么："
                "请检查目标分支，或先 git fetch 取得完整的提交记录"
            ) from error
        return out.decode().strip()

    def changes(self, base: str, head: str | None = None) -> list[Change]:
        """List paths changed from ``base`` to ``head`` (or the working tree).

        The working tree includes files in ``catalog/`` not yet added to git.
        """
        args = ["diff", "--raw", "-z", "--no-renames", "--no-ext-diff", "--relative"]
        out = self.run(*args, base, *([head] if head else []), "--", ".")
        fields = out.split(b"\0")
        changes = {}
        for meta, path in zip(fields[::2], fields[1::2], strict=False):
            status = meta.decode().split()[-1][0]
            name = _decode_path(path)
            changes[name] = Change("M" if status == "T" else status, name)
        if head is None:
            for name in self._untracked():
                changes[name] = Change("A", name)
        return sorted(changes.values(), key=lambda change: change.path)

    def _untracked(self) -> list[str]:
        """New files not yet added to git, in ``catalog/`` only.

        Elsewhere an untracked file is a by-product (caches, editor files), not
        part of a submission.
        """
        args = ("ls-files", "-z", "--others", "--exclude-standard", "--", "catalog")
        out = self.run(*args)
        return [_decode_path(name) for name in out.split(b"\0") if name]

    def tree(self, ref: str) -> GitTree:
        """Return the files of one commit."""
        return GitTree(self, self.commit(ref))

    def worktree(self) -> WorkTree:
        """Return the files of the working tree."""
        return WorkTree(self)


@dataclass(frozen=True)
class Entry:
    """One file of a commit as ``git ls-tree -l`` lists it."""

    mode: str
    oid: str
    size: int | None


class GitTree:
    """The files of one commit, listed with ``git ls-tree`` and read by object id."""

    def __init__(self, git: Git, commit: str) -> None:
        self.git = git
        self.commit = commit
        self._entries: dict[str, dict[str, Entry]] = {}

    def entries(self, folder: str) -> dict[str, Entry]:
        """Map every path below ``folder`` (and the folder itself) to its entry."""
        if folder not in self._entries:
            out = self.git.run("ls-tree", "-r", "-l", "-z", self.commit, "--", folder)
            self._entries[folder] = _parse_tree(out)
        return self._entries[folder]

    def entry(self, path: str) -> Entry | None:
        return self.entries(_top_folder(path)).get(path)

    def read(self, path: str) -> bytes | None:
        return self.read_many([path])[path]

    def read_many(self, paths: list[str]) -> dict[str, bytes | None]:
        """Read many files with one ``git cat-file --batch``; symlinks are not read."""
        result: dict[str, bytes | None] = dict.fromkeys(paths)
        blobs = {}
        for path in dict.fromkeys(paths):
            entry = self.entry(path)
            if (
                entry is not None
                and entry.mode != SYMLINK_MODE
                and entry.size is not None
            ):
                blobs[path] = entry.oid
        if not blobs:
            return result
        stdin = "".join(f"{oid}\n" for oid in blobs.values()).encode()
        out = self.git.run("cat-file", "--batch", stdin=stdin)
        position = 0
        for path in blobs:
            end = out.index(b"\n", position)
            size = int(out[position:end].rsplit(b" ", 1)[1])
            result[path] = out[end + 1 : end + 1 + size]
            position = end + 1 + size + 1
        return result

    def size(self, path: str) -> int | None:
        entry = self.entry(path)
        return entry.size if entry is not None and entry.mode != SYMLINK_MODE else None

    def symlink_in(self, path: str) -> str | None:
        """Name the path or enclosing folder that git stores as a symlink."""
        entries = self.entries(_top_folder(path))
        for part in _self_and_parents(path):
            entry = entries.get(part)
            if entry is not None and entry.mode == SYMLINK_MODE:
                return part
        return None

    def files(self, folder: str) -> list[str]:
        entries = self.entries(folder)
        return sorted(p for p, entry in entries.items() if entry.mode != SYMLINK_MODE)


class WorkTree:
    """The working tree on disk; symlinks are never followed."""

    def __init__(self, git: Git) -> None:
        self.git = git
        self.root = git.root
        self._modes: dict[str, dict[str, str]] = {}

    def _regular(self, path: str) -> Path | None:
        if self.symlink_in(path) is not None:
            return None
        full = self.root / path
        return full if full.is_file() else None

    def read(self, path: str) -> bytes | None:
        full = self._regular(path)
        return full.read_bytes() if full else None

    def read_many(self, paths: list[str]) -> dict[str, bytes | None]:
        return {path: self.read(path) for path in paths}

    def size(self, path: str) -> int | None:
        full = self._regular(path)
        return full.stat().st_size if full else None

    def index_modes(self, folder: str) -> dict[str, str]:
        """Map paths below ``folder`` to the mode git's index records for them."""
        if folder not in self._modes:
            out = self.git.run("ls-files", "-s", "-z", "--", folder)
            self._modes[folder] = _parse_entries(out)
        return self._modes[folder]

    def symlink_in(self, path: str) -> str | None:
        """Name the path or enclosing folder that is a symlink on disk or in git."""
        modes = self.index_modes(_top_folder(path))
        for part in _self_and_parents(path):
            if modes.get(part) == SYMLINK_MODE or (self.root / part).is_symlink():
                return part
        return None

    def files(self, folder: str) -> list[str]:
        base = self.root / folder
        if not base.is_dir() or base.is_symlink():
            return []
        found = []
        for directory, subfolders, names in os.walk(base):
            subfolders[:] = [s for s in subfolders if not s.startswith(".")]
            relative = Path(directory).relative_to(self.root).as_posix()
            found.extend(f"{relative}/{name}" for name in names)
        return sorted(found)


def _parse_tree(out: bytes) -> dict[str, Entry]:
    """Parse ``ls-tree -r -l -z`` output: path to mode, object id and size."""
    entries = {}
    for line in out.split(b"\0"):
        if line:
            meta, _, name = line.partition(b"\t")
            mode, kind, oid, size = meta.decode().split()
            length = int(size) if kind == "blob" else None
            entries[_decode_path(name)] = Entry(mode, oid, length)
    return entries


def _parse_entries(out: bytes) -> dict[str, str]:
    """Parse ``ls-files -s -z`` output: path to mode."""
    modes = {}
    for entry in out.split(b"\0"):
        if entry:
            meta, _, name = entry.partition(b"\t")
            modes[_decode_path(name)] = meta.split()[0].decode()
    return modes


def _self_and_parents(path: str) -> list[str]:
    pure = PurePosixPath(path)
    return [str(parent) for parent in reversed(pure.parents) if str(parent) != "."] + [
        path
    ]


def _top_folder(path: str) -> str:
    """The unit folder ``catalog/<unit>`` of a path, or its first component."""
    parts = PurePosixPath(path).parts
    return "/".join(parts[:2]) if len(parts) > 2 else parts[0]


def _decode_path(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")
