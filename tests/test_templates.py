"""Rules every page template follows."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def test_every_data_table_scrolls_in_its_own_labelled_region():
    """WCAG 1.4.10 (reflow at 320 px): a wide table scrolls inside a region a keyboard can
    reach, named by the table's caption, never the whole page."""
    problems = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        lines = path.read_text().splitlines()
        for number, line in enumerate(lines):
            if "<table" not in line:
                continue
            before = next((text for text in reversed(lines[:number]) if text.strip()), "")
            region = re.search(r'class="table-scroll"[^>]*aria-labelledby="([^"]+)"', before)
            caption = " ".join(lines[number : number + 3])
            if not region or f'id="{region.group(1)}"' not in caption:
                problems.append(f"{path.relative_to(TEMPLATES)}:{number + 1}")
    assert problems == []


def test_no_inline_script_style_or_event_handler():
    """The Content-Security-Policy (config/settings/security.py) allows no inline code:
    scripts are files under static/js, styles rules in static/css. Only the server error
    page keeps its <style> (it may not depend on static files): the policy allows that
    block by its hash."""
    inline = re.compile(
        r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>"
        r"|<style\b|\sstyle=|\son[a-z]+=|javascript:",
        re.IGNORECASE,
    )
    apps = sorted(TEMPLATES.parent.glob("*/templates"))
    problems = [
        f"{path}: {match.group().strip()}"
        for folder in [TEMPLATES, *apps]
        for path in sorted(folder.rglob("*.html"))
        for match in inline.finditer(path.read_text())
        if not (path.name == "500.html" and match.group() == "<style")
    ]
    assert problems == []
