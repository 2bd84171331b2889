"""The admin of search: the synonym list, best bets, and the Searches page (what people search for).

Synonym groups and best bets keep revisions (django-reversion: the history page lists them, with recover and
revert) besides the admin's log; both are in the Editors group's permissions (``editors.py``). Database triggers give
public pages a new version when either changes (migrations 0014 and 0016); the page cache is bumped here as well.
The add forms take their first value from the address (``?terms=`` and ``?query=``), which is how the Searches page
links a search that found nothing to them.
"""

from urllib.parse import urlsplit

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from reversion.admin import VersionAdmin

from casestudies.models import BestBet, BestBetPick, CaseStudy, SearchCount, SynonymGroup
from casestudies.models.searchlog import MAX_PICKS

from . import search_report
from .admin import InvalidatesPageCache


@admin.register(SynonymGroup)
class SynonymGroupAdmin(InvalidatesPageCache, VersionAdmin):
    """Editors keep the synonym list here. Searches keep it per process until the page token changes, which a save
    here does, so a change applies at once in every process."""

    list_display = ["terms_list", "note", "updated_at"]
    search_fields = ["terms", "note"]
    fields = ["terms", "note"]

    @admin.display(description="terms", ordering="terms")
    def terms_list(self, obj) -> str:
        return " / ".join(obj.term_list())


class PicksFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("case_study")
        ]
        if not kept:
            raise forms.ValidationError("Pin at least one published case study.")
        if len(kept) > MAX_PICKS:
            raise forms.ValidationError(f"Pin at most {MAX_PICKS} case studies.")
        chosen = [form.cleaned_data["case_study"].pk for form in kept]
        if len(set(chosen)) != len(chosen):
            raise forms.ValidationError("Pin each case study once.")


class CaseStudyByAddress(forms.ModelChoiceField):
    """A published case study named by its web address or its slug (a text box: a select of every case study
    would not scale, and the admin's autocomplete has no accessible name)."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=CaseStudy.objects.filter(status=CaseStudy.Status.PUBLISHED),
            to_field_name="slug",
            widget=forms.TextInput(attrs={"size": 60, "spellcheck": "false"}),
            error_messages={"invalid_choice": "No published case study has that address."},
            **kwargs,
        )

    def to_python(self, value):
        text = str(value or "").strip()
        if text:
            text = urlsplit(text).path.rstrip("/").rsplit("/", 1)[-1]
        return super().to_python(text)


class PickForm(forms.ModelForm):
    case_study = CaseStudyByAddress(
        label="Case study",
        help_text="Its web address or the last part of it, e.g. /case-studies/wigan-warm-homes/. It must be published.",
    )

    class Meta:
        model = BestBetPick
        fields = ["case_study", "order"]
        labels = {"order": "Position"}
        help_texts = {"order": "Lowest first."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.case_study_id:
            self.initial["case_study"] = self.instance.case_study.slug


class BestBetPickInline(admin.StackedInline):
    model = BestBetPick
    form = PickForm
    formset = PicksFormSet
    extra = MAX_PICKS
    max_num = MAX_PICKS
    verbose_name = "pinned case study"
    verbose_name_plural = "Pinned case studies (up to three, lowest position first)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("case_study")

    def get_extra(self, request, obj=None, **kwargs) -> int:
        return MAX_PICKS - (len(obj.picks.all()) if obj is not None else 0)


@admin.register(BestBet)
class BestBetAdmin(InvalidatesPageCache, VersionAdmin):
    """Case studies shown first, "Recommended by our editors", for a query (casestudies/catalogue/bestbets.py)."""

    list_display = ["query", "pinned", "include_synonyms", "updated_at"]
    search_fields = ["query", "note"]
    fields = ["query", "include_synonyms", "note"]
    inlines = [BestBetPickInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("picks__case_study")

    @admin.display(description="pinned case studies")
    def pinned(self, obj) -> str:
        return "; ".join(pick.case_study.title for pick in obj.picks.all())


@admin.register(SearchCount)
class SearchCountAdmin(admin.ModelAdmin):
    """The Searches page in place of a list of rows: the counts mean something only added up."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_urls(self):
        # Only the report: no page for a single row.
        return [url for url in super().get_urls() if url.name and url.name.endswith("_changelist")]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        days = search_report.period_of(request.GET.get("days"))
        report = search_report.build(days)
        user = request.user
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Searches",
            "report": report,
            "chart": search_report.draw(report),
            "periods": [(value, label, value == days) for value, label in search_report.PERIODS.items()],
            "period_label": search_report.PERIODS[days],
            "can_add_synonyms": user.has_perm("casestudies.add_synonymgroup"),
            "can_add_best_bets": user.has_perm("casestudies.add_bestbet"),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/casestudies/searchcount/report.html", context)
