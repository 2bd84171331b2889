"""Storing a form's files and giving them to their owner: a new case study, a saved draft, or nobody yet."""

from dataclasses import asdict

from django.db import transaction
from django.db.models import Q

from casestudies.models import Attachment, CaseStudy, SubmissionDraft
from casestudies.models.files import FOLDER
from casestudies.ops import uploads
from casestudies.ops.uploads import CheckedFile

from .fileforms import FileAnswers


def store_file(checked: CheckedFile, **fields) -> Attachment:
    """Write a checked file under random names and record it (owned by nobody unless ``fields`` say)."""
    stored = uploads.store(checked, folder=FOLDER)
    return Attachment.objects.create(**{"kind": checked.kind, **asdict(stored), **fields})


def give_files(
    answers: FileAnswers,
    *,
    case_study: CaseStudy | None = None,
    draft: SubmissionDraft | None = None,
    fresh: bool = False,
) -> list[str]:
    """Make the owner's files exactly the form's: new ones stored, kept ones moved, the rest deleted (none to
    look for when the owner is ``fresh``). Returns a summary for the revision comment. Deleting stored files
    waits for the commit."""
    owner = {"case_study": case_study, "draft": draft}
    kept = [choice.kept.pk for choice in answers.choices if choice.kept is not None]
    changes: list[str] = []
    # The files going go first: a new lead image must not meet the old one (one image per owner).
    mine = Q(case_study=case_study) if case_study is not None else Q(draft=draft)
    leaving = [] if fresh else list(Attachment.objects.filter(mine).exclude(pk__in=kept))
    if leaving:
        changes += [f"removed {attachment}" for attachment in leaving]
        names = [name for attachment in leaving for name in attachment.stored_names]
        Attachment.objects.filter(pk__in=[a.pk for a in leaving]).delete()
        transaction.on_commit(lambda: uploads.delete_stored(names))
    for choice in answers.choices:
        details = {"title": choice.title, "decorative": choice.decorative, "position": choice.position}
        if choice.kind:
            details["kind"] = choice.kind
        if choice.new is not None:
            changes.append(f"added {store_file(choice.new, **owner, **details)}")
            continue
        attachment = choice.kept
        assert attachment is not None
        if attachment.title != choice.title:
            changes.append(f"retitled {attachment} as {choice.title}")
        Attachment.objects.filter(pk=attachment.pk).update(**owner, **details)
    return changes
