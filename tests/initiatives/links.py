"""Find private links in a text. A token carries the moment it was signed, so a
test looks for the link that is there instead of signing a fresh one."""

import re

from initiatives.selectors import initiative_get_by_token

_TOKEN = re.compile(r"/mijn-idee/([\w\-:]+)/")


def private_link_targets(text: str) -> set[int]:
    """The primary keys of the initiatives whose valid private link is in text."""
    targets = set()
    for token in set(_TOKEN.findall(text)):
        initiative = initiative_get_by_token(token)
        if initiative is not None:
            targets.add(initiative.pk)
    return targets
