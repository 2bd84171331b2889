"""Every model of the app. Django finds them here; import them from ``casestudies.models``."""

from .alerts import SearchAlert
from .case_study import RESERVED_SLUGS, CaseStudy, CaseStudyQuerySet, unique_slug
from .drafts import SubmissionDraft
from .files import Attachment, AttachmentQuerySet
from .index import CatalogueVersion, SearchDocument, SearchWord
from .moderation import EDITORS_GROUP, ModerationEvent
from .reference import Council, OrderedReference, SupportType, Topic
from .synonyms import SynonymGroup, SynonymSeed

__all__ = [
    "EDITORS_GROUP",
    "RESERVED_SLUGS",
    "Attachment",
    "AttachmentQuerySet",
    "CaseStudy",
    "CaseStudyQuerySet",
    "CatalogueVersion",
    "Council",
    "ModerationEvent",
    "OrderedReference",
    "SearchAlert",
    "SearchDocument",
    "SearchWord",
    "SubmissionDraft",
    "SupportType",
    "SynonymGroup",
    "SynonymSeed",
    "Topic",
    "unique_slug",
]
