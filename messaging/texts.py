"""Default message texts: Django templates under templates/messaging/<kind>.txt whose
first line is the subject. Plain Dutch (B1)."""

from django.template.loader import render_to_string
from django.utils import translation


def render_message(kind: str, context: dict) -> tuple[str, str]:
    # Messages to residents are always in Dutch, whatever language staff use.
    with translation.override("nl"):
        text = render_to_string(f"messaging/{kind}.txt", context)
    subject, _, body = text.strip().partition("\n")
    return subject.strip(), body.strip() + "\n"
