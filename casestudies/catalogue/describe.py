"""Describing a search in words: notes about ignored parameters, and a removable tag for each active filter."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# A whole sentence per parameter, not a noun put into one: in Welsh the article and the pronoun follow the noun's
# gender ("y pwnc … ei adnabod", "y gost … ei hadnabod").
UNKNOWN = {
    "topic": _("We ignored the topic “%(value)s” because we don't recognise it."),
    "support_type": _("We ignored the support type “%(value)s” because we don't recognise it."),
    "region": _("We ignored the region “%(value)s” because we don't recognise it."),
    "council_type": _("We ignored the council type “%(value)s” because we don't recognise it."),
    "council": _("We ignored the council “%(value)s” because we don't recognise it."),
    "evidence": _("We ignored the evidence level “%(value)s” because we don't recognise it."),
    "cost": _("We ignored the cost “%(value)s” because we don't recognise it."),
    "stage": _("We ignored the stage “%(value)s” because we don't recognise it."),
    "has": _("We ignored the kind of result “%(value)s” because we don't recognise it."),
    "sort": _("We ignored the sort order “%(value)s” because we don't recognise it."),
    "was_sort": _("We ignored the sort order “%(value)s” because we don't recognise it."),
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
                gettext("We ignored the keyword “%(keyword)s” because it has no words to search for.")
                % {"keyword": printable(self.typed_keyword)}
            )
        for name, field in self.form.fields.items():
            for value in getattr(field, "unknown", []):
                messages.append(UNKNOWN[name] % {"value": printable(value)})
            for error in self.form.errors.get(name, []):
                messages.append(
                    gettext("%(field)s: %(error)s We ignored it.") % {"field": field.label, "error": error}
                )
        start, end = self.form.cleaned_data.get("year_from"), self.form.cleaned_data.get("year_to")
        if start is not None and end is not None and start > end:
            messages.append(
                gettext("We swapped the years so that the range runs from %(start)s to %(end)s.")
                % {"start": end, "end": start}
            )
        return messages

    def active_filters(self) -> list[ActiveFilter]:
        """A removable tag for each active filter value, with the query string that removes just that one."""
        self.is_valid()
        params = self.canonical_params()
        tags = []
        if self.keyword:
            tags.append(ActiveFilter(gettext("Keyword"), f"“{self.keyword}”", without(params, "q")))
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
            tags.append(ActiveFilter(gettext("Published from"), str(start), without(params, "year_from")))
        if end is not None:
            tags.append(ActiveFilter(gettext("Published up to"), str(end), without(params, "year_to")))
        return tags


def without(params: list[tuple[str, str]], name: str, value: str | None = None) -> str:
    """The query string of ``params`` without ``name`` (every value, or just ``value``)."""
    kept = [(k, v) for k, v in params if not (k == name and (value is None or v == value))]
    return urlencode(kept)


def printable(value: str, limit: int = 60) -> str:
    cleaned = "".join(ch for ch in value if ch.isprintable())
    return cleaned if len(cleaned) <= limit else cleaned[:limit] + "…"
