"""A server with accounts (`--accounts`), as an organization uses it: users made with
`engross-server user add`, an advocate who signs in and fills a support letter, an attorney who
marks it reviewed, a supervisor who reads the audit log, an administrator who sees no case."""

import json
import re
import subprocess

import pytest
from playwright.sync_api import expect

from conftest import _program, running_server
from support import (ROOT, SUPPORT_LETTER, add_document, assert_labelled, assert_no_sideways_scroll, create_case,
    fill_by_posting, new_context, screenshot)

PASSWORD = "correct horse battery staple"
USERS = [("ada@example.org", "Ada Admin", "administrator"), ("avi@example.org", "Avi Advocate", "advocate"),
         ("bea@example.org", "Bea Advocate", "advocate"),
         ("tess@example.org", "Tess Attorney", "attorney"), ("sam@example.org", "Sam Supervisor", "supervisor")]
VALID_LETTER = json.loads((ROOT / "Fixtures/cases/letters/support/valid.json").read_text(encoding="utf-8"))
TITLE = "Intake 2026-0555"


@pytest.fixture(scope="module")
def accounts_server(tmp_path_factory):
    """engross-server with --accounts over a data folder whose users were made by `user add`."""
    folder = tmp_path_factory.mktemp("accounts")
    for username, name, role in USERS:
        subprocess.run([_program(), "user", "add", "--data", str(folder / "data"), "--organization", "Example Clinic", "--role", role,
            "--name", name, "--password-stdin", username], input=PASSWORD + "\n", text=True, check=True, capture_output=True)
    with running_server(folder, "--accounts") as running:
        yield running


def sign_in(page, server, username, then=None):
    page.goto(server.url + (then or ""))
    expect(page).to_have_url(re.compile(r"/sign-in"))
    assert_labelled(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("navigation", name="Your account")).to_be_visible()


def test_an_organization_works_on_a_case_with_accounts(accounts_server, browser):
    server = accounts_server
    context = new_context(browser)
    page = context.new_page()

    # The advocate: a wrong password first, then the right one; then a case and a letter.
    page.goto(server.url)
    expect(page).to_have_url(re.compile(r"/sign-in$"))
    page.get_by_label("Username").fill("avi@example.org")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("do not match an active account")
    screenshot(page, "accounts-sign-in")
    sign_in(page, server, "avi@example.org")
    expect(page.locator(".account .who")).to_contain_text("Avi Advocate")
    case = create_case(page, server, TITLE)
    letter = add_document(page, SUPPORT_LETTER)
    fill_by_posting(page, letter, VALID_LETTER)
    page.goto(letter + "?step=99")
    expect(page.get_by_role("link", name="Download PDF")).to_be_visible()
    expect(page.get_by_text("Not yet reviewed")).to_be_visible()
    expect(page.get_by_role("button", name="Mark reviewed")).to_have_count(0)
    page.goto(case)
    page.get_by_label("Share with").select_option(label="Bea Advocate")
    page.get_by_role("button", name="Share", exact=True).click()
    expect(page.locator(".shares")).to_contain_text("Bea Advocate")
    screenshot(page, "accounts-case", height=1400)
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/sign-in$"))
    page.goto(case)
    expect(page).to_have_url(re.compile(r"/sign-in\?next="))
    context.close()

    # The attorney sees every case of the organization and marks the letter reviewed.
    context = new_context(browser)
    page = context.new_page()
    sign_in(page, server, "tess@example.org")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    page.goto(letter + "?step=99")
    page.get_by_role("button", name="Mark reviewed").click()
    expect(page.locator(".reviewed")).to_contain_text("Reviewed by Tess Attorney on")
    screenshot(page, "accounts-reviewed")
    context.close()

    # The supervisor reads the audit log: who did what, never the case's title.
    context = new_context(browser)
    page = context.new_page()
    sign_in(page, server, "sam@example.org")
    page.get_by_role("link", name="Audit log").click()
    log = page.locator("table.audit")
    expect(log).to_contain_text("Tess Attorney")
    expect(log).to_contain_text("reviewed")
    expect(log).to_contain_text("created")
    assert TITLE not in page.content()
    assert_no_sideways_scroll(page)
    screenshot(page, "accounts-audit")
    context.close()

    # The administrator manages users and sees no case.
    context = new_context(browser)
    page = context.new_page()
    sign_in(page, server, "ada@example.org")
    expect(page).to_have_url(re.compile(r"/admin/users$"))
    assert_labelled(page)
    expect(page.locator("table.users")).to_contain_text("Avi Advocate")
    assert TITLE not in page.content()
    screenshot(page, "accounts-users", height=1200)
    page.goto(case)
    expect(page.locator("main")).to_contain_text("do not see case data")
    context.close()
