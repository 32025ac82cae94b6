"""A browser page for the site tests that records requests and errors.

visit = Tab(context.new_page(), "http://127.0.0.1:8000/").watch()
visit.open("catalog/")
assert visit.foreign_requests == [] and visit.problems == []
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
