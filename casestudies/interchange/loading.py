"""Loading the data that ships in fixtures/: reference lists, councils, demo and synthetic case studies.

Every loader is idempotent: it updates or creates by natural key (slug or registry code).
"""

import csv
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction

from casestudies.models import CaseStudy, Council, SupportType, SynonymGroup, SynonymSeed, Topic
from casestudies.ops import pagecache

from .evidenceformat import outcomes_by_case_study, replace_outcomes, validate_evidence

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
LONDON = ZoneInfo("Europe/London")
Progress = Callable[[int, int], None]


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@transaction.atomic
def load_reference_list(model: type[Topic] | type[SupportType], path: Path) -> LoadResult:
    result = LoadResult()
    for item in json.loads(path.read_text(encoding="utf-8")):
        values = {"name": item["name"], "description": item["description"], "order": item["order"]}
        for welsh in ("name_cy", "description_cy"):  # issue 23; an editor's own stays when the file has none
            if welsh in item:
                values[welsh] = item[welsh]
        obj = model.objects.filter(slug=item["slug"]).first()
        if obj is None:
            model.objects.create(slug=item["slug"], **values)
            result.created += 1
        elif any(getattr(obj, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(obj, key, value)
            obj.save()
            result.updated += 1
        else:
            result.unchanged += 1
    return result


def _council_values(row: dict[str, str]) -> dict:
    return {
        "name": row["nice-name"],
        "official_name": row["official-name"],
        "gss_code": row["gss-code"],
        "nation": row["nation"],
        "region": row["region"],
        "authority_type": row["local-authority-type-name"],
        "is_current": row["current-authority"] == "True",
        "start_date": date.fromisoformat(row["start-date"]) if row["start-date"] else None,
        "end_date": date.fromisoformat(row["end-date"]) if row["end-date"] else None,
        "latitude": float(row["lat"]) if row.get("lat") else None,
        "longitude": float(row["long"]) if row.get("long") else None,
    }


def _override_values(entry: dict, rows: dict[str, dict[str, str]]) -> dict:
    """An override's fields; ``location_from`` places a council at the mean point of the councils it names
    (a combined authority the data gives no point for sits in the middle of its member councils)."""
    values = dict(entry.get("fields", {}))
    members = entry.get("location_from")
    if members:
        points = [(float(rows[code]["lat"]), float(rows[code]["long"])) for code in members]
        values["latitude"] = round(sum(lat for lat, _ in points) / len(points), 10)
        values["longitude"] = round(sum(long for _, long in points) / len(points), 10)
    return values


def _welsh_names(path: Path) -> dict[str, dict]:
    """The Welsh councils' Welsh names by code (``name_cy``, ``official_name_cy``), from welsh_council_names.json."""
    if not path.exists():
        return {}
    councils = json.loads(path.read_text(encoding="utf-8"))["councils"]
    return {
        code: {"name_cy": names.get("name", ""), "official_name_cy": names.get("official_name", "")}
        for code, names in councils.items()
    }


@transaction.atomic
def load_councils(
    csv_path: Path | None = None, overrides_path: Path | None = None, welsh_names_path: Path | None = None
) -> LoadResult:
    """Load or refresh councils from mySociety's CSV, then apply the documented overrides and the Welsh names."""
    csv_path = csv_path or FIXTURES_DIR / "uk_local_authorities.csv"
    overrides_path = overrides_path or FIXTURES_DIR / "council_overrides.json"
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = {row["local-authority-code"]: row for row in csv.DictReader(handle)}
    overrides = {}
    if overrides_path.exists():
        for entry in json.loads(overrides_path.read_text(encoding="utf-8"))["overrides"]:
            overrides[entry["code"]] = _override_values(entry, rows)
    for code, names in _welsh_names(welsh_names_path or FIXTURES_DIR / "welsh_council_names.json").items():
        if code in rows:
            overrides[code] = {**overrides.get(code, {}), **names}
    existing = {council.code: council for council in Council.objects.all()}
    result = LoadResult()
    to_create, to_update = [], []
    fields = [*_council_values(next(iter(rows.values()))), "name_cy", "official_name_cy"]
    for code, row in rows.items():
        values = {**_council_values(row), **overrides.get(code, {})}
        council = existing.get(code)
        if council is None:
            to_create.append(Council(code=code, **values))
        elif any(getattr(council, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(council, key, value)
            to_update.append(council)
        else:
            result.unchanged += 1
    Council.objects.bulk_create(to_create, batch_size=500)
    Council.objects.bulk_update(to_update, fields, batch_size=500)
    result.created, result.updated = len(to_create), len(to_update)
    return result


@transaction.atomic
def load_synonyms(path: Path | None = None) -> LoadResult:
    """Add the starter synonym groups not loaded before; a group loaded once is the editors' from then on.

    Each group's ``key`` is remembered (``SynonymSeed``), so a group an editor has changed or deleted stays as the
    editor left it, and a group added to the file later is loaded on the next run.
    """
    result = LoadResult()
    seeded = set(SynonymSeed.objects.values_list("key", flat=True))
    for item in json.loads((path or FIXTURES_DIR / "synonyms.json").read_text(encoding="utf-8")):
        if item["key"] in seeded:
            result.unchanged += 1
            continue
        group = SynonymGroup(terms="\n".join(item["terms"]), note=item.get("note", ""))
        group.full_clean()
        group.save()
        SynonymSeed.objects.create(key=item["key"])
        result.created += 1
    return result


def load_reference() -> dict[str, LoadResult]:
    results = {
        "topics": load_reference_list(Topic, FIXTURES_DIR / "topics.json"),
        "support types": load_reference_list(SupportType, FIXTURES_DIR / "support_types.json"),
        "councils": load_councils(),
        "synonym groups": load_synonyms(),
    }
    pagecache.bump_version()
    return results


def demo_files() -> list[Path]:
    return sorted((FIXTURES_DIR / "demo").glob("case_studies_*.json"))


def demo_evidence(slug: str, evidence: dict) -> tuple[dict, list]:
    """A demo case study's impact, cost and evidence (``fixtures/demo/evidence.json``), checked as an import is."""
    problems: list[str] = []
    values, outcomes = validate_evidence(evidence.get(slug, {}), problems)
    if problems:
        raise ValueError(f"fixtures/demo/evidence.json, {slug}: {'; '.join(problems)}")
    return values, outcomes or []


def demo_welsh(slug: str, welsh: dict) -> dict[str, str]:
    """A demo case study's Welsh version (``fixtures/demo/welsh.json``, by slug) as the case study's Welsh fields:
    every field, or none (empty) when the file has no Welsh version for it."""
    version = welsh.get(slug)
    if version is None:
        return dict.fromkeys(CaseStudy.WELSH_FIELDS, "")
    missing = [field for field in CaseStudy.WELSH if not str(version.get(field) or "").strip()]
    if missing or set(version) - set(CaseStudy.WELSH):
        raise ValueError(f"fixtures/demo/welsh.json, {slug}: give exactly {', '.join(CaseStudy.WELSH)}")
    return {CaseStudy.WELSH[field]: version[field] for field in CaseStudy.WELSH}


@transaction.atomic
def load_demo(paths: list[Path] | None = None, progress: Progress | None = None) -> LoadResult:
    """Load the demo case studies as published. Needs the reference data loaded first."""
    items = [
        item for path in (paths or demo_files()) for item in json.loads(path.read_text(encoding="utf-8"))
    ]
    councils = {c.code: c for c in Council.objects.filter(code__in={item["council"] for item in items})}
    topics = {t.slug: t for t in Topic.objects.all()}
    supports = {s.slug: s for s in SupportType.objects.all()}
    existing = {cs.slug: cs for cs in CaseStudy.objects.filter(slug__in=[item["slug"] for item in items])}
    evidence = json.loads((FIXTURES_DIR / "demo" / "evidence.json").read_text(encoding="utf-8"))
    welsh = json.loads((FIXTURES_DIR / "demo" / "welsh.json").read_text(encoding="utf-8"))
    stored_outcomes = outcomes_by_case_study([cs.pk for cs in existing.values()])
    new_outcomes: dict[int, list] = {}
    result = LoadResult()
    for position, item in enumerate(items, start=1):
        published_at = datetime.combine(date.fromisoformat(item["published_on"]), time(10, 0), tzinfo=LONDON)
        values = {field: item[field] for field in CaseStudy.TEXT_FIELDS}
        values |= {
            "lead_council": councils[item["council"]],
            "status": CaseStudy.Status.PUBLISHED,
            "published_at": published_at,
        }
        stated, outcomes = demo_evidence(item["slug"], evidence)
        values |= stated
        values |= demo_welsh(item["slug"], welsh)
        case_study = existing.get(item["slug"])
        topic_ids = {topics[slug].pk for slug in item["topics"]}
        support_ids = {supports[slug].pk for slug in item["support_types"]}
        if case_study is None:
            case_study = CaseStudy.objects.create(slug=item["slug"], **values)
            result.created += 1
        else:
            changed = any(getattr(case_study, key) != value for key, value in values.items())
            changed |= {t.pk for t in case_study.topics.all()} != topic_ids
            changed |= {s.pk for s in case_study.support_types.all()} != support_ids
            changed |= stored_outcomes.get(case_study.pk, []) != outcomes
            if not changed:
                result.unchanged += 1
                continue
            for key, value in values.items():
                setattr(case_study, key, value)
            case_study.save()
            result.updated += 1
        case_study.topics.set(topic_ids)
        case_study.support_types.set(support_ids)
        new_outcomes[case_study.pk] = outcomes
        if progress:
            progress(position, len(items))
    replace_outcomes(new_outcomes)
    pagecache.bump_version()
    return result
