"""Fixtures of the site tests: built sites, a local web server, a browser.

/work/venv/bin/python -m pytest tests/site -m "not browser"

The sample catalog of the repository and a hostile catalog are each built once
per session with ``mkdocs build --strict``; browser tests drive Debian's
Chromium through Playwright against the built site served on 127.0.0.1.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from hostile import hostile_records
from site_catalog import PROJECT, build, write_repository

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives headless /usr/bin/chromium through Playwright"
    )


@dataclass(frozen=True)
class BuiltSite:
    """A built site: the repository it came from and the folder it was built to."""

    repository: Path
    site: Path

    def text_files(self) -> Iterator[Path]:
        suffixes = {".html", ".json", ".csv", ".xml", ".js", ".css", ".txt", ".svg"}
        return (p for p in self.site.rglob("*") if p.suffix in suffixes)


def _build(repository: Path, site: Path) -> BuiltSite:
    result = build(repository, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(repository, site)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's own sample catalog, built with --strict."""
    return _build(PROJECT, tmp_path_factory.mktemp("sample") / "public")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """A catalog whose every visible text carries markup, built with --strict."""
    root = write_repository(tmp_path_factory.mktemp("hostile"), hostile_records())
    return _build(root, root / "public")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """Serve folders on 127.0.0.1, each on a free port; return the base URL."""
    servers: list[ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Headless Debian Chromium, started once."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is missing: install it (tools/setup.sh does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@dataclass
class Tab:
    """A browser page that records what it requested and what went wrong."""

    page: Any
    base: str
    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def open(self, path: str) -> Any:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return self.page

    @property
    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(self.base)]

    def watch(self) -> Tab:
        """Record every request, script error, console error and failed response."""
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.problems.append(f"{error}"))
        self.page.on("console", self._console)
        self.page.on("response", self._response)
        return self

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.problems.append(f"console: {message.text}")

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.problems.append(f"{response.status}: {response.url}")


@pytest.fixture
def tab(chromium: Any) -> Iterator[Callable[..., Tab]]:
    """Open a watched page on a base URL, at a desktop or phone viewport."""
    contexts: list[Any] = []

    def open_tab(base: str, *, phone: bool = False) -> Tab:
        viewport = (
            {"width": 375, "height": 667} if phone else {"width": 1280, "height": 900}
        )
        context = chromium.new_context(
            viewport=viewport, is_mobile=phone, has_touch=phone
        )
        contexts.append(context)
        return Tab(context.new_page(), base).watch()

    yield open_tab
    for context in contexts:
        context.close()
