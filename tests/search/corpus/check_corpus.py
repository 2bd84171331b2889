"""Checks a file of the relevance corpus against its schema (run: python tests/search/corpus/check_corpus.py FILE).

The corpus files use the demo case studies' format (fixtures/demo/), so ``load_demo(paths=…)`` loads them, with
lower minimum lengths: a real catalogue has short case studies as well as long ones.
"""

import csv
import json
import re
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "fixtures"
LIMITS = {
    "summary": 100,
    "challenge": 500,
    "solution": 750,
    "impact": 500,
    "sustainability": 300,
    "lessons": 300,
}
MINIMUMS = {"summary": 20, "challenge": 25, "solution": 30, "impact": 20, "sustainability": 10, "lessons": 10}
KEYS = {
    "slug", "title", "council", "partners", "summary", "challenge", "solution", "impact", "sustainability",
    "lessons", "contact_name", "contact_role", "contact_email", "topics", "support_types", "published_on",
}  # fmt: skip


def problems(items: list[dict]) -> list[str]:
    with open(FIXTURES / "uk_local_authorities.csv", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    councils = {r["local-authority-code"] for r in rows if r["current-authority"] == "True"}
    topics = {t["slug"] for t in json.loads((FIXTURES / "topics.json").read_text(encoding="utf-8"))}
    supports = {t["slug"] for t in json.loads((FIXTURES / "support_types.json").read_text(encoding="utf-8"))}
    errors = []
    for i, cs in enumerate(items):
        where = f"#{i} {cs.get('slug')}"
        if set(cs) != KEYS:
            errors.append(f"{where}: keys differ: missing {KEYS - set(cs)}, extra {set(cs) - KEYS}")
            continue
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", cs["slug"]) or len(cs["slug"]) > 100:
            errors.append(f"{where}: bad slug")
        if not 10 <= len(cs["title"]) <= 160:
            errors.append(f"{where}: title must be 10-160 characters")
        if cs["council"] not in councils:
            errors.append(f"{where}: unknown or former council code {cs['council']}")
        for field, limit in LIMITS.items():
            n = len(cs[field].split())
            if n > limit or n < MINIMUMS[field]:
                errors.append(f"{where}: {field} has {n} words (allowed {MINIMUMS[field]}-{limit})")
        if not (1 <= len(cs["topics"]) <= 3) or set(cs["topics"]) - topics:
            errors.append(f"{where}: topics must be 1-3 known slugs")
        if len(cs["support_types"]) > 3 or set(cs["support_types"]) - supports:
            errors.append(f"{where}: support_types must be 0-3 known slugs")
        if not date(2014, 1, 1) <= date.fromisoformat(cs["published_on"]) <= date(2026, 11, 20):
            errors.append(f"{where}: published_on out of range")
        if not re.fullmatch(r"[^@\s]+@[a-z0-9-]+\.example", cs["contact_email"]):
            errors.append(f"{where}: contact_email must end in .example")
    return errors


def main(path: str) -> int:
    items = json.loads(Path(path).read_text(encoding="utf-8"))
    errors = problems(items)
    for e in errors:
        print(e)
    print(f"{len(items)} case studies, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
