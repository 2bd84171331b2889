"""Open data: the current search as CSV or JSON, streamed row by row so memory stays flat at any size."""

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop

from casestudies.catalogue.context import SearchContext
from casestudies.models import Attachment, CaseStudy, Outcome, SupportType, Topic
from casestudies.models.files import file_url
from casestudies.ops import safejson

LICENCE = gettext_noop(
    "Case study text: Open Government Licence v3.0 "
    "(https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/). "
    "Council names and codes: mySociety, UK Local Authority Names and Codes, CC BY 4.0 "
    "(https://creativecommons.org/licenses/by/4.0/)."
)
COLUMNS = [
    ("url", gettext_noop("The case study's page")),
    ("slug", gettext_noop("Stable identifier")),
    ("title", gettext_noop("Title")),
    ("published_at", gettext_noop("Publication date and time (ISO 8601)")),
    ("council_name", gettext_noop("Lead council")),
    ("council_code", gettext_noop("Lead council's registry code (mySociety)")),
    ("council_gss_code", gettext_noop("Lead council's GSS code (ONS)")),
    ("region", gettext_noop("Lead council's region")),
    ("council_type", gettext_noop("Lead council's type")),
    ("partners", gettext_noop("Partner organisations")),
    ("topics", gettext_noop("Topic slugs, separated by semicolons")),
    ("support_types", gettext_noop("Support-type slugs, separated by semicolons")),
    ("summary", gettext_noop("Summary")),
    ("challenge", gettext_noop("The challenge")),
    ("solution", gettext_noop("The solution")),
    ("impact", gettext_noop("The impact")),
    ("sustainability", gettext_noop("How the approach is being sustained")),
    ("lessons", gettext_noop("Lessons learned")),
    ("contact_name", gettext_noop("Published contact's name")),
    ("contact_role", gettext_noop("Published contact's job title")),
    ("contact_email", gettext_noop("Published contact's email address")),
    ("lead_image_url", gettext_noop("The lead image (largest size), if there is one")),
    ("lead_image_alt", gettext_noop("The lead image's text alternative (empty when it is decorative)")),
    (
        "document_urls",
        gettext_noop("The case study's documents (PDF, DOCX, XLSX, ODT), separated by semicolons"),
    ),
    (
        "cost_band",
        gettext_noop(
            "What it cost, as a band: under_10k, 10k_50k, 50k_250k, 250k_1m, over_1m (empty: not stated)"
        ),
    ),
    ("cost_amount", gettext_noop("The exact cost in pounds, if stated")),
    ("cost_covers", gettext_noop("What the cost covers")),
    ("savings_per_year", gettext_noop("Savings or income a year in pounds, if stated (self-reported)")),
    ("savings_method", gettext_noop("How the savings were worked out")),
    (
        "evidence_level",
        gettext_noop(
            "The evidence level shown on the page, 1 to 5: the confirmed level if there is one, else the self-assessed one"
        ),
    ),
    (
        "evidence_level_claimed",
        gettext_noop("The self-assessed evidence level, 1 to 5, as the council gave it"),
    ),
    (
        "evidence_level_confirmed",
        gettext_noop("The evidence level an editor confirmed, 1 to 5 (empty: not confirmed)"),
    ),
    ("evaluation_url", gettext_noop("A link to the evaluation report")),
    ("stage", gettext_noop("Stage: idea, pilot, rolled_out, embedded or stopped (empty: not stated)")),
    ("stopped_reason", gettext_noop("Why it stopped")),
    ("start_year", gettext_noop("Year it started")),
    ("end_year", gettext_noop("Year it ended")),
    ("last_reviewed", gettext_noop("When it was last confirmed still accurate (ISO 8601 date)")),
    (
        "outcomes",
        gettext_noop(
            "Measured outcomes, up to six, in order: each with measure, before, after, unit, period and source "
            "(figures are numbers; before may be null). In the CSV, a JSON list in one cell"
        ),
    ),
    # The Welsh version (issue 23): empty when the case study is in English only.
    ("title_cy", gettext_noop("Title in Welsh (empty: no Welsh version)")),
    ("summary_cy", gettext_noop("Summary in Welsh")),
    ("challenge_cy", gettext_noop("The challenge, in Welsh")),
    ("solution_cy", gettext_noop("The solution, in Welsh")),
    ("impact_cy", gettext_noop("The impact, in Welsh")),
    ("sustainability_cy", gettext_noop("How the approach is being sustained, in Welsh")),
    ("lessons_cy", gettext_noop("Lessons learned, in Welsh")),
]
CHUNK = 1000


