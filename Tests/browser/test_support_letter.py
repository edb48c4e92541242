"""Test 1: a new user makes a support letter in the browser, as a person does it: clicks, types,
chooses; sees the engine's own message beside a date that cannot be right, fixes it; adds two
services; reads the preview and the redacted preview; downloads the PDF and the DOCX."""

import json
import re

from playwright.sync_api import expect

from support import (SUPPORT_LETTER, add_document, assert_labelled, assert_log_clean, cli_messages, create_case,
    current_step, docx_text, flat, pdf_text, screenshot)

TITLE = "Intake 2026-0417"
CLIENT = "Marta Muestra"
A_NUMBER = "A000000002"
A_NUMBER_PRINTED = "A000-000-002"
AUTHOR = "Pat Placeholder"
SERVICES = ["Crisis counseling at the drop-in center", "Help applying for a replacement passport"]
OBSERVATIONS = ("When we met, Ms. Muestra kept her coat on indoors and sat near the door.\n\n"
    "Since the spring she has tended the garden plot behind the shelter every morning.")
HARDSHIP = "Ms. Muestra fears the recruiters who still write to her cousins in the harbor town."
# Words of the narratives, each of which must stay out of the server's log.
NARRATIVE_WORDS = ["coat", "garden", "recruiters", "cousins", "harbor"]


def label_of(text):
    """A field's label exactly, with or without its "(required)" marker."""
    return re.compile("^" + re.escape(text) + r"( \(required\))?\s*$")


def type_into(page, label, text, **options):
    """Clicks a field found by its label and types, key by key."""
    page.get_by_label(label, **options).click()
    page.keyboard.type(text)


def type_date(page, label, mm_dd_yyyy):
    """Types a date as a person does in a US English date box: month, day, year."""
    field = page.get_by_label(label)
    retype(page, field, mm_dd_yyyy)
    return field


def retype(page, field, mm_dd_yyyy):
    """Clicks the month, the first part of a date box, and types over the date."""
    field.click(position={"x": 16, "y": 12})
    page.keyboard.type(mm_dd_yyyy.replace("/", ""))


def next_step(page, expected_title):
    page.get_by_role("button", name="Save and continue").click()
    expect(current_step(page)).to_have_text(expected_title)
    assert_labelled(page)


def error_beside(page, field):
    """The `.error-message` element the field's aria-describedby points at, in the field's own box."""
    holder = page.locator(".field").filter(has=field)
    return holder.locator(".error-message")


