"""Watch a page for what a developer would see in the browser's console: errors, warnings, failed requests."""

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ConsoleWatch:
    """Collects console errors and warnings, uncaught exceptions, failed requests and 4xx/5xx responses.

    ``expected_document_status``: a page that is itself an error page (a 404 state, say) answers its main
    document with that status; that response (and Chromium's console line about it) is expected, nothing else.
    """

    expected_document_status: int | None = None
    problems: list[str] = field(default_factory=list)
    _expected_urls: set[str] = field(default_factory=set)

    def attach(self, page: Any) -> "ConsoleWatch":
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught exception: {error}"))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)
        return self

    def _response(self, response: Any) -> None:
        if response.status < 400:
            return
        if response.request.resource_type == "document" and response.status == self.expected_document_status:
            self._expected_urls.add(response.url)
            return
        self.problems.append(f"{response.status} for {response.request.resource_type} {response.url}")

    def _request_failed(self, request: Any) -> None:
        if request.failure == "net::ERR_ABORTED":
            # The page moved on (a form sent, a link followed) while the browser was still fetching, say, the
            # favicon: nothing failed. A missing file is a 404 response, caught above.
            return
        self.problems.append(f"request failed ({request.failure}): {request.resource_type} {request.url}")

    def _console(self, message: Any) -> None:
        if message.type not in {"error", "warning"}:
            return
        text = message.text
        url = (message.location or {}).get("url", "")
        if text.startswith("Failed to load resource") and url in self._expected_urls:
            return
        self.problems.append(f"console {message.type}: {text} ({url})")

    def report(self) -> str:
        return "\n".join(self.problems)
