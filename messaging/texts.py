"""Message texts. An administrator's MessageTemplate for a kind wins; otherwise the
shipped default, a Django template under templates/messaging/<kind>.txt whose first
line is the subject. Plain Dutch (B1).

Residents who used the site in English get the English default
(templates/messaging/en/<kind>.txt) where there is one; the administrators' texts are
Dutch, so they apply to Dutch messages only."""

from django.conf import settings
from django.template import Context, Template, TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import translation

from config.context_processors import of_municipality
from config.reference_data import ReferenceData


def _load_custom_texts() -> dict[str, tuple[str, str]]:
    from .models import MessageTemplate

    return {
        row.kind: (row.subject, row.body)
        for row in MessageTemplate.objects.only("kind", "subject", "body")
    }


# Administrators' texts per kind, read by every message (see config/reference_data.py).
CUSTOM_TEXTS = ReferenceData(_load_custom_texts, models=["messaging.MessageTemplate"])


def default_text(kind: str) -> tuple[str, str]:
    """The shipped default as (subject, body) template source, for the admin."""
    source = get_template(f"messaging/{kind}.txt").template.source
    source = source.replace("{% autoescape off %}", "").replace("{% endautoescape %}", "")
    subject, _, body = source.strip().partition("\n")
    return subject.strip(), body.strip() + "\n"


def render_template_text(subject: str, body: str, context: dict) -> tuple[str, str]:
    # Plain-text e-mail: no HTML escaping.
    ctx = Context(context, autoescape=False)
    with translation.override("nl"):
        rendered_subject = Template(subject).render(ctx)
        rendered_body = Template(body).render(ctx)
    return " ".join(rendered_subject.split()), rendered_body.strip() + "\n"


def render_message(kind: str, context: dict, *, language: str = "nl") -> tuple[str, str]:
    """(subject, body) in the recipient's language: Dutch unless they chose English.
    Never in the language of whoever happens to cause the message (staff, say)."""
    # "De ideeënmakelaars van de gemeente Zwolle", never "van Gemeente Zwolle".
    context = {"municipality_of": of_municipality(settings.MUNICIPALITY_NAME, language)} | context
    if language != "nl":
        try:
            template = get_template(f"messaging/{language}/{kind}.txt")
        except TemplateDoesNotExist:
            language = "nl"
    if language == "nl":
        custom = CUSTOM_TEXTS.get().get(kind)
        if custom is not None:
            subject, body = render_template_text(*custom, context)
            # A broker's own words with the message: an administrator's text written
            # before it could carry them may lack the variable; they are never dropped.
            words = (context.get("update_message") or "").strip()
            if words and words not in body:
                body = f"{body.rstrip()}\n\n{words}\n"
            return _fit_subject(subject), body
        template = get_template(f"messaging/{kind}.txt")
    with translation.override(language):
        text = template.render(context)
    subject, _, body = text.strip().partition("\n")
    return _fit_subject(subject.strip()), body.strip() + "\n"


def _fit_subject(subject: str) -> str:
    # A subject names a title of up to 200 characters, and the outbox keeps 200.
    from .models import OutboundMessage

    limit = OutboundMessage._meta.get_field("subject").max_length
    return subject if len(subject) <= limit else subject[: limit - 1].rstrip() + "…"


# Apps that write messages about their own things add the made-up values those messages
# use (a case, its initiator, ...) in their AppConfig.ready(): the outbox knows no case.
SAMPLE_CONTEXTS: list = []


def sample_context() -> dict:
    """Made-up values for the admin's preview: every variable any message uses."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    link = settings.SITE_URL + "/voorbeeld-link/"
    context = {
        "private_url": link,
        "answer_url": link,
        "consent_url": link,
        "expires_on": timezone.localdate() + timedelta(days=14),
        "municipality_name": settings.MUNICIPALITY_NAME,
        "municipality_phone": settings.MUNICIPALITY_PHONE,
        "first_contact_days": settings.FIRST_CONTACT_WORKING_DAYS,
        "recipient_name": "Sanne Jansen",
        "staff_name": "Marieke de Vries",
        "today": timezone.localdate(),
        "case_url": settings.SITE_URL + "/makelaar/",
    }
    for part in SAMPLE_CONTEXTS:
        context |= part()
    return context
