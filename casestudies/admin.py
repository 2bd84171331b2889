from django.contrib import admin
from django.db.models import Count

from .models import CaseStudy, Council, SupportType, Topic


class ReferenceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "case_study_count"]
    list_editable = ["order"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_case_studies=Count("case_studies"))

    @admin.display(description="case studies", ordering="num_case_studies")
    def case_study_count(self, obj) -> int:
        return obj.num_case_studies


@admin.register(Topic)
class TopicAdmin(ReferenceAdmin):
    pass


@admin.register(SupportType)
class SupportTypeAdmin(ReferenceAdmin):
    pass


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "gss_code", "authority_type", "region", "nation", "is_current"]
    list_filter = ["is_current", "nation", "region", "authority_type"]
    search_fields = ["name", "official_name", "code", "gss_code"]
    ordering = ["name"]


@admin.register(CaseStudy)
class CaseStudyAdmin(admin.ModelAdmin):
    list_display = ["title", "lead_council", "status", "published_at", "updated_at"]
    list_filter = ["status", "topics", "support_types", "lead_council__region", "lead_council__nation"]
    list_select_related = ["lead_council"]
    search_fields = ["title", "slug", "summary", "lead_council__name"]
    autocomplete_fields = ["lead_council"]
    filter_horizontal = ["topics", "support_types"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "lead_council", "partners", "summary"]}),
        ("The case study", {"fields": list(CaseStudy.SECTION_FIELDS)}),
        ("Contact (published)", {"fields": ["contact_name", "contact_role", "contact_email"]}),
        ("Classification", {"fields": ["topics", "support_types"]}),
        ("Status", {"fields": ["status", "published_at", "created_at", "updated_at"]}),
    ]
