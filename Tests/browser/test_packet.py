"""Test 2: the T visa packet of the fixture case, made in the browser: the case file imported on
the home page, each exhibit uploaded on the packet page, the packet built with a Bates prefix and
downloaded as its PDF and as a ZIP; the same packet as `engross packet` makes."""

import hashlib
import json
import zipfile

from playwright.sync_api import expect

from support import ROOT, assert_below_header, assert_labelled, assert_log_clean, engross, pdf_pages, pdf_text, screenshot

FIXTURE = ROOT / "Fixtures/packets/t-visa"
TITLE = "Packet intake 0009"


def exhibits():
    return json.loads((FIXTURE / "case.json").read_text(encoding="utf-8"))["exhibits"]


def test_t_visa_packet_with_uploaded_exhibits(server, page, typed_values, tmp_path):
    case = json.loads((FIXTURE / "case.json").read_text(encoding="utf-8"))
    declarant = case["declaration"]["declarant"]
    typed_values.update([TITLE, declarant["fullName"], declarant["aNumber"], declarant["otherNames"]])
    typed_values.update(value for exhibit in exhibits() for key, value in exhibit.items() if key in ("title", "source"))

    # The whole case file, imported on the home page.
    page.goto(server.url)
    importing = page.get_by_role("region", name="Import a case file")
    importing.get_by_label("Case file (.json, .yaml or .yml)").set_input_files(FIXTURE / "case.json")
    expect(importing.get_by_label("The file holds")).to_have_value("")
    assert "A whole case" in importing.get_by_label("The file holds").locator("option:checked").inner_text()
    importing.get_by_label("Title").click()
    page.keyboard.type(TITLE)
    importing.get_by_role("button", name="Import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert_labelled(page)

    page.get_by_role("region", name="Filing packets").get_by_role("link", name="Application for T Nonimmigrant Status (Form I-914)").click()
    expect(page.get_by_role("heading", name="Exhibits")).to_be_visible()
    expect(page.get_by_text("No exhibits yet.")).to_be_visible()
    assert_labelled(page)

    # Each exhibit of the fixture, in its order, with its short name, title, source and date.
    upload = page.get_by_role("form", name="Add an exhibit")
    for number, exhibit in enumerate(exhibits(), start=1):
        upload.get_by_label("File (PDF, PNG or JPEG").set_input_files(FIXTURE / exhibit["file"])
        upload.get_by_label("Title").fill(exhibit["title"])
        upload.get_by_label("Short name").fill(exhibit["id"])
        if "source" in exhibit:
            upload.get_by_label("Source").fill(exhibit["source"])
        if "date" in exhibit:
            upload.get_by_label("Date").fill(exhibit["date"])
        upload.get_by_role("button", name="Upload").click()
        expect(page.locator(".exhibit")).to_have_count(number)
        expect(page.locator("#upload-error")).to_have_count(0)
        # Back at #exhibits, its heading in sight.
        assert_below_header(page, page.get_by_role("heading", name="Exhibits", exact=True))
        assert_labelled(page)
    letters = page.locator(".exhibit-letter").all_inner_texts()
    assert [text.split("(")[0].strip() for text in letters] == [f"Exhibit {letter}" for letter in "ABCDEF"]
    assert [page.locator(f"#exhibit-{n + 1} code").inner_text() for n in range(6)] == [e["id"] for e in exhibits()]
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "packet", height=1200)

    # Built with the Bates prefix DOE, downloaded as the PDF and as the ZIP.
    page.get_by_label("Bates prefix").fill("DOE")
    with page.expect_download(timeout=60_000) as pdf_download:
        page.get_by_role("button", name="Download the packet (PDF)").click()
    pdf_path = tmp_path / "packet.pdf"
    pdf_download.value.save_as(pdf_path)
    with page.expect_download(timeout=60_000) as zip_download:
        page.get_by_role("button", name="Download all files (ZIP)").click()
    zip_path = tmp_path / "packet.zip"
    zip_download.value.save_as(zip_path)

    # The command line's packet of the same case, for comparison.
    cli_folder = tmp_path / "cli"
    made = engross("packet", "packets/t-visa", str(FIXTURE / "case.json"), "-o", str(cli_folder), "--bates", "DOE",
                   "--forms", str(ROOT / "Fixtures/forms"))
    assert made.returncode == 0, made.stderr.decode()
    cli_pdf = next(cli_folder.glob("*.pdf"))

    pages = pdf_pages(pdf_path)
    assert pages == pdf_pages(cli_pdf) and pages > 6
    texts = pdf_text(pdf_path).split("\f")
    for number in range(1, pages + 1):
        assert f"DOE-{number:06d}" in texts[number - 1], f"page {number} has no stamp DOE-{number:06d}"

    with zipfile.ZipFile(zip_path) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
    cli_names = {str(path.relative_to(cli_folder)) for path in cli_folder.rglob("*") if path.is_file()}
    assert "manifest.json" in names and any(name.startswith("documents/") and name.endswith(".docx") for name in names)
    assert names == cli_names
    assert manifest["bates"] == "DOE"
    # The exhibits in the fixture's order, each the very bytes uploaded.
    assert [e["id"] for e in manifest["exhibits"]] == [e["id"] for e in exhibits()]
    assert [e["sha256"] for e in manifest["exhibits"]] == [
        hashlib.sha256((FIXTURE / e["file"]).read_bytes()).hexdigest() for e in exhibits()]

    assert_log_clean(server, typed_values)
