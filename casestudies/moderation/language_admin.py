"""A case study's languages in the admin (issue 23): a column saying which it is written in, a list filter by
language, and the change form's fieldset for the Welsh version (all of it or none: ``CaseStudy.clean``)."""

from django.contrib import admin
from django.db.models import F

from casestudies.models import CaseStudy

# Language codes as the column shows them.
LANGUAGE_NAMES = {"en": "English", "cy": "Welsh"}

WELSH_FIELDSET = (
    "Welsh version (Cymraeg)",
    {
        "fields": list(CaseStudy.WELSH_FIELDS),
        "description": (
            "Fill in every field to publish a Welsh version, or leave them all empty. Welsh pages show the English, "
            "marked as English, when there is none. A case study written in Welsh only has the same Welsh in its "
            "English fields: correct the Welsh here and the English fields follow; type an English version over "
            "the English fields to make it bilingual."
        ),
    },
)


class LanguageFilter(admin.SimpleListFilter):
    title = "language"
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return [("cy", "With a Welsh version"), ("en", "English only"), ("cy_only", "Welsh only")]

    def queryset(self, request, queryset):
        if self.value() == "cy":
            return queryset.exclude(title_cy="")
        if self.value() == "en":
            return queryset.filter(title_cy="")
        if self.value() == "cy_only":  # the English fields hold the Welsh version (``CaseStudy.welsh_only``)
            same = {english: F(welsh) for english, welsh in CaseStudy.WELSH.items()}
            return queryset.exclude(title_cy="").filter(**same)
        return queryset


@admin.display(description="languages")
def languages(obj: CaseStudy) -> str:
    """The languages the case study is written in: English, English and Welsh, or Welsh."""
    return ", ".join(LANGUAGE_NAMES[code] for code in obj.languages)


class LanguageAdminMixin:
    """The languages column at the end of the list, and the Welsh title among the searched fields."""

    def get_list_display(self, request):
        return [*super().get_list_display(request), languages]

    def get_search_fields(self, request):
        return [*super().get_search_fields(request), "title_cy"]
