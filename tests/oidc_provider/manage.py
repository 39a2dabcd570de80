#!/usr/bin/env python
"""A real OpenID Connect provider for the SSO tests (django-oidc-provider), run as its
own server by tests/accounts/oidc_fixtures.py. Not part of the platform."""

import os
import sys

if __name__ == "__main__":
    os.environ["DJANGO_SETTINGS_MODULE"] = "idp.settings"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
