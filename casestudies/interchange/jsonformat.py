"""Import and export of case studies as one documented JSON format (docs/data-format.md).

Export streams: it never holds more than one chunk of case studies in memory. Import validates every record
first and writes nothing if any is invalid, unless asked to skip the invalid ones; it is idempotent by slug.
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email, validate_slug
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from casestudies.models import Attachment, CaseStudy, Council, ModerationEvent, Outcome, SupportType, Topic
from casestudies.models.revisions import save_revision
from casestudies.ops import pagecache

from .bulk import chunks, related_ids
from .evidenceformat import evidence_record, outcomes_by_case_study, replace_outcomes, validate_evidence
from .welshformat import validate_welsh, welsh_record

FORMAT = "casestudies/2"
# What the importer reads: this format, the first one (without impact, cost and evidence), or no header at all.
READABLE = (None, "casestudies/1", FORMAT)
TEXT_FIELDS = CaseStudy.TEXT_FIELDS
PRIVATE_FIELDS = ("submitter_name", "submitter_email")
REQUIRED_TEXT = set(TEXT_FIELDS) - {"partners"}
WORDING = (*TEXT_FIELDS, *CaseStudy.WELSH_FIELDS)  # a change to any of these is a change to the text
Progress = Callable[[int], None]
# Case studies per revision written by an import (each revision holds one version of each).
REVISION_CHUNK = 500


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def case_study_record(case_study: CaseStudy, *, include_private: bool) -> dict[str, Any]:
    record: dict[str, Any] = {
        "slug": case_study.slug,
        "reference": case_study.reference,
        "status": case_study.status,
        "council": case_study.lead_council.code,
        "council_gss_code": case_study.lead_council.gss_code,
    }
    record |= {name: getattr(case_study, name) for name in TEXT_FIELDS} | welsh_record(case_study)
    record["topics"] = [topic.slug for topic in case_study.topics.all()]
    record["support_types"] = [support.slug for support in case_study.support_types.all()]
    record |= evidence_record(case_study)
    record["published_at"] = _iso(case_study.published_at)
    record["submitted_at"] = _iso(case_study.submitted_at)
    record["files"] = [
        {
            "kind": attachment.kind,
            "title": attachment.title,
            "decorative": attachment.decorative,
            "type": attachment.file_type,
            "size": attachment.size,
            "url": f"{settings.SITE_URL}{attachment.url}",
        }
        for attachment in case_study.attachments.all()
    ]
    if include_private:
        record |= {name: getattr(case_study, name) for name in PRIVATE_FIELDS}
        record["publication_consent"] = case_study.publication_consent
    return record


def export_queryset() -> QuerySet[CaseStudy]:
    return (
        CaseStudy.objects.select_related("lead_council")
        .prefetch_related(
            Prefetch("topics", queryset=Topic.objects.order_by("slug")),
            Prefetch("support_types", queryset=SupportType.objects.order_by("slug")),
            Prefetch("attachments", queryset=Attachment.objects.order_by("kind", "position", "id")),
            Prefetch("outcomes", queryset=Outcome.objects.order_by("position", "id")),
        )
        .order_by("id")
    )


def export_case_studies(
    stream: IO[str],
    *,
    queryset: QuerySet[CaseStudy] | None = None,
    include_private: bool = True,
    progress: Progress | None = None,
) -> int:
    """Write the JSON document to ``stream`` one record at a time; returns the number written."""
    queryset = export_queryset() if queryset is None else queryset
    header = {"format": FORMAT, "exported_at": timezone.now().isoformat()}
    stream.write("{\n" + "".join(f"  {json.dumps(k)}: {json.dumps(v)},\n" for k, v in header.items()))
    stream.write('  "case_studies": [')
    count = 0
    for case_study in queryset.iterator(chunk_size=1000):
        record = json.dumps(
            case_study_record(case_study, include_private=include_private), ensure_ascii=False
        )
        stream.write(("\n    " if count == 0 else ",\n    ") + record)
        count += 1
        if progress and count % 1000 == 0:
            progress(count)
    stream.write("\n  ]\n}\n")
    if progress:
        progress(count)
    return count


@dataclass
class ImportReport:
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (position, slug, reason)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Valid:
    values: dict[str, Any]
    topics: list[int]
    support_types: list[int]
    outcomes: list | None = None  # None: the record has none (a casestudies/1 record), so they are left alone


class _Lookups:
    def __init__(self) -> None:
        self.topics = dict(Topic.objects.values_list("slug", "pk"))
        self.supports = dict(SupportType.objects.values_list("slug", "pk"))
        self.councils: dict[str, int] = {}
        for pk, code, gss in Council.objects.values_list("pk", "code", "gss_code"):
            self.councils[code] = pk
            if gss:
                self.councils.setdefault(gss, pk)


def _parse_date(record: dict, name: str, problems: list[str]) -> datetime | None:
    value = record.get(name)
    if value in (None, ""):
        return None
    try:
        parsed = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:  # well formed but impossible, such as month 13
        parsed = None
    if parsed is None:
        problems.append(f"{name} is not an ISO 8601 date and time: {value!r}")
        return None
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def validate_record(record: Any, lookups: _Lookups) -> tuple[_Valid | None, list[str]]:
    if not isinstance(record, dict):
        return None, ["the record is not a JSON object"]
    problems: list[str] = []
    slug = record.get("slug")
    if not isinstance(slug, str) or not slug:
        problems.append("slug is missing")
    else:
        try:
            validate_slug(slug)
        except ValidationError:
            problems.append(f"slug {slug!r} may contain only letters, numbers, hyphens and underscores")
        if len(slug) > 220:
            problems.append("slug is longer than 220 characters")
    values: dict[str, Any] = {}
    for name in TEXT_FIELDS + PRIVATE_FIELDS:
        if name in PRIVATE_FIELDS and name not in record:
            continue  # left out (as by --public-only): an existing case study keeps its value
        value = record.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            problems.append(f"{name} must be text")
            continue
        if name in REQUIRED_TEXT and not value.strip():
            problems.append(f"{name} is required")
        max_length = CaseStudy._meta.get_field(name).max_length
        if max_length and len(value) > max_length:
            problems.append(f"{name} is longer than {max_length} characters")
        values[name] = value
    for name in ("contact_email", "submitter_email"):
        if values.get(name):
            try:
                validate_email(values[name])
            except ValidationError:
                problems.append(f"{name} is not a valid email address: {values[name]!r}")
    status = record.get("status", CaseStudy.Status.DRAFT)
    if status not in CaseStudy.Status.values:
        problems.append(f"status must be one of {', '.join(CaseStudy.Status.values)}: {status!r}")
    council = next(
        (
            lookups.councils[code]
            for code in (record.get("council"), record.get("council_gss_code"))
            if isinstance(code, str) and code in lookups.councils
        ),
        None,
    )
    if council is None:
        problems.append(f"unknown council {record.get('council')!r} (give a registry code or GSS code)")
    topics = record.get("topics")
    if not isinstance(topics, list) or not topics:
        problems.append("topics must be a list of at least one topic slug")
        topics = []
    unknown = [slug for slug in topics if not isinstance(slug, str) or slug not in lookups.topics]
    if unknown:
        problems.append(f"unknown topics: {', '.join(map(str, unknown))}")
    supports = record.get("support_types") or []
    if not isinstance(supports, list):
        problems.append("support_types must be a list")
        supports = []
    unknown = [slug for slug in supports if not isinstance(slug, str) or slug not in lookups.supports]
    if unknown:
        problems.append(f"unknown support types: {', '.join(map(str, unknown))}")
    published_at = _parse_date(record, "published_at", problems)
    submitted_at = _parse_date(record, "submitted_at", problems)
    if status == CaseStudy.Status.PUBLISHED and published_at is None:
        problems.append("a published case study needs published_at")
    if "publication_consent" in record and not isinstance(record["publication_consent"], bool):
        problems.append("publication_consent must be true or false")
    evidence, outcomes = validate_evidence(record, problems)
    evidence |= validate_welsh(record, problems)
    reference = record.get("reference")
    if reference is not None and (not isinstance(reference, str) or len(reference) > 20):
        problems.append("reference must be text of at most 20 characters")
    if problems:
        return None, problems
    values |= {
        "slug": slug,
        "status": status,
        "lead_council_id": council,
        "published_at": published_at,
        "submitted_at": submitted_at,
        "reference": reference or None,
        **evidence,
    }
    if "publication_consent" in record:
        values["publication_consent"] = record["publication_consent"]
    topic_ids, support_ids = [lookups.topics[s] for s in topics], [lookups.supports[s] for s in supports]
    return _Valid(values, topic_ids, support_ids, outcomes), []


def read_records(stream: IO[str]) -> list[Any]:
    document = json.load(stream)
    if isinstance(document, dict):
        if document.get("format") not in READABLE:
            raise ValueError(f"Unknown format {document.get('format')!r}; expected {FORMAT!r}.")
        records = document.get("case_studies")
    else:
        records = document
    if not isinstance(records, list):
        raise ValueError('Expected a list of case studies under "case_studies".')
    return records


def import_case_studies(
    records: Iterable[Any],
    *,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    reason: str = "Imported",
) -> ImportReport:
    records = list(records)
    report = ImportReport(total=len(records))
    lookups = _Lookups()
    valid: dict[str, _Valid] = {}
    for position, record in enumerate(records, start=1):
        checked, problems = validate_record(record, lookups)
        slug = record.get("slug", "") if isinstance(record, dict) else ""
        if checked and checked.values["slug"] in valid:
            problems = [f"slug {slug!r} appears more than once in the file"]
            checked = None
        if problems:
            report.errors.append((position, str(slug), "; ".join(problems)))
        else:
            valid[checked.values["slug"]] = checked
    if report.errors and not skip_invalid:
        return report
    report.skipped = len(report.errors)
    _write(list(valid.values()), report, progress, reason)
    return report


@transaction.atomic
def _write(items: list[_Valid], report: ImportReport, progress: Progress | None, reason: str) -> None:
    """Create the new case studies, update the changed ones (each a revision saying why), leave identical ones
    alone."""
    existing: dict[str, CaseStudy] = {}
    for chunk in chunks([item.values["slug"] for item in items], 500):
        existing |= {cs.slug: cs for cs in CaseStudy.objects.filter(slug__in=chunk)}
    current_topics = related_ids(CaseStudy.topics.through, "topic_id", [cs.pk for cs in existing.values()])
    current_supports = related_ids(
        CaseStudy.support_types.through, "supporttype_id", [cs.pk for cs in existing.values()]
    )
    current_outcomes = outcomes_by_case_study([cs.pk for cs in existing.values()])
    taken_refs = set(CaseStudy.objects.exclude(reference=None).values_list("reference", flat=True))
    to_create, to_update, written = [], [], []
    imported_at = timezone.now()
    for item in items:
        values = item.values
        current = existing.get(values["slug"])
        if (
            values["reference"]
            and values["reference"] in taken_refs
            and (current is None or current.reference != values["reference"])
        ):
            # never steal another case study's reference (nor give one to two records of this file)
            values["reference"] = current.reference if current is not None else None
        taken_refs.add(values["reference"])
        if current is None:
            # Imported records were submitted elsewhere: their emails are not ours to (re)send.
            to_create.append(
                CaseStudy(**values, submitter_notified_at=imported_at, editors_notified_at=imported_at)
            )
        elif (
            all(getattr(current, name) == value for name, value in values.items())
            and current_topics.get(current.pk, set()) == set(item.topics)
            and current_supports.get(current.pk, set()) == set(item.support_types)
            and item.outcomes in (None, current_outcomes.get(current.pk, []))
        ):
            report.unchanged += 1
            continue
        else:
            if any(getattr(current, name) != values[name] for name in WORDING if name in values):
                current.text_updated_at = imported_at
            for name, value in values.items():
                setattr(current, name, value)
            to_update.append(current)
        written.append(item)
    update_fields = list(dict.fromkeys(name for item in items for name in item.values if name != "slug"))
    update_fields.append("text_updated_at")
    done = 0
    for chunk in chunks(to_create, 500):
        CaseStudy.objects.bulk_create(chunk)
        done += len(chunk)
        if progress:
            progress(done)
    for chunk in chunks(to_update, 100):
        CaseStudy.objects.bulk_update(chunk, update_fields)
        done += len(chunk)
        if progress:
            progress(done)
    pks = _pks_by_slug(written)
    topic_through = CaseStudy.topics.through
    support_through = CaseStudy.support_types.through
    for chunk in chunks([cs.pk for cs in to_update], 500):
        topic_through.objects.filter(casestudy_id__in=chunk).delete()
        support_through.objects.filter(casestudy_id__in=chunk).delete()
    topic_through.objects.bulk_create(
        [
            topic_through(casestudy_id=pks[i.values["slug"]], topic_id=t)
            for i in written
            for t in set(i.topics)
        ],
        batch_size=2000,
    )
    support_through.objects.bulk_create(
        [
            support_through(casestudy_id=pks[i.values["slug"]], supporttype_id=s)
            for i in written
            for s in set(i.support_types)
        ],
        batch_size=2000,
    )
    replace_outcomes({pks[i.values["slug"]]: i.outcomes for i in written if i.outcomes is not None})
    ModerationEvent.objects.bulk_create(
        [
            ModerationEvent(
                case_study_id=pks[i.values["slug"]],
                action=ModerationEvent.Action.IMPORTED,
                to_status=i.values["status"],
            )
            for i in written
        ],
        batch_size=2000,
    )
    for chunk in chunks(list(pks.values()), REVISION_CHUNK):
        written_now = CaseStudy.objects.filter(pk__in=chunk).prefetch_related("topics", "support_types")
        save_revision(*written_now, comment=reason)
    report.created, report.updated = len(to_create), len(to_update)
    pagecache.bump_version()


def _pks_by_slug(items: list[_Valid]) -> dict[str, int]:
    pks: dict[str, int] = {}
    for chunk in chunks([i.values["slug"] for i in items], 500):
        pks |= dict(CaseStudy.objects.filter(slug__in=chunk).values_list("slug", "pk"))
    return pks
