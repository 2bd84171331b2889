"""Every model of the app. Django finds them here; import them from ``casestudies.models``."""

from .alerts import SearchAlert
from .case_study import RESERVED_SLUGS, CaseStudy, CaseStudyQuerySet, unique_slug
from .drafts import SubmissionDraft
from .evidence import EVIDENCE_LEVEL_HELP, MAX_OUTCOMES, CostBand, EvidenceLevel, Outcome, Stage
from .files import Attachment, AttachmentQuerySet
from .index import CatalogueVersion, SearchDocument, SearchWord
from .moderation import EDITORS_GROUP, ModerationEvent
from .reference import Council, OrderedReference, SupportType, Topic
from .searchlog import BestBet, BestBetPick, SearchCount, mask_personal, normalise_query
from .synonyms import SynonymGroup, SynonymSeed

__all__ = [
    "EDITORS_GROUP",
    "EVIDENCE_LEVEL_HELP",
    "MAX_OUTCOMES",
    "RESERVED_SLUGS",
    "Attachment",
    "AttachmentQuerySet",
    "BestBet",
    "BestBetPick",
    "CaseStudy",
    "CaseStudyQuerySet",
    "CatalogueVersion",
    "CostBand",
    "Council",
    "EvidenceLevel",
    "ModerationEvent",
    "OrderedReference",
    "Outcome",
    "SearchAlert",
    "SearchCount",
    "SearchDocument",
    "SearchWord",
    "Stage",
    "SubmissionDraft",
    "SupportType",
    "SynonymGroup",
    "SynonymSeed",
    "Topic",
    "mask_personal",
    "normalise_query",
    "unique_slug",
]
