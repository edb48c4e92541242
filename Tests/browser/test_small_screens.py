"""Phones and 200 % zoom: no page scrolls sideways.

200 % zoom is tested as the browser does it: zooming a 1280 px wide window to 200 % leaves a
layout viewport of 640 CSS pixels, so the page is laid out at 640 px, media queries included.
(`device_scale_factor` only changes the pixel density, and CSS `zoom` on the body does not make
media queries respond, so neither is zoom.) A phone is 375 px wide."""

import json

import pytest
from playwright.sync_api import expect

from support import (ROOT, SUPPORT_LETTER, add_document, assert_below_header, assert_labelled, assert_no_sideways_scroll, create_case,
    fill_by_posting, new_context, screenshot)

VALID_LETTER = json.loads((ROOT / "Fixtures/cases/letters/support/valid.json").read_text(encoding="utf-8"))
WIDTHS = {"phone": {"width": 375, "height": 740}, "zoom-200": {"width": 640, "height": 400}}


@pytest.fixture(scope="module")
def addresses(server, browser):
    """A case with a valid support letter and an unfinished one, made once for every width."""
    context = new_context(browser)
    page = context.new_page()
    case = create_case(page, server, "Small screen 0001 with a rather long title that has to wrap somewhere")
    valid = add_document(page, SUPPORT_LETTER)
    fill_by_posting(page, valid, VALID_LETTER)
    page.goto(case)
    unfinished = add_document(page, SUPPORT_LETTER)
    fill_by_posting(page, unfinished, {"services": [{"description": "x"}, {}]})
    context.close()
    packet = case + "/packets/t-visa"
    return {
        "cases": server.url, "case": case, "delete": case + "/delete",
        "form with problems": unfinished + "?step=4&check=1", "first step checked": unfinished + "?step=1&check=1",
        "review with problems": unfinished + "?step=7",
        "review": valid + "?step=7", "redacted review": valid + "?step=7&redact=1",
        "packet": packet, "packet with problems": packet + "/packet.pdf?bates=DOE",
        "error": server.url + "cases/00000000-0000-0000-0000-000000000000", "exit": server.url + "exit",
    }


@pytest.mark.parametrize("size", WIDTHS)
def test_no_page_scrolls_sideways(browser, addresses, size):
    context = new_context(browser, viewport=WIDTHS[size], device_scale_factor=2 if size == "phone" else 1)
    page = context.new_page()
    try:
        for name, url in addresses.items():
            page.goto(url)
            if "review" in name and "problems" not in name:
                expect(page.frame_locator("#preview").locator("body")).to_contain_text("Services we have provided")
            assert_no_sideways_scroll(page)
            assert_labelled(page)
        if size == "phone":
            page.goto(addresses["form with problems"])
            # The script gives the summary of problems the focus, which brings it into sight.
            expect(page.locator("#error-summary")).to_be_focused()
            assert_below_header(page, page.locator("#error-summary"))
            page.locator("#error-summary").evaluate("e => e.scrollIntoView()")
            screenshot(page, "form-phone")
    finally:
        context.close()
