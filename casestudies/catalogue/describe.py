"""Describing a search in words: notes about ignored parameters, and a removable tag for each active filter."""

from dataclasses import dataclass
from urllib.parse import urlencode

NOUNS = {
    "topic": "topic",
    "support_type": "support type",
    "region": "region",
    "council_type": "council type",
    "council": "council",
    "evidence": "evidence level",
    "cost": "cost",
    "stage": "stage",
    "has": "kind of result",
    "sort": "sort order",
    "was_sort": "sort order",
}


@dataclass(frozen=True)
class ActiveFilter:
    group: str
    label: str
    remove_query: str


class Description:
    """The describing half of ``CaseStudyFilter``: it uses the cleaned values of ``ValidatedParams``."""

    def notes(self) -> list[str]:
        """Plain-language messages about parts of the query string that were ignored."""
        self.is_valid()
        messages = []
        if self.typed_keyword and not self.keyword:
            messages.append(
                f"We ignored the keyword “{printable(self.typed_keyword)}” because it has no words to search for."
            )
        for name, field in self.form.fields.items():
            for value in getattr(field, "unknown", []):
                messages.append(
                    f"We ignored the {NOUNS[name]} “{printable(value)}” because we don't recognise it."
                )
            for error in self.form.errors.get(name, []):
                messages.append(f"{field.label}: {error} We ignored it.")
        start, end = self.form.cleaned_data.get("year_from"), self.form.cleaned_data.get("year_to")
        if start is not None and end is not None and start > end:
            messages.append(f"We swapped the years so that the range runs from {end} to {start}.")
        return messages

    def active_filters(self) -> list[ActiveFilter]:
        """A removable tag for each active filter value, with the query string that removes just that one."""
        self.is_valid()
        params = self.canonical_params()
        tags = []
        if self.keyword:
            tags.append(ActiveFilter("Keyword", f"“{self.keyword}”", without(params, "q")))
        for name in self.PARAM_ORDER:
            if name not in self.filters or not self.selected(name):
                continue
            if name == "council":
                labels = {c.code: c.name for c in self.selected_councils()}
            else:
                labels = dict(self.choices(name))
            for value in self.selected(name):
                tags.append(
                    ActiveFilter(self.filters[name].label, labels[value], without(params, name, value))
                )
        start, end = self.years()
        if start is not None:
            tags.append(ActiveFilter("Published from", str(start), without(params, "year_from")))
        if end is not None:
            tags.append(ActiveFilter("Published up to", str(end), without(params, "year_to")))
        return tags


def without(params: list[tuple[str, str]], name: str, value: str | None = None) -> str:
    """The query string of ``params`` without ``name`` (every value, or just ``value``)."""
    kept = [(k, v) for k, v in params if not (k == name and (value is None or v == value))]
    return urlencode(kept)


def printable(value: str, limit: int = 60) -> str:
    cleaned = "".join(ch for ch in value if ch.isprintable())
    return cleaned if len(cleaned) <= limit else cleaned[:limit] + "…"
