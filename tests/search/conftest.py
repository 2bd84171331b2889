"""Prints the relevance figures of tests/search at the end of the run (``make test`` shows them)."""

FIGURES: list[str] = []


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("search relevance (tests/search)")
        for line in FIGURES:
            terminalreporter.write_line(line)
