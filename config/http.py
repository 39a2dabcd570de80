from django.conf import settings


def private_page(response):
    """Headers for pages behind a private link (Mijn idee, survey, check-in, consent).

    They stay out of caches, and the signed link never leaves the site in a Referer.
    Not "no-referrer": browsers then send "Origin: null" with the page's own forms, and
    Django's CSRF check refuses them."""
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    return response


def client_address(request) -> str:
    """The visitor's address, for the per-address limits (submissions, new links, offers,
    failed logins).

    X-Forwarded-For is only believed as far as our own proxies wrote it: each of the
    TRUSTED_PROXIES in front of gunicorn appends the address it saw, so the client's is
    that many places from the end. Anything before it is the client's own claim, and
    trusting it would let anyone dodge the limits by sending a new value each time."""
    proxies = settings.TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))]
    return request.META.get("REMOTE_ADDR", "")
