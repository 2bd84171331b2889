"""The form's files: one lead image (with alternative text, or marked decorative), up to five documents, and the
evaluation report (asked for in the evidence section; stored as an ``Attachment`` of kind ``evaluation``).

Every file is judged by ``ops.uploads.check_upload``; a bad one gets its error next to its field. A good file
sent with a form that has errors elsewhere is stored at once (``keep_good_files``) and comes back as a signed
reference in a hidden field, so nobody has to choose it again; the same references carry a saved draft's files
and a case study's own files when it is sent back for changes.
"""

from dataclasses import dataclass, field

from django import forms
from django.core import signing
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casestudies.models import Attachment, CaseStudy, SubmissionDraft
from casestudies.ops.uploads import DOCUMENT, IMAGE, BadFile, CheckedFile, check_upload

KEPT_SALT = "casestudies.submission-kept-file"
DOCUMENT_SLOTS = 5
EVALUATION = "evaluation_report"
EVALUATION_TITLE = "Evaluation report"
IMAGE_ACCEPT = "image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp"
DOCUMENT_ACCEPT = ".pdf,.docx,.xlsx,.odt,application/pdf"
FILE_ERRORS = {
    "invalid": gettext_lazy("The file could not be read. Choose it again."),
    "missing": gettext_lazy("The file could not be read. Choose it again."),
    "empty": gettext_lazy("The selected file is empty."),
}


@dataclass
class FileChoice:
    """One file the form ends up with: new (checked, not stored yet) or kept (already stored)."""

    new: CheckedFile | None
    kept: Attachment | None
    title: str
    decorative: bool = False
    position: int = 0
    kind: str = ""  # what the stored file is, when not what it was checked as (the evaluation report)


@dataclass
class FileAnswers:
    """The files a form ends up with; once saved, its owner has exactly these (the others are deleted)."""

    image: FileChoice | None = None
    documents: list[FileChoice] = field(default_factory=list)
    evaluation: FileChoice | None = None

    @property
    def choices(self) -> list[FileChoice]:
        return (
            ([self.image] if self.image else [])
            + self.documents
            + ([self.evaluation] if self.evaluation else [])
        )


@dataclass
class Slot:
    """What the template needs for one file: its fields and the stored file it holds, if any."""

    number: int
    file: forms.BoundField
    title: forms.BoundField
    kept_field: forms.BoundField
    remove: forms.BoundField
    kept: Attachment | None
    decorative: forms.BoundField | None = None

    @property
    def has_error(self) -> bool:
        return bool(self.file.errors or self.title.errors)


def kept_reference(attachment: Attachment) -> str:
    return signing.dumps(attachment.key, salt=KEPT_SALT)


def file_field(accept: str) -> forms.FileField:
    return forms.FileField(
        required=False, error_messages=FILE_ERRORS, widget=forms.FileInput(attrs={"accept": accept})
    )


def document_names(number: int) -> tuple[str, str, str, str]:
    prefix = f"document_{number}"
    return prefix, f"{prefix}_title", f"{prefix}_kept", f"{prefix}_remove"


