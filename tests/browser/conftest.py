"""Browser tests: real Chromium (Debian's package) driven by Playwright against
pytest-django's live server. Skipped with a clear reason when Chromium is missing;
.ci/run installs it."""

import os
import re
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# around it are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    # Intercept file choosers from the start. Playwright turns interception on only when
    # the first listener appears; a key press that beat that (expect_file_chooser in the
    # test) opened Chromium's own chooser, and every later press found one still open.
    page.on("filechooser", lambda _chooser: None)
    violations = watch_csp(page)
    yield page
    context.close()
    # Every page a browser test visits runs under the Content-Security-Policy
    # (config/settings/security.py): an inline script or style it blocked fails the test.
    # (So wait_for_function takes "() => ...": a bare expression needs eval in the page.)
    assert violations == [], f"Content-Security-Policy violations: {violations}"


# Records what the policy blocked, as the page itself is told (the event fires before
# any page script runs, from the first document on).
_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations = window.__cspViolations || [];
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile || event.documentURI}:${event.lineNumber}`
  );
});
"""


def watch_csp(page) -> list[str]:
    """The policy's violations on this page, from Chromium's console (every document the
    page loads) and from securitypolicyviolation events (see csp_violations)."""
    violations = []
    page.add_init_script(_CSP_LISTENER)

    def on_console(message):
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    page.on("console", on_console)
    return violations


def watch_console_errors(page) -> list[str]:
    """Every error the page's console reports from now on (a refused inline style, a
    script error, a failed request): a staff page with htmx should have none."""
    errors = []

    def on_console(message):
        if message.type == "error":
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def csp_violations(page) -> list[str]:
    """The securitypolicyviolation events the current document has seen so far."""
    return page.evaluate("window.__cspViolations || []")


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core (WCAG 2.1 A/AA rules) in the page; the violations of these impacts."""
    # Evaluated through the DevTools protocol: an injected <script> element would be
    # inline code, which the site's Content-Security-Policy rightly blocks.
    page.evaluate(AXE_JS.read_text() + "\n;true")
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
        })"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def case_file_url(reference: str):
    """The case file's address, with or without the queue view it was opened from
    (`?view=...`, for previous/next)."""
    return re.compile(rf"/makelaar/ideeen/{re.escape(reference)}/(\?.*)?$")


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], f"axe found serious/critical violations: {violations}"
