from django.core.exceptions import PermissionDenied, ValidationError


class TransitionNotAllowed(ValidationError):
    """The workflow does not allow this status change."""


class NotAllowed(PermissionDenied):
    """The actor may not do this."""


# What a service raises to refuse: a view shows it as a message, never a 500 or a 403.
REFUSALS = (ValidationError, NotAllowed)


def refusal_messages(exc: ValidationError | NotAllowed) -> list[str]:
    """What a service's refusal says, as plain messages: a ValidationError's messages
    (of every field), or the one message of a NotAllowed."""
    return list(getattr(exc, "messages", None) or [str(exc)])
