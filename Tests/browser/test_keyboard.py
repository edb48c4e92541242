"""The keyboard alone: Tab, Shift+Tab, Space and Enter reach and work every control a user needs,
and the Quick exit leaves for the neutral page."""

import json
import re

from playwright.sync_api import expect

from support import SUPPORT_LETTER, add_document, assert_labelled, assert_log_clean, create_case, current_step

NAME_OF_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return "";
  const label = e.id && document.querySelector(`label[for="${CSS.escape(e.id)}"]`);
  return (label ? label.textContent : e.getAttribute("aria-label") || e.textContent || e.value || "").replace(/\\s+/g, " ").trim();
}"""


def focused(page):
    return page.evaluate(NAME_OF_FOCUSED)


def tab_to(page, control, limit=60):
    """Presses Tab until `control` has the focus; fails if it never gets it."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        if control.evaluate("e => e === document.activeElement"):
            return
        seen.append(focused(page))
    raise AssertionError(f"Tab never reached {control}; it went through {seen}")


def button(page, name):
    return page.get_by_role("button", name=name, exact=True)


def test_form_filled_and_sent_with_the_keyboard(server, page, typed_values):
    typed_values.update(["Keyboard 0001", "200 Example Road", "Shelter intake interview"])
    page.goto(server.url)
    page.keyboard.press("Tab")
    assert focused(page) == "Skip to the content"
    page.keyboard.press("Tab")
    assert focused(page) == "Engross"
    page.keyboard.press("Tab")
    assert focused(page) == "Quick exit"

    tab_to(page, page.get_by_role("region", name="New case").get_by_label("Title"))
    page.keyboard.type("Keyboard 0001")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Keyboard 0001")

    tab_to(page, page.get_by_label("Add a document"))
    for _ in range(20):
        if page.get_by_label("Add a document").locator("option:checked").inner_text() == SUPPORT_LETTER:
            break
        page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Add a document").locator("option:checked")).to_have_text(SUPPORT_LETTER)
    page.keyboard.press("Tab")
    assert focused(page) == "Add"
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(SUPPORT_LETTER)
    base = page.url

    # Step 1: a date typed, a choice made with Space, sent with Enter on "Save and continue".
    tab_to(page, page.get_by_label("Date of the letter"))
    page.keyboard.type("11022026")
    # Tab moves through the parts of the date box (month, day, year), then on to the choice.
    tab_to(page, page.get_by_label("T nonimmigrant status (Form I-914)"), limit=4)
    page.keyboard.press("Space")
    expect(page.get_by_label("T nonimmigrant status (Form I-914)")).to_be_checked()
    tab_to(page, button(page, "Save and continue"))
    page.keyboard.press("Enter")
    expect(current_step(page)).to_have_text("Author's organization")

    # Step 2: Enter in a text box saves and checks the step (not a list's "Move up").
    tab_to(page, page.get_by_label("Organization's street address"))
    page.keyboard.type("200 Example Road")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"step=2&check=1"))
    expect(page.get_by_label("Organization's street address")).to_have_value("200 Example Road")
    expect(page.locator("#error-summary")).to_be_focused()
    # The summary's link takes the focus to its field.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#error-summary') !== null")
    assert focused(page).startswith("Organization's city, state and ZIP code"), focused(page)
    page.keyboard.press("Enter")
    expect(page.get_by_label("Organization's city, state and ZIP code")).to_be_focused()
    page.keyboard.type("Springfield, XX 00000")
    tab_to(page, button(page, "Save and continue"))
    page.keyboard.press("Space")
    expect(current_step(page)).to_have_text("Client")
    tab_to(page, button(page, "Save and continue"))
    page.keyboard.press("Enter")
    expect(current_step(page)).to_have_text("Date the author first met the client and more")

    # Step 4: a check box with Space; a list item added with Enter, and its first box next.
    tab_to(page, page.get_by_label("The client consented"))
    page.keyboard.press("Space")
    tab_to(page, button(page, "Add an item to “Services provided”"))
    page.keyboard.press("Enter")
    expect(page.locator("fieldset.item")).to_have_count(1)
    page.keyboard.press("Tab")
    assert focused(page).startswith("Service"), focused(page)
    page.keyboard.type("Shelter intake interview")
    tab_to(page, button(page, "Save and check"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"step=4&check=1"))
    assert_labelled(page)

    saved = json.loads(page.request.get(base + "/data.json").body())
    assert saved["letterDate"] == "2026-11-02" and saved["visa"] == "t"
    assert saved["organization"] == {"addressLine1": "200 Example Road", "addressLine2": "Springfield, XX 00000"}
    assert saved["consentToShare"] is True
    assert saved["services"] == [{"description": "Shelter intake interview"}]
    assert_log_clean(server, typed_values)


def test_quick_exit(server, page):
    case_url = create_case(page, server, "Exit 0001")
    form_url = add_document(page, SUPPORT_LETTER)
    page.goto(case_url)
    page.goto(form_url)

    # Third stop of Tab on every page, and Enter.
    for _ in range(3):
        page.keyboard.press("Tab")
    assert focused(page) == "Quick exit"
    page.keyboard.press("Enter")
    expect(page).to_have_url(server.url + "exit")
    expect(page).to_have_title("Weather")
    assert "Engross" not in page.content() and "Exit 0001" not in page.content()
    # location.replace: the page left is gone from the history; Back goes to the one before it
    # (the case's page), and Forward comes back to the neutral page, never to the form.
    page.go_back()
    expect(page).to_have_url(case_url)
    page.go_forward()
    expect(page).to_have_url(server.url + "exit")

    # Escape twice does the same, from anywhere on the page.
    page.goto(form_url)
    page.get_by_label("Date of the letter").focus()
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    expect(page).to_have_url(server.url + "exit")
    page.go_back()
    expect(page).to_have_url(server.url + "exit")
