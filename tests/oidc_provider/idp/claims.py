"""What the test provider says about a person: e-mail, name, and their groups (the
provider's Django groups) under the `groups` scope, read anew at every userinfo call."""

from django.utils.translation import gettext_lazy as _
from oidc_provider.lib.claims import ScopeClaims


def userinfo(claims, user):
    claims["name"] = user.get_full_name() or user.username
    claims["email"] = user.email
    claims["email_verified"] = True
    return claims


class GroupsClaims(ScopeClaims):
    info_groups = (_("Groups"), _("The groups you are in."))

    def scope_groups(self):
        return {"groups": sorted(self.user.groups.values_list("name", flat=True))}