def test_new_user_makes_a_support_letter(server, page, typed_values, tmp_path):
    typed_values.update([TITLE, CLIENT, *CLIENT.split(), A_NUMBER, A_NUMBER_PRINTED, *NARRATIVE_WORDS, SERVICES[0], SERVICES[1]])
    create_case(page, server, TITLE)
    assert_labelled(page)
    base = add_document(page, SUPPORT_LETTER)
    assert assert_labelled(page) > 0
    expect(page.locator(".progress-text")).to_have_text("Step 1 of 7")

    # Step 1: the date of the letter, and which application.
    type_date(page, "Date of the letter", "11/02/2026")
    page.get_by_label("T nonimmigrant status (Form I-914)").check()
    next_step(page, "Author's organization")

    type_into(page, "Organization's street address", "100 Example Avenue, Suite 0")
    type_into(page, "Organization's city, state and ZIP code", "Springfield, XX 00000")
    type_into(page, "Organization's phone number", "(555) 010-0199")
    type_into(page, "Author's email address", "pat.placeholder@example.org")
    next_step(page, "Client")

    type_into(page, "Client's full legal name", CLIENT)
    page.get_by_label("Client's pronouns").select_option("she")
    type_date(page, "Client's date of birth", "01/01/1991")
    type_into(page, "Client's A-number, if any", A_NUMBER)
    next_step(page, "Date the author first met the client and more")

    # An impossible date: the message comes from the server as the user types, without submitting.
    known = type_date(page, "Date the author first met the client", "12/15/2026")
    message = error_beside(page, known)
    expect(message).to_be_visible()
    expect(message).to_contain_text("Date the author first met the client is in the future")
    error_id = message.get_attribute("id")
    expect(known).to_have_attribute("aria-invalid", "true")
    assert error_id in known.get_attribute("aria-describedby").split()
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#error-summary a")).to_have_attribute("href", "#" + known.get_attribute("id"))
    assert page.url.endswith("?step=4"), "the form was submitted"

    # Before the letter's date, but after it: the template's rule across two fields.
    retype(page, known, "11/15/2026")
    expect(message).to_contain_text("The author cannot have met the client after the date of the letter.")
    expect(known).to_have_attribute("aria-invalid", "true")
    screenshot(page, "form-error")
    # The very words of `engross validate`, on the draft the page saved.
    draft = tmp_path / "draft.json"
    draft.write_bytes(page.request.get(base + "/data.json").body())
    said = cli_messages("letters/support", draft, "knownSince")
    assert said and all(text in message.inner_text() for text in said), (said, message.inner_text())

    # Fixed: the message goes, and so do aria-invalid and the reference to it.
    retype(page, known, "03/04/2024")
    expect(message).to_be_hidden()
    expect(message).to_have_text("")
    expect(known).not_to_have_attribute("aria-invalid", "true")
    assert error_id not in (known.get_attribute("aria-describedby") or "").split()

    type_into(page, "Author's role with the client", "case manager")

    # Two services, each added with the list's own button.
    for number, service in enumerate(SERVICES, start=1):
        page.get_by_role("button", name="Add an item to “Services provided”").click()
        item = page.get_by_role("group", name=f"Services provided: item {number}")
        expect(item).to_be_visible()
        assert_labelled(page)
        item.get_by_label(label_of("Service")).click()
        page.keyboard.type(service)
    expect(page.get_by_role("group", name="Services provided: item 1").get_by_label(label_of("Service"))).to_have_value(SERVICES[0])

    type_into(page, "What the author observed, shared with the client's consent", OBSERVATIONS)
    page.get_by_label("The client consented in writing to sharing observations").check()
    type_into(page, "Hardship the client would face if removed (T letters only)", HARDSHIP)
    next_step(page, "The physical or mental abuse the client suffered (U letters only)")
    next_step(page, "Author of the letter")

    type_into(page, "Author's full name", AUTHOR)
    type_into(page, "Author's position", "Senior Case Manager")
    type_into(page, label_of("Author's organization"), "Example Survivor Services")
    type_into(page, "Author's licences or degrees", "LMSW")
    page.get_by_role("button", name="Save and review").click()

    # The review: no problem left, the preview holds the letter, the redacted one hides the client.
    expect(page.get_by_role("heading", name="The document")).to_be_visible()
    expect(page.locator("#error-summary")).to_be_hidden()
    assert_labelled(page)
    preview = page.frame_locator("#preview").locator("body")
    expect(preview).to_contain_text(CLIENT)
    expect(preview).to_contain_text(SERVICES[1])
    expect(preview).to_contain_text(A_NUMBER_PRINTED)
    screenshot(page, "review-preview", height=1200)
    page.get_by_role("link", name="Redacted preview").click()
    redacted = page.frame_locator("#preview").locator("body")
    expect(redacted).to_contain_text(AUTHOR)
    text = redacted.inner_text()
    assert CLIENT not in text and "Muestra" not in text and A_NUMBER_PRINTED not in text

    # The downloads, through the page's own links.
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Download PDF", exact=True).click()
    pdf_path = tmp_path / pdf_download.value.suggested_filename
    pdf_download.value.save_as(pdf_path)
    with page.expect_download() as docx_download:
        page.get_by_role("link", name="Download DOCX (Word)").click()
    docx_path = tmp_path / docx_download.value.suggested_filename
    docx_download.value.save_as(docx_path)
    assert pdf_path.suffix == ".pdf" and docx_path.suffix == ".docx"

    for name, text in [("PDF", flat(pdf_text(pdf_path))), ("DOCX", flat(docx_text(docx_path, tmp_path)))]:
        for expected in [*SERVICES, AUTHOR, CLIENT]:
            assert expected in text, f"the {name} lacks {expected!r}"
        assert text.index(SERVICES[0]) < text.index(SERVICES[1]), f"the {name} lists the services out of order"

    # What was saved is the case file the command line reads.
    saved = json.loads(page.request.get(base + "/data.json").body())
    assert [s["description"] for s in saved["services"]] == SERVICES
    assert saved["knownSince"] == "2024-03-04" and saved["client"]["aNumber"] == A_NUMBER

    assert_log_clean(server, typed_values)


def test_list_buttons_right_after_typing(server, page):
    """A list button pressed while the script is about to save a draft: the draft must not undo
    the item added or removed (it did, one time in two, before the script stopped its drafts
    when the form is sent)."""
    create_case(page, server, "Quick hands 0001")
    base = add_document(page, SUPPORT_LETTER)
    page.goto(base + "?step=4")
    add = page.get_by_role("button", name="Add an item to “Services provided”")
    add.click()
    for number in range(1, 5):
        page.locator("fieldset.item").last.get_by_label(label_of("Service")).click()
        page.keyboard.type(f"Service {number}")
        # Within the script's pause after typing (700 ms): the draft leaves as the form does.
        page.wait_for_timeout(150 * number)
        add.click()
        expect(page.locator("fieldset.item")).to_have_count(number + 1)
    page.locator("fieldset.item").last.get_by_label(label_of("Service")).click()
    page.keyboard.type("Service 5")
    page.wait_for_timeout(600)
    page.get_by_role("button", name="Remove item 1").click()
    expect(page.locator("fieldset.item")).to_have_count(4)
    page.wait_for_timeout(1000)
    saved = json.loads(page.request.get(base + "/data.json").body())
    assert [s["description"] for s in saved["services"]] == [f"Service {n}" for n in range(2, 6)]
