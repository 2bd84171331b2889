"""Storing a submission."""

import pytest

from casestudies.models import ModerationEvent
from casestudies.submissions import services
from casestudies.submissions.forms import SubmissionForm
from tests.casestudies.submission_helpers import make_reference_data, valid_form_data

pytestmark = pytest.mark.django_db


def test_submit_case_study_gives_same_titles_distinct_slugs(django_capture_on_commit_callbacks):
    ref = make_reference_data()
    form = SubmissionForm(valid_form_data(ref))
    assert form.is_valid(), form.errors
    with django_capture_on_commit_callbacks(execute=False):
        first = services.submit_case_study(submission=form.to_submission())
        second = services.submit_case_study(submission=form.to_submission())
    assert (first.slug, second.slug) == (
        "wigan-warm-homes-for-older-residents",
        "wigan-warm-homes-for-older-residents-2",
    )
    assert (first.reference, second.reference) == (
        f"CS-{first.submitted_at.year}-{first.pk:05d}",
        f"CS-{second.submitted_at.year}-{second.pk:05d}",
    )
    assert ModerationEvent.objects.filter(action="submitted").count() == 2
