from django.core.exceptions import PermissionDenied, ValidationError


class TransitionNotAllowed(ValidationError):
    """The workflow does not allow this status change."""


class NotAllowed(PermissionDenied):
    """The actor may not do this."""
