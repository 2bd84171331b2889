"""Revisions of case studies (django-reversion): who changed the content, when and why.

A revision holds ``CaseStudy.REVISION_FIELDS`` (the text and its Welsh version, the council, topics and support
types), never the moderation state. Every path that changes the content records one after its changes, in its
transaction: the admin, the import, the form (submission and resubmission) and reverting.
"""

import reversion
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import QuerySet
from reversion.models import Version

from .case_study import CaseStudy


def save_revision(*case_studies: CaseStudy, comment: str, user: AbstractBaseUser | None = None) -> None:
    """Record the current content of each case study as one revision."""
    with reversion.create_revision(manage_manually=True):
        reversion.set_comment(comment[:2000])
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        for case_study in case_studies:
            reversion.add_to_revision(case_study)


def versions_of(case_study: CaseStudy) -> QuerySet[Version]:
    """Every recorded version of a case study, newest first, with its revision and author."""
    return Version.objects.get_for_object(case_study).select_related("revision", "revision__user")


def text_changed(before: dict[str, str], case_study: CaseStudy) -> bool:
    return any(getattr(case_study, name) != value for name, value in before.items())


def text_of(case_study: CaseStudy) -> dict[str, str]:
    return {name: getattr(case_study, name) for name in (*CaseStudy.TEXT_FIELDS, *CaseStudy.WELSH_FIELDS)}
