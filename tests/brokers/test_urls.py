"""brokers/views/ is a package split by concern: the URLs keep their names and paths, and
no view module grows past 400 lines."""

from pathlib import Path

import pytest
from django.urls import resolve, reverse

ROOT = Path(__file__).resolve().parents[2]

URLS = [
    ("brokers:queue", [], "/makelaar/"),
    ("brokers:start", [], "/makelaar/start/"),
    ("brokers:outbox", [], "/makelaar/berichten/"),
    ("brokers:task_done", [3], "/makelaar/berichten/3/gedaan/"),
    ("brokers:retry", [3], "/makelaar/berichten/3/opnieuw/"),
    ("brokers:survey_flag_handled", [3], "/makelaar/berichten/tevredenheid/3/gezien/"),
    ("brokers:bulk-assign", [], "/makelaar/toewijzen/"),
    ("brokers:handover", [], "/makelaar/overdracht/"),
    ("brokers:network", [], "/makelaar/netwerk/"),
    ("brokers:organisation", [3], "/makelaar/netwerk/3/"),
    ("brokers:case", ["2026-0001"], "/makelaar/ideeen/2026-0001/"),
    ("brokers:case-claim", ["2026-0001"], "/makelaar/ideeen/2026-0001/oppakken/"),
    ("brokers:case-assign", ["2026-0001"], "/makelaar/ideeen/2026-0001/toewijzen/"),
    ("brokers:case-contact", ["2026-0001"], "/makelaar/ideeen/2026-0001/contact/"),
    ("brokers:case-transition", ["2026-0001"], "/makelaar/ideeen/2026-0001/status/"),
    ("brokers:case-note", ["2026-0001"], "/makelaar/ideeen/2026-0001/notitie/"),
    ("brokers:case-waiting", ["2026-0001"], "/makelaar/ideeen/2026-0001/wachten/"),
    ("brokers:case-referral", ["2026-0001"], "/makelaar/ideeen/2026-0001/doorverwijzen/"),
    (
        "brokers:case-referral-outcome",
        ["2026-0001", 3],
        "/makelaar/ideeen/2026-0001/doorverwijzen/3/uitkomst/",
    ),
    ("brokers:case-task-done", ["2026-0001", 3], "/makelaar/ideeen/2026-0001/taken/3/klaar/"),
]


@pytest.mark.parametrize(("name", "args", "path"), URLS)
def test_the_brokers_urls_keep_their_names_and_paths(name, args, path):
    assert reverse(name, args=args) == path
    assert resolve(path).view_name == name


def test_the_view_modules_stay_small():
    modules = [
        *sorted((ROOT / "brokers").glob("views*.py")),
        *sorted((ROOT / "brokers" / "views").glob("*.py")),
        ROOT / "budgets" / "views.py",
        ROOT / "matching" / "views.py",
    ]
    too_long = {
        str(module.relative_to(ROOT)): lines
        for module in modules
        if (lines := len(module.read_text().splitlines())) > 400
    }
    assert too_long == {}
