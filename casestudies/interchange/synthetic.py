"""Synthetic published case studies for load and performance work (``manage.py generate_case_studies``).

The text is assembled from a bank of sentences so that lengths, vocabulary and topic mixes look like real case
studies to the database and the search index. It is never loaded in production.
"""

import random
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.utils.text import slugify

from casestudies.models import CaseStudy, Council, SupportType, Topic
from casestudies.ops import pagecache

SUBJECTS = [
    "digital inclusion",
    "loneliness",
    "home adaptations",
    "food waste",
    "school streets",
    "fuel poverty",
    "youth employment",
    "empty homes",
    "social prescribing",
    "library services",
    "town centre footfall",
    "street lighting",
    "care leavers",
    "day services",
    "bus reliability",
    "tree planting",
    "fly-tipping",
    "domestic abuse",
    "apprenticeships",
    "temporary accommodation",
    "council tax collection",
    "active travel",
    "hospital discharge",
    "community hubs",
    "allotments",
    "flood resilience",
    "air quality",
    "leisure centres",
    "family hubs",
    "adult learning",
    "retrofit",
    "shared prosperity",
    "community safety partnerships",
    "electric vehicle charging",
    "waste collection rounds",
    "planning enforcement",
    "debt advice",
]
PROGRAMMES = [
    "Better Together",
    "Pathways",
    "Open Doors",
    "Healthy Homes",
    "Thrive",
    "Connect",
    "Kickstart Local",
    "Warm Spaces",
    "Fresh Start",
    "Green Streets",
    "Step Up",
    "Neighbourhood First",
    "Ready to Work",
]
PLACES = [
    "the town centre",
    "three estates in the north of the borough",
    "rural parishes",
    "the coastal wards",
    "two market towns",
    "the city's inner wards",
    "former mining villages",
    "the county's smaller towns",
]
PARTNERS = [
    "the local NHS trust",
    "the police",
    "a housing association",
    "the university",
    "the voluntary sector",
    "local businesses",
    "the fire and rescue service",
    "the integrated care board",
    "parish councils",
]
SENTENCES = {
    "challenge": [
        "Demand for {subject} support had risen by {pct} per cent in three years while the budget stayed flat.",
        "Residents in {place} told the council that services felt disconnected and hard to reach.",
        "The council was spending around £{money} a year on reactive work that earlier help could have avoided.",
        "Data showed that {number} households were in contact with four or more services at once.",
        "Staff turnover in the team had reached {pct} per cent, and vacancies were filled with agency workers.",
        "A peer review found that the council and {partner} were collecting the same information twice.",
        "Complaints about {subject} had doubled since the pandemic, mostly about waiting times.",
        "The existing contract was due to end and the market offered few alternatives at a sustainable price.",
        "People with the greatest need were the least likely to use online forms or call centres.",
    ],
    "solution": [
        "The council set up a small multi-disciplinary team to redesign {subject} around what residents said mattered.",
        "Working with {partner}, it opened a single front door for {subject} in {place}.",
        "A twelve-week pilot called {programme} tested the new approach with {number} residents.",
        "Officers mapped every step of the process and removed {number} hand-offs between teams.",
        "Frontline staff were trained to have a different kind of conversation, starting from people's strengths.",
        "The council used its own data to find households likely to need help before they reached crisis point.",
        "Funding of £{money} from a national programme paid for the first year, with match funding from the council.",
        "Councillors took part in design workshops and agreed the principles before any spending was committed.",
        "A simple online tool was built in-house, tested with residents and improved every fortnight.",
        "Community organisations were commissioned on three-year grants rather than annual contracts.",
    ],
    "impact": [
        "Within a year, {pct} per cent of people using the service said it had helped them stay independent.",
        "The council estimates savings of £{money} a year, mainly from fewer emergency placements.",
        "Waiting times fell from {weeks} weeks to under {days} days.",
        "Around {number} residents were supported in the first eighteen months, {pct} per cent of them new to council services.",
        "An independent evaluation found a return of £{ratio} for every pound spent.",
        "Repeat contacts dropped by {pct} per cent, freeing staff time for the most complex cases.",
        "Satisfaction with {subject} rose from {pct} per cent to {pct2} per cent in the annual residents' survey.",
        "Carbon emissions from the service fell by {number} tonnes a year.",
    ],
    "sustainability": [
        "The approach is now part of the council's core budget rather than one-off funding.",
        "A steering group with {partner} meets quarterly to review the data and agree changes.",
        "Every new starter in the directorate is trained in the approach during induction.",
        "The council is extending {programme} to {place} over the next two years.",
        "Performance is reported to the cabinet twice a year alongside the council plan measures.",
    ],
    "lessons": [
        "Start small, measure from day one and be honest about what does not work.",
        "Involving frontline staff early built trust and surfaced problems that managers had not seen.",
        "Data sharing agreements took far longer than expected, so start them before anything else.",
        "Residents were the best source of ideas; paying them for their time widened who took part.",
        "Political sponsorship mattered, especially when early results were mixed.",
        "Be clear about who owns the outcome when several organisations share the work.",
        "Do not underestimate the time it takes to change long-standing habits in a large organisation.",
    ],
}
SECTION_SENTENCES = {"challenge": 9, "solution": 14, "impact": 9, "sustainability": 5, "lessons": 6}
TITLE_PATTERNS = [
    "{council}: {programme} for {subject}",
    "Rethinking {subject} in {council}",
    "How {council} transformed {subject}",
    "{programme}: {subject} with {partner} in {council}",
]


