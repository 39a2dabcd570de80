"""The case core's models: `case` (the idea, its initiator, status history and broker),
`resident` (files and updates from the initiator's own page), `followups` (answers to a
survey or a check-in), `publication` (what of an idea is public, reviewed by a broker),
`vocabulary` (the brokers' thesaurus and the rebuild of the documents), `submission`
(new submissions still to be followed up)."""

from .case import (
    AWAITING_FIRST_CONTACT_FIRST,
    REFERENCE_PATTERN,
    Initiative,
    InitiativeAssignment,
    InitiativeQuerySet,
    InitiativeStatusChange,
    Initiator,
    ReferenceCounter,
    Theme,
    reference_validator,
)
from .followups import CheckIn, Survey, _answer_deadline
from .publication import Publication, PublicationStatusChange
from .resident import InitiativeAttachment, InitiatorUpdate, UpdateKind, _attachment_path
from .statement import AccessibilityStatement, ComplianceStatus
from .submission import SubmissionFollowUp
from .vocabulary import DocumentRebuild, SynonymGroup, SynonymGroupChange

__all__ = [
    "AccessibilityStatement",
    "ComplianceStatus",
    "AWAITING_FIRST_CONTACT_FIRST",
    "REFERENCE_PATTERN",
    "CheckIn",
    "DocumentRebuild",
    "Initiative",
    "InitiativeAssignment",
    "InitiativeAttachment",
    "InitiativeQuerySet",
    "InitiativeStatusChange",
    "Initiator",
    "InitiatorUpdate",
    "Publication",
    "PublicationStatusChange",
    "ReferenceCounter",
    "SubmissionFollowUp",
    "Survey",
    "SynonymGroup",
    "SynonymGroupChange",
    "Theme",
    "UpdateKind",
    "reference_validator",
    # Named by migrations (upload_to, default): they must stay importable from here.
    "_answer_deadline",
    "_attachment_path",
]
