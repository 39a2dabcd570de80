"""The headers every page carries (config/settings/security.py): a Content-Security-Policy
without inline code or eval, a Permissions-Policy switching off unused features, and a
language cookie that scripts cannot read and other sites do not send."""

import json
import re
import subprocess
import sys

import pytest
from django.urls import reverse

from tests.test_settings import PRODUCTION_ENV, ROOT, _run


@pytest.mark.django_db
def test_pages_carry_the_policies(client):
    response = client.get("/")
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"].startswith("'self' 'sha256-")
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]
    permissions = response["Permissions-Policy"]
    assert "camera=()" in permissions and "geolocation=()" in permissions


@pytest.mark.django_db
def test_htmx_injects_no_style_and_our_stylesheet_has_its_indicator_rules(client, broker):
    """htmx would add a <style> for its request indicators, which the policy refuses (a
    console error on every page): base.html switches that off before htmx loads, and
    static/css/site.css carries the same rules."""
    client.force_login(broker)
    for path in ("/", reverse("brokers:queue")):
        page = client.get(path).content.decode()
        config = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", page)
        assert config, path
        assert json.loads(config.group(1))["includeIndicatorStyles"] is False
        assert page.index('name="htmx-config"') < page.index("js/htmx.min.js")
    css = (ROOT / "static" / "css" / "site.css").read_text()
    assert ".htmx-indicator { opacity: 0; }" in css
    assert ".htmx-request .htmx-indicator" in css and ".htmx-request.htmx-indicator" in css


def test_the_object_store_may_serve_images(settings):
    from csp.constants import SELF

    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"][0] == SELF
    result = _run(PRODUCTION_ENV | {"CSP_MEDIA_SOURCES": "https://s3.gemeente.example"})
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_language_cookie_is_lax_and_http_only(client, settings):
    settings.LANGUAGE_COOKIE_SECURE = True
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"] is True
    assert cookie["secure"] is True


def _production_settings(expression: str, **extra_env) -> str:
    import os

    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    code = (
        f"import django; django.setup(); from django.conf import settings as s; print({expression})"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean | PRODUCTION_ENV | extra_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_language_cookie_is_secure_in_production():
    flags = "s.LANGUAGE_COOKIE_SECURE, s.LANGUAGE_COOKIE_SAMESITE, s.LANGUAGE_COOKIE_HTTPONLY"
    assert _production_settings(flags).split() == ["True", "Lax", "True"]


@pytest.mark.django_db
def test_forms_may_be_redirected_to_the_identity_provider(client, settings):
    """Signing out ends the provider's session too: the sign-out form's answer redirects
    there, which Chromium checks against form-action."""
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://login.gemeente.example/oidc/authorize/"
    settings.OIDC_OP_LOGOUT_ENDPOINT = "https://sso.gemeente.example:8443/end-session/"
    policy = client.get("/")["Content-Security-Policy"]
    form_action = next(p for p in policy.split("; ") if p.startswith("form-action"))
    assert form_action.split()[1:] == [
        "'self'",
        "https://login.gemeente.example",
        "https://sso.gemeente.example:8443",
    ]
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = settings.OIDC_OP_LOGOUT_ENDPOINT = ""
    policy = client.get("/")["Content-Security-Policy"]
    assert "form-action 'self';" in policy + ";"