def _fill(template: str, rng: random.Random, context: dict[str, str]) -> str:
    return template.format(
        subject=context["subject"],
        place=rng.choice(PLACES),
        partner=rng.choice(PARTNERS),
        programme=context["programme"],
        pct=rng.randint(8, 64),
        pct2=rng.randint(65, 92),
        money=f"{rng.randint(40, 2400) * 1000:,}",
        number=f"{rng.randint(12, 4800):,}",
        weeks=rng.randint(6, 20),
        days=rng.randint(3, 14),
        ratio=f"{rng.uniform(1.5, 6.0):.2f}",
        council=context["council"],
    )


def _section(name: str, rng: random.Random, context: dict[str, str]) -> str:
    count = SECTION_SENTENCES[name]
    sentences = [
        _fill(rng.choice(SENTENCES[name]), rng, context) for _ in range(rng.randint(count - 2, count + 3))
    ]
    split = max(1, len(sentences) // 2)
    return " ".join(sentences[:split]) + "\n\n" + " ".join(sentences[split:])


def generate_case_studies(
    *,
    count: int,
    seed: int | None = None,
    batch_size: int = 1000,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Insert ``count`` published synthetic case studies in bulk; returns the number created."""
    rng = random.Random(seed)
    councils = list(Council.objects.filter(is_current=True).values_list("pk", "name"))
    topic_ids = list(Topic.objects.values_list("pk", flat=True))
    support_ids = list(SupportType.objects.values_list("pk", flat=True))
    if not councils or not topic_ids:
        raise ValueError("Load the reference data first (manage.py load_reference).")
    run = secrets.token_hex(3)
    start = datetime(2019, 1, 1, 9, tzinfo=UTC)
    span = int((datetime.now(UTC) - start).total_seconds())
    topic_through = CaseStudy.topics.through
    support_through = CaseStudy.support_types.through
    created = 0
    while created < count:
        size = min(batch_size, count - created)
        objects, topic_choices, support_choices = [], [], []
        for index in range(created, created + size):
            council_id, council_name = rng.choice(councils)
            context = {
                "subject": rng.choice(SUBJECTS),
                "programme": rng.choice(PROGRAMMES),
                "council": council_name,
            }
            title = _fill(rng.choice(TITLE_PATTERNS), rng, context)[:200]
            objects.append(
                CaseStudy(
                    title=title,
                    slug=f"{slugify(title)[:180]}-{run}{index}",
                    lead_council_id=council_id,
                    partners=", ".join(rng.sample(PARTNERS, rng.randint(0, 3))),
                    summary=" ".join(
                        _fill(rng.choice(SENTENCES[k]), rng, context)
                        for k in ("challenge", "solution", "impact")
                    ),
                    **{name: _section(name, rng, context) for name in SECTION_SENTENCES},
                    contact_name=rng.choice(["Sam", "Priya", "Tom", "Aisha", "Gareth", "Mei", "Joanne"])
                    + " "
                    + rng.choice(["Patel", "Jones", "Okafor", "Williams", "Nowak", "Hughes", "Begum"]),
                    contact_role=rng.choice(
                        ["Service manager", "Head of service", "Programme lead", "Policy officer"]
                    ),
                    contact_email=f"case.study.{run}{index}@council.example",
                    status=CaseStudy.Status.PUBLISHED,
                    published_at=start + timedelta(seconds=rng.randrange(span)),
                )
            )
            topic_choices.append(rng.sample(topic_ids, rng.choice((1, 1, 2, 2, 2, 3))))
            support_choices.append(rng.sample(support_ids, rng.choice((0, 1, 1, 2))) if support_ids else [])
        with transaction.atomic():
            CaseStudy.objects.bulk_create(objects, batch_size=batch_size)
            saved = dict(
                CaseStudy.objects.filter(slug__in=[o.slug for o in objects]).values_list("slug", "pk")
            )
            topic_through.objects.bulk_create(
                [
                    topic_through(casestudy_id=saved[o.slug], topic_id=t)
                    for o, chosen in zip(objects, topic_choices, strict=True)
                    for t in chosen
                ],
                batch_size=5000,
            )
            support_through.objects.bulk_create(
                [
                    support_through(casestudy_id=saved[o.slug], supporttype_id=s)
                    for o, chosen in zip(objects, support_choices, strict=True)
                    for s in chosen
                ],
                batch_size=5000,
            )
        created += size
        if progress:
            progress(created)
    pagecache.bump_version()
    return created
