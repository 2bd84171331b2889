"""A case study's Welsh version in the import/export format (docs/data-format.md; issue 23).

``"welsh"`` is optional: ``{"title": …, "summary": …, "challenge": …, "solution": …, "impact": …,
"sustainability": …, "lessons": …}`` (every key, none empty), or ``null`` for a case study without one. A record
that leaves the key out (as every ``casestudies/1`` and earlier ``casestudies/2`` file does) leaves an existing
Welsh version alone; ``null`` removes it.
"""

from typing import Any

from casestudies.models import CaseStudy

KEY = "welsh"


def welsh_record(case_study: CaseStudy) -> dict[str, Any]:
    """``{"welsh": {...}}`` with the Welsh version, or ``{"welsh": None}``."""
    if not case_study.has_welsh:
        return {KEY: None}
    return {KEY: {field: getattr(case_study, welsh) for field, welsh in CaseStudy.WELSH.items()}}


def validate_welsh(record: dict, problems: list[str]) -> dict[str, str]:
    """The Welsh fields to write (none when the record leaves the key out), naming every problem in ``problems``."""
    if KEY not in record:
        return {}
    version = record[KEY]
    if version is None:
        return dict.fromkeys(CaseStudy.WELSH_FIELDS, "")
    if not isinstance(version, dict):
        problems.append("welsh must be an object with the Welsh title, summary and sections, or null")
        return {}
    unknown = sorted(set(version) - set(CaseStudy.WELSH))
    if unknown:
        problems.append(f"welsh has unknown keys: {', '.join(map(str, unknown))}")
    values = {}
    for field, name in CaseStudy.WELSH.items():
        value = version.get(field)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"welsh.{field} is required (a Welsh version gives every field)")
            continue
        max_length = CaseStudy._meta.get_field(name).max_length
        if max_length and len(value) > max_length:
            problems.append(f"welsh.{field} is longer than {max_length} characters")
        values[name] = value
    return values
