"""A real OpenID Connect provider for the sign-in tests (tests/accounts/, tests/browser/;
registered in tests/conftest.py): django-oidc-provider in its own
small project (tests/oidc_provider/), served by its own process on a free port, with
its own SQLite database. The platform under test is pytest-django's live server."""

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.servers import ServerProcess, free_port

PROJECT = Path(__file__).resolve().parent.parent / "oidc_provider"
CLIENT_ID, CLIENT_SECRET = "ideeenmakelaar", "test-client-secret-0123456789"


@dataclass
class Provider:
    url: str
    env: dict

    def person(self, username: str, *, groups: list[str], password="", email="", name=""):
        """Make or change a person at the provider (exactly these groups)."""
        subprocess.run(
            [sys.executable, "manage.py", "idp_person", username, "--groups", ",".join(groups)]
            + ["--password", password, "--email", email, "--name", name],
            cwd=PROJECT,
            env=self.env,
            check=True,
            capture_output=True,
        )

    def settings(self) -> dict:
        """The platform's settings for this provider (config/settings/oidc.py)."""
        base = f"{self.url}/openid"
        return {
            "OIDC_ENABLED": True,
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{base}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{base}/token",
            "OIDC_OP_USER_ENDPOINT": f"{base}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{base}/jwks",
            "OIDC_OP_LOGOUT_ENDPOINT": f"{base}/end-session",
            "OIDC_RECHECK_SECONDS": 0,
        }


@pytest.fixture(scope="session")
def oidc_provider(live_server, tmp_path_factory):
    folder = tmp_path_factory.mktemp("oidc_provider")
    port = free_port()
    env = {
        "PATH": "/usr/bin:/bin",
        "IDP_DATABASE": str(folder / "provider.sqlite3"),
        "IDP_SITE_URL": f"http://127.0.0.1:{port}",
    }

    def manage(*args):
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=PROJECT,
            env=env,
            check=True,
            capture_output=True,
        )

    manage("migrate", "--noinput")
    manage(
        "idp_seed",
        "--client-id",
        CLIENT_ID,
        "--client-secret",
        CLIENT_SECRET,
        "--redirect-uri",
        f"{live_server.url}/accounts/oidc/callback/",
        "--post-logout-uri",
        f"{live_server.url}/",
    )
    server = ServerProcess(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        ready_url=f"http://127.0.0.1:{port}/openid/.well-known/openid-configuration",
        log=folder / "provider.log",
        cwd=PROJECT,
        env=env,
    ).start()
    yield Provider(f"http://127.0.0.1:{port}", env)
    server.stop()


@pytest.fixture
def sso(oidc_provider, settings):
    """The platform signs staff in through the provider (local passwords stay on)."""
    for name, value in oidc_provider.settings().items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "accounts.oidc.backend.ProviderBackend",
    ]
    return oidc_provider
