"""Signed links that open the submission form: a saved draft, or a case study an editor sent back for changes;
and the link in a review reminder (issue 20) that lets a case study's contact confirm it is still accurate.

Here because two capabilities need them: ``moderation`` writes the request-changes link into its email and
``submissions`` opens it. The form's links are valid for ``SUBMISSION_LINK_DAYS``, a review link for
``REVIEW_LINK_DAYS``.
"""

from typing import Any

from django.conf import settings
from django.core import signing

DRAFT_SALT = "casestudies.link.draft"
CHANGES_SALT = "casestudies.link.changes"
REVIEW_SALT = "casestudies.link.review"
REVIEW_LINK_DAYS = 60


class BadLink(Exception):
    """Not a link we made (or altered)."""


class ExpiredLink(BadLink):
    """A link we made, older than it may be."""


def max_age_seconds() -> int:
    return settings.SUBMISSION_LINK_DAYS * 24 * 3600


def draft_token(draft_id: Any) -> str:
    return signing.dumps(str(draft_id), salt=DRAFT_SALT)


def changes_token(*, case_study_id: int, round_id: int) -> str:
    """One link per round of changes: ``round_id`` is the moderation event that asked for them."""
    return signing.dumps([case_study_id, round_id], salt=CHANGES_SALT)


def review_token(*, case_study_id: int) -> str:
    return signing.dumps(case_study_id, salt=REVIEW_SALT)


def read_token(token: str, *, salt: str, max_age: int | None = None) -> Any:
    try:
        return signing.loads(token, salt=salt, max_age=max_age or max_age_seconds())
    except signing.SignatureExpired:
        raise ExpiredLink from None
    except signing.BadSignature:
        raise BadLink from None
