def private_page(response):
    """Headers for pages behind a private link (Mijn idee, survey, check-in, consent).

    They stay out of caches, and the signed link never leaves the site in a Referer.
    Not "no-referrer": browsers then send "Origin: null" with the page's own forms, and
    Django's CSRF check refuses them."""
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    return response
