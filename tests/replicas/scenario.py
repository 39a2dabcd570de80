"""What residents and brokers do against the cluster (tests/replicas/cluster.py), as
plain HTTP clients: every request goes through the load balancer unless said otherwise,
and every answer says which instance gave it (X-Replica)."""

import re
from collections import Counter
from html import unescape
from threading import Lock

import requests

from tests.initiatives.files import PDF
from tests.initiatives.payloads import submission_data

SEEN = Counter()
_seen_lock = Lock()


def _count(answer: requests.Response) -> requests.Response:
    for hop in [*answer.history, answer]:
        if replica := hop.headers.get("X-Replica"):
            with _seen_lock:
                SEEN[replica] += 1
    return answer


def _field(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"no {name} on the page"
    return unescape(match.group(1))


def resident_file(number: int) -> bytes:
    """A PDF of its own for every resident."""
    return PDF + f"%resident {number}\n".encode()


def resident_submits(url: str, number: int) -> str:
    """Open the form, submit with a file, then submit the same form again (a double
    click, perhaps on the other instance). Returns where the resident ends up."""
    browser = requests.Session()
    form = _count(browser.get(f"{url}/idee-indienen/", timeout=30))
    data = submission_data(
        submission_key=_field(form.text, "submission_key"),
        title=f"Replica {number:02d} buurtmoestuin",
        email=f"bewoner{number}@example.nl",
    ) | {"csrfmiddlewaretoken": _field(form.text, "csrfmiddlewaretoken")}
    places = []
    for _ in range(2):
        answer = _count(
            browser.post(
                f"{url}/idee-indienen/",
                data=data,
                files={
                    "attachments": (f"plan-{number}.pdf", resident_file(number), "application/pdf")
                },
                timeout=30,
                allow_redirects=False,
            )
        )
        assert answer.status_code == 302, answer.status_code
        places.append(answer.headers["Location"])
    return places[0]


class Broker:
    def __init__(self, url: str, username: str, password: str):
        self.url = url
        self.browser = requests.Session()
        page = _count(self.browser.get(f"{url}/accounts/login/", timeout=30))
        answer = _count(
            self.browser.post(
                f"{url}/accounts/login/",
                data={
                    "csrfmiddlewaretoken": _field(page.text, "csrfmiddlewaretoken"),
                    "username": username,
                    "password": password,
                },
                timeout=30,
            )
        )
        assert answer.url.endswith("/makelaar/mijn-dag/"), answer.url  # brokers start there

    def post(self, path: str, data: dict) -> requests.Response:
        data = data | {"csrfmiddlewaretoken": self.browser.cookies["csrftoken"]}
        return _count(
            self.browser.post(
                f"{self.url}{path}", data=data, timeout=30, headers={"Referer": self.url}
            )
        )

    def claim(self, reference: str) -> None:
        answer = self.post(f"/makelaar/ideeen/{reference}/oppakken/", {})
        assert answer.status_code in (200, 403), answer.status_code

    def note(self, reference: str, text: str) -> None:
        answer = self.post(f"/makelaar/ideeen/{reference}/notitie/", {"note-text": text})
        assert answer.status_code == 200, answer.status_code

    def download(self, attachment_id: int, base: str | None = None) -> bytes:
        answer = _count(
            self.browser.get(f"{base or self.url}/makelaar/bijlagen/{attachment_id}/", timeout=30)
        )
        assert answer.status_code == 200, answer.status_code
        return answer.content
