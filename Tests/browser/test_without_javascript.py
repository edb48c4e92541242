"""The form without JavaScript: every button is a plain form submission, so "Save and check"
shows the engine's problems beside the fields and in the summary at the top, and a list's add,
move and remove buttons work."""

import re

import pytest
from playwright.sync_api import expect

from support import (SUPPORT_LETTER, add_document, assert_below_header, assert_labelled, assert_log_clean, create_case,
    new_context)


@pytest.fixture
def page(browser):
    context = new_context(browser, java_script_enabled=False)
    try:
        yield context.new_page()
    finally:
        context.close()


def items(page):
    return page.locator("fieldset.item")


def service(page, number):
    return page.get_by_role("group", name=f"Services provided: item {number}").get_by_label(re.compile(r"^Service\b"))


def test_save_and_check_shows_the_problems(server, page):
    create_case(page, server, "No script 0001")
    base = add_document(page, SUPPORT_LETTER)
    expect(page.locator("#error-summary")).to_be_hidden()

    page.get_by_role("button", name="Save and check").click()
    expect(page).to_have_url(re.compile(r"step=1&check=1"))
    assert_labelled(page)
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("There are problems on this step")
    date = page.get_by_label("Date of the letter")
    message = page.locator(".field").filter(has=date).locator(".error-message")
    expect(message).to_be_visible()
    expect(message).to_contain_text("Date of the letter")
    expect(date).to_have_attribute("aria-invalid", "true")
    assert message.get_attribute("id") in date.get_attribute("aria-describedby").split()
    # The summary links to the field, with the same words.
    link = summary.get_by_role("link", name=message.inner_text().strip())
    expect(link).to_have_attribute("href", "#" + date.get_attribute("id"))
    # A choice's message sits in its group.
    choice = page.get_by_role("group", name=re.compile("^Application supported"))
    expect(choice.locator(".error-message")).to_contain_text("Application supported")

    # An impossible date, checked on submission.
    page.goto(base + "?step=4")
    page.get_by_label("Date the author first met the client").fill("2026-12-15")
    # No script: nothing is checked, or saved, until the form is sent.
    page.wait_for_timeout(1000)
    expect(page.locator("#save-status")).to_have_text("")
    expect(page.locator(".error-message:visible")).to_have_count(0)
    page.get_by_role("button", name="Save and check").click()
    known = page.get_by_label("Date the author first met the client")
    expect(page.locator(".field").filter(has=known).locator(".error-message")).to_contain_text(
        "Date the author first met the client is in the future")
    expect(known).to_have_value("2026-12-15")
    expect(page.locator("#error-summary")).to_contain_text("Date the author first met the client is in the future")


def test_list_buttons_work(server, page, typed_values):
    typed_values.update(["Housing search help", "Court accompaniment", "Bus passes"])
    create_case(page, server, "No script 0002")
    base = add_document(page, SUPPORT_LETTER)
    page.goto(base + "?step=4")
    expect(items(page)).to_have_count(0)

    add = page.get_by_role("button", name="Add an item to “Services provided”")
    for number, text in enumerate(["Housing search help", "Court accompaniment", "Bus passes"], start=1):
        add.click()
        expect(items(page)).to_have_count(number)
        assert_labelled(page)
        # The page opens at the new item (#f-services-N), its legend in sight.
        expect(page).to_have_url(re.compile(rf"#f-services-{number - 1}$"))
        assert_below_header(page, page.get_by_role("group", name=f"Services provided: item {number}").locator("legend"))
        service(page, number).fill(text)
    # The form's values are saved by the next button.
    page.get_by_role("button", name="Move up item 3").click()
    expect(items(page)).to_have_count(3)
    assert [service(page, n).input_value() for n in (1, 2, 3)] == ["Housing search help", "Bus passes", "Court accompaniment"]
    expect(page.get_by_role("button", name="Move up item 1")).to_be_disabled()
    expect(page.get_by_role("button", name="Move down item 3")).to_be_disabled()

    page.get_by_role("button", name="Move down item 1").click()
    assert [service(page, n).input_value() for n in (1, 2, 3)] == ["Bus passes", "Housing search help", "Court accompaniment"]

    page.get_by_role("button", name="Remove item 2").click()
    expect(items(page)).to_have_count(2)
    assert [service(page, n).input_value() for n in (1, 2)] == ["Bus passes", "Court accompaniment"]
    page.get_by_role("button", name="Remove item 1").click()
    page.get_by_role("button", name="Remove item 1").click()
    expect(items(page)).to_have_count(0)
    # With no service left, the list's own rule (at least one) is what "Save and check" shows.
    page.get_by_role("button", name="Save and check").click()
    # In the form's words: no case-file key (the command line's help says 'add "services" as a list').
    expect(page.get_by_role("group", name=re.compile("^Services provided")).locator(".error-message").first).to_have_text(
        "Services provided has no items but needs at least 1")
    assert_log_clean(server, typed_values)
