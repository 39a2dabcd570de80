"""Every write to an initiative goes through here, split by concern:

- `submission`: a new idea (web, API, staff intake) with its files;
- `after_submit`: what follows it in a worker (acknowledgement, then matching);
- `workflow`: status transitions and the named broker (one helper that locks, checks and
  appends the history);
- `messages`: the one way to queue a message for a case;
- `resident`: what the initiator does on their own page;
- `publication`: the broker's review of what of an idea is public;
- `corrections`: staff correcting details in the admin;
- `vocabulary`: index words of a case, the brokers' thesaurus, rebuilding the documents;
- `followups`: surveys, check-ins, reminders, digests and escalations (beat jobs).

The public names of the first seven are importable from here (`initiatives.services`);
`followups` is used as its own module."""

from . import followups
from .activity import initiative_activity_record
from .after_submit import (
    FOLLOW_UP_BATCH,
    MATCH_FIND_TASK,
    acknowledgement_given_in_call,
    acknowledgement_queue,
    initiative_after_submit,
    initiative_submitted_followups,
    intake_take_on,
    submission_followups_retry,
    submission_followups_start,
)
from .corrections import (
    initiative_details_change,
    initiator_contact_check,
    initiator_details_change,
)
from .messages import (
    MessagePreview,
    initiative_message_context,
    initiative_message_preview,
    initiative_message_queue,
    message_channel_for,
)
from .publication import (
    publication_consent_withdrawn,
    publication_prefill,
    publication_publish,
    publication_request,
    publication_unpublish,
)
from .resident import (
    MAX_LINKS_PER_REQUEST,
    initiative_information_add,
    initiative_link_renew,
    initiative_links_send,
    initiator_erasure_request,
    initiator_preferences_change,
    initiator_publication_withdraw,
)
from .submission import (
    InitiatorData,
    attachment_add,
    initiative_intake,
    initiative_submit,
    reference_counters_raise,
    reference_next,
)
from .vocabulary import (
    documents_rebuild_start,
    documents_rebuild_step,
    documents_rebuild_unfinished,
    initiative_index,
    initiative_index_pending,
    synonym_group_check,
    synonym_group_save,
    synonym_groups_starter_load,
)
from .workflow import (
    initiative_assign,
    initiative_first_contact_record,
    initiative_transition,
    initiative_withdraw,
    transition_message_plan,
)

__all__ = [
    "followups",
    "initiative_activity_record",
    "reference_counters_raise",
    "reference_next",
    "FOLLOW_UP_BATCH",
    "InitiatorData",
    "MATCH_FIND_TASK",
    "MAX_LINKS_PER_REQUEST",
    "acknowledgement_given_in_call",
    "acknowledgement_queue",
    "documents_rebuild_start",
    "documents_rebuild_step",
    "documents_rebuild_unfinished",
    "initiative_index",
    "initiative_index_pending",
    "synonym_group_check",
    "synonym_group_save",
    "synonym_groups_starter_load",
    "attachment_add",
    "initiative_after_submit",
    "intake_take_on",
    "initiative_assign",
    "initiative_details_change",
    "initiative_first_contact_record",
    "initiative_information_add",
    "initiative_intake",
    "initiative_link_renew",
    "initiative_links_send",
    "initiative_message_context",
    "initiative_message_preview",
    "initiative_message_queue",
    "MessagePreview",
    "transition_message_plan",
    "initiative_submit",
    "initiative_submitted_followups",
    "initiative_transition",
    "initiative_withdraw",
    "initiator_contact_check",
    "initiator_details_change",
    "initiator_erasure_request",
    "initiator_preferences_change",
    "initiator_publication_withdraw",
    "message_channel_for",
    "publication_consent_withdrawn",
    "publication_prefill",
    "publication_publish",
    "publication_request",
    "publication_unpublish",
    "submission_followups_retry",
    "submission_followups_start",
]