class FilesMixin:
    """File fields for ``SubmissionForm``; call ``add_file_fields()`` from its ``__init__``."""

    draft: SubmissionDraft | None
    case_study: CaseStudy | None
    saving: bool

    def add_file_fields(self) -> None:
        f = self.fields
        f["lead_image"] = file_field(IMAGE_ACCEPT)
        f["lead_image"].label = _("Image file")
        f["lead_image"].help_text = _(
            "A JPEG, PNG or WebP photo, smaller than 10 MB. We remove its location and camera details."
        )
        f["lead_image_alt"] = forms.CharField(
            label=_("Describe the image"),
            required=False,
            max_length=250,
            help_text=_("For people who cannot see it: what it shows that matters to the case study."),
        )
        f["lead_image_decorative"] = forms.BooleanField(
            label=_("The image is decorative: it adds nothing a reader needs"), required=False
        )
        f["lead_image_kept"] = forms.CharField(required=False, widget=forms.HiddenInput)
        f["lead_image_remove"] = forms.BooleanField(label=_("Remove this image"), required=False)
        for number in range(1, DOCUMENT_SLOTS + 1):
            name, title, kept, remove = document_names(number)
            f[name] = file_field(DOCUMENT_ACCEPT)
            f[name].label = _("File")
            f[name].help_text = _("PDF, Word (DOCX), Excel (XLSX) or OpenDocument (ODT), smaller than 20 MB.")
            f[title] = forms.CharField(
                label=_("Title of document %(number)s") % {"number": number},
                required=False,
                max_length=200,
                help_text=_("Shown as the link, for example “Evaluation report, March 2025”."),
            )
            f[kept] = forms.CharField(required=False, widget=forms.HiddenInput)
            f[remove] = forms.BooleanField(
                label=_("Remove document %(number)s") % {"number": number}, required=False
            )
        f[EVALUATION] = file_field(DOCUMENT_ACCEPT)
        f[EVALUATION].label = _("Evaluation report file (optional)")
        f[EVALUATION].help_text = _(
            "The report itself, if you have it as a file: PDF, Word (DOCX), Excel (XLSX) or OpenDocument (ODT), "
            "smaller than 20 MB. It is published with the case study."
        )
        f[f"{EVALUATION}_kept"] = forms.CharField(required=False, widget=forms.HiddenInput)
        f[f"{EVALUATION}_remove"] = forms.BooleanField(label=_("Remove this report"), required=False)
        self.checked: dict[str, CheckedFile] = {}
        self._kept: dict[str, Attachment | None] = {}

    # Reading kept references ------------------------------------------------------------------------------
    def kept_attachment(self, name: str) -> Attachment | None:
        """The stored file a hidden reference points at, if it is one this form may use."""
        if name not in self._kept:
            self._kept[name] = self._resolve(
                self.data.get(name, "") if self.is_bound else self.initial.get(name)
            )
        return self._kept[name]

    def _resolve(self, reference: str | None) -> Attachment | None:
        if not reference:
            return None
        try:
            key = signing.loads(reference, salt=KEPT_SALT)
        except signing.BadSignature:
            return None
        found = Attachment.objects.filter(key=key).first()
        if found is None:
            return None
        owners_ok = (
            (found.case_study_id is None and found.draft_id is None)
            or (self.draft is not None and found.draft_id == self.draft.pk)
            or (self.case_study is not None and found.case_study_id == self.case_study.pk)
        )
        return found if owners_ok else None

    # Validation -----------------------------------------------------------------------------------------
    def clean_files(self, cleaned: dict) -> FileAnswers:
        for name, kind in [("lead_image", IMAGE), (EVALUATION, DOCUMENT)] + [
            (document_names(n)[0], DOCUMENT) for n in self._numbers()
        ]:
            uploaded = cleaned.get(name)
            if uploaded:
                try:
                    self.checked[name] = check_upload(uploaded, kind=kind)
                except BadFile as error:
                    self.add_error(name, forms.ValidationError(error.message, code=error.code))
        answers = FileAnswers()
        image = self._choice("lead_image", "lead_image_kept", "lead_image_remove")
        if image is not None:
            image.title = (cleaned.get("lead_image_alt") or "").strip()
            image.decorative = bool(cleaned.get("lead_image_decorative"))
            if not self.saving and not image.title and not image.decorative:
                self.add_error(
                    "lead_image_alt",
                    forms.ValidationError(
                        _("Describe the image, or tick “The image is decorative”"), code="alt_required"
                    ),
                )
            answers.image = image
        report = self._choice(EVALUATION, f"{EVALUATION}_kept", f"{EVALUATION}_remove")
        if report is not None and report.kept is not None and report.kept.kind != Attachment.Kind.EVALUATION:
            report = None if report.new is None else FileChoice(new=report.new, kept=None, title="")
        if report is not None:
            report.title, report.kind = EVALUATION_TITLE, Attachment.Kind.EVALUATION
            answers.evaluation = report
        for number in self._numbers():
            name, title, kept, remove = document_names(number)
            choice = self._choice(name, kept, remove)
            typed = (cleaned.get(title) or "").strip()
            if choice is not None:
                choice.title, choice.position = typed, number
                if not typed and not self.saving:
                    self.add_error(
                        title,
                        forms.ValidationError(
                            _("Enter a title for document %(number)s") % {"number": number}, "title"
                        ),
                    )
                answers.documents.append(choice)
            elif typed and not self.saving and not self.errors.get(name):
                self.add_error(
                    name,
                    forms.ValidationError(
                        _("Choose the file for “%(title)s”, or delete its title") % {"title": typed},
                        "no_file",
                    ),
                )
        return answers

    def _numbers(self) -> range:
        return range(1, DOCUMENT_SLOTS + 1)

    def _choice(self, name: str, kept_name: str, remove_name: str) -> FileChoice | None:
        kept = self.kept_attachment(kept_name)
        if kept is not None and (self.cleaned_data.get(remove_name) or name in self.checked):
            kept = None
        new = self.checked.get(name)
        if new is None and kept is None:
            return None
        return FileChoice(new=new, kept=kept, title="")

    # After a failed validation --------------------------------------------------------------------------
    def keep_good_files(self, store) -> None:
        """Store each good new file (``store(checked, **fields) -> Attachment``, owned by nobody yet) and point the form's
        hidden references at it, so the page shown again still has it."""
        data = self.data.copy()
        for name, checked in self.checked.items():
            attachment = (
                store(checked, kind=Attachment.Kind.EVALUATION) if name == EVALUATION else store(checked)
            )
            data[f"{name}_kept"] = kept_reference(attachment)
            self._kept[f"{name}_kept"] = attachment
        cleaned = getattr(self, "cleaned_data", {})
        for name in ["lead_image", EVALUATION, *(document_names(n)[0] for n in self._numbers())]:
            if cleaned.get(f"{name}_remove") and name not in self.checked:
                data[f"{name}_kept"] = ""
                self._kept[f"{name}_kept"] = None
            data[f"{name}_remove"] = ""
        self.data = data

    # For the template -----------------------------------------------------------------------------------
    def image_slot(self) -> Slot:
        return Slot(
            number=0,
            file=self["lead_image"],
            title=self["lead_image_alt"],
            kept_field=self["lead_image_kept"],
            remove=self["lead_image_remove"],
            kept=self.kept_attachment("lead_image_kept"),
            decorative=self["lead_image_decorative"],
        )

    def evaluation_slot(self) -> dict:
        """The evaluation report's fields (in the evidence section) and the stored report, if any."""
        return {
            "file": self[EVALUATION],
            "kept_field": self[f"{EVALUATION}_kept"],
            "remove": self[f"{EVALUATION}_remove"],
            "kept": self.kept_attachment(f"{EVALUATION}_kept"),
        }

    def document_slots(self) -> list[Slot]:
        slots = []
        for number in self._numbers():
            name, title, kept, remove = document_names(number)
            slots.append(
                Slot(
                    number=number,
                    file=self[name],
                    title=self[title],
                    kept_field=self[kept],
                    remove=self[remove],
                    kept=self.kept_attachment(kept),
                )
            )
        return slots

    def document_groups(self) -> tuple[list[Slot], list[Slot]]:
        """The slots to show (the first, and any in use) and the empty ones behind "Add more documents"."""
        shown, more = [], []
        for slot in self.document_slots():
            in_use = slot.number == 1 or slot.kept or slot.has_error or slot.title.value()
            (shown if in_use else more).append(slot)
        return shown, more

    @staticmethod
    def file_initial(attachments: list[Attachment]) -> dict[str, str]:
        """Hidden references and titles for stored files (a draft's, or a case study's own)."""
        initial: dict[str, str] = {}
        for attachment in attachments:
            if attachment.kind == Attachment.Kind.IMAGE:
                initial["lead_image_kept"] = kept_reference(attachment)
                initial["lead_image_alt"] = attachment.title
                initial["lead_image_decorative"] = attachment.decorative
            elif attachment.kind == Attachment.Kind.EVALUATION:
                initial[f"{EVALUATION}_kept"] = kept_reference(attachment)
            elif 1 <= attachment.position <= DOCUMENT_SLOTS:
                _, title, kept, _ = document_names(attachment.position)
                initial[kept] = kept_reference(attachment)
                initial[title] = attachment.title
        return initial
