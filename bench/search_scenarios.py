"""Search scenarios for the benchmark (bench/run.py) on either database: a misspelt keyword that the spelling
corrector must fix, the same keywords spelt right, a keyword with synonyms, a natural question, and the suggest
endpoint; and the FTS5-on-SQLite keyword run (``python bench/search_scenarios.py --sqlite 10000``, started by
run.py).

Every list is at least 50 distinct URLs drawn from the synthetic case studies' vocabulary
(casestudies/interchange/synthetic.py), so nothing is served twice from a cache.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
COUNT = 50
# Terms of the starter synonym groups (fixtures/synonyms.json) whose other terms the synthetic text uses.
SYNONYM_TERMS = [
    "EV",
    "flytipping",
    "illegal dumping",
    "social isolation",
    "domestic violence",
    "walking and cycling",
    "emergency accommodation",
    "digital divide",
    "community referral",
    "ICB",
    "VCSE",
    "high street",
    "NHS",
]


# Natural questions as people type them: a subject of the synthetic text inside the words of a question, some of
# which every case study has ("residents", "people", "help") and some of which none has.
QUESTIONS = [
    "how can councils reduce {subject} for older residents",
    "what works to improve {subject} in rural areas",
    "examples of {subject} helping people into work",
    "ways to tackle {subject} with the voluntary sector",
    "how do other councils deal with {subject} on a tight budget",
    "help residents with {subject} after the pandemic",
    "what are councils doing about {subject} in town centres",
]


def questions(rng: random.Random) -> list[str]:
    from casestudies.interchange.synthetic import SUBJECTS

    found = set()
    while len(found) < COUNT:
        found.add(rng.choice(QUESTIONS).format(subject=rng.choice(SUBJECTS)))
    return sorted(found)


def misspellings(rng: random.Random) -> list[tuple[str, str]]:
    """(misspelt, right) pairs: one letter dropped or two swapped in a synthetic subject word of 6+ letters."""
    from casestudies.interchange.synthetic import SUBJECTS

    words = sorted({w for subject in SUBJECTS for w in subject.replace("-", " ").split() if len(w) >= 6})
    pairs = set()
    while len(pairs) < COUNT:
        word = rng.choice(words)
        i = rng.randrange(1, len(word) - 2)
        typo = (
            word[:i] + word[i + 1 :]
            if rng.random() < 0.5
            else word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        )
        if typo != word:
            pairs.add((typo, word))
    return sorted(pairs)


def scenarios(rng: random.Random, topics: list[str]) -> dict[str, list[str]]:
    from casestudies.interchange.synthetic import PROGRAMMES, SUBJECTS

    pairs = misspellings(rng)
    synonym_urls = set()
    while len(synonym_urls) < COUNT:
        synonym_urls.add(
            f"/case-studies/?{urlencode({'q': rng.choice(SYNONYM_TERMS), 'topic': rng.choice(topics)})}"
        )
    title_words = sorted(
        {w.lower() for text in SUBJECTS + PROGRAMMES for w in text.replace("-", " ").split()}
    )
    prefixes = set()
    while len(prefixes) < COUNT:
        word = rng.choice(title_words)
        if rng.random() < 0.3:
            prefix = f"{word} {rng.choice(title_words)[: rng.randint(2, 4)]}"
        else:
            prefix = word[: rng.randint(2, max(2, min(6, len(word))))]
        prefixes.add(prefix)
    return {
        "keyword needing a correction": [f"/case-studies/?{urlencode({'q': typo})}" for typo, _ in pairs],
        "the same keywords spelt right": [f"/case-studies/?{urlencode({'q': right})}" for _, right in pairs],
        "keyword with synonyms": sorted(synonym_urls),
        "natural question": [f"/case-studies/?{urlencode({'q': q})}" for q in questions(rng)],
        "suggest endpoint": [f"/case-studies/suggest/?{urlencode({'q': p})}" for p in sorted(prefixes)],
    }


def keyword_scenarios(rng: random.Random, topics: list[str]) -> dict[str, list[str]]:
    """The keyword scenarios of run.py, for the SQLite run."""
    from casestudies.interchange.synthetic import SUBJECTS
    from casestudies.models import Council

    rare = [
        name
        for name in Council.objects.filter(case_studies__isnull=False)
        .distinct()
        .values_list("name", flat=True)
        if " " not in name and len(name) > 4
    ][:COUNT]
    combos = set()
    while len(combos) < COUNT:
        combos.add((rng.choice(SUBJECTS).split()[0], rng.choice(topics)))
    return {
        "list, no filters (for comparison)": [f"/case-studies/?page={n}" for n in range(1, COUNT + 1)],
        "common keyword (council)": [f"/case-studies/?q=council&page={n}" for n in range(1, COUNT + 1)],
        "rare keyword": [f"/case-studies/?{urlencode({'q': name})}" for name in rare],
        "keyword + filters": [f"/case-studies/?{urlencode({'q': q, 'topic': t})}" for q, t in sorted(combos)],
    }


def sqlite_run(size: int, output: Path) -> dict:
    """Fill a SQLite database with ``size`` synthetic case studies and time the keyword scenarios on FTS5."""
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
            "DJANGO_SETTINGS_MODULE": "site_config.settings.dev",
            "DEBUG": "0",
            "PAGE_CACHE_SECONDS": "0",
        }
        for args in (["migrate", "-v0"], ["load_reference"]):
            subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, check=True, env=env)
        started = time.monotonic()
        subprocess.run(
            [sys.executable, "manage.py", "generate_case_studies", "--count", str(size), "--seed", str(size)],
            cwd=ROOT,
            check=True,
            env=env,
        )
        filled = time.monotonic() - started
        print(f"SQLite filled to {size:,} in {filled:.0f} s", flush=True)
        os.environ.update(env)
        import django

        django.setup()
        from bench.run import measure_server_time
        from casestudies.models import Topic

        topics = list(Topic.objects.values_list("slug", flat=True))
        rng = random.Random(size)
        urls = {**keyword_scenarios(rng, topics), **scenarios(rng, topics)}
        report = {"size": size, "fill_seconds": round(filled), "server_time": measure_server_time(urls)}
        from casestudies.catalogue import searchlog

        searchlog.flush()  # while the database is still there, not at exit after the folder is gone
    output.write_text(json.dumps(report, indent=2))
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description="FTS5 keyword search on SQLite")
    parser.add_argument(
        "--sqlite", type=int, default=10000, help="case studies to fill the SQLite database with"
    )
    parser.add_argument("--output", default=str(ROOT / "bench" / "results-sqlite.json"))
    args = parser.parse_args()
    sqlite_run(args.sqlite, Path(args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
