"""Fixtures every test folder shares: a check cache, a web server, a browser.

    @pytest.mark.browser
    def test_home(serve, browser):
        page = browser.new_page()
        page.goto(serve(built_site))

Browser tests drive Debian's Chromium through Playwright against folders served
on 127.0.0.1; ``-m "not browser"`` leaves them out.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
NO_CHROMIUM = (
    "Debian's chromium is not installed: run `apt-get install chromium` "
    "(tools/setup.sh does it as root)"
)


@pytest.fixture(autouse=True, scope="session")
def check_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Keep the check cache of every test run, subprocesses too, out of ~/.cache."""
    folder = tmp_path_factory.mktemp("check-cache")
    previous = os.environ.get("USEFIRST_CACHE_DIR")
    os.environ["USEFIRST_CACHE_DIR"] = str(folder)
    yield folder
    if previous is None:
        del os.environ["USEFIRST_CACHE_DIR"]
    else:
        os.environ["USEFIRST_CACHE_DIR"] = previous


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives headless /usr/bin/chromium through Playwright"
    )


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
def browser() -> Iterator[Any]:
    """Headless Debian Chromium, started once."""
    if not CHROMIUM.exists():
        pytest.skip(NO_CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
