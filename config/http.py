import ipaddress

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


def limit_address(request) -> str:
    """The address the per-address limits count (submissions, new links, offers, code
    tries, failed sign-ins): the visitor's, but an IPv6 address by its /64. Every home
    connection and phone gets a /64 (2^64 addresses) to choose from: counted one by one,
    a new address for every try would slip past each limit, the five failed sign-ins
    per account included. An IPv4 address in IPv6 form counts as itself."""
    address = client_address(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return address
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
