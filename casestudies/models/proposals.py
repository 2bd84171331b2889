"""Changes a published case study's contact sends from a review reminder (issue 20), waiting for an editor.

The contact edits the case study in the submission form, prefilled with what is published (the journey editors'
"Request changes" opens), but the live case study must not change until an editor publishes the edits. So the
checked answers are kept beside it, as a ``SubmissionDraft`` that points at the case study, under ``KEY``: the
fields, the council, topics and support types by primary key, the outcomes, and the files it should end up with
(by key: its own files it keeps, and new ones, which belong to the draft until then). ``submissions.reviews``
writes them; ``moderation.services.publish_proposed_changes`` applies them.
"""

from typing import Any

from .case_study import CaseStudy
from .drafts import SubmissionDraft

KEY = "proposal"


def proposal_of(case_study: CaseStudy) -> SubmissionDraft | None:
    """The changes waiting for an editor, if the contact sent any."""
    return SubmissionDraft.objects.filter(case_study=case_study, data__has_key=KEY).first()


def changed_fields(case_study: CaseStudy, proposal: dict[str, Any]) -> list[str]:
    """The labels of the fields the proposal changes (the council, topics, outcomes and files as one each)."""
    labels = [
        str(CaseStudy._meta.get_field(name).verbose_name)
        for name, value in proposal["fields"].items()
        if getattr(case_study, name) != value
        and not (getattr(case_study, name) is None and value in ("", None))
    ]
    if case_study.lead_council_id != proposal["lead_council"]:
        labels.append("lead council")
    if sorted(t.pk for t in case_study.topics.all()) != sorted(proposal["topics"]):
        labels.append("topics")
    if sorted(s.pk for s in case_study.support_types.all()) != sorted(proposal["support_types"]):
        labels.append("support types")
    return labels
