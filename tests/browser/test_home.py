import pytest

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_is_accessible_and_keyboard_reachable(page, broker):
    page.goto("/")
    assert page.locator("h1").inner_text() == "Heeft u een idee voor uw buurt?"
    # The first Tab reaches the skip link, which moves focus to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert_accessible(page)


FOCUS_COLOURS = """(el) => {
    const style = getComputedStyle(el);
    let node = el.parentElement, background = "rgba(0, 0, 0, 0)";
    while (node && background === "rgba(0, 0, 0, 0)") {
        background = getComputedStyle(node).backgroundColor;
        node = node.parentElement;
    }
    return {
        ring: [style.outlineColor, ...(style.boxShadow.match(/rgba?\\([^)]*\\)/g) || [])],
        outlineWidth: style.outlineWidth,
        background: background === "rgba(0, 0, 0, 0)" ? "rgb(255, 255, 255)" : background,
    };
}"""


def _luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in rgb[rgb.index("(") + 1 : -1].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    lighter, darker = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize(
    "selector", [".site-header a.brand", "main a[href='/mijn-idee/nieuwe-link/']"]
)
def test_focus_stands_out_on_the_blue_header_and_the_white_page(page, selector):
    # WCAG 1.4.11: part of the focus indicator has 3:1 against what is around it. The
    # old yellow outline alone had 1.6:1 on white.
    page.goto("/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            break
    else:
        raise AssertionError(f"Tab never reached {selector}")
    focus = page.evaluate(FOCUS_COLOURS, page.locator(selector).element_handle())
    assert focus["outlineWidth"] == "3px"
    assert max(_contrast(colour, focus["background"]) for colour in focus["ring"]) >= 3
