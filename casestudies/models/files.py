"""Files that come with a case study: one lead image and a few documents.

The bytes live in ``STORAGES["default"]`` (the project folder, or an S3-compatible store) under random names made
here; a row records what was checked and stored. Files are only served through ``casestudies.public.files``, which
checks that their case study is public (or that an editor is looking).
"""

import secrets

from django.core.files.storage import default_storage
from django.db import models
from django.urls import reverse

from .case_study import CaseStudy
from .drafts import SubmissionDraft

FOLDER = "case-study-files"
TYPE_LABELS = {
    "jpeg": "JPEG",
    "png": "PNG",
    "webp": "WebP",
    "pdf": "PDF",
    "docx": "Word document",
    "xlsx": "Excel spreadsheet",
    "odt": "OpenDocument text",
}


def file_url(key: str, name: str) -> str:
    """The address of a stored file (of ``key``'s attachment), served by ``casestudies.public.files``."""
    return reverse("casestudies:file", kwargs={"key": key, "filename": name.rsplit("/", 1)[-1]})


def new_key() -> str:
    """A random, unguessable folder name for one file and its sizes."""
    return secrets.token_hex(16)


class AttachmentQuerySet(models.QuerySet):
    def images(self) -> "AttachmentQuerySet":
        return self.filter(kind=Attachment.Kind.IMAGE)

    def documents(self) -> "AttachmentQuerySet":
        return self.filter(kind=Attachment.Kind.DOCUMENT).order_by("position", "id")

    def delete_with_files(self) -> int:
        """Delete the rows and their stored files; returns how many rows went."""
        doomed = list(self)
        for attachment in doomed:
            attachment.delete_files()
        self.filter(pk__in=[a.pk for a in doomed]).delete()
        return len(doomed)

    delete_with_files.alters_data = True


class Attachment(models.Model):
    """A checked file: a case study's lead image (re-encoded at a few widths), one of its documents, or its
    evaluation report.

    It belongs to a case study, to a saved draft of the form, or (for a day at most) to nobody: a good file sent
    with a form that had other errors is kept so that nobody has to choose it again.
    """

    class Kind(models.TextChoices):
        IMAGE = "image", "Lead image"
        DOCUMENT = "document", "Document"
        # The evaluation report of the evidence section (issue 20): a document, at most one per owner.
        EVALUATION = "evaluation", "Evaluation report"

    key = models.CharField(max_length=32, unique=True, default=new_key, editable=False)
    case_study = models.ForeignKey(
        CaseStudy, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    draft = models.ForeignKey(
        SubmissionDraft, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    file_type = models.CharField(
        max_length=10, help_text="What the content is: jpeg, png, webp, pdf, docx, …"
    )
    content_type = models.CharField(max_length=100)
    name = models.CharField("stored name", max_length=300, editable=False)
    size = models.PositiveBigIntegerField(
        help_text="Bytes, of the stored file (the largest size of an image)."
    )
    title = models.CharField(
        max_length=250, blank=True, help_text="A document's title, or an image's alternative text."
    )
    decorative = models.BooleanField(default=False, help_text="An image that needs no alternative text.")
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    # An image's sizes, smallest first: [[width, height, stored name], ...].
    renditions = models.JSONField(default=list, blank=True, editable=False)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case_study"], condition=models.Q(kind="image"), name="one_lead_image_per_case_study"
            ),
            models.UniqueConstraint(
                fields=["draft"], condition=models.Q(kind="image"), name="one_lead_image_per_draft"
            ),
            models.UniqueConstraint(
                fields=["case_study"],
                condition=models.Q(kind="evaluation"),
                name="one_evaluation_report_per_case_study",
            ),
            models.UniqueConstraint(
                fields=["draft"],
                condition=models.Q(kind="evaluation"),
                name="one_evaluation_report_per_draft",
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()} ({self.file_type.upper()})"

    @property
    def type_label(self) -> str:
        return TYPE_LABELS.get(self.file_type, self.file_type.upper())

    @property
    def stored_names(self) -> list[str]:
        return list(dict.fromkeys([self.name, *(name for _, _, name in self.renditions)]))

    def url_for(self, name: str) -> str:
        return file_url(self.key, name)

    @property
    def url(self) -> str:
        return self.url_for(self.name)

    @property
    def srcset(self) -> str:
        return ", ".join(f"{self.url_for(name)} {width}w" for width, _, name in self.renditions)

    def stored_name_for(self, filename: str) -> str | None:
        """The stored name behind a file name in a URL, if it is one of this attachment's."""
        for name in self.stored_names:
            if name.rsplit("/", 1)[-1] == filename:
                return name
        return None

    def delete_files(self) -> None:
        for name in self.stored_names:
            default_storage.delete(name)

    delete_files.alters_data = True
