"""The case study change form's inlines: its files and its moderation history (read-only)."""

from django.contrib import admin
from django.utils.html import format_html

from casestudies.models import Attachment, ModerationEvent


class ModerationEventInline(admin.TabularInline):
    model = ModerationEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "action", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields
    verbose_name_plural = "moderation history"

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class AttachmentInline(admin.TabularInline):
    """The case study's files: editors can retitle, reorder, mark decorative, preview and delete them."""

    model = Attachment
    fk_name = "case_study"
    extra = 0
    fields = ["kind", "preview", "type_label", "size", "title", "decorative", "position"]
    readonly_fields = ["kind", "preview", "type_label", "size"]
    verbose_name_plural = "image, documents and evaluation report"

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="file")
    def preview(self, obj) -> str:
        return format_html('<a href="{}">Open</a>', obj.url) if obj.pk else "-"

    @admin.display(description="type")
    def type_label(self, obj) -> str:
        return obj.type_label
