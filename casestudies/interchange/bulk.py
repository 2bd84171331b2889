"""Small helpers for writing and reading case studies in bulk (the import)."""

from collections.abc import Iterator


def chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def related_ids(through, column: str, pks: list[int]) -> dict[int, set[int]]:
    """For each case study, the ids it links to through a many-to-many table (``column`` of ``through``)."""
    found: dict[int, set[int]] = {}
    for chunk in chunks(pks, 500):
        for case_study_id, other_id in through.objects.filter(casestudy_id__in=chunk).values_list(
            "casestudy_id", column
        ):
            found.setdefault(case_study_id, set()).add(other_id)
    return found