def export_queryset(queryset: QuerySet[CaseStudy]) -> QuerySet[CaseStudy]:
    return (
        queryset.select_related("lead_council")
        .prefetch_related(
            Prefetch("topics", queryset=Topic.objects.only("slug", "order", "name")),
            Prefetch("support_types", queryset=SupportType.objects.only("slug", "order", "name")),
        )
        .defer("submitter_name", "submitter_email")
    )


@dataclass(frozen=True)
class FileLinks:
    image_url: str = ""
    image_alt: str = ""
    document_urls: tuple[str, ...] = ()
    outcomes: tuple[dict, ...] = ()  # not a file, but read the same light way, per chunk


def with_files(queryset: QuerySet[CaseStudy]) -> Iterator[tuple[CaseStudy, FileLinks]]:
    """Each case study with its files' addresses and its outcomes, read with two light queries per chunk of case
    studies (a prefetch would give each of the thousand instances a queryset of its own)."""
    chunk: list[CaseStudy] = []
    for case_study in export_queryset(queryset).iterator(chunk_size=CHUNK):
        chunk.append(case_study)
        if len(chunk) == CHUNK:
            yield from _linked(chunk)
            chunk = []
    yield from _linked(chunk)


def _linked(chunk: list[CaseStudy]) -> Iterator[tuple[CaseStudy, FileLinks]]:
    found: dict[int, FileLinks] = {}
    rows = (
        Attachment.objects.filter(case_study_id__in=[c.pk for c in chunk])
        .order_by("kind", "position", "id")
        .values_list("case_study_id", "kind", "key", "name", "title", "decorative")
    )
    for case_study_id, kind, key, name, title, decorative in rows:
        links = found.get(case_study_id, FileLinks())
        url = settings.SITE_URL + file_url(key, name)
        if kind == Attachment.Kind.IMAGE:
            links = replace(links, image_url=url, image_alt="" if decorative else title)
        else:
            links = replace(links, document_urls=(*links.document_urls, url))
        found[case_study_id] = links
    outcomes = (
        Outcome.objects.filter(case_study_id__in=[c.pk for c in chunk])
        .order_by("position", "id")
        .values_list("case_study_id", "measure", "before", "after", "unit", "period", "source")
    )
    for case_study_id, measure, before, after, unit, period, source in outcomes:
        links = found.get(case_study_id, FileLinks())
        outcome = {"measure": measure, "before": _figure(before), "after": _figure(after)}
        outcome |= {"unit": unit, "period": period, "source": source}
        found[case_study_id] = replace(links, outcomes=(*links.outcomes, outcome))
    for case_study in chunk:
        yield case_study, found.get(case_study.pk, FileLinks())


def _text(value) -> str:
    return "" if value is None else str(value)


