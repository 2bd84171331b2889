"""The shape of the app (docs/architecture.md): which package may import which, and how big a module may grow.

Imports go one way. ``ops`` is the floor and ``models`` stands on it; ``search`` stands on both, ``catalogue`` on ``search``;
the capabilities (``public``, ``submissions``, ``moderation``, ``interchange``) use any of those but never each
other. The app's entry points (``urls.py``, ``apps.py``, management commands, template tags, migrations) may use
anything. No package imports another's private (underscored) names.
"""

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "casestudies"
ALLOWED = {
    "models": {"models", "ops"},
    "ops": {"ops"},
    "search": {"search", "models", "ops"},
    "catalogue": {"catalogue", "search", "models", "ops"},
    **{
        capability: {capability, "catalogue", "search", "models", "ops"}
        for capability in ("public", "submissions", "moderation", "interchange")
    },
}
ENTRY_POINTS = {"urls", "apps", "csrf", "management", "templatetags", "migrations"}
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = list(path.relative_to(APP.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(source: str, module: str, *, is_package: bool) -> list[tuple[str, list[str]]]:
    """Every (imported module, names taken from it) in ``source``, relative imports made absolute."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            names = [alias.name for alias in node.names]
            if target == "casestudies":  # ``from casestudies import urls`` takes the module itself
                found += [(f"{target}.{name}", []) for name in names]
            else:
                found.append((target, names))
    return found


def package_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "casestudies" or len(parts) < 2:
        return None
    return parts[1]


def violations(source: str, module: str, *, is_package: bool = False) -> list[str]:
    """What breaks the import rules in one module's source."""
    own = package_of(module)
    if own is None or own in ENTRY_POINTS or own not in ALLOWED:
        return []
    problems = []
    for target, names in imports(source, module, is_package=is_package):
        other = package_of(target)
        if other is None:
            continue
        if other in ENTRY_POINTS:
            problems.append(f"{module} imports the entry point {target}")
            continue
        if other not in ALLOWED[own]:
            problems.append(f"{module} imports {target} ({own} may not use {other})")
        if other != own:
            private = [part for part in target.split(".")[2:] if part.startswith("_")]
            private += [name for name in names if name.startswith("_")]
            if private:
                problems.append(f"{module} imports private names of {other}: {', '.join(private)}")
    return problems


def app_modules() -> list[Path]:
    return sorted(path for path in APP.rglob("*.py") if "migrations" not in path.parts)


def test_architecture_every_package_of_the_app_is_known():
    packages = {path.name for path in APP.iterdir() if path.is_dir() and path.name != "__pycache__"}
    assert packages == set(ALLOWED) | {"management", "templatetags", "migrations"}


def test_architecture_imports_go_one_way():
    problems = []
    for path in app_modules():
        problems += violations(
            path.read_text(encoding="utf-8"), module_name(path), is_package=path.name == "__init__.py"
        )
    assert problems == []


def test_architecture_no_module_is_over_400_lines():
    long = {
        str(path.relative_to(APP.parent)): lines
        for path in app_modules()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        (
            "casestudies.search.keyword",
            "from casestudies.catalogue import index",
            ["casestudies.search.keyword imports casestudies.catalogue (search may not use catalogue)"],
        ),
        (
            "casestudies.catalogue.filters",
            "from ..public.browse import case_study_list",
            [
                "casestudies.catalogue.filters imports casestudies.public.browse "
                "(catalogue may not use public)"
            ],
        ),
        (
            "casestudies.public.browse",
            "import casestudies.submissions.views",
            [
                "casestudies.public.browse imports casestudies.submissions.views (public may not use submissions)"
            ],
        ),
        (
            "casestudies.public.browse",
            "from casestudies.catalogue.index import _lock",
            ["casestudies.public.browse imports private names of catalogue: _lock"],
        ),
        (
            "casestudies.ops.pagecache",
            "from casestudies.models import CaseStudy",
            ["casestudies.ops.pagecache imports casestudies.models (ops may not use models)"],
        ),
        ("casestudies.models.reference", "from casestudies.ops.languages import localised", []),
        (
            "casestudies.moderation.admin",
            "from casestudies import urls",
            ["casestudies.moderation.admin imports the entry point casestudies.urls"],
        ),
        ("casestudies.public.browse", "from casestudies.catalogue.index import current", []),
        ("casestudies.public.browse", "from .feeds import CaseStudyFeed", []),
        ("casestudies.catalogue.results", "from casestudies.search.keyword import ranked_matches", []),
        ("casestudies.urls", "from .public import urls", []),
    ],
)
def test_architecture_rules_catch_what_they_should(module, source, expected):
    assert violations(source, module) == expected
