"""Helpers of the browser tests: what a page must always be, reading downloaded documents, and
the command line for comparison."""

import json
import os
import pathlib
import re
import subprocess
from urllib.parse import quote

from playwright.sync_api import expect

ROOT = pathlib.Path(__file__).resolve().parents[2]
# 2026-11-29, the fixtures' "today".
TODAY_EPOCH = "1795910400"
SUPPORT_LETTER = "Letter in support of a T or U visa application"

# Every visible form control, and whether a <label for> or an aria-label names it.
_UNLABELLED = """() => {
  const controls = Array.from(document.querySelectorAll("input, select, textarea"))
    .filter(c => c.type !== "hidden" && !c.closest("[hidden]"));
  const named = c => (c.getAttribute("aria-label") || "").trim() !== "" ||
    (c.id && Array.from(document.querySelectorAll("label[for]"))
      .some(l => l.htmlFor === c.id && l.textContent.trim() !== ""));
  return { count: controls.length,
           unlabelled: controls.filter(c => !named(c)).map(c => c.outerHTML.slice(0, 120)) };
}"""


def new_context(browser, **options):
    """A fresh browser profile: desktop size, US English (dates typed as mm/dd/yyyy)."""
    settings = {"viewport": {"width": 1100, "height": 900}, "locale": "en-US", "accept_downloads": True}
    settings.update(options)
    context = browser.new_context(**settings)
    context.set_default_timeout(15_000)
    return context


def assert_labelled(page):
    """Every input, select and text area of the page that is not hidden has a label; returns
    how many there are."""
    result = page.evaluate(_UNLABELLED)
    assert result["unlabelled"] == [], f"{page.url}: controls without a label: {result['unlabelled']}"
    return result["count"]


def assert_no_sideways_scroll(page):
    """The page fits the window's width: nothing makes it scroll sideways."""
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways at {widths[1]} px: it is {widths[0]} px wide"


def csrf_token(page):
    return page.locator('meta[name="csrf-token"]').get_attribute("content")


def create_case(page, server, title):
    """Creates a case from the home page as a user does, and returns its address."""
    page.goto(server.url)
    new_case = page.get_by_role("region", name="New case")
    new_case.get_by_label("Title").click()
    page.keyboard.type(title)
    new_case.get_by_role("button", name="Create the case").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    return page.url


def add_document(page, title):
    """On a case's page, adds a document by its title; returns the address of its form."""
    page.get_by_label("Add a document").select_option(label=title)
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    return page.url.split("?")[0]


def flat(text):
    """Text with every run of white space (no-break spaces, line ends) as one space."""
    return " ".join(text.replace("\u00a0", " ").split())


def pdf_text(path):
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True).stdout.decode()


def pdf_pages(path):
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True).stdout.decode()
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


def docx_text(path, folder):
    """The text LibreOffice reads from a DOCX (its own profile, so that it never waits on
    another LibreOffice running on the machine)."""
    folder = pathlib.Path(folder)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{folder / 'lo-profile'}", "--headless", "--convert-to", "txt:Text",
         "--outdir", str(folder), str(path)],
        check=True, capture_output=True, timeout=180,
    )
    return (folder / (pathlib.Path(path).stem + ".txt")).read_text(encoding="utf-8", errors="replace")


def engross(*arguments):
    """Runs the command line (the debug build, or ENGROSS) from the project, with the fixtures' today."""
    program = os.environ.get("ENGROSS") or str(ROOT / ".build/debug/engross")
    return subprocess.run([program, *arguments], cwd=ROOT, env=dict(os.environ, SOURCE_DATE_EPOCH=TODAY_EPOCH),
        capture_output=True, timeout=120)


def cli_messages(template, case_path, path):
    """What `engross validate --json` says about field `path` of a case file."""
    answer = json.loads(engross("validate", "--json", template, str(case_path)).stdout)
    return [d["message"] for f in answer["files"] for d in f["diagnostics"] if d["path"] == path]


def screenshot(page, name, height=None):
    """Saves what the window shows into ENGROSS_SCREENSHOTS when it is set (scripts/screenshots
    sets it); `height` makes the window that tall for the picture."""
    folder = os.environ.get("ENGROSS_SCREENSHOTS")
    if not folder:
        return
    pathlib.Path(folder).mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    if height:
        page.set_viewport_size({"width": size["width"], "height": height})
    page.screenshot(path=str(pathlib.Path(folder) / f"{name}.png"), full_page=False)
    page.set_viewport_size(size)


def assert_log_clean(server, values):
    """The server's request log holds lines, and none of `values`."""
    log = server.log()
    assert re.search(r"^(GET|POST) /\S* \d{3} [\d.]+ ms$", log, re.MULTILINE), "the server's log holds no request line"
    leaked = sorted(value for value in values if value.lower() in log.lower())
    assert leaked == [], f"the server's log holds case values: {leaked}"


def form_pairs(value, name=""):
    """A case file's data as the form sends it: `client.fullName`, `services#count`,
    `services[0].description`, check boxes as true/false."""
    if isinstance(value, dict):
        return [pair for key, item in value.items() for pair in form_pairs(item, f"{name}.{key}" if name else key)]
    if isinstance(value, list) and all(isinstance(item, dict) for item in value):
        pairs = [(f"{name}#count", str(len(value)))]
        for index, item in enumerate(value):
            pairs += form_pairs(item, f"{name}[{index}]")
        return pairs
    if isinstance(value, list):
        return [(name, str(item)) for item in value]
    if isinstance(value, bool):
        return [(name, "true" if value else "false")]
    return [(name, str(value))]


def fill_by_posting(page, form_url, data):
    """Setup, not under test: sends every step of a document's form the data of a case file, as
    the browser would (the form takes from each post the fields of its own step)."""
    page.goto(form_url)
    steps = int(re.search(r"of (\d+)", page.locator(".progress-text").inner_text()).group(1)) - 1
    body = "&".join(f"{quote(k)}={quote(v)}" for k, v in [("_csrf", csrf_token(page)), ("action", "save"), *form_pairs(data)])
    for step in range(1, steps + 1):
        answer = page.request.post(f"{form_url}?step={step}", data=body, max_redirects=0,
            headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert answer.status == 303, (step, answer.status)


def current_step(page):
    """The form's current step in the step list at the top (a step that is one group has no
    heading of its own: its legend is the title)."""
    return page.locator('.steps [aria-current="step"]')


def assert_below_header(page, locator):
    """`locator` is in sight, not hidden under the header that stays at the top of the window."""
    box, header = locator.bounding_box(), page.locator(".site-header").bounding_box()
    assert box is not None and header is not None
    assert header["y"] + header["height"] <= box["y"] + 1 and box["y"] < page.viewport_size["height"], (
        f"{page.url}: the element at y={box['y']:.0f} is under the header (bottom {header['y'] + header['height']:.0f})")