def _figure(value) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def row(case_study: CaseStudy, files: FileLinks | None = None) -> dict:
    """Public fields only: never the submitter's details. Every value is text but ``outcomes``, a list."""
    council = case_study.lead_council
    files = files or FileLinks()
    return {
        "url": f"{settings.SITE_URL}{case_study.get_absolute_url()}",
        "slug": case_study.slug,
        "title": case_study.title,
        "published_at": case_study.published_at.isoformat() if case_study.published_at else "",
        "council_name": council.name,
        "council_code": council.code,
        "council_gss_code": council.gss_code,
        "region": council.region,
        "council_type": council.authority_type,
        "partners": case_study.partners,
        "topics": ";".join(t.slug for t in case_study.topics.all()),
        "support_types": ";".join(s.slug for s in case_study.support_types.all()),
        "summary": case_study.summary,
        "challenge": case_study.challenge,
        "solution": case_study.solution,
        "impact": case_study.impact,
        "sustainability": case_study.sustainability,
        "lessons": case_study.lessons,
        "contact_name": case_study.contact_name,
        "contact_role": case_study.contact_role,
        "contact_email": case_study.contact_email,
        "lead_image_url": files.image_url,
        "lead_image_alt": files.image_alt,
        "document_urls": ";".join(files.document_urls),
        **{
            name: _text(getattr(case_study, name))
            for name in (
                "cost_band",
                "cost_amount",
                "cost_covers",
                "savings_per_year",
                "savings_method",
                "evidence_level",
                "evidence_level_claimed",
                "evidence_level_confirmed",
                "evaluation_url",
                "stage",
                "stopped_reason",
                "start_year",
                "end_year",
            )
        },
        "last_reviewed": case_study.last_reviewed.isoformat() if case_study.last_reviewed else "",
        "outcomes": list(files.outcomes),
        **{name: getattr(case_study, name) for name in CaseStudy.WELSH_FIELDS},
    }


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_rows(queryset: QuerySet[CaseStudy]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([name for name, _ in COLUMNS] + ["licence"])
    for case_study, files in with_files(queryset):
        values = row(case_study, files)
        values["outcomes"] = safejson.dumps(values["outcomes"]) if values["outcomes"] else ""
        yield writer.writerow([_safe_cell(values[name]) for name, _ in COLUMNS] + [LICENCE])


def _safe_cell(value: str) -> str:
    """Stop spreadsheet programs treating submitted text as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def json_chunks(queryset: QuerySet[CaseStudy], *, source: str) -> Iterator[str]:
    header = {
        "licence": LICENCE,
        "source": source,
        "generated_at": timezone.now().isoformat(),
        "columns": dict(COLUMNS),
    }
    yield safejson.dumps(header)[:-1] + ', "case_studies": ['
    first = True
    for case_study, files in with_files(queryset):
        yield ("" if first else ",") + "\n" + safejson.dumps(row(case_study, files))
        first = False
    yield "\n]}\n"


def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    search = SearchContext.from_request(request)
    response = StreamingHttpResponse(csv_rows(search.results()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="case-studies.csv"'
    return response


def export_json(request: HttpRequest) -> StreamingHttpResponse:
    search = SearchContext.from_request(request)
    source = settings.SITE_URL + search.list_url_with_query
    response = StreamingHttpResponse(
        json_chunks(search.results(), source=source), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="case-studies.json"'
    return response


# On the page, the outcome keys are code and the datasets' and licences' own names English (issue 23: a Welsh page
# marks what stays English).
_KEYS = re.compile(r"\b(measure|before|after|unit|period|source)\b")
_OWN_NAMES = re.compile(r"(UK Local Authority Names and Codes|CC BY 4\.0)")


def _meaning(name: str, meaning: str) -> str | SafeString:
    text = gettext(meaning)
    return mark_safe(_KEYS.sub(r"<code>\1</code>", escape(text))) if name == "outcomes" else text


def open_data(request: HttpRequest) -> HttpResponse:
    """The open data page, in the page's language (the downloads' own column names and licence stay English)."""
    columns = [(name, _meaning(name, meaning)) for name, meaning in COLUMNS]
    licence = mark_safe(_OWN_NAMES.sub(r'<span lang="en">\1</span>', escape(gettext(LICENCE))))
    return render(request, "open_data.html", {"columns": columns, "licence": licence})
