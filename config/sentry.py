"""Optional error reports to a Sentry-compatible service (SENTRY_DSN; Sentry, GlitchTip).

No personal data leaves: sentry-sdk's own PII switch is off, and `scrub_event` removes
what it would still send (request bodies, cookies, headers, the query string, the user)
and runs the log redaction (config/logging.py) over messages, exception values and
breadcrumbs, so private links, search terms and e-mail addresses are cut out too."""

from .logging import redact_log_text, redact_url

# Headers that are safe and useful: everything else (Cookie, Authorization, Referer with
# a private link, X-Forwarded-For with an address) is dropped.
_KEPT_HEADERS = {"accept", "accept-language", "content-type", "content-length", "user-agent"}


def _scrub_request(request: dict) -> dict:
    url = request.get("url")
    return {
        "method": request.get("method"),
        "url": redact_url(url) if isinstance(url, str) else None,
        "headers": {
            name: value
            for name, value in (request.get("headers") or {}).items()
            if name.lower() in _KEPT_HEADERS
        },
    }


def _scrub_exceptions(event: dict) -> None:
    for exception in (event.get("exception") or {}).get("values") or []:
        if isinstance(exception.get("value"), str):
            exception["value"] = redact_log_text(exception["value"])
        # Local variables of each frame hold whatever the code was handling.
        for frame in (exception.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)


def _scrub_breadcrumbs(event: dict) -> None:
    crumbs = event.get("breadcrumbs")
    values = crumbs.get("values") if isinstance(crumbs, dict) else crumbs
    for crumb in values or []:
        if isinstance(crumb.get("message"), str):
            crumb["message"] = redact_log_text(crumb["message"])
        crumb.pop("data", None)  # SQL parameters, HTTP URLs


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    """sentry-sdk's before_send (and before_send_transaction): the event without
    personal data."""
    if "request" in event:
        event["request"] = _scrub_request(event["request"])
    user = event.get("user")
    event["user"] = {"id": user["id"]} if isinstance(user, dict) and "id" in user else {}
    if isinstance(event.get("message"), str):
        event["message"] = redact_log_text(event["message"])
    logentry = event.get("logentry")
    if isinstance(logentry, dict):
        logentry["message"] = redact_log_text(str(logentry.get("message", "")))
        logentry.pop("params", None)
    _scrub_exceptions(event)
    _scrub_breadcrumbs(event)
    event.pop("extra", None)
    return event


def sentry_init(dsn: str, *, environment: str, traces: float) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        before_send=scrub_event,
        before_send_transaction=scrub_event,
        traces_sample_rate=traces,
        integrations=[DjangoIntegration(), CeleryIntegration()],
    )
